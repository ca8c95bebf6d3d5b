"""A self-contained HTML page: the briefing, with each cited span's context one click away.

Every string from an article is data, never markup: it is shown without control characters
(``shown``/``snippet``) and escaped, and a Content-Security-Policy forbids scripts, images, frames,
forms and outside requests should anything ever slip through (the page needs only its inline style).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from crosswire.model import Briefing, StoryBriefing
from crosswire.render import renderer
from crosswire.render.common import Cited, cite, figure_value, published, shown, snippet, speaker_name

STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;
vertical-align:top}details{display:inline}summary{cursor:pointer;color:#06c;display:inline}
.ev{display:block;background:#f6f6f6;padding:.3rem .6rem;margin:.2rem 0}mark{background:#ffe28a}"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _e(text: str | None) -> str:
    """An article-derived string as HTML text: one line, no control characters, escaped."""
    return escape(shown(text))


def _evidence(texts: Mapping[str, str], item: Cited) -> str:
    parts = snippet(texts, item)
    label = _e(cite(item))
    if parts is None:
        return f"<code>{label}</code>"
    before, span, after = (escape(p) for p in parts)
    return (f"<details><summary>{label}</summary><span class=ev>…{before}<mark>{span}</mark>{after}…</span>"
            "</details>")


def _rows(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _story(story: StoryBriefing, texts: Mapping[str, str]) -> str:
    out = [f"<h2>{_e(story.headline)}</h2><p>story <code>{_e(story.id)}</code></p>",
           _rows(["article", "outlet", "published", "title"],
                 [[_e(a.id), _e(a.outlet or "?"), _e(published(a)), _e(a.title)]
                  for a in story.articles])]
    if story.summary:
        out.append("<h3>Summary</h3><ul>" + "".join(
            f"<li>{_e(s.text)} " + " ".join(_evidence(texts, c) for c in s.citations) + "</li>"
            for s in story.summary) + "</ul>")
    if story.comparisons:
        figures = {f.id: f for f in story.figures}
        out.append("<h3>Figures compared</h3>" + _rows(["what", "verdict", "figures"], [
            [_e(c.what), f"<b>{_e(c.verdict)}</b>",
             "<br>".join(f"{_e(figure_value(figures[f]))} {_evidence(texts, figures[f])}" for f in c.figures)]
            for c in story.comparisons]))
    if story.quotes:
        out.append("<h3>Who said what</h3>" + _rows(["speaker", "quote", "source"], [
            [_e(speaker_name(q)), _e(q.reading), _evidence(texts, q)] for q in story.quotes]))
    if story.entities:
        out.append("<h3>Who and where</h3>" + _rows(["name", "type", "also written", "mentions"], [
            [_e(x.name), _e(x.type), _e(", ".join(x.aliases)), str(len(x.mentions))]
            for x in story.entities]))
    if story.timeline:
        out.append("<h3>Timeline</h3>" + _rows(["date", "what", "source"], [
            [_e(t.date or "relative"), _e(t.text), _evidence(texts, t)] for t in story.timeline]))
    return "\n".join(out)


@renderer("html")
def render_html(briefing: Briefing, texts: Mapping[str, str]) -> str:
    body = "\n".join(_story(s, texts) for s in briefing.stories)
    return (f'<!doctype html><html lang=en><head><meta charset=utf-8>'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>crosswire briefing</title>'
            f"<style>{STYLE}</style></head><body><h1>crosswire briefing</h1>\n{body}\n</body></html>\n")
