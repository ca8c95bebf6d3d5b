"""Pure metric functions, one per figure the scorers report.

Nothing here loads data or runs a model, so every function is unit-tested on hand-computed
fixtures (tests/test_eval_metrics.py): a scorer bug must not be able to hide a model bug.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Sequence

# A span is one or more (start, end) fragments: brat content spans can be discontinuous.
Span = tuple[tuple[int, int], ...]

# Relative tolerance for two numeric values to count as equal, as in the NewsQuant authors'
# evaluation (numpy.isclose defaults): absorbs float noise such as 1.5e6 vs 1500000.0001.
VALUE_RTOL = 1e-5
VALUE_ATOL = 1e-8

_TOKEN = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------------- counts


def prf(tp: int | float, n_pred: int | float, n_gold: int | float) -> dict[str, float]:
    """Precision, recall and F1 from counts; a zero denominator gives 0.0, never a crash."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


# --------------------------------------------------------------------------- clustering


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable],
           items: Collection[int] | None = None) -> dict[str, float]:
    """B-cubed precision/recall/F1 (Bagga and Baldwin 1998) of two aligned label sequences.

    For each item: precision is the share of its predicted cluster that shares its gold cluster,
    recall the share of its gold cluster that shares its predicted cluster; both are averaged
    over items and F1 is their harmonic mean. ``items`` (indices) averages over those items only,
    while clusters keep every item: scoring one half of the gold topics of a clustering of all of
    them, merging with the other half still costs precision.
    """
    if len(pred) != len(gold):
        raise ValueError(f"label sequences differ in length: {len(pred)} != {len(gold)}")
    pred, gold = list(pred), list(gold)
    scored = range(len(pred)) if items is None else sorted(set(items))
    if not scored:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pred_size = Counter(pred)
    gold_size = Counter(gold)
    both = Counter(zip(pred, gold))
    p = sum(both[(pred[i], gold[i])] / pred_size[pred[i]] for i in scored) / len(scored)
    r = sum(both[(pred[i], gold[i])] / gold_size[gold[i]] for i in scored) / len(scored)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def adjusted_rand(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (scikit-learn's), for labels of any hashable type."""
    from sklearn.metrics import adjusted_rand_score

    ids: dict[Hashable, int] = defaultdict(lambda: len(ids))
    return float(adjusted_rand_score([ids[("g", g)] for g in gold], [ids[("p", p)] for p in pred]))


# --------------------------------------------------------------------------- spans


def span_chars(span: Span) -> frozenset[int]:
    """The character offsets a (possibly discontinuous) span covers."""
    return frozenset(i for start, end in span for i in range(start, end))


def match_spans(pred: Sequence[Span], gold: Sequence[Span], *, strict: bool) -> list[tuple[int, int]]:
    """One-to-one matching of predicted to gold spans, as (pred index, gold index) pairs.

    ``strict``: a pair needs exactly the same characters. Otherwise any shared character makes a
    candidate pair; pairs are taken greedily by largest overlap (ties: earliest gold, then
    earliest prediction), so one long prediction cannot claim two gold spans.
    """
    pred_chars = [span_chars(s) for s in pred]
    gold_chars = [span_chars(s) for s in gold]
    candidates = []
    for i, pc in enumerate(pred_chars):
        for j, gc in enumerate(gold_chars):
            if strict:
                if pc and pc == gc:
                    candidates.append((len(pc), j, i))
            else:
                overlap = len(pc & gc)
                if overlap:
                    candidates.append((overlap, j, i))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, j, i in candidates:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def spans_overlap(a: Span, b: Span) -> bool:
    return bool(span_chars(a) & span_chars(b))


def trim_span(text: str, start: int, end: int, strip: str) -> tuple[int, int]:
    """``[start, end)`` without leading/trailing whitespace or characters in ``strip``:
    annotators differ on whether a quote's closing mark or comma is inside."""
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return start, end


# --------------------------------------------------------------------------- quantities


def parse_gold_value(value: str) -> tuple[float, float]:
    """A NewsQuant value string as (low, high): ``"5-6"`` and ``"3.0 - 4.0"`` are ranges,
    ``"-2.5"`` and ``"2.998E-08"`` single values."""
    body = value.strip()
    if "e" not in body.lower() and "-" in body[1:]:
        cut = body.index("-", 1)
        a, b = float(body[:cut]), float(body[cut + 1:])
        return (min(a, b), max(a, b))
    v = float(body)
    return (v, v)


def values_match(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Equal values or ranges (both ends within the tolerance); a range never equals a point."""
    return all(math.isclose(x, y, rel_tol=VALUE_RTOL, abs_tol=VALUE_ATOL) for x, y in zip(a, b))


def match_quantities(pred: Sequence[tuple[tuple[float, float], str]],
                     gold: Sequence[tuple[tuple[float, float], str]]) -> tuple[int, int]:
    """(value matches, value+unit matches) between one sentence's predicted and gold quantities.

    After the NewsQuant authors: match on value, then check the unit. Matching is one-to-one and
    runs in two passes: first pairs agreeing on value *and* unit, then the rest on value alone,
    so an unlucky pairing cannot cost a unit match.
    """
    free_pred = list(range(len(pred)))
    free_gold = list(range(len(gold)))
    counts = []
    for need_unit in (True, False):
        matched = 0
        for j in list(free_gold):
            i = next((i for i in free_pred if values_match(pred[i][0], gold[j][0])
                      and (not need_unit or pred[i][1] == gold[j][1])), None)
            if i is not None:
                free_pred.remove(i)
                free_gold.remove(j)
                matched += 1
        counts.append(matched)
    with_unit, value_only = counts
    return with_unit + value_only, with_unit


# --------------------------------------------------------------------------- time


def timex_scores(pred: Sequence[tuple[int, int, str | None]], gold: Sequence[tuple[int, int, str]],
                 ignore: Sequence[tuple[int, int]] = ()) -> dict[str, int]:
    """Counts for TIMEX extraction and normalisation in one document.

    ``pred`` and ``gold`` are (start, end, value). Strict: same span; relaxed: overlapping spans
    (TempEval-3). Values are compared on relaxed matches. Predictions overlapping an ``ignore``
    span (gold expressions of a type left out of this figure) are dropped before counting.
    """
    kept = [p for p in pred if not any(p[0] < e and s < p[1] for s, e in ignore)]
    pred_spans = [((p[0], p[1]),) for p in kept]
    gold_spans = [((g[0], g[1]),) for g in gold]
    strict = match_spans(pred_spans, gold_spans, strict=True)
    relaxed = match_spans(pred_spans, gold_spans, strict=False)
    value_ok = sum(1 for i, j in relaxed if kept[i][2] is not None and kept[i][2] == gold[j][2])
    return {"pred": len(kept), "gold": len(gold), "strict": len(strict), "relaxed": len(relaxed),
            "value": value_ok}


# --------------------------------------------------------------------------- text


def tokens(text: str) -> list[str]:
    """Lowercased word tokens (letters, digits, underscore runs)."""
    return _TOKEN.findall(text.lower())


def token_prf(pred: str, gold: str) -> dict[str, float]:
    """Bag-of-tokens precision/recall/F1 of an extracted text against the gold text."""
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    tp = sum((p & g).values())
    return prf(tp, sum(p.values()), sum(g.values()))


def truncate_words(text: str, max_words: int) -> str:
    """The first ``max_words`` whitespace-separated words (DUC's summary length limit)."""
    return " ".join(text.split()[:max_words])


def rouge_recall(summary: str, references: Sequence[str], max_words: int = 100) -> dict[str, float]:
    """ROUGE-1/2 recall (``rouge-score``, Porter stemming) of ``summary`` cut to ``max_words``,
    averaged over the references."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    cut = truncate_words(summary, max_words)
    scores = [scorer.score(ref, cut) for ref in references]
    return {key: sum(s[key].recall for s in scores) / len(scores) if scores else 0.0
            for key in ("rouge1", "rouge2")}


def support(sentence: str, cited: str) -> float:
    """Share of the sentence's distinct tokens that occur in the cited text (1.0: fully backed)."""
    words = set(tokens(sentence))
    if not words:
        return 0.0
    return len(words & set(tokens(cited))) / len(words)


# --------------------------------------------------------------------------- scaling


def growth_exponent(sizes: Iterable[float], seconds: Iterable[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear, 2.0 quadratic."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(t) for t in seconds]
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("need at least two (size, time) points")
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("sizes must differ")
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


# --------------------------------------------------------------------------- coreference


def _p_r_f1(p: float, r: float) -> dict[str, float]:
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def label_clusters(labels: Sequence[Hashable]) -> list[frozenset[int]]:
    """Positions grouped by label: an aligned label sequence as coreference clusters (entities)."""
    groups: dict[Hashable, set[int]] = defaultdict(set)
    for i, label in enumerate(labels):
        groups[label].add(i)
    return [frozenset(g) for g in groups.values()]


def _muc_share(key: Sequence[Collection[Hashable]], response: Sequence[Collection[Hashable]]) -> float:
    """MUC recall of ``response`` against ``key`` (swap them for precision): the share of the key's
    links kept, each key entity K counting |K| - |partitions of K by the response| of its |K| - 1;
    a mention the response lacks is a partition of its own."""
    where = {m: i for i, cluster in enumerate(response) for m in cluster}
    kept = needed = 0
    for cluster in key:
        kept += len(cluster) - len({where.get(m, ("missing", m)) for m in cluster})
        needed += len(cluster) - 1
    return kept / needed if needed else 0.0


def muc(pred: Sequence[Collection[Hashable]], gold: Sequence[Collection[Hashable]]) -> dict[str, float]:
    """MUC (Vilain et al. 1995), link-based: singletons carry no links, so they count for nothing."""
    return _p_r_f1(_muc_share(pred, gold), _muc_share(gold, pred))


def ceaf_e(pred: Sequence[Collection[Hashable]], gold: Sequence[Collection[Hashable]]) -> dict[str, float]:
    """Entity-based CEAF (Luo 2005): the one-to-one alignment of gold to predicted entities
    (Kuhn-Munkres) that maximises the summed phi4(K, R) = 2|K & R| / (|K| + |R|); recall divides
    that sum by the number of gold entities, precision by the number of predicted ones."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not pred or not gold:
        return _p_r_f1(0.0, 0.0)
    where = {m: i for i, cluster in enumerate(pred) for m in cluster}
    sim = np.zeros((len(gold), len(pred)))
    for g, cluster in enumerate(gold):
        for p, shared in Counter(where[m] for m in cluster if m in where).items():
            sim[g, p] = 2 * shared / (len(cluster) + len(pred[p]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return _p_r_f1(total / len(pred), total / len(gold))


def coreference(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, dict[str, float] | float]:
    """MUC, B-cubed and CEAF-e of two aligned label sequences (the same mentions, so no mention is
    twinless), and the CoNLL F1: the mean of their three F1s (Pradhan et al. 2014)."""
    if len(pred) != len(gold):
        raise ValueError(f"label sequences differ in length: {len(pred)} != {len(gold)}")
    pred_clusters, gold_clusters = label_clusters(pred), label_clusters(gold)
    scores = {"muc": muc(pred_clusters, gold_clusters), "bcubed": bcubed(pred, gold),
              "ceafe": ceaf_e(pred_clusters, gold_clusters)}
    return {**scores, "conll_f1": sum(s["f1"] for s in scores.values()) / 3}
