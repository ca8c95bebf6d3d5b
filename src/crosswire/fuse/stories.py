"""Online story clustering: each new article joins the most similar story or founds a new one.

An article is a sparse TF-IDF vector of its content words; a story is the sum of its members'
vectors. Incremental by construction: adding an article touches only the story it joins, and a
story keeps the id it was founded with. Words are case-folded and doubled letters collapsed, so
corpus-form (lowercased) reports and transliteration variants ("Raqa"/"Raqqa") share terms
without knowing any name in advance.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.fuse.similarity import phonetic_key

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


def terms_of(text: str, names: Iterable[str] = ()) -> Counter[str]:
    """Content-word counts (case-folded, stop words out, doubled letters collapsed), plus one
    sound-key term per word of each name mention, so "Korvashin" and "Khorvasin" meet."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) < MIN_TERM_LENGTH or word in STOP_WORDS:
            continue
        counts[_DOUBLED.sub(r"\1", word)] += 1
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


def story_id_for(article_id: str) -> str:
    """A story is named after the article that founded it, so ids are stable across runs."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]


class StoryIndex:
    """In-memory state of online clustering; the store persists ``centroids`` and ``df``."""

    def __init__(self, threshold: float | None = None, centroids: Iterable[tuple[str, dict[str, float]]] = (),
                 df: dict[str, int] | None = None, n_docs: int = 0):
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.centroids: dict[str, dict[str, float]] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        for story_id, centroid in centroids:
            self._set_centroid(story_id, centroid)
        self.df: dict[str, int] = dict(df or {})
        self.n_docs = n_docs

    def _set_centroid(self, story_id: str, centroid: dict[str, float]) -> None:
        for term in self.centroids.get(story_id, {}):
            self._postings[term].discard(story_id)
        self.centroids[story_id] = centroid
        for term in centroid:
            self._postings[term].add(story_id)

    def vector(self, text: str, names: Iterable[str] = ()) -> tuple[dict[str, float], list[str]]:
        """The article's normalised vector (IDF as of now) and its distinct terms, for ``df``."""
        counts = terms_of(text, names)
        n = self.n_docs + 1
        weights = {t: (1 + math.log(c)) * (math.log((n + 1) / (self.df.get(t, 0) + 1)) + 1)
                   for t, c in counts.items()}
        return _normalize(_top(weights, ARTICLE_TERMS)), sorted(counts)

    def best_story(self, vector: dict[str, float]) -> tuple[str | None, float]:
        scores: dict[str, float] = defaultdict(float)
        norms = {}
        for term, weight in vector.items():
            for story_id in self._postings.get(term, ()):
                if story_id not in norms:
                    norms[story_id] = math.sqrt(sum(w * w for w in self.centroids[story_id].values())) or 1.0
                scores[story_id] += weight * self.centroids[story_id][term]
        if not scores:
            return None, 0.0
        story_id, score = max(scores.items(), key=lambda kv: (kv[1] / norms[kv[0]], kv[0]))
        return story_id, score / norms[story_id]

    def add(self, article_id: str, text: str, names: Iterable[str] = ()) -> str:
        """Cluster one article; returns its story id (new or existing)."""
        return self.assign(article_id, text, names)[0]

    def assign(self, article_id: str, text: str, names: Iterable[str] = ()) -> tuple[str, list[str]]:
        """Cluster one article (``names``: its entity mentions); returns its story id and its
        distinct terms (for the store's ``df``)."""
        vector, distinct = self.vector(text, names)
        story_id, score = self.best_story(vector)
        if story_id is None or score < self.threshold:
            story_id = story_id_for(article_id)
            centroid: dict[str, float] = {}
        else:
            centroid = dict(self.centroids[story_id])
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        self._set_centroid(story_id, _top(centroid, STORY_TERMS))
        for term in distinct:
            self.df[term] = self.df.get(term, 0) + 1
        self.n_docs += 1
        return story_id, distinct
