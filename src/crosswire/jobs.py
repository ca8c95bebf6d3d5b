"""The jobs that analyse articles. ``ingest``: read -> (cased reports first, to teach the lexicon)
restore + analyze -> commit (admit, store, place in a story, add what it taught the lexicon: one
transaction per article, safe beside other ingests into the same store). ``reanalyze``: analyse
again what an older analyzer analysed. Front ends reach them through ``crosswire.service``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

import numpy as np

import crosswire.analyze
from crosswire.analyze.nlp import DEFAULT_MODEL
from crosswire.analyze.pipeline import DEFAULT_BATCH_SIZE, Analyzer
from crosswire.fuse import cluster
from crosswire.fuse.embed import LEAD_CHARS
from crosswire.ingest import MAX_BYTES, read_paths
from crosswire.ingest.dateline import infer_outlet, parse_dateline
from crosswire.model import Article, ArticleAnalysis, Problem, StoryChange
from crosswire.restore import Lexicon, detect_form
from crosswire.scale import Executor
from crosswire.store import Commit, StoreProtocol

# Articles read before analysis starts: cased reports in a chunk teach the lexicon (each commit
# adds its own counts) before the chunk's lowercased ones are restored. Once a chunk the workers
# wait for the parent (for its last cased commits), so a chunk is large: 600 corpus reports with 2
# workers kept the two cores busy 77% of a 119 s run at 128, 93% of 105 s at 1,024, when they
# waited twice a chunk (`/usr/bin/time crosswire ingest --workers 2`).
CHUNK_SIZE = 1024
# Articles committed in one transaction (``StoreProtocol.commit_many``). Placing an article updates the
# document frequency of each of its terms and its story's terms: a few hundred B-tree pages, mostly
# the same from one article to the next, which SQLite writes (and syncs at checkpoints) once per
# transaction. Committing 1,000 replayed reports into a 5,000-report store took about 20 s one per
# transaction, 14 s at 16, 13 s at 64, 378 WAL pages per article alone (measured once, 2026-12-06, by
# timing `benchmarks.ingest_cost`'s replay commits; not a benchmark option). A batch holds the write
# lock well under a second, so concurrent ingests barely wait.
COMMIT_BATCH = 64


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # content already in the store: nothing written
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id asked for, id given) on id clashes
    problems: list[Problem] = field(default_factory=list)
    reclustered: ReclusterReport | None = None  # the merge/split pass that ended the run, if it stored any

    @property
    def article_ids(self) -> list[str]:
        """Every article this run named, whether newly stored or already there."""
        return self.stored + self.duplicates

    def to_dict(self) -> dict:
        return {"stored": self.stored, "duplicates": self.duplicates,
                "renamed": [{"requested": a, "stored_as": b} for a, b in self.renamed],
                "problems": _problems_json(self.problems),
                "reclustered": self.reclustered.to_dict() if self.reclustered else None}


def _problems_json(problems: Sequence[Problem]) -> list[dict]:
    return [{"source": p.source, "line": p.line, "kind": p.kind, "message": p.message} for p in problems]


def _with_inferred_outlet(article: Article) -> Article:
    if article.outlet:
        return article
    outlet = infer_outlet(article.text, parse_dateline(article.text))
    return dataclasses.replace(article, outlet=outlet) if outlet else article


def learnt_from(article: Article, analysis: ArticleAnalysis) -> Lexicon:
    """What one cased report teaches the collection lexicon."""
    lexicon = Lexicon()
    lexicon.observe_text(article.text)
    for mention in analysis.mentions:
        lexicon.observe_name(mention.text, mention.label)
    return lexicon


@dataclass
class _Admitted:
    """A chunk's reports to analyse (not stored, not repeated within the chunk), by the form they came in."""

    cased: list[Article]
    lowercased: list[Article]


class _Ingester:
    """One ingest run over a store that other ingests may be writing at the same time.

    The store decides admission and stories at commit; the run only keeps the lexicon it restores
    lowercased reports with, reloaded per chunk so it includes what concurrent ingests learnt.

    A chunk's cased reports are analysed with the lexicon as it stands, then committed (teaching it);
    then its lowercased reports are restored with what they taught. The workers get the lowercased
    reports of one chunk and the cased ones of the next at once, and the next chunk is read (and what
    the store already holds left out) while they work: they wait for the parent once a chunk, and only
    for the lexicon. The commits come in the same order.
    """

    def __init__(self, store: StoreProtocol, analyzer: Analyzer):
        self.store, self.analyzer = store, analyzer
        self.report = IngestReport()
        self._cased: tuple[list[Article], Iterable, Lexicon, list[Article]] | None = None  # sent, not committed
        self._lowercased: tuple[list[Article], Iterable] | None = None  # sent, not yet committed

    def store_results(self, articles: Sequence[Article], results: Iterable) -> list[Lexicon]:
        """Commit ``articles`` with their ``results`` (analysis and lead), ``COMMIT_BATCH`` at a time;
        what the cased ones taught the store's lexicon."""
        taught, pairs = [], zip(results, articles)
        while batch := list(islice(pairs, COMMIT_BATCH)):
            commits = []
            for (result, lead), article in batch:
                if isinstance(result, Problem):
                    self.report.problems.append(result)
                    continue
                learnt = learnt_from(article, result) if not result.form.get("lowercased") else None
                commits.append(Commit(article, result, learnt, lead))
            for commit, stored in zip(commits, self.store.commit_many(commits) if commits else []):
                if stored.duplicate:  # a concurrent ingest, or this one's last chunk, stored the same text first
                    self.report.duplicates.append(stored.article_id)
                    continue
                self.report.stored.append(stored.article_id)
                if stored.renamed_from:
                    self.report.renamed.append((stored.renamed_from, stored.article_id))
                if commit.learnt is not None:
                    taught.append(commit.learnt)
        return taught

    def admit(self, chunk: list[Article]) -> _Admitted:
        """What of ``chunk`` to analyse: the first of each text, unless the store holds it. Run while the
        workers analyse the chunk before, which is not committed yet: a text of both is caught at commit."""
        firsts: dict[str, Article] = {}
        for article in chunk:  # the same text twice in one run is stored once
            firsts.setdefault(article.content_hash, article)
        unique = list(firsts.values())
        known = self.store.known_contents(a.content_hash for a in unique)
        self.report.duplicates += [known[a.content_hash] for a in unique if a.content_hash in known]
        admitted = [_with_inferred_outlet(a) for a in unique if a.content_hash not in known]
        lowercased = [detect_form(a.text).lowercased for a in admitted]
        return _Admitted([a for a, low in zip(admitted, lowercased) if not low],
                         [a for a, low in zip(admitted, lowercased) if low])

    def send(self, admitted: _Admitted) -> None:
        """Send the chunk's cased reports to the workers, then commit the chunk before's lowercased ones."""
        if admitted.cased or admitted.lowercased:
            # the store's lexicon is read once a chunk (megabytes once it holds thousands of reports)
            lexicon = self.store.lexicon()
            self._cased = (admitted.cased, self.analyzer.analyze_with_leads(admitted.cased, lexicon), lexicon,
                           admitted.lowercased)  # sent now: the workers go on
        self.finish()  # while the last chunk's lowercased reports are committed

    def collect(self) -> None:
        """Commit the cased reports sent, then send the same chunk's lowercased ones, restored with the
        lexicon as the store now holds it (what the cased ones taught included)."""
        if self._cased is None:
            return
        cased, analysed, lexicon, lower = self._cased
        self._cased = None
        for learnt in self.store_results(cased, analysed):
            lexicon.merge(learnt)
        if lower:
            self._lowercased = (lower, self.analyzer.analyze_with_leads(lower, lexicon))

    def finish(self) -> None:
        """Commit the lowercased reports sent and not yet committed."""
        if self._lowercased is not None:
            lower, analysed = self._lowercased
            self._lowercased = None
            self.store_results(lower, analysed)


def ingest(paths: Sequence[str | Path], store: StoreProtocol, *, stdin: IO | None = None, model: str = DEFAULT_MODEL,
           batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1, executor: Executor | None = None,
           max_bytes: int = MAX_BYTES, progress: Callable[[int], None] | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, ``-`` for stdin) and store every good article with its analysis."""
    return ingest_articles(read_paths(paths, stdin=stdin, max_bytes=max_bytes), store, model=model,
                           batch_size=batch_size, workers=workers, executor=executor, progress=progress)


def ingest_articles(items: Iterable[Article | Problem], store: StoreProtocol, *, model: str = DEFAULT_MODEL,
                    batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1, executor: Executor | None = None,
                    progress: Callable[[int], None] | None = None, recluster_at_end: bool = True) -> IngestReport:
    """Store articles already read (problems are only reported), each with its analysis and story;
    then, unless told not to (a caller timing or batching passes itself), one recluster pass.
    Analysis runs on ``executor`` when given (a Dask cluster, ``crosswire.scale``), else here or in
    ``workers`` local processes; commits run here, in input order, either way."""
    with Analyzer(model=model, batch_size=batch_size, workers=workers, executor=executor) as analyzer:
        ingester = _Ingester(store, analyzer)
        sent = 0  # articles of the chunk sent and not yet committed
        for chunk in _chunks(items, ingester.report.problems):
            admitted = ingester.admit(chunk)  # while the workers analyse the chunk before
            ingester.collect()
            if progress and sent:
                progress(sent)
            ingester.send(admitted)
            sent = len(chunk)
        ingester.collect()
        ingester.finish()
        if progress and sent:
            progress(sent)
    if recluster_at_end and ingester.report.stored:  # what the run stored, placed one by one, as a batch
        ingester.report.reclustered = recluster(store)
    return ingester.report


def _chunks(items: Iterable[Article | Problem], problems: list[Problem]) -> Iterator[list[Article]]:
    """``items`` read in chunks of ``CHUNK_SIZE`` articles; each problem met on the way goes to ``problems``."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        chunk.append(item)
        if len(chunk) >= CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class ReanalyzeReport:
    reanalysed: list[str] = field(default_factory=list)  # article ids, in ingest order
    stories: list[str] = field(default_factory=list)  # the stories they belong to, now at a new version
    problems: list[Problem] = field(default_factory=list)  # articles whose analysis failed: the old one stays

    def to_dict(self) -> dict:
        return {"reanalysed": self.reanalysed, "stories": self.stories,
                "problems": _problems_json(self.problems)}


def reanalyze(store: StoreProtocol, *, model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE,
              workers: int = 1, executor: Executor | None = None,
              progress: Callable[[int], None] | None = None) -> ReanalyzeReport:
    """Analyse again exactly the articles an older ``ANALYZER_VERSION`` analysed, and the lowercased ones
    restored before a cased report of their story taught the lexicon more, with the collection lexicon
    as it stands (not taught again: it already holds what each of them taught), replacing each analysis
    and marking its story changed. Stories keep their members."""
    report = ReanalyzeReport()
    stale = list(dict.fromkeys(store.stale_analyses(crosswire.analyze.ANALYZER_VERSION) + store.uninformed_analyses()))
    with Analyzer(model=model, batch_size=batch_size, workers=workers, executor=executor) as analyzer:
        for start in range(0, len(stale), CHUNK_SIZE):
            articles = store.articles(stale[start:start + CHUNK_SIZE])
            for result, article in zip(analyzer.analyze(articles, store.lexicon()), articles):
                if isinstance(result, Problem):
                    report.problems.append(result)
                    continue
                story_id = store.replace_analysis(result)
                report.reanalysed.append(article.id)
                if story_id not in report.stories:
                    report.stories.append(story_id)
            if progress:
                progress(len(articles))
    return report


@dataclass
class ReclusterReport:
    window: int = 0  # articles the pass reclustered (summed over its slices)
    new: int = 0  # of which stored since the last pass
    stories: list[str] = field(default_factory=list)  # stories (events) whose articles or storyline changed
    changes: list[StoryChange] = field(default_factory=list)  # merges and splits, as logged
    embeddings: str = ""  # why the pass ran without lead embeddings, if it did
    seconds: float = 0.0  # the whole pass
    embedding_seconds: float = 0.0  # of which computing lead embeddings (once per article, kept)
    slices: int = 0  # windows the pass clustered (more than one for more new articles than a window holds)

    def to_dict(self) -> dict:
        return {"window": self.window, "new": self.new, "slices": self.slices, "stories": self.stories,
                "changes": [c.to_json() for c in self.changes], "embeddings": self.embeddings or "used",
                "seconds": round(self.seconds, 3), "embedding_seconds": round(self.embedding_seconds, 3)}


def recluster(store: StoreProtocol, *, narrow: bool = True) -> ReclusterReport:
    """One merge/split pass over the articles stored since the last one and the storylines near them
    (those holding their nearest neighbours by lead embedding; with ``narrow`` off, or without
    embeddings, every storyline), within the time window: events and storylines as one batch
    clustering sees them, whatever order the reports arrived in; ids continue where a story survives,
    and every merge and split is logged. More new articles than a window holds are taken in slices by
    publication date, the watermark advanced once the last is stored (a pass cut short is done again
    whole)."""
    started = time.perf_counter()
    report = ReclusterReport()
    parts = _slices(store, store.unclustered())
    watermark = 0
    for k, part in enumerate(parts):
        around, missing, embedding = _neighbourhood(store, part) if narrow else (None, "", 0.0)
        inputs = store.recluster_inputs(cluster.WINDOW_DAYS, cluster.WINDOW_ARTICLES, around, new_ids=part)
        if inputs is None:
            continue
        watermark = max(watermark, inputs.watermark)
        features = inputs.features
        if not missing:
            features, missing, seconds = _with_embeddings(store, features)
            embedding += seconds
        events, storylines, event_changes, storyline_changes = cluster.recluster(  # the store chose the window
            features, inputs.events, inputs.storylines, inputs.new_ids, days=None, limit=len(features),
            reserved=inputs.reserved, stats=inputs.stats)
        changes = cluster.story_changes("event", event_changes) + cluster.story_changes("storyline", storyline_changes)
        # the watermark moves only with the last slice (regroup never moves it back)
        changed = store.regroup(events, storylines, changes, watermark if k == len(parts) - 1 else 0,
                                {f.id: f.terms for f in features})
        report.window += len(events)
        report.new += len(inputs.new_ids)
        report.slices += 1
        report.stories = list(dict.fromkeys(report.stories + changed))
        report.changes += changes
        report.embeddings = report.embeddings or missing
        report.embedding_seconds += embedding
    report.seconds = time.perf_counter() - started if report.slices else 0.0
    return report


def _slices(store: StoreProtocol, new_ids: Sequence[str]) -> list[list[str]]:
    """``new_ids`` as one slice, or, when more than a window holds (``cluster.WINDOW_ARTICLES``), in slices
    of ``cluster.SLICE_ARTICLES`` in order of publication date (the undated last, in ingest order)."""
    if len(new_ids) <= cluster.WINDOW_ARTICLES:
        return [list(new_ids)] if new_ids else []
    dated = sorted(store.articles(new_ids, text_chars=0),
                   key=lambda a: (a.published is None, a.published or dt.date.min))
    ordered = [a.id for a in dated]
    return [ordered[i:i + cluster.SLICE_ARTICLES] for i in range(0, len(ordered), cluster.SLICE_ARTICLES)]


def _neighbourhood(store: StoreProtocol, new_ids: Sequence[str]) -> tuple[set[str] | None, str, float]:
    """``new_ids`` and each one's nearest stored neighbours by lead embedding (``fuse/neighbours.py``),
    or None (no narrowing) with the reason when embeddings or the index are not installed; and the
    seconds spent computing embeddings."""
    stored = store.embeddings(new_ids)
    features = [cluster.ArticleFeatures(i, "", embedding=v) for i, v in stored.items()]
    features += [cluster.ArticleFeatures(a.id, a.text)  # the lead: all an embedding reads
                 for a in store.articles([i for i in new_ids if i not in stored], text_chars=LEAD_CHARS)]
    features, missing, seconds = _with_embeddings(store, features)
    if missing:
        return None, missing, seconds
    try:
        from crosswire.fuse import neighbours
    except ImportError as exc:
        return None, f"no neighbour index: {exc} (pip install -e '.[embed]')", seconds
    index = neighbours.synced(store)
    near = index.search(np.stack([f.embedding for f in features]), neighbours.NEIGHBOURS + 1)
    return set(new_ids) | set(store.ids_by_seq(sorted({k for row in near for k in row})).values()), "", seconds


def _with_embeddings(store: StoreProtocol, features: list[cluster.ArticleFeatures]
                     ) -> tuple[list[cluster.ArticleFeatures], str, float]:
    """``features`` with a lead embedding each: stored ones as they are, the others computed (and
    kept); without the optional ``embed`` extra, as they are, with the reason; and the seconds spent."""
    todo = [f for f in features if f.embedding is None]
    if not todo:
        return features, "", 0.0
    started = time.perf_counter()
    from crosswire.fuse.embed import lead_embeddings

    vectors = lead_embeddings([f.text for f in todo])
    if isinstance(vectors, str):
        return features, vectors, 0.0
    store.save_embeddings({f.id: v.tobytes() for f, v in zip(todo, vectors)})
    computed = {f.id: v for f, v in zip(todo, vectors)}
    return ([dataclasses.replace(f, embedding=computed[f.id]) if f.id in computed else f for f in features], "",
            time.perf_counter() - started)
