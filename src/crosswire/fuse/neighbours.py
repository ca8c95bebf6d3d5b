"""Which stored articles a new one should be reconsidered with: its nearest neighbours by lead embedding.

A recluster pass (``jobs.recluster``) must not redo every story within months of a new report: on a
live feed most stories are untouched by a batch of new reports. It reclusters the storylines that hold
the new articles' nearest neighbours instead, so its cost follows what the batch is about, not how large
the collection has grown. Neighbours come from an approximate nearest-neighbour index (an HNSW graph,
``usearch``) over every stored lead embedding, keyed by the article's ingest sequence number.

Online placement (``fuse.stories``) asks the same question of the reports of an article's days:
``DatedNeighbours`` keeps one index per period of publication dates, in memory, each read from the
stored vectors by a store object the first time a search needs it and caught up at each commit.

The store's ``article_embeddings`` are the truth; the index is a cache of them in a file (SQLite: beside
the database; a server store: the user's cache folder). ``synced`` loads it and catches it up: a file
that is missing, unreadable, from another store, or ahead of the store is rebuilt from the stored
vectors, so a crash or a deleted file costs a rebuild, never a wrong answer. A save replaces the file
atomically, so two ingests saving at once leave one whole file (the other's additions are caught up by
the next pass).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from crosswire.fuse.embed import DIMENSIONS

# Neighbours asked for per new article. They are candidates only: a storyline is reconsidered when any
# of them lies in it, and the batch clustering decides. Twenty covers the stories an article could
# join several times over at the size of a storyline's daily coverage.
NEIGHBOURS = 20
# HNSW build effort: 32 candidates per insertion keeps recall@20 at 0.999 against exact search on
# clustered 384-dimension vectors (measured on 20,000 synthetic ones) at ~7,000 insertions a second
# on one core; the library's default (128) is four times slower for no measurable gain.
EXPANSION_ADD = 32
EXPANSION_SEARCH = 64
# Days of publication dates per index of ``DatedNeighbours``: a placement window (2 x 7 days) spans two
# or three periods.
BUCKET_DAYS = 16


class EmbeddingSource(Protocol):
    """What the index needs from a store (``StoreProtocol`` fulfils it)."""

    neighbour_index_path: Path | None

    def embedding_seqs(self) -> list[int]: ...

    def embeddings_by_seq(self, seqs: Sequence[int]) -> dict[int, np.ndarray]: ...


class NeighbourIndex:
    """Lead embeddings by article sequence number, searchable by cosine similarity."""

    def __init__(self, path: Path | None = None, *, load: bool = True):
        """``path``: the file it is saved to (None: memory only), read first when ``load``."""
        self.path = path
        self._index = _empty()
        if load and path is not None and path.is_file():
            try:
                self._index.load(str(path))
            except Exception:  # an unreadable file is a cache miss, rebuilt from the store
                self._index = _empty()
            if self._index.ndim != DIMENSIONS:  # another model's vectors
                self._index = _empty()

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> set[int]:
        """Every key, read in one call (key by key it took 3 s at 43,000: each pass asks)."""
        return {int(k) for k in self._index.keys[:]}

    def add(self, vectors: Mapping[int, np.ndarray]) -> None:
        fresh = sorted(k for k in vectors if k not in self._index)
        if fresh:
            self._index.add(np.array(fresh, dtype=np.uint64),
                            np.stack([np.asarray(vectors[k], dtype=np.float32) for k in fresh]), threads=1)

    def search(self, vectors: np.ndarray, k: int = NEIGHBOURS) -> list[list[int]]:
        """The keys of each row's ``k`` nearest stored vectors, nearest first (a stored row finds itself)."""
        if not len(self._index) or not len(vectors):
            return [[] for _ in range(len(vectors))]
        rows = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
        found = self._index.search(rows, min(k, len(self._index)), threads=1)
        if len(rows) == 1:  # one query gives one match list, not a batch
            return [[int(key) for key in found.keys]]
        return [[int(key) for key in row[:n]] for row, n in zip(found.keys, found.counts)]

    def agrees_with(self, key: int, vector: np.ndarray) -> bool:
        """Whether the index holds ``vector`` under ``key`` (a file left by another store does not)."""
        held = self._index.get(key)
        return held is not None and bool(np.allclose(np.asarray(held, dtype=np.float32).ravel(), vector, atol=1e-4))

    def save(self) -> None:
        """Write the index over its file in one step (a temporary file renamed over it)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        umask = os.umask(0)  # mkstemp makes the file private; an index is as readable as its store
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            self._index.save(tmp)
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


# What ``DatedNeighbours`` asks its loader for: the vectors of one period (its number), of the undated
# (None), or of every article (``EVERY``).
EVERY = "every"
Period = int | None | str


class DatedNeighbours:
    """Lead embeddings by article sequence number, in one index per ``BUCKET_DAYS`` of publication
    dates (the undated in one of their own), searched only over the periods near a date: online
    placement's candidates (``fuse.stories``), which must be reports of the article's days, however
    many reports of other weeks on the same subject lie nearer in meaning (a months-long story).

    A period is read from the store the first time a search needs it (``load(period, upto)``: the
    stored vectors of its articles with a sequence number up to ``upto``), so an ingest run reads the
    periods its reports fall in, not the whole collection: reading every vector at a store's first
    commit cost an ingest run time and memory in proportion to the store. The index of every vector, for
    an undated article (which fits any date), is read only when one comes. ``add`` takes what was
    committed since, for the periods already read; the others will read it from the store. Without a
    loader (``fuse.stories``' index in memory) every vector comes through ``add``."""

    def __init__(self, load: Callable[[Period, int], Mapping[int, np.ndarray]] | None = None) -> None:
        """``load``: where periods are read from (None: nothing is stored elsewhere, every vector comes
        through ``add``)."""
        self._load = load
        self._indexes: dict[Period, NeighbourIndex] = {}
        self._upto = 0  # the last sequence number added or loaded

    def add(self, dated: Mapping[int, tuple[dt.date | None, np.ndarray]]) -> None:
        """Articles committed since the last call, in sequence order."""
        if not dated:
            return
        by_period: dict[Period, dict[int, np.ndarray]] = {}
        for key, (published, vector) in dated.items():
            by_period.setdefault(_bucket(published), {})[key] = vector
            by_period.setdefault(EVERY, {})[key] = vector
        for period, vectors in by_period.items():
            if period in self._indexes or self._load is None:
                self._indexes.setdefault(period, NeighbourIndex()).add(vectors)
        self._upto = max(self._upto, max(dated))

    def start_at(self, upto: int) -> None:
        """Everything up to ``upto`` is in the store: read from it when a period is first searched."""
        self._upto = max(self._upto, upto)

    def _index(self, period: Period) -> NeighbourIndex:
        if period not in self._indexes:
            self._indexes[period] = NeighbourIndex()
            if self._load is not None:
                self._indexes[period].add(self._load(period, self._upto))
        return self._indexes[period]

    def search(self, vector: np.ndarray, published: dt.date | None, days: int, k: int) -> list[int]:
        """The keys of the ``k`` nearest vectors of each period within ``days`` of ``published`` and of
        the undated; of all, for an undated ``published``."""
        if published is None:
            return self._index(EVERY).search(vector[None, :], k)[0]
        first, last = _bucket(published - dt.timedelta(days=days)), _bucket(published + dt.timedelta(days=days))
        found: list[int] = []
        for period in [*range(first, last + 1), None]:
            found += self._index(period).search(vector[None, :], k)[0]
        return found


def period_dates(period: int) -> tuple[dt.date, dt.date]:
    """The first and last publication date of a period of ``DatedNeighbours``."""
    return dt.date.fromordinal(max(period * BUCKET_DAYS, 1)), dt.date.fromordinal(period * BUCKET_DAYS + BUCKET_DAYS - 1)


def _bucket(published: dt.date | None) -> int | None:
    return None if published is None else published.toordinal() // BUCKET_DAYS


def _empty():
    from usearch.index import Index

    return Index(ndim=DIMENSIONS, metric="cos", dtype="f32", expansion_add=EXPANSION_ADD,
                 expansion_search=EXPANSION_SEARCH)


def synced(source: EmbeddingSource) -> NeighbourIndex:
    """The store's index, loaded from its file and caught up with every stored embedding (rebuilt when
    the file is missing, unreadable, holds keys the store does not, or disagrees with it), and saved.
    Once per pass: it reads the whole file and every stored key (integers), linear in the collection;
    a store of millions would keep the index open in a long-running process instead."""
    index = NeighbourIndex(source.neighbour_index_path)
    stored = set(source.embedding_seqs())
    held = index.keys()
    if held and (not held <= stored or not _spot_check(index, source, max(held))):
        index, held = NeighbourIndex(source.neighbour_index_path, load=False), set()
    missing = sorted(stored - held)
    for start in range(0, len(missing), 10_000):
        index.add(source.embeddings_by_seq(missing[start:start + 10_000]))
    if missing or held != stored:
        index.save()
    return index


def _spot_check(index: NeighbourIndex, source: EmbeddingSource, key: int) -> bool:
    vector = source.embeddings_by_seq([key]).get(key)
    return vector is not None and index.agrees_with(key, vector)
