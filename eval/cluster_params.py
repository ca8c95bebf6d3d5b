"""Choose the batch clustering's parameters (``crosswire.fuse.cluster``) on the development data.

    python -m eval.cluster_params --data DATA --cache DIR

Raw texts, as ``eval/story_signals.py`` measures them: names are ``story_signals.name_words``
(capitalised words, acronyms, years), a stand-in for the mentions analysis finds, so no spaCy
run is needed; embeddings are MiniLM leads (cached). Choices are staged:

1. event level, on ECB+ subtopics: the signal weights and the event cut;
2. storyline level, on ECB+ topics and Timeline17 topics together (mean B-cubed F1), given the
   event level: the storyline decay ``tau``, the storyline cut, then absorption.

``held_out``: each choice made on one seeded half of the gold topics (``story_signals.halves``)
and scored on the other, both directions averaged; the figures to quote. ``shipped``: the same
choices on all the data, the constants in ``fuse/cluster.py`` (in-sample figures, not to quote).
The TF-IDF-only tree (no names, no embedding, no decay) goes through the same scheme as a peer.

    python -m eval.cluster_params --data DATA --cache DIR --split-grid

prints the storyline split's grid instead (``cluster.split_storylines``: its signature cut and minimum
size), the figures its constants were chosen from.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from crosswire.fuse import cluster as cl
from crosswire.fuse.embed import MAX_TOKENS
from eval import data as gold
from eval.common import embeddings
from eval.metrics import bcubed
from eval.story_signals import DECAY_DAYS, NAME_WEIGHTS, THRESHOLDS, figures, halves, name_words

# Absorption tried, (m, floor): clusters under m articles, mean similarity at least floor; none first.
ABSORB = ((1, 0.0), *((m, f) for m in (2, 3, 5, 10, 20, 30, 50) for f in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)))
# At the event level a floor above 0: dates are decayed there, and a floor of 0 would pull an
# article into an event weeks away.
EVENT_ABSORB = tuple((m, f) for m, f in ABSORB if f > 0 or m == 1)
# Storyline decay factors tried for a pair missing a date.
UNDATED = (1.0, 0.7, 0.5, 0.35, 0.25, 0.15, 0.1)
# Storyline (embed, names) weights tried: a few, as each costs a tree per decay on Timeline17.
STORYLINE_WEIGHTS = ((0.0, 0.0), (0.2, 0.0), (0.4, 0.0), (0.2, 0.1), (0.2, 0.3), (0.4, 0.2))
# Storyline cuts tried: the loose end of story_signals' grid.
STORYLINE_THRESHOLDS = tuple(t for t in THRESHOLDS if t >= 0.5)


@dataclass(frozen=True)
class DevSet:
    """One data set's signals (articles in id order) with gold labels and topic halves aligned."""

    name: str
    signals: cl.Signals
    truth: dict[str, list[str]]
    halves: tuple[list[int], list[int]]


def features(docs: Sequence[gold.ClusterDoc], vectors: np.ndarray | None) -> list[cl.ArticleFeatures]:
    """Clustering features of gold documents, names from the raw-text stand-in."""
    return [cl.ArticleFeatures(d.id, d.text, names=tuple(name_words(d.text).split()), published=d.published,
                               embedding=None if vectors is None else vectors[i]) for i, d in enumerate(docs)]


def dev_set(name: str, docs: Sequence[gold.ClusterDoc], cache: Path | None) -> DevSet:
    vectors, _ = embeddings(name, [d.text for d in docs], MAX_TOKENS, cache)
    s = cl.signals(features(docs, vectors))
    where = {aid: k for k, aid in enumerate(s.ids)}
    by_id = {d.id: d for d in docs}
    a, b = halves(docs)
    return DevSet(name, s, {level: [by_id[aid].gold[level] for aid in s.ids] for level in docs[0].gold},
                  (sorted(where[docs[i].id] for i in a), sorted(where[docs[i].id] for i in b)))


def _best(candidates: Sequence, score: Callable) -> tuple:
    """The candidate with the highest score (the first of ties, so the choice is deterministic)."""
    return max(candidates, key=score)


def choose_events(ecb: DevSet, tune: Sequence[int], weights: Sequence[tuple[float, float]]) -> cl.Params:
    """Weights, event cut, then event absorption best on ECB+ subtopics over ``tune``."""
    truth = ecb.truth["subtopic"]
    n = len(ecb.signals.ids)

    def best_for(wv):
        tree = cl.average_linkage(cl.similarity(ecb.signals, *wv, None))
        t = _best(THRESHOLDS, lambda t: bcubed(cl.cut(tree, n, t), truth, tune)["f1"])
        return bcubed(cl.cut(tree, n, t), truth, tune)["f1"], wv, t

    _, (w, v), t = max(best_for(wv) for wv in weights)
    sim = cl.similarity(ecb.signals, w, v, None)
    events = cl.cut(cl.average_linkage(sim), n, t)
    m, floor = _best(EVENT_ABSORB, lambda mf: bcubed(cl.absorbed(events, np.arange(n), sim, *mf), truth, tune)["f1"])
    return replace(cl.Params(), event_embed_weight=w, event_names_weight=v, event_threshold=t,
                   event_absorb_size=m, event_absorb_floor=floor)


def choose_storylines(sets: Sequence[DevSet], tunes: Sequence[Sequence[int]], base: cl.Params,
                      weights: Sequence[tuple[float, float]], taus: Sequence[float | None],
                      undated: Sequence[float]) -> cl.Params:
    """Storyline weights, decay (dated and undated pairs), cut, then absorption best on the
    topics of ``sets`` over ``tunes`` (the mean of their B-cubed F1)."""
    events = {d.name: cl.event_labels(d.signals, base) for d in sets}
    trees: dict[tuple, np.ndarray] = {}  # similarity matrices are not kept: 170 MB each on Timeline17

    def key(d: DevSet, wv: tuple[float, float], tau: float | None, u: float) -> tuple:
        """What ``d``'s storyline similarity depends on: a decay only where there are dates."""
        has_dated = bool(tau) and not np.isnan(d.signals.days).all()
        has_undated = bool(tau) and np.isnan(d.signals.days).any()
        return d.name, wv, tau if has_dated else None, u if has_undated else None

    def labels(d: DevSet, wv: tuple[float, float], tau: float | None, u: float, t: float) -> np.ndarray:
        k = key(d, wv, tau, u)
        if k not in trees:
            trees[k] = cl.coarsen_tree(cl.similarity(d.signals, *wv, tau, u), events[d.name])
        return cl.cut(trees[k], len(d.signals.ids), t)

    def mean_f1(labels_of: Callable[[DevSet], np.ndarray]) -> float:
        return float(np.mean([bcubed(labels_of(d), d.truth["topic"], tune)["f1"] for d, tune in zip(sets, tunes)]))

    # each data set's F1 depends on fewer settings than the grid has: score each once
    scores: dict[tuple, float] = {}

    def f1_of(d: DevSet, tune: Sequence[int], wv: tuple[float, float], tau: float | None, u: float,
              t: float) -> float:
        k = (*key(d, wv, tau, u), t)
        if k not in scores:
            scores[k] = bcubed(labels(d, wv, tau, u, t), d.truth["topic"], tune)["f1"]
        return scores[k]

    grid = [(wv, tau, u, t) for wv in weights for tau in taus for u in (undated if tau else (1.0,))
            for t in STORYLINE_THRESHOLDS]
    wv, tau, u, t = _best(grid, lambda g: float(np.mean([f1_of(d, tune, *g) for d, tune in zip(sets, tunes)])))
    cuts = {d.name: labels(d, wv, tau, u, t) for d in sets}
    sims = {d.name: cl.similarity(d.signals, *wv, tau, u) for d in sets}
    m, floor = _best(ABSORB, lambda mf: mean_f1(
        lambda d: cl.absorbed(cuts[d.name], events[d.name], sims[d.name], *mf)))
    return replace(base, storyline_embed_weight=wv[0], storyline_names_weight=wv[1], storyline_tau=tau,
                   storyline_undated=u, storyline_threshold=t, storyline_absorb_size=m, storyline_absorb_floor=floor)


def choose(sets: Sequence[DevSet], tunes: dict[str, Sequence[int]], tfidf_only: bool = False) -> cl.Params:
    """Both levels' parameters best on ``tunes`` (data set -> article positions)."""
    ecb = next(d for d in sets if d.name == "ecbplus")
    weights = [(0.0, 0.0)] if tfidf_only else [(0.0, 0.0), *NAME_WEIGHTS]
    base = choose_events(ecb, tunes["ecbplus"], weights)
    if tfidf_only:
        base = replace(base, event_tau=None)
    return choose_storylines(sets, [tunes[d.name] for d in sets], base,
                             [(0.0, 0.0)] if tfidf_only else STORYLINE_WEIGHTS,
                             [None] if tfidf_only else [None, *DECAY_DAYS], UNDATED)


def report(sets: Sequence[DevSet], params: cl.Params, items: dict[str, Sequence[int]]) -> dict[str, float]:
    """Figures of ``params`` on ``items``: events vs ECB+ subtopics, storylines vs topics."""
    out: dict[str, float] = {}
    for d in sets:
        events, storylines = cl.cluster_signals(d.signals, params)
        pairs = [("event", events, "subtopic"), ("storyline", storylines, "topic")]
        for level, labels, gold_level in pairs:
            if gold_level in d.truth:
                for k, v in figures(labels, d.truth[gold_level], items[d.name]).items():
                    out[f"{d.name}_{level}_{gold_level}_{k}"] = v
    return out


def run(data_dir: Path, cache: Path | None) -> dict:
    t0 = time.perf_counter()
    sets = [dev_set("ecbplus", gold.load_ecbplus(data_dir), cache),
            dev_set("timeline17", gold.load_timeline17(data_dir), cache)]
    out: dict = {"n": {d.name: len(d.signals.ids) for d in sets}}
    for system, tfidf_only in (("batch", False), ("tfidf_batch", True)):
        folds = []
        for k in (0, 1):
            tune = {d.name: d.halves[k] for d in sets}
            held = {d.name: d.halves[1 - k] for d in sets}
            params = choose(sets, tune, tfidf_only)
            folds.append({"params": asdict(params), "figures": report(sets, params, held)})
        keys = folds[0]["figures"]
        out[system] = {"held_out": {m: float(np.mean([f["figures"][m] for f in folds])) for m in keys},
                       "folds": folds}
        everything = {d.name: list(range(len(d.signals.ids))) for d in sets}
        shipped = choose(sets, everything, tfidf_only)
        out[system]["shipped"] = {"params": asdict(shipped), "in_sample": report(sets, shipped, everything)}
    out["seconds"] = time.perf_counter() - t0
    return out


# The storyline split's grid (``cluster.split_storylines``): signature cuts and minimum sizes.
SPLIT_CUTS = (0.97, 0.98, 0.99)
SPLIT_MINS = (10, 15, 20)


def split_grid(data_dir: Path, cache: Path | None) -> dict:
    """Storyline B-cubed F1 and clusters per topic of the shipped parameters with each split cut and
    minimum of the grid (and without the split), on all of ECB+ and Timeline17: how the split's constants
    were chosen (in-sample: there is no held-out half for three splits)."""
    sets = [dev_set("ecbplus", gold.load_ecbplus(data_dir), cache),
            dev_set("timeline17", gold.load_timeline17(data_dir), cache)]
    grid = [("none", replace(cl.Params(), split_min=10**9))] + [
        (f"cut {c} min {m}", replace(cl.Params(), split_cut=c, split_min=m)) for c in SPLIT_CUTS for m in SPLIT_MINS]
    out: dict = {}
    for d in sets:
        events = cl.event_labels(d.signals)
        everything = range(len(d.signals.ids))
        out[d.name] = {name: figures(cl.storyline_labels(d.signals, events, params), d.truth["topic"], everything)
                       for name, params in grid}
    return out


def main(argv: Sequence[str] | None = None) -> dict:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--cache", type=Path, default=None, help="folder keeping embeddings between runs")
    p.add_argument("--split-grid", action="store_true",
                   help="only the storyline split's grid of cuts and minimum sizes (a few minutes)")
    args = p.parse_args(argv)
    res = split_grid(args.data, args.cache) if args.split_grid else run(args.data, args.cache)
    json.dump(res, sys.stdout, indent=1)
    print()
    return res


if __name__ == "__main__":
    main()
