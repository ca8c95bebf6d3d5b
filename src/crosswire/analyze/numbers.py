"""Number expressions as news writes them: digits, number words, scale words and vague plurals.

Kept apart from ``figures`` because the grammar (what a number looks like, what it is worth) is
independent of the parse that decides what a number counts. Pure functions over strings, so the
patterns here can be reused by any stage that needs to read a count.

Conventions for vague plurals (documented because downstream comparison relies on them): a plural
scale word ``S`` ("hundreds", "thousands") means at least two of ``S`` and fewer than ten, so
"hundreds" is 200..999 and "thousands" 2,000..9,999; "dozens" is 24..99 and "scores" 40..99 (by then
a writer would say "hundreds"). Chained forms multiply: "tens of thousands" is 20,000..99,999.
"""

from __future__ import annotations

import re

SMALL_NUMBERS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS: dict[str, int] = {
    word: 10 * (index + 2)
    for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# "hundred" multiplies only the group below it; the others close a group ("two million three hundred").
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
}
DOZEN = 12
NUMBER_WORDS: frozenset[str] = frozenset(SMALL_NUMBERS) | frozenset(TENS) | frozenset(SCALES) | {"dozen"}

ORDINAL_WORDS: dict[str, int] = {
    word: index + 1
    for index, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}

# Fraction words -> the denominator they name: "a third", "two-thirds", "three quarters", "one fourth".
FRACTIONS: dict[str, int] = {
    word: denominator
    for denominator, words in enumerate(
        ("", "", "half halves", "third thirds", "quarter quarters fourth fourths", "fifth fifths", "sixth sixths",
         "seventh sevenths", "eighth eighths", "ninth ninths", "tenth tenths"))
    for word in words.split()
}

# Vague plural -> (low, high) of the multiplier; see the module docstring for the convention.
VAGUE_PLURALS: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
    "billions": (2_000_000_000, 9_999_999_999),
}
# Words of an unsaid count before a scale word -> (low, high) of its multiplier: "several hundred" is
# 300..900, "a few thousand" 2,000..5,000 (the same spirit as the vague plurals above).
FEW_WORDS: dict[str, tuple[float, float]] = {"several": (3, 9), "a few": (2, 5)}
# "tens of thousands": the chained word scales the first (its singular value).
VAGUE_SCALES: dict[str, int] = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}

_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# Digits with thousands commas, plain digits, or a decimal written without its zero (".001", ".500").
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# One number: digits (optionally scaled: "1.2 million", "$20-billion"), or a run of number words joined by
# spaces, hyphens or "and" ("three hundred and twenty-two"), optionally led by "a" before a scale.
NUMBER_PATTERN = (
    rf"(?:(?:{_DIGITS})(?:[\s-]?(?:{_SCALE_ALT})\b)?"
    rf"|(?:an?\s+(?=(?:{_SCALE_ALT}|dozen)\b))?(?:{_WORD_ALT})\b"
    rf"(?:(?:\s+and\s+|[\s-])(?:{_WORD_ALT})\b)*)"
)
# A vague plural stands before "of" ("hundreds of people"); a chained one stands alone too ("tens of
# thousands may have died"), where taking its first word alone would read 20..99.
VAGUE_PATTERN = (
    rf"(?:{'|'.join(VAGUE_PLURALS)})(?:\s+of\s+(?:{'|'.join(VAGUE_SCALES)})\b|(?=\s+of\b))"
)
_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)
_TOKEN_RE = re.compile(r"[a-z]+|[\d.,]+", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of one number expression ("3,000", "1.2 million", "a dozen", "twenty-two")."""
    if not _NUMBER_RE.fullmatch(text.strip()):
        return None
    total = 0.0
    group = 0.0
    for token in _TOKEN_RE.findall(text.lower()):
        if token[0].isdigit() or token[0] == ".":
            group += float(token.replace(",", ""))
        elif token in SMALL_NUMBERS:
            group += SMALL_NUMBERS[token]
        elif token in TENS:
            group += TENS[token]
        elif token == "dozen":
            group = (group or 1) * DOZEN
        elif token == "hundred":
            group = (group or 1) * SCALES[token]
        elif token in SCALES:
            total += (group or 1) * SCALES[token]
            group = 0.0
        # "a", "an", "and" carry no value.
    return total + group


def parse_vague(text: str) -> tuple[float, float] | None:
    """(low, high) for a vague plural ("hundreds", "tens of thousands"); None if it is not one."""
    words = text.lower().split()
    if not words or words[0] not in VAGUE_PLURALS:
        return None
    low, high = VAGUE_PLURALS[words[0]]
    if len(words) == 3 and words[1] == "of" and words[2] in VAGUE_SCALES:
        scale = VAGUE_SCALES[words[2]]
        return float(low * scale), float((high + 1) * scale - 1)
    return float(low), float(high)


# What a vague plural of tens states, before the convention above narrows it for comparing: an order of
# magnitude ("hundreds": 100..1,000; "tens of thousands": 10,000..100,000). "Dozens" and "scores" state none.
_ORDERS = {"tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}


# The next order English names after each bare vague plural's.
_NEXT_NAMED_ORDER = {"hundreds": 1_000, "thousands": 1_000_000, "millions": 1_000_000_000,
                     "billions": 1_000_000_000_000}


def named_order(text: str) -> tuple[float, float] | None:
    """(low, high) of the values a bare vague plural is true of: every value written with its order as the
    largest ("206 million" gallons are "millions" of gallons, "200,000" people are not "hundreds"), where
    the convention above stops at ten of the order; None for any other words ("tens of thousands" says its
    order already)."""
    words = text.lower().split()
    if len(words) != 1 or words[0] not in _NEXT_NAMED_ORDER:
        return None
    return float(VAGUE_PLURALS[words[0]][0]), float(_NEXT_NAMED_ORDER[words[0]] - 1)


def stated_order(text: str) -> tuple[float, float] | None:
    """(low, high) of the order of magnitude a vague plural states; None if it states none."""
    words = text.lower().split()
    if not words or words[0] not in _ORDERS:
        return None
    chained = len(words) == 3 and words[1] == "of" and words[2] in VAGUE_SCALES
    low = _ORDERS[words[0]] * (VAGUE_SCALES[words[2]] if chained else 1)
    return float(low), float(10 * low)
