"""The store contract every backend fulfils (``tests/store_contract.py`` checks each one).

Calls are per article, per story or per set, never per row, so a backend can make each one a
single transaction or a single query. Writers may run in several processes at once: ``commit``
is the only write, and it admits, stores and clusters an article in one transaction against
the state as committed, so concurrent ingests neither fail on each other's rows nor overwrite
each other's learnt state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from crosswire.model import Article, ArticleAnalysis, Stored, StoryRow
from crosswire.restore import Lexicon


class StoreProtocol(Protocol):
    location: str  # a file path or a URL without its password, for messages

    def close(self) -> None: ...

    def known_contents(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """The stored id of each of these contents already stored (to skip analysing them)."""

    def commit(self, article: Article, analysis: ArticleAnalysis, learnt: Lexicon | None = None) -> Stored:
        """In one transaction: admit ``article`` (a no-op when its text is stored; ``id~hash8`` when
        its id holds another text), store ``analysis``, place the article in a story (centroid and
        term document frequencies updated) and add ``learnt`` to the collection lexicon."""

    def lexicon(self) -> Lexicon:
        """The collection lexicon: everything every ingest has learnt, summed."""

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles in ingest order: all, or those with these ids."""

    def analysis(self, article_id: str) -> ArticleAnalysis:
        """One article's analysis; ``KeyError`` when there is none."""

    def count_articles(self) -> int: ...

    def story_ids(self, article_ids: Iterable[str] | None = None) -> list[str]:
        """Story ids in creation order: all, or those holding any of these articles."""

    def story_items(self, story_id: str) -> list[tuple[Article, ArticleAnalysis]]:
        """A story's articles (ingest order) with their analyses, in one query; empty when unknown."""

    def story_rows(self) -> list[StoryRow]:
        """Every story, counted and summarised in one aggregate query, in creation order."""
