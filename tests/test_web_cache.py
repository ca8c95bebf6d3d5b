"""Briefings and story lists reused by the web app: read once within the time to live, again after it or a clear."""

from __future__ import annotations

import pytest

from crosswire.errors import NotFound
from crosswire.model import Briefing
from crosswire.web.cache import ReadCache
from tests.store_contract import hand_briefing


class CountingService:
    """Stands in for ``Service.brief``: records each call's ids."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def stories(self, entity=None):
        self.calls.append(["stories", entity])
        return []

    def brief(self, story_ids):
        self.calls.append(list(story_ids))
        if "nope" in story_ids:
            raise NotFound("no story nope")
        return Briefing(tuple(hand_briefing(s, f"headline {s}") for s in story_ids))


def test_web_cache_reads_only_what_it_does_not_hold():
    service, cache = CountingService(), ReadCache()
    assert [b.id for b in cache.brief(service, ["a", "b"])] == ["a", "b"]
    assert [b.id for b in cache.brief(service, ["b", "c", "a"])] == ["b", "c", "a"]
    assert service.calls == [["a", "b"], ["c"]]
    cache.clear()
    cache.brief(service, ["a"])
    assert service.calls[-1] == ["a"]


def test_web_cache_reads_again_after_its_time_to_live_and_drops_the_oldest():
    service = CountingService()
    expired = ReadCache(ttl_s=0)
    expired.brief(service, ["a"])
    expired.brief(service, ["a"])
    assert service.calls == [["a"], ["a"]]
    small = ReadCache(max_stories=2)
    for ids in (["a"], ["b"], ["c"], ["a"]):
        small.brief(service, ids)
    assert service.calls[2:] == [["a"], ["b"], ["c"], ["a"]]  # "a" was dropped for "c"


def test_web_cache_story_lists_by_name():
    service, cache = CountingService(), ReadCache()
    for entity in (None, "Dascu", None, "Dascu"):
        cache.stories(service, entity)
    assert service.calls == [["stories", None], ["stories", "Dascu"]]
    cache.clear()
    cache.stories(service)
    assert service.calls[-1] == ["stories", None]


def test_web_cache_unknown_story_is_not_found():
    with pytest.raises(NotFound):
        ReadCache().brief(CountingService(), ["a", "nope"])


def test_web_cache_serves_an_old_entry_while_another_request_reads_it_again():
    import threading

    started, release = threading.Event(), threading.Event()

    class SlowService(CountingService):
        def brief(self, story_ids):
            if len(self.calls) == 1:  # the second read: hold it until the test says so
                started.set()
                release.wait(5)
            return super().brief(story_ids)

    service, cache = SlowService(), ReadCache(ttl_s=0)
    first = cache.brief(service, ["a"])[0]
    reader = threading.Thread(target=cache.brief, args=(service, ["a"]))
    reader.start()
    assert started.wait(5)
    assert cache.brief(service, ["a"])[0] is first  # old, served at once: no second read meanwhile
    release.set()
    reader.join(5)
    assert service.calls == [["a"], ["a"]]
