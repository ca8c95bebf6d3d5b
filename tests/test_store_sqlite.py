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
