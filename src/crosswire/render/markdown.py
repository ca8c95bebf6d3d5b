"""Markdown: a briefing an editor can paste, with every claim followed by its citation.

Article text is data: every article-derived string goes through ``_md`` (or ``_code``), so a report
cannot add HTML, links, images, emphasis, headings, list items or table cells, and what it says is
shown exactly ("[sic]" still reads "[sic]").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from crosswire.model import Briefing, StoryBriefing
from crosswire.render import renderer
from crosswire.render.common import Cited, cite, figure_value, published, shown, speaker_name

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


def story_markdown(story: StoryBriefing) -> list[str]:
    out = [f"## {_md(story.headline)}", "", f"Story {_code(story.id)} · {len(story.articles)} reports",
           "", "| article | outlet | published | title |", "|---|---|---|---|"]
    out += [f"| {_md(a.id)} | {_md(a.outlet or '?')} | {_md(published(a))} "
            f"| {_md(a.title)} |" for a in story.articles]
    if story.summary:
        out += ["", "### Summary", ""]
        out += [f"- {_md(s.text)} " + " ".join(_ref(c) for c in s.citations) for s in story.summary]
    if story.comparisons:
        figures = {f.id: f for f in story.figures}
        out += ["", "### Figures compared", "", "| what | verdict | figures |", "|---|---|---|"]
        for c in story.comparisons:
            cells = "; ".join(f"{_md(figure_value(figures[f]))} ({_md(figures[f].article)})"
                              for f in c.figures)
            out.append(f"| {_md(c.what)} | **{_md(c.verdict)}** | {cells} |")
    if story.quotes:
        out += ["", "### Who said what", ""]
        out += [f"- **{_md(speaker_name(q))}**: {'“' if q.direct else ''}{_md(q.reading)}"
                f"{'”' if q.direct else ''} {_ref(q)}" for q in story.quotes]
    if story.entities:
        out += ["", "### Who and where", "", "| name | type | also written | mentions |", "|---|---|---|---|"]
        out += [f"| {_md(e.name)} | {_md(e.type)} | {_md(', '.join(e.aliases))} | {len(e.mentions)} |"
                for e in story.entities]
    if story.timeline:
        out += ["", "### Timeline", ""]
        out += [f"- **{_md(t.date or 'relative')}** ({_md(t.precision)}): {_md(t.text)} {_ref(t)}"
                for t in story.timeline]
    return out + [""]


@renderer("md")
def render_markdown(briefing: Briefing, texts: Mapping[str, str]) -> str:
    lines = ["# crosswire briefing", ""]
    for story in briefing.stories:
        lines += story_markdown(story)
    return "\n".join(lines)
