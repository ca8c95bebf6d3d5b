"""Story clustering: crosswire's online ``StoryIndex`` against gold topics and subtopics.

Figures per data set and gold level: B-cubed precision/recall/F1, adjusted Rand index, and the
number of clusters found against the gold number (``cluster_ratio``: 1.0 is right, above
splits, below merges).

Peer: TF-IDF vectors (scikit-learn) clustered by average-linkage agglomerative clustering on
cosine distance, with the distance threshold chosen *on the gold itself* (the best B-cubed F1
over a grid), so it is an upper bound for that method rather than a fair competitor; crosswire's
threshold is fixed in advance.

ECB+ has no dates and is stored topic by topic, which would make online clustering trivially
easy; it is streamed in a seeded random order. Timeline17 is streamed by publication date.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eval import data as gold
from crosswire.model import Article
from eval.common import CROSSWIRE, Result, result, run_crosswire, scorer_main
from eval.metrics import adjusted_rand, bcubed

PEER = "tfidf_agglo_oracle"
# Distance thresholds tried for the peer: cosine distance 0.05 .. 0.99 in steps of 0.02.
PEER_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 1.0, 0.02))
# Timeline17's 4,650 long articles would take about 20 minutes to analyse on 2 cores; without
# --limit a seeded sample of this many is scored (ECB+ is scored whole).
DEFAULT_SAMPLE = {"timeline17": 1000}
# Processes analysing articles (names feed the story vectors, as in ``crosswire ingest``).
WORKERS = 2
DATASETS = (("ecbplus", gold.ECBPLUS, ("subtopic", "topic")), ("timeline17", gold.TIMELINE17, ("topic",)))


def stream_order(name: str, docs: Sequence[gold.ClusterDoc]) -> list[gold.ClusterDoc]:
    """The order articles arrive in: by date where dates exist, else a seeded shuffle."""
    if name == "ecbplus":
        out = list(docs)
        random.Random(gold.SAMPLE_SEED).shuffle(out)
        return out
    return sorted(docs, key=lambda d: (d.published.isoformat() if d.published else "", d.id))


def crosswire_labels(docs: Sequence[gold.ClusterDoc], analyses: dict, threshold: float | None = None) -> list[str]:
    """Story ids from crosswire's online ``StoryIndex`` fed as ``crosswire ingest`` feeds it: the
    article text and the names its analysis found (``analyses``, from ``run_crosswire``)."""
    from crosswire.fuse.stories import StoryIndex

    index = StoryIndex(threshold=threshold)
    return [index.add(d.id, d.text, names=[m.text for m in analyses[d.id].mentions] if d.id in analyses else ())
            for d in docs]


def tfidf_cosine(texts: Sequence[str], stop_words: str | None = "english") -> np.ndarray:
    """Pairwise cosine similarities of TF-IDF vectors fitted on ``texts`` themselves."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words=stop_words, sublinear_tf=True).fit_transform(texts)
    return (x @ x.T).toarray()


def average_linkage(similarity: np.ndarray) -> np.ndarray:
    """Average-linkage tree over cosine distances (SciPy's, the algorithm scikit-learn's
    AgglomerativeClustering runs; built once so a threshold sweep is cheap)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - similarity
    np.clip(dist, 0.0, 2.0, out=dist)
    np.fill_diagonal(dist, 0.0)
    return linkage(squareform(dist, checks=False), method="average")


def _linkage(texts: Sequence[str]) -> np.ndarray:
    """The peer's tree: average linkage over TF-IDF cosine distances."""
    return average_linkage(tfidf_cosine(texts))


def _cluster_figures(pred: Sequence, truth: Sequence) -> dict[str, float]:
    b = bcubed(pred, truth)
    return {"bcubed_p": b["precision"], "bcubed_r": b["recall"], "bcubed_f1": b["f1"],
            "ari": adjusted_rand(pred, truth), "clusters": len(set(pred)), "gold_clusters": len(set(truth)),
            "cluster_ratio": len(set(pred)) / len(set(truth)) if truth else 0.0}


def peer_figures(tree: np.ndarray, n: int, truth: Sequence[str]) -> tuple[dict[str, float], float]:
    """The peer's figures at its best threshold for this gold level, and that threshold."""
    from scipy.cluster.hierarchy import fcluster

    if n < 2:
        return _cluster_figures(["0"] * n, truth), 0.0
    best_t, best = max(((t, fcluster(tree, t, criterion="distance").tolist()) for t in PEER_THRESHOLDS),
                       key=lambda tl: bcubed(tl[1], truth)["f1"])
    return _cluster_figures(list(best), truth), best_t


def score(data_dir: Path, limit: int | None = None, threshold: float | None = None,
          sweep: Sequence[float] = ()) -> Result:
    """Cluster each data set with crosswire and the peer; ``limit`` samples documents per data set."""
    t0 = time.perf_counter()
    systems: dict[str, dict[str, float]] = {CROSSWIRE: {}, PEER: {}}
    details: dict[str, dict] = {}
    n = 0
    for name, path, levels in DATASETS:
        loader = gold.load_ecbplus if name == "ecbplus" else gold.load_timeline17
        docs = stream_order(name, gold.sample(loader(data_dir), limit or DEFAULT_SAMPLE.get(name)))
        n += len(docs)
        analyses = run_crosswire([Article(d.id, d.text, published=d.published) for d in docs], workers=WORKERS)
        labels = crosswire_labels(docs, analyses, threshold)
        tree = _linkage([d.text for d in docs]) if len(docs) >= 2 else np.empty((0, 4))
        for level in levels:
            truth = [d.gold[level] for d in docs]
            for metric, value in _cluster_figures(labels, truth).items():
                systems[CROSSWIRE][f"{name}_{level}_{metric}"] = value
            figures, best_t = peer_figures(tree, len(docs), truth)
            for metric, value in figures.items():
                systems[PEER][f"{name}_{level}_{metric}"] = value
            details[f"{name}_{level}"] = {"peer_threshold": best_t}
            if sweep:
                details[f"{name}_{level}"]["crosswire_sweep"] = {
                    str(t): bcubed(crosswire_labels(docs, analyses, t), truth)["f1"] for t in sweep}
    headline = [f"{name}_{level}_{m}" for name, _, levels in DATASETS for level in levels
                for m in ("bcubed_f1", "ari", "cluster_ratio")]
    return result("stories", systems, headline, n=n, limit=limit, data=[p for _, p, _ in DATASETS],
                  settings={"threshold": threshold, "peer_thresholds": [PEER_THRESHOLDS[0], PEER_THRESHOLDS[-1]],
                            "ecbplus_order": f"shuffle(seed={gold.SAMPLE_SEED})",
                            "timeline17_sample": limit or DEFAULT_SAMPLE["timeline17"],
                            "timeline17_order": "published"},
                  details=details, seconds=time.perf_counter() - t0)


def _extra(p) -> None:
    p.add_argument("--threshold", type=float, default=None, help="StoryIndex threshold (default: crosswire's)")
    p.add_argument("--sweep", type=float, nargs="*", default=(),
                   help="also report crosswire's B-cubed F1 at each of these thresholds")


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Story clustering against ECB+ and Timeline17.", gold.ECBPLUS, argv, _extra)


if __name__ == "__main__":
    main()
