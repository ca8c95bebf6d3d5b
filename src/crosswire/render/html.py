"""A self-contained HTML page: the briefing, with each cited span's context one click away.

Every string from an article is escaped: article text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from crosswire.render import renderer
from crosswire.render.common import cite, figure_value, one_line, snippet, speaker_name

STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;
vertical-align:top}details{display:inline}summary{cursor:pointer;color:#06c;display:inline}
.ev{display:block;background:#f6f6f6;padding:.3rem .6rem;margin:.2rem 0}mark{background:#ffe28a}"""


def _evidence(texts: Mapping[str, str], item: Mapping) -> str:
    parts = snippet(texts, item)
    label = escape(cite(item))
    if parts is None:
        return f"<code>{label}</code>"
    before, span, after = (escape(p) for p in parts)
    return (f"<details><summary>{label}</summary><span class=ev>…{before}<mark>{span}</mark>{after}…</span>"
            "</details>")


def _rows(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _story(story: dict, texts: Mapping[str, str]) -> str:
    e = lambda s: escape(one_line(s or ""))  # noqa: E731
    out = [f"<h2>{e(story['headline'])}</h2><p>story <code>{e(story['id'])}</code></p>",
           _rows(["article", "outlet", "published", "title"],
                 [[e(a["id"]), e(a["outlet"] or "?"), e(a["published"] or "undated"), e(a["title"])]
                  for a in story["articles"]])]
    if story["summary"]:
        out.append("<h3>Summary</h3><ul>" + "".join(
            f"<li>{e(s['text'])} " + " ".join(_evidence(texts, c) for c in s["citations"]) + "</li>"
            for s in story["summary"]) + "</ul>")
    if story["comparisons"]:
        figures = {f["id"]: f for f in story["figures"]}
        out.append("<h3>Figures compared</h3>" + _rows(["what", "verdict", "figures"], [
            [e(c["what"]), f"<b>{e(c['verdict'])}</b>",
             "<br>".join(f"{e(figure_value(figures[f]))} {_evidence(texts, figures[f])}" for f in c["figures"])]
            for c in story["comparisons"]]))
    if story["quotes"]:
        out.append("<h3>Who said what</h3>" + _rows(["speaker", "quote", "source"], [
            [e(speaker_name(q)), e(q["reading"]), _evidence(texts, q)] for q in story["quotes"]]))
    if story["entities"]:
        out.append("<h3>Who and where</h3>" + _rows(["name", "type", "also written", "mentions"], [
            [e(x["name"]), e(x["type"]), e(", ".join(x["aliases"])), str(len(x["mentions"]))]
            for x in story["entities"]]))
    if story["timeline"]:
        out.append("<h3>Timeline</h3>" + _rows(["date", "what", "source"], [
            [e(t["date"] or "relative"), e(t["text"]), _evidence(texts, t)] for t in story["timeline"]]))
    return "\n".join(out)


@renderer("html")
def render_html(briefing: dict, texts: Mapping[str, str]) -> str:
    body = "\n".join(_story(s, texts) for s in briefing["stories"])
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>crosswire briefing</title>"
            f"<style>{STYLE}</style></head><body><h1>crosswire briefing</h1>\n{body}\n</body></html>\n")
