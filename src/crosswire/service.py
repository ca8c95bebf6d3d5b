"""The calls every front end makes (the CLI today, a web app next), over one store.

A front end parses its input, calls one of these and renders what comes back: it never opens a
store, runs a job or gathers texts itself. The service holds no SQL (that is ``store/``) and
renders nothing (that is ``render/``); it returns model values.

A story's briefing is rebuilt only when the story changed: the store keeps each briefing with the
story version it was built from (see ``crosswire.store.base``), so ``brief`` of an unchanged story
reads one row whatever the size of the collection.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from crosswire import export
from crosswire.analyze.nlp import DEFAULT_MODEL
from crosswire.analyze.pipeline import DEFAULT_BATCH_SIZE
from crosswire.errors import InputError, NotFound, StoreError
from crosswire.fuse.briefing import FUSER_VERSION, build_story
from crosswire.ingest import MAX_BYTES, read_paths
from crosswire.listing import Sort, by_outlet, reported_within, sorted_rows, storyline_rows
from crosswire.jobs import IngestReport, ReanalyzeReport, ReclusterReport, ingest_articles, reanalyze, recluster
from crosswire.model import (LEAD_CHARS, Article, ArticleAnalysis, Briefing, FoundFigure, FoundMention,
                             FoundStatement, Problem, SearchHit, StoryBriefing, StoryChange, StoryRow)
from crosswire.scale import open_executor
from crosswire.store import StoreProtocol, open_store


# Articles a full-text filter of the story list looks at: the stories of the best this many matches.
SEARCH_HITS = 1000


class Service:
    """crosswire over the store at ``location`` (a SQLite path or a ``postgresql://`` URL), or over an
    open store. A location is opened on first use, and created only by an ingest that has read a
    first good report: a mistyped path or a run with nothing good in it leaves no database behind."""

    def __init__(self, location: str | Path | StoreProtocol):
        self._store = None if isinstance(location, (str, Path)) else location
        self.location = str(location) if self._store is None else self._store.location

    def _opened(self, *, create: bool = False) -> StoreProtocol:
        if self._store is None:
            self._store = open_store(self.location, create=create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ ingest

    def ingest(self, paths: Sequence[str | Path], *, stdin: IO | None = None, max_bytes: int = MAX_BYTES,
               model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1,
               dask: str | None = None, progress: Callable[[int], None] | None = None) -> IngestReport:
        """Read ``paths`` (files, folders, ``-`` for ``stdin``) and store every good report; the store is
        created only once a first good report has been read. ``InputError`` when nothing was found."""
        items = read_paths(paths, stdin=stdin, max_bytes=max_bytes)
        problems, first = _first_article(items)
        if first is None and not problems:
            raise InputError(f"no reports found in {' '.join(map(str, paths))}; `crosswire --help` lists the "
                             "formats read.")
        if first is None:
            return IngestReport(problems=problems)
        return self.ingest_articles(itertools.chain(problems, [first], items), model=model, batch_size=batch_size,
                                    workers=workers, dask=dask, progress=progress)

    def ingest_articles(self, items: Iterable[Article | Problem], *, model: str = DEFAULT_MODEL,
                        batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1, dask: str | None = None,
                        progress: Callable[[int], None] | None = None) -> IngestReport:
        """Store articles already read (problems are only reported), each with its analysis and story;
        analysed on the Dask cluster at ``dask`` when given (``crosswire.scale.dask_cluster``), else
        here or in ``workers`` processes. ``ClusterError`` when the cluster cannot be used: it is
        connected before the store is opened, so then no store is created."""
        with open_executor(dask, workers=workers, model=model) as executor:
            return ingest_articles(items, self._opened(create=True), model=model, batch_size=batch_size,
                                   workers=workers, executor=executor, progress=progress)

    def reanalyze(self, *, model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1,
                  dask: str | None = None, progress: Callable[[int], None] | None = None) -> ReanalyzeReport:
        """Analyse again the articles an older analyzer analysed (on the Dask cluster at ``dask`` when
        given); their stories' briefings are rebuilt when next asked for."""
        store = self._opened()  # a missing store is reported before a cluster starts
        with open_executor(dask, workers=workers, model=model) as executor:
            return reanalyze(store, model=model, batch_size=batch_size, workers=workers, executor=executor,
                             progress=progress)

    # ------------------------------------------------------------------ reading

    def recluster(self, *, narrow: bool = True) -> ReclusterReport:
        """Reconsider the stories of what was stored since the last pass, as one batch (``jobs.recluster``;
        ``narrow`` off: every storyline of the time window, not only those near the new reports); ingest
        runs one at its end, so this is for stores written otherwise or to see the report."""
        return recluster(self._opened(), narrow=narrow)

    def stories(self, *, entity: str | None = None, level: str = "event", text: str | None = None,
                outlet: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                sort: Sort | None = None) -> list[StoryRow]:
        """Every story (``level="storyline"``: every storyline, its stories summed up), counted and
        summarised, in creation order or ``sort``ed; the filters combine: naming ``entity`` under any
        spelling, holding reports with every word of ``text`` (among the best ``SEARCH_HITS`` matches),
        reported by ``outlet``, reported within [``since``, ``until``]."""
        store = self._opened()
        rows = store.story_rows() if entity is None else store.story_rows({m.story for m in store.find_mentions(entity)})
        if text:
            found = {story for _, story, _ in store.search_articles(text, SEARCH_HITS)}
            rows = [r for r in rows if r.id in found]
        rows = [r for r in by_outlet(rows, outlet) if reported_within(r, since, until)]
        if level == "storyline":
            rows = storyline_rows(rows)
        return sorted_rows(rows, sort) if sort else rows

    def changes(self, limit: int | None = None) -> list[StoryChange]:
        """The merges and splits recluster passes made, newest first."""
        return self._opened().story_changes(limit)

    def statements(self, speaker: str, limit: int | None = None) -> list[FoundStatement]:
        """What ``speaker`` (any spelling, full or partial name) said across the collection, in ingest order."""
        return self._opened().find_statements(speaker, limit)

    def figures(self, quantity: str, limit: int | None = None) -> list[FoundFigure]:
        """The figures that count ``quantity`` ("fighters", "percent"), in ingest order."""
        return self._opened().find_figures(quantity, limit)

    def mentions(self, name: str, limit: int | None = None) -> list[FoundMention]:
        """The mentions that may name ``name`` (any spelling, full or partial name), in ingest order."""
        return self._opened().find_mentions(name, limit)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The articles holding every word and "quoted phrase" of ``query``, best first (at most ``limit``)."""
        store = self._opened()
        found = store.search_articles(query, limit)
        articles = {a.id: a for a in store.articles([article_id for article_id, _, _ in found], text_chars=LEAD_CHARS)}
        hits = []
        for article_id, story_id, rank in found:
            a = articles[article_id]
            hits.append(SearchHit(article_id, story_id, a.title, a.outlet, a.published, a.text[:LEAD_CHARS], rank))
        return hits

    def stored_kind(self, name: str) -> str | None:
        """"story" or "storyline" when ``name`` is the id of one in an existing store, else None (a store
        that does not exist is not created)."""
        try:
            store = self._opened()
        except StoreError:
            return None
        if store.story_versions([name]):
            return "story"
        return "storyline" if store.storyline_story_ids(name) else None

    def story_ids_for(self, article_ids: Iterable[str]) -> list[str]:
        """The stories holding these articles, in story order."""
        return self._opened().story_ids(article_ids)

    def brief(self, story_ids: Sequence[str] | None = None) -> Briefing:
        """The briefing of these stories (every story when None); ``NotFound`` names unknown ids."""
        store = self._opened()
        ids = store.story_ids() if story_ids is None else list(story_ids)
        stories = {story_id: self._story_briefing(store, story_id) for story_id in ids}
        missing = [s for s, found in stories.items() if found is None]
        if missing:
            raise NotFound(f"no story {', '.join(missing)} in {store.location}; `crosswire stories` lists them.")
        storyline = {r.id: r.storyline for r in store.story_rows(ids)}
        return Briefing(stories=tuple(dataclasses.replace(stories[s], storyline=storyline.get(s)) for s in ids))

    def kept_conflicts(self, story_ids: Iterable[str]) -> dict[str, bool]:
        """Whether some figure comparison of each story is a conflict, for the stories whose kept briefing
        is current (the others are left out: ``brief`` them), read in the store: no briefing is decoded."""
        return self._opened().briefing_conflicts(story_ids, FUSER_VERSION)

    def ingest_mark(self) -> tuple[int, int]:
        """What changes whenever a report is stored or a recluster pass regroups stories (from any
        process): a story list read under one mark stands while the mark does, but for a reanalysis."""
        return self._opened().ingest_mark()

    def story_versions(self, story_ids: Iterable[str]) -> dict[str, int]:
        """The current version of each of these stories (unknown ids left out): a briefing read while a
        story had a version stands as long as the story keeps it (``crosswire.store.base``)."""
        return self._opened().story_versions(story_ids)

    def brief_storyline(self, storyline: str) -> Briefing:
        """One briefing of every report of a storyline, all its stories fused together: figures compared
        across weeks, one timeline, one summary. ``NotFound`` for an unknown storyline."""
        store = self._opened()
        story_ids = store.storyline_story_ids(storyline)
        if not story_ids:
            raise NotFound(f"no storyline {storyline!r} in {store.location}; `crosswire stories --level storyline` "
                           "lists them.")
        by_story = {story_id: store.story_items(story_id) for story_id in story_ids}
        items = sorted((item for story_items in by_story.values() for item in story_items),
                       key=lambda item: (item[0].published or dt.date.min, item[0].id))
        events = {a.id: story_id for story_id, story_items in by_story.items() for a, _ in story_items}
        return Briefing(stories=(build_story(storyline, items, events),))

    @staticmethod
    def _story_briefing(store: StoreProtocol, story_id: str) -> StoryBriefing | None:
        """The kept briefing while the story is unchanged, else built and kept; None for an unknown story."""
        found = store.stored_briefing(story_id, FUSER_VERSION)
        if found is None:
            return None
        version, briefing = found
        if briefing is None:
            # Items are read after the version: they may hold an article newer than it (the next call
            # rebuilds), never miss one the version counts.
            briefing = build_story(story_id, store.story_items(story_id))
            store.save_briefing(story_id, version, FUSER_VERSION, briefing)
        return briefing

    def article(self, article_id: str) -> Article:
        """One stored article, its text exactly as given; ``NotFound`` when there is none."""
        found = self._opened().articles([article_id])
        if not found:
            raise NotFound(f"no article {article_id!r} in {self.location}.")
        return found[0]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        """One stored article's analysis (every item with its span in the text as given), for showing
        the article with what was found in it; ``NotFound`` when there is none."""
        try:
            return self._opened().analysis(article_id)
        except KeyError:
            raise NotFound(f"no article {article_id!r} in {self.location}.") from None

    def evidence(self, briefing: Briefing) -> dict[str, str]:
        """The text of every article ``briefing`` cites, by id: what renderers quote as evidence."""
        return {article_id: a.text for article_id, a in self._cited(briefing).items()}

    def _cited(self, briefing: Briefing) -> dict[str, Article]:
        """Every article ``briefing`` lists, by id, as stored (text as given, url)."""
        ids = sorted({a.id for story in briefing.stories for a in story.articles})
        return {a.id: a for a in self._opened().articles(ids)}

    def export(self, out_dir: str | Path, fmt: str, story_ids: Sequence[str] | None = None, *,
               force: bool = False) -> dict[str, int]:
        """Write these stories (every story when None) as flat tables, one ``TABLE.FORMAT`` file each
        (``crosswire.export``), into ``out_dir``; the rows written, by table. Everything that would make
        it fail (no pyarrow for Parquet, a missing parent folder, files it would overwrite without
        ``force``, a missing store, an unknown story) is refused before anything is created."""
        out_dir = Path(out_dir)
        export.check_target(out_dir, fmt, force=force)
        briefing = self.brief(story_ids)
        return export.write(export.tables(briefing, self._cited(briefing)), out_dir, fmt)


def _first_article(items: Iterator[Article | Problem]) -> tuple[list[Problem], Article | None]:
    """The problems read before the first good article, and that article (None when there is none)."""
    problems: list[Problem] = []
    for item in items:
        if isinstance(item, Article):
            return problems, item
        problems.append(item)
    return problems, None
