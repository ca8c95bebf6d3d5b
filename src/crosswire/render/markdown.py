"""Markdown: a briefing an editor can paste, with every claim followed by its citation."""

from __future__ import annotations

from collections.abc import Mapping

from crosswire.render import renderer
from crosswire.render.common import cite, figure_value, one_line, speaker_name


def _esc(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def story_markdown(story: dict) -> list[str]:
    out = [f"## {_esc(story['headline'])}", "", f"Story `{story['id']}` · {len(story['articles'])} reports", ""]
    out += ["| article | outlet | published | title |", "|---|---|---|---|"]
    out += [f"| {a['id']} | {a['outlet'] or '?'} | {a['published'] or 'undated'} | {_esc(a['title'] or '')} |"
            for a in story["articles"]]
    if story["summary"]:
        out += ["", "### Summary", ""]
        out += [f"- {_esc(s['text'])} " + " ".join(f"[{cite(c)}]" for c in s["citations"]) for s in story["summary"]]
    if story["comparisons"]:
        figures = {f["id"]: f for f in story["figures"]}
        out += ["", "### Figures compared", "", "| what | verdict | figures |", "|---|---|---|"]
        for c in story["comparisons"]:
            cells = "; ".join(f"{figure_value(figures[f])} ({figures[f]['article']})" for f in c["figures"])
            out.append(f"| {_esc(c['what'])} | **{c['verdict']}** | {_esc(cells)} |")
    if story["quotes"]:
        out += ["", "### Who said what", ""]
        out += [f"- **{_esc(speaker_name(q))}**: {'“' if q['direct'] else ''}{_esc(q['reading'])}"
                f"{'”' if q['direct'] else ''} [{cite(q)}]" for q in story["quotes"]]
    if story["entities"]:
        out += ["", "### Who and where", "", "| name | type | also written | mentions |", "|---|---|---|---|"]
        out += [f"| {_esc(e['name'])} | {e['type']} | {_esc(', '.join(e['aliases']))} | {len(e['mentions'])} |"
                for e in story["entities"]]
    if story["timeline"]:
        out += ["", "### Timeline", ""]
        out += [f"- **{t['date'] or 'relative'}** ({t['precision']}): {_esc(t['text'])} [{cite(t)}]"
                for t in story["timeline"]]
    return out + [""]


@renderer("md")
def render_markdown(briefing: dict, texts: Mapping[str, str]) -> str:
    lines = ["# crosswire briefing", ""]
    for story in briefing["stories"]:
        lines += story_markdown(story)
    return "\n".join(lines)
