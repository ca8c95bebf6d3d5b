"""What only the SQLite backend does: files and folders, and upgrading databases of earlier versions
(the shared contract is in store_contract.py)."""

import json
import sqlite3

import pytest

from crosswire.errors import StoreError
from crosswire.fuse.stories import StoryIndex
from crosswire.restore import Lexicon
from crosswire.store import Store, open_store
from crosswire.store.migrations import m001_initial
from tests.store_contract import FLOOD_A, FLOOD_B, pair


def test_store_refuses_non_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not sqlite\n" * 100)
    with pytest.raises(StoreError, match="not a crosswire database"):
        Store(path)


def test_store_never_creates_folders_and_create_false_refuses_missing_file(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "x.db", create=False)
    assert not (tmp_path / "x.db").exists()


def test_store_m002_moves_centroids_and_lexicon_into_rows(tmp_path):
    """A database written before learnt state became rows keeps its stories and its lexicon."""
    path = tmp_path / "old.db"
    article, analysis = pair("a", FLOOD_A)
    lexicon = Lexicon()
    lexicon.observe_text(FLOOD_A)
    with sqlite3.connect(path) as conn:  # what crosswire wrote at m001
        m001_initial(conn.execute)
        conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)")
        conn.execute("INSERT INTO _migrations VALUES ('m001_initial', 1)")
        index = StoryIndex()
        story_id = index.add("a", article.text, [m.text for m in analysis.mentions])
        conn.execute("INSERT INTO articles (id, content_hash, text) VALUES (?, ?, ?)",
                     ("a", article.content_hash, article.text))
        conn.execute("INSERT INTO stories VALUES (?, 1, ?)", (story_id, json.dumps(index.centroids[story_id])))
        conn.execute("INSERT INTO story_articles VALUES ('a', ?)", (story_id,))
        conn.execute("INSERT INTO state VALUES ('lexicon', ?)", (json.dumps(lexicon.to_json()),))
    upgraded = Store(path)
    assert upgraded.lexicon() == lexicon
    assert upgraded.story_ids() == [story_id]
    assert upgraded.commit(*pair("b", FLOOD_B)).story_id == story_id


def _reading_whole(store, statements: list[str]) -> dict[str, list[str]]:
    """The statements among ``statements`` that SQLite plans as a scan or as a walk of a table by
    sequence number up to some point, with their plans."""
    whole = {}
    for statement in dict.fromkeys(s for s in statements if "SELECT" in s):
        plan = [r[3] for r in store._conn.execute("EXPLAIN QUERY PLAN " + statement).fetchall()]
        if any((p.startswith("SCAN") and "CONSTANT ROW" not in p) or "rowid<" in p for p in plan):
            whole[statement] = plan
    return whole


@pytest.mark.issue(13)
def test_store_commits_read_no_growing_table_whole_and_passes_only_id_indexes(tmp_path):
    """A commit reads every table through an index, or only its new rows: a scan costs more with every
    report stored, at every report. A pass (once per ingest run) may read a whole index of ids (the
    keys the neighbour index must hold, the document count) and the stories' ids (small rows), never
    the rows of articles. SQLite plans without statistics the same way at any size, so a small store
    shows what a large one does."""
    import datetime as dt

    import numpy as np

    from crosswire.fuse.embed import DIMENSIONS
    from crosswire.jobs import recluster
    from crosswire.store import Commit

    pytest.importorskip("crosswire.fuse.neighbours", reason="usearch (the embed extra) is not installed")
    store = open_store(tmp_path / "c.db")
    committing: list[str] = []
    store._conn.set_trace_callback(committing.append)
    rng = np.random.default_rng(7)
    texts = [FLOOD_A, FLOOD_B, FLOOD_A + " More rain fell.", FLOOD_B + " crews returned ."]
    for day, text in enumerate(texts):
        article, analysis = pair(f"a{day}", text, published=dt.date(2030, 3, 1 + day))
        store.commit_many([Commit(article, analysis, lead=rng.random(DIMENSIONS, dtype=np.float32).tobytes())])
    passing: list[str] = []
    store._conn.set_trace_callback(passing.append)
    recluster(store)
    store._conn.set_trace_callback(None)
    assert len(committing) > 50 and len(passing) > 10  # the trace saw the commits and the pass
    assert {s: p for s, p in _reading_whole(store, committing).items() if "articles_fts_config" not in s} == {}
    assert {s: p for s, p in _reading_whole(store, passing).items() if s != "SELECT id, storyline FROM stories"
            and not all("COVERING INDEX" in step or not step.startswith("SCAN") for step in p)} == {}
    store.close()


@pytest.mark.issue(7)
def test_a_pass_over_more_new_articles_than_a_window_holds_takes_them_in_slices_by_date(tmp_path, monkeypatch):
    """A backfill in one run once left every new article past the window's limit where online placement
    put it, for good: the watermark moved past them. Each slice is clustered with its own window, and
    the watermark moves once the last slice is stored."""
    import datetime as dt

    from crosswire.fuse import cluster
    from crosswire.jobs import recluster

    monkeypatch.setattr(cluster, "WINDOW_ARTICLES", 4)
    monkeypatch.setattr(cluster, "SLICE_ARTICLES", 2)
    store = open_store(tmp_path / "s.db")
    for k, day in enumerate((5, 1, 4, 2, 6, 3)):  # ingested in no order of date
        text = (FLOOD_A if k % 2 else FLOOD_B) + f" Report {k}."
        store.commit(*pair(f"r{k}", text, published=dt.date(2030, 3, day)))
    watermarks: list[int] = []
    regroup = store.regroup
    monkeypatch.setattr(store, "regroup", lambda *a, **kw: watermarks.append(a[3]) or regroup(*a, **kw))
    report = recluster(store, narrow=False)
    assert (report.slices, report.new) == (3, 6) and report.window >= 6
    assert watermarks[:2] == [0, 0] and watermarks[2] > 0 and store.unclustered() == []
    for k in range(3):  # as many as a window holds: one pass
        store.commit(*pair(f"n{k}", FLOOD_A + f" Update {k}.", published=dt.date(2030, 3, 7)))
    assert recluster(store, narrow=False).slices == 1
    store.close()
