"""An article's text as given, with every item analysis found in it marked and addressable.

Items nest (a name inside a statement, a figure inside a sentence that is cited), and HTML elements
must nest too, so the marks are laid out as a sequence of pieces (text, open a mark, close a mark)
that a template writes out as they come, escaping the text. Each item gets the fragment id its
links use: ``m<n>`` names, ``q<n>`` statements, ``f<n>`` figures, ``t<n>`` dates, in analysis order
from 1 (``model.item_id``: ``<article>:q3`` is ``#q3``), and
``c-START-END`` for a span asked for with ``?hl=START-END`` (a summary citation, a timeline entry).
A mark that crosses the end of the mark it starts inside (rare: spans from different finders) is
cut at that end, so its start stays linkable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.model import POSITION, ArticleAnalysis, Quote
from crosswire.render.common import value_text

# Kinds, outermost first when two marks cover the same span.
KIND_ORDER = ("cited", "zone", "quote", "figure", "time", "name")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KIND_ORDER: the CSS class
    id: str | None  # the fragment that addresses it
    title: str  # what it is, shown on hover


@dataclass(frozen=True)
class Piece:
    """One step of the marked-up text: some text, the opening of a mark, or the closing of the last one."""

    text: str = ""
    open: Mark | None = None
    close: bool = False


def span_id(start: int, end: int) -> str:
    return f"c-{start}-{end}"


def _attributed(quote: Quote) -> str:
    """How the quote is attributed, before its speaker: "said by", "reported by", "position (back) of"."""
    if quote.kind == POSITION:
        return f"position ({quote.cue}) of"
    return "said by" if quote.direct else "reported by"


def item_marks(analysis: ArticleAnalysis) -> list[Mark]:
    """A mark for every name, statement, figure, date and non-report zone of an article."""
    marks = [Mark(m.start, m.end, "name", f"m{n}", m.label) for n, m in enumerate(analysis.mentions, 1)]
    marks += [Mark(q.start, q.end, "quote", f"q{n}", f"{_attributed(q)} {q.speaker or 'unattributed'}")
              for n, q in enumerate(analysis.quotes, 1)]
    marks += [Mark(f.start, f.end, "figure", f"f{n}",
                   " ".join(filter(None, (value_text(f.low, f.high, f.approx, f.unit), f.what))))
              for n, f in enumerate(analysis.figures, 1)]
    marks += [Mark(t.start, t.end, "time", f"t{n}", t.value or "relative date")
              for n, t in enumerate(analysis.times, 1)]
    marks += [Mark(z.start, z.end, "zone", None, f"not the report: {z.kind}") for z in analysis.zones]
    return marks


def cited_mark(start: int, end: int) -> Mark:
    return Mark(start, end, "cited", span_id(start, end), "the cited span")


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut into pieces with ``marks`` opened and closed around their spans, properly nested."""
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    ordered = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)),
                     key=lambda m: (m.start, -m.end, order[m.kind]))
    out: list[Piece] = []
    stack: list[Mark] = []
    pos = 0

    def advance(to: int) -> None:
        nonlocal pos
        if to > pos:
            out.append(Piece(text=text[pos:to]))
            pos = to

    def close_until(at: int) -> None:
        while stack and stack[-1].end <= at:
            advance(stack.pop().end)
            out.append(Piece(close=True))

    for mark in ordered:
        close_until(mark.start)
        if stack and mark.end > stack[-1].end:
            mark = dataclasses.replace(mark, end=stack[-1].end)
        advance(mark.start)
        out.append(Piece(open=mark))
        stack.append(mark)
    close_until(len(text))
    advance(len(text))
    return out
