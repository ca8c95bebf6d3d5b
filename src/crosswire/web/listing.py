"""The story list both the page and the API show: filtered, sorted, one page at a time.

The service lists every story (one aggregate query) and finds articles by words; choosing, ordering
and cutting the rows is the list's own business, kept here as plain functions of those results.
Whether a story holds conflicting figures needs its briefing, so it is asked only for the rows of
the page shown (read from the kept briefing inside the store, fused only when none is kept, and
reused while the story is unchanged: ``web.cache``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.listing import Sort, by_outlet, reported_within, sorted_rows
from crosswire.model import SearchHit, StoryRow
from crosswire.service import Service
from crosswire.web.cache import ReadCache

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


def list_stories(service: Service, cache: ReadCache, query: StoryQuery) -> StoryPage:
    """The page of stories ``query`` asks for, with the conflicts of those rows and, for a search, the
    best matching reports; story rows and briefings are read through ``cache``."""
    rows = cache.stories(service, query.entity)
    hits: list[SearchHit] = []
    if query.q:
        hits = service.search(query.q, SEARCH_HITS)
        found = {h.story for h in hits}
        rows = [r for r in rows if r.id in found]
    rows = [r for r in by_outlet(rows, query.outlet) if reported_within(r, query.since, query.until)]
    start = (query.page - 1) * query.per_page
    shown = sorted_rows(rows, query.sort)[start:start + query.per_page]
    conflicts = cache.conflicts(service, [r.id for r in shown])
    return StoryPage(tuple(ListedStory(r, conflicts[r.id]) for r in shown), len(rows), query,
                     tuple(hits[:SHOWN_HITS]))
