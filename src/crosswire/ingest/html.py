"""HTML pages: the article's main text and metadata, never markup, scripts or page furniture.

trafilatura finds the main text (dropping navigation, comments, ads) and reads the metadata a
news page carries (``og:``/``article:`` tags, JSON-LD). When it finds nothing (a very short or
badly broken page) the page's visible text is taken with lxml instead, after removing every
element whose content is not shown as text, so a script's source can never become article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

# Elements whose content is code, styling or hidden, never text a reader sees.
_NON_TEXT_ELEMENTS = ("head", "script", "style", "noscript", "template", "iframe", "object", "svg")
# Only web addresses are kept as an article's url: a page can put "javascript:..." in its links.
_URL_SCHEMES = ("http://", "https://")
# htmldate's "extensive search" guesses dates from free text (copyright lines, "updated" notes);
# a wrong publication date is worse than none, since times are normalised against it.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Characters HTML forbids and lxml refuses to hold (C0 controls but tab, newline, carriage return;
# the noncharacters U+FFFE/U+FFFF): a browser drops them, and so do we before parsing.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class HtmlDocument:
    """What a page gives: its text (lines of the main content) and whatever metadata it declares."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as the page gives it; parsed by the reader like any other date
    url: str | None = None


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(_URL_SCHEMES) else None


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; without it the text starts with the
    dateline, where ``parse_dateline`` looks for it."""
    first, sep, rest = text.partition("\n")
    if title and sep and first.strip() == title.strip() and rest.strip():
        return rest
    return text


def _with_trafilatura(markup: str) -> HtmlDocument | None:
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        return None
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = _clean(meta.get("text"))
    if text is None:
        return None
    title = _clean(meta.get("title"))
    return HtmlDocument(
        text=_drop_title_line(text, title),
        title=title,
        outlet=_clean(meta.get("sitename")),
        published=_clean(meta.get("date")),
        url=_safe_url(_clean(meta.get("url"))),
    )


def _with_lxml(markup: str) -> HtmlDocument | None:
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return None
    titles = root.xpath("//title/text()")
    title = _clean(titles[0]) if titles else None
    for element in root.xpath("|".join(f"//{tag}" for tag in _NON_TEXT_ELEMENTS)):
        if element.getparent() is not None:
            element.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    text = "\n".join(line for line in lines if line)
    return HtmlDocument(text=text, title=title) if text else None


def extract_html(markup: str) -> HtmlDocument | None:
    """The article in an HTML page, or None when the page has no text at all."""
    markup = _NOT_IN_HTML.sub("", markup)
    try:
        document = _with_trafilatura(markup)
    except (ValueError, TypeError, lxml.etree.LxmlError):  # trafilatura on pathological markup
        document = None
    return document or _with_lxml(markup)
