"""Online story clustering: each new article joins the most similar story or founds a new one.

An article is a sparse TF-IDF vector of its content words; a story is the sum of its members'
vectors. Incremental by construction: adding an article touches only the story it joins, and a
story keeps the id it was founded with. Words are case-folded and doubled letters collapsed, so
corpus-form (lowercased) reports and transliteration variants ("Raqa"/"Raqqa") share terms
without knowing any name in advance.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.fuse.neighbours import DatedNeighbours
from crosswire.fuse.similarity import phonetic_key

# An article joins online only a story with a report published at most this many days from its own (or
# a story with no dated report; an undated article may join any): online stories are events, the first
# placement the recluster pass starts from, and an event is a day or two of news. Between passes (a
# story list read while an ingest runs) a story open to any date would gather look-alike reports of
# other years. The pass re-clusters its window afresh, so placement shapes what it makes only a little
# (Timeline17 storylines through ingest 0.845 B-cubed against 0.850 from the batch engine alone).
PLACEMENT_DAYS = 7
# Online placement weighs only the stories of the article's nearest stored reports by lead embedding
# among those published near its date (``neighbours.DatedNeighbours``: HNSW indexes, one per period of
# publication dates, plus the undated): what it compares grows with the news of the article's days,
# not with the collection (every story sharing one of its terms was compared: at 8,000 corpus reports,
# 1,367 of 2,165 stories). This many per period. An article without a lead embedding (the ``embed``
# extra not installed) is compared with every story sharing a term, as before.
PLACEMENT_NEIGHBOURS = 50
# Cosine similarity an article needs with a story's centroid to join it. Chosen on the ECB+
# development data at subtopic level (eval/stories.py sweeps it); higher splits stories.
DEFAULT_THRESHOLD = 0.22
# Terms kept per article vector: the highest-weighted ones carry the topic; the tail is noise
# and makes matching slow.
ARTICLE_TERMS = 60
# Terms kept per story centroid, for the same reason.
STORY_TERMS = 300
MIN_TERM_LENGTH = 3
# Name terms live beside word terms under this prefix (no word contains ":").
NAME_PREFIX = "n:"
# A story is first of all who and where: each name-word occurrence counts this many times.
NAME_WEIGHT = 2

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 18)
def _word_term(written: str) -> str | None:
    """The term a word as written counts for (case-folded, doubled letters collapsed), or None for a
    stop word or a short one. Kept per word: every report repeats its words and the collection's."""
    word = written.casefold()
    if len(word) < MIN_TERM_LENGTH or word in STOP_WORDS:
        return None
    return _DOUBLED.sub(r"\1", word)


def terms_of(text: str, names: Iterable[str] = ()) -> Counter[str]:
    """Content-word counts (case-folded, stop words out, doubled letters collapsed), plus one
    sound-key term per word of each name mention, so "Korvashin" and "Khorvasin" meet."""
    counts: Counter[str] = Counter()
    for written, n in Counter(_WORD.findall(text)).items():
        if (term := _word_term(written)) is not None:
            counts[term] += n
    for name in names:
        for match in _WORD.finditer(name):
            word = match.group().casefold()
            if len(word) >= MIN_TERM_LENGTH and word not in STOP_WORDS:
                counts[NAME_PREFIX + phonetic_key(word)] += NAME_WEIGHT
    return counts


def _normalize(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def _top(vector: dict[str, float], n: int) -> dict[str, float]:
    if len(vector) <= n:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


# Id prefixes: a story (an event) is "s" + a hash of a member's id, a storyline "l" + a hash.
EVENT_PREFIX, STORYLINE_PREFIX = "s", "l"


def cluster_id(prefix: str, article_id: str) -> str:
    """A cluster id derived from one member's id, so ids are stable across runs."""
    return prefix + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]


def story_id_for(article_id: str) -> str:
    """A story is named after the article that founded it."""
    return cluster_id(EVENT_PREFIX, article_id)


def storyline_id_for(article_id: str) -> str:
    """A new story is a storyline of its own until a recluster pass says otherwise."""
    return cluster_id(STORYLINE_PREFIX, article_id)


# The clustering steps as pure functions over plain mappings, so the in-memory ``StoryIndex`` and a
# store (which runs them inside its write transaction, on the state as committed) decide alike.

def article_vector(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """An article's normalised TF-IDF vector, IDF as of ``n_docs`` articles already clustered."""
    n = n_docs + 1
    weights = {t: (1 + math.log(c)) * (math.log((n + 1) / (df.get(t, 0) + 1)) + 1) for t, c in counts.items()}
    return _normalize(_top(weights, ARTICLE_TERMS))


def centroid_norm(centroid: Mapping[str, float]) -> float:
    """Euclidean norm, summed in term order so every process computes the same bits."""
    return math.sqrt(sum(centroid[t] ** 2 for t in sorted(centroid))) or 1.0


def choose_story(vector: Mapping[str, float], candidates: Mapping[str, Mapping[str, float]],
                 norms: Mapping[str, float], threshold: float,
                 in_time: Callable[[str], bool] = lambda story_id: True) -> str | None:
    """The story most similar to ``vector`` among those reaching ``threshold`` that are ``in_time``.

    ``candidates`` maps each story sharing a term with the vector to (at least) those terms'
    weights; ``norms`` holds each candidate's full centroid norm; ``in_time`` (asked best first, so
    seldom more than once) whether the story was reported near the article's date
    (``PLACEMENT_DAYS``).
    """
    scored = sorted(((sum(w * weights[t] for t, w in vector.items() if t in weights) / norms[story_id], story_id)
                     for story_id, weights in candidates.items()), reverse=True)
    return next((story_id for score, story_id in scored if score >= threshold and in_time(story_id)), None)


def grow_centroid(centroid: Mapping[str, float], vector: Mapping[str, float]) -> dict[str, float]:
    """A story's centroid with one more member, cut to its ``STORY_TERMS`` strongest terms."""
    grown = dict(centroid)
    for term, weight in vector.items():
        grown[term] = grown.get(term, 0.0) + weight
    return _top(grown, STORY_TERMS)


def summed_centroid(vectors: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """A story's centroid from all its members at once (a recluster pass rebuilding a story), cut to
    its ``STORY_TERMS`` strongest terms only after summing, so member order does not matter."""
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, weight in vector.items():
            total[term] += weight
    return _top(dict(total), STORY_TERMS)


def reported_near(days: Sequence[int], published: dt.date | None) -> bool:
    """Whether a story whose dated reports were published on ``days`` (day ordinals, sorted) may take an
    article published on ``published``: one of them within ``PLACEMENT_DAYS``, or either undated."""
    if published is None or not days:
        return True
    k = bisect.bisect_left(days, published.toordinal() - PLACEMENT_DAYS)
    return k < len(days) and days[k] <= published.toordinal() + PLACEMENT_DAYS


class StoryIndex:
    """Online clustering held in memory (evaluation and tests); stores run the same steps."""

    def __init__(self, threshold: float | None = None, centroids: Iterable[tuple[str, dict[str, float]]] = (),
                 df: dict[str, int] | None = None, n_docs: int = 0):
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.centroids: dict[str, dict[str, float]] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._dates: dict[str, list[int]] = {}  # story id -> its reports' publication days, sorted
        for story_id, centroid in centroids:
            self._set_centroid(story_id, centroid)
        self.df: dict[str, int] = dict(df or {})
        self.n_docs = n_docs
        # lead embeddings keyed by their position in _lead_story, which holds each one's story (made with
        # the first lead: usearch comes with the ``embed`` extra, as leads do)
        self._leads: DatedNeighbours | None = None
        self._lead_story: list[str] = []

    def _set_centroid(self, story_id: str, centroid: dict[str, float]) -> None:
        for term in self.centroids.get(story_id, {}):
            self._postings[term].discard(story_id)
        self.centroids[story_id] = centroid
        for term in centroid:
            self._postings[term].add(story_id)

    def add(self, article_id: str, text: str, names: Iterable[str] = (), published: dt.date | None = None,
            lead: np.ndarray | None = None) -> str:
        """Cluster one article (``names``: its entity mentions; ``lead``: its lead embedding, which limits
        the candidates to the stories of its nearest articles published near it); returns its story id
        (new or existing)."""
        counts = terms_of(text, names)
        vector = article_vector(counts, self.df, self.n_docs)
        near = None
        if lead is not None:
            if self._leads is None:
                self._leads = DatedNeighbours()
            near = {self._lead_story[k] for k in self._leads.search(lead, published, PLACEMENT_DAYS,
                                                                    PLACEMENT_NEIGHBOURS)}
        if near is None:
            candidates = {s: self.centroids[s] for t in vector for s in self._postings.get(t, ())}
        else:
            candidates = {s: self.centroids[s] for s in near if any(t in self.centroids[s] for t in vector)}

        def in_time(story_id: str) -> bool:
            return reported_near(self._dates.get(story_id, []), published)

        story_id = choose_story(vector, candidates, {s: centroid_norm(c) for s, c in candidates.items()},
                                self.threshold, in_time)
        if story_id is None:
            story_id, centroid = story_id_for(article_id), {}
        else:
            centroid = self.centroids[story_id]
        if published is not None:
            bisect.insort(self._dates.setdefault(story_id, []), published.toordinal())
        self._set_centroid(story_id, grow_centroid(centroid, vector))
        for term in counts:
            self.df[term] = self.df.get(term, 0) + 1
        if self._leads is not None and lead is not None:
            self._leads.add({len(self._lead_story): (published, lead)})
            self._lead_story.append(story_id)
        self.n_docs += 1
        return story_id
