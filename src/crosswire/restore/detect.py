"""Tell the form a report comes in: as published, or as found in research corpora (lowercased,
tokenized with spaces around punctuation, quote marks stripped).

Each trait is judged from the text alone, by the share of characters that betray it, so one odd
sentence in a normal report does not flip it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TextForm:
    """Which corpus treatments a text shows."""

    lowercased: bool
    tokenized: bool
    quotes_stripped: bool

    def as_dict(self) -> dict[str, bool]:
        return asdict(self)


# Brackets as Penn Treebank tokenization writes them ("-LRB-" for "(", "-RSB-" for "]", "-LCB-" for "{";
# lowercased with the rest in some corpora): a tokenized corpus text is full of them, and they are
# punctuation, never words or parts of names.
PTB_BRACKET = re.compile(r"-[LR][RSC]B-", re.IGNORECASE)
# Each token and the bracket it stands for.
PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# Quote marks written with ASCII pairs: tokenized corpus text opens with `` and closes with ''
# ("`` We will not '' , he said"; a reading text joins them to their words: "``We will not''"), and some
# newspapers open with '' too ("called him ''a genius'' for"). ``open`` and ``close`` name each with the
# one space that may part it from its word.
ASCII_QUOTE_MARKS = re.compile(r"(?P<open>`` ?(?=\S)|(?<!\S)''(?=\w))|(?P<close>(?<=\S) ?''(?!\w))")
# A round bracket as written or as such a token, for patterns that look for one ("(Reuters)", "-LRB- CNN -RRB-").
OPENING_BRACKET, CLOSING_BRACKET = r"(?:\(|-LRB-|-lrb-)", r"(?:\)|-RRB-|-rrb-)"

# Published English prose has 2-5% capital letters (sentence starts, names); a lowercased corpus
# text has none. A few stray capitals (an unlowered "I", a URL) still count as lowercased.
LOWERCASED_MAX_UPPER_SHARE = 0.005

# Tokenized text spaces (almost) every closing mark off its word; normal text almost never does.
# Half of the marks is far from both.
TOKENIZED_MIN_SPACED_SHARE = 0.5

# A report that cites people at least this often without a single quote mark has most likely had
# its quote marks stripped; one or two "said" can be a report with only reported speech.
QUOTES_STRIPPED_MIN_SPEECH_CUES = 3

# Marks that close onto the word before: punctuation (not "1,200", "10:30" or the dots of "..."),
# clitics ("'s", "n't").
_CLOSING = re.compile(r",(?!\d)|;|:(?!\d)|!|\?|\)|\]|(?<!\.)\.(?=\s|$)"
                      r"|['’](?:s|re|ve|ll|d|m)\b|n['’]t\b")
_OPENING = re.compile(r"[(\[]")
_QUOTE = re.compile(r"[\"“”«»„‘]|``|''")
_SPEECH_CUE = re.compile(r"\b(?:said|says|told|tells|added|adds|according to|stated|declared)\b",
                         re.IGNORECASE)


def _is_lowercased(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) <= LOWERCASED_MAX_UPPER_SHARE


def _is_tokenized(text: str) -> bool:
    marks = spaced = 0
    for m in _CLOSING.finditer(text):
        marks += 1
        spaced += m.start() > 0 and text[m.start() - 1].isspace()
    for m in _OPENING.finditer(text):
        marks += 1
        spaced += m.end() < len(text) and text[m.end()].isspace()
    return spaced > 0 and spaced / marks >= TOKENIZED_MIN_SPACED_SHARE


def _is_quotes_stripped(text: str) -> bool:
    if _QUOTE.search(text):
        return False
    return len(_SPEECH_CUE.findall(text)) >= QUOTES_STRIPPED_MIN_SPEECH_CUES


def detect_form(text: str) -> TextForm:
    """The corpus treatments ``text`` shows (all False for a report as published)."""
    return TextForm(lowercased=_is_lowercased(text), tokenized=_is_tokenized(text),
                    quotes_stripped=_is_quotes_stripped(text))
