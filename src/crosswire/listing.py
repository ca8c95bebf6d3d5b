"""Choosing, summing up and ordering story rows: what a listing's filters, storylines and sort keys
mean, in one place for every front end (``crosswire stories``, the web app's list and API).

The store lists every story in one aggregate query; these are plain functions of its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from crosswire.fuse.headline import headline
from crosswire.model import StoryRow

Sort = Literal["recent", "size"]
SORTS: tuple[Sort, ...] = ("recent", "size")


def reported_within(row: StoryRow, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether the story was reported within [since, until]; an undated story matches no date range."""
    if since is None and until is None:
        return True
    if row.first is None or row.last is None:
        return False
    return (since is None or row.last >= since.isoformat()) and (until is None or row.first <= until.isoformat())


def by_outlet(rows: Iterable[StoryRow], outlet: str | None) -> list[StoryRow]:
    """The rows an outlet reported (case-insensitive); all of them for None."""
    if not outlet:
        return list(rows)
    wanted = outlet.casefold()
    return [r for r in rows if any(o.casefold() == wanted for o in r.outlets)]


def storyline_rows(stories: Sequence[StoryRow]) -> list[StoryRow]:
    """Story rows summed up by storyline, in the order each storyline's first story was listed; each is
    headed from its stories' headings, as ``brief --storyline`` heads it."""
    groups: dict[str, list[StoryRow]] = {}
    for row in stories:
        groups.setdefault(row.storyline or row.id, []).append(row)
    out = []
    for storyline, rows in groups.items():
        dated = [r for r in rows if r.first]
        out.append(StoryRow(storyline, sum(r.articles for r in rows), tuple(sorted({o for r in rows for o in r.outlets})),
                            min((r.first for r in dated), default=None), max((r.last for r in dated), default=None),
                            headline(h for r in rows for h in r.headings), None, len(rows)))
    return out


def sorted_rows(rows: Sequence[StoryRow], sort: Sort) -> list[StoryRow]:
    """Most recent (latest report) or largest first; ties by the other, then by id, so pages are stable.

    Stable passes, the least significant key first, each on a plain value: the web list sorts every
    story on each request, and one composite key built per row cost milliseconds at a thousand."""
    out = sorted(rows, key=_story_id)
    for key in ((_latest, _size) if sort == "size" else (_size, _latest)):
        out.sort(key=key, reverse=True)  # reverse keeps the order of equal keys
    return out


def _story_id(row: StoryRow) -> str:
    return row.id


def _size(row: StoryRow) -> int:
    return row.articles


def _latest(row: StoryRow) -> str:
    """The latest report's ISO date; undated ("") sorts after every date."""
    return row.last or ""
