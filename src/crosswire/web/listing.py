"""The story list both the page and the API show: filtered, sorted, one page at a time.

The service lists every story (one aggregate query) and finds articles by words; choosing, ordering
and cutting the rows is the list's own business, kept here as plain functions of those results.
Whether a story holds conflicting figures needs its briefing, so it is asked only for the rows of
the page shown (kept briefings are read back, not fused again, and reused a while: ``web.cache``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from crosswire.model import SearchHit, StoryBriefing, StoryRow
from crosswire.service import Service
from crosswire.web.cache import ReadCache

Sort = Literal["recent", "size"]
# Articles a full-text search looks at to find stories: the best this many hits name the stories listed.
SEARCH_HITS = 100
# Matching reports shown above the stories a search found.
SHOWN_HITS = 5
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class StoryQuery:
    """What a reader asked of the story list; every filter is optional and they combine (AND)."""

    q: str | None = None  # words every listed story's reports hold (full-text search)
    entity: str | None = None  # a name, any spelling
    outlet: str | None = None  # an outlet that reported the story (case-insensitive)
    since: dt.date | None = None  # reported on or after
    until: dt.date | None = None  # reported on or before
    sort: Sort = "recent"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


@dataclass(frozen=True)
class ListedStory:
    row: StoryRow
    conflicts: bool  # some figure comparison of the story is a conflict


@dataclass(frozen=True)
class StoryPage:
    stories: tuple[ListedStory, ...]
    total: int  # stories matching, over all pages
    query: StoryQuery
    hits: tuple[SearchHit, ...] = field(default=())  # the best matching reports, for a search

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def _overlaps(row: StoryRow, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether the story was reported within [since, until]; an undated story matches no date range."""
    if since is None and until is None:
        return True
    if row.first is None or row.last is None:
        return False
    return (since is None or row.last >= since.isoformat()) and (until is None or row.first <= until.isoformat())


def _sorted(rows: Sequence[StoryRow], sort: Sort) -> list[StoryRow]:
    """Most recent (latest report) or largest first; ties by the other, then by id, so pages are stable."""
    if sort == "size":
        return sorted(rows, key=lambda r: (-r.articles, _descending(r.last), r.id))
    return sorted(rows, key=lambda r: (_descending(r.last), -r.articles, r.id))


def _descending(date: str | None) -> tuple:
    """A sort key putting later ISO dates first and undated last."""
    return (date is None, tuple(-ord(c) for c in date or ""))


def conflicts(story: StoryBriefing) -> bool:
    return any(c.verdict == "conflict" for c in story.comparisons)


def list_stories(service: Service, cache: ReadCache, query: StoryQuery) -> StoryPage:
    """The page of stories ``query`` asks for, with the conflicts of those rows and, for a search, the
    best matching reports; story rows and briefings are read through ``cache``."""
    rows = cache.stories(service, query.entity)
    hits: list[SearchHit] = []
    if query.q:
        hits = service.search(query.q, SEARCH_HITS)
        found = {h.story for h in hits}
        rows = [r for r in rows if r.id in found]
    if query.outlet:
        wanted = query.outlet.casefold()
        rows = [r for r in rows if any(o.casefold() == wanted for o in r.outlets)]
    rows = [r for r in rows if _overlaps(r, query.since, query.until)]
    start = (query.page - 1) * query.per_page
    shown = _sorted(rows, query.sort)[start:start + query.per_page]
    briefed = cache.brief(service, [r.id for r in shown])
    return StoryPage(tuple(ListedStory(r, conflicts(b)) for r, b in zip(shown, briefed)), len(rows), query,
                     tuple(hits[:SHOWN_HITS]))
