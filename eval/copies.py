"""Wire copies against a hand gold of Timeline17 report pairs (``eval/copies_gold.jsonl``).

Protocol (version 1; the gold's first line names it; ``eval/README.md`` has it in words):

1. **Candidates**, drawn without crosswire's copy detection: every pair of non-empty Timeline17 reports
   of one topic published at most ``MAX_DAYS_APART`` days apart, of at least ``MIN_WORDS`` words each,
   stratified by the Jaccard similarity of their sets of content words (``_content``: lowercased letter
   words of 3+ letters; neither crosswire's shingles nor the baseline's TF-IDF): ``high`` >= 0.5,
   ``mid`` 0.3-0.5, ``low`` 0.15-0.3, ``far`` < 0.15, with ``STRATA`` pairs drawn from each (seeded with
   ``SAMPLE_SEED``; all of a stratum when it has fewer). Timeline17 names one outlet per folder, so
   nearly all similar pairs are one outlet's versions of a report; pairs of two outlets at 0.3 or more
   form their own stratum, ``cross``, all taken.
2. **Annotation**, by reading the two reports side by side (``--show`` prints each pair's openings and,
   sentence by sentence, which of the shorter report's sentences the longer one holds): ``copy`` when
   one report republishes the other: most of the shorter one's sentences are the other's, lightly
   edited at most (a changed headline, dateline or byline, a dropped or added paragraph, a reworded
   clause), whatever the outlet; not a copy when the reports were written apart, even about the same
   event with the same quotes and figures, or share page furniture only. A one-line ``why`` each.

Scoring: crosswire analyses the gold's reports (``run_crosswire``) and each topic's are one story
(``find_copies``, as a briefing runs it); a pair is *flagged* when both reports are in one copy group
(one is the other's original, or both copy one original). Precision and recall of flagged pairs
against ``copy`` labels. Baselines judge each pair alone: ``exact`` (equal texts once case and
whitespace are folded) and ``tfidf`` (cosine of TF-IDF word vectors, fitted on the gold's reports,
>= ``TFIDF_THRESHOLD``, fixed beforehand).

    python -m eval.copies --data ../shared/data            # score
    python -m eval.copies --data ../shared/data --draw     # write the unlabelled candidates
    python -m eval.copies --data ../shared/data --show     # print the gold pairs for reading
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from crosswire.fuse.copies import find_copies, words
from crosswire.fuse.groups import UnionFind
from crosswire.model import Article
from eval.common import CROSSWIRE, Result, result, run_crosswire, scorer_main
from eval.data import SAMPLE_SEED, TIMELINE17, ClusterDoc, load_timeline17, sample
from eval.metrics import prf

GOLD = Path(__file__).resolve().parent / "copies_gold.jsonl"
PROTOCOL = 1
MAX_DAYS_APART = 1
MIN_WORDS = 80
STRATA = {"high": (0.5, 1.01, 45), "mid": (0.3, 0.5, 35), "low": (0.15, 0.3, 25), "far": (0.0, 0.15, 15)}
CROSS_MIN = 0.3  # two outlets' pairs this similar are the ``cross`` stratum
TFIDF_THRESHOLD = 0.8

_LETTERS = re.compile(r"[a-z]{3,}")


def _content(text: str) -> frozenset[str]:
    return frozenset(_LETTERS.findall(text.lower()))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _outlet(doc: ClusterDoc) -> str:
    """The outlet a Timeline17 id names ("bpoil_reuters/2010-07-02/822" -> "reuters")."""
    return doc.id.split("/")[0].split("_", 1)[1]


def draw(docs: Sequence[ClusterDoc]) -> list[dict]:
    """The candidate pairs of protocol step 1, unlabelled."""
    by_topic: dict[str, list[ClusterDoc]] = defaultdict(list)
    for d in docs:
        if d.published and len(d.text.split()) >= MIN_WORDS:
            by_topic[d.gold["topic"]].append(d)
    strata: dict[str, list[tuple[ClusterDoc, ClusterDoc, float]]] = defaultdict(list)
    for topic in sorted(by_topic):
        reports = sorted(by_topic[topic], key=lambda d: (d.published, d.id))
        bags = {d.id: _content(d.text) for d in reports}
        for a, b in combinations(reports, 2):
            if abs((a.published - b.published).days) <= MAX_DAYS_APART:
                similarity = _jaccard(bags[a.id], bags[b.id])
                name = next(n for n, (lo, hi, _) in STRATA.items() if lo <= similarity < hi)
                if _outlet(a) != _outlet(b) and similarity >= CROSS_MIN:
                    name = "cross"
                strata[name].append((a, b, similarity))
    out = []
    for name, (_, _, n) in {**STRATA, "cross": (0, 0, len(strata["cross"]))}.items():
        for a, b, similarity in random.Random(f"{SAMPLE_SEED}-{name}").sample(strata[name], min(n, len(strata[name]))):
            out.append({"a": a.id, "b": b.id, "topic": a.gold["topic"], "stratum": name,
                        "similarity": round(similarity, 3), "pool": len(strata[name])})
    return out


def _gold(path: Path = GOLD) -> tuple[dict, list[dict]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], lines[1:]


def _flagged(pairs: Sequence[dict], docs: dict[str, ClusterDoc]) -> set[tuple[str, str]]:
    """The gold pairs crosswire puts in one copy group, each topic's reports briefed as one story."""
    ids = sorted({i for p in pairs for i in (p["a"], p["b"])}, key=lambda i: (docs[i].published, i))
    articles = [Article(i, docs[i].text, outlet=_outlet(docs[i]), published=docs[i].published)
                for i in ids]
    analyses = run_crosswire(articles)
    groups = UnionFind()
    by_topic: dict[str, list] = defaultdict(list)
    for article in articles:
        if article.id in analyses:
            by_topic[docs[article.id].gold["topic"]].append((article, analyses[article.id]))
    for items in by_topic.values():
        for copy, original in find_copies(items).items():
            groups.union(copy, original)
    return {(p["a"], p["b"]) for p in pairs if groups.find(p["a"]) == groups.find(p["b"])}


def _baselines(pairs: Sequence[dict], docs: dict[str, ClusterDoc]) -> dict[str, set[tuple[str, str]]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = sorted({i for p in pairs for i in (p["a"], p["b"])})
    matrix = TfidfVectorizer(tokenizer=words, lowercase=False, token_pattern=None).fit_transform(
        [docs[i].text for i in ids])
    row = {i: n for n, i in enumerate(ids)}
    folded = {i: " ".join(docs[i].text.casefold().split()) for i in ids}
    return {"exact": {(p["a"], p["b"]) for p in pairs if folded[p["a"]] == folded[p["b"]]},
            "tfidf": {(p["a"], p["b"]) for p in pairs
                      if (matrix[row[p["a"]]] @ matrix[row[p["b"]]].T).toarray()[0, 0] >= TFIDF_THRESHOLD}}


def score(data_dir: Path, limit: int | None = None) -> Result:
    started = time.perf_counter()
    about, pairs = _gold()
    pairs = sample(pairs, limit)
    docs = {d.id: d for d in load_timeline17(data_dir)}
    gold = {(p["a"], p["b"]) for p in pairs if p["copy"]}
    keys = [(p["a"], p["b"]) for p in pairs]
    systems = {}
    for name, flagged in {CROSSWIRE: _flagged(pairs, docs), **_baselines(pairs, docs)}.items():
        tp = sum(1 for k in keys if k in flagged and k in gold)
        systems[name] = prf(tp, len(flagged), len(gold))
    return result("copies", systems, ["precision", "recall", "f1"], n=len(pairs), limit=limit, data=[TIMELINE17],
                  settings={"protocol": about["protocol"], "tfidf_threshold": TFIDF_THRESHOLD},
                  details={"copies": len(gold), "by_stratum": {
                      s: [sum(1 for p in pairs if p["stratum"] == s), sum(1 for p in pairs if p["stratum"] == s and p["copy"])]
                      for s in (*STRATA, "cross")}},
                  seconds=time.perf_counter() - started)


def _show(data_dir: Path) -> None:
    """Each gold pair as it is read for labelling: its openings, and for each sentence of the shorter
    report whether the longer one holds it (``=``: a sentence with 80% of its words, case and
    tokenization folded; ``~``: half of them; ``.``: no sentence near it)."""
    docs = {d.id: d for d in load_timeline17(data_dir)}
    _, pairs = _gold()
    for p in pairs:
        a, b = sorted((docs[p["a"]], docs[p["b"]]), key=lambda d: len(d.text))
        held = [set(words(line)) for line in b.text.splitlines()]
        marks = ""
        for line in a.text.splitlines():
            own = set(words(line))
            if len(own) >= 6:
                best = max((len(own & other) / len(own) for other in held), default=0.0)
                marks += "=" if best >= 0.8 else "~" if best >= 0.5 else "."
        print(f"\n## {p['id']} {p['stratum']} {p['similarity']}  {a.id} ({len(a.text)})  {b.id} ({len(b.text)})")
        print(f"held {marks.count('=')}/{len(marks)} {marks}")
        print("A:", " ".join(a.text.split())[:260])
        print("B:", " ".join(b.text.split())[:260])


def _extra(p: argparse.ArgumentParser) -> None:
    p.add_argument("--draw", action="store_true", help="print the unlabelled candidate pairs (protocol step 1)")
    p.add_argument("--show", action="store_true", help="print the gold pairs as they are read for labelling")


def main(argv: Sequence[str] | None = None) -> Result | None:
    p = argparse.ArgumentParser(add_help=False)
    _extra(p)
    known, rest = p.parse_known_args(argv)
    if known.draw or known.show:
        data = Path(next((rest[i + 1] for i, a in enumerate(rest) if a == "--data"), ""))
        if known.draw:
            for n, pair in enumerate(draw(load_timeline17(data)), 1):
                print(json.dumps({"id": f"c{n:03d}", **pair}))
        else:
            _show(data)
        return None
    return scorer_main(score, "Wire copies: pair precision/recall against the hand gold", TIMELINE17, rest)


if __name__ == "__main__":
    main()
