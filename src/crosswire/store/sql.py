"""The store contract in SQL that SQLite and PostgreSQL both speak; backends supply the connection.

Statements use ``?`` placeholders and ``INSERT ... ON CONFLICT``, which both databases accept.
A backend provides: running a statement, a write transaction that excludes other writers
(SQLite ``BEGIN IMMEDIATE``; PostgreSQL a transaction-level advisory lock), which errors mean
"another writer got in the way, run it again", and the few spellings that differ.

Why writers are serialised: placing an article in a story reads every candidate story's centroid
and the term frequencies, then rewrites them. Run by two writers at once, one of them would
decide on state the other is replacing. A commit takes milliseconds and analysis (outside it)
hundreds, so one writer at a time costs ingest nothing and keeps clustering one sequence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
import time
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

import numpy as np

from crosswire.errors import StoreError
from crosswire.fuse import neighbours
from crosswire.fuse.cluster import ArticleFeatures, Reclustering, TermStats, whole_events, window
from crosswire.fuse.headline import headline, latest_first
from crosswire.fuse.stories import (DEFAULT_THRESHOLD, PLACEMENT_DAYS, PLACEMENT_NEIGHBOURS, article_vector,
                                    centroid_norm, choose_story, grow_centroid, story_id_for, storyline_id_for,
                                    summed_centroid, terms_of)
from crosswire.fuse.similarity import name_fits
from crosswire.model import (Article, ArticleAnalysis, FoundFigure, FoundMention, FoundStatement,
                             Heading, Stored, StoryBriefing, StoryChange, StoryRow, item_id)
from crosswire.restore import Lexicon
from crosswire.store.codec import (analysis_from_json, analysis_to_json, article_from_row, briefing_from_json,
                                  briefing_to_json)
from crosswire.store import items
from crosswire.store.base import Commit
from crosswire.store.migrations import Migration

T = TypeVar("T")

# A write that another writer got in the way of is run again this many times, after a jittered
# pause growing from RETRY_PAUSE_S; past that the error is real and is raised.
MAX_ATTEMPTS = 8
RETRY_PAUSE_S = 0.05

_ARTICLE_COLUMNS = "id, content_hash, title, outlet, published, url, source, line, text"
# A user's search query: "quoted phrases" and words (any run of characters but space and ").
_SEARCH_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


def search_terms(query: str) -> list[str]:
    """The words and phrases of a user's query, none holding a quote. Each backend matches every one as a
    quoted literal (FTS5 phrases, ``websearch_to_tsquery`` phrases), so operators, stars, brackets or a
    stray quote typed by a user are text to look for, never query syntax that fails."""
    spaced = query.replace("\x00", " ")  # PostgreSQL refuses NUL in any text
    return [t for m in _SEARCH_TERM.finditer(spaced) if (t := m[1] if m[1] is not None else m[2]).strip()]


# An article's lead embedding, stored or replaced (at commit, or by a recluster pass that made it).
_SAVE_EMBEDDING = ("INSERT INTO article_embeddings (article_id, vector) VALUES (?, ?) ON CONFLICT (article_id) "
                   "DO UPDATE SET vector = excluded.vector")


def _vector(blob: bytes | None) -> np.ndarray | None:
    """A stored float32 embedding as an array (None when none is stored)."""
    return None if blob is None else np.frombuffer(bytes(blob), dtype=np.float32)


def _chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """``IN (...)`` lists in slices, under every backend's parameter limit."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class SQLStore(ABC):
    """Everything of the store contract but the connection (see ``crosswire.store.base``)."""

    location: str
    migrations: list[Migration]
    # An aggregate of a story's distinct non-empty outlets as a JSON list.
    outlets_aggregate: str
    # (article id, story id, score higher-is-better) of the articles matching every term of the first
    # parameter, a query of double-quoted phrases; best first, at most the second parameter.
    search_statement: str
    # Whether the kept briefing ``b.briefing`` (JSON text) holds a comparison whose verdict is "conflict".
    conflict_test: str
    # Online placement's nearest-neighbour indexes of lead embeddings (``_near_stories``), made at the
    # first commit with a lead, and the highest article sequence number they have caught up with.
    _leads: neighbours.DatedNeighbours | None = None
    _leads_seq: int = 0

    # ------------------------------------------------------------------ backend hooks

    @abstractmethod
    def _sql(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns a cursor whose rows index by column name."""

    @abstractmethod
    def _sql_many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _write_transaction(self) -> AbstractContextManager[None]:
        """A transaction no other writer runs beside; rolled back when the block raises."""

    @abstractmethod
    def _is_retryable(self, exc: BaseException) -> bool:
        """Whether ``exc`` means a concurrent writer got in the way (busy, serialization, deadlock)."""

    @abstractmethod
    def _json_list(self, value: Any) -> list:
        """The value of ``outlets_aggregate`` as a list."""

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...

    # ------------------------------------------------------------------ transactions and schema

    def _write(self, work: Callable[[], T]) -> T:
        """Run ``work`` in a write transaction, again when a concurrent writer got in the way."""
        attempt = 1
        while True:
            try:
                with self._write_transaction():
                    return work()
            except Exception as exc:
                if attempt == MAX_ATTEMPTS or not self._is_retryable(exc):
                    raise
            time.sleep(RETRY_PAUSE_S * attempt * (1 + random.random()))
            attempt += 1

    def _migrate(self, *, create: bool) -> None:
        """Apply pending migrations; refuse a database written by a newer crosswire."""
        if not create and not self._has_table("_migrations"):
            raise StoreError(f"{self.location}: no crosswire store there. Run `crosswire ingest PATH --db "
                             f"{self.location}` first, or pass the --db of an existing one.")

        def migrate() -> None:
            self._sql("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)")
            done = {r["name"] for r in self._sql("SELECT name FROM _migrations").fetchall()}
            unknown = done - {m.__name__ for m in self.migrations}
            if unknown:
                raise StoreError(f"{self.location} was written by a newer crosswire (migrations "
                                 f"{sorted(unknown)}); upgrade crosswire to read it.")
            for seq, migration in enumerate(self.migrations, start=1):
                if migration.__name__ not in done:
                    migration(self._sql)
                    self._sql("INSERT INTO _migrations (name, seq) VALUES (?, ?)", (migration.__name__, seq))

        self._write(migrate)

    # ------------------------------------------------------------------ writing

    def known_contents(self, content_hashes: Iterable[str]) -> dict[str, str]:
        hashes = sorted(set(content_hashes))
        out = {}
        for part in _chunks(hashes):
            rows = self._sql(f"SELECT content_hash, id FROM articles WHERE content_hash IN ({_marks(len(part))})",
                             part).fetchall()
            out.update({r["content_hash"]: r["id"] for r in rows})
        return out

    def commit(self, article: Article, analysis: ArticleAnalysis, learnt: Lexicon | None = None,
               lead: bytes | None = None) -> Stored:
        return self.commit_many([Commit(article, analysis, learnt, lead)])[0]

    def commit_many(self, commits: Sequence[Commit]) -> list[Stored]:
        counted = [(c, terms_of(c.article.text, [m.text for m in c.analysis.mentions])) for c in commits]

        def commit_all() -> list[Stored]:
            try:
                stored = [self._commit(c.article, c.analysis, counts, c.lead) for c, counts in counted]
                # what the batch's stored articles taught, added once: their words and names repeat
                taught = Lexicon()
                for c, result in zip(commits, stored):
                    if c.learnt is not None and not result.duplicate:
                        taught.merge(c.learnt)
                self._learn(taught)
                return stored
            except BaseException:  # the lead index caught up with this transaction's own articles, which
                self._leads = None  # its rollback takes back: it is read again from what is stored
                raise
        return self._write(commit_all)

    def _commit(self, article: Article, analysis: ArticleAnalysis, counts: dict[str, int],
                lead: bytes | None) -> Stored:
        asked = article.id
        near = self._near_stories(lead, article.published)  # before this article is in: what is committed
        if not self._insert_article(article):
            row = self._sql("SELECT a.id, sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
                            "WHERE a.content_hash = ?", (article.content_hash,)).fetchone()
            if row is not None:
                return Stored(row["id"], row["story_id"], duplicate=True)
            article = dataclasses.replace(article, id=f"{asked}~{article.content_hash[:8]}")
            if not self._insert_article(article):
                raise StoreError(f"{self.location}: cannot store article {asked!r}: both its id and "
                                 f"{article.id!r} hold other texts.")
        if analysis.article_id != article.id:
            analysis = dataclasses.replace(analysis, article_id=article.id)
        self._insert_analysis(analysis)
        self._insert_items(analysis)
        if lead is not None:
            self._sql(_SAVE_EMBEDDING, (article.id, lead))
        story_id = self._place(article.id, counts, article.published, near)
        return Stored(article.id, story_id, renamed_from=asked if article.id != asked else None)

    def _insert_article(self, article: Article) -> bool:
        """Insert unless the id or the text is already stored (race-free: the database decides)."""
        row = self._sql(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({_marks(9)}) ON CONFLICT DO NOTHING RETURNING seq",
            (article.id, article.content_hash, article.title, article.outlet,
             article.published.isoformat() if article.published else None, article.url, article.source,
             article.line, article.text)).fetchone()
        return row is not None

    def _near_stories(self, lead: bytes | None, published: dt.date | None) -> list[str] | None:
        """The stories of the committed articles nearest ``lead`` by lead embedding among those published
        near ``published`` (``PLACEMENT_NEIGHBOURS`` per period of ``neighbours.DatedNeighbours``), the
        only ones placement weighs (``fuse.stories``); None without a lead (every story sharing a term
        is then weighed). The index is this store object's, built from the stored vectors at its first
        commit with a lead and caught up at every commit with what any process committed since."""
        vector = None if lead is None else _vector(lead)
        if vector is None or vector.size != neighbours.DIMENSIONS:  # none, or not this model's
            return None
        if self._leads is None:  # what is stored now is read period by period, as searches need it
            self._leads = neighbours.DatedNeighbours(self._lead_vectors)
            self._leads_seq = self._sql("SELECT coalesce(max(seq), 0) AS seq FROM articles").fetchone()["seq"]
            self._leads.start_at(self._leads_seq)
        fresh = self._sql("SELECT a.seq, a.published, e.vector FROM article_embeddings e JOIN articles a "
                          "ON a.id = e.article_id WHERE a.seq > ? ORDER BY a.seq", (self._leads_seq,)).fetchall()
        if fresh:
            self._leads.add({r["seq"]: (dt.date.fromisoformat(r["published"]) if r["published"] else None, v)
                             for r in fresh if (v := _vector(r["vector"])).size == neighbours.DIMENSIONS})
            self._leads_seq = fresh[-1]["seq"]
        seqs = sorted(set(self._leads.search(vector, published, PLACEMENT_DAYS, PLACEMENT_NEIGHBOURS)))
        return sorted({r["story_id"] for part in _chunks(seqs) for r in self._sql(
            "SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
            f"WHERE a.seq IN ({_marks(len(part))})", part).fetchall()})

    def _lead_vectors(self, period: neighbours.Period, upto: int) -> dict[int, np.ndarray]:
        """The stored lead vectors of a period of ``neighbours.DatedNeighbours`` (its number; None: the
        undated; ``EVERY``: all) up to sequence number ``upto``, by sequence number."""
        where, params = "", ()
        if period is None:
            where = "AND a.published IS NULL"
        elif period != neighbours.EVERY:
            first, last = neighbours.period_dates(period)
            where, params = "AND a.published >= ? AND a.published <= ?", (first.isoformat(), last.isoformat())
        # "+a.seq": SQLite without statistics would walk the articles by seq up to ``upto`` (every one of
        # them: a scan per period, growing with the store) instead of the period's dates by their index
        rows = self._sql("SELECT a.seq, e.vector FROM article_embeddings e JOIN articles a ON a.id = e.article_id "
                         f"WHERE +a.seq <= ? {where} ORDER BY a.seq", (upto, *params)).fetchall()
        return {r["seq"]: v for r in rows if (v := _vector(r["vector"])).size == neighbours.DIMENSIONS}

    def _place(self, article_id: str, counts: dict[str, int], published: dt.date | None,
               near: list[str] | None) -> str:
        """Put the article in the most similar story reported near its date (or a new one) among
        ``near`` (None: every story sharing a term), and update what clustering learns."""
        df = self._count_terms(counts)
        n_docs = self._placed_count()
        vector = article_vector(counts, df, n_docs)
        candidates: dict[str, dict[str, float]] = {}
        norms: dict[str, float] = {}
        rows = []
        if vector and near is None:
            rows = self._sql(f"SELECT st.story_id, st.term, st.weight, s.norm FROM story_terms st "
                             f"JOIN stories s ON s.id = st.story_id WHERE st.term IN ({_marks(len(vector))})",
                             list(vector)).fetchall()
        elif vector and near:
            rows = self._sql(f"SELECT st.story_id, st.term, st.weight, s.norm FROM story_terms st "
                             f"JOIN stories s ON s.id = st.story_id WHERE st.story_id IN ({_marks(len(near))}) "
                             f"AND st.term IN ({_marks(len(vector))})", [*near, *vector]).fetchall()
        for r in rows:
            candidates.setdefault(r["story_id"], {})[r["term"]] = r["weight"]
            norms[r["story_id"]] = r["norm"]
        story_id = choose_story(vector, candidates, norms, DEFAULT_THRESHOLD,
                                lambda story: self._reported_near(story, published))
        if story_id is None:
            story_id = story_id_for(article_id)
            centroid = grow_centroid({}, vector)
            self._insert_story(story_id, centroid_norm(centroid), storyline_id_for(article_id))
        else:
            old = {r["term"]: r["weight"] for r in self._sql(
                "SELECT term, weight FROM story_terms WHERE story_id = ?", (story_id,)).fetchall()}
            centroid = grow_centroid(old, vector)
            self._sql("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
            self._sql("UPDATE stories SET norm = ?, version = version + 1 WHERE id = ?",  # its briefing is stale
                      (centroid_norm(centroid), story_id))
        self._sql_many("INSERT INTO story_terms (story_id, term, weight) VALUES (?, ?, ?)",
                       [(story_id, t, w) for t, w in sorted(centroid.items())])
        self._sql("INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)", (article_id, story_id))
        return story_id

    def _count_terms(self, terms: Collection[str]) -> dict[str, int]:
        """Count one more article holding each of ``terms`` in the document frequencies, and return
        each term's frequency before it: one statement per few hundred terms, where reading them and
        then adding to them took two, and the second walked the same keys again."""
        before: dict[str, int] = {}
        for part in _chunks(sorted(terms)):
            before.update({r["term"]: r["df"] - 1 for r in self._sql(
                f"INSERT INTO term_df (term, df) VALUES {', '.join(['(?, 1)'] * len(part))} ON CONFLICT (term) "
                "DO UPDATE SET df = term_df.df + 1 RETURNING term, df", part).fetchall()})
        return before

    def _placed_count(self) -> int:
        """How many articles are placed in a story (kept by triggers: counting them is a scan)."""
        return self._sql("SELECT value FROM clustering_state WHERE name = 'placed'").fetchone()["value"]

    def _reported_near(self, story_id: str, published: dt.date | None) -> bool:
        """``fuse.stories.reported_near`` for a stored story: read only the days at most ``PLACEMENT_DAYS``
        away, or that it has none."""
        if published is None:
            return True
        lo = (published - dt.timedelta(days=PLACEMENT_DAYS)).isoformat()
        hi = (published + dt.timedelta(days=PLACEMENT_DAYS)).isoformat()
        member = "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
        row = self._sql(f"SELECT EXISTS (SELECT 1 {member} AND a.published BETWEEN ? AND ?) AS near, "
                        f"EXISTS (SELECT 1 {member} AND a.published IS NOT NULL) AS dated",
                        (story_id, lo, hi, story_id)).fetchone()
        return bool(row["near"]) or not row["dated"]

    def _insert_analysis(self, analysis: ArticleAnalysis) -> None:
        """The analysis document, with what ``uninformed_analyses`` needs: the newest article it may know of."""
        text = self._sql("SELECT text FROM articles WHERE id = ?", (analysis.article_id,)).fetchone()["text"]
        self._sql("INSERT INTO analyses (article_id, analysis, analyzer, lowercased, made_seq) VALUES "
                  "(?, ?, ?, ?, (SELECT max(seq) FROM articles))",
                  (analysis.article_id, analysis_to_json(analysis), analysis.analyzer,
                   bool(analysis.form.get("lowercased"))))
        self._sql("INSERT INTO article_leads (article_id, lead) VALUES (?, ?)",
                  (analysis.article_id, analysis.lead(text)))

    def _insert_items(self, analysis: ArticleAnalysis) -> None:
        """The analysis's items as rows of the item tables (``store/items.py``)."""
        for insert, rows in items.item_inserts(analysis):
            if rows:
                self._sql_many(insert, rows)

    def _delete_items(self, article_id: str) -> None:
        for table in (items.WORDS_TABLE, *(t.name for t in items.TABLES)):
            self._sql(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _insert_story(self, story_id: str, norm: float, storyline: str | None) -> None:
        self._sql("INSERT INTO stories (id, seq, norm, storyline) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 "
                  "FROM stories), ?, ?)", (story_id, norm, storyline))

    def _learn(self, learnt: Lexicon) -> None:
        """Add the counts of ``learnt`` row by row: what concurrent ingests learn adds up."""
        data = learnt.to_json()
        self._sql_many("INSERT INTO lexicon_forms (word, form, n) VALUES (?, ?, ?) ON CONFLICT (word, form) "
                       "DO UPDATE SET n = lexicon_forms.n + excluded.n",
                       [(w, f, n) for w, forms in data["words"].items() for f, n in forms.items()])
        self._sql_many("INSERT INTO lexicon_names (name, label, n) VALUES (?, ?, ?) ON CONFLICT (name, label) "
                       "DO UPDATE SET n = lexicon_names.n + excluded.n",
                       [(name, label, n) for name, labels in data["names"].items() for label, n in labels.items()])

    def replace_analysis(self, analysis: ArticleAnalysis) -> str:
        def replace() -> str:
            row = self._sql("SELECT text FROM articles WHERE id = ?", (analysis.article_id,)).fetchone()
            if row is None or self._sql(
                    "UPDATE analyses SET analysis = ?, analyzer = ?, lowercased = ?, made_seq = "
                    "(SELECT max(seq) FROM articles) WHERE article_id = ?",
                    (analysis_to_json(analysis), analysis.analyzer, bool(analysis.form.get("lowercased")),
                     analysis.article_id)).rowcount != 1:
                raise KeyError(analysis.article_id)
            self._sql("UPDATE article_leads SET lead = ? WHERE article_id = ?",
                      (analysis.lead(row["text"]), analysis.article_id))
            self._delete_items(analysis.article_id)
            self._insert_items(analysis)
            return self._sql("UPDATE stories SET version = version + 1 WHERE id = (SELECT story_id FROM story_articles "
                             "WHERE article_id = ?) RETURNING id", (analysis.article_id,)).fetchone()["id"]
        return self._write(replace)

    def save_embeddings(self, vectors: Mapping[str, bytes]) -> None:
        self._write(lambda: self._sql_many(_SAVE_EMBEDDING, sorted(vectors.items())))

    def embeddings(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {r["article_id"]: _vector(r["vector"]) for part in _chunks(sorted(set(article_ids))) for r in self._sql(
            f"SELECT article_id, vector FROM article_embeddings WHERE article_id IN ({_marks(len(part))})",
            part).fetchall()}

    def embedding_seqs(self) -> list[int]:
        # CROSS JOIN keeps SQLite's loops in this order: both sides then read only their id indexes,
        # where the other order walks every row of the articles table, texts and all, at every pass
        return [r["seq"] for r in self._sql(
            "SELECT a.seq FROM article_embeddings e CROSS JOIN articles a WHERE a.id = e.article_id "
            "ORDER BY a.seq").fetchall()]

    def embeddings_by_seq(self, seqs: Sequence[int]) -> dict[int, np.ndarray]:
        return {r["seq"]: _vector(r["vector"]) for part in _chunks(sorted(set(seqs))) for r in self._sql(
            "SELECT a.seq, e.vector FROM article_embeddings e JOIN articles a ON a.id = e.article_id "
            f"WHERE a.seq IN ({_marks(len(part))})", part).fetchall()}

    def ids_by_seq(self, seqs: Sequence[int]) -> dict[int, str]:
        return {r["seq"]: r["id"] for part in _chunks(sorted(set(seqs))) for r in self._sql(
            f"SELECT seq, id FROM articles WHERE seq IN ({_marks(len(part))})", part).fetchall()}

    def document_frequencies(self, terms: Collection[str]) -> dict[str, int]:
        return {r["term"]: r["df"] for part in _chunks(sorted(set(terms))) for r in self._sql(
            f"SELECT term, df FROM term_df WHERE term IN ({_marks(len(part))})", part).fetchall()}

    def unclustered(self) -> list[str]:
        return [r["id"] for r in self._sql("SELECT id FROM articles WHERE seq > (SELECT value FROM clustering_state "
                                           "WHERE name = 'watermark') ORDER BY seq").fetchall()]

    def recluster_inputs(self, days: int, limit: int, around: Collection[str] | None = None,
                         new_ids: Collection[str] | None = None) -> Reclustering | None:
        watermark = self._sql("SELECT value FROM clustering_state WHERE name = 'watermark'").fetchone()["value"]
        new = self._sql("SELECT seq, id, published FROM articles WHERE seq > ? ORDER BY seq", (watermark,)).fetchall()
        if new_ids is not None:  # one slice of a pass over more than its window holds (``jobs.recluster``)
            wanted = set(new_ids)
            new = [r for r in new if r["id"] in wanted]
        if not new:
            return None
        upto = max(r["seq"] for r in new)
        fresh = {r["id"] for r in new}
        dates = sorted(r["published"] for r in new if r["published"])
        where, params = [], []
        if dates:  # the articles within `days` of a new one, and the undated (nothing places them)
            lo = (dt.date.fromisoformat(dates[0]) - dt.timedelta(days=days)).isoformat()
            hi = (dt.date.fromisoformat(dates[-1]) + dt.timedelta(days=days)).isoformat()
            where, params = ["(a.published IS NULL OR a.published BETWEEN ? AND ?)"], [lo, hi]
        if around is not None:  # the storylines holding a new article, or one of `around` in the time window
            dated = where[0] if where else "1 = 1"
            seeds = sorted(set(around) | fresh)
            lines: set[str] = set()
            for part in _chunks(seeds):
                own = [a for a in part if a in fresh] or [""]
                lines.update(r["storyline"] for r in self._sql(
                    "SELECT s.storyline FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s "
                    f"ON s.id = sa.story_id WHERE a.id IN ({_marks(len(part))}) AND ({dated} OR a.id IN "
                    f"({_marks(len(own))}))", [*part, *params, *own]).fetchall())
            lines.discard(None)
            where, params = [f"s.storyline IN ({_marks(len(lines) or 1)})"], sorted(lines) or [""]
        # the window is chosen on ids and dates alone (the pass clusters its articles within `days` of a new
        # one, of those storylines too), so only the texts, names and embeddings the pass weighs are read
        found = self._sql("SELECT a.id, a.published, sa.story_id FROM articles a JOIN story_articles sa ON "
                          "sa.article_id = a.id JOIN stories s ON s.id = sa.story_id "
                          f"{'WHERE ' + ' AND '.join(where) if where else ''}", params).fetchall()
        event_of = {r["id"]: r["story_id"] for r in found}
        dated = [ArticleFeatures(r["id"], "", published=dt.date.fromisoformat(r["published"]) if r["published"] else None)
                 for r in found]
        ordered = [f.id for f in window(dated, fresh, days, len(dated))]
        candidates = sorted({event_of[a] for a in ordered})
        sizes = {r["story_id"]: r["n"] for part in _chunks(candidates) for r in self._sql(
            f"SELECT story_id, count(*) AS n FROM story_articles WHERE story_id IN ({_marks(len(part))}) "
            "GROUP BY story_id", part).fetchall()}
        events = sorted(whole_events(ordered, event_of, sizes, fresh, limit))
        chosen = sorted({r["article_id"] for part in _chunks(events) for r in self._sql(
            f"SELECT article_id FROM story_articles WHERE story_id IN ({_marks(len(part))})", part).fetchall()})
        rows = [r for part in _chunks(chosen) for r in self._sql(
            "SELECT a.id, a.title, a.text, a.published, sa.story_id, s.storyline, e.vector "
            "FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id "
            f"LEFT JOIN article_embeddings e ON e.article_id = a.id WHERE a.id IN ({_marks(len(part))})",
            part).fetchall()]
        names = self._names(chosen)
        features = [ArticleFeatures(r["id"], r["text"], r["title"] or "", tuple(names.get(r["id"], ())),
                                    dt.date.fromisoformat(r["published"]) if r["published"] else None,
                                    _vector(r["vector"])) for r in rows]
        reserved = {i for r in self._sql("SELECT id, storyline FROM stories").fetchall() for i in (r["id"], r["storyline"])}
        return Reclustering([r["id"] for r in new], features, {r["id"]: r["story_id"] for r in rows},
                            {r["id"]: r["storyline"] for r in rows}, reserved, upto,
                            TermStats(self.document_frequencies, self.count_articles()))

    def _names(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each article's entity mentions as written, in text order (what clustering weighs as names)."""
        out: dict[str, list[str]] = defaultdict(list)
        for part in _chunks(sorted(article_ids)):
            for r in self._sql(f"SELECT article_id, text FROM {items.MENTIONS.name} WHERE article_id IN "
                               f"({_marks(len(part))}) ORDER BY article_id, n", part).fetchall():
                out[r["article_id"]].append(r["text"])
        return out

    def regroup(self, events: Mapping[str, str], storylines: Mapping[str, str],
                changes: Sequence[StoryChange], watermark: int,
                terms: Mapping[str, Mapping[str, int]] | None = None) -> list[str]:
        return self._write(lambda: self._regroup(events, storylines, changes, watermark, terms or {}))

    def _regroup(self, events: Mapping[str, str], storylines: Mapping[str, str],
                 changes: Sequence[StoryChange], watermark: int, terms: Mapping[str, Mapping[str, int]]) -> list[str]:
        current: dict[str, str] = {}
        for part in _chunks(sorted(events)):
            current.update({r["article_id"]: r["story_id"] for r in self._sql(
                f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({_marks(len(part))})",
                part).fetchall()})
        moved = {a: events[a] for a in sorted(current) if current[a] != events[a]}
        touched = sorted(set(moved.values()) | {current[a] for a in moved})
        existing = {r["id"] for part in _chunks(touched) for r in self._sql(
            f"SELECT id FROM stories WHERE id IN ({_marks(len(part))})", part).fetchall()}
        for story_id in sorted(set(moved.values()) - existing):
            self._insert_story(story_id, 1.0, None)  # its centroid and storyline are set below
        self._sql_many("UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                       [(story, article) for article, story in moved.items()])
        changed = set(touched)
        wanted = {events[a]: storylines[a] for a in sorted(current) if a in storylines}
        for story_id, storyline in sorted(wanted.items()):
            if self._sql("UPDATE stories SET storyline = ? WHERE id = ? AND (storyline IS NULL OR storyline <> ?)",
                         (storyline, story_id, storyline)).rowcount:
                changed.add(story_id)
        self._rebuild_stories(sorted(changed), terms)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._sql_many("INSERT INTO story_changes (at, level, kind, story, parts) VALUES (?, ?, ?, ?, ?)",
                       [(now, c.level, c.kind, c.story, json.dumps([list(p) for p in c.parts])) for c in changes])
        self._sql("UPDATE clustering_state SET value = ? WHERE name = 'watermark' AND value < ?", (watermark, watermark))
        return sorted(changed)

    def _rebuild_stories(self, story_ids: Sequence[str], terms: Mapping[str, Mapping[str, int]]) -> None:
        """Stories whose members changed: each centroid summed afresh from its members (a story left
        with none is dropped), each version bumped so its briefing is rebuilt. All at once, a few
        statements in all: a pass over a fresh collection changes thousands of stories. A member's terms
        are ``terms``' where given, else counted from its stored text and mentions."""
        members: dict[str, list[str]] = {story_id: [] for story_id in story_ids}
        for part in _chunks(story_ids):
            for r in self._sql(f"SELECT sa.story_id, a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                               f"WHERE sa.story_id IN ({_marks(len(part))}) ORDER BY a.seq", part).fetchall():
                members[r["story_id"]].append(r["id"])
        self._sql_many("DELETE FROM story_terms WHERE story_id = ?", [(story_id,) for story_id in story_ids])
        gone = [(story_id,) for story_id in story_ids if not members[story_id]]
        self._sql_many("DELETE FROM story_briefings WHERE story_id = ?", gone)
        self._sql_many("DELETE FROM stories WHERE id = ?", gone)
        articles = [a for story_id in story_ids for a in members[story_id]]
        uncounted = [a for a in articles if a not in terms]
        texts = {a.id: a.text for a in self.articles(uncounted)}
        names = self._names(uncounted)
        counts = {a: terms[a] if a in terms else terms_of(texts[a], names.get(a, ())) for a in articles}
        df = self.document_frequencies({t for c in counts.values() for t in c})
        n_docs = self._placed_count()
        rows, norms = [], []
        for story_id in story_ids:
            if members[story_id]:
                centroid = summed_centroid(article_vector(counts[a], df, n_docs) for a in members[story_id])
                rows += [(story_id, t, w) for t, w in sorted(centroid.items())]
                norms.append((centroid_norm(centroid), story_id))
        self._sql_many("INSERT INTO story_terms (story_id, term, weight) VALUES (?, ?, ?)", rows)
        self._sql_many("UPDATE stories SET norm = ?, version = version + 1 WHERE id = ?", norms)

    def save_briefing(self, story_id: str, version: int, fuser: str, briefing: StoryBriefing) -> None:
        self._write(lambda: self._sql(
            "INSERT INTO story_briefings (story_id, version, fuser, briefing) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, fuser = excluded.fuser, "
            "briefing = excluded.briefing WHERE story_briefings.version <= excluded.version",
            (story_id, version, fuser, briefing_to_json(briefing))))

    # ------------------------------------------------------------------ reading

    def lexicon(self) -> Lexicon:
        words: dict[str, dict[str, int]] = {}
        names: dict[str, dict[str, int]] = {}
        for r in self._sql("SELECT word, form, n FROM lexicon_forms ORDER BY word, form").fetchall():
            words.setdefault(r["word"], {})[r["form"]] = r["n"]
        for r in self._sql("SELECT name, label, n FROM lexicon_names ORDER BY name, label").fetchall():
            names.setdefault(r["name"], {})[r["label"]] = r["n"]
        return Lexicon.from_json({"words": words, "names": names})

    def articles(self, ids: Sequence[str] | None = None, *, text_chars: int | None = None) -> list[Article]:
        columns = _ARTICLE_COLUMNS if text_chars is None else _ARTICLE_COLUMNS.replace(
            "text", f"substr(text, 1, {int(text_chars)}) AS text")
        if ids is None:
            rows = self._sql(f"SELECT seq, {columns} FROM articles ORDER BY seq").fetchall()
        else:
            rows = [r for part in _chunks(sorted(set(ids))) for r in self._sql(
                f"SELECT seq, {columns} FROM articles WHERE id IN ({_marks(len(part))})", part).fetchall()]
            rows.sort(key=lambda r: r["seq"])
        return [article_from_row(r) for r in rows]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        row = self._sql("SELECT analysis FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return analysis_from_json(row["analysis"])

    def stale_analyses(self, analyzer: int) -> list[str]:
        return [r["id"] for r in self._sql("SELECT a.id FROM analyses an JOIN articles a ON a.id = an.article_id "
                                           "WHERE an.analyzer < ? ORDER BY a.seq", (analyzer,)).fetchall()]

    def uninformed_analyses(self) -> list[str]:
        return [r["id"] for r in self._sql(
            "SELECT a.id FROM analyses an JOIN articles a ON a.id = an.article_id "
            "JOIN story_articles sa ON sa.article_id = a.id WHERE an.lowercased AND EXISTS ("
            "SELECT 1 FROM story_articles sb JOIN articles b ON b.id = sb.article_id "
            "JOIN analyses bn ON bn.article_id = b.id "
            "WHERE sb.story_id = sa.story_id AND NOT bn.lowercased AND b.seq > an.made_seq) ORDER BY a.seq").fetchall()]

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, str, float]]:
        terms = search_terms(query)
        if not terms or limit < 1:
            return []
        rows = self._sql(self.search_statement, (" ".join(f'"{t}"' for t in terms), limit)).fetchall()
        return [(r["id"], r["story_id"], float(r["score"])) for r in rows]

    def find_mentions(self, name: str, limit: int | None = None) -> list[FoundMention]:
        return self._find(items.MENTION, items.MENTIONS, "i.label", name, lambda r: name_fits(name, r["text"]),
                          lambda r, base: FoundMention(*base, label=r["label"]), limit)

    def find_statements(self, speaker: str, limit: int | None = None) -> list[FoundStatement]:
        return self._find(items.STATEMENT, items.STATEMENTS, "i.speaker, i.direct, i.cue", speaker,
                          lambda r: name_fits(speaker, r["speaker"]),
                          lambda r, base: FoundStatement(*base, speaker=r["speaker"], direct=bool(r["direct"]),
                                                         cue=r["cue"]), limit)

    def find_figures(self, quantity: str, limit: int | None = None) -> list[FoundFigure]:
        asked = items.quantity_words(quantity, None)
        return self._find(items.FIGURE, items.FIGURES, "i.what, i.low, i.high, i.approx, i.unit, i.source", quantity,
                          lambda r: asked <= items.quantity_words(r["what"], r["unit"]),
                          lambda r, base: FoundFigure(*base, what=r["what"], low=r["low"], high=r["high"],
                                                      approx=bool(r["approx"]), unit=r["unit"], source=r["source"]),
                          limit)

    def _find(self, kind: str, table: items.ItemTable, columns: str, query: str, keep: Callable[[Any], bool],
              make: Callable[[Any, tuple], T], limit: int | None) -> list[T]:
        """The items of ``table`` whose index holds the query's key word (its last name word, or the last
        word of the quantity asked), that ``keep`` confirms, in ingest order, at most ``limit``."""
        words = items.query_words(kind, query)
        if not words or (limit is not None and limit < 1):
            return []
        rows = self._sql(
            f"SELECT i.article_id, i.n, i.char_start, i.char_end, i.text, {columns}, a.outlet, a.published, "
            f"sa.story_id FROM {items.WORDS_TABLE} w JOIN {table.name} i ON i.article_id = w.article_id AND i.n = w.n "
            "JOIN articles a ON a.id = i.article_id JOIN story_articles sa ON sa.article_id = i.article_id "
            "WHERE w.word = ? AND w.kind = ? ORDER BY a.seq, i.n", (words[-1], kind))
        found: list[T] = []
        for r in rows:
            if keep(r):
                published = dt.date.fromisoformat(r["published"]) if r["published"] else None
                found.append(make(r, (item_id(r["article_id"], kind, r["n"]), r["story_id"], r["article_id"], r["outlet"],
                                      published, r["char_start"], r["char_end"], r["text"])))
                if limit is not None and len(found) == limit:
                    break
        return found

    def count_articles(self) -> int:
        return self._sql("SELECT count(*) AS n FROM articles").fetchone()["n"]

    def story_ids(self, article_ids: Iterable[str] | None = None) -> list[str]:
        if article_ids is None:
            return [r["id"] for r in self._sql("SELECT id FROM stories ORDER BY seq").fetchall()]
        seqs: dict[str, int] = {}
        for part in _chunks(sorted(set(article_ids))):
            seqs.update({r["id"]: r["seq"] for r in self._sql(
                f"SELECT DISTINCT s.id, s.seq FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
                f"WHERE sa.article_id IN ({_marks(len(part))})", part).fetchall()})
        return sorted(seqs, key=seqs.__getitem__)

    def story_items(self, story_id: str) -> list[tuple[Article, ArticleAnalysis]]:
        rows = self._sql(f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS.split(', '))}, an.analysis "
                         "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                         "JOIN analyses an ON an.article_id = a.id WHERE sa.story_id = ? ORDER BY a.seq",
                         (story_id,)).fetchall()
        return [(article_from_row(r), analysis_from_json(r["analysis"])) for r in rows]

    def story_rows(self, story_ids: Iterable[str] | None = None) -> list[StoryRow]:
        statement = (
            f"SELECT s.id, s.seq, s.storyline, count(*) AS n, {self.outlets_aggregate} AS outlets, "
            "min(a.published) AS first, max(a.published) AS last "
            "FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id "
            "{where} GROUP BY s.id, s.seq, s.storyline ORDER BY s.seq")
        ids = None if story_ids is None else sorted(set(story_ids))
        headings = self._headings(ids)
        out = []
        for r in sorted(self._sql_in(statement, "s.id", ids), key=lambda r: r["seq"]):
            latest = latest_first(headings[r["id"]])
            out.append(StoryRow(r["id"], r["n"], tuple(sorted(self._json_list(r["outlets"]))), r["first"], r["last"],
                                headline(latest), r["storyline"], headings=tuple(latest)))
        return out

    def _headings(self, story_ids: Sequence[str] | None) -> dict[str, list[Heading]]:
        """Every report's heading, by story: its title and its lead, which is kept in a table of its own,
        so that no report's text or analysis is read."""
        statement = ("SELECT sa.story_id, a.id, a.published, a.outlet, a.title, l.lead FROM story_articles sa "
                     "JOIN articles a ON a.id = sa.article_id JOIN article_leads l ON l.article_id = a.id {where}")
        found: dict[str, list[Heading]] = defaultdict(list)
        for r in self._sql_in(statement, "sa.story_id", story_ids):
            found[r["story_id"]].append(Heading(r["id"], r["published"], r["outlet"], r["title"], r["lead"]))
        return found

    def _sql_in(self, statement: str, column: str, values: Sequence[str] | None) -> list[Any]:
        """The rows of ``statement`` with its ``{where}`` keeping the rows whose ``column`` is one of
        ``values`` (every row for None), read in chunks of ids."""
        if values is None:
            return self._sql(statement.replace("{where}", "")).fetchall()
        return [r for part in _chunks(values) for r in self._sql(
            statement.replace("{where}", f"WHERE {column} IN ({_marks(len(part))})"), part).fetchall()]

    def storyline_story_ids(self, storyline: str) -> list[str]:
        return [r["id"] for r in self._sql("SELECT id FROM stories WHERE storyline = ? ORDER BY seq",
                                           (storyline,)).fetchall()]

    def story_changes(self, limit: int | None = None) -> list[StoryChange]:
        rows = self._sql("SELECT at, level, kind, story, parts FROM story_changes ORDER BY seq DESC"
                         + (" LIMIT ?" if limit is not None else ""), (limit,) if limit is not None else ()).fetchall()
        return [StoryChange(r["level"], r["kind"], r["story"], tuple((i, n) for i, n in json.loads(r["parts"])), r["at"])
                for r in rows]

    def ingest_mark(self) -> tuple[int, int]:
        row = self._sql("SELECT (SELECT coalesce(max(seq), 0) FROM articles) AS stored, "
                        "(SELECT value FROM clustering_state WHERE name = 'watermark') AS seen").fetchone()
        return int(row["stored"]), int(row["seen"] or 0)

    def story_versions(self, story_ids: Iterable[str]) -> dict[str, int]:
        return {r["id"]: r["version"] for part in _chunks(sorted(set(story_ids))) for r in self._sql(
            f"SELECT id, version FROM stories WHERE id IN ({_marks(len(part))})", part).fetchall()}

    def briefing_conflicts(self, story_ids: Iterable[str], fuser: str) -> dict[str, bool]:
        return {r["id"]: bool(r["conflict"]) for part in _chunks(sorted(set(story_ids))) for r in self._sql(
            f"SELECT s.id, {self.conflict_test} AS conflict FROM stories s JOIN story_briefings b "
            f"ON b.story_id = s.id AND b.version = s.version AND b.fuser = ? WHERE s.id IN ({_marks(len(part))})",
            [fuser, *part]).fetchall()}

    def stored_briefing(self, story_id: str, fuser: str) -> tuple[int, StoryBriefing | None] | None:
        row = self._sql("SELECT s.version, b.briefing FROM stories s LEFT JOIN story_briefings b ON b.story_id = s.id "
                        "AND b.version = s.version AND b.fuser = ? WHERE s.id = ?", (fuser, story_id)).fetchone()
        if row is None:
            return None
        return row["version"], briefing_from_json(row["briefing"]) if row["briefing"] is not None else None
