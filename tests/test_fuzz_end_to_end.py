"""Fuzz: a hostile corpus through ingest, brief and every renderer.

Article text is data, never markup: whatever a report's text, title, outlet or id holds, the
JSON keeps its characters, the HTML and the Markdown (as a CommonMark renderer turns it into
HTML) carry no script, svg, event handler or javascript: link, and the terminal gets no escape
code but rich's own colours.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from briefing_checks import assert_spans_read_back, assert_valid
from fuzz_strategies import corpus_text, hostile_text, share
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from crosswire.jobs import ingest_articles
from crosswire.model import Article
from crosswire.render import render
from crosswire.render.terminal import render_terminal
from crosswire.service import Service
from crosswire.store import Store

# A report that gives every finder something (dateline, names, a quote, figures, a date) with
# hostile text spliced in, so hostile characters reach every section of the briefing.
TEMPLATE = ('OSKVAR - {0} Lena Moor of the National Water Authority said "{1}" on Monday. '
            'About 1,500 people {2} fled, and 2,000 {0} were told to leave, Moor said.')
UNSAFE_ELEMENTS = frozenset({"script", "svg", "iframe", "object", "embed", "math"})
_SGR = re.compile(r"\x1b\[[0-9;]*m")


class _Elements(HTMLParser):
    """Every element and attribute as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert_html(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag not in UNSAFE_ELEMENTS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)


@st.composite
def hostile_article(draw: st.DrawFn, number: int) -> Article:
    pieces = [draw(hostile_text) for _ in range(3)]
    text = TEMPLATE.format(*pieces)
    if draw(st.booleans()):
        text = draw(corpus_text) + " , lena moor said . " + pieces[0].lower()
    return Article(id=f"r{number}-{draw(hostile_text)}", text=text, title=draw(st.none() | hostile_text),
                   outlet=draw(st.none() | hostile_text))


corpora = st.integers(1, 3).flatmap(lambda n: st.tuples(*(hostile_article(k) for k in range(n))))


@given(corpora)
@share(0.4)
def test_fuzz_hostile_corpus_renders_inert(corpus: tuple[Article, ...]) -> None:
    store = Store(":memory:")
    report = ingest_articles(list(corpus), store)
    service = Service(store)
    briefing = service.brief()
    texts = service.evidence(briefing)
    assert service.brief() == briefing  # as kept in the store and read back
    data = briefing.to_json()

    assert json.loads(render("json", briefing, texts)) == data
    assert_valid(data)
    assert_spans_read_back(data, texts)
    given_by_id = {a.id: a for a in corpus}
    for story in data["stories"]:
        for row in story["articles"]:
            article = given_by_id[row["id"]]
            assert texts[row["id"]] == article.text and row["title"] == article.title
            assert article.outlet is None or row["outlet"] == article.outlet

    assert_inert_html(render("html", briefing, texts))
    markdown = MarkdownIt("commonmark", {"html": True}).enable("table").render(render("md", briefing, texts))
    assert_inert_html(markdown)
    for mark in ("<script", "<svg", 'href="javascript:'):
        assert mark not in markdown.lower()

    for output in (render("terminal", briefing, texts), render_terminal(briefing, texts, color=True)):
        assert "\x1b" not in _SGR.sub("", output), repr(output)
