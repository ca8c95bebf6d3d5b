"""Terminal output: rich tables, one panel of sections per story."""

from __future__ import annotations

import io
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from crosswire.render import renderer
from crosswire.render.common import cite, figure_value, one_line, speaker_name

QUOTE_WIDTH = 160  # characters of a quote shown before it is cut


def _cut(text: str, width: int = QUOTE_WIDTH) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def print_story(console: Console, story: dict) -> None:
    console.rule(f"[bold]{story['headline']}[/bold]")
    console.print(f"story [cyan]{story['id']}[/cyan] · {len(story['articles'])} reports")
    articles = _table("Reports", "article", "outlet", "published", "form")
    for a in story["articles"]:
        form = ", ".join(k for k, v in (a.get("form") or {}).items() if v) or "as published"
        articles.add_row(a["id"], a["outlet"] or "?", a["published"] or "undated", form)
    console.print(articles)
    if story["summary"]:
        console.print("[bold]Summary[/bold]")
        for s in story["summary"]:
            console.print(f" • {one_line(s['text'])} [dim]{' '.join(cite(c) for c in s['citations'])}[/dim]")
    if story["comparisons"]:
        figures = {f["id"]: f for f in story["figures"]}
        table = _table("Figures compared", "what", "verdict", "figures")
        for c in story["comparisons"]:
            cells = "\n".join(f"{figure_value(figures[f])}  {figures[f]['article']}"
                              + (f" ({figures[f]['source']})" if figures[f].get("source") else "")
                              for f in c["figures"])
            table.add_row(c["what"], c["verdict"], cells)
        console.print(table)
    if story["quotes"]:
        table = _table("Who said what", "speaker", "quote", "source")
        for q in story["quotes"]:
            table.add_row(speaker_name(q), ("“%s”" if q["direct"] else "%s") % _cut(q["reading"]), cite(q))
        console.print(table)
    if story["entities"]:
        table = _table("Who and where", "name", "type", "also written", "mentions")
        for e in story["entities"]:
            table.add_row(e["name"], e["type"], ", ".join(e["aliases"]), str(len(e["mentions"])))
        console.print(table)
    if story["timeline"]:
        table = _table("Timeline", "date", "what", "source")
        for t in story["timeline"]:
            table.add_row(t["date"] or "relative", _cut(t["text"]), cite(t))
        console.print(table)


@renderer("terminal")
def render_terminal(briefing: dict, texts: Mapping[str, str], *, color: bool = False, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, no_color=not color)
    for story in briefing["stories"]:
        print_story(console, story)
    return buffer.getvalue()
