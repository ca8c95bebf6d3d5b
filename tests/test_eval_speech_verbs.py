"""eval/speech_verbs.py: the learning rule on counts made by hand, and (with ../shared) that the shipped
list of learned speech verbs is what PolNeAR train gives."""

from __future__ import annotations

from collections import Counter

import pytest

from eval import speech_verbs


def test_speech_verbs_learned_only_above_the_count_and_the_hand_verbs_rate():
    seen = Counter({"say": 100, "tell": 100, "add": 100, "question": 50, "know": 9, "think": 40, "’s": 30})
    content = Counter({"say": 80, "tell": 70, "add": 90, "question": 42, "know": 9, "think": 5, "’s": 30})
    rate = speech_verbs.hand_rate(seen, content)
    assert rate == 0.8  # the median of say, tell and add
    # question: 0.84 of 50; know: too rare; think: 0.12; "’s" is no word; hand verbs are not relearned
    assert speech_verbs.learned(seen, content, rate) == ["question"]


@pytest.mark.shared
@pytest.mark.slow
def test_speech_verbs_the_shipped_list_is_what_train_gives(shared_data):
    assert speech_verbs.main(["--data", str(shared_data), "--check"]) == 0
