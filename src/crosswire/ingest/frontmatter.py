"""Front matter: simple ``key: value`` lines between ``---`` fences at the top of a .txt/.md file.

Parsed by hand rather than with a YAML library: the keys crosswire uses are flat strings, and a
full YAML parser would turn ``published: 2017-10-16`` into a date and ``title: No`` into False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crosswire.model import Problem

_FENCE = re.compile(r"---[ \t]*(?:\r?\n|$)")
_CLOSING = ("---", "...")  # YAML allows "..." to end a document
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """The fields found (and their line numbers, for warnings about their values), where the
    body starts in the text, and any lines that made no sense."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_start: int = 0
    problems: tuple[Problem, ...] = ()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str, source: str) -> FrontMatter:
    """Find front matter at the top of ``text``; the body is ``text[body_start:]``, unchanged.

    A block counts as front matter only if it is closed and has at least one ``key: value`` line,
    so a report that merely starts with a ``---`` rule is left whole. Blank lines between the
    closing fence and the body are skipped, so the body (and its content hash) is the same as
    the report's text without front matter.
    """
    if not _FENCE.match(text):
        return FrontMatter()
    lines = text.splitlines(keepends=True)
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    bad: list[tuple[int, str]] = []
    offset = len(lines[0])
    for number, line in enumerate(lines[1:], start=2):
        offset += len(line)
        content = line.rstrip("\r\n")
        if content.rstrip() in _CLOSING:
            break
        if not content.strip() or content.lstrip().startswith(("#", "- ")) or content[:1].isspace():
            continue  # blank, comment, YAML list item or continuation: nothing crosswire reads
        if match := _KEY_VALUE.match(content):
            key = match.group(1).lower()
            fields[key] = _unquote(match.group(2) or "").strip()
            field_lines[key] = number
        else:
            bad.append((number, content))
    else:
        return FrontMatter()  # never closed: not front matter
    if not fields:
        return FrontMatter()
    while offset < len(text):
        line_end = text.find("\n", offset)
        line = text[offset:] if line_end < 0 else text[offset : line_end + 1]
        if line.strip():
            break
        offset += len(line)
    problems = tuple(
        Problem(
            source,
            f"front matter line {content!r} is not 'key: value'; fix or remove it",
            line=number,
            kind="invalid",
        )
        for number, content in bad
    )
    return FrontMatter(fields, field_lines, offset, problems)
