"""Analyze articles: restore a reading text, run spaCy once over it, call every finder, and map
every span back to the text as given.

Analysis of one article depends only on that article and on the collection ``Lexicon`` passed in
(casing and names learnt from cased reports), so it is a pure map: ``workers > 1`` runs it in
worker processes that each load the pipeline once, and an ``Executor`` (``crosswire.scale``) on a
Dask cluster.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc

import crosswire.analyze
from crosswire.analyze.entities import find_aliases, find_mentions
from crosswire.analyze.figures import find_figures
from crosswire.analyze.nlp import DEFAULT_MODEL, doc_text, load_pipeline
from crosswire.analyze.quotes import find_quotes
from crosswire.analyze.times import find_times
from crosswire.analyze.zones import SENTENCE_END, comments_start, find_zones, overlaps
from crosswire.errors import ClusterError
from crosswire.ingest.dateline import parse_dateline
from crosswire.model import AliasEvidence, Article, ArticleAnalysis, Dateline, Problem, Sentence, Zone
from crosswire.restore import Lexicon, Restored, restore
from crosswire.restore.offsetmap import OffsetMap
from crosswire.scale import Executor, LocalProcesses, WorkerLost, worker_memory_limit

LOGGER = logging.getLogger(__name__)

# Articles per spaCy batch: large enough to amortise the per-batch overhead, small enough that a
# crash loses little and progress moves often.
DEFAULT_BATCH_SIZE = 16
# Articles per task sent to a worker (process or Dask): small enough to share a chunk among the workers.
WORKER_CHUNK = 16
# spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 chars), and its memory grows with
# the characters it parses at once (measured: ~1.7 GB for 500,000 chars in one piece, ~600 MB in
# sections). A reading text longer than this is parsed in sections of at most this many chars, cut at
# whitespace, and their Docs are joined into one Doc over the whole text, so every offset is as if it
# had been parsed at once; a spaCy call gets at most this many chars in all. 100,000 chars is a
# long report (most are 5-100 KB), so few are cut, and always at a paragraph or sentence end.
SECTION_CHARS = 100_000
# The longest article text analysed: ten times the longest news reports. Analysis time and memory
# grow about linearly (`python -m benchmarks.long_text`: 200,000 chars 6.7 s and 558 MB peak;
# 1,000,000 chars 40 s and 669 MB), so a 5 MB text would take minutes and GBs for what is never one
# report; a longer text is reported (too_large) and never parsed.
MAX_ANALYSIS_CHARS = 1_000_000
# Where a section may end, best first: after a paragraph break, after a sentence end, after any space.
_SECTION_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), SENTENCE_END, re.compile(r"\s+"))


def _given_span(item, offsets: OffsetMap, given_text: str):
    """``item`` with ``start``/``end`` (and speaker span) moved into the text as given."""
    start, end = offsets.to_given(item.start, item.end)
    changes = {"start": start, "end": end}
    if "text" in {f.name for f in dataclasses.fields(item)}:
        changes["text"] = given_text[start:end]
    if getattr(item, "speaker_start", None) is not None:
        changes["speaker_start"], changes["speaker_end"] = offsets.to_given(item.speaker_start, item.speaker_end)
    if getattr(item, "source_start", None) is not None:
        changes["source_start"], changes["source_end"] = offsets.to_given(item.source_start, item.source_end)
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


def _outside(items: list, zones: list[Zone]) -> list:
    """``items`` (reading-text spans) that share no character with a zone: what a finder found in
    reader comments, a byline or page furniture is not what the report says. Alias evidence counts
    as inside when either of its names is."""
    if not zones:
        return items
    def inside(item) -> bool:
        if isinstance(item, AliasEvidence):
            return (overlaps(zones, item.short_start, item.short_end)
                    or overlaps(zones, item.long_start, item.long_end))
        return overlaps(zones, item.start, item.end)
    return [item for item in items if not inside(item)]


def analyze_doc(article: Article, restored: Restored, doc: Doc, dateline: Dateline | None,
                known: tuple[tuple[str, str], ...] = (), comments_from: int | None = None) -> ArticleAnalysis:
    """Run every finder over ``doc`` (the reading text, or its part before ``comments_from``, where
    ``comments_start`` found its reader comments before the parse) and return spans in the text as given.

    ``known``: (name, label) pairs from the collection lexicon, matched where NER misses them.
    """
    mentions = find_mentions(doc, known, cased=not restored.form.lowercased)
    aliases = find_aliases(doc, mentions)
    quotes = find_quotes(doc, mentions, lowercased=restored.form.lowercased)
    figures = find_figures(doc, quotes)
    times = find_times(doc, article.published)
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    zones = find_zones(restored.text, [(s.start, s.end) for s in sentences], comments_from)
    mentions, aliases, quotes, figures, times = (_outside(items, zones)
                                                 for items in (mentions, aliases, quotes, figures, times))
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
        zones=tuple(_given_span(z, om, given) for z in zones),
        analyzer=crosswire.analyze.ANALYZER_VERSION,  # read now: a test may raise it
    )


def text_sections(text: str, size: int) -> list[str]:
    """``text`` as consecutive sections of at most ``size`` chars that join back into it exactly."""
    sections: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _section_end(text, start, size)
        sections.append(text[start:cut])
        start = cut
    sections.append(text[start:])
    return sections


def _section_end(text: str, start: int, size: int) -> int:
    """Where the section from ``start`` ends, after whitespace so no word is split: after the last
    paragraph break in the second half of its ``size`` chars, else the last sentence end there, else
    the last whitespace anywhere in it; a run of ``size`` chars without any is cut at ``size``."""
    end, half = start + size, start + size // 2
    for pattern, low in zip(_SECTION_BREAKS, (half, half, start)):
        if matches := list(pattern.finditer(text, low, end)):
            return matches[-1].end()
    return end


@dataclass(frozen=True)
class _Reading:
    """An article ready to parse: its restored reading text, its dateline, where its reader comments
    open (``comments_start``; None: none) and the sections spaCy parses: the text before the comments,
    in one section unless it is longer than ``SECTION_CHARS``. Comments are never parsed: what a finder
    found there would be dropped (``_outside``), and they are a fifth of the speed benchmark's characters
    (``python -m benchmarks.throughput`` reports the share)."""

    article: Article
    restored: Restored
    dateline: Dateline | None
    comments_from: int | None
    sections: list[str]


def _failed(article: Article, exc: BaseException) -> Problem:
    """One article's analysis failed: log why, and report it, so the others go on."""
    LOGGER.error("analysis failed for %s", article.id, exc_info=exc)
    return Problem(article.source or article.id, f"analysis failed for article {article.id!r}: {exc}",
                   article.line, kind="analysis")


def _prepare(article: Article, lexicon: Lexicon | None, nlp: Language) -> _Reading | Problem:
    if len(article.text) > MAX_ANALYSIS_CHARS:
        return Problem(article.source or article.id,
                       f"article {article.id!r} is {len(article.text):,} characters, over the "
                       f"{MAX_ANALYSIS_CHARS:,}-character limit for analysis; split it into "
                       "smaller articles (one report per file or record)", article.line, kind="too_large")
    try:
        dateline = parse_dateline(article.text)
        restored = restore(article.text, lexicon, proper=_proper_hints(dateline))
    except Exception as exc:  # one bad article must not stop the others
        return _failed(article, exc)
    comments_from = comments_start(restored.text)
    sections = text_sections(restored.text[:comments_from], min(SECTION_CHARS, nlp.max_length))
    return _Reading(article, restored, dateline, comments_from, sections)


def _groups(texts: list[str], batch_size: int) -> Iterator[list[str]]:
    """Consecutive groups of at most ``batch_size`` texts and ``SECTION_CHARS`` chars (a longer text
    alone): spaCy's memory grows with the characters it parses at once."""
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and (len(group) == batch_size or chars + len(text) > SECTION_CHARS):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


def _parse(nlp: Language, texts: list[str], batch_size: int) -> list[Doc | Exception]:
    """A Doc for each text, in order. If spaCy fails on a group, each of its texts is parsed alone,
    so only the text it fails on is lost."""
    docs: list[Doc | Exception] = []
    for group in _groups(texts, batch_size):
        try:
            docs.extend(list(nlp.pipe(group, batch_size=len(group))))
            continue
        except Exception:
            LOGGER.warning("spaCy failed on a batch of %d texts; parsing them one by one", len(group))
        for text in group:
            try:
                docs.append(nlp(text))
            except Exception as exc:
                docs.append(exc)
    return docs


def _analyze_reading(reading: _Reading, docs: list[Doc | Exception],
                     known: tuple[tuple[str, str], ...]) -> ArticleAnalysis | Problem:
    """Join the sections' Docs into one over the whole reading text, then run every finder."""
    if failed := next((doc for doc in docs if isinstance(doc, Exception)), None):
        return _failed(reading.article, failed)
    try:
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        if doc_text(doc) != reading.restored.text[:reading.comments_from]:  # offsets hold only over this text
            raise ValueError("the parsed sections do not join back into the reading text")
        return analyze_doc(reading.article, reading.restored, doc, reading.dateline, known, reading.comments_from)
    except Exception as exc:  # one bad article must not stop the others
        return _failed(reading.article, exc)


def _analyze_serial(articles: Sequence[Article], lexicon: Lexicon | None, model: str,
                    batch_size: int) -> Iterator[ArticleAnalysis | Problem]:
    """Analyses in input order, each batch of ``batch_size`` articles yielded once it is parsed."""
    nlp = load_pipeline(model)
    known = tuple(lexicon.names()) if lexicon is not None else ()
    prepared = (_prepare(article, lexicon, nlp) for article in articles)
    while batch := list(islice(prepared, batch_size)):
        readings = [item for item in batch if isinstance(item, _Reading)]
        docs = iter(_parse(nlp, [section for r in readings for section in r.sections], batch_size))
        for item in batch:
            yield item if isinstance(item, Problem) else _analyze_reading(
                item, [next(docs) for _ in item.sections], known)


def _with_leads(articles: Sequence[Article], results: Sequence[ArticleAnalysis | Problem],
                leads: bool) -> list[tuple[ArticleAnalysis | Problem, bytes | None]]:
    """Each result with its article's lead embedding (float32 bytes) when ``leads`` asks, the analysis
    succeeded and the ``embed`` extra is installed; else None."""
    vectors: list[bytes | None] = [None] * len(articles)
    done = [i for i, result in enumerate(results) if isinstance(result, ArticleAnalysis)]
    if leads and done:
        from crosswire.fuse.embed import lead_embeddings  # story similarity's, computed where the text is

        embedded = lead_embeddings([articles[i].text for i in done])
        if not isinstance(embedded, str):
            for i, vector in zip(done, embedded):
                vectors[i] = vector.tobytes()
    return list(zip(results, vectors))


def _analyze_chunk(articles: Sequence[Article], lexicon: Lexicon | None, model: str, batch_size: int,
                   leads: bool = False) -> list[tuple[ArticleAnalysis | Problem, bytes | None]]:
    """A worker's task: a whole chunk, returned at once (results cross processes as one pickle)."""
    return _with_leads(articles, list(_analyze_serial(articles, lexicon, model, batch_size)), leads)


def _chunk_results(executor: Executor, chunks: Sequence[Sequence[Article]], *args: object
                   ) -> Iterator[list[tuple[ArticleAnalysis | Problem, bytes | None]]]:
    """``_analyze_chunk`` of every chunk on ``executor``, in order, whatever worker dies on the way;
    the chunks are sent before this returns, so the workers start on them while the caller does other
    work. The first chunk whose result a dead worker took is analysed again article by article, each
    alone, so the article that kills a worker is found and reported (a ``Problem``) and the others are
    analysed; the chunks after it go on as before. Workers that die on every article of a chunk of
    several are no article's fault (the model cannot load there, no memory at all): ``ClusterError``."""
    return _in_order(executor, chunks, executor.map(_analyze_chunk, chunks, *args), args)


def _in_order(executor: Executor, chunks: Sequence[Sequence[Article]], sent: Iterator, args: tuple
              ) -> Iterator[list[tuple[ArticleAnalysis | Problem, bytes | None]]]:
    """``_chunk_results``'s results, from the chunks ``sent`` first, then from those sent again."""
    done = 0
    while True:
        try:
            for results in sent:
                done += 1
                yield results
            return
        except WorkerLost as lost:
            LOGGER.warning("%s; analysing its %d articles one by one", lost, len(chunks[done]))
            alone = [_alone(executor, article, *args) for article in chunks[done]]
            if len(alone) > 1 and all(isinstance(r[0][0], Problem) and r[0][0].kind == "worker" for r in alone):
                raise ClusterError(f"the analysis workers die on every article ({lost}); run with --workers 1 "
                                   "to see why") from lost
            done += 1
            for results in alone:
                yield results
            if done == len(chunks):
                return
            sent = executor.map(_analyze_chunk, chunks[done:], *args)


def _alone(executor: Executor, article: Article, *args: object) -> list[tuple[ArticleAnalysis | Problem, bytes | None]]:
    """``article`` analysed as a chunk of its own; a ``Problem`` of kind "worker" when its worker dies."""
    try:
        return next(iter(executor.map(_analyze_chunk, [[article]], *args)))
    except WorkerLost as lost:
        LOGGER.error("the analysis of %s ended its worker: %s", article.id, lost)
        return [(Problem(article.source or article.id, f"analysing article {article.id!r} ended its worker "
                         f"process: {lost}; the article is not stored, the others are", article.line,
                         kind="worker"), None)]


class Analyzer:
    """Analyses batches of articles: on ``executor`` when one is given (a Dask cluster the caller opened
    and closes), else in this process, or with ``workers > 1`` in a pool of local processes that lives
    as long as the analyzer, so each worker loads the model once per run. Results come back in input
    order wherever they were made."""

    def __init__(self, *, model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1,
                 executor: Executor | None = None):
        self.model, self.batch_size, self.workers = model, batch_size, workers
        self._executor = executor
        self._pool: LocalProcesses | None = None

    def __enter__(self) -> "Analyzer":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def analyze(self, articles: Sequence[Article], lexicon: Lexicon | None = None) -> Iterator[ArticleAnalysis | Problem]:
        """One result (analysis or problem) per article, in input order."""
        for result, _ in self.analyze_with_leads(articles, lexicon, leads=False):
            yield result

    def analyze_with_leads(self, articles: Sequence[Article], lexicon: Lexicon | None = None, *,
                           leads: bool = True) -> Iterator[tuple[ArticleAnalysis | Problem, bytes | None]]:
        """One result per article, in input order, each with the article's lead embedding (float32
        bytes; None without the ``embed`` extra, or when the analysis failed). Embedding in the worker
        that analysed the article spreads it over the workers; the recluster pass would otherwise
        compute every lead at the end of the run, in one process. With workers, the articles are sent
        to them before this returns; in this process, they are analysed as the results are read."""
        if not articles:
            return iter(())
        executor = self._executor if self._executor is not None else self._local_pool(len(articles))
        if executor is None:
            return self._serial_with_leads(articles, lexicon, leads)
        chunks = [articles[i:i + WORKER_CHUNK] for i in range(0, len(articles), WORKER_CHUNK)]
        return chain.from_iterable(_chunk_results(executor, chunks, lexicon, self.model, self.batch_size, leads))

    def _serial_with_leads(self, articles: Sequence[Article], lexicon: Lexicon | None,
                           leads: bool) -> Iterator[tuple[ArticleAnalysis | Problem, bytes | None]]:
        results = _analyze_serial(articles, lexicon, self.model, self.batch_size)
        for start in range(0, len(articles), self.batch_size):
            chunk = articles[start:start + self.batch_size]
            yield from _with_leads(chunk, list(islice(results, len(chunk))), leads)

    def _local_pool(self, articles: int) -> LocalProcesses | None:
        """The local pool, started on first use, when it pays: more than one process and more than one chunk."""
        if self.workers <= 1 or articles <= WORKER_CHUNK:
            return None
        if self._pool is None:
            self._pool = LocalProcesses(self.workers, functools.partial(load_pipeline, self.model),
                                        memory_limit=worker_memory_limit(self.workers))
        return self._pool


def analyze_articles(articles: Iterable[Article], *, lexicon: Lexicon | None = None,
                     model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE,
                     workers: int = 1) -> Iterator[ArticleAnalysis | Problem]:
    """Analyse ``articles`` in input order, yielding one result (analysis or problem) per article."""
    with Analyzer(model=model, batch_size=batch_size, workers=workers) as analyzer:
        yield from analyzer.analyze(list(articles), lexicon)
