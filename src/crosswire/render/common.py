"""Helpers every renderer shares: citations, figure values, evidence snippets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from crosswire.fuse.dating import interval_text
from crosswire.model import POSITION, BriefArticle, BriefFigure, BriefQuote, Comparison, StoryBriefing
from crosswire.restore.detokenize import detokenize

SNIPPET_CONTEXT = 80  # characters shown either side of a cited span


class Cited(Protocol):
    """Any briefing item that points at a span of an article: quotes, figures, citations, timeline entries."""

    article: str
    start: int
    end: int


def cite(item: Cited) -> str:
    return f"{item.article}:{item.start}-{item.end}"


def said(quote: BriefQuote, text: str) -> str:
    """``text`` (the quote's reading, perhaps cut) as a brief shows it: direct speech in quote marks, a
    position after the verb that attributes it ("[backed] the bill"), reported speech as it is."""
    if quote.direct:
        return f"“{text}”"
    return f"[{quote.cue}] {text}" if quote.kind == POSITION and quote.cue else text


def figure_value(figure: BriefFigure) -> str:
    """A compared figure as its report writes it ("at least 15", "$1.6 bn", "more than half"), corpus
    tokenization undone: an editor reads "at least 15", not the range "~15–22.5" it is compared as."""
    return " ".join(detokenize(figure.text)[0].split())


def value_text(low: float, high: float, approx: bool, unit: str | None) -> str:
    """A figure's value as people write it: "~300", "700–1,000", "80%", "5 km"."""
    fmt = (lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,}")
    text = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    if unit == "percent":
        text += "%"
    elif unit:
        text += f" {unit}"
    return ("~" if approx else "") + text


def snippet(texts: Mapping[str, str], item: Cited) -> tuple[str, str, str] | None:
    """(before, span, after) around a cited span, fit to show (context on one line, control characters
    removed); None without the text."""
    text = texts.get(item.article)
    if text is None:
        return None
    start, end = item.start, item.end
    return (shown(text[max(0, start - SNIPPET_CONTEXT):start]), plain(text[start:end]),
            shown(text[end:end + SNIPPET_CONTEXT]))


# Terminal escape sequences (CSI "ESC [ ... letter", OSC "ESC ] ... BEL/ST", and two-byte ESC
# codes), then any remaining C0/C1 control character except tab and newline.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
                      r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """``text`` without control characters or terminal escape sequences: what a person may be
    shown of article text (the JSON contract keeps the characters as given)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def shown(text: str | None) -> str:
    """An article-derived string as a person may see it: one line, no control characters. Every renderer
    but JSON passes each such string (ids and citations too) through this before quoting it its own way."""
    return one_line(plain(text or ""))


def published(article: BriefArticle) -> str:
    """Its publication date, or "undated" with the interval inferred for it (``fuse.dating``)."""
    if article.published:
        return article.published.isoformat()
    return f"undated (written {interval_text(article.inferred)}, inferred)" if article.inferred else "undated"


def copied(story: StoryBriefing, article: BriefArticle) -> str:
    """Whose report a wire copy republishes ("AP's report ap-1"); "" for an original."""
    original = next((a for a in story.articles if a.id == article.copy_of), None)
    return f"{outlet_name(original)}'s report {original.id}" if original else ""


def outlet_name(article: BriefArticle) -> str:
    return article.outlet or "unknown outlet"


def compared_what(comparison: Comparison) -> str:
    """What a comparison's figures count, with what happened to it where its reports say ("people (flee)" beside
    "people (die)"): "people" alone does not tell refugees from the dead."""
    return f"{comparison.what} ({comparison.happened})" if comparison.happened else comparison.what


def dating_notes(comparisons: Iterable[Comparison]) -> list[tuple[str, str]]:
    """(what, note) of each comparison whose verdict rests on, or stops at, an inferred date: the note
    says what the dating shows and, where it cannot order the reports, what is missing."""
    return [(compared_what(c), c.note) for c in comparisons if c.inferred]


def speaker_name(quote: BriefQuote) -> str:
    return quote.speaker.name or "unattributed"
