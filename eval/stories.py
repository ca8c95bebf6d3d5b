"""Story clustering: crosswire's online ``StoryIndex`` and batch engine against gold topics and subtopics.

Figures per data set and gold level: B-cubed precision/recall/F1, adjusted Rand index, and the
number of clusters found against the gold number (``cluster_ratio``: 1.0 is right, above
splits, below merges).

Peer: TF-IDF vectors (scikit-learn) clustered by average-linkage agglomerative clustering on
cosine distance, with the distance threshold chosen *on the gold itself* (the best B-cubed F1
over a grid), so it is an upper bound for that method rather than a fair competitor; crosswire's
threshold is fixed in advance.

ECB+ has no dates and is stored topic by topic, which would make online clustering trivially
easy; it is streamed in a seeded random order. Timeline17 is streamed by publication date.

``crosswire_ingest``: the real ingest path (``crosswire.jobs.ingest_articles`` into a SQLite store,
cased reports first, one recluster pass at the end, as ``crosswire ingest`` of the whole stream
does); each article's story (event) and storyline are read back from the store. Its events are
scored against ECB+ subtopics, its storylines against topics. With ``--cache`` the store is kept
(``stories-<data set>-<digest>.db``), so a later run analyses nothing again; delete it after
changing crosswire.

``crosswire_batch``: the batch engine (``crosswire.fuse.cluster``, its shipped parameters) called
directly on the same articles, from what ingest stored (names, dates, lead embeddings): the
figure ``eval/cluster_params.py`` tunes (its two-halves run gives the held-out figures).

``cluster_ratio_on_topic`` (Timeline17 topics): clusters counted only where they hold a page not judged
off its topic (``eval/timeline17_offtopic.jsonl``: pages a topic's crawl holds that are about something
else, sports results among the Syrian uprising's, radio listings among Michael Jackson's, judged by
hand), over the gold topics. A storyline of off-topic pages is right to stand apart, and the plain
``cluster_ratio`` counts it against the system all the same; both are reported.

``order_stability`` (Timeline17): the sample ingested in three seeded random orders, batches of
``ORDER_BATCH``: each article placed by the online index, then, for the batch engine, one recluster
pass as ``jobs.recluster`` makes it: the storylines holding the batch's articles and their nearest
neighbours by lead embedding (``fuse.neighbours``), within the time window, with the IDF of every
article ingested so far; the mean pairwise B-cubed F1 of the final clusterings (1.0: order does not
matter), per level.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from crosswire.fuse import cluster as batch
from crosswire.fuse.cluster import average_linkage
from crosswire.fuse.stories import StoryIndex, terms_of
from crosswire.model import Article
from eval import data as gold
from eval.common import CROSSWIRE, ROOT, Result, ingested, result, scorer_main
from eval.metrics import adjusted_rand, bcubed

PEER = "tfidf_agglo_oracle"
INGEST = "crosswire_ingest"
BATCH = "crosswire_batch"
# The batch engine's level scored against each gold level.
BATCH_LEVEL = {"subtopic": "event", "topic": "storyline"}
ORDER_SEEDS = (1, 2, 3)
# Timeline17 articles streamed in those orders (a seeded sample of the scored ones).
ORDER_SAMPLE = 1000
# Articles per ingest batch in the order-stability stream (one recluster pass after each).
ORDER_BATCH = 250
# Distance thresholds tried for the peer: cosine distance 0.05 .. 0.99 in steps of 0.02.
PEER_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 1.0, 0.02))
# Timeline17's 4,650 long articles would take about 20 minutes to analyse on 2 cores; without
# --limit a seeded sample of this many is scored (ECB+ is scored whole).
DEFAULT_SAMPLE = {"timeline17": 1000}
# Timeline17 pages judged by hand: about their topic or not (see ``off_topic``).
OFF_TOPIC = ROOT / "eval" / "timeline17_offtopic.jsonl"
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


def _names(analyses: dict, doc_id: str) -> tuple[str, ...]:
    return tuple(m.text for m in analyses[doc_id].mentions) if doc_id in analyses else ()


def crosswire_labels(docs: Sequence[gold.ClusterDoc], analyses: dict, vectors: dict[str, np.ndarray],
                     threshold: float | None = None) -> list[str]:
    """Story ids from crosswire's online ``StoryIndex`` fed as ``crosswire ingest`` feeds it: the
    article text, the names its analysis found (``analyses``) and its lead embedding (``vectors``)."""
    index = StoryIndex(threshold=threshold)
    return [index.add(d.id, d.text, names=_names(analyses, d.id), published=d.published, lead=vectors.get(d.id))
            for d in docs]


def batch_features(docs: Sequence[gold.ClusterDoc], analyses: dict,
                   vectors: dict[str, np.ndarray]) -> list[batch.ArticleFeatures]:
    return [batch.ArticleFeatures(d.id, d.text, names=_names(analyses, d.id), published=d.published,
                                  embedding=vectors.get(d.id)) for d in docs]


def streamed(features: Sequence[batch.ArticleFeatures], seed: int, recluster: bool) -> list[dict[str, str]]:
    """Final (event, storyline) labels after ingesting ``features`` in a seeded random order:
    online placement only, or online then a recluster pass after each batch of ``ORDER_BATCH`` as
    ``jobs.recluster`` makes it (the storylines near the batch, the IDF of all seen so far). The
    online index here is not regrouped by the passes, as a store's is: a new article's own storyline
    is its online story's until a pass places it."""
    order = list(features)
    random.Random(seed).shuffle(order)
    index = StoryIndex()
    events: dict[str, str] = {}
    storylines: dict[str, str] = {}
    df: Counter[str] = Counter()
    near = _Neighbours(order)
    for start in range(0, len(order), ORDER_BATCH):
        new = order[start:start + ORDER_BATCH]
        for f in new:
            storylines[f.id] = index.add(f.id, f.text, names=f.names, published=f.published, lead=f.embedding)
            df.update(set(terms_of(f"{f.title}\n{f.text}" if f.title else f.text, f.names)))
        if recluster:
            seen = order[:start + ORDER_BATCH]
            chosen = batch.focus(storylines, near.around(new))
            stats = batch.TermStats(lambda terms: {t: df[t] for t in terms if t in df}, len(seen))
            ev, st, _, _ = batch.recluster([f for f in seen if f.id in chosen], events, storylines,
                                           {f.id for f in new}, days=None, stats=stats)
            events.update(ev)
            storylines.update(st)
    return [events or storylines, storylines]


class _Neighbours:
    """The neighbour index a store keeps (``fuse.neighbours``), over the articles streamed so far."""

    def __init__(self, order: Sequence[batch.ArticleFeatures]):
        from crosswire.fuse.neighbours import NEIGHBOURS, NeighbourIndex

        self.k = NEIGHBOURS + 1
        self.index = NeighbourIndex() if any(f.embedding is not None for f in order) else None
        self.ids = [f.id for f in order]
        self.key = {f.id: k for k, f in enumerate(order)}

    def around(self, new: Sequence[batch.ArticleFeatures]) -> set[str]:
        """``new`` and, with embeddings, each one's nearest neighbours among the articles so far."""
        if self.index is None:
            return {f.id for f in new} | set(self.ids)  # without embeddings every storyline is near
        self.index.add({self.key[f.id]: f.embedding for f in new if f.embedding is not None})
        vectors = [f.embedding for f in new if f.embedding is not None]
        found = self.index.search(np.stack(vectors), self.k) if vectors else []
        return {f.id for f in new} | {self.ids[k] for row in found for k in row}


def order_stability(features: Sequence[batch.ArticleFeatures], recluster: bool) -> dict[str, float]:
    """Mean pairwise B-cubed F1 between the clusterings of ``ORDER_SEEDS`` arrival orders."""
    ids = sorted(f.id for f in features)
    runs = [streamed(features, seed, recluster) for seed in ORDER_SEEDS]
    out = {}
    for k, level in enumerate(("event", "storyline")):
        labels = [[run[k][a] for a in ids] for run in runs]
        out[f"order_stability_{level}_f1"] = float(np.mean(
            [bcubed(x, y)["f1"] for i, x in enumerate(labels) for y in labels[i + 1:]]))
    return out


def tfidf_cosine(texts: Sequence[str], stop_words: str | None = "english") -> np.ndarray:
    """Pairwise cosine similarities of TF-IDF vectors fitted on ``texts`` themselves."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words=stop_words, sublinear_tf=True).fit_transform(texts)
    return (x @ x.T).toarray()


def _linkage(texts: Sequence[str]) -> np.ndarray:
    """The peer's tree: average linkage over TF-IDF cosine distances."""
    return average_linkage(tfidf_cosine(texts))


def off_topic(path: Path = OFF_TOPIC) -> set[str]:
    """Ids of the pages judged not about their gold topic. Drawn on 2026-12-07: every page of the
    storylines of at most 30 reports that ingest made of all Timeline17 (71), and 60 seeded pages of the
    larger ones as controls, shuffled together; two annotators apart, shown each page's first 1,500
    characters and its topic in words, not its storyline; they agreed on all 131 (73 off topic)."""
    return {row["id"] for row in gold._jsonl(path) if not row["about"]}


def _cluster_figures(pred: Sequence, truth: Sequence, off: Sequence[bool] | None = None) -> dict[str, float]:
    """B-cubed, ARI and cluster counts; with ``off`` (per item: judged off its topic), also the clusters
    holding any item not judged so, over the gold clusters (``cluster_ratio_on_topic``)."""
    b = bcubed(pred, truth)
    out = {"bcubed_p": b["precision"], "bcubed_r": b["recall"], "bcubed_f1": b["f1"],
           "ari": adjusted_rand(pred, truth), "clusters": len(set(pred)), "gold_clusters": len(set(truth)),
           "cluster_ratio": len(set(pred)) / len(set(truth)) if truth else 0.0}
    if off is not None:
        on_topic = {p for p, o in zip(pred, off) if not o}
        out["clusters_on_topic"] = len(on_topic)
        out["cluster_ratio_on_topic"] = len(on_topic) / len(set(truth)) if truth else 0.0
    return out


def peer_figures(tree: np.ndarray, n: int, truth: Sequence[str], off: Sequence[bool] | None = None
                 ) -> tuple[dict[str, float], float]:
    """The peer's figures at its best threshold for this gold level, and that threshold."""
    from scipy.cluster.hierarchy import fcluster

    if n < 2:
        return _cluster_figures(["0"] * n, truth, off), 0.0
    best_t, best = max(((t, fcluster(tree, t, criterion="distance").tolist()) for t in PEER_THRESHOLDS),
                       key=lambda tl: bcubed(tl[1], truth)["f1"])
    return _cluster_figures(list(best), truth, off), best_t


def _store_path(name: str, docs: Sequence[gold.ClusterDoc], cache: Path | None) -> Path | None:
    """Where the ingested store of ``docs`` (in this order) is kept between runs, if anywhere."""
    if cache is None:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256("\0".join(d.id for d in docs).encode()).hexdigest()[:12]
    return cache / f"stories-{name}-{len(docs)}-{digest}.db"


def ingest_path(name: str, docs: Sequence[gold.ClusterDoc], cache: Path | None
                ) -> tuple[dict, dict[str, np.ndarray], dict[str, str], dict[str, str]]:
    """``docs`` through ``crosswire ingest`` (``eval.common.ingested``): each doc's analysis, lead
    embedding, story (event) and storyline, read back from the store (a doc whose text another doc
    already brought is where that one is)."""
    articles = [Article(d.id, d.text, published=d.published) for d in docs]
    store = ingested(articles, workers=WORKERS, path=_store_path(name, docs, cache))
    stored = store.known_contents(a.content_hash for a in articles)
    as_stored = {a.id: stored[a.content_hash] for a in articles if a.content_hash in stored}
    storyline_of = {row.id: row.storyline for row in store.story_rows()}
    event_of = {aid: store.story_ids([sid])[0] for aid, sid in as_stored.items()}
    vectors = store.embeddings(sorted(set(as_stored.values())))
    analyses = {aid: store.analysis(sid) for aid, sid in as_stored.items()}
    store.close()
    return (analyses, {aid: vectors[sid] for aid, sid in as_stored.items() if sid in vectors}, event_of,
            {aid: storyline_of[event] for aid, event in event_of.items()})


def score(data_dir: Path, limit: int | None = None, threshold: float | None = None,
          sweep: Sequence[float] = (), cache: Path | None = None, full: bool = False) -> Result:
    """Cluster each data set with crosswire (online, ingest path, batch engine) and the peer;
    ``limit`` samples documents per data set (``full``: every Timeline17 article, not a sample)."""
    t0 = time.perf_counter()
    systems: dict[str, dict[str, float]] = {INGEST: {}, BATCH: {}, CROSSWIRE: {}, PEER: {}}
    details: dict[str, dict] = {}
    n = 0
    for name, path, levels in DATASETS:
        loader = gold.load_ecbplus if name == "ecbplus" else gold.load_timeline17
        everything = loader(data_dir)
        docs = stream_order(name, gold.sample(everything, limit or (None if full else DEFAULT_SAMPLE.get(name))))
        n += len(docs)
        analyses, vectors, events, storylines = ingest_path(name, docs, cache)
        labels = crosswire_labels(docs, analyses, vectors, threshold)
        features = batch_features(docs, analyses, vectors)
        levels_found = dict(zip(("event", "storyline"), batch.cluster(features)))
        ingest_found = {"event": events, "storyline": storylines}
        tree = _linkage([d.text for d in docs]) if len(docs) >= 2 else np.empty((0, 4))
        judged = off_topic() if name == "timeline17" else set()
        for level in levels:
            truth = [d.gold[level] for d in docs]
            off = [d.id in judged for d in docs] if judged else None
            for system, found in ((CROSSWIRE, dict(zip((d.id for d in docs), labels))),
                                  (INGEST, ingest_found[BATCH_LEVEL[level]]),
                                  (BATCH, levels_found[BATCH_LEVEL[level]])):
                for metric, value in _cluster_figures([found.get(d.id, d.id) for d in docs], truth, off).items():
                    systems[system][f"{name}_{level}_{metric}"] = value
            figures, best_t = peer_figures(tree, len(docs), truth, off)
            for metric, value in figures.items():
                systems[PEER][f"{name}_{level}_{metric}"] = value
            details[f"{name}_{level}"] = {"peer_threshold": best_t}
            if sweep:
                details[f"{name}_{level}"]["crosswire_sweep"] = {
                    str(t): bcubed(crosswire_labels(docs, analyses, vectors, t), truth)["f1"] for t in sweep}
        if name == "timeline17":
            ordered = {f.id: f for f in features}
            sample = [ordered[d.id] for d in gold.sample(docs, ORDER_SAMPLE)]
            for system, recluster in ((CROSSWIRE, False), (BATCH, True)):
                systems[system].update({f"{name}_{k}": v for k, v in order_stability(sample, recluster).items()})
    headline = [f"{name}_{level}_{m}" for name, _, levels in DATASETS for level in levels
                for m in ("bcubed_f1", "ari", "cluster_ratio")]
    headline += ["timeline17_topic_cluster_ratio_on_topic"]
    headline += [f"timeline17_order_stability_{level}_f1" for level in ("event", "storyline")]
    return result("stories", systems, headline, n=n, limit=limit, data=[p for _, p, _ in DATASETS],
                  settings={"threshold": threshold, "peer_thresholds": [PEER_THRESHOLDS[0], PEER_THRESHOLDS[-1]],
                            "ecbplus_order": f"shuffle(seed={gold.SAMPLE_SEED})",
                            "timeline17_sample": "all" if full else limit or DEFAULT_SAMPLE["timeline17"],
                            "timeline17_order": "published", "batch_params": asdict(batch.Params()),
                            "batch_embeddings": any(f.embedding is not None for f in features),
                            "order_seeds": ORDER_SEEDS, "order_batch": ORDER_BATCH, "order_sample": ORDER_SAMPLE},
                  details=details, seconds=time.perf_counter() - t0)


def _extra(p) -> None:
    p.add_argument("--threshold", type=float, default=None, help="StoryIndex threshold (default: crosswire's)")
    p.add_argument("--sweep", type=float, nargs="*", default=(),
                   help="also report crosswire's B-cubed F1 at each of these thresholds")
    p.add_argument("--cache", type=Path, default=None, help="folder keeping the ingested stores between runs "
                   "(delete them after changing crosswire)")
    p.add_argument("--full", action="store_true", help="every Timeline17 article (4,650), not a sample of "
                   f"{DEFAULT_SAMPLE['timeline17']}: about 15-40 minutes of analysis on two cores, once with --cache")


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Story clustering against ECB+ and Timeline17.", gold.ECBPLUS, argv, _extra)


if __name__ == "__main__":
    main()
