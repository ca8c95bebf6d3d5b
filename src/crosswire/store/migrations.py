"""Named, ordered schema migrations per backend, recorded in ``_migrations`` so each runs once.

Add a migration by appending a function to a backend's list; never edit one that has shipped.
A migration gets ``sql(statement, params=())``, which runs one statement (``?`` placeholders)
inside the store's write transaction and returns a cursor, so a migration is all or nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from crosswire.store import items
from crosswire.store.codec import analysis_from_json

Sql = Callable[..., Any]
Migration = Callable[[Sql], None]

# Analyses a migration that reads them whole decodes at a time.
LEAD_BATCH = 500


def _script(sql: Sql, ddl: str) -> None:
    """Run ``;``-separated DDL one statement at a time (a script runner would end the transaction)."""
    for statement in ddl.split(";"):
        if statement.strip():
            sql(statement)


# --------------------------------------------------------------------------- SQLite


def m001_initial(sql: Sql) -> None:
    _script(sql, """
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
        )
    """)


# Learnt state as rows, so concurrent ingests add to it instead of rewriting it: story centroids
# become (story, term, weight) rows with an index on term (the inverted index of clustering), and
# the lexicon becomes counts keyed by (word, form) and (name, label).
_LEARNT_STATE = """
    CREATE TABLE story_terms (
        story_id     TEXT NOT NULL REFERENCES stories(id),
        term         TEXT NOT NULL,
        weight       {real} NOT NULL,
        PRIMARY KEY (story_id, term)
    );
    CREATE INDEX story_terms_term ON story_terms(term);
    CREATE TABLE lexicon_forms (
        word         TEXT NOT NULL,   -- lowercase
        form         TEXT NOT NULL,   -- as written in a cased report
        n            INTEGER NOT NULL,
        PRIMARY KEY (word, form)
    );
    CREATE TABLE lexicon_names (
        name         TEXT NOT NULL,
        label        TEXT NOT NULL,   -- spaCy entity label
        n            INTEGER NOT NULL,
        PRIMARY KEY (name, label)
    )
"""


def m002_learnt_state_as_rows(sql: Sql) -> None:
    _script(sql, _LEARNT_STATE.format(real="REAL"))
    sql("ALTER TABLE stories ADD COLUMN norm REAL NOT NULL DEFAULT 1.0")
    for story_id, centroid in sql("SELECT id, centroid FROM stories").fetchall():
        weights = json.loads(centroid)
        sql("UPDATE stories SET norm = ? WHERE id = ?",
            (math.sqrt(sum(weights[t] ** 2 for t in sorted(weights))) or 1.0, story_id))
        for term, weight in weights.items():
            sql("INSERT INTO story_terms (story_id, term, weight) VALUES (?, ?, ?)", (story_id, term, weight))
    sql("ALTER TABLE stories DROP COLUMN centroid")
    row = sql("SELECT value FROM state WHERE key = 'lexicon'").fetchone()
    lexicon = json.loads(row[0]) if row else {}
    for word, forms in lexicon.get("words", {}).items():
        for form, n in forms.items():
            sql("INSERT INTO lexicon_forms (word, form, n) VALUES (?, ?, ?)", (word, form, n))
    for name, labels in lexicon.get("names", {}).items():
        for label, n in labels.items():
            sql("INSERT INTO lexicon_names (name, label, n) VALUES (?, ?, ?)", (name, label, n))
    sql("DROP TABLE state")


# A story's briefing kept with the story version it was built from and the fuser that built it, so
# `brief --story` rebuilds only a story that changed. Commits bump ``stories.version`` whenever a
# story's membership changes; existing stories start at 1 with no briefing kept.
_STORED_BRIEFINGS = """
    ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE story_briefings (
        story_id     TEXT PRIMARY KEY REFERENCES stories(id),
        version      INTEGER NOT NULL, -- the stories.version it was built from
        fuser        TEXT NOT NULL,    -- fuse.briefing.FUSER_VERSION of the code that built it
        briefing     TEXT NOT NULL     -- JSON of model.StoryBriefing
    )
"""


def m003_stored_briefings(sql: Sql) -> None:
    _script(sql, _STORED_BRIEFINGS)


# Which analyzer made each analysis, so `reanalyze` finds the stale ones with an index; analyses
# stored before are version 1.
_ANALYZER_VERSIONS = """
    ALTER TABLE analyses ADD COLUMN analyzer INTEGER NOT NULL DEFAULT 1;
    CREATE INDEX analyses_analyzer ON analyses(analyzer)
"""


def m004_analyzer_versions(sql: Sql) -> None:
    _script(sql, _ANALYZER_VERSIONS)


# Full-text search over titles and texts (``search_articles``): an external-content FTS5 table (the
# text is stored once, in ``articles``) kept in sync by triggers, so every path that writes articles
# indexes them; the Porter stemmer, as PostgreSQL's english configuration stems. Articles stored
# before are indexed by the rebuild.
_SQLITE_SEARCH = (  # statements, not a script: trigger bodies hold ";" of their own
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
           title, text, content='articles', content_rowid='seq', tokenize='porter unicode61')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
           INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
           INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
           INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
           INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
       END""",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
)


def m005_article_search(sql: Sql) -> None:
    for statement in _SQLITE_SEARCH:
        sql(statement)


# Items as rows an analyst can query (``store/items.py``), filled from the analyses already stored.
def _items(sql: Sql, types: dict[str, str]) -> None:
    for table in items.TABLES:
        sql(table.ddl(types))
    _script(sql, items.WORDS_DDL)
    for row in sql("SELECT analysis FROM analyses").fetchall():
        for insert, rows in items.item_inserts(analysis_from_json(row["analysis"])):
            for values in rows:
                sql(insert, values)


def m006_items(sql: Sql) -> None:
    _items(sql, {"BOOL": "INTEGER", "REAL": "REAL"})


# Facts of each analysis the store queries: ``lowercased`` marks analyses made of corpus-form text,
# ``made_seq`` the newest article stored when it was made (a cased report of its story stored after
# that taught casing it did not have, so `reanalyze` redoes it; existing analyses count as made when
# their article was stored), ``body_start`` where the report's own words begin (after dateline and
# byline: what a story listing shows as its lead).
def _analysis_columns(sql: Sql, boolean: str) -> None:
    sql(f"ALTER TABLE analyses ADD COLUMN lowercased {boolean} NOT NULL DEFAULT FALSE")
    sql("ALTER TABLE analyses ADD COLUMN made_seq BIGINT")
    sql("ALTER TABLE analyses ADD COLUMN body_start INTEGER NOT NULL DEFAULT 0")
    sql("UPDATE analyses SET made_seq = (SELECT seq FROM articles WHERE articles.id = analyses.article_id)")
    for row in sql("SELECT an.article_id, an.analysis, a.text FROM analyses an "
                   "JOIN articles a ON a.id = an.article_id").fetchall():
        analysis = analysis_from_json(row["analysis"])
        sql("UPDATE analyses SET lowercased = ?, body_start = ? WHERE article_id = ?",
            (bool(analysis.form.get("lowercased")), analysis.body_start(row["text"]), row["article_id"]))


def m007_analysis_columns(sql: Sql) -> None:
    _analysis_columns(sql, "INTEGER")


# Two levels of stories (``fuse/cluster.py``): each story (an event) belongs to a storyline, and a
# recluster pass may move articles between stories, logging each merge and split. Existing stories
# start as their own storyline ("l" + the hash part of their id); every article counts as not yet
# reclustered (watermark 0). Lead embeddings are kept so a pass need not recompute them.
_STORYLINES = """
    ALTER TABLE stories ADD COLUMN storyline TEXT;
    UPDATE stories SET storyline = 'l' || substr(id, 2);
    CREATE INDEX stories_storyline ON stories(storyline);
    CREATE TABLE story_changes (
        seq          {serial},
        at           TEXT NOT NULL,     -- ISO time of the pass
        level        TEXT NOT NULL,     -- event | storyline
        kind         TEXT NOT NULL,     -- merge | split
        story        TEXT NOT NULL,     -- merge: the id the articles now share, split: the id split
        parts        TEXT NOT NULL      -- JSON [[id, articles], ...]: merged ids, or the ids split into
    );
    CREATE TABLE clustering_state (
        name         TEXT PRIMARY KEY,
        value        BIGINT NOT NULL    -- watermark: the last articles.seq a recluster pass saw
    );
    INSERT INTO clustering_state (name, value) VALUES ('watermark', 0);
    CREATE TABLE article_embeddings (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        vector       {blob} NOT NULL    -- float32 lead embedding (fuse/embed.py)
    )
"""


def m008_storylines(sql: Sql) -> None:
    _script(sql, _STORYLINES.format(serial="INTEGER PRIMARY KEY AUTOINCREMENT", blob="BLOB"))


# Each report's lead (``ArticleAnalysis.lead``: the start of its own words, up to a zone a page glued on)
# in a table of its own, so a story list heads every story from its reports' headings (``fuse.headline``)
# without reading their texts or analyses: a column read after the text or the analysis in a row costs
# reading them. It replaces ``analyses.body_start``, which only served to cut one lead per story from
# the text. Analyses are decoded a few hundred at a time: a large store's would not fit in memory.
_ARTICLE_LEADS = """
    CREATE TABLE article_leads (
        article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        lead         TEXT NOT NULL
    )
"""


def _article_leads(sql: Sql) -> None:
    _script(sql, _ARTICLE_LEADS)
    ids = [r["article_id"] for r in sql("SELECT article_id FROM analyses ORDER BY article_id").fetchall()]
    for i in range(0, len(ids), LEAD_BATCH):
        part = ids[i:i + LEAD_BATCH]
        for row in sql("SELECT an.article_id, an.analysis, a.text FROM analyses an JOIN articles a ON a.id = an.article_id "
                       f"WHERE an.article_id IN ({', '.join('?' * len(part))})", part).fetchall():
            sql("INSERT INTO article_leads (article_id, lead) VALUES (?, ?)",
                (row["article_id"], analysis_from_json(row["analysis"]).lead(row["text"])))
    sql("ALTER TABLE analyses DROP COLUMN body_start")


def m009_article_leads(sql: Sql) -> None:
    _article_leads(sql)


# Online placement reads the lead vectors of one period of publication dates at a time
# (``fuse.neighbours.DatedNeighbours``): without an index each read scans every article row.
_ARTICLES_PUBLISHED = "CREATE INDEX articles_published ON articles(published, seq)"


def m010_articles_published(sql: Sql) -> None:
    sql(_ARTICLES_PUBLISHED)


# Each placement reads how many articles are placed (the IDF's document count) and each new story takes
# the next story number: both were a scan of a whole table per commit, so a commit's cost grew with the
# store. The count is kept in ``clustering_state`` by triggers, whatever inserts or deletes a placement,
# and the story numbers get an index.
_PLACED = """
    INSERT INTO clustering_state (name, value) SELECT 'placed', count(*) FROM story_articles;
    CREATE INDEX stories_seq ON stories(seq)
"""


def m011_placed_count(sql: Sql) -> None:
    _script(sql, _PLACED)
    for event, change in (("INSERT", "+ 1"), ("DELETE", "- 1")):
        sql(f"CREATE TRIGGER story_articles_{event.lower()}_count AFTER {event} ON story_articles BEGIN "
            f"UPDATE clustering_state SET value = value {change} WHERE name = 'placed'; END")


SQLITE: list[Migration] = [m001_initial, m002_learnt_state_as_rows, m003_stored_briefings, m004_analyzer_versions,
                           m005_article_search, m006_items, m007_analysis_columns, m008_storylines,
                           m009_article_leads, m010_articles_published, m011_placed_count]


# --------------------------------------------------------------------------- PostgreSQL


def p001_initial(sql: Sql) -> None:
    """The SQLite schema as of ``m002``, in PostgreSQL types."""
    _script(sql, """
        CREATE TABLE articles (
            seq          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title        TEXT,
            outlet       TEXT,
            published    TEXT,
            url          TEXT,
            source       TEXT,
            line         INTEGER,
            text         TEXT NOT NULL
        );
        CREATE TABLE analyses (
            article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            analysis     TEXT NOT NULL
        );
        CREATE TABLE stories (
            id           TEXT PRIMARY KEY,
            seq          BIGINT NOT NULL,
            norm         DOUBLE PRECISION NOT NULL
        );
        CREATE TABLE story_articles (
            article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id     TEXT NOT NULL REFERENCES stories(id)
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE term_df (
            term         TEXT PRIMARY KEY,
            df           INTEGER NOT NULL
        )
    """)
    _script(sql, _LEARNT_STATE.format(real="DOUBLE PRECISION"))


def p002_stored_briefings(sql: Sql) -> None:
    """As SQLite ``m003``."""
    _script(sql, _STORED_BRIEFINGS)


def p003_analyzer_versions(sql: Sql) -> None:
    """As SQLite ``m004``."""
    _script(sql, _ANALYZER_VERSIONS)


# As SQLite ``m005``: a generated tsvector column (computed for the rows already stored when it is
# added, and by PostgreSQL on every insert or update) under a GIN index. Only the first
# SEARCH_CHARS characters are indexed: a tsvector is capped at 1 MB, and a 20 MB report past it
# would make its commit fail.
SEARCH_CHARS = 200_000


def p004_article_search(sql: Sql) -> None:
    """As SQLite ``m005``."""
    _script(sql, f"""
        ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
            to_tsvector('english', left(coalesce(title, '') || ' ' || text, {SEARCH_CHARS}))) STORED;
        CREATE INDEX articles_search ON articles USING GIN (search)
    """)


def p005_items(sql: Sql) -> None:
    """As SQLite ``m006``."""
    _items(sql, {"BOOL": "BOOLEAN", "REAL": "DOUBLE PRECISION"})


def p006_analysis_columns(sql: Sql) -> None:
    """As SQLite ``m007``."""
    _analysis_columns(sql, "BOOLEAN")


def p007_storylines(sql: Sql) -> None:
    """As SQLite ``m008``."""
    _script(sql, _STORYLINES.format(serial="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", blob="BYTEA"))


def p008_article_leads(sql: Sql) -> None:
    """As SQLite ``m009``."""
    _article_leads(sql)


def p009_articles_published(sql: Sql) -> None:
    """As SQLite ``m010``."""
    sql(_ARTICLES_PUBLISHED)


def p010_placed_count(sql: Sql) -> None:
    """As SQLite ``m011``: a row trigger calls a function that keeps the count."""
    _script(sql, _PLACED)
    sql("CREATE FUNCTION story_articles_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE clustering_state SET value = value + CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END "
        "WHERE name = 'placed'; RETURN NULL; END $$")
    sql("CREATE TRIGGER story_articles_count AFTER INSERT OR DELETE ON story_articles "
        "FOR EACH ROW EXECUTE FUNCTION story_articles_count()")


POSTGRES: list[Migration] = [p001_initial, p002_stored_briefings, p003_analyzer_versions, p004_article_search,
                             p005_items, p006_analysis_columns, p007_storylines, p008_article_leads,
                             p009_articles_published, p010_placed_count]
