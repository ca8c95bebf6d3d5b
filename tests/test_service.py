"""The service front ends call: reading articles, and reanalysing exactly what an older analyzer analysed."""

from __future__ import annotations

import datetime as dt

import pytest

import crosswire.analyze
from crosswire.errors import NotFound
from crosswire.fuse.briefing import FUSER_VERSION
from crosswire.model import Article
from crosswire.service import Service
from crosswire.store import Store
from tests.store_contract import EARNINGS, FLOOD_A, FLOOD_B

FLOOD = [Article("a", FLOOD_A, outlet="Wire", published=dt.date(2030, 3, 4)),
         Article("b", FLOOD_B, outlet="Herald", published=dt.date(2030, 3, 5))]


def test_service_article_gives_the_text_as_given():
    service = Service(Store())
    service.ingest_articles(FLOOD)
    assert service.article("b") == FLOOD[1]
    with pytest.raises(NotFound, match="no article 'nope'"):
        service.article("nope")


def test_service_reanalyze_touches_exactly_the_stale_articles(monkeypatch, tmp_path):
    store = Store(tmp_path / "x.db")
    service = Service(store)
    service.ingest_articles(FLOOD)
    newer = crosswire.analyze.ANALYZER_VERSION + 1
    monkeypatch.setattr(crosswire.analyze, "ANALYZER_VERSION", newer)
    service.ingest_articles([Article("c", EARNINGS, outlet="Ledger")])
    flood, earnings = store.story_ids()
    service.brief()  # both briefings kept
    before = {s: store.stored_briefing(s, FUSER_VERSION) for s in (flood, earnings)}

    report = service.reanalyze()
    assert (report.reanalysed, report.stories, report.problems) == (["a", "b"], [flood], [])
    assert [store.analysis(x).analyzer for x in "abc"] == [newer] * 3
    assert store.stored_briefing(flood, FUSER_VERSION) == (before[flood][0] + 2, None)  # rebuilt when asked
    assert store.stored_briefing(earnings, FUSER_VERSION) == before[earnings]  # untouched
    assert [a.id for a in service.brief([flood]).stories[0].articles] == ["a", "b"]
    assert service.reanalyze().reanalysed == []


def test_service_reanalyze_restores_a_lowercased_report_again_once_a_cased_one_taught_its_names():
    service = Service(Store())
    lowered = Article("low", "kormut , vesnia ( wire ) - mirela dascu , the mayor of kormut , said the levee broke "
                             "and the vesna river authority sent rescuers .", outlet="Wire")
    cased = Article("cased", "KORMUT - Mirela Dascu, the mayor of Kormut, said the levee broke on Monday and the "
                             "Vesna River Authority sent rescuers to Kormut.", outlet="Herald")
    service.ingest_articles([lowered])
    before = service.mentions("Mirela Dascu")
    service.ingest_articles([cased])
    assert [s.id for s in service.stories()] == [service.story_ids_for(["low"])[0]]  # one story
    report = service.reanalyze()
    assert report.reanalysed == ["low"]
    found = service.mentions("Mirela Dascu")
    assert [m.article for m in found].count("low") > [m.article for m in before].count("low")
    assert service.reanalyze().reanalysed == []


def _partition(service: Service, level: str = "event") -> set[frozenset[str]]:
    rows = service.stories(level="event")
    members: dict[str, set[str]] = {}
    for row in rows:
        key = row.id if level == "event" else row.storyline
        members.setdefault(key, set()).update(a.id for a in service.brief([row.id]).stories[0].articles)
    return {frozenset(m) for m in members.values()}


def test_service_stories_are_the_same_in_any_arrival_order(examples_dir, seeds_dir):
    from crosswire.ingest import read_paths

    reports = [a for a in read_paths([examples_dir, seeds_dir]) if isinstance(a, Article)]
    runs = []
    for order in (reports, list(reversed(reports)), reports[3:] + reports[:3]):
        service = Service(Store())
        service.ingest_articles(order[:4])  # two ingest runs, each ending with a recluster pass
        report = service.ingest_articles(order[4:])
        assert report.reclustered is not None and report.reclustered.new == len(order) - 4
        runs.append((_partition(service), _partition(service, "storyline")))
    assert runs[0] == runs[1] == runs[2]
    events, storylines = runs[0]
    raqqa = next(e for e in events if any(a.startswith("000_") for a in e))
    assert raqqa == {a.id for a in reports if a.id.startswith(("000_", "003_"))}  # the seed pair, alone
    assert len(events) >= 3 and all(any(e <= s for s in storylines) for e in events)  # events nest


def test_service_brief_of_a_storyline_fuses_all_its_stories():
    service = Service(Store())
    service.ingest_articles(FLOOD + [Article("c", EARNINGS, outlet="Ledger")])
    (flood,) = [r for r in service.stories(level="storyline") if r.articles == 2]
    (story,) = service.brief_storyline(flood.id).stories
    assert story.id == flood.id and sorted(a.id for a in story.articles) == ["a", "b"]
    events = {row.id for row in service.stories() if row.storyline == flood.id}
    # each report names its event, one of the storyline's stories; a story's own briefing names none
    assert all(a.event in events for a in story.articles)
    assert all(a.event is None for s in service.brief(sorted(events)).stories for a in s.articles)
    with pytest.raises(NotFound, match="no storyline"):
        service.brief_storyline("l-nope")
    assert service.recluster().window == 0  # nothing new since the ingest's own pass


def test_a_reports_own_words_begin_after_its_dateline_and_byline():
    from crosswire.model import ArticleAnalysis, Dateline, Zone

    text = "RAQA - By the CNN Wire Staff\nNEW : Fighters battled on. Posted by : x | Report abuse"
    analysis = ArticleAnalysis("a", text, dateline=Dateline(0, 6, "Raqa", None),
                               zones=(Zone(7, 28, "byline"), Zone(29, 34, "byline"), Zone(53, 80, "comments")))
    assert text[analysis.body_start(text):].startswith("Fighters battled")
    assert ArticleAnalysis("b", "  plain").body_start("  plain") == 2
    assert ArticleAnalysis("c", "x", zones=(Zone(0, 5, "furniture"),)).body_start("Share") == 0  # nothing else
