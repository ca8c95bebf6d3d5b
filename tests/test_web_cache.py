"""Briefings and story lists reused by the web app: a briefing read again once its story changed, a list
once a report was stored or a recluster pass ran, or after its time to live."""

from __future__ import annotations

import pytest

from crosswire.errors import NotFound
from crosswire.model import Briefing
from crosswire.web.cache import ReadCache
from tests.store_contract import hand_briefing


class CountingService:
    """Stands in for ``Service``: records each read; every known story is at ``versions`` (1), the
    collection at ``mark``."""

    def __init__(self):
        self.calls: list[list[str]] = []
        self.versions: dict[str, int] = {}
        self.mark = (1, 1)

    def ingest_mark(self):
        return self.mark

    def kept_conflicts(self, story_ids):
        self.calls.append(["conflicts", *story_ids])
        return {s: True for s in story_ids if s.startswith("kept")}

    def story_versions(self, story_ids):
        return {s: self.versions.get(s, 1) for s in story_ids if s != "nope"}

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


def test_web_cache_reads_a_briefing_again_once_its_story_changed_and_drops_the_oldest():
    service, cache = CountingService(), ReadCache(ttl_s=0)  # the time to live is the lists' alone
    cache.brief(service, ["a", "b"])
    cache.brief(service, ["a", "b"])
    service.versions["a"] = 2  # a report joined "a", by this process or another
    cache.brief(service, ["b", "a"])
    cache.brief(service, ["a"])
    assert service.calls == [["a", "b"], ["a"]]
    service.calls.clear()
    small = ReadCache(max_stories=2)
    for ids in (["a"], ["b"], ["c"], ["a"]):
        small.brief(service, ids)
    assert service.calls == [["a"], ["b"], ["c"], ["a"]]  # "a" was dropped for "c"


def test_web_cache_story_lists_by_name_until_the_collection_changes():
    service, cache = CountingService(), ReadCache()
    for entity in (None, "Dascu", None, "Dascu"):
        cache.stories(service, entity)
    assert service.calls == [["stories", None], ["stories", "Dascu"]]
    service.mark = (2, 1)  # a report stored, by this process or another
    cache.stories(service)
    cache.stories(service)
    service.mark = (2, 2)  # a recluster pass
    cache.stories(service)
    assert service.calls[2:] == [["stories", None], ["stories", None]]
    expired = ReadCache(ttl_s=0)
    expired.stories(service)
    expired.stories(service)
    assert service.calls[-2:] == [["stories", None], ["stories", None]]


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

    service, cache = SlowService(), ReadCache()
    first = cache.brief(service, ["a"])[0]
    service.versions["a"] = 2
    reader = threading.Thread(target=cache.brief, args=(service, ["a"]))
    reader.start()
    assert started.wait(5)
    assert cache.brief(service, ["a"])[0] is first  # old, served at once: no second read meanwhile
    release.set()
    reader.join(5)
    assert service.calls == [["a"], ["a"]]


def test_web_cache_two_readers_of_a_new_story_read_it_once():
    import threading

    started, release = threading.Event(), threading.Event()

    class SlowService(CountingService):
        def brief(self, story_ids):
            if not self.calls:  # the first read: hold it until the second reader is waiting
                started.set()
                release.wait(5)
            return super().brief(story_ids)

    service, cache = SlowService(), ReadCache()
    first = threading.Thread(target=cache.brief, args=(service, ["a"]))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=cache.brief, args=(service, ["a", "b"]))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert service.calls == [["a"], ["b"]]  # the second found "a" kept by the first


def test_web_cache_conflicts_from_the_store_then_from_briefings_kept_by_version():
    service, cache = CountingService(), ReadCache()
    assert cache.conflicts(service, ["kept-1", "a"]) == {"kept-1": True, "a": False}
    assert cache.conflicts(service, ["a", "kept-1"]) == {"kept-1": True, "a": False}
    assert service.calls == [["conflicts", "kept-1", "a"], ["a"]]  # "a" had no kept briefing: briefed
    service.versions["kept-1"] = 2
    cache.conflicts(service, ["kept-1", "a"])
    assert service.calls[2:] == [["conflicts", "kept-1"]]
    with pytest.raises(NotFound):
        cache.conflicts(service, ["nope"])
