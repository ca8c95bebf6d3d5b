"""Rewrite a cased text into research-corpus form (lowercased, tokenized, quote marks stripped),
keeping the origin of every character so gold spans can be carried into the rewritten text.

This is how the quote scorer measures what the corpus form costs: the same articles and the same
gold, once as published and once as the corpora give them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Quote marks the corpus form strips (straight, curly, guillemets, LaTeX-style pairs).
QUOTE_TOKENS = frozenset({'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "``", "''", "'", "\u2018",
                          "\u2019", "`"})

# PTB-style tokens: clitics split off ("do n't", "Trump 's"), numbers keep their inner dots and
# commas, words keep inner hyphens and apostrophes (not a clitic's), anything else is one character.
_APOSTROPHE = "['\u2019]"
_CLITIC_SUFFIX = r"(?:s|re|ve|ll|d|m)\b"
_TOKEN = re.compile(
    rf"\w+(?=n{_APOSTROPHE}t\b)|n{_APOSTROPHE}t\b|{_APOSTROPHE}{_CLITIC_SUFFIX}"
    r"|\d+(?:[.,]\d+)*(?!\w)"
    rf"|\w+(?:(?:-|{_APOSTROPHE}(?!{_CLITIC_SUFFIX}))\w+)*"
    r"|``|''|\S",
    re.IGNORECASE | re.UNICODE,
)


@dataclass(frozen=True)
class Rewritten:
    """The rewritten text and, per character, its offset in the original (``-1``: an added space)."""

    text: str
    origins: tuple[int, ...]

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The rewritten span covering original ``[start, end)``, or None if nothing of it survives."""
        inside = [i for i, o in enumerate(self.origins) if start <= o < end]
        if not inside:
            return None
        return inside[0], inside[-1] + 1


def _lower(char: str) -> str:
    """Lowercase one character for one (a few characters lowercase to two; those stay as they are)."""
    low = char.lower()
    return low if len(low) == 1 else char


def corpus_form(text: str) -> Rewritten:
    """Lowercase, split into space-separated tokens, drop quote-mark tokens; keep line breaks."""
    out: list[str] = []
    origins: list[int] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        if m.group() in QUOTE_TOKENS:
            continue
        if out:
            sep = "\n" if "\n" in text[last_end:m.start()] else " "
            out.append(sep)
            origins.append(-1)
        for i in range(m.start(), m.end()):
            out.append(_lower(text[i]))
            origins.append(i)
        last_end = m.end()
    return Rewritten("".join(out), tuple(origins))
