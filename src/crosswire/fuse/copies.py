"""Wire copies: which reports of a story republish another one (the same wire story under another
outlet's name, lightly edited, shortened or with a paragraph added), so that a copy and its original
count as one source where agreement is weighed (``fuse.reconcile``, ``fuse.summary``).

A report is compared by its word 5-shingles: the words of its text as given, outside its dateline and
its zones (bylines, furniture, comments: a changed byline or a share widget is no edit of the report),
case-folded, with tokenization undone where it splits words ("do n't", "raqqa 's"), so the lowercased,
tokenized research-corpus form of a report has the same shingles as the cased report. MinHash LSH
(``datasketch``) proposes pairs whose shingle sets may overlap; a pair is a copy when the shingles
they share hold ``MIN_CONTAINMENT`` of the smaller report's: one contains most of the other, which
takes a copy with a paragraph dropped or added as well as an exact one. Reports joined by copy pairs
form a copy group whose *original* is its earliest published report (undated ones after dated ones,
ties in ingest order); every other member is a copy of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from crosswire.fuse.groups import UnionFind
from crosswire.model import Article, ArticleAnalysis

# Words per shingle: long enough that two independent reports of one event (sharing names, a quote)
# rarely share a run, short enough that a light edit spoils few shingles.
SHINGLE_WORDS = 5
# A copy pair: the shared shingles are at least this share of the smaller report's ("most of it").
MIN_CONTAINMENT = 0.5
# Reports with fewer shingles (a headline, a one-line brief) are too short to tell copying from
# shared phrasing and are never judged.
MIN_SHINGLES = 20
# MinHash permutations, and the Jaccard similarity at which LSH proposes a pair: a report holding
# all of a report three times as long has Jaccard 1/3, so candidates start below that and the exact
# containment check decides.
NUM_PERM = 128
LSH_THRESHOLD = 0.25
MINHASH_SEED = 1

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
# A clitic the tokenizer split off its word: "do n't", "raqqa 's", "they 're".
_SPLIT_CLITIC = re.compile(r"\s+(?=n't\b|'(?:s|re|ve|ll|d|m)\b)")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Case-folded words of ``text`` whatever its casing and tokenization: apostrophes dropped within a
    word ("don't" -> "dont"), a split clitic joined back first ("do n't" -> "dont")."""
    folded = _SPLIT_CLITIC.sub("", text.translate(_APOSTROPHES).casefold())
    return _WORD.findall(folded.replace("'", ""))


def shingles(text: str, skip: Iterable[tuple[int, int]] = ()) -> frozenset[str]:
    """The word ``SHINGLE_WORDS``-shingles of ``text`` with the ``skip`` spans left out (no shingle
    runs across one)."""
    pieces, at = [], 0
    for start, end in sorted(skip):
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    out: set[str] = set()
    for piece in pieces:
        ws = words(piece)
        out.update(" ".join(ws[i:i + SHINGLE_WORDS]) for i in range(len(ws) - SHINGLE_WORDS + 1))
    return frozenset(out)


def report_shingles(article: Article, analysis: ArticleAnalysis) -> frozenset[str]:
    """The shingles of the report's own words: its dateline and zones left out."""
    skip = [(z.start, z.end) for z in analysis.zones]
    if analysis.dateline:
        skip.append((analysis.dateline.start, analysis.dateline.end))
    return shingles(article.text, skip)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set that the other holds."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def copy_pairs(docs: Mapping[str, frozenset[str]]) -> list[tuple[str, str]]:
    """Pairs of ids (in ``docs`` order) whose shingle sets make one a copy of the other: LSH candidates,
    each checked on the exact sets."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for key, shingle_set in docs.items():
        if len(shingle_set) < MIN_SHINGLES:
            continue
        hashes[key] = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
        hashes[key].update_batch([s.encode() for s in shingle_set])
        lsh.insert(key, hashes[key])
    order = {key: n for n, key in enumerate(docs)}
    pairs = {tuple(sorted((key, other), key=order.__getitem__))
             for key, minhash in hashes.items() for other in lsh.query(minhash) if other != key}
    return sorted((a, b) for a, b in pairs if containment(docs[a], docs[b]) >= MIN_CONTAINMENT)


def find_copies(items: Sequence[tuple[Article, ArticleAnalysis]]) -> dict[str, str]:
    """Each copy's id -> the id of the original it republishes, for a story's reports in ingest order."""
    docs = {article.id: report_shingles(article, analysis) for article, analysis in items}
    pairs = copy_pairs(docs)
    groups = UnionFind()
    for a, b in pairs:
        groups.union(a, b)
    paired = {key for pair in pairs for key in pair}
    members: dict[str, list[tuple[int, Article]]] = {}
    for position, (article, _) in enumerate(items):
        if article.id in paired:
            members.setdefault(groups.find(article.id), []).append((position, article))
    copies = {}
    for group in members.values():
        original = min(group, key=lambda pa: (pa[1].published is None, pa[1].published or dt.date.min, pa[0]))[1]
        copies.update((article.id, original.id) for _, article in group if article is not original)
    return copies


def source(copies: Mapping[str, str], article_id: str) -> str:
    """The report whose words ``article_id`` carries: its original when it is a copy, else itself. Reports
    of one source are one voice, however many outlets print them."""
    return copies.get(article_id, article_id)

