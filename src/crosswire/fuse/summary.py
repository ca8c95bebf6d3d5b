"""A first, extractive summary of one story: the sentences that cover most of what the reports
share, each citing every report that says it.

*Content* is measured by concepts (Gillick and Favre 2009): the word bigrams of a sentence (a
bigram of two stop words is no concept) and the canonical entities it names, each weighted by its
document frequency, the number of reports that use it (a wire copy and its original, ``fuse.copies``,
counting once). Information several outlets share is what
the story is about; a concept fewer than ``MIN_CONCEPT_REPORTS`` reports use weighs nothing.
The summary opens with the report lead (a report's first sentence: the news) worth most, then
picks greedily: each time the sentence adding the most weight of concepts not yet covered, per
word^``LENGTH_EXPONENT`` (Lin and Bilmes 2010), with a lead-position prior (the opening sentences
of news reports state the news). A sentence too close to one already picked
(TF-IDF cosine or shared content words) is never picked. The summary is shown in importance order:
the order picked, a tie going to the earlier sentence.

The parameters (``MIN_CONCEPT_REPORTS``, ``LENGTH_EXPONENT``, ``LEAD_PRIOR``, and whether entities
are concepts) were chosen on DUC 2003 task 2 by leave-one-cluster-out over a small grid
(2-3 x 0-0.5-1 x 0-0.5-1-2 x no/yes): all nine folds chose the values below.

A summary sentence is clean report prose: its dateline, bylines, tags, comments and furniture
(``analysis.zones``) and a heading glued to it across a line break are trimmed off, and what is
left must be a sentence (enough words, ending as a sentence ends).

Each sentence cites its own span, then, in every other report, the sentence that *supports* it:
one holding at least ``SUPPORT_MIN`` of its distinct words (wire copy, a shared quote, a lightly
reworded repeat). A span that merely overlaps is never cited.

Text shown is the sentence as the reader sees it (``reading.readable``: the restored reading
text of a lowercased/tokenized report). A lowercased report that was not restored is hard to
read, so its sentences are only shown when the story has no cased article; they still count for
the concepts and are cited as support.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

from crosswire.fuse.canon import Canon, is_lowercased
from crosswire.fuse.copies import source
from crosswire.fuse.reading import readable
from crosswire.fuse.similarity import content_words, singular
from crosswire.model import Article, ArticleAnalysis, SpanRef, SummarySentence, trimmed_span

# Shorter sentences are headings, datelines and fragments, not summary material (words with a letter).
MIN_SENTENCE_WORDS = 6
# A concept weighs the number of reports using it, nothing when fewer than this many do (or than
# the story has reports, when it has fewer; and fewer still when no concept is shared that widely).
MIN_CONCEPT_REPORTS = 3
# Gain per word^r: 1 favours dense short sentences, 0 long ones.
LENGTH_EXPONENT = 0.5
# Lead prior: a sentence's gain is multiplied by 1 + LEAD_PRIOR / (1 + its position in its report).
LEAD_PRIOR = 1.0
# The summary opens with the report lead worth most (the story's news), then any sentence follows.
OPEN_WITH_LEAD = True
# A candidate this close (TF-IDF cosine) to a picked sentence repeats it and is never picked.
REDUNDANT_COSINE = 0.5
# ... nor one sharing this share of the smaller sentence's content words with a picked one.
REDUNDANT_OVERLAP = 0.6
# A span supports a sentence when it holds this share of the sentence's distinct words: the
# sentence may be a restored or lightly reworded form of it, never a different claim.
SUPPORT_MIN = 0.8

_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence ends in . ! ?, then maybe closing quotes and brackets.
_SENTENCE_END = re.compile(r"""[.!?](?:\s*(?:''|["'”’)\]]))*$""")
_LINE_END = re.compile(r"""[.!?:;,](?:\s*(?:''|["'”’)\]]))*\s*$""")


@dataclass
class _Sentence:
    article: Article
    analysis: ArticleAnalysis
    index: int  # position among the article's usable sentences
    start: int
    end: int
    words: list[str]  # content words
    tokens: frozenset[str]  # distinct lowercase word tokens
    concepts: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    length: int = 0  # words
    showable: bool = True
    row: int = 0  # its row in the story's TF-IDF matrix

    @property
    def text(self) -> str:
        return readable(self.article, self.analysis, self.start, self.end)

    @property
    def ref(self) -> SpanRef:
        return SpanRef(self.article.id, self.start, self.end)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


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


def _lines_are_paragraphs(text: str) -> bool:
    """Whether the report's line breaks end paragraphs (most long lines end as a sentence ends),
    not a hard wrap inside sentences."""
    lines = [ln for ln in text.splitlines() if len(ln.split()) >= MIN_SENTENCE_WORDS]
    return bool(lines) and 2 * sum(1 for ln in lines if _LINE_END.search(ln)) >= len(lines)


def _without_heading(text: str, start: int, end: int, paragraphs: bool) -> int:
    """``start`` moved past a heading glued to the sentence: a line before a blank line, or, in a
    report written a paragraph a line, a line that does not end as a sentence does ("NATIONAL
    FORECAST", "Eds: UPDATES ...", a headline above its lede)."""
    while True:
        cut = text.find("\n", start, end)
        if cut < 0 or not text[cut:end].strip():
            return start
        head = text[start:cut]
        blank_follows = text[cut + 1:end].lstrip(" \t\r").startswith("\n")
        if head.strip() and not blank_follows and not (paragraphs and not _LINE_END.search(head)):
            return start
        start = cut + 1


def _spans(article: Article, analysis: ArticleAnalysis) -> list[tuple[int, int]]:
    """Sentence spans trimmed of whitespace, of a dateline ("RAQA -") at their head, of what is not
    the report (reader comments, bylines, page furniture: ``analysis.zones``) and of a heading glued
    on across a line break."""
    text = article.text
    spans = [(s.start, s.end) for s in analysis.sentences] or [(0, len(text))]
    paragraphs = _lines_are_paragraphs(text)
    out = []
    for start, end in spans:
        if analysis.dateline and start <= analysis.dateline.start < analysis.dateline.end <= end:
            start = analysis.dateline.end
        start, end = _outside_zones(start, end, analysis)
        start = _without_heading(text, start, end, paragraphs)
        if span := trimmed_span(text, start, end):
            out.append(span)
    return out


def _is_prose(text: str) -> bool:
    """Enough words, ending as a sentence ends: not a heading, a dateline or a cut-off fragment."""
    words = [w for w in text.split() if _LETTER.search(w)]
    return len(words) >= MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(text.rstrip()))


def _concepts(tokens: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs (plurals folded), less those of two stop words."""
    folded = [singular(t) for t in tokens]
    return frozenset((a, b) for a, b in zip(folded, folded[1:])
                     if not (a in ENGLISH_STOP_WORDS and b in ENGLISH_STOP_WORDS))


def _sentences(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[_Sentence]:
    """Usable sentences of all articles, grouped by article id."""
    any_cased = any(not is_lowercased(a, an) for a, an in items)
    out = []
    for article, analysis in sorted(items, key=lambda it: it[0].id):
        showable = not is_lowercased(article, analysis) or analysis.offsets is not None or not any_cased
        usable = [(s, e) for s, e in _spans(article, analysis) if _is_prose(article.text[s:e])]
        for i, (s, e) in enumerate(usable):
            piece = article.text[s:e]
            tokens = _tokens(piece)
            out.append(_Sentence(article, analysis, i, s, e, content_words(piece), frozenset(tokens),
                                 _concepts(tokens), len(piece.split()), showable, row=len(out)))
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


def _add_entities(sentences: list[_Sentence], canon: Canon) -> None:
    """A canonical entity named in a sentence is one of its concepts too, however it is named there
    ("Cardoso", "President Fernando Henrique Cardoso")."""
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)  # article -> (offset, entity), sorted
    for e in canon.entities:
        for m in e.mentions:
            named[m.article].append((m.start, e.id))
    for mentions in named.values():
        mentions.sort()
    for s in sentences:
        mentions = named.get(s.article.id, [])
        lo, hi = bisect_left(mentions, (s.start, "")), bisect_left(mentions, (s.end, ""))
        if hi > lo:
            s.concepts = s.concepts | {("", eid) for _, eid in mentions[lo:hi]}


def _weights(sentences: list[_Sentence], copies: Mapping[str, str]) -> dict[tuple[str, str], float]:
    """Each concept's weight: the number of independent reports using it, a wire copy and its original
    counting once (``fuse.copies``); nothing for one report's own words while the story has more."""
    df: Counter[tuple[str, str]] = Counter()
    seen: dict[str, set[tuple[str, str]]] = {}
    for s in sentences:
        seen.setdefault(source(copies, s.article.id), set()).update(s.concepts)
    for concepts in seen.values():
        df.update(concepts)
    floor = min(MIN_CONCEPT_REPORTS, len(seen))
    while floor > 1 and not any(n >= floor for n in df.values()):
        floor -= 1  # reports sharing nothing: their own words are all there is
    return {c: float(n) for c, n in df.items() if n >= floor}


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def _time(s: _Sentence) -> tuple:
    """When a sentence was reported: its report's date (undated last), then its place in the report."""
    date = s.article.published
    return (date is None, date.toordinal() if date else 0, s.index, s.article.id, s.start)


def _pick(candidates: list[_Sentence], matrix: sparse.csr_matrix, weights: dict[tuple[str, str], float],
          max_sentences: int, max_words: int | None) -> list[_Sentence]:
    """Greedy concept coverage: each time the sentence adding most uncovered weight per word^r
    (lead prior included; a tie goes to the earlier), never one repeating a picked sentence.
    A sentence's value only falls as concepts get covered, so values are recomputed lazily."""
    covered: set[tuple[str, str]] = set()

    def value(s: _Sentence) -> float:
        gain = sum(weights.get(c, 0.0) for c in s.concepts if c not in covered)
        return gain * (1 + LEAD_PRIOR / (1 + s.index)) / max(s.length, 1) ** LENGTH_EXPONENT

    order = sorted(candidates, key=_time)
    dropped: set[int] = set()
    picked: list[_Sentence] = []

    def take(rank: int) -> None:
        s = order[rank]
        picked.append(s)
        covered.update(s.concepts)
        near = (matrix[[o.row for o in order]] @ matrix[s.row].T).toarray().ravel()
        dropped.update(r for r, o in enumerate(order)
                       if near[r] >= REDUNDANT_COSINE or _overlap(o.words, s.words) >= REDUNDANT_OVERLAP)

    def room() -> bool:
        return len(picked) < max_sentences and (max_words is None or sum(s.length for s in picked) < max_words)

    leads = [r for r, s in enumerate(order) if s.index == 0]
    if OPEN_WITH_LEAD and leads and room():
        take(max(leads, key=lambda r: (value(order[r]), -r)))
    heap = [(-value(s), rank) for rank, s in enumerate(order) if rank not in dropped]
    heapq.heapify(heap)
    fresh = set(range(len(order)))  # ranks whose heap value is current
    while heap and room():
        _, rank = heapq.heappop(heap)
        if rank in dropped:
            continue
        if rank not in fresh:
            fresh.add(rank)
            heapq.heappush(heap, (-value(order[rank]), rank))
            continue
        take(rank)
        fresh.clear()
    return picked


def _citations(chosen: _Sentence, sentences: list[_Sentence]) -> tuple[SpanRef, ...]:
    """The sentence itself, plus in each other article the sentence supporting it best."""
    words = frozenset(_tokens(chosen.text))
    need = SUPPORT_MIN * len(words)
    best: dict[str, tuple[int, _Sentence]] = {}
    for s in sentences:
        if s.article.id == chosen.article.id:
            continue
        shared = len(words & s.tokens)
        if shared >= need and shared > best.get(s.article.id, (0, s))[0]:
            best[s.article.id] = (shared, s)
    return (chosen.ref, *(best[a][1].ref for a in sorted(best)))


def summarize(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon | None = None,
              max_sentences: int = 5, max_words: int | None = None,
              copies: Mapping[str, str] | None = None, core: Collection[str] | None = None) -> list[SummarySentence]:
    """Up to ``max_sentences`` sentences (stopping once ``max_words`` are reached) covering what the
    story's reports share, most important first, each with the spans that support it; ``copies``
    (``fuse.copies.find_copies``) makes a wire copy and its original one report in the weighing. ``core``: the
    reports whose sentences may be picked (a storyline's reports of events told by several; all by default),
    every report still weighing what the story shares."""
    sentences = _sentences(items)
    if not sentences or max_sentences <= 0:
        return []
    matrix = _tfidf(sentences)
    if canon is not None:
        _add_entities(sentences, canon)
    candidates = [s for s in sentences if s.showable and (not core or s.article.id in core)]
    chosen = _pick(candidates, matrix, _weights(sentences, copies or {}), max_sentences, max_words)
    return [SummarySentence(s.text, _citations(s, sentences)) for s in chosen]
