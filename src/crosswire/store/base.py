"""The store contract every backend fulfils (``tests/store_contract.py`` checks each one).

Calls are per article, per story or per set, never per row, so a backend can make each one a
single transaction or a single query. Writers may run in several processes at once: ``commit``
admits, stores and clusters an article in one transaction against the state as committed
(``commit_many`` several, one after the other, in one), so concurrent ingests neither fail on each
other's rows nor overwrite each other's learnt state.

Every story has a *version*, bumped in the transaction that changes it (an article joins it, one
of its articles is analysed again). A story's briefing is kept with the version it was built from
(``save_briefing``) and handed back only while the story is still at that version
(``stored_briefing``), so briefing a story that did not change reads one row, however large the
collection.

An analysis is kept whole (what a briefing reads) and as rows: its mentions, statements, figures
and time references with their offsets (``store/items.py``), written in the same transaction, so
an analyst can ask which stories name someone, what a speaker said, which figures count a thing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np

from crosswire.fuse.cluster import Reclustering
from crosswire.model import (Article, ArticleAnalysis, FoundFigure, FoundMention, FoundStatement, Stored,
                             StoryBriefing, StoryChange, StoryRow)
from crosswire.restore import Lexicon


class Commit(NamedTuple):
    """One article for ``StoreProtocol.commit_many``, with what ``commit`` takes beside it."""

    article: Article
    analysis: ArticleAnalysis
    learnt: Lexicon | None = None
    lead: bytes | None = None


class StoreProtocol(Protocol):
    location: str  # a file path or a URL without its password, for messages
    # Where the nearest-neighbour index of lead embeddings is kept (``fuse/neighbours.py``; a cache of
    # ``embeddings``, rebuilt from them when missing), or None to keep it in memory only.
    neighbour_index_path: Path | None

    def close(self) -> None: ...

    def known_contents(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """The stored id of each of these contents already stored (to skip analysing them)."""

    def commit(self, article: Article, analysis: ArticleAnalysis, learnt: Lexicon | None = None,
               lead: bytes | None = None) -> Stored:
        """In one transaction: admit ``article`` (a no-op when its text is stored; ``id~hash8`` when
        its id holds another text), store ``analysis`` and ``lead`` (its lead embedding, float32 bytes,
        if computed), place the article in a story (centroid and term document frequencies updated)
        and add ``learnt`` to the collection lexicon."""

    def commit_many(self, commits: Sequence[Commit]) -> list[Stored]:
        """``commit`` each of ``commits`` in turn, all in one transaction: what each one does is what
        ``commit`` would do in that order (a duplicate within them is a duplicate). An ingest commits
        its results this way, a few dozen at a time: each transaction writes the pages it changes
        once, and the pages of the term statistics every article touches are the same."""

    def lexicon(self) -> Lexicon:
        """The collection lexicon: everything every ingest has learnt, summed."""

    def articles(self, ids: Sequence[str] | None = None, *, text_chars: int | None = None) -> list[Article]:
        """Articles in ingest order: all, or those with these ids; ``text_chars``: only the first that many
        characters of each text (a listing's lead; such an article is not the report as given)."""

    def analysis(self, article_id: str) -> ArticleAnalysis:
        """One article's analysis; ``KeyError`` when there is none."""

    def count_articles(self) -> int: ...

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, str, float]]:
        """(article id, story id, rank) of the articles whose title or text holds every word and "quoted
        phrase" of ``query``, best first (rank: higher is better, comparable within one backend); a
        query of no words finds nothing, and no query raises (operators are words to look for)."""

    def stale_analyses(self, analyzer: int) -> list[str]:
        """Ids of the articles (ingest order) whose analysis an analyzer older than ``analyzer`` made."""

    def uninformed_analyses(self) -> list[str]:
        """Ids of the lowercased articles (ingest order) restored before a cased report of their story was
        stored: that report taught casing and names their analysis did not have."""

    def replace_analysis(self, analysis: ArticleAnalysis) -> str:
        """In one transaction: replace the stored analysis of ``analysis.article_id`` and bump its story's
        version (its briefing is stale); returns the story id. ``KeyError`` for an unknown article."""

    def story_ids(self, article_ids: Iterable[str] | None = None) -> list[str]:
        """Story ids in creation order: all, or those holding any of these articles."""

    def story_items(self, story_id: str) -> list[tuple[Article, ArticleAnalysis]]:
        """A story's articles (ingest order) with their analyses, in one query; empty when unknown."""

    def story_rows(self, story_ids: Iterable[str] | None = None) -> list[StoryRow]:
        """Every story (or these), counted and summarised in one aggregate query, in creation order, each
        headed by ``fuse.headline.headline`` of its latest reports' headings (``StoryRow.headings``)."""

    def storyline_story_ids(self, storyline: str) -> list[str]:
        """The stories (events) of a storyline, in creation order; empty when unknown."""

    def story_changes(self, limit: int | None = None) -> list[StoryChange]:
        """The merges and splits recluster passes made, newest first (at most ``limit``)."""

    def unclustered(self) -> list[str]:
        """Ids of the articles stored since the last recluster pass, in ingest order."""

    def recluster_inputs(self, days: int, limit: int, around: Collection[str] | None = None,
                         new_ids: Collection[str] | None = None) -> Reclustering | None:
        """What a recluster pass needs (``fuse.cluster.Reclustering``): the articles stored since the last
        pass (or those of them in ``new_ids``: one slice of a pass) and its window (``fuse.cluster.window``:
        the new ones, then those published within ``days`` of a new one, and the undated, nearest first;
        with ``around``, only articles of the storylines that hold a new article or one of these; each
        event whole, inside the time window or not, while they fit in ``limit``, a new article's always:
        ``fuse.cluster.whole_events``), each with its
        text, names, date, stored embedding, story and storyline, the highest ingest sequence number among
        the new ones (what the pass's watermark may advance to), and the collection's document frequencies;
        only the window's texts are read. None when nothing is new."""

    def document_frequencies(self, terms: Collection[str]) -> dict[str, int]:
        """How many stored articles hold each of these story terms (``fuse.stories.terms_of``); absent: none."""

    def save_embeddings(self, vectors: Mapping[str, bytes]) -> None:
        """Keep these articles' lead embeddings (float32 bytes) for the next passes."""

    def embeddings(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored lead embeddings of these articles (those that have one)."""

    def embedding_seqs(self) -> list[int]:
        """The ingest sequence numbers of every article with a stored embedding (the index's keys)."""

    def embeddings_by_seq(self, seqs: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored embeddings by the ingest sequence number of their article."""

    def ids_by_seq(self, seqs: Sequence[int]) -> dict[int, str]:
        """Article ids by ingest sequence number."""

    def regroup(self, events: Mapping[str, str], storylines: Mapping[str, str],
                changes: Sequence[StoryChange], watermark: int,
                terms: Mapping[str, Mapping[str, int]] | None = None) -> list[str]:
        """In one transaction: move these articles to these stories (creating new ones), set each story's
        storyline, rebuild the centroid of every story that changed (dropping the emptied ones) and bump
        its version, log ``changes`` and advance the watermark; returns the stories changed. Articles
        stored since ``recluster_inputs`` stay where their commit placed them. ``terms``: articles' terms
        as the caller counted them from ``recluster_inputs``' features (``ArticleFeatures.terms``); the
        others' are counted from their stored texts and mentions."""

    def find_mentions(self, name: str, limit: int | None = None) -> list[FoundMention]:
        """Mentions that may name ``name`` under any spelling ("Gadhafi" finds "Moammar Qaddafi"; see
        ``fuse.similarity.name_fits``), in ingest order, at most ``limit``; one indexed look-up."""

    def find_statements(self, speaker: str, limit: int | None = None) -> list[FoundStatement]:
        """Statements whose speaker may be ``speaker`` (as ``find_mentions`` matches names)."""

    def find_figures(self, quantity: str, limit: int | None = None) -> list[FoundFigure]:
        """Figures whose counted thing and unit hold every content word of ``quantity`` ("fighters",
        "percent", "barrels of oil"), singular or plural."""

    def ingest_mark(self) -> tuple[int, int]:
        """The sequence number of the last article stored and of the last one a recluster pass saw: both
        only grow, so an unchanged mark means no report was stored and no pass regrouped stories since
        (what a reader that keeps story lists checks, in one query)."""

    def story_versions(self, story_ids: Iterable[str]) -> dict[str, int]:
        """The version of each of these stories that exists, in one indexed query (what a reader that
        keeps briefings checks to know whether one is still current)."""

    def briefing_conflicts(self, story_ids: Iterable[str], fuser: str) -> dict[str, bool]:
        """For each of these stories whose briefing kept by ``fuser`` is current: whether one of its
        comparisons is a conflict, read inside the database (no briefing decoded), in one query."""

    def stored_briefing(self, story_id: str, fuser: str) -> tuple[int, StoryBriefing | None] | None:
        """The story's version and its briefing kept for that version by ``fuser`` (None when the story
        changed since, or other fusion code built it), in one query; None for an unknown story."""

    def save_briefing(self, story_id: str, version: int, fuser: str, briefing: StoryBriefing) -> None:
        """Keep ``briefing``, built by ``fuser`` from ``version`` of the story (read *before* its items, so
        a briefing is never kept under a version newer than what it saw); a briefing of an older
        version never replaces one of a newer."""
