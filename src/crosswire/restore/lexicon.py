"""Collection casing knowledge, learnt from the cased reports of the same collection.

A lowercased report cannot say how its names are spelt, but the cased reports beside it can:
"National Water Authority", "NWA", "Mirela Dascu". The lexicon counts the cased forms of
words where casing carries information (not at a possible sentence start, where every word is
capitalised) and the surface forms of named entities found in cased text. It is plain counts, so
it merges across processes and serialises to JSON for the store.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

# A word: an initialism written with dots ("U.S.", "u.n.") or a run of letters. Hyphens and
# apostrophes split words, so "U.S.-backed" and "Saint-Lô" are cased part by part.
WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")

# A word is cased from the lexicon only when its cased forms outnumber its lowercase form by this
# factor: "Will" (a name) against "will" (the verb) must not flip the verb.
CASED_RATIO = 2.0

# Characters after which a capitalised word may be capitalised for position alone (a sentence,
# quote, bracket, line or dateline start); such title-case forms are not evidence of a name.
# A hyphen starts something only when spaced ("OSKVAR - US-backed"); "Saint-Lô" is one name.
_OPENERS = "\"'“‘«([{"
_STARTERS = ".!?:;…—–\n"

PERSON = "PERSON"  # the spaCy label whose every word is a name on its own

_SPACED_DASH = re.compile(r"\s[-—–]+\s")
_LETTER = re.compile(r"[^\W\d_]")


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as regex matches (span and surface)."""
    return WORD_RE.finditer(text)


def _possible_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` may be capitalised just for where it stands."""
    i = start - 1
    while i >= 0 and (text[i] in " \t\r" or text[i] in _OPENERS):
        i -= 1
    spaced = i < start - 1
    return i < 0 or text[i] in _STARTERS or (spaced and text[i] == "-")


# A dateline head ("OSKVAR -", "WASHINGTON, Oct 5 (AP) -") ends at a spaced dash this close to
# the start of its line; the longest seen in practice are ~75 characters.
_LINE_HEAD_RE = re.compile(r"[^\n]{1,90}?(?=\s[-—–]{1,2}\s)")


def _uncased_zones(text: str) -> list[tuple[int, int]]:
    """Spans whose casing says nothing about the words: lines with letters but no lowercase
    letter (a shouted headline) and all-caps line heads before a dash (a dateline)."""
    zones = []
    for m in re.finditer(r"[^\n]+", text):
        head = _LINE_HEAD_RE.match(m.group())
        for part in (m.group(), head.group() if head else ""):
            if _LETTER.search(part) and not any(c.islower() for c in part):
                zones.append((m.start(), m.start() + len(part)))
                break
    return zones


def _titled(form: str) -> bool:
    """Title case ("Word", "I"): the form that sentence position alone gives any word."""
    return form[0].isupper() and (len(form) == 1 or form[1:].islower())


def _same_length_lower(form: str) -> str | None:
    """``form.lower()`` when it keeps the length (casing must map one character to one)."""
    low = form.lower()
    return low if len(low) == len(form) else None


def _add(counts: dict[str, int], key: str, n: int) -> None:
    counts[key] = counts.get(key, 0) + n


class Lexicon:
    """Counts of cased word forms and of named-entity surface forms from cased reports."""

    def __init__(self) -> None:
        # Plain dicts, not Counters: a lexicon crosses to every analysis worker once a chunk, and
        # Counters pickle (and unpickle) ten times slower (measured once by hand: 0.4 s each way for
        # the lexicon of 4,000 corpus reports).
        self._forms: dict[str, dict[str, int]] = {}  # lowercase word -> form -> count
        self._names: dict[str, dict[str, int]] = {}  # surface form -> entity label -> count
        self._derived: dict[str, object] = {}  # ``derived``: kept until the counts change, never pickled

    def derived(self, key: str, compute: Callable[["Lexicon"], T]) -> T:
        """``compute(self)``, computed once and kept until the counts change. What is read off the whole
        lexicon (its names, sorted and labelled; the phrases they make) would otherwise be rebuilt for
        every report restored or analysed with it: tens of thousands of names once the collection holds
        a few thousand reports, 0.6 s a lowercased report at 4,600 (a session's measurement)."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]  # type: ignore[return-value]

    def _changed(self) -> None:
        if self._derived:
            self._derived.clear()

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_derived": {}}

    def _count_form(self, form: str, n: int = 1) -> None:
        low = _same_length_lower(form)
        if low is not None:
            self._changed()
            _add(self._forms.setdefault(low, {}), form, n)

    def observe_text(self, text: str) -> None:
        """Count the forms of the words of a cased ``text`` where the casing is the writer's.

        A capitalised word is not counted at a possible sentence start (any word is capitalised
        there), nor inside a run of capitalised words: "Authority" in "National Water Authority"
        is part of a name (kept whole by ``observe_name``), not a name on its own. Lowercase,
        ALL CAPS and mixed forms ("NWA", "McName") always count.
        """
        zones = _uncased_zones(text)  # in text order, apart
        starts = [a for a, _ in zones]

        def uncased(at: int) -> bool:
            i = bisect.bisect_right(starts, at) - 1
            return i >= 0 and at < zones[i][1]

        words = [m for m in iter_words(text) if not uncased(m.start())]
        positional = [_titled(m.group()) and _possible_start(text, m.start()) for m in words]

        def joins(a: int, b: int) -> bool:
            """Words ``a`` and ``b`` are neighbours in one run of capitalised words."""
            if a < 0 or b >= len(words):
                return False
            gap = text[words[a].end():words[b].start()]
            return (gap.isspace() and "\n" not in gap
                    and all(words[k].group()[0].isupper() and not positional[k] for k in (a, b)))

        counted = Counter(m.group() for k, m in enumerate(words)
                          if not (_titled(m.group()) and (positional[k] or joins(k - 1, k) or joins(k, k + 1))))
        for form, n in counted.items():
            self._count_form(form, n)

    def observe_name(self, name: str, label: str) -> None:
        """Record a named entity found in a cased report.

        The words of a multi-word person name also count as cased words, so "Dascu said" is
        cased from "Mirela Dascu"; the words of other names do not ("Authority"), nor do
        one-word names, which NER finds at sentence starts ("Schools" as a PERSON).
        A span across a spaced dash ("BRENHAVEN - Shares") is a dateline misread, not a name.
        """
        if _SPACED_DASH.search(name):
            return
        name = " ".join(name.split())
        if not _LETTER.search(name):
            return
        self._changed()
        _add(self._names.setdefault(name, {}), label, 1)
        words = [m.group() for m in iter_words(name)]
        if label == PERSON and len(words) > 1:
            for form in words:
                self._count_form(form)

    def case_of(self, word_lower: str) -> str | None:
        """The most frequent cased form of ``word_lower`` when cased forms clearly dominate."""
        forms = self._forms.get(word_lower)
        if not forms:
            return None
        lower = forms.get(word_lower, 0)
        cased = [(n, f) for f, n in forms.items() if f != word_lower]
        total = sum(n for n, _ in cased)
        if not cased or total < CASED_RATIO * lower:
            return None
        return min(cased, key=lambda nf: (-nf[0], nf[1]))[1]

    def knows(self, word_lower: str) -> bool:
        """Whether the collection's cased reports used ``word_lower`` at all (in any form)."""
        return word_lower in self._forms

    def words(self) -> list[str]:
        """Every word seen, lowercase."""
        return list(self._forms)

    def count_of(self, word_lower: str) -> int:
        """How often ``word_lower`` was seen, in all its forms."""
        return sum(self._forms.get(word_lower, {}).values())

    def names(self) -> tuple[tuple[str, str], ...]:
        """``(surface form, label)`` of every observed name, with its most frequent label, sorted; the
        same tuple until the counts change (so a worker's name matchers see it is the list they have)."""
        return self.derived("names", _labelled_names)

    def merge(self, other: "Lexicon") -> None:
        """Add ``other``'s counts to this lexicon (lexicons learnt in parallel combine)."""
        self._changed()
        for mine, theirs in ((self._forms, other._forms), (self._names, other._names)):
            for key, counts in theirs.items():
                kept = mine.setdefault(key, {})
                for item, n in counts.items():
                    _add(kept, item, n)

    def to_json(self) -> dict:
        return {"words": {w: dict(sorted(f.items())) for w, f in sorted(self._forms.items())},
                "names": {n: dict(sorted(c.items())) for n, c in sorted(self._names.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "Lexicon":
        lex = cls()
        lex._forms = {w: dict(f) for w, f in data.get("words", {}).items()}
        lex._names = {n: dict(c) for n, c in data.get("names", {}).items()}
        return lex

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self.to_json() == other.to_json()


def _labelled_names(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    return tuple((name, min(labels.items(), key=lambda ln: (-ln[1], ln[0]))[0])
                 for name, labels in sorted(lexicon._names.items()))
