"""The shared store: a PostgreSQL database (psycopg 3), for teams ingesting and reading together.

Each commit is a READ COMMITTED transaction that first takes a transaction-level advisory lock,
so writers place articles one at a time (see ``crosswire.store.sql``) while readers never wait.
Serialization failures and deadlocks (which the lock leaves no room for, but a server under other
load may still report) are retried by ``SQLStore``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from crosswire.cache_folder import cache_dir
from crosswire.errors import StoreError
from crosswire.store.migrations import POSTGRES
from crosswire.store.sql import SQLStore

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError:  # an optional dependency: only a postgresql:// store needs it
    psycopg = None

# The advisory lock key all crosswire writers share ("crosswire" in ASCII, as a bigint).
WRITER_LOCK = 0x63726F7373776972


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class PostgresStore(SQLStore):
    """A crosswire store in a PostgreSQL database, ``postgresql://user@host:port/dbname``.

    The database must exist; ``create=True`` creates crosswire's tables in it, ``create=False``
    refuses a database that has none.
    """

    migrations = POSTGRES
    outlets_aggregate = "coalesce(json_agg(DISTINCT a.outlet) FILTER (WHERE a.outlet <> ''), '[]')"
    search_statement = ("SELECT a.id, sa.story_id, ts_rank(a.search, q) AS score "
                        "FROM websearch_to_tsquery('english', ?) q, articles a "
                        "JOIN story_articles sa ON sa.article_id = a.id "
                        "WHERE a.search @@ q ORDER BY score DESC, a.seq LIMIT ?")
    conflict_test = ("EXISTS (SELECT 1 FROM jsonb_array_elements(b.briefing::jsonb -> 'comparisons') c "
                     "WHERE c ->> 'verdict' = 'conflict')")

    def __init__(self, url: str, *, create: bool = True):
        self.location = _redacted(url)
        self.neighbour_index_path = cache_dir() / f"neighbours-{hashlib.sha1(self.location.encode()).hexdigest()[:16]}"
        if psycopg is None:
            raise StoreError(f"{self.location}: PostgreSQL needs psycopg; install crosswire[postgres].")
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({str(exc).strip()}).") from exc
        self._migrate(create=create)

    def _sql(self, statement: str, params: Sequence[Any] = ()) -> psycopg.Cursor:
        return self._conn.execute(statement.replace("?", "%s"), params)

    def _sql_many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(statement.replace("?", "%s"), list(rows))

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield

    def _is_retryable(self, exc: BaseException) -> bool:
        return isinstance(exc, (pg_errors.SerializationFailure, pg_errors.DeadlockDetected))

    def _json_list(self, value: Any) -> list:
        return value

    def _has_table(self, name: str) -> bool:
        return self._sql("SELECT to_regclass(?) AS t", (name,)).fetchone()["t"] is not None

    def close(self) -> None:
        self._conn.close()
