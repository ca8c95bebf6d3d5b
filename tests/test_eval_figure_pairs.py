"""eval/figure_pairs.py: the scoring arithmetic on a hand-made fixture, the gold file's shape, and
(with ../shared) that every gold span reads back and the scorer runs on a small sample."""

from __future__ import annotations

import itertools
import math

import pytest

from eval import figure_pairs as fp
from eval import figure_pairs_draft as fp_draft


def _fig(article: str, start: int, end: int, *, what: str | None = "people", unit: str | None = None,
         low: float = 1.0, high: float | None = None, published: str = "2010-01-01") -> dict:
    return {"article": article, "start": start, "end": end, "text": "x" * (end - start), "outlet": "o",
            "published": published, "low": low, "high": low if high is None else high, "unit": unit, "what": what}


def _pair(same: bool, verdict: str | None = None, **kw) -> dict:
    return {"id": "p", "topic": "t", "stratum": "head", "a": kw.get("a", _fig("A", 0, 3)),
            "b": kw.get("b", _fig("B", 0, 3)), "same": same, "verdict": verdict, "why": ""}


def test_score_pairs_hand_computed():
    pairs = [_pair(True, "agree"), _pair(True, "update"), _pair(True, "agree"), _pair(False), _pair(False)]
    # compared: pairs 0 (right), 1 (wrong verdict), 3 (not same); missed: pair 2; pair 4 left apart
    predicted = ["agree", "agree", None, "update", None]
    s = fp.score_pairs(pairs, predicted)
    assert s["compared"] == 3 and s["compared_same"] == 2 and s["same"] == 3 and s["verdict_right"] == 1
    assert s["pair_p"] == pytest.approx(2 / 3)
    assert s["pair_r"] == pytest.approx(2 / 3)
    assert s["pair_f1"] == pytest.approx(2 / 3)
    assert s["verdict_acc"] == pytest.approx(1 / 2)


def test_score_pairs_nothing_compared_is_zero_not_a_crash():
    s = fp.score_pairs([_pair(False)], [None])
    assert s == {**s, "pair_p": 0.0, "pair_r": 0.0, "pair_f1": 0.0, "verdict_acc": 0.0, "same": 0}


def test_map_figure_takes_the_largest_overlap_in_the_same_article():
    found = [("A:f1", "A", 0, 5), ("A:f2", "A", 4, 12), ("B:f1", "B", 0, 20)]
    assert fp.map_figure("A", 3, 10, found) == "A:f2"  # 6 characters against 2
    assert fp.map_figure("A", 20, 25, found) is None  # nothing overlaps
    assert fp.map_figure("C", 0, 5, found) is None  # other articles never count
    assert fp.map_figure("A", 2, 7, found) == "A:f1"  # a tie (3 and 3) goes to the first


def test_compared_verdict_ignores_different_scope_and_figures_apart():
    comparisons = [({"A:f1", "C:f1"}, "different_scope"), ({"A:f1", "B:f2"}, "update"), ({"C:f1", "D:f1"}, "agree")]
    assert fp.compared_verdict("A:f1", "B:f2", comparisons) == "update"
    assert fp.compared_verdict("A:f1", "C:f1", comparisons) is None  # only in a different_scope one
    assert fp.compared_verdict("A:f1", "D:f1", comparisons) is None  # in two different comparisons
    assert fp.compared_verdict(None, "B:f2", comparisons) is None  # a gold figure crosswire did not find
    assert fp.compared_verdict("A:f1", "A:f1", comparisons) is None  # both gold figures on one of its figures


def test_compared_verdict_takes_the_narrowest_comparison_holding_both():
    comparisons = [({"A:f1", "B:f1", "C:f1"}, "update"), ({"B:f1", "C:f1"}, "agree")]
    assert fp.compared_verdict("B:f1", "C:f1", comparisons) == "agree"  # the reports that agree within the update
    assert fp.compared_verdict("A:f1", "C:f1", comparisons) == "update"


def test_baseline_same_unit_and_head_then_equal_values():
    people = _pair(True, a=_fig("A", 0, 3, what="people", low=5), b=_fig("B", 0, 3, what="dead people", low=5))
    assert fp.baseline_verdict(people) == "agree"
    later = _pair(True, a=_fig("A", 0, 3, low=5), b=_fig("B", 0, 3, low=7, published="2010-01-02"))
    assert fp.baseline_verdict(later) == "update"
    same_day = _pair(True, a=_fig("A", 0, 3, low=5), b=_fig("B", 0, 3, low=7))
    assert fp.baseline_verdict(same_day) == "conflict"
    units = _pair(False, a=_fig("A", 0, 3, unit="percent"), b=_fig("B", 0, 3))
    assert fp.baseline_verdict(units) is None
    heads = _pair(False, a=_fig("A", 0, 3, what="percent of oil", unit="percent"),
                  b=_fig("B", 0, 3, what="percent of exports", unit="percent"))
    assert fp.baseline_verdict(heads) == "agree"  # both heads are "percent": the baseline's blind spot
    assert fp.baseline_verdict(_pair(False, a=_fig("A", 0, 3, what=None), b=_fig("B", 0, 3, what=None))) is None


def test_what_head_and_content_words():
    assert fp.what_head("foreign fighters") == "fighter"
    assert fp.what_head("percent of oil") == "percent"
    assert fp.what_head(None) is None and fp.what_head(" of x") is None
    assert fp.content_words("Rescuers said 70 people were pulled alive from the rubble") == {
        "rescuer", "pulled", "alive", "rubble"}


@pytest.mark.parametrize("path, seed", [(fp.GOLD, 13), (fp.DEV2, 3), (fp.CHECK, 2), (fp.DEV3, 4), (fp.CHECK3, 5),
                                        (fp.CHECK4, 6), (fp.DEV4, 7), (fp.CHECK5, 8),
                                        (fp.DEV5, 9), (fp.CHECK6, 10), (fp.DEV6, 11), (fp.CHECK7, 12)])
def test_gold_file_shape(path, seed):
    header, pairs = fp.load_gold(path)
    assert header["protocol"] == fp.PROTOCOL and header["seed"] == seed
    assert len(pairs) >= 100 and len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert p["a"]["article"] != p["b"]["article"] and p["why"]
        assert p["verdict"] in fp.VERDICTS if p["same"] else p["verdict"] is None
        for side in "ab":
            f = p[side]
            assert f["end"] - f["start"] == len(f["text"]) and math.isfinite(f["low"])
    assert sum(p["same"] for p in pairs) >= 10


def test_dev_gold_is_large_enough_and_sets_share_no_article():
    dev = [p for path in fp.DEV for p in fp.load_gold(path)[1]]
    assert len(dev) >= 200 and sum(p["same"] for p in dev) >= 80
    articles = {path: {p[side]["article"] for p in fp.load_gold(path)[1] for side in "ab"}
                for path in (*fp.DEV, *fp.CHECKS)}
    for a, b in itertools.combinations(articles, 2):
        assert not articles[a] & articles[b], (a.name, b.name)


def test_draft_strata_option_and_no_overwrite(tmp_path):
    assert fp_draft._strata(["head2=5", "overlap1=0"]) == {"head2": 5, "overlap1": 0}
    with pytest.raises(SystemExit, match="NAME=COUNT"):
        fp_draft._strata(["heads=5"])
    out = tmp_path / "judged.jsonl"
    out.write_text("{}\n")
    with pytest.raises(SystemExit, match="never overwritten"):
        fp_draft.main(["--data", str(tmp_path), "--seed", "1", "--out", str(out)])


@pytest.mark.slow
@pytest.mark.shared
def test_gold_spans_read_back_and_scorer_runs(shared_data):
    pairs = [p for path in (*fp.DEV, *fp.CHECKS) for p in fp.load_gold(path)[1]]
    wanted = {p[side]["article"] for p in pairs for side in "ab"}
    docs = {d.id: d for d in fp.load_docs(shared_data) if d.id in wanted}
    for p in pairs:
        for side in "ab":
            f = p[side]
            assert docs[f["article"]].text[f["start"]:f["end"]] == f["text"], p["id"]
    res = fp.score(shared_data, limit=6)
    assert res["n"] == 6 and set(res["systems"]) == {"crosswire", fp.BASELINE}
    for values in res["systems"].values():
        assert all(0.0 <= values[m] <= 1.0 for m in res["headline"])
    # --each: each file's pairs judged on its own articles only, as a run of that file alone judges them (same
    # pairs of one topic from two dev sets: scored together, their articles make one story, which on 2026-12-08
    # left one of them uncompared)
    first, second = ([dict(p, file=path.name) for p in fp.load_gold(path)[1]
                      if p["topic"] == "SyrianCrisis" and p["same"]][:4] for path in (fp.DEV5, fp.DEV6))
    assert first and second
    alone = fp.crosswire_verdicts(first, docs)[0] + fp.crosswire_verdicts(second, docs)[0]
    assert fp._verdicts_each(first + second, docs)[0] == alone
