"""Which similarity signals make good stories: TF-IDF, sentence embeddings, a mix, a time decay.

A measurement for issue #7, before the story index commits to embeddings. It works on raw texts
(no analysis), so it runs in minutes. Systems, each an average-linkage tree over cosine distance
of *all* articles of a data set at once:

- ``tfidf``: TF-IDF cosine (the scoreboard's peer);
- ``embed``: cosine of MiniLM embeddings of each article's lead (``crosswire.fuse.embed``);
- ``mix``: ``w * embed + (1 - w) * tfidf``;
- ``mix_names``: ``w * embed + v * names + (1 - w - v) * tfidf``, where ``names`` is the TF-IDF
  cosine of each article's name-like words (capitalised words not opening a line, and years): a
  raw-text stand-in for the canonical names analysis finds, which needs no model;
- ``mix_decay``: that mix times ``exp(-gap / tau)``, the gap between publication dates in days
  (only where every article has a date).

``absorb`` cuts ``mix_decay``'s tree (``mix_names``'s where there are no dates) at its chosen
threshold, then moves each article of a cluster smaller than ``m`` into the large cluster it is
most similar to on average, if that mean reaches ``floor``: outliers (pages of boilerplate, short
notes) join a storyline instead of each counting as one.

And ``online``: the similarity the last of those chose, but articles assigned one at a time (by
date, else in a seeded shuffle) to the story with the highest mean similarity to its members, or
a new story below the threshold: what an ingest can do without re-clustering. Its
``order_agreement`` is the mean pairwise B-cubed F1 between the stories of three seeded random
orders (1.0: order does not matter).

No figure is tuned on the articles it is reported on: the gold topics are split into two seeded
halves; the weights, ``tau`` and the threshold are chosen on one half's articles (best
B-cubed F1) and the figures are those of the other half, in both directions, then averaged.
Merging with the other half's articles still costs precision (``bcubed(items=...)``).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from crosswire.fuse.cluster import average_linkage
from eval import data as gold
from eval.common import Result, embeddings, result, scorer_main
from eval.metrics import bcubed
from eval.stories import tfidf_cosine

SYSTEMS = ("tfidf", "embed", "mix", "mix_names", "mix_decay", "absorb", "online")
# (m, floor) pairs tried by ``absorb``: clusters under m articles, mean similarity at least floor.
ABSORB = tuple((m, f) for m in (2, 3, 5, 10, 20) for f in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3))
# Similarity thresholds tried by ``online`` (the mean similarity an article needs to join a story).
JOIN_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.04, 0.81, 0.02))
ORDER_SEEDS = (1, 2, 3)
WEIGHTS = tuple(round(w, 1) for w in np.arange(0.1, 1.0, 0.1))
# (embed, names) weight pairs tried by ``mix_names``; TF-IDF takes the rest.
NAME_WEIGHTS = tuple((w, v) for w in (0.0, 0.2, 0.3, 0.4, 0.5) for v in (0.1, 0.2, 0.3, 0.4, 0.5) if w + v < 1)
DECAY_DAYS = (3, 7, 14, 30, 90, 365)
# Distance thresholds tried (cosine distance, 0.02 .. 1.2).
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.02, 1.21, 0.01))
DATASETS = (("ecbplus", gold.ECBPLUS, gold.load_ecbplus, ("subtopic", "topic")),
            ("timeline17", gold.TIMELINE17, gold.load_timeline17, ("topic",)))

# What one tree is built from: (system, embed weight, names weight[, decay days]).
Setting = tuple
_NAME_WORD = re.compile(r"(?<=\S)\s+([A-Z][\w'-]*[a-z][\w'-]*|[A-Z]{2,})|\b((?:1[89]|20)\d\d)\b")


def name_words(text: str) -> str:
    """Capitalised words that do not open a line (one sentence per line in both data sets),
    acronyms, and years; lowercased so "Obama" and "OBAMA" meet."""
    return " ".join(m.group(1) or m.group(2) for line in text.split("\n") for m in _NAME_WORD.finditer(line)).lower()


def halves(docs: Sequence[gold.ClusterDoc]) -> tuple[list[int], list[int]]:
    """Article indices of two halves of the gold topics (seeded; topics never straddle halves)."""
    topics = sorted({d.gold["topic"] for d in docs})
    random.Random(gold.SAMPLE_SEED).shuffle(topics)
    first = set(topics[: len(topics) // 2])
    a = [i for i, d in enumerate(docs) if d.gold["topic"] in first]
    return a, [i for i, d in enumerate(docs) if d.gold["topic"] not in first]


def gap_days(docs: Sequence[gold.ClusterDoc]) -> np.ndarray | None:
    """Days between each pair's publication dates, or None unless every article has a date."""
    if not docs or any(d.published is None for d in docs):
        return None
    days = np.array([d.published.toordinal() for d in docs], dtype=np.float32)
    return np.abs(days[:, None] - days[None, :])


def best_cut(tree: np.ndarray, truth: Sequence[str], items: Sequence[int]) -> tuple[float, np.ndarray]:
    """The threshold with the best B-cubed F1 over ``items``, and its labels."""
    from scipy.cluster.hierarchy import fcluster

    cuts = ((t, fcluster(tree, t, criterion="distance")) for t in THRESHOLDS)
    return max(cuts, key=lambda tl: bcubed(tl[1], truth, items)["f1"])


def figures(labels: np.ndarray, truth: Sequence[str], items: Sequence[int]) -> dict[str, float]:
    b = bcubed(labels, truth, items)
    return {"bcubed_f1": b["f1"], "bcubed_p": b["precision"], "bcubed_r": b["recall"],
            "cluster_ratio": len({labels[i] for i in items}) / len({truth[i] for i in items})}


def choose(trees: Callable[[Setting], np.ndarray], settings: Sequence[Setting], truth: Sequence[str],
           tune: Sequence[int], report: Sequence[int]) -> tuple[Setting, float, dict[str, float]]:
    """The setting and threshold best on ``tune``, with its figures on ``report``."""
    scored = [(s, *best_cut(trees(s), truth, tune)) for s in settings]
    setting, threshold, labels = max(scored, key=lambda x: bcubed(x[2], truth, tune)["f1"])
    return setting, threshold, figures(labels, truth, report)


def online_labels(similarity: np.ndarray, order: Sequence[int], threshold: float) -> np.ndarray:
    """Single-pass group-average assignment in ``order``: each article joins the story whose
    members it is most similar to on average, if that mean reaches ``threshold``."""
    labels = np.full(len(order), -1, dtype=np.int64)
    seen: list[int] = []
    stories = 0
    for i in order:
        if seen:
            members = labels[seen]
            mean = np.bincount(members, weights=similarity[i, seen], minlength=stories) / np.bincount(members)
            best = int(np.argmax(mean))
            if mean[best] >= threshold:
                labels[i] = best
        if labels[i] < 0:
            labels[i], stories = stories, stories + 1
        seen.append(i)
    return labels


def arrival_order(docs: Sequence[gold.ClusterDoc], seed: int | None = None) -> list[int]:
    """By publication date where every article has one (ties by id), else a seeded shuffle;
    ``seed`` always shuffles."""
    order = list(range(len(docs)))
    if seed is None and all(d.published for d in docs):
        return sorted(order, key=lambda i: (docs[i].published, docs[i].id))
    random.Random(gold.SAMPLE_SEED if seed is None else seed).shuffle(order)
    return order


def absorbed(labels: np.ndarray, similarity: np.ndarray, min_size: int, floor: float) -> np.ndarray:
    """``labels`` with each article of a cluster under ``min_size`` moved to the cluster of at
    least that size it is most similar to on average, where that mean reaches ``floor``."""
    ids, inverse, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    large = np.flatnonzero(sizes >= min_size)
    small = np.flatnonzero(sizes[inverse] < min_size)
    if not len(large) or not len(small):
        return labels
    members = (inverse[:, None] == large[None, :]).astype(np.float32)
    mean = (similarity[small] @ members) / sizes[large]
    best = mean.argmax(axis=1)
    moved = mean[np.arange(len(small)), best] >= floor
    out = labels.copy()
    out[small[moved]] = ids[large[best[moved]]]
    return out


def absorb_fold(setting: Setting, threshold: float, tree: np.ndarray, similarity: np.ndarray,
                truth: Sequence[str], tune: Sequence[int], report: Sequence[int]) -> dict:
    """``absorb`` on one fold: (m, floor) tuned on ``tune`` over the cut at ``threshold``."""
    from scipy.cluster.hierarchy import fcluster

    cut = fcluster(tree, threshold, criterion="distance")
    (m, floor), labels = max((((m, f), absorbed(cut, similarity, m, f)) for m, f in ABSORB),
                             key=lambda pl: bcubed(pl[1], truth, tune)["f1"])
    return {"setting": [*setting, m, floor], "threshold": threshold, **figures(labels, truth, report)}


def online_fold(setting: Setting, similarity: Callable[[Setting], np.ndarray], order: Sequence[int],
                truth: Sequence[str], tune: Sequence[int], report: Sequence[int]) -> dict:
    """``online`` on one fold: ``setting``'s similarity, the join threshold tuned on ``tune``."""
    sim = similarity(setting)
    threshold, labels = max(((t, online_labels(sim, order, t)) for t in JOIN_THRESHOLDS),
                            key=lambda tl: bcubed(tl[1], truth, tune)["f1"])
    return {"setting": list(setting), "threshold": threshold, **figures(labels, truth, report)}


def score(data_dir: Path, limit: int | None = None, max_tokens: int = 256, cache: Path | None = None) -> Result:
    """Every system on every data set and gold level; ``limit`` samples each data set."""
    t0 = time.perf_counter()
    systems: dict[str, dict[str, float]] = {s: {} for s in SYSTEMS}
    details: dict[str, dict] = {}
    n = 0
    for name, _, loader, levels in DATASETS:
        docs = gold.sample(loader(data_dir), limit)
        n += len(docs)
        texts = [d.text for d in docs]
        vectors, cost = embeddings(name, texts, max_tokens, cache)
        t = time.perf_counter()
        lexical = tfidf_cosine(texts).astype(np.float32)
        cost["tfidf_s"] = time.perf_counter() - t
        names = tfidf_cosine([name_words(t) or "-" for t in texts], stop_words=None).astype(np.float32)
        dense = vectors @ vectors.T
        gaps = gap_days(docs)
        built: dict[Setting, np.ndarray] = {}

        def similarity(setting: Setting) -> np.ndarray:
            _, w, v, *decay = setting
            sim = w * dense + v * names + (1 - w - v) * lexical
            return sim * np.exp(-gaps / decay[0]) if decay else sim

        def tree(setting: Setting) -> np.ndarray:
            if setting not in built:
                built[setting] = average_linkage(similarity(setting).astype(np.float64))
            return built[setting]

        a, b = halves(docs)
        for level in levels:
            truth = [d.gold[level] for d in docs]
            key = f"{name}_{level}"
            details[key] = {}
            for system in SYSTEMS:
                if system == "mix_decay" and gaps is None:
                    continue
                folds = []
                for fold, (tune, report) in enumerate(((a, b), (b, a))):
                    if system in ("absorb", "online"):  # built on the last batch system's choice on this fold
                        last = details[key]["mix_decay" if gaps is not None else "mix_names"][fold]
                        chosen = tuple(last["setting"])
                        folds.append(
                            absorb_fold(chosen, last["threshold"], tree(chosen), similarity(chosen), truth, tune, report)
                            if system == "absorb" else
                            online_fold(chosen, similarity, arrival_order(docs), truth, tune, report))
                        continue
                    if system == "mix_decay":  # mix_names's own weights on this fold, or no decay
                        _, w, v = details[key]["mix_names"][fold]["setting"]
                        candidates: list[Setting] = [("mix_decay", w, v, tau) for tau in DECAY_DAYS] + [("mix_names", w, v)]
                    else:
                        candidates = {"tfidf": [("tfidf", 0.0, 0.0)], "embed": [("embed", 1.0, 0.0)],
                                      "mix": [("mix", w, 0.0) for w in WEIGHTS],
                                      "mix_names": [("mix_names", w, v) for w, v in NAME_WEIGHTS]}[system]
                    setting, threshold, figs = choose(tree, candidates, truth, tune, report)
                    folds.append({"setting": list(setting), "threshold": threshold, **figs})
                details[key][system] = folds
                for metric in ("bcubed_f1", "bcubed_p", "bcubed_r", "cluster_ratio"):
                    systems[system][f"{key}_{metric}"] = float(np.mean([f[metric] for f in folds]))
            first = details[key]["online"][0]  # order agreement at the first fold's choice
            sim = similarity(tuple(first["setting"]))
            runs = [online_labels(sim, arrival_order(docs, seed), first["threshold"]) for seed in ORDER_SEEDS]
            systems["online"][f"{key}_order_agreement"] = float(np.mean(
                [bcubed(x, y)["f1"] for k, x in enumerate(runs) for y in runs[k + 1:]]))
        systems["embed"].update({f"{name}_{k}": v for k, v in cost.items() if k != "tfidf_s"})
        systems["tfidf"][f"{name}_tfidf_s"] = cost["tfidf_s"]
    headline = [f"{name}_{level}_{m}" for name, _, _, levels in DATASETS for level in levels
                for m in ("bcubed_f1", "cluster_ratio")]
    return result("story_signals", systems, headline, n=n, limit=limit, data=[p for _, p, _, _ in DATASETS],
                  settings={"max_tokens": max_tokens, "weights": WEIGHTS, "name_weights": NAME_WEIGHTS,
                            "decay_days": DECAY_DAYS, "absorb": ABSORB,
                            "thresholds": [THRESHOLDS[0], THRESHOLDS[-1]], "halves_seed": gold.SAMPLE_SEED},
                  details=details, seconds=time.perf_counter() - t0)


def _extra(p) -> None:
    p.add_argument("--max-tokens", type=int, default=256, help="word pieces of each lead embedded (model limit 512)")
    p.add_argument("--cache", type=Path, default=None, help="folder keeping embeddings between runs")


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Story similarity signals against ECB+ and Timeline17 (issue #7).",
                       gold.ECBPLUS, argv, _extra)


if __name__ == "__main__":
    main()
