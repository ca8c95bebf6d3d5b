"""The nearest-neighbour index of lead embeddings (issue #7): a cache of the store, rebuilt from it
whenever the file is deleted, damaged or belongs to another store."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pytest

from crosswire.fuse.embed import DIMENSIONS
from crosswire.store import open_store
from tests.store_contract import EARNINGS, FLOOD_A, pair

neighbours = pytest.importorskip("crosswire.fuse.neighbours", reason="usearch (the embed extra) is not installed")

pytestmark = pytest.mark.issue(7)
N = 60


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` vectors in 6 tight groups, so that nearest neighbours are well defined."""
    centres = rng.normal(size=(6, DIMENSIONS))
    v = centres[np.arange(n) % 6] + 0.2 * rng.normal(size=(n, DIMENSIONS))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _store(path, seed: int):
    store = open_store(path)
    vectors = _unit(np.random.default_rng(seed), N)
    for i in range(N):
        store.commit(*pair(f"a{i:02d}", f"{FLOOD_A if i % 2 else EARNINGS} Report {i}."))
    store.save_embeddings({f"a{i:02d}": vectors[i].tobytes() for i in range(N)})
    return store, vectors


def _nearest(store, index, vectors: np.ndarray) -> list[list[str]]:
    rows = index.search(vectors, 5)
    ids = store.ids_by_seq([k for row in rows for k in row])
    return [[ids[k] for k in row] for row in rows]


def test_index_is_kept_beside_the_store_and_rebuilt_after_deleting_it(tmp_path):
    store, vectors = _store(tmp_path / "c.db", seed=1)
    index = neighbours.synced(store)
    path = tmp_path / "c.db.neighbours"
    assert store.neighbour_index_path == path and path.is_file() and len(index) == N
    found = _nearest(store, index, vectors)
    assert all(row[0] == f"a{i:02d}" for i, row in enumerate(found))  # each finds itself first
    assert all(int(a[1:]) % 6 == i % 6 for i, row in enumerate(found) for a in row)  # then its group

    path.unlink()  # a crash before the save, or a user tidying up
    rebuilt = neighbours.synced(store)
    assert path.is_file() and len(rebuilt) == N and _nearest(store, rebuilt, vectors) == found

    path.write_bytes(b"not an index")  # a torn or foreign file
    assert _nearest(store, neighbours.synced(store), vectors) == found


def test_index_catches_up_with_new_embeddings_and_refuses_another_stores_file(tmp_path):
    store, vectors = _store(tmp_path / "c.db", seed=1)
    neighbours.synced(store)
    extra = _unit(np.random.default_rng(3), 1)[0]
    store.commit(*pair("late", f"{FLOOD_A} Later."))
    store.save_embeddings({"late": extra.tobytes()})
    caught_up = neighbours.synced(store)
    assert len(caught_up) == N + 1 and _nearest(store, caught_up, extra[None, :])[0][0] == "late"

    other, _ = _store(tmp_path / "other.db", seed=2)  # same keys, other vectors
    neighbours.synced(other)
    shutil.copy(tmp_path / "other.db.neighbours", tmp_path / "c.db.neighbours")
    assert _nearest(store, neighbours.synced(store), vectors)[0][0] == "a00"


def test_index_in_memory_for_a_store_without_a_file():
    store = open_store(":memory:")
    assert store.neighbour_index_path is None
    store.commit(*pair("a", FLOOD_A))
    store.save_embeddings({"a": _unit(np.random.default_rng(1), 1)[0].tobytes()})
    assert len(neighbours.synced(store)) == 1


def test_dated_neighbours_read_only_the_periods_a_search_needs():
    """Online placement's index reads a period from the store when a search first needs it, with what
    was committed up to then; what is committed later reaches the periods already read through ``add``."""
    rng = np.random.default_rng(4)
    days = [dt.date(2011, 1, 1) + dt.timedelta(days=40 * i) for i in range(10)]
    stored = {seq: (days[seq % 10], v) for seq, v in enumerate(_unit(rng, 30), start=1)}
    asked = []

    def load(period, upto):
        asked.append(period)
        return {seq: v for seq, (day, v) in stored.items() if seq <= upto
                and (period == neighbours.EVERY or neighbours._bucket(day) == period)}

    index = neighbours.DatedNeighbours(load)
    index.start_at(30)
    probe_seq = 3  # published days[3]
    found = index.search(stored[probe_seq][1], days[3], 7, 5)
    assert probe_seq in found and all(stored[s][0] == days[3] for s in found)
    assert neighbours.EVERY not in asked and set(asked) <= {neighbours._bucket(days[3] + dt.timedelta(days=d))
                                                          for d in (-7, 0, 7)} | {None}
    late = _unit(np.random.default_rng(5), 1)[0]
    stored[31] = (days[3], late)
    index.add({31: (days[3], late)})  # a period already read takes it in
    assert index.search(late, days[3], 7, 1)[0] == 31
    assert index.search(late, None, 7, 1) == [31]  # an undated article: every vector, read now
    assert asked.count(neighbours.EVERY) == 1


def test_a_stores_first_commit_reads_the_periods_near_it_only(tmp_path):
    """A store object's first commit with a lead reads the lead vectors of the periods around the report's
    date, not every stored vector: the cost of an ingest run does not grow with the collection."""
    path = tmp_path / "p.db"
    store = open_store(path)
    vectors = _unit(np.random.default_rng(6), 12)
    for i in range(12):
        article, analysis = pair(f"m{i:02d}", f"{FLOOD_A} Month {i}.", published=dt.date(2011, 1 + i, 1))
        store.commit(article, analysis, lead=vectors[i].tobytes())
    store.close()
    store = open_store(path)
    article, analysis = pair("new", f"{FLOOD_A} Again.", published=dt.date(2011, 6, 3))
    assert store.commit(article, analysis, lead=vectors[5].tobytes()).story_id == store.story_ids(["m05"])[0]
    read = set(store._leads._indexes)
    assert neighbours.EVERY not in read and len(read) <= 3 and None in read
