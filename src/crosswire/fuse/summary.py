"""A first, extractive summary of one story: a few central sentences, each citing where it came from.

Sentences score by *centrality*: how closely other articles say the same (information several
outlets share is what the story is about), closeness to the whole story, shared canonical
entities, and lead position. Up to ``max_sentences`` are picked MMR-style so none repeats another.
The newest article's lead opens the summary (the latest state of the story), the rest follow
their position in their articles. A sentence that another article repeats cites both.

Text shown is the sentence as the reader sees it (``reading.readable``: the restored reading
text of a lowercased/tokenized report). A lowercased report that was not restored is hard to
read, so its sentences are only shown when the story has no cased article; they still count for
centrality and are cited as support.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from crosswire.fuse.canon import Canon, is_lowercased
from crosswire.fuse.reading import readable
from crosswire.fuse.similarity import content_words
from crosswire.model import Article, ArticleAnalysis, SpanRef, SummarySentence

# Shorter sentences are headings, datelines and fragments, not summary material.
MIN_SENTENCE_WORDS = 6
# Weights of the centrality terms: agreement across outlets counts most.
W_CROSS, W_CENTROID, W_ENTITIES, W_LEAD = 0.5, 0.2, 0.15, 0.15
# Shared entities in a sentence beyond this many add nothing more.
ENTITY_SATURATION = 3
# Sentences compared per block: bounds the dense similarity block to this many rows.
SIMILARITY_BLOCK = 512
# MMR trade-off between centrality and novelty against sentences already picked.
MMR_LAMBDA = 0.7
# A candidate this close (TF-IDF cosine) to a picked sentence repeats it and is never picked.
REDUNDANT_COSINE = 0.5
# A sentence of another article sharing this share of the smaller sentence's content words says
# the same thing (wire copy, shared quote) and is cited too.
DUPLICATE_MIN_OVERLAP = 0.6


@dataclass
class _Sentence:
    article: Article
    analysis: ArticleAnalysis
    index: int  # position among the article's usable sentences
    count: int  # usable sentences in the article
    start: int
    end: int
    words: list[str]
    showable: bool
    row: int = 0  # its row in the story's TF-IDF matrix
    score: float = 0.0

    @property
    def text(self) -> str:
        return readable(self.article, self.analysis, self.start, self.end)

    @property
    def ref(self) -> SpanRef:
        return SpanRef(self.article.id, self.start, self.end)


def _outside_zones(start: int, end: int, analysis: ArticleAnalysis) -> tuple[int, int]:
    """``[start, end)`` less the zones (comments, furniture, bylines) covering its head or tail; empty
    when one covers all of it. A zone inside it (a tag, a credit) is left: cutting there would
    leave a fragment."""
    for z in analysis.zones:
        if z.start <= start < z.end:
            start = z.end
        if z.start < end <= z.end:
            end = z.start
    return start, max(start, end)


def _spans(article: Article, analysis: ArticleAnalysis) -> list[tuple[int, int]]:
    """Sentence spans trimmed of whitespace, of a dateline ("RAQA -") at their head and of what is
    not the report (reader comments, bylines, page furniture: ``analysis.zones``)."""
    spans = [(s.start, s.end) for s in analysis.sentences] or [(0, len(article.text))]
    out = []
    for start, end in spans:
        if analysis.dateline and start <= analysis.dateline.start < analysis.dateline.end <= end:
            start = analysis.dateline.end
        start, end = _outside_zones(start, end, analysis)
        piece = article.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


def _sentences(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[_Sentence]:
    """Usable sentences of all articles, grouped by article id (the matrix relies on that order)."""
    any_cased = any(not is_lowercased(a, an) for a, an in items)
    out = []
    for article, analysis in sorted(items, key=lambda it: it[0].id):
        showable = not is_lowercased(article, analysis) or analysis.offsets is not None or not any_cased
        usable = [(s, e) for s, e in _spans(article, analysis)
                  if len(article.text[s:e].split()) >= MIN_SENTENCE_WORDS]
        for i, (s, e) in enumerate(usable):
            out.append(_Sentence(article, analysis, i, len(usable), s, e, content_words(article.text[s:e]),
                                 showable, row=len(out)))
    return out


def _tfidf(sentences: list[_Sentence]) -> sparse.csr_matrix:
    """Row-normalised TF-IDF matrix of the sentences, with smoothed idf."""
    vocabulary: dict[str, int] = {}
    rows, cols, counts = [], [], []
    for s in sentences:
        for word, count in Counter(s.words).items():
            rows.append(s.row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            counts.append(count)
    tf = sparse.csr_matrix((counts, (rows, cols)), shape=(len(sentences), max(len(vocabulary), 1)), dtype=float)
    df = np.bincount(cols, minlength=tf.shape[1])
    idf = np.log((len(sentences) + 1) / (df + 1)) + 1.0
    return normalize(tf @ sparse.diags(idf))


def _score(sentences: list[_Sentence], matrix: sparse.csr_matrix, canon: Canon) -> None:
    """Centrality: agreement with each other article, closeness to the story, shared entities, lead."""
    shared_at: dict[str, list[tuple[int, str]]] = defaultdict(list)  # article -> (offset, entity), sorted
    for e in canon.entities:
        if len({m.article for m in e.mentions}) >= 2:
            for m in e.mentions:
                shared_at[m.article].append((m.start, e.id))
    for mentions in shared_at.values():
        mentions.sort()
    article_starts = [i for i, s in enumerate(sentences) if i == 0 or s.article.id != sentences[i - 1].article.id]
    column = {sentences[i].article.id: k for k, i in enumerate(article_starts)}
    centroid = normalize(np.asarray(matrix.sum(axis=0)))[0]
    central = matrix @ centroid
    for block in range(0, len(sentences), SIMILARITY_BLOCK):
        sims = (matrix[block:block + SIMILARITY_BLOCK] @ matrix.T).toarray()
        per_article = np.maximum.reduceat(sims, article_starts, axis=1)  # best match in each article
        for offset, row in enumerate(per_article):
            s = sentences[block + offset]
            others = np.delete(row, column[s.article.id])
            mentions = shared_at.get(s.article.id, [])
            entities = {eid for _, eid in mentions[bisect_left(mentions, (s.start, "")):
                                                    bisect_left(mentions, (s.end, ""))]}
            s.score = (W_CROSS * (float(others.mean()) if others.size else 0.0)
                       + W_CENTROID * float(central[s.row])
                       + W_ENTITIES * min(len(entities), ENTITY_SATURATION) / ENTITY_SATURATION
                       + W_LEAD / (1 + s.index))


def _opening(candidates: list[_Sentence]) -> _Sentence | None:
    """The newest dated article's lead, else the most central sentence."""
    dated = [s for s in candidates if s.article.published is not None]
    if dated:
        newest = max(dated, key=lambda s: (s.article.published, s.article.id)).article.id
        return min((s for s in dated if s.article.id == newest), key=lambda s: s.index)
    return max(candidates, key=lambda s: (s.score, -s.index, s.article.id), default=None)


def _pick(candidates: list[_Sentence], matrix: sparse.csr_matrix, max_sentences: int) -> list[_Sentence]:
    """MMR: the opening, then the best trade of centrality against likeness to what is picked."""
    first = _opening(candidates)
    if first is None or max_sentences <= 0:
        return []
    picked = [first]
    redundancy = np.zeros(matrix.shape[0])  # each sentence's highest cosine to a picked one
    pool = [s for s in candidates if s is not first]
    while len(picked) < max_sentences:
        redundancy = np.maximum(redundancy, (matrix @ matrix[picked[-1].row].T).toarray().ravel())
        pool = [s for s in pool if redundancy[s.row] < REDUNDANT_COSINE
                and _overlap(s.words, picked[-1].words) < DUPLICATE_MIN_OVERLAP]
        if not pool:
            break
        best = max(pool, key=lambda s: (MMR_LAMBDA * s.score - (1 - MMR_LAMBDA) * redundancy[s.row],
                                        -s.index, s.article.id))
        picked.append(best)
        pool.remove(best)
    rest = sorted(picked[1:], key=lambda s: (s.index / s.count, s.article.id, s.start))
    return [first, *rest]


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def _citations(chosen: _Sentence, sentences: list[_Sentence]) -> tuple[SpanRef, ...]:
    """The sentence itself, plus the closest repeat of it in each other article."""
    refs = [chosen.ref]
    best: dict[str, tuple[float, _Sentence]] = {}
    for s in sentences:
        if s.article.id == chosen.article.id:
            continue
        score = _overlap(chosen.words, s.words)
        if score >= DUPLICATE_MIN_OVERLAP and score > best.get(s.article.id, (0.0, s))[0]:
            best[s.article.id] = (score, s)
    refs.extend(best[a][1].ref for a in sorted(best))
    return tuple(refs)


def summarize(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon,
              max_sentences: int = 5) -> list[SummarySentence]:
    """Up to ``max_sentences`` central, non-redundant sentences of the story, each with citations."""
    sentences = _sentences(items)
    if not sentences:
        return []
    matrix = _tfidf(sentences)
    _score(sentences, matrix, canon)
    chosen = _pick([s for s in sentences if s.showable], matrix, max_sentences)
    return [SummarySentence(s.text, _citations(s, sentences)) for s in chosen]
