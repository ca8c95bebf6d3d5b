"""Briefings and story lists kept in memory, so a busy server does not decode the same stored
briefing, or count every story again, on every request.

The store keeps each story's briefing (``Service.brief`` reads it back in one row) but decoding it
into model values costs milliseconds per report (tens of ms for a large story); the story list needs
whether the figures of each row shown conflict (read inside the store from the kept briefing, nothing
decoded, or from the briefing when none is kept) and every story's row (one aggregate over the
collection: tens of ms at a few thousand reports, far more on a busy machine).

Both are checked against the store on each use, each in one indexed query, so a change made by this
app or by another process (an ingest from the CLI, another worker of this server) shows at once:
a briefing (and whether its figures conflict) is kept with the story version it was read at and served while the story still has that
version (``Service.story_versions``, for all the ids a page shows), so an unchanged story is never
decoded twice; a story list is kept with the ingest mark it was read under (``Service.ingest_mark``:
no report stored and no recluster pass since) and at most ``ttl_s``, the time a reanalysis (which
changes leads but no mark) takes to show. When an entry is out of date, one request reads it again
while the others are served the one kept meanwhile (no stampede of identical reads when many
readers arrive at once).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

from crosswire.model import StoryBriefing, StoryRow
from crosswire.service import Service

# How long a story list is reused at most: what a reader may wait to see a reanalysis in the list.
TTL_S = 30.0
# Stories kept (least recently used dropped first): a few hundred large briefings, some tens of MB.
MAX_STORIES = 500
# Story lists kept (one per name asked for, and the whole list).
MAX_LISTS = 64


class ReadCache:
    """Story briefings by version and recent story lists, shared by every thread of the app."""

    def __init__(self, ttl_s: float = TTL_S, max_stories: int = MAX_STORIES):
        self.ttl_s, self.max_stories = ttl_s, max_stories
        self._kept: OrderedDict[str, tuple[int, StoryBriefing]] = OrderedDict()
        self._conflicts: dict[str, tuple[int, bool]] = {}  # a few bytes per story listed
        self._lists: OrderedDict[str | None, tuple[tuple[int, int], float, list[StoryRow]]] = OrderedDict()
        self._lock = threading.Lock()
        # Briefings are read by one thread at a time: fusing one is CPU-bound (no faster side by side
        # under the GIL), and a thread that waited finds kept what the one before it read, so two
        # readers of one new story never fuse it twice.
        self._read_lock = threading.Lock()
        self._reading: set[str] = set()  # stories the thread holding the read lock is reading again
        self._listing: set[str | None] = set()  # lists a thread is reading again

    def stories(self, service: Service, entity: str | None = None) -> list[StoryRow]:
        """``service.stories(entity=entity)``, read again once the ingest mark changed or ``ttl_s`` old."""
        mark, now = service.ingest_mark(), time.monotonic()  # the mark first: a list is never older than its mark
        with self._lock:
            kept = self._lists.get(entity)
            if kept is not None and ((kept[0] == mark and now - kept[1] < self.ttl_s) or entity in self._listing):
                return kept[2]
            self._listing.add(entity)
        try:
            rows = service.stories(entity=entity)
        finally:
            with self._lock:
                self._listing.discard(entity)
        with self._lock:
            self._lists[entity] = (mark, now, rows)
            self._lists.move_to_end(entity)
            while len(self._lists) > MAX_LISTS:
                self._lists.popitem(last=False)
        return rows

    def conflicts(self, service: Service, story_ids: Sequence[str]) -> dict[str, bool]:
        """Whether some figure comparison of each story is a conflict: kept by story version, else read in
        the store from its kept briefing (``Service.kept_conflicts``), else from its briefing (fused and
        kept on the way); ``NotFound`` names unknown ids."""
        versions = service.story_versions(story_ids)
        with self._lock:
            found = {s: kept[1] for s in story_ids
                     if (kept := self._conflicts.get(s)) is not None and kept[0] == versions.get(s)}
        missing = [s for s in dict.fromkeys(story_ids) if s not in found]
        if missing:
            read = service.kept_conflicts(missing)
            unkept = [s for s in missing if s not in read]
            if unkept:
                read.update((b.id, conflicted(b)) for b in self.brief(service, unkept))
            with self._lock:
                self._conflicts.update((s, (versions[s], flag)) for s, flag in read.items() if s in versions)
            found.update(read)
        return found

    def brief(self, service: Service, story_ids: Sequence[str]) -> list[StoryBriefing]:
        """The briefings of ``story_ids`` in order, reading from ``service`` only those not kept at the
        story's current version; ``NotFound`` names unknown ids, as ``Service.brief`` does."""
        # Versions are read before briefings, so a briefing is never kept under a version newer than it.
        versions = service.story_versions(story_ids)
        found, missing = self._current(story_ids, versions)
        if missing:
            with self._read_lock:
                more, missing = self._current(missing, versions)
                found.update(more)
                if missing:
                    found.update(self._read(service, missing, versions))
        return [found[s] for s in story_ids]

    def _current(self, story_ids: Sequence[str], versions: dict[str, int]
                 ) -> tuple[dict[str, StoryBriefing], list[str]]:
        """The briefings kept at their story's version (or at an older one while the reading thread
        reads it again: served meanwhile), and the ids of the others."""
        found: dict[str, StoryBriefing] = {}
        missing: list[str] = []
        with self._lock:
            for story_id in dict.fromkeys(story_ids):
                kept = self._kept.get(story_id)
                if kept is not None and (kept[0] == versions.get(story_id) or story_id in self._reading):
                    found[story_id] = kept[1]
                    self._kept.move_to_end(story_id)
                else:
                    missing.append(story_id)
        return found, missing

    def _read(self, service: Service, story_ids: list[str], versions: dict[str, int]) -> dict[str, StoryBriefing]:
        """Read these briefings and keep each under the version read before it (call with the read lock)."""
        with self._lock:
            self._reading.update(story_ids)
        try:
            read = service.brief(story_ids).stories
        finally:
            with self._lock:
                self._reading.difference_update(story_ids)
        with self._lock:
            for briefing in read:
                if briefing.id in versions:
                    self._kept[briefing.id] = (versions[briefing.id], briefing)
                    self._kept.move_to_end(briefing.id)
            while len(self._kept) > self.max_stories:
                self._kept.popitem(last=False)
        return {b.id: b for b in read}


def conflicted(story: StoryBriefing) -> bool:
    return any(c.verdict == "conflict" for c in story.comparisons)
