import sqlite3

import pytest

from crosswire.errors import StoreError
from crosswire.model import Article, ArticleAnalysis, Figure, Mention, Quote, Sentence
from crosswire.store import Store
from crosswire.store.migrations import SCHEMA_VERSION


def _pair(article_id: str = "a1", text: str = "Mayor Ana Ruiz said 40 homes flooded.") -> tuple[Article, ArticleAnalysis]:
    article = Article(id=article_id, text=text, outlet="Wire")
    analysis = ArticleAnalysis(
        article_id=article_id, reading_text=text, form={"lowercased": False},
        sentences=(Sentence(0, len(text)),), mentions=(Mention(6, 14, "Ana Ruiz", "PERSON"),),
        quotes=(Quote(20, 37, text[20:37], False, "Ana Ruiz", 6, 14, "say"),),
        figures=(Figure(20, 22, "40", 40, 40, False, None, "home"),))
    return article, analysis


def test_store_roundtrips_article_and_analysis():
    store = Store()
    article, analysis = _pair()
    with store.atomic():
        store.put_article(article, analysis)
    assert store.articles() == [article]
    assert store.analysis("a1") == analysis
    assert store.has_content(article.content_hash) == "a1"


def test_store_atomic_rolls_back_whole_article():
    store = Store()
    article, analysis = _pair()
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.put_article(article, analysis)
            raise RuntimeError("killed mid-article")
    assert store.count_articles() == 0


def test_store_nested_atomic_is_a_savepoint():
    store = Store()
    a1, an1 = _pair("a1", "one text")
    a2, an2 = _pair("a2", "another text")
    with store.atomic():
        store.put_article(a1, an1)
        with pytest.raises(sqlite3.IntegrityError):
            with store.atomic():
                store.put_article(a2, an2)
                store.put_article(a2, an2)  # duplicate id: only the inner block rolls back
    assert [a.id for a in store.articles()] == ["a1"]


def test_store_migrations_run_once(tmp_path):
    path = tmp_path / "x.db"
    Store(path).close()
    store = Store(path)
    rows = store.conn.execute("SELECT count(*) FROM _migrations").fetchone()[0]
    assert rows == SCHEMA_VERSION


def test_store_refuses_newer_database(tmp_path):
    path = tmp_path / "x.db"
    store = Store(path)
    store.conn.execute("INSERT INTO _migrations (name, seq) VALUES ('m999_future', 999)")
    store.close()
    with pytest.raises(StoreError, match="newer crosswire"):
        Store(path)


def test_store_refuses_non_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not sqlite\n" * 100)
    with pytest.raises(StoreError, match="not a crosswire database"):
        Store(path)


def test_store_stories_and_state():
    store = Store()
    article, analysis = _pair()
    with store.atomic():
        store.put_article(article, analysis)
        store.put_story("s1", {"flood": 1.0})
        store.assign_story("a1", "s1")
        store.add_term_df(["flood", "home"])
        store.add_term_df(["flood"])
        store.put_state("k", {"x": 1})
    assert store.stories() == [("s1", ["a1"])]
    assert store.story_centroids() == [("s1", {"flood": 1.0})]
    assert store.term_df_all() == {"flood": 2, "home": 1}
    assert store.get_state("k") == {"x": 1}
