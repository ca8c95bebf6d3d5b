"""Detokenization drops spaces (and treebank escapes' backslashes) only, so every reading character has one origin."""

import pytest

from crosswire.restore import detokenize

CASES = [
    ("the dam broke , officials said .", "the dam broke, officials said."),
    ("oskvar , tarnland ( meridian ) - the dam", "oskvar, tarnland (meridian) - the dam"),
    ("he does n't know", "he doesn't know"),
    ("the group 's leader", "the group's leader"),
    ("they 're here and we 'll see", "they're here and we'll see"),
    ("about 75 % of it", "about 75% of it"),
    ("a $ 5 million fund", "a $5 million fund"),
    ("u.s.-backed forces", "u.s.-backed forces"),
    ("he said : no ; never !", "he said: no; never!"),
    ("most intense ... we expect", "most intense ... we expect"),
    ('he said " leave now " and left .', 'he said "leave now" and left.'),
    ("she said “ leave now ” .", "she said “leave now”."),
    ("the workers ’ union", "the workers’ union"),
    ("a [ sic ] note", "a [sic] note"),
    ("one .\ntwo .", "one.\ntwo."),
    ("one .  \n\ntwo", "one.\n\ntwo"),
    ("  leading and trailing  ", "  leading and trailing  "),
    ("", ""),
    # treebank escapes read as what they stand for: a credit run into a name parts from it
    ("photo : ada ross\\/epa , ok \\* next", "photo: ada ross/epa, ok * next"),
]


@pytest.mark.parametrize(("given", "reading"), CASES)
def test_detokenize_cases(given, reading):
    assert detokenize(given)[0] == reading


@pytest.mark.parametrize(("given", "reading"), CASES)
def test_detokenize_origins_point_at_the_same_characters(given, reading):
    text, origins = detokenize(given)
    assert len(origins) == len(text)
    assert all(a < b for a, b in zip(origins, origins[1:]))
    assert all(given[g] == c for g, c in zip(origins, text))


def test_detokenize_unclosed_quote_does_not_cross_a_paragraph():
    assert detokenize('a " b\n\nc " d " e')[0] == 'a "b\n\nc "d" e'
