"""The embedded default store: one SQLite file, WAL, foreign keys on, migrations applied on open.

Each article is written in one transaction (``atomic``), so a run killed midway leaves only
whole articles behind and a re-run stores each article once (content hashes are unique).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import Article, ArticleAnalysis
from crosswire.store.codec import analysis_from_json, analysis_to_json, article_from_row
from crosswire.store.migrations import apply_migrations, known_migrations


class Store:
    """A crosswire database. ``Store(":memory:")`` for tests, ``Store(path)`` for a file.

    ``create=False`` opens only an existing database (read-only commands: a typo must not leave an
    empty database behind). Folders are never created: a missing folder is far more often a typo
    than a wish.
    """

    def __init__(self, path: str | Path = ":memory:", *, create: bool = True):
        self.path = str(path)
        if self.path != ":memory:":
            file = Path(self.path)
            if not file.parent.is_dir():
                raise StoreError(f"{self.path}: the folder {str(file.parent)!r} does not exist; "
                                 "create it first or pass another --db path.")
            if not file.exists() and not create:
                raise StoreError(f"{self.path}: no such database. Run `crosswire ingest PATH --db "
                                 f"{self.path}` first, or pass the --db of an existing one.")
            if file.is_dir():
                raise StoreError(f"{self.path} is a folder; pass a database file path to --db.")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self._check_version()
            apply_migrations(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a crosswire database ({exc}). "
                             "Pass another --db path, or move this file away.") from exc
        self._depth = 0

    def _check_version(self) -> None:
        has_table = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone()
        if not has_table:
            return
        unknown = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")} - known_migrations()
        if unknown:
            raise StoreError(f"{self.path} was written by a newer crosswire (migrations {sorted(unknown)}); "
                             "upgrade crosswire to read it.")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction; nested calls become savepoints, so inner failures roll back only themselves."""
        name = f"sp{self._depth}"
        self.conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            self.conn.execute("ROLLBACK" if self._depth == 0 else f"ROLLBACK TO {name}")
            if self._depth:
                self.conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        self.conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {name}")

    # ------------------------------------------------------------------ articles

    def has_content(self, content_hash: str) -> str | None:
        """The id of the stored article with this content, if any."""
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row["id"] if row else None

    def has_id(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def put_article(self, article: Article, analysis: ArticleAnalysis) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, content_hash, title, outlet, published, url, source, line, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.content_hash, article.title, article.outlet,
             article.published.isoformat() if article.published else None, article.url, article.source,
             article.line, article.text))
        self.conn.execute("INSERT INTO analyses (article_id, analysis) VALUES (?, ?)",
                          (article.id, analysis_to_json(analysis)))

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles in ingest order (all, or those with the given ids)."""
        rows = self.conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()
        if ids is not None:
            wanted = set(ids)
            rows = [r for r in rows if r["id"] in wanted]
        return [article_from_row(r) for r in rows]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        row = self.conn.execute("SELECT analysis FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return analysis_from_json(row["analysis"])

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    # ------------------------------------------------------------------ stories

    def story_centroids(self) -> list[tuple[str, dict[str, float]]]:
        rows = self.conn.execute("SELECT id, centroid FROM stories ORDER BY seq").fetchall()
        return [(r["id"], json.loads(r["centroid"])) for r in rows]

    def put_story(self, story_id: str, centroid: dict[str, float]) -> None:
        """Create or update a story's centroid."""
        data = json.dumps(centroid, sort_keys=True)
        updated = self.conn.execute("UPDATE stories SET centroid = ? WHERE id = ?", (data, story_id)).rowcount
        if not updated:
            seq = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM stories").fetchone()[0]
            self.conn.execute("INSERT INTO stories (id, seq, centroid) VALUES (?, ?, ?)", (story_id, seq, data))

    def assign_story(self, article_id: str, story_id: str) -> None:
        self.conn.execute("INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)", (article_id, story_id))

    def stories(self) -> list[tuple[str, list[str]]]:
        """Every story with its article ids, stories in creation order, articles in ingest order."""
        rows = self.conn.execute(
            "SELECT s.id AS story, a.id AS article FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
            "JOIN articles a ON a.id = sa.article_id ORDER BY s.seq, a.seq").fetchall()
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r["story"], []).append(r["article"])
        return list(out.items())

    def term_df_all(self) -> dict[str, int]:
        """Document frequency of every term seen, for the story index's IDF."""
        return {r["term"]: r["df"] for r in self.conn.execute("SELECT term, df FROM term_df")}

    def add_term_df(self, terms: list[str]) -> None:
        self.conn.executemany("INSERT INTO term_df (term, df) VALUES (?, 1) "
                              "ON CONFLICT(term) DO UPDATE SET df = df + 1", [(t,) for t in terms])

    # ------------------------------------------------------------------ state

    def get_state(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else None

    def put_state(self, key: str, value: Any) -> None:
        self.conn.execute("INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                          "excluded.value", (key, json.dumps(value, sort_keys=True)))
