"""The store contract (``crosswire.store.base.StoreProtocol``) as tests every backend must pass.

``test_store_contract.py`` runs ``StoreContract`` once per backend through the ``store_url``
fixture (a SQLite file, a fresh PostgreSQL database on a throwaway server).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator

import numpy as np
import pytest

from crosswire.errors import NotFound, StoreError
from crosswire.fuse.briefing import FUSER_VERSION
from crosswire.fuse.embed import DIMENSIONS
from crosswire.fuse.stories import story_id_for
from crosswire.model import (POSITION, Article, ArticleAnalysis, BriefArticle, Comparison, Entity, Figure, Mention, Quote,
                             Sentence, SpanRef, StoryBriefing, StoryChange, Zone, listed_headline)
from crosswire.restore import Lexicon
from crosswire.service import Service
from crosswire.store import Commit, StoreProtocol, open_store
from crosswire.store.postgres import PostgresStore
from crosswire.store.codec import analysis_to_json
from crosswire.store.sqlite import SQLiteStore

FLOOD_A = ("Floodwater from the Vesna river broke through the levee at Kormut on Monday, forcing "
           "families from their homes as rescuers searched flooded streets for survivors.")
FLOOD_B = ("kormutt , vesnia ( wire ) - rescuers searched flooded streets in kormutt after the vesna "
           "river broke through the levee , forcing families from their homes .")
EARNINGS = ("Shares of the chip maker Tellurix rose after quarterly earnings beat analyst forecasts, "
            "with revenue from data-centre processors doubling on the year.")


def pair(article_id: str, text: str, **meta) -> tuple[Article, ArticleAnalysis]:
    """An article and a hand-built analysis whose spans read back from the text."""
    first = text.split()[0]
    analysis = ArticleAnalysis(
        article_id=article_id, reading_text=text, form={"lowercased": text.islower()},
        sentences=(Sentence(0, len(text)),), mentions=(Mention(0, len(first), first, "ORG"),),
        quotes=(Quote(0, len(first), first, False, None),),
        figures=(Figure(0, len(first), first, 1, 1, False, None, "thing"),),
        zones=(Zone(len(text) - 1, len(text), "furniture"),))
    return Article(id=article_id, text=text, **meta), analysis


def named(article_id: str, text: str, names: list[tuple[str, str]]) -> tuple[Article, ArticleAnalysis]:
    """``pair`` with these names as its mentions, each at its first place in ``text``."""
    article, analysis = pair(article_id, text)
    mentions = tuple(Mention(text.index(n), text.index(n) + len(n), n, label) for n, label in names)
    return article, dataclasses.replace(analysis, mentions=mentions)


FUSER = "test-fuser"


def hand_briefing(story_id: str, headline: str) -> StoryBriefing:
    """A briefing no fusion would build, to tell a kept briefing from a rebuilt one."""
    return StoryBriefing(id=story_id, headline=headline,
                         articles=(BriefArticle("a", "Wire", dt.date(2030, 3, 4), None, None, {"lowercased": False},
                                                None),),
                         entities=(Entity("e1", "Kormut", "GPE", ("Kormut",), (SpanRef("a", 0, 6),), "kormut"),),
                         quotes=(), figures=(), comparisons=(), timeline=(), summary=())


def learnt_from(text: str) -> Lexicon:
    lexicon = Lexicon()
    lexicon.observe_text(text)
    lexicon.observe_name("Vesna River Authority", "ORG")
    return lexicon


def raw_execute(url: str, statement: str) -> None:
    """Change a database behind crosswire's back (to stand in for another crosswire version)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(statement)
    else:
        with sqlite3.connect(url) as conn:
            conn.execute(statement)


def open_before(url: str, migration_suffix: str) -> StoreProtocol:
    """The store at ``url`` migrated only up to the backend's migration named ``*migration_suffix``: what
    the crosswire before that migration wrote."""
    backend = PostgresStore if url.startswith("postgresql://") else SQLiteStore
    names = [m.__name__ for m in backend.migrations]
    upto = next(i for i, name in enumerate(names) if name.endswith(migration_suffix))
    earlier: dict = {"migrations": backend.migrations[:upto]}
    if not any(name.endswith("_items") for name in names[:upto]):
        earlier["_insert_items"] = lambda self, analysis: None  # that crosswire kept analyses whole only
    if not any(name.endswith("_storylines") for name in names[:upto]):
        earlier["_insert_story"] = lambda self, story_id, norm, storyline: self._sql(
            "INSERT INTO stories (id, seq, norm) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM stories), ?)",
            (story_id, norm))
    if not any(name.endswith("_article_leads") for name in names[:upto]):
        earlier["_insert_analysis"] = lambda self, analysis: self._sql(
            "INSERT INTO analyses (article_id, analysis, analyzer, lowercased, made_seq) VALUES "
            "(?, ?, ?, ?, (SELECT max(seq) FROM articles))",
            (analysis.article_id, analysis_to_json(analysis), analysis.analyzer, bool(analysis.form.get("lowercased"))))
    if not any(name.endswith("_analysis_columns") for name in names[:upto]):
        earlier["_insert_analysis"] = lambda self, analysis: self._sql(
            "INSERT INTO analyses (article_id, analysis, analyzer) VALUES (?, ?, ?)",
            (analysis.article_id, analysis_to_json(analysis), analysis.analyzer))
    if not any(name.endswith("_placed_count") for name in names[:upto]):
        earlier["_placed_count"] = lambda self: self._sql("SELECT count(*) AS n FROM story_articles").fetchone()["n"]
    return type("EarlierStore", (backend,), earlier)(url)


HARBOUR_STRIKE = ("The harbour strike spread on Monday as dock workers walked out, and the strike closed the "
                  "harbour while strike leaders met.")
HARBOUR_OPEN = ("The harbour reopened on Monday as dock workers returned, and ferries sailed again while "
                "union leaders met.")
HOSTILE_QUERIES = ['"', '*', 'AND (', "'; DROP TABLE articles; --", 'levee"', 'NEAR(levee kormut', '\x00',
                   "levee:*", "!levee & (", "''", "^levee"]


class StoreContract:
    @pytest.fixture
    def store(self, store_url: str) -> Iterator[StoreProtocol]:
        store = open_store(store_url)
        yield store
        store.close()

    def test_store_commit_roundtrips_article_and_analysis(self, store):
        article, analysis = pair("a1", FLOOD_A, title="Levee breaks", outlet="Wire", published=dt.date(2030, 3, 4),
                                 url="https://example.org/a1", source="a1.txt", line=3)
        stored = store.commit(article, analysis)
        assert (stored.article_id, stored.duplicate, stored.renamed_from) == ("a1", False, None)
        assert store.articles() == [article]
        assert store.analysis("a1") == analysis
        assert store.known_contents([article.content_hash, "0" * 64]) == {article.content_hash: "a1"}
        assert store.count_articles() == 1
        with pytest.raises(KeyError):
            store.analysis("nope")

    def test_store_same_text_again_is_a_no_op(self, store):
        first = store.commit(*pair("a1", FLOOD_A))
        again = store.commit(*pair("other-id", FLOOD_A))
        assert again.duplicate and (again.article_id, again.story_id) == ("a1", first.story_id)
        assert store.count_articles() == 1

    def test_store_id_clash_with_other_text_is_renamed(self, store):
        store.commit(*pair("a1", FLOOD_A))
        article, analysis = pair("a1", EARNINGS)
        stored = store.commit(article, analysis)
        renamed = f"a1~{article.content_hash[:8]}"
        assert (stored.article_id, stored.renamed_from) == (renamed, "a1")
        assert store.analysis(renamed).article_id == renamed
        assert [a.id for a in store.articles()] == ["a1", renamed]

    def test_store_failed_commit_leaves_nothing(self, store):
        article, analysis = pair("a1", FLOOD_A)
        unserialisable = ArticleAnalysis("a1", FLOOD_A, form={"lowercased": object()})
        with pytest.raises(TypeError):
            store.commit(article, unserialisable)
        assert store.count_articles() == 0 and store.story_ids() == []
        assert store.commit(article, analysis).article_id == "a1"

    @pytest.mark.issue(13)
    def test_store_commit_many_is_each_commit_in_turn_in_one_transaction(self, store):
        """A batch does what its commits one by one would do, in order: stories, a duplicate within
        the batch, an id clash; and a batch that fails leaves nothing of any of its articles."""
        batch = [pair("a", FLOOD_A, published=dt.date(2030, 3, 4)), pair("c", EARNINGS), pair("dup", FLOOD_A),
                 pair("a", FLOOD_B, published=dt.date(2030, 3, 5))]
        stored = store.commit_many([Commit(*p) for p in batch])
        clash = f"a~{batch[3][0].content_hash[:8]}"
        assert [(s.article_id, s.duplicate, s.renamed_from) for s in stored] == [
            ("a", False, None), ("c", False, None), ("a", True, None), (clash, False, "a")]
        assert stored[0].story_id == stored[3].story_id != stored[1].story_id
        later = EARNINGS + " Shares fell later."
        unserialisable = ArticleAnalysis("e", later, form={"lowercased": object()})
        lead = np.full(DIMENSIONS, 0.5, dtype=np.float32).tobytes()
        with pytest.raises(TypeError):
            store.commit_many([Commit(*pair("d", FLOOD_B + " Later."), lead=lead),
                               Commit(pair("e", later)[0], unserialisable, lead=lead)])
        assert [a.id for a in store.articles()] == ["a", "c", clash]
        assert store._leads is None  # what "d" added to the in-memory lead index is not kept

    def test_store_places_articles_in_stories(self, store):
        a = store.commit(*pair("a", FLOOD_A, outlet="Wire", published=dt.date(2030, 3, 4)))
        c = store.commit(*pair("c", EARNINGS, outlet="Ledger", title="Tellurix beats"))
        b = store.commit(*pair("b", FLOOD_B, outlet="Herald", title="Levee breaks", published=dt.date(2030, 3, 2)))
        assert a.story_id == b.story_id != c.story_id
        assert store.story_ids() == [a.story_id, c.story_id]
        assert store.story_ids(["c", "b", "missing"]) == [a.story_id, c.story_id]
        assert [x.id for x, _ in store.story_items(a.story_id)] == ["a", "b"]
        assert [y.article_id for _, y in store.story_items(a.story_id)] == ["a", "b"]
        assert store.story_items("s-unknown") == []

    def test_store_places_an_article_only_in_a_story_reported_near_its_date(self, store):
        a = store.commit(*pair("a", FLOOD_A, published=dt.date(2030, 3, 4)))
        later = store.commit(*pair("b", FLOOD_B, published=dt.date(2031, 3, 4)))
        undated = store.commit(*pair("c", FLOOD_A + " Rescuers went on.", published=None))
        near = store.commit(*pair("d", FLOOD_B + " Rescuers went on.", published=dt.date(2031, 3, 9)))
        assert later.story_id != a.story_id  # the same words a year on: another event
        assert undated.story_id in (a.story_id, later.story_id)
        assert near.story_id == later.story_id

    def test_store_story_rows_aggregate(self, store):
        store.commit(*pair("a", FLOOD_A, outlet="Wire", title="Levee breaks", published=dt.date(2030, 3, 4)))
        store.commit(*pair("b", FLOOD_B, outlet="Herald", published=dt.date(2030, 3, 2)))
        store.commit(*pair("d", FLOOD_A + " Updated.", outlet="Wire", title="", published=dt.date(2030, 3, 6)))
        store.commit(*pair("c", EARNINGS))
        flood, earnings = store.story_rows()
        assert (flood.articles, flood.outlets, flood.first, flood.last) == (3, ("Herald", "Wire"), "2030-03-02",
                                                                         "2030-03-06")
        assert flood.headline == "Levee breaks"  # the one title: "d", later, has an empty one
        assert [(h.article, h.published, h.title) for h in flood.headings] == [
            ("d", "2030-03-06", ""), ("a", "2030-03-04", "Levee breaks"), ("b", "2030-03-02", None)]  # latest first
        assert flood.headings[2].lead == FLOOD_B[:-1]  # its own words, up to the zone at its end
        assert (earnings.articles, earnings.outlets, earnings.first) == (1, (), None)
        assert earnings.headline == listed_headline(None, EARNINGS[:-1])

    def test_store_lexicon_adds_what_each_commit_learnt(self, store):
        store.commit(*pair("a", FLOOD_A), learnt_from(FLOOD_A))
        store.commit(*pair("b", EARNINGS), learnt_from(EARNINGS))
        store.commit(*pair("c", FLOOD_B))  # lowercased: teaches nothing
        expected = learnt_from(FLOOD_A)
        expected.merge(learnt_from(EARNINGS))
        assert store.lexicon() == expected
        assert dict(store.lexicon().names())["Vesna River Authority"] == "ORG"

    def test_store_lexicon_of_a_batch_is_what_its_stored_articles_taught(self, store):
        """A batch teaches its stored articles' lexicons summed; a duplicate within it teaches nothing."""
        store.commit_many([Commit(*pair("a", FLOOD_A), learnt_from(FLOOD_A)),
                           Commit(*pair("dup", FLOOD_A), learnt_from(FLOOD_A)),
                           Commit(*pair("b", EARNINGS), learnt_from(EARNINGS))])
        expected = learnt_from(FLOOD_A)
        expected.merge(learnt_from(EARNINGS))
        assert store.lexicon() == expected

    def test_store_reopened_keeps_everything_and_migrates_once(self, store_url):
        first = open_store(store_url)
        stored = first.commit(*pair("a", FLOOD_A), learnt_from(FLOOD_A))
        first.close()
        again = open_store(store_url, create=False)
        assert again.story_ids() == [stored.story_id] and again.lexicon() == learnt_from(FLOOD_A)
        assert again.commit(*pair("b", FLOOD_B)).story_id == stored.story_id
        again.close()

    def test_store_refuses_newer_database(self, store_url):
        open_store(store_url).close()
        raw_execute(store_url, "INSERT INTO _migrations (name, seq) VALUES ('m999_future', 999)")
        with pytest.raises(StoreError, match="newer crosswire"):
            open_store(store_url)

    def test_store_create_false_refuses_a_database_without_a_store(self, store_url):
        if not store_url.startswith("postgresql://"):
            sqlite3.connect(store_url).close()  # an empty file
        with pytest.raises(StoreError, match="no crosswire store"):
            open_store(store_url, create=False)

    # ------------------------------------------------------------------ stored briefings

    def test_store_briefing_kept_while_its_story_is_unchanged(self, store):
        story_id = store.commit(*pair("a", FLOOD_A)).story_id
        assert store.stored_briefing(story_id, FUSER) == (1, None)
        kept = hand_briefing(story_id, "Levee breaks")
        store.save_briefing(story_id, 1, FUSER, kept)
        assert store.stored_briefing(story_id, FUSER) == (1, kept)
        assert store.stored_briefing(story_id, "other fusion code") == (1, None)
        store.commit(*pair("c", EARNINGS))  # another story: this one is unchanged
        assert store.stored_briefing(story_id, FUSER) == (1, kept)
        assert store.stored_briefing("s-unknown", FUSER) is None

    def test_store_story_versions_count_each_change(self, store):
        story_id = store.commit(*pair("a", FLOOD_A)).story_id
        assert store.story_versions([story_id, "s-unknown"]) == {story_id: 1}
        store.commit(*pair("b", FLOOD_B))
        assert store.story_versions([story_id]) == {story_id: 2}
        assert store.story_versions([]) == {}

    def test_store_ingest_mark_grows_with_each_report_stored(self, store):
        empty = store.ingest_mark()
        store.commit(*pair("a", FLOOD_A))
        first = store.ingest_mark()
        assert first[0] > empty[0]
        assert store.commit(*pair("again", FLOOD_A)).duplicate and store.ingest_mark() == first
        store.commit(*pair("b", FLOOD_B))
        assert store.ingest_mark()[0] > first[0]

    def test_store_briefing_conflicts_read_from_current_kept_briefings(self, store):
        flood = store.commit(*pair("a", FLOOD_A)).story_id
        earnings = store.commit(*pair("c", EARNINGS)).story_id
        assert store.briefing_conflicts([flood, earnings], FUSER) == {}  # nothing kept yet
        compared = (Comparison("people forced out", ("a:f1", "b:f1"), "agree"),
                    Comparison("homes damaged", ("a:f2", "b:f2"), "conflict"))
        store.save_briefing(flood, 1, FUSER, dataclasses.replace(hand_briefing(flood, "x"), comparisons=compared))
        store.save_briefing(earnings, 1, FUSER, dataclasses.replace(hand_briefing(earnings, "y"),
                                                                    comparisons=compared[:1]))
        assert store.briefing_conflicts([flood, earnings, "s-unknown"], FUSER) == {flood: True, earnings: False}
        assert store.briefing_conflicts([flood], "other fusion code") == {}
        store.commit(*pair("b", FLOOD_B))  # the flood story changed: its kept briefing no longer answers
        assert store.briefing_conflicts([flood, earnings], FUSER) == {earnings: False}


        story_id = store.commit(*pair("a", FLOOD_A)).story_id
        store.save_briefing(story_id, 1, FUSER, hand_briefing(story_id, "one report"))
        assert store.commit(*pair("b", FLOOD_B)).story_id == story_id
        assert store.stored_briefing(story_id, FUSER) == (2, None)
        assert store.commit(*pair("again", FLOOD_B)).duplicate  # nothing joined: still version 2
        newer = hand_briefing(story_id, "two reports")
        store.save_briefing(story_id, 2, FUSER, newer)
        store.save_briefing(story_id, 1, FUSER, hand_briefing(story_id, "built before b joined"))
        assert store.stored_briefing(story_id, FUSER) == (2, newer)

    def test_store_service_briefs_from_the_kept_briefing_until_the_story_changes(self, store):
        service = Service(store)
        story_id = store.commit(*pair("a", FLOOD_A)).story_id
        built = service.brief([story_id]).stories[0]
        (listed,) = service.stories()
        assert [a.id for a in built.articles] == ["a"] and built.storyline == listed.storyline is not None
        # the storyline is the story's as it stands, not part of what is kept
        assert store.stored_briefing(story_id, FUSER_VERSION) == (1, dataclasses.replace(built, storyline=None))
        # What the store keeps is what is served: a kept briefing stands until the story changes.
        marker = hand_briefing(story_id, "kept, not rebuilt")
        store.save_briefing(story_id, 1, FUSER_VERSION, marker)
        assert service.brief([story_id]).stories == (dataclasses.replace(marker, storyline=listed.storyline),)
        store.commit(*pair("b", FLOOD_B))
        rebuilt = service.brief([story_id]).stories[0]
        assert [a.id for a in rebuilt.articles] == ["a", "b"]
        assert store.stored_briefing(story_id, FUSER_VERSION) == (2, dataclasses.replace(rebuilt, storyline=None))
        with pytest.raises(NotFound, match="no story s-unknown"):
            service.brief([story_id, "s-unknown"])

    # ------------------------------------------------------------------ analyzer versions

    def test_store_stale_analyses_and_their_replacement(self, store):
        old = store.commit(*pair("a", FLOOD_A))
        store.commit(*pair("c", EARNINGS))
        article, analysis = pair("b", FLOOD_B)
        store.commit(article, dataclasses.replace(analysis, analyzer=2))
        assert store.stale_analyses(2) == ["a", "c"] and store.stale_analyses(1) == []
        store.save_briefing(old.story_id, 2, FUSER, hand_briefing(old.story_id, "before"))
        newer = dataclasses.replace(store.analysis("a"), mentions=(), analyzer=2)
        assert store.replace_analysis(newer) == old.story_id
        assert store.analysis("a") == newer and store.stale_analyses(2) == ["c"]
        assert store.stored_briefing(old.story_id, FUSER) == (3, None)
        with pytest.raises(KeyError):
            store.replace_analysis(dataclasses.replace(newer, article_id="nope"))

    # ------------------------------------------------------------------ search

    def test_store_search_finds_articles_holding_every_word(self, store):
        flood = store.commit(*pair("a", FLOOD_A, title="Levee breaks"))
        store.commit(*pair("c", EARNINGS, title="Tellurix beats"))
        assert [(i, s) for i, s, _ in store.search_articles("levee Kormut")] == [("a", flood.story_id)]
        assert [i for i, _, _ in store.search_articles("TELLURIX")] == ["c"]
        assert [i for i, _, _ in store.search_articles("breaks")] == ["a"]  # the title
        assert [i for i, _, _ in store.search_articles("flood")] == ["a"]  # "flooded", stemmed
        assert [i for i, _, _ in store.search_articles('"river broke" levee')] == ["a"]
        assert store.search_articles('"broke river"') == []  # a phrase keeps its order
        assert store.search_articles("levee tellurix") == []  # every word must match
        assert store.search_articles("levee OR tellurix") == store.search_articles("-tellurix levee") == []
        assert store.search_articles("") == store.search_articles("  ") == []

    def test_store_search_ranks_more_matches_first(self, store):
        store.commit(*pair("open", HARBOUR_OPEN))
        store.commit(*pair("strike", HARBOUR_STRIKE))
        store.commit(*pair("c", EARNINGS))
        found = store.search_articles("harbour")
        assert [i for i, _, _ in found] == ["strike", "open"] and found[0][2] > found[1][2]
        assert [i for i, _, _ in store.search_articles("harbour", limit=1)] == ["strike"]

    def test_store_search_hostile_query_is_text_not_syntax(self, store):
        store.commit(*pair("a", FLOOD_A))
        for query in HOSTILE_QUERIES:
            assert isinstance(store.search_articles(query), list), query
        assert [i for i, _, _ in store.search_articles('levee"')] == ["a"]
        assert store.count_articles() == 1

    def test_store_search_finds_articles_stored_before_it_existed(self, store_url):
        earlier = open_before(store_url, "_article_search")
        stored = earlier.commit(*pair("a", FLOOD_A, title="Levee breaks"))
        earlier.close()
        upgraded = open_store(store_url, create=False)
        assert [(i, s) for i, s, _ in upgraded.search_articles("levee kormut")] == [("a", stored.story_id)]
        assert [i for i, _, _ in upgraded.search_articles("breaks")] == ["a"]
        upgraded.commit(*pair("b", FLOOD_B))
        assert [i for i, _, _ in upgraded.search_articles("kormutt")] == ["b"]
        upgraded.close()

    def test_store_service_search_lists_hits_with_their_articles(self, store):
        store.commit(*pair("a", FLOOD_A, title="Levee breaks", outlet="Wire", published=dt.date(2030, 3, 4)))
        c = store.commit(*pair("c", EARNINGS))
        hits = Service(store).search("tellurix")
        assert (hits[0].article, hits[0].story, hits[0].title, hits[0].outlet) == ("c", c.story_id, None, None)
        assert hits[0].headline.startswith("Shares of the chip maker Tellurix")
        (hit,) = Service(store).search("levee", limit=5)
        assert hit.to_json() == {"article": "a", "story": hit.story, "headline": "Levee breaks", "outlet": "Wire",
                                 "published": "2030-03-04", "rank": hit.rank}

    # ------------------------------------------------------------------ items an analyst queries

    def test_store_find_mentions_under_any_spelling(self, store):
        a = store.commit(*named("a", "Moammar Gaddafi spoke in Tripoli.", [("Moammar Gaddafi", "PERSON"),
                                                                           ("Tripoli", "GPE")]))
        store.commit(*named("b", "Qaddafi left Tripoli on Monday.", [("Qaddafi", "PERSON"), ("Tripoli", "GPE")]))
        store.commit(*named("c", "Gamal met Kadhafi Ltd partners.", [("Gamal", "PERSON")]))
        found = store.find_mentions("Gadhafi")
        assert [(m.id, m.text, m.label) for m in found] == [("a:m1", "Moammar Gaddafi", "PERSON"),
                                                            ("b:m1", "Qaddafi", "PERSON")]
        first = found[0]
        assert (first.story, first.article, first.start, first.end) == (a.story_id, "a", 0, 15)
        assert [m.id for m in store.find_mentions("Col. Moammar Gadhafi")] == ["a:m1", "b:m1"]
        assert [m.id for m in store.find_mentions("Moammar")] == ["a:m1"]  # a fuller name holds what was asked
        assert store.find_mentions("Gamal Mubarak") == []  # a first name alone ("Gamal") says too little
        assert [m.id for m in store.find_mentions("tripoli", limit=1)] == ["a:m2"]
        assert store.find_mentions("") == store.find_mentions("'; DROP TABLE mentions; --") == []

    def test_store_find_statements_by_speaker(self, store):
        text = "The levee will hold, Jihan Sheikh Ahmed said. Others disagreed, Mr. Tellurix said."
        quotes = (Quote(0, 19, text[0:19], False, "Jihan Sheikh Ahmed", 21, 39, "say"),
                  Quote(46, 62, text[46:62], False, "Tellurix", 64, 76, "say"),
                  Quote(0, 9, text[0:9], False, "Tellurix", 64, 76, "doubt", kind=POSITION))  # no statement
        article, analysis = pair("a", text)
        store.commit(article, dataclasses.replace(analysis, quotes=quotes))
        (said,) = store.find_statements("Sheikh Ahmed")
        assert (said.id, said.text, said.speaker, said.direct, said.cue) == (
            "a:q1", "The levee will hold", "Jihan Sheikh Ahmed", False, "say")
        assert text[said.start:said.end] == said.text
        assert [s.id for s in store.find_statements("Tellurix")] == ["a:q2"]
        assert store.find_statements("Omar Ahmed") == []  # another Ahmed

    def test_store_find_figures_by_quantity(self, store):
        text = "Some 300 fighters remain and 80 percent of the city is held; 2,500 fighters left in June."
        figures = (Figure(5, 8, "300", 300, 300, True, None, "fighter"),
                   Figure(29, 39, "80 percent", 80, 80, False, "percent", "percent of city"),
                   Figure(61, 66, "2,500", 2500, 2500, False, None, "fighter", source="SDF"),
                   Figure(84, 88, "June", 6, 6, False, None, "fighter", kind="ordinal"))
        article, analysis = pair("a", text)
        store.commit(article, dataclasses.replace(analysis, figures=figures))
        assert [(f.id, f.low, f.approx, f.source) for f in store.find_figures("fighters")] == [
            ("a:f1", 300, True, None), ("a:f3", 2500, False, "SDF")]  # not the ordinal
        (share,) = store.find_figures("percent of the city")
        assert (share.id, share.unit, share.what, share.text) == ("a:f2", "percent", "percent of city", "80 percent")
        assert store.find_figures("civilians") == store.find_figures("the") == []

    def test_store_items_follow_a_reanalysis(self, store):
        store.commit(*named("a", "Qaddafi left Tripoli.", [("Qaddafi", "PERSON")]))
        newer = dataclasses.replace(store.analysis("a"), mentions=(Mention(15, 22, "Tripoli", "GPE"),), analyzer=2)
        store.replace_analysis(newer)
        assert store.find_mentions("Gaddafi") == []
        assert [m.id for m in store.find_mentions("Tripoli")] == ["a:m1"]

    def test_store_items_of_analyses_stored_before_the_tables_existed(self, store_url):
        earlier = open_before(store_url, "_items")
        stored = earlier.commit(*named("a", "Qaddafi left Tripoli.", [("Qaddafi", "PERSON")]))
        earlier.close()
        upgraded = open_store(store_url, create=False)
        assert [(m.id, m.story) for m in upgraded.find_mentions("Gaddafi")] == [("a:m1", stored.story_id)]
        assert [f.id for f in upgraded.find_figures("thing")] == ["a:f1"]
        upgraded.close()

    @pytest.mark.issue(13)
    def test_store_placed_count_kept_from_before_it_was_counted(self, store_url):
        """Placement's document count is kept by the database, not counted per commit (a scan): it
        starts from what an older store placed and follows every insert and delete."""
        earlier = open_before(store_url, "_placed_count")
        earlier.commit(*pair("a", FLOOD_A))
        earlier.commit(*pair("c", EARNINGS))
        earlier.close()
        upgraded = open_store(store_url, create=False)
        assert upgraded._placed_count() == 2
        upgraded.commit(*pair("b", FLOOD_B))
        upgraded.commit(*pair("b", FLOOD_B))  # a duplicate places nothing
        assert upgraded._placed_count() == 3
        upgraded._write(lambda: upgraded._sql("DELETE FROM articles WHERE id = ?", ("c",)))  # cascades
        count = upgraded._sql("SELECT count(*) AS n FROM story_articles").fetchone()["n"]
        assert (upgraded._placed_count(), count) == (2, 2)
        upgraded.close()

    def test_store_leads_of_analyses_stored_before_they_were_kept(self, store_url):
        earlier = open_before(store_url, "_article_leads")
        earlier.commit(*pair("a", FLOOD_A))
        earlier.close()
        upgraded = open_store(store_url, create=False)
        assert [h.lead for h in upgraded.story_rows()[0].headings] == [FLOOD_A[:-1]]  # up to the zone at its end
        upgraded.replace_analysis(dataclasses.replace(upgraded.analysis("a"), zones=()))
        assert [h.lead for h in upgraded.story_rows()[0].headings] == [FLOOD_A]
        upgraded.close()

    @pytest.mark.issue(13)
    def test_store_commit_keeps_the_lead_embedding_it_is_given(self, store):
        """Ingest workers embed leads beside analysis; the commit stores the vector in the article's
        transaction, under the id the article is stored as."""
        store.commit(*pair("a", FLOOD_A), lead=np.full(4, 0.5, dtype=np.float32).tobytes())
        store.commit(*pair("b", FLOOD_B))
        renamed = store.commit(*pair("a", EARNINGS), lead=np.ones(4, dtype=np.float32).tobytes())
        vectors = store.embeddings(["a", "b", renamed.article_id])
        assert sorted(vectors) == sorted(["a", renamed.article_id]) and renamed.article_id != "a"
        assert vectors["a"].tolist() == [0.5] * 4 and vectors[renamed.article_id].tolist() == [1.0] * 4

    @pytest.mark.issue(7)
    def test_store_placement_weighs_the_stories_of_the_nearest_leads_committed_by_any_process(
            self, store, store_url, monkeypatch):
        """Online placement weighs only the stories of the article's nearest committed articles by
        lead embedding; a store object catches up with what another one committed since its last look."""
        pytest.importorskip("usearch")
        from tests.test_fuse_stories import lead

        monkeypatch.setattr("crosswire.store.sql.PLACEMENT_NEIGHBOURS", 1)
        other = open_store(store_url)
        try:
            earnings = store.commit(*pair("c", EARNINGS), lead=lead(2).tobytes()).story_id
            flood = other.commit(*pair("a", FLOOD_A), lead=lead(1).tobytes()).story_id
            assert store.commit(*pair("b", FLOOD_B), lead=lead(1).tobytes()).story_id == flood
            apart = store.commit(*pair("d", FLOOD_B + " Later."), lead=lead(2).tobytes()).story_id
            assert apart not in (flood, earnings)  # the flood's words, the earnings report's lead
        finally:
            other.close()

    @pytest.mark.issue(7)
    def test_store_service_heads_a_story_alike_in_its_listing_and_its_briefings(self, store):
        """The title its reports share most heads a story, not the latest (a site's sidebar); the story
        list and the briefing say the same, for an event and for a storyline."""
        flood = store.commit(*pair("a", FLOOD_A, title="Vesna river breaks Kormut levee",
                                   published=dt.date(2030, 3, 4))).story_id
        store.commit(*pair("b", FLOOD_B, title="Kormut levee breaks", published=dt.date(2030, 3, 5)))
        store.commit(*pair("late", FLOOD_A + " Crews worked on.", title="Ten things to do this weekend",
                           published=dt.date(2030, 3, 9)))
        earnings = store.commit(*pair("c", EARNINGS, title="Tellurix beats forecasts")).story_id
        service = Service(store)
        rows = {r.id: r.headline for r in service.stories()}
        assert rows == {flood: "Kormut levee breaks", earnings: "Tellurix beats forecasts"}  # a tie: the later
        assert {s.id: s.headline for s in service.brief().stories} == rows
        store.regroup({a: flood for a in ("a", "b", "late")} | {"c": earnings},
                      dict.fromkeys(("a", "b", "late", "c"), "l-all"), [], store.ingest_mark()[0])
        (line,) = service.stories(level="storyline")
        assert (line.id, line.headline) == ("l-all", "Kormut levee breaks")
        assert service.brief_storyline("l-all").stories[0].headline == line.headline

    def test_store_service_stories_by_entity(self, store):
        a = store.commit(*named("a", FLOOD_A, [("Kormut", "GPE")]))
        store.commit(*named("c", EARNINGS, [("Tellurix", "ORG")]))
        service = Service(store)
        assert [r.id for r in service.stories(entity="kormutt")] == [a.story_id]
        assert service.stories(entity="Nowhere") == []
        assert len(service.stories()) == 2

    def test_store_uninformed_analyses_are_lowercased_ones_a_later_cased_report_could_inform(self, store):
        early = store.commit(*pair("b", FLOOD_B))
        cased = store.commit(*pair("a", FLOOD_A))
        assert early.story_id == cased.story_id
        store.commit(*pair("late", FLOOD_B.replace("rescuers", "crews")))  # restored with what "a" taught
        store.commit(*pair("c", EARNINGS))
        assert store.uninformed_analyses() == ["b"]
        store.replace_analysis(store.analysis("b"))
        assert store.uninformed_analyses() == []

    def test_store_uninformed_analyses_of_a_store_made_before_they_were_tracked(self, store_url):
        earlier = open_before(store_url, "_analysis_columns")
        earlier.commit(*pair("b", FLOOD_B))
        earlier.commit(*pair("a", FLOOD_A))
        earlier.close()
        upgraded = open_store(store_url, create=False)
        assert upgraded.uninformed_analyses() == ["b"]
        upgraded.close()

    # ------------------------------------------------------------------ reclustering

    def test_store_regroup_moves_articles_rebuilds_stories_and_logs_changes(self, store):
        a = store.commit(*pair("a", FLOOD_A)).story_id
        store.commit(*pair("b", FLOOD_B))
        c = store.commit(*pair("c", EARNINGS)).story_id
        inputs = store.recluster_inputs(days=120, limit=100)
        assert sorted(inputs.new_ids) == ["a", "b", "c"] and {f.id for f in inputs.features} == {"a", "b", "c"}
        assert inputs.events["c"] == c and {a, c} <= inputs.reserved
        # a bounded window: a new article's event, then others while they fit whole
        assert len(store.recluster_inputs(days=120, limit=2, new_ids=["a"]).features) == 2
        assert len(store.recluster_inputs(days=120, limit=2).features) == 3  # new articles are never left out
        store.save_briefing(a, 2, FUSER, hand_briefing(a, "before"))
        # "b" leaves for a new story, "c" joins "a"'s storyline; the earnings story keeps its id
        changes = [StoryChange("event", "split", a, (("a", 1), ("s-new", 1)))]
        changed = store.regroup({"a": a, "b": "s-new", "c": c}, {"a": "l-flood", "b": "l-flood", "c": "l-flood"},
                                changes, inputs.watermark)
        assert changed == sorted([a, "s-new", c])
        rows = {r.id: r for r in store.story_rows()}
        assert {r.id: (r.articles, r.storyline) for r in rows.values()} == {
            a: (1, "l-flood"), "s-new": (1, "l-flood"), c: (1, "l-flood")}
        assert store.stored_briefing(a, FUSER) == (3, None)  # changed: its kept briefing is stale
        assert store.storyline_story_ids("l-flood") == [a, c, "s-new"]
        (logged,) = store.story_changes()
        assert (logged.level, logged.kind, logged.story, logged.parts) == ("event", "split", a, (("a", 1), ("s-new", 1)))
        assert logged.at
        assert store.recluster_inputs(days=120, limit=100) is None  # nothing new since the pass
        # a story left without articles is gone, with its centroid
        store.regroup({"a": c, "b": c, "c": c}, {"a": "l-flood", "b": "l-flood", "c": "l-flood"}, [], inputs.watermark)
        assert [r.id for r in store.story_rows()] == [c]
        assert store.commit(*pair("d", FLOOD_A.replace("Monday", "Tuesday"))).story_id in (c, story_id_for("d"))

    def test_store_regroup_sums_each_changed_story_afresh_from_its_members(self, store):
        from crosswire.fuse.stories import article_vector, centroid_norm, summed_centroid, terms_of

        stored = {i: store.commit(*pair(i, text)) for i, text in (("a", FLOOD_A), ("b", FLOOD_B), ("c", EARNINGS))}
        inputs = store.recluster_inputs(days=120, limit=100)
        # the flood reports in one story, the earnings report in a fresh one, the story it leaves emptied
        events = {"a": stored["a"].story_id, "b": stored["a"].story_id, "c": "s-fresh"}
        store.regroup(events, {i: "l-one" for i in events}, [], inputs.watermark)

        def kept(story_id: str) -> tuple[dict[str, float], float | None]:
            terms = {r["term"]: r["weight"] for r in store._sql(
                "SELECT term, weight FROM story_terms WHERE story_id = ?", (story_id,)).fetchall()}
            norm = store._sql("SELECT norm FROM stories WHERE id = ?", (story_id,)).fetchone()
            return terms, norm["norm"] if norm else None

        counts = {a.id: terms_of(a.text, [m.text for m in store.analysis(a.id).mentions]) for a in store.articles()}
        df = store.document_frequencies({t for c in counts.values() for t in c})
        for story_id, members in ((stored["a"].story_id, ("a", "b")), ("s-fresh", ("c",))):
            centroid = summed_centroid(article_vector(counts[i], df, 3) for i in members)
            terms, norm = kept(story_id)
            assert terms.keys() == centroid.keys()
            assert all(abs(terms[t] - w) < 1e-12 for t, w in centroid.items())
            assert norm == pytest.approx(centroid_norm(centroid))
        if stored["c"].story_id != stored["a"].story_id:
            assert kept(stored["c"].story_id) == ({}, None)  # emptied: dropped with its centroid

    def test_store_regroup_sums_the_terms_given_and_counts_the_others(self, store):
        """Terms the caller counted are the ones summed (the pass hands its own); an article without
        them is counted from its stored text and mentions."""
        from crosswire.fuse.stories import article_vector, summed_centroid, terms_of

        stored = {i: store.commit(*pair(i, text)) for i, text in (("a", FLOOD_A), ("b", FLOOD_B), ("c", EARNINGS))}
        inputs = store.recluster_inputs(days=120, limit=100)
        given = {"a": Counter({"levee": 2, "vesna": 1})}
        events = {"a": stored["a"].story_id, "b": stored["a"].story_id, "c": "s-fresh"}
        store.regroup(events, {i: "l-one" for i in events}, [], inputs.watermark, given)
        counts = {"a": given["a"], "b": terms_of(FLOOD_B, [m.text for m in store.analysis("b").mentions])}
        df = store.document_frequencies({t for c in counts.values() for t in c})
        centroid = summed_centroid(article_vector(counts[i], df, 3) for i in ("a", "b"))
        kept = {r["term"]: r["weight"] for r in store._sql(
            "SELECT term, weight FROM story_terms WHERE story_id = ?", (stored["a"].story_id,)).fetchall()}
        assert kept.keys() == centroid.keys()
        assert all(abs(kept[t] - w) < 1e-12 for t, w in centroid.items())

    def test_store_recluster_inputs_for_a_slice_of_the_new_articles(self, store):
        """A pass over more new articles than a window holds asks for them a slice at a time: each slice's
        watermark is its own newest article, and the others are context, not new."""
        for i, text in (("a", FLOOD_A), ("b", FLOOD_B), ("c", EARNINGS)):
            store.commit(*pair(i, text))
        whole = store.recluster_inputs(days=120, limit=100)
        part = store.recluster_inputs(days=120, limit=100, new_ids=["b", "nope"])
        assert part.new_ids == ["b"] and {f.id for f in part.features} == {"a", "b", "c"}
        assert part.watermark < whole.watermark
        assert store.recluster_inputs(days=120, limit=100, new_ids=["nope"]) is None

    def test_store_recluster_window_holds_whole_events(self, store):
        """An event the time window cuts comes whole: the pass would otherwise give its id to the part
        inside and leave the part outside holding it too."""
        import datetime as dt

        a = store.commit(*pair("a", FLOOD_A, published=dt.date(2030, 1, 5))).story_id
        assert store.commit(*pair("b", FLOOD_A + " Later.", published=dt.date(2029, 12, 30))).story_id == a
        first = store.recluster_inputs(days=120, limit=100)
        store.regroup({"a": a, "b": a}, {"a": "l-flood", "b": "l-flood"}, [], first.watermark)
        store.commit(*pair("c", EARNINGS, published=dt.date(2030, 5, 1)))  # a 116 days before it, b 122
        assert {f.id for f in store.recluster_inputs(days=120, limit=100).features} == {"a", "b", "c"}

    def test_store_embeddings_are_kept_for_the_next_pass(self, store):
        import numpy as np

        store.commit(*pair("a", FLOOD_A))
        store.commit(*pair("c", EARNINGS))
        store.save_embeddings({"a": np.arange(4, dtype=np.float32).tobytes()})
        features = {f.id: f for f in store.recluster_inputs(days=120, limit=100).features}
        assert features["a"].embedding.tolist() == [0.0, 1.0, 2.0, 3.0] and features["c"].embedding is None
        assert {k: v.tolist() for k, v in store.embeddings(["a", "c", "nope"]).items()} == {"a": [0.0, 1.0, 2.0, 3.0]}
        (seq,) = store.embedding_seqs()  # what the neighbour index is keyed by
        assert store.embeddings_by_seq([seq])[seq].tolist() == [0.0, 1.0, 2.0, 3.0]
        assert store.ids_by_seq([seq, seq + 1, 999]) == {seq: "a", seq + 1: "c"}

    def test_store_recluster_window_narrowed_to_the_storylines_around_new_articles(self, store):
        a = store.commit(*pair("a", FLOOD_A)).story_id
        c = store.commit(*pair("c", EARNINGS)).story_id
        first = store.recluster_inputs(days=120, limit=100)
        store.regroup({"a": a, "c": c}, {"a": "l-flood", "c": "l-money"}, [], first.watermark)
        store.commit(*pair("b", FLOOD_B))
        assert store.unclustered() == ["b"]
        (line,) = {r.storyline for r in store.story_rows() if r.id == store.story_ids(["b"])[0]}
        everything = store.recluster_inputs(days=120, limit=100)
        assert {f.id for f in everything.features} == {"a", "b", "c"}
        near = store.recluster_inputs(days=120, limit=100, around=["b"])  # b's own storyline only
        expected = {"a", "b"} if line == "l-flood" else {"b"}
        assert {f.id for f in near.features} == expected
        assert {f.id for f in store.recluster_inputs(days=120, limit=100, around=["b", "c"]).features} == expected | {"c"}

    def test_store_document_frequencies_are_the_collections(self, store):
        from crosswire.fuse.stories import terms_of

        store.commit(*pair("a", FLOOD_A))
        store.commit(*pair("b", FLOOD_B))
        terms = sorted(terms_of(FLOOD_A))[:5] + ["zzzunseen"]
        found = store.document_frequencies(terms)
        assert "zzzunseen" not in found and all(n in (1, 2) for n in found.values()) and len(found) == 5
        stats = store.recluster_inputs(days=120, limit=100).stats
        assert stats.documents == 2 and stats.frequencies(terms) == found

    def test_store_articles_with_only_the_start_of_their_text(self, store):
        store.commit(*pair("a", FLOOD_A))
        (whole,) = store.articles(["a"])
        (lead,) = store.articles(["a"], text_chars=10)
        assert whole.text == FLOOD_A and lead.text == FLOOD_A[:10] and lead.title == whole.title
