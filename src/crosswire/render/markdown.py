"""Markdown: a briefing an editor can paste, with every claim followed by its citation.

Article text is data: every article-derived string goes through ``_md`` (or ``_code``), so a report
cannot add HTML, links, images, emphasis, headings, list items or table cells, and what it says is
shown exactly ("[sic]" still reads "[sic]").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from crosswire.model import Briefing
from crosswire.render import renderer
from crosswire.render.common import (Cited, cite, compared_what, copied, dating_notes, figure_value, published, said,
                                     shown)
from crosswire.render.digest import (FULL_HINT, SHOWN_CITATIONS, SHOWN_FIGURES_PER_COMPARISON, StoryDigest, cut,
                                     digest, left_out)

# Characters CommonMark/GFM may read as syntax anywhere in a line: \ escapes; ` code; * emphasis,
# and _ too unless it sits between two letters or digits (intraword, where it cannot open or close);
# [ ] links, images and reference definitions (escaping them also disarms "!" and a link's "(…)");
# < raw HTML and autolinks; & entity references; | table cells; ~ strikethrough; # a heading or
# its closing sequence; > a block quote.
_SYNTAX = re.compile(r"[\\`*\[\]<>&|~#]|(?<![^\W_])_|_(?![^\W_])")
# What starts a list item or thematic break at the head of a block: "-", "+", or "1." / "1)" then a space.
_LIST_MARKER = re.compile(r"^(?:[-+]|\d{1,9}[.)](?=\s|$))")


def _md(text: str | None) -> str:
    """An article-derived string as literal Markdown text, on one line.

    CommonMark lets any ASCII punctuation be backslash-escaped, so escaping is always correct; it is
    applied only to the characters above (everywhere) and to a list marker at the very start (the one
    place where article text can begin a block: our lines start with "- ", "## " or "| "), which keeps
    the source readable: "U.S." and "(AP)" stay as written. ``shown`` first drops control characters.
    """
    text = _SYNTAX.sub(r"\\\g<0>", shown(text))
    return _LIST_MARKER.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def _code(text: str) -> str:
    """``text`` as inline code: a backtick fence longer than any run inside, so none can close it
    (padded with spaces, which CommonMark strips, when the text starts or ends with a backtick)."""
    text = shown(text)
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _ref(item: Cited) -> str:
    """A citation, shown in brackets that are text, not a link."""
    return f"\\[{_md(cite(item))}\\]"


def _more(notes: dict[str, str], section: str) -> list[str]:
    return ["", f"*… {_md(notes[section])} ({FULL_HINT}).*"] if section in notes else []


def story_markdown(d: StoryDigest) -> list[str]:
    story, notes = d.story, left_out(d)
    out = [f"## {_md(story.headline)}", "", f"Story {_code(story.id)} · {_md(d.coverage)}"]
    if d.full:
        out += ["", "| article | outlet | published | title | copy of |", "|---|---|---|---|---|"]
        out += [f"| {_md(a.id)} | {_md(a.outlet or '?')} | {_md(published(a))} "
                f"| {_md(a.title)} | {_md(copied(story, a))} |" for a in story.articles]
    if d.summary:
        out += ["", "### Summary", ""]
        for s in d.summary:
            cited = cut(s.citations, SHOWN_CITATIONS, d.full)
            out.append(f"- {_md(s.text)} " + " ".join(_ref(c) for c in cited.items)
                       + (f" +{cited.left_out} more" if cited.left_out else ""))
    if d.comparisons.items:
        figures = {f.id: f for f in story.figures}
        outlets = {a.id: a.outlet for a in story.articles}
        out += ["", "### Figures compared", "", "| what | verdict | figures |", "|---|---|---|"]
        for c in d.comparisons.items:
            listed = cut(c.figures, SHOWN_FIGURES_PER_COMPARISON, d.full)
            cells = "; ".join(f"{_md(figure_value(f))} ({_md(outlets.get(f.article) or f.article)})"
                              for f in (figures[i] for i in listed.items))
            if listed.left_out:
                cells += f"; +{listed.left_out} more"
            out.append(f"| {_md(compared_what(c))} | **{_md(c.verdict)}** | {cells} |")
        dated = dating_notes(d.comparisons.items)
        if dated:
            out.append("")
            out += [f"- *{_md(what)}*: {_md(note)}" for what, note in dated]
        if d.full:  # why each was judged one quantity
            out += [""] + [f"- *{_md(compared_what(c))}*: {_md(c.basis)}" for c in d.comparisons.items if c.basis]
    out += _more(notes, "comparisons")
    if d.speakers.items:
        out += ["", "### Who said what", ""]
        for group in d.speakers.items:
            more = f" (+{group.statements.left_out} more)" if group.statements.left_out else ""
            out.append(f"- **{_md(group.speaker)}**{more}")
            for st in group.statements.items:
                q, also = st.quote, f" (+{st.reports - 1} reports)" if st.reports > 1 else ""
                out.append(f"  - {_md(said(q, q.reading))} {_ref(q)}{also}")
    out += _more(notes, "statements")
    if d.entities.items:
        out += ["", "### Who and where", "", "| name | type | also written | reports | mentions |", "|---|---|---|---|---|"]
        out += [f"| {_md(e.name)} | {_md(e.type)} | {_md(', '.join(a for a in e.aliases if a != e.name))} "
                f"| {len({m.article for m in e.mentions})} | {len(e.mentions)} |" for e in d.entities.items]
    out += _more(notes, "entities")
    if d.timeline.items:
        out += ["", "### Timeline", ""]
        out += [f"- **{_md(t.date or 'relative')}** ({_md(t.precision)}): {_md(t.text)} {_ref(t)}"
                for t in d.timeline.items]
    out += _more(notes, "timeline")
    return out + [""]


@renderer("md")
def render_markdown(briefing: Briefing, texts: Mapping[str, str], *, full: bool = False) -> str:
    """Each story's digest (``render.digest``), or everything with ``full``."""
    lines = ["# crosswire briefing", ""]
    for story in briefing.stories:
        lines += story_markdown(digest(story, full=full))
    return "\n".join(lines)
