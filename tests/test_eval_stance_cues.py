"""eval/stance_cues.py and analyze/stance.py: the threshold rule and the lemma rule on rows made by hand,
and (with ../shared) that the shipped model is what PolNeAR train gives."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.analyze import stance
from eval import stance_cues


def test_stance_a_verb_needs_a_lemma_weighed_for_a_cue_whatever_its_construction():
    weights = {"bias": -1.0, "l=back": 0.5, "l=search": -0.2, "a=dobj": 3.0}
    assert stance.probability(weights, ["bias", "l=back", "a=dobj"]) == pytest.approx(1 / (1 + np.exp(-2.5)))
    assert stance.probability(weights, ["bias", "l=search", "a=dobj"]) == 0.0  # 0.94 from the construction
    assert stance.probability(weights, ["bias", "l=unseen", "a=dobj"]) == 0.0


def test_stance_threshold_is_the_best_cue_f1_over_article_folds():
    # "back" with an object is a cue in every article, "reach" never: any threshold separates them, and
    # the table's figures are those of a perfect split
    rows = [["bias", "l=back", "a=dobj"], ["bias", "l=reach", "a=dobj"]] * 20
    labels = np.array([True, False] * 20)
    article = np.arange(40) // 2
    best, table = stance_cues.threshold(rows, labels, article)
    assert best in stance_cues.THRESHOLDS and table[best] == (1.0, 1.0, 1.0)


def test_stance_the_shipped_model_is_small_and_loads():
    weights, threshold = stance._model()
    assert 0 < threshold < 1 and weights["bias"] < 0  # most verbs attribute nothing
    assert stance_cues.OUT.stat().st_size < 2_000_000  # what ships must stay under 2 MB (issue 8)


@pytest.mark.shared
@pytest.mark.slow
def test_stance_the_shipped_model_is_what_train_gives(shared_data):
    assert stance_cues.main(["--data", str(shared_data), "--check"]) == 0
