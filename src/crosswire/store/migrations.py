"""Named, ordered schema migrations, recorded in ``_migrations`` so each runs once per database.

Add a migration by appending a function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def m001_initial(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE articles (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order, for stable listings
            id           TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title        TEXT,
            outlet       TEXT,
            published    TEXT,            -- ISO date or NULL
            url          TEXT,
            source       TEXT,
            line         INTEGER,
            text         TEXT NOT NULL    -- exactly as given: every stored offset indexes this
        );
        CREATE TABLE analyses (
            article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            analysis     TEXT NOT NULL    -- JSON of model.ArticleAnalysis
        );
        CREATE TABLE stories (
            id           TEXT PRIMARY KEY,
            seq          INTEGER NOT NULL,
            centroid     TEXT NOT NULL    -- JSON {term: weight}: sum of member vectors
        );
        CREATE TABLE story_articles (
            article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id     TEXT NOT NULL REFERENCES stories(id)
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE term_df (
            term         TEXT PRIMARY KEY,
            df           INTEGER NOT NULL -- articles containing the term, for story-vector IDF
        );
        CREATE TABLE state (
            key          TEXT PRIMARY KEY,
            value        TEXT NOT NULL    -- JSON: the collection lexicon, counters
        );
        """
    )


MIGRATIONS: list[Migration] = [m001_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Run every migration not yet recorded; returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for seq, migration in enumerate(MIGRATIONS, start=1):
        if migration.__name__ in done:
            continue
        with conn:
            migration(conn)
            conn.execute("INSERT INTO _migrations (name, seq) VALUES (?, ?)", (migration.__name__, seq))
        applied.append(migration.__name__)
    return applied


def known_migrations() -> set[str]:
    return {m.__name__ for m in MIGRATIONS}
