"""Metric functions of eval/ on tiny hand-made fixtures with hand-computed answers."""

from __future__ import annotations

import math

import pytest

from eval import metrics


def test_metrics_prf_counts():
    assert metrics.prf(2, 4, 5) == pytest.approx({"precision": 0.5, "recall": 0.4, "f1": 2 * 0.5 * 0.4 / 0.9})


def test_metrics_prf_zero_denominators_give_zero():
    assert metrics.prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_metrics_bcubed_by_hand():
    # predicted A={0,1} B={2,3,4}; gold X={0,1,2} Y={3,4}
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    b = metrics.bcubed(["A", "A", "B", "B", "B"], ["X", "X", "X", "Y", "Y"])
    assert b["precision"] == pytest.approx(11 / 15)
    assert b["recall"] == pytest.approx(11 / 15)
    assert b["f1"] == pytest.approx(11 / 15)


def test_metrics_bcubed_singletons_have_full_precision():
    # every item alone: precision 1; recall is 1/|gold cluster| per item: (1/2 + 1/2 + 1) / 3
    b = metrics.bcubed([1, 2, 3], ["x", "x", "y"])
    assert b["precision"] == 1.0
    assert b["recall"] == pytest.approx(2 / 3)


def test_metrics_bcubed_over_some_items_keeps_whole_clusters():
    # same clustering as by hand, scored over Y's items {3, 4} only: cluster B also holds item 2
    # (gold X), so each has precision 2/3; recall 1
    b = metrics.bcubed(["A", "A", "B", "B", "B"], ["X", "X", "X", "Y", "Y"], items=[3, 4])
    assert b["precision"] == pytest.approx(2 / 3)
    assert b["recall"] == 1.0
    assert metrics.bcubed([1, 2], ["x", "y"], items=[]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_metrics_bcubed_rejects_unaligned_labels():
    with pytest.raises(ValueError):
        metrics.bcubed([1, 2], [1])


def test_metrics_adjusted_rand_ignores_label_names():
    assert metrics.adjusted_rand(["a", "a", "b"], [7, 7, 9]) == pytest.approx(1.0)
    assert metrics.adjusted_rand(["a", "b", "c", "d"], ["x", "x", "y", "y"]) == pytest.approx(0.0)


def test_metrics_match_spans_overlap_is_one_to_one():
    # one prediction covering two gold spans claims only one (equal overlap: the earlier gold)
    assert metrics.match_spans([((0, 10),)], [((0, 5),), ((5, 10),)], strict=False) == [(0, 0)]
    assert metrics.match_spans([((0, 10),)], [((0, 5),), ((5, 10),)], strict=True) == []


def test_metrics_match_spans_prefers_larger_overlap():
    pred = [((0, 4),), ((3, 12),)]
    gold = [((2, 12),)]
    assert metrics.match_spans(pred, gold, strict=False) == [(1, 0)]


def test_metrics_match_spans_discontinuous_strict():
    gold = [((0, 3), (6, 9))]
    assert metrics.match_spans([((0, 3), (6, 9))], gold, strict=True) == [(0, 0)]
    assert metrics.match_spans([((0, 9),)], gold, strict=True) == []
    assert metrics.match_spans([((0, 9),)], gold, strict=False) == [(0, 0)]


def test_metrics_trim_span_drops_marks_and_spaces():
    text = ' "Hello," he'
    assert metrics.trim_span(text, 0, 9, '",') == (2, 7)
    assert text[2:7] == "Hello"


@pytest.mark.parametrize("raw, expected", [
    ("5-6", (5.0, 6.0)), ("4.8-4.7", (4.7, 4.8)), ("-2.5", (-2.5, -2.5)), ("2.998E-08", (2.998e-08, 2.998e-08)),
    ("3.0 - 4.0", (3.0, 4.0)), ("138285", (138285.0, 138285.0)),
])
def test_metrics_parse_gold_value(raw, expected):
    assert metrics.parse_gold_value(raw) == pytest.approx(expected)


def test_metrics_values_match_tolerance_and_ranges():
    assert metrics.values_match((1.5e6, 1.5e6), (1500000.0001, 1500000.0001))
    assert not metrics.values_match((5.0, 6.0), (5.5, 5.5))
    assert not metrics.values_match((5.0, 5.0), (5.1, 5.1))


def test_metrics_match_quantities_value_then_unit():
    five_pct, five_usd = ((5.0, 5.0), "percentage"), ((5.0, 5.0), "dollar")
    assert metrics.match_quantities([five_pct], [five_usd]) == (1, 0)
    assert metrics.match_quantities([five_pct, five_usd], [five_usd]) == (1, 1)
    # gold order must not cost the unit match: "dollar" gold first, the only prediction is "percentage"
    assert metrics.match_quantities([five_pct], [five_usd, five_pct]) == (1, 1)
    assert metrics.match_quantities([five_pct, five_pct], [five_pct]) == (1, 1)
    assert metrics.match_quantities([], [five_pct]) == (0, 0)


def test_metrics_timex_scores_strict_relaxed_value():
    gold = [(0, 6, "1998-08-07"), (10, 20, "P1W")]
    pred = [(0, 6, "1998-08-07"), (12, 15, None), (30, 35, "1998")]
    assert metrics.timex_scores(pred, gold) == {"pred": 3, "gold": 2, "strict": 1, "relaxed": 2, "value": 1}


def test_metrics_timex_scores_ignore_drops_predictions_on_other_types():
    gold_dates = [(0, 6, "1998-08-07")]
    pred = [(0, 6, "1998-08-07"), (12, 15, None), (30, 35, "1998")]
    scores = metrics.timex_scores(pred, gold_dates, ignore=[(10, 20)])
    assert scores == {"pred": 2, "gold": 1, "strict": 1, "relaxed": 1, "value": 1}


def test_metrics_token_prf_bag_of_tokens():
    assert metrics.token_prf("The cat sat", "the cat sat on the mat") == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3})
    # repeated tokens count only as often as the gold has them
    assert metrics.token_prf("the the cat", "the cat") == pytest.approx({"precision": 2 / 3, "recall": 1.0, "f1": 0.8})


def test_metrics_rouge_recall_by_hand():
    r = metrics.rouge_recall("the cat sat", ["the cat sat on the mat"])
    assert r["rouge1"] == pytest.approx(3 / 6)  # the, cat, sat of 6 reference unigrams
    assert r["rouge2"] == pytest.approx(2 / 5)  # "the cat", "cat sat" of 5 reference bigrams


def test_metrics_rouge_recall_averages_references_and_truncates():
    assert metrics.rouge_recall("the cat sat", ["the cat sat on the mat", "a dog ran"])["rouge1"] == pytest.approx(0.25)
    cut = metrics.rouge_recall("the cat sat", ["the cat sat on the mat"], max_words=2)
    assert cut["rouge1"] == pytest.approx(2 / 6)


def test_metrics_rouge_recall_stems():
    assert metrics.rouge_recall("cats running", ["cat runs"])["rouge1"] == pytest.approx(1.0)


def test_metrics_support_share_of_sentence_words():
    assert metrics.support("The cat sat.", "the cat") == pytest.approx(2 / 3)
    assert metrics.support("The cat sat.", "Yesterday the cat sat down") == 1.0
    assert metrics.support("", "anything") == 0.0


def test_metrics_growth_exponent():
    sizes = [500, 1000, 2000, 4000]
    assert metrics.growth_exponent(sizes, [0.01 * n ** 1.5 for n in sizes]) == pytest.approx(1.5)
    assert metrics.growth_exponent(sizes, [3.0 * n for n in sizes]) == pytest.approx(1.0)
    assert math.isclose(metrics.growth_exponent([1, 2], [5, 5]), 0.0, abs_tol=1e-12)


def test_metrics_growth_exponent_needs_two_sizes():
    with pytest.raises(ValueError):
        metrics.growth_exponent([100], [1.0])
    with pytest.raises(ValueError):
        metrics.growth_exponent([100, 100], [1.0, 2.0])
