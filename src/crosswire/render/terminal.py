"""Terminal output: rich tables, one panel of sections per story.

Article text is data: every article-derived string goes into a rich ``Text`` (never parsed as
markup or emoji codes) after ``shown`` has removed control characters and escape sequences, so a
report can neither break the layout nor reach the terminal ("[/]", "[link=…]", ESC[2J).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crosswire.model import (BriefFigure, Briefing, Comparison, FoundFigure, FoundItem, FoundStatement, SearchHit,
                             SpanRef, StoryChange, StoryRow)
from crosswire.render import renderer
from crosswire.render.common import (cite, compared_what, copied, dating_notes, figure_value, published, said, shown,
                                     value_text)
from crosswire.render.digest import (FULL_HINT, SHOWN_CITATIONS, SHOWN_FIGURES_PER_COMPARISON, StoryDigest, cut,
                                     digest, left_out)

QUOTE_WIDTH = 160  # characters of a quote shown before it is cut
NO_STORIES = "no stories yet: run `crosswire ingest PATH` first"
NO_HITS = "no article holds every word of the query"
NO_CHANGES = "no merge or split yet: recluster passes have kept every story as it was"
NO_STATEMENTS = "no statement by a speaker of that name"
NO_FIGURES = "no figure counts that"


def _text(value: str | None, style: str = "") -> Text:
    """An article-derived string as a literal ``Text``."""
    return Text(shown(value), style=style)


def _cut(text: str, width: int = QUOTE_WIDTH) -> str:
    text = shown(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(title: str | None, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _left_out(console: Console, notes: dict[str, str], section: str) -> None:
    if section in notes:
        console.print(Text(f"  … {notes[section]} ({FULL_HINT})", style="dim"))


def _citations(citations: Sequence[SpanRef], full: bool) -> str:
    cited = cut(citations, SHOWN_CITATIONS, full)
    return " ".join(shown(cite(c)) for c in cited.items) + (f" +{cited.left_out} more" if cited.left_out else "")


def _figures_cell(comparison: Comparison, figures: Mapping[str, BriefFigure], outlets: Mapping[str, str | None],
                  full: bool) -> Text:
    listed = cut(comparison.figures, SHOWN_FIGURES_PER_COMPARISON, full)
    cells = [f"{shown(figure_value(f))} {shown(outlets.get(f.article) or f.article)}"
             + (f" ({shown(f.source)})" if f.source else "") for f in (figures[i] for i in listed.items)]
    return Text("; ".join(cells) + (f"; +{listed.left_out} more" if listed.left_out else ""))


def print_story(console: Console, d: StoryDigest) -> None:
    story, notes = d.story, left_out(d)
    console.rule(_text(story.headline, "bold"))
    console.print(Text.assemble("story ", _text(story.id, "cyan"), " · ", _text(d.coverage)))
    if d.full:
        articles = _table("Reports", "article", "outlet", "published", "form", "copy of")
        for a in story.articles:
            form = ", ".join(k for k, v in a.form.items() if v) or "as published"
            articles.add_row(_text(a.id), _text(a.outlet or "?"), _text(published(a)), _text(form),
                             _text(copied(story, a)))
        console.print(articles)
    if d.summary:
        console.print(Text("Summary", style="bold"))
        for s in d.summary:
            console.print(Text.assemble(" • ", shown(s.text), " ", (_citations(s.citations, d.full), "dim")))
    if d.comparisons.items:
        figures = {f.id: f for f in story.figures}
        outlets = {a.id: a.outlet for a in story.articles}
        table = _table("Figures compared", "what", "verdict", "figures")
        for c in d.comparisons.items:
            table.add_row(_text(compared_what(c)), _text(c.verdict), _figures_cell(c, figures, outlets, d.full))
        console.print(table)
        for what, note in dating_notes(d.comparisons.items):
            console.print(Text.assemble("  ", (shown(what), "bold"), ": ", shown(note)), style="dim")
        for c in d.comparisons.items if d.full else ():  # why each was judged one quantity
            if c.basis:
                console.print(Text.assemble("  ", (shown(compared_what(c)), "bold"), ": ", shown(c.basis)), style="dim")
    _left_out(console, notes, "comparisons")
    if d.speakers.items:
        table = _table("Who said what", "speaker", "said", "source")
        for group in d.speakers.items:
            for n, st in enumerate(group.statements.items):
                q = st.quote
                quote = said(q, _cut(q.reading))
                more = f" (+{group.statements.left_out} more)" if n == 0 and group.statements.left_out else ""
                also = f" +{st.reports - 1} reports" if st.reports > 1 else ""
                table.add_row(_text(group.speaker + more if n == 0 else ""), Text(quote), _text(cite(q) + also))
        console.print(table)
    _left_out(console, notes, "statements")
    if d.entities.items:
        table = _table("Who and where", "name", "type", "also written", "reports", "mentions")
        for e in d.entities.items:
            reports = len({m.article for m in e.mentions})
            table.add_row(_text(e.name), _text(e.type), _text(_cut(", ".join(a for a in e.aliases if a != e.name), 60)),
                          Text(str(reports)), Text(str(len(e.mentions))))
        console.print(table)
    _left_out(console, notes, "entities")
    if d.timeline.items:
        table = _table("Timeline", "date", "what", "source")
        for t in d.timeline.items:
            table.add_row(_text(t.date or "relative"), Text(_cut(t.text)), _text(cite(t)))
        console.print(table)
    _left_out(console, notes, "timeline")


def _story_table(rows: list[StoryRow]) -> Table:
    table = _table(None, "story", "reports", "outlets", "dates", "headline")
    for r in rows:
        dates = r.first if r.first == r.last else f"{r.first} – {r.last}"
        table.add_row(_text(r.id), Text(str(r.articles)), _text(", ".join(r.outlets)),
                      _text(dates or "undated"), _text(r.headline))
    return table


def _console(buffer: io.StringIO, *, color: bool, width: int) -> Console:
    """A console printing into ``buffer``; markup and emoji codes are off, so even a plain ``str``
    that slipped through would print literally."""
    return Console(file=buffer, force_terminal=color, width=width, no_color=not color, markup=False, emoji=False,
                   highlight=False)


def _printed(table: Table, rows: list, empty: str, *, width: int, color: bool) -> str:
    """``table`` printed, or the ``empty`` message when it has no ``rows``."""
    buffer = io.StringIO()
    _console(buffer, color=color, width=width).print(table if rows else Text(empty))
    return buffer.getvalue()


def render_story_list(rows: list[StoryRow], *, width: int, color: bool = False, empty: str = NO_STORIES) -> str:
    """The ``crosswire stories`` table: id, size, outlets, dates, headline (``empty`` when there is none)."""
    return _printed(_story_table(rows), rows, empty, width=width, color=color)


def render_story_changes(changes: list[StoryChange], *, width: int, color: bool = False) -> str:
    """The ``crosswire stories --changes`` table, newest first: when, level, merge or split, the ids."""
    table = _table(None, "when", "level", "change", "story", "parts (id: reports)")
    for c in changes:
        table.add_row(_text(c.at), _text(c.level), _text(c.kind), _text(c.story, "cyan"),
                      _text(", ".join(f"{i}: {n}" for i, n in c.parts)))
    return _printed(table, changes, NO_CHANGES, width=width, color=color)


def render_search_hits(hits: list[SearchHit], *, width: int, color: bool = False) -> str:
    """The ``crosswire search`` table, best first: article, story, outlet, date, headline."""
    table = _table(None, "article", "story", "outlet", "published", "headline")
    for h in hits:
        table.add_row(_text(h.article), _text(h.story, "cyan"), _text(h.outlet or "?"),
                      _text(h.published.isoformat() if h.published else "undated"), _text(h.headline))
    return _printed(table, hits, NO_HITS, width=width, color=color)


def _found_table(*columns: str) -> Table:
    return _table(None, "item", "story", "outlet", "published", *columns)


def _found_cells(item: FoundItem) -> tuple[Text, ...]:
    return (_text(item.id), _text(item.story, "cyan"), _text(item.outlet or "?"),
            _text(item.published.isoformat() if item.published else "undated"))


def render_statements(found: list[FoundStatement], *, width: int, color: bool = False) -> str:
    """The ``crosswire statements`` table, in ingest order: where, who, what was said."""
    table = _found_table("speaker", "said")
    for s in found:
        table.add_row(*_found_cells(s), _text(s.speaker), Text(("“%s”" if s.direct else "%s") % _cut(s.text)))
    return _printed(table, found, NO_STATEMENTS, width=width, color=color)


def render_figures(found: list[FoundFigure], *, width: int, color: bool = False) -> str:
    """The ``crosswire figures`` table, in ingest order: where, the value, what it counts, who gives it."""
    table = _found_table("value", "counts", "given by")
    for f in found:
        table.add_row(*_found_cells(f), _text(value_text(f.low, f.high, f.approx, f.unit)), _text(f.what or "?"),
                      _text(f.source or ""))
    return _printed(table, found, NO_FIGURES, width=width, color=color)


@renderer("terminal")
def render_terminal(briefing: Briefing, texts: Mapping[str, str], *, color: bool = False, width: int = 120,
                    full: bool = False) -> str:
    """Each story's digest (``render.digest``): its most important items, and what was left out
    (``full``: everything)."""
    buffer = io.StringIO()
    console = _console(buffer, color=color, width=width)
    for story in briefing.stories:
        print_story(console, digest(story, full=full))
    return buffer.getvalue()
