"""Briefings and story lists kept in memory for a short while, so a busy server does not decode the
same stored briefing, or count every story again, on every request.

The store keeps each story's briefing (``Service.brief`` reads it back in one row) but decoding it
into model values costs milliseconds per report, and the story list needs the briefing of every row
shown (for its conflicts) and every story's row (one aggregate over the collection: tens of ms at
a few thousand reports). Within ``ttl_s`` both are taken from here; an ingest through this app
clears everything, so the app's own writes show at once, and a change made by another process (an
ingest or reanalysis from the CLI) shows within ``ttl_s``. When an entry grows old, one request reads
it again while the others are served the old one meanwhile (no stampede of identical reads when many
readers arrive at once, which is what made the tail latency under load).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

from crosswire.model import StoryBriefing, StoryRow
from crosswire.service import Service

# How long a briefing is reused before it is read again: what a reader may wait to see another
# process's changes.
TTL_S = 30.0
# Stories kept (least recently used dropped first): a few hundred large briefings, some tens of MB.
MAX_STORIES = 500


# Story lists kept (one per name asked for, and the whole list).
MAX_LISTS = 64


class ReadCache:
    """Recently read story briefings and story lists, shared by every thread of the app."""

    def __init__(self, ttl_s: float = TTL_S, max_stories: int = MAX_STORIES):
        self.ttl_s, self.max_stories = ttl_s, max_stories
        self._kept: OrderedDict[str, tuple[float, StoryBriefing]] = OrderedDict()
        self._lists: OrderedDict[str | None, tuple[float, list[StoryRow]]] = OrderedDict()
        self._lock = threading.Lock()
        self._reading: set[tuple[str, str | None]] = set()  # entries one thread is reading again

    def _claim(self, key: tuple[str, str | None], kept: tuple | None, now: float) -> bool:
        """Whether this thread should read ``key`` again (call with the lock held): it is missing, or old
        and nobody else is reading it; an old entry another thread is reading is served as it is."""
        if kept is not None and (now - kept[0] < self.ttl_s or key in self._reading):
            return False
        self._reading.add(key)
        return True

    def stories(self, service: Service, entity: str | None = None) -> list[StoryRow]:
        """``service.stories(entity=entity)``, read again only once ``ttl_s`` old."""
        now, key = time.monotonic(), ("list", entity)
        with self._lock:
            kept = self._lists.get(entity)
            if not self._claim(key, kept, now):
                return kept[1]
        try:
            rows = service.stories(entity=entity)
        finally:
            with self._lock:
                self._reading.discard(key)
        with self._lock:
            self._lists[entity] = (now, rows)
            self._lists.move_to_end(entity)
            while len(self._lists) > MAX_LISTS:
                self._lists.popitem(last=False)
        return rows

    def brief(self, service: Service, story_ids: Sequence[str]) -> list[StoryBriefing]:
        """The briefings of ``story_ids`` in order, reading from ``service`` only those not kept or too old;
        ``NotFound`` names unknown ids, as ``Service.brief`` does."""
        now = time.monotonic()
        found: dict[str, StoryBriefing] = {}
        missing: list[str] = []
        with self._lock:
            for story_id in dict.fromkeys(story_ids):
                kept = self._kept.get(story_id)
                if self._claim(("story", story_id), kept, now):
                    missing.append(story_id)
                else:
                    found[story_id] = kept[1]
                    self._kept.move_to_end(story_id)
        if missing:
            try:
                read = service.brief(missing).stories
            finally:
                with self._lock:
                    self._reading.difference_update(("story", s) for s in missing)
            found.update((b.id, b) for b in read)
            with self._lock:
                for briefing in read:
                    self._kept[briefing.id] = (now, briefing)
                    self._kept.move_to_end(briefing.id)
                while len(self._kept) > self.max_stories:
                    self._kept.popitem(last=False)
        return [found[s] for s in story_ids]

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._lists.clear()
