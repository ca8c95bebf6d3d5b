"""A self-contained HTML page: the briefing, with each cited span's context one click away.

Every string from an article is data, never markup: it is shown without control characters
(``shown``/``snippet``) and escaped, and a Content-Security-Policy forbids scripts, images, frames,
forms and outside requests should anything ever slip through (the page needs only its inline style).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from urllib.parse import urlsplit

from crosswire.model import Briefing
from crosswire.render import renderer
from crosswire.render.common import (Cited, cite, compared_what, copied, dating_notes, figure_value, published, said,
                                     shown, snippet)
from crosswire.render.digest import Shown, StoryDigest, digest

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


def _link(url: str | None, label: str) -> str:
    """A link to a report's web address, only for http(s) (a report's "url" may hold anything: a
    javascript: or data: address must not become a link); else the label alone."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url.strip(), quote=True)}" rel="noopener noreferrer">{label}</a>'
    return label


def _anchor(story_id: str) -> str:
    return "story-" + escape(shown(story_id), quote=True)


def _section(title: str, rows: Callable[[Sequence], str], shown_: Shown, what: str) -> str:
    """A section's shown items, then the rest folded under "N more" (readable without scripts)."""
    out = f"<h3>{escape(title)}</h3>" + rows(shown_.items)
    if shown_.rest:
        out += f"<details><summary>{shown_.left_out} more {escape(what)}</summary>{rows(shown_.rest)}</details>"
    return out


def _story(d: StoryDigest, texts: Mapping[str, str]) -> str:
    story = d.story
    figures = {f.id: f for f in story.figures}
    outlets = {a.id: a.outlet for a in story.articles}
    out = [f'<h2 id="{_anchor(story.id)}">{_e(story.headline)}</h2>',
           f"<p>story <code>{_e(story.id)}</code> · {_e(d.coverage)}</p>",
           "<details><summary>reports</summary>" + _rows(["article", "outlet", "published", "title", "copy of"], [
               [_link(a.url, _e(a.id)), _e(a.outlet or "?"), _e(published(a)), _e(a.title), _e(copied(story, a))]
               for a in story.articles]) + "</details>"]
    if d.summary:
        out.append("<h3>Summary</h3><ul>" + "".join(
            f"<li>{_e(s.text)} " + " ".join(_evidence(texts, c) for c in s.citations) + "</li>"
            for s in d.summary) + "</ul>")
    if story.comparisons:
        out.append(_section("Figures compared", lambda cs: _rows(["what", "verdict", "figures"], [
            [_e(compared_what(c)) + (f"<br><small>{_e(c.basis)}</small>" if c.basis else ""),
             f"<b>{_e(c.verdict)}</b>" + "".join(f"<br><small>{_e(note)}</small>" for _, note in dating_notes([c])),
             "<br>".join(f"{_e(figure_value(figures[f]))} {_e(outlets.get(figures[f].article) or '')} "
                         f"{_evidence(texts, figures[f])}" for f in c.figures)]
            for c in cs]), d.comparisons, "comparisons"))
    if story.quotes:
        out.append(_section("Who said what", lambda groups: _rows(["speaker", "said"], [
            [_e(g.speaker), "<br>".join(f"{_e(said(st.quote, st.quote.reading))} " + " ".join(_evidence(texts, q) for q in st.quotes)
                                        for st in g.statements.items + g.statements.rest)]
            for g in groups]), d.speakers, "speakers"))
    if story.entities:
        out.append(_section("Who and where", lambda es: _rows(["name", "type", "also written", "reports", "mentions"], [
            [_e(x.name), _e(x.type), _e(", ".join(a for a in x.aliases if a != x.name)),
             str(len({m.article for m in x.mentions})), str(len(x.mentions))] for x in es]),
            d.entities, "names"))
    if story.timeline:
        out.append(_section("Timeline", lambda ts: _rows(["date", "what", "source"], [
            [_e(t.date or "relative"), _e(t.text), _evidence(texts, t)] for t in ts]), d.timeline, "entries"))
    return "\n".join(out)


def _index(briefing: Briefing) -> str:
    """Links to every story of a page that holds more than one."""
    if len(briefing.stories) < 2:
        return ""
    items = "".join(f'<li><a href="#{_anchor(s.id)}">{_e(s.headline)}</a> ({len(s.articles)} reports)</li>'
                    for s in briefing.stories)
    return f"<nav><h2>{len(briefing.stories)} stories</h2><ol>{items}</ol></nav>"


@renderer("html")
def render_html(briefing: Briefing, texts: Mapping[str, str], *, full: bool = False) -> str:
    """One page: an index of the stories, then each story's digest with the rest one click away
    (``full``: everything open)."""
    body = "\n".join(_story(digest(s, full=full), texts) for s in briefing.stories)
    return (f'<!doctype html><html lang=en><head><meta charset=utf-8>'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>crosswire briefing</title>'
            f"<style>{STYLE}</style></head><body><h1>crosswire briefing</h1>\n{_index(briefing)}\n{body}\n"
            "</body></html>\n")
