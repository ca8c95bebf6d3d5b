"""Analyze articles: restore a reading text, run spaCy once over it, call every finder, and map
every span back to the text as given.

Analysis of one article depends only on that article and on the collection ``Lexicon`` passed in
(casing and names learnt from cased reports), so it is a pure map: ``workers > 1`` runs it in
worker processes that each load the pipeline once.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from spacy.tokens import Doc

from crosswire.analyze.entities import find_aliases, find_mentions
from crosswire.analyze.figures import find_figures
from crosswire.analyze.nlp import DEFAULT_MODEL, load_pipeline
from crosswire.analyze.quotes import find_quotes
from crosswire.analyze.times import find_times
from crosswire.ingest.dateline import parse_dateline
from crosswire.model import AliasEvidence, Article, ArticleAnalysis, Dateline, Problem, Sentence
from crosswire.restore import Lexicon, Restored, restore
from crosswire.restore.offsetmap import OffsetMap

LOGGER = logging.getLogger(__name__)

# Articles per spaCy batch: large enough to amortise the per-batch overhead, small enough that a
# crash loses little and progress moves often.
DEFAULT_BATCH_SIZE = 16
# Articles per task sent to a worker process: small enough to share a chunk among the workers.
WORKER_CHUNK = 16


def _given_span(item, offsets: OffsetMap, given_text: str):
    """``item`` with ``start``/``end`` (and speaker span) moved into the text as given."""
    start, end = offsets.to_given(item.start, item.end)
    changes = {"start": start, "end": end}
    if "text" in {f.name for f in dataclasses.fields(item)}:
        changes["text"] = given_text[start:end]
    if getattr(item, "speaker_start", None) is not None:
        changes["speaker_start"], changes["speaker_end"] = offsets.to_given(item.speaker_start, item.speaker_end)
    return dataclasses.replace(item, **changes)


def _given_alias(alias: AliasEvidence, offsets: OffsetMap, given_text: str) -> AliasEvidence:
    s0, s1 = offsets.to_given(alias.short_start, alias.short_end)
    l0, l1 = offsets.to_given(alias.long_start, alias.long_end)
    return dataclasses.replace(alias, short=given_text[s0:s1], long=given_text[l0:l1],
                               short_start=s0, short_end=s1, long_start=l0, long_end=l1)


def _proper_hints(dateline: Dateline | None) -> list[str]:
    """Words the dateline marks as proper names (the place), for truecasing lowercased text."""
    if dateline is None or not dateline.place:
        return []
    return [w for w in dateline.place.replace(",", " ").split() if w.isalpha()]


def analyze_doc(article: Article, restored: Restored, doc: Doc, dateline: Dateline | None,
                known: tuple[tuple[str, str], ...] = ()) -> ArticleAnalysis:
    """Run every finder over ``doc`` (the reading text) and return spans in the text as given.

    ``known``: (name, label) pairs from the collection lexicon, matched where NER misses them.
    """
    mentions = find_mentions(doc, known, cased=not restored.form.lowercased)
    aliases = find_aliases(doc, mentions)
    quotes = find_quotes(doc, mentions)
    figures = find_figures(doc, quotes)
    times = find_times(doc, article.published)
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    om, given = restored.offsets, article.text
    return ArticleAnalysis(
        article_id=article.id,
        reading_text=restored.text,
        form=restored.form.as_dict(),
        offsets=None if restored.text == article.text else om.to_json(),
        dateline=dateline,
        sentences=tuple(_given_span(s, om, given) for s in sentences),
        mentions=tuple(_given_span(m, om, given) for m in mentions),
        aliases=tuple(_given_alias(a, om, given) for a in aliases),
        quotes=tuple(_given_span(q, om, given) for q in quotes),
        figures=tuple(_given_span(f, om, given) for f in figures),
        times=tuple(_given_span(t, om, given) for t in times),
    )


def _analyze_serial(articles: Sequence[Article], lexicon: Lexicon | None, model: str,
                    batch_size: int) -> Iterator[ArticleAnalysis | Problem]:
    """Analyses in input order, each yielded as soon as its batch is parsed."""
    nlp = load_pipeline(model)
    known = tuple(lexicon.names()) if lexicon is not None else ()
    restored: dict[int, Restored] = {}
    datelines: dict[int, Dateline | None] = {}

    def texts() -> Iterator[tuple[str, int]]:
        for i, article in enumerate(articles):
            datelines[i] = parse_dateline(article.text)
            restored[i] = restore(article.text, lexicon, proper=_proper_hints(datelines[i]))
            yield restored[i].text, i

    for doc, i in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        article = articles[i]
        try:
            yield analyze_doc(article, restored.pop(i), doc, datelines.pop(i), known)
        except Exception as exc:  # one bad article must not stop the others
            LOGGER.exception("analysis failed for %s", article.id)
            yield Problem(article.source or article.id, f"analysis failed for article {article.id!r}: {exc}",
                          article.line, kind="analysis")


def _analyze_chunk(articles: Sequence[Article], lexicon: Lexicon | None, model: str,
                   batch_size: int) -> list[ArticleAnalysis | Problem]:
    """A worker's task: a whole chunk, returned at once (results cross processes as one pickle)."""
    return list(_analyze_serial(articles, lexicon, model, batch_size))


class Analyzer:
    """Analyses batches of articles in this process, or with ``workers > 1`` in a pool of worker
    processes that lives as long as the analyzer, so each worker loads the model once per run."""

    def __init__(self, *, model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1):
        self.model, self.batch_size, self.workers = model, batch_size, workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Analyzer":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def analyze(self, articles: Sequence[Article], lexicon: Lexicon | None = None) -> Iterator[ArticleAnalysis | Problem]:
        """One result (analysis or problem) per article, in input order."""
        if self.workers <= 1 or len(articles) <= WORKER_CHUNK:
            yield from _analyze_serial(articles, lexicon, self.model, self.batch_size)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=load_pipeline,
                                             initargs=(self.model,))
        # the pool pickles tasks in a background thread while the caller goes on teaching the
        # lexicon: hand the workers a copy that nobody changes
        lexicon = copy.deepcopy(lexicon)
        chunks = [articles[i:i + WORKER_CHUNK] for i in range(0, len(articles), WORKER_CHUNK)]
        futures = [self._pool.submit(_analyze_chunk, chunk, lexicon, self.model, self.batch_size)
                   for chunk in chunks]
        for future in futures:
            yield from future.result()


def analyze_articles(articles: Iterable[Article], *, lexicon: Lexicon | None = None,
                     model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE,
                     workers: int = 1) -> Iterator[ArticleAnalysis | Problem]:
    """Analyse ``articles`` in input order, yielding one result (analysis or problem) per article."""
    with Analyzer(model=model, batch_size=batch_size, workers=workers) as analyzer:
        yield from analyzer.analyze(list(articles), lexicon)
