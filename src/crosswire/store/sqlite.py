"""The embedded default store: one SQLite file, WAL, foreign keys on, migrations applied on open.

Several processes may write one file: each commit is a ``BEGIN IMMEDIATE`` transaction, which
takes SQLite's one write lock up front (a reader never has to upgrade mid-transaction), and the
busy timeout makes a writer wait its turn; ``SQLITE_BUSY`` past it is retried by ``SQLStore``.
WAL lets readers go on while one writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.store.migrations import SQLITE
from crosswire.store.sql import SQLStore

# The nearest-neighbour index lives beside the database file: crosswire.db -> crosswire.db.neighbours.
NEIGHBOURS_SUFFIX = ".neighbours"
# Seconds a writer waits for the write lock before SQLite reports it busy (then it is retried).
BUSY_TIMEOUT_S = 30.0
# The most each connection's page cache holds, in KiB (SQLite's default: 2,048). Committing 500 replayed
# corpus reports into a store of 1,000: 9.2 -> 7.5 s; of 7,000 (560 MB): 19.5 -> 16.5 s (*session script*).
PAGE_CACHE_KIB = 131072


class SQLiteStore(SQLStore):
    """A crosswire database in one file. ``SQLiteStore(":memory:")`` for tests.

    ``create=False`` opens only an existing database (read-only commands: a typo must not leave an
    empty database behind). Folders are never created: a missing folder is far more often a typo
    than a wish.
    """

    migrations = SQLITE
    outlets_aggregate = "json_group_array(DISTINCT a.outlet) FILTER (WHERE a.outlet <> '')"
    # bm25 is lower for better matches; negated, so that higher is better as on every backend.
    search_statement = ("SELECT a.id, sa.story_id, -bm25(articles_fts) AS score FROM articles_fts "
                        "JOIN articles a ON a.seq = articles_fts.rowid JOIN story_articles sa ON sa.article_id = a.id "
                        "WHERE articles_fts MATCH ? ORDER BY score DESC, a.seq LIMIT ?")
    conflict_test = ("EXISTS (SELECT 1 FROM json_each(b.briefing, '$.comparisons') "
                     "WHERE json_extract(value, '$.verdict') = 'conflict')")

    def __init__(self, path: str | Path = ":memory:", *, create: bool = True):
        self.location = str(path)
        self.neighbour_index_path = None if self.location == ":memory:" else Path(self.location + NEIGHBOURS_SUFFIX)
        if self.location != ":memory:":
            file = Path(self.location)
            if not file.parent.is_dir():
                raise StoreError(f"{self.location}: the folder {str(file.parent)!r} does not exist; "
                                 "create it first or pass another --db path.")
            if not file.exists() and not create:
                raise StoreError(f"{self.location}: no such database. Run `crosswire ingest PATH --db "
                                 f"{self.location}` first, or pass the --db of an existing one.")
            if file.is_dir():
                raise StoreError(f"{self.location} is a folder; pass a database file path to --db.")
        try:
            self._conn = sqlite3.connect(self.location, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            # SQLite's page cache is 2 MiB by default; a commit reads story centroids, document frequencies
            # and indexes across a store of hundreds of MB. Up to PAGE_CACHE_KIB, filled only as pages are read.
            self._conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            if self.location != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._migrate(create=create or self.location == ":memory:")  # a new one each time
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.location}: not a crosswire database ({exc}). "
                             "Pass another --db path, or move this file away.") from exc

    def _sql(self, statement: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(statement, params)

    def _sql_many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(statement, rows)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _is_retryable(self, exc: BaseException) -> bool:
        primary = exc.sqlite_errorcode & 0xFF if isinstance(exc, sqlite3.OperationalError) else None
        return primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)

    def _json_list(self, value: Any) -> list:
        return json.loads(value) if value else []

    def _has_table(self, name: str) -> bool:
        return self._sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def close(self) -> None:
        self._conn.close()
