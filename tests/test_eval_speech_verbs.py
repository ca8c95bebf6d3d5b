"""eval/speech_verbs.py: the learning rule on counts made by hand, and (with ../shared) that the shipped
list of learned speech verbs is what PolNeAR train gives."""

from __future__ import annotations

from collections import Counter

import pytest

from eval import speech_verbs


def test_speech_verbs_learned_only_above_the_count_and_the_rate():
    seen = Counter({"think": 50, "know": 9, "make": 40, "’s": 30})
    content = Counter({"think": 47, "know": 9, "make": 30, "’s": 30})
    # think: 0.94 of 50; know: too rare; make: 0.75; "’s" is no word
    assert speech_verbs.learned(seen, content) == ["think"]


@pytest.mark.shared
@pytest.mark.slow
def test_speech_verbs_the_shipped_list_is_what_train_gives(shared_data):
    assert speech_verbs.main(["--data", str(shared_data), "--check"]) == 0
