"""eval/casing_prior.py: the learning rule on texts written by hand, and (with ../shared) that the shipped casing
prior is what the raw news corpus gives."""

from __future__ import annotations

import pytest

from eval import casing_prior


def test_casing_prior_keeps_words_cased_often_enough_and_never_for_position_alone():
    texts = ["Officials in Velmora met the Italian team. The Italian coach spoke; an italian meal followed.",
             "He met Velmora officials. Reports came in from the coast.",
             "lowercased reports like this one teach nothing , velmora aside ."]  # a corpus form is skipped
    # "Velmora" and "Italian": cased each time seen mid-sentence (2 of 3 "italian"); "Reports" and "Officials" only
    # at a sentence start; "coast" lowercase
    assert casing_prior.prior_forms(texts, min_count=2) == ["Italian", "Velmora"]
    assert casing_prior.prior_forms(texts, min_count=4) == []


@pytest.mark.shared
def test_casing_prior_the_shipped_prior_is_what_the_corpus_gives(shared_data):
    assert casing_prior.main(["--data", str(shared_data), "--check"]) == 0
