"""Give a lowercased text back its capitals, one character for one.

Evidence, strongest first: multi-word names the collection's cased reports spell ("National
Water Authority"), the caller's proper-name hints and the dateline, initialisms ("u.s." ->
"U.S."), general English (sentence starts, "I", weekdays, months, honorifics), single words the
lexicon has seen cased far more often than not, then, for a word the collection never used, how
general news spells it (the casing prior: "chinese" -> "Chinese", "clinton" -> "Clinton", learned
by ``python -m eval.casing_prior``). A word with no evidence stays lowercase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from crosswire.restore.lexicon import Lexicon, iter_words

# Words never cased from single-word lexicon evidence: "US"/"us", "IS"/"is", "WHO"/"who",
# "May"/"may" collide with the commonest English words. Inside a known multi-word name they are
# still cased ("us army" -> "US Army").
FUNCTION_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
may me might more most must my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up upon us very was we were what
when where which while who whom why will with would you your yours yourself yourselves
""".split())
_ARTICLES = frozenset({"a", "an", "the"})

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february april june july august september october november december"
                   .split())
# "may" and "march" are also a verb; they are months only after a word that introduces a date
# or before a day number ("in march", "on may 5").
AMBIGUOUS_MONTHS = frozenset({"may", "march"})
_DATE_LEADS = frozenset("in of since until till by from through early late mid last next this "
                        "during before after".split())
# Initialisms that stay lowercase in English.
LOWER_INITIALISMS = frozenset({"i.e.", "e.g.", "a.m.", "p.m.", "c.f.", "n.b."})
# Title abbreviations, capitalised before a name ("col. ryan hart" -> "Col. ryan hart").
HONORIFICS = frozenset("mr mrs ms dr prof gen col lt sgt capt maj cmdr adm brig cpl gov sen rep "
                       "rev pres supt insp".split())
# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = HONORIFICS | frozenset("st mt no vs jan feb mar apr jun jul aug sep sept oct nov "
                                       "dec approx".split())
# A bracket of at most this many words whose last word ends in a period is a label ("(R-Fla.)", "(Ariz.)"),
# not a sentence: the text after it goes on (counted once over PolNeAR's cased text, train and dev, by a session's
# script: 146 of 160 such brackets followed by a word on the same line go on with a lowercase word).
MAX_LABEL_BRACKET_WORDS = 3
_LABEL_BRACKET_REACH = 40
# When at least this share of lines ends like a sentence, the text is one sentence per line and
# every line starts a sentence (a corpus form); otherwise a line break may wrap a sentence.
LINE_SENTENCE_MIN_SHARE = 0.6
# Dateline heads name a place in at most this many words ("rio de janeiro , brazil").
MAX_DATELINE_PLACE_WORDS = 5
# A dateline with neither agency nor "place, country" comma is one or two words ("oskvar -",
# "new york -"); three bare words before a dash are more likely a sentence.
MAX_BARE_DATELINE_WORDS = 2
# Agency names this short are acronyms (AP, AFP, UPI, ANSA); longer ones are names (Xinhua).
AGENCY_ACRONYM_MAX_LETTERS = 4

_DATELINE_RE = re.compile(r"[^\S\n]*(?P<head>[^\n]{1,90}?)\s[-—–]{1,2}\s+")
_SENTENCE_END_IN_HEAD = re.compile(r"[.!?]\s")
_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’»)]}"
_LINE_END = re.compile(r"[.!?:\"'”’)]\s*$")
PRIOR_FILE = "casing_prior.txt"
_PROPER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART",
                            "LAW", "PRODUCT", "LANGUAGE"})


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    low: str


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]  # lowercase
    gaps: tuple[str, ...]  # what separates the words, whitespace removed ("-" in "Saint-Lô")
    forms: tuple[str, ...]  # cased


@lru_cache(maxsize=1)
def casing_prior() -> dict[str, str]:
    """How general news spells the words it writes cased, by lowercase word (``PRIOR_FILE``)."""
    lines = resources.files("crosswire.restore").joinpath(PRIOR_FILE).read_text(encoding="utf-8").splitlines()
    return {form.lower(): form for form in lines if form and not form.startswith("#")}


def _word_form(low: str, lexicon: Lexicon) -> str | None:
    """A single word's casing from data: the collection's lexicon where it used the word, else the prior."""
    if low in FUNCTION_WORDS:
        return None
    if lexicon.knows(low):
        return lexicon.case_of(low)
    return None if low in AMBIGUOUS_MONTHS else casing_prior().get(low)  # "march": a month by its context only


def _one_for_one(word: str, case: Callable[[str], str]) -> str:
    """``word`` re-cased letter by letter, keeping a letter whose other case has another length
    ("ß" -> "SS", "İ" -> "i̇", "ﬀ" -> "FF"): every form must fit its word one character for one."""
    return "".join(cased if len(cased := case(c)) == 1 else c for c in word)


def _title(word: str) -> str:
    return word[:1].title() + word[1:] if len(word[:1].title()) == 1 else word


def _name_form(low: str, lexicon: Lexicon) -> str:
    """A word known to be (part of) a name: as the collection spells it, else title case."""
    return lexicon.case_of(low) or _title(low)


def _recase(chars: list[str], start: int, form: str) -> None:
    """Write ``form``'s casing over the word at ``start``, character by character."""
    for k, f in enumerate(form):
        c = chars[start + k]
        if len(f) == 1 and f.lower() == c.lower():
            chars[start + k] = f


def _split(text: str) -> tuple[list[_Word], list[str]]:
    """Words of ``text`` and the whitespace-free separator before each following word."""
    words = [_Word(m.start(), m.end(), _one_for_one(m.group(), str.lower)) for m in iter_words(text)]
    gaps = ["".join(text[a.end:b.start].split()) for a, b in zip(words, words[1:])]
    return words, gaps


def _phrase(surface: str, forms_of: Callable[[str], str] | None = None) -> _Phrase | None:
    """``surface`` as a phrase to match; its forms are its own casing unless ``forms_of``.

    A leading article is dropped: NER includes it when a name opens a sentence ("The National
    Water Authority"), and it is cased by position, not as part of the name.
    """
    words, gaps = _split(surface)
    if words and words[0].low in _ARTICLES:
        words, gaps = words[1:], gaps[1:]
    if not words:
        return None
    forms = tuple(surface[w.start:w.end] if forms_of is None else forms_of(w.low) for w in words)
    return _Phrase(tuple(w.low for w in words), tuple(gaps), forms)


def _dateline(text: str, words: list[_Word]) -> tuple[int, list[int], list[int]] | None:
    """End of a dateline head, with the indices of its place words and its agency words."""
    m = _DATELINE_RE.match(text)
    if not m or _SENTENCE_END_IN_HEAD.search(m.group("head")):
        return None
    head = m.group("head")
    paren = head.find("(")
    agency_from = m.start("head") + paren if paren >= 0 else m.end("head")
    place = [i for i, w in enumerate(words) if w.end <= agency_from]
    agency = [i for i, w in enumerate(words) if agency_from < w.start and w.end <= m.end("head")]
    if not place or len(place) > MAX_DATELINE_PLACE_WORDS:
        return None
    if any(words[i].low in FUNCTION_WORDS for i in place):
        return None  # "the toll - officials said - rose" is a sentence, not a place
    if not agency and "," not in head and len(place) > MAX_BARE_DATELINE_WORDS:
        return None
    return m.end(), place, agency


def _per_line(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return False
    ended = sum(1 for ln in lines if _LINE_END.search(ln))
    return ended / len(lines) >= LINE_SENTENCE_MIN_SHARE


def _short_bracket(text: str, period: int) -> bool:
    """Whether the period at ``period`` closes a short bracketed label on its line (``MAX_LABEL_BRACKET_WORDS``)."""
    opened = text.rfind("(", max(0, period - _LABEL_BRACKET_REACH), period)
    inside = text[opened + 1:period]
    return opened >= 0 and not any(c in inside for c in ")\n") and len(inside.split()) <= MAX_LABEL_BRACKET_WORDS


def _starts_sentence(text: str, words: list[_Word], j: int, per_line: bool, after: int) -> bool:
    """Whether word ``j`` opens a sentence (``after`` is where the dateline's dash ends)."""
    i = words[j].start - 1
    while i >= 0 and text[i] in " \t\r" + _OPENERS:
        i -= 1
    if i < 0 or words[j].start == after:
        return True
    if text[i] == "\n":
        if per_line:
            return True
        i -= 1
        while i >= 0 and text[i] in " \t\r":
            i -= 1
        if i < 0 or text[i] == "\n":
            return True  # a blank line: a new paragraph
    closed_at = i
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i < 0 or text[i] not in ".!?":
        return False
    if text[i] != ".":
        return True
    if text[i - 1:i] == ".":
        return False  # an ellipsis: the sentence may go on
    if text[closed_at] == ")" and _short_bracket(text, i):
        return False  # "sen. marco rubio (r-fla.) said": the period ends an abbreviation in a label
    prev = words[j - 1] if j else None
    if prev is not None and prev.end in (i, i + 1):  # the period closes "said", "u.s." or "col."
        return "." not in prev.low and prev.low not in ABBREVIATIONS
    return True


def _general_form(text: str, words: list[_Word], j: int) -> str | None:
    """The casing general English gives word ``j``, if any."""
    w = words[j].low
    following = text[words[j].end:words[j].end + 1]
    if "." in w:
        return None if w in LOWER_INITIALISMS else _one_for_one(w, str.upper)
    if w == "i":
        return "I"
    if w in WEEKDAYS or w in MONTHS:
        return _title(w)
    if w in AMBIGUOUS_MONTHS:
        before = words[j - 1].low if j else ""
        after = text[words[j].end:words[j].end + 3].strip()
        if before in _DATE_LEADS or after[:1].isdigit():
            return _title(w)
    if w in HONORIFICS and following == ".":
        return _title(w)
    return None


def _dateline_forms(text: str, words: list[_Word], lexicon: Lexicon
                    ) -> tuple[dict[int, str], dict[str, str], int]:
    """Forms for the dateline's words, the agency's forms as hints for the whole text (it is
    often named again: "told xinhua"), and where the dateline ends (-1 without one)."""
    found = _dateline(text, words)
    if found is None:
        return {}, {}, -1
    end, place, agency = found
    forms = {i: _name_form(words[i].low, lexicon) for i in place}
    hints: dict[str, str] = {}
    for i in agency:
        low = words[i].low
        acronym = len(low) <= AGENCY_ACRONYM_MAX_LETTERS and "." not in low
        guessed = _one_for_one(low, str.upper) if acronym else _title(low)
        hints[low] = forms[i] = lexicon.case_of(low) or guessed
    return forms, hints, end


def _phrase_order(p: _Phrase) -> tuple[int, tuple[str, ...]]:
    return -len(p.words), p.forms  # the longest first


def _by_first(phrases: Iterable[_Phrase]) -> dict[str, list[_Phrase]]:
    """``phrases`` by their first word, each word's in the order they are tried (``_phrase_order``)."""
    by_first: dict[str, list[_Phrase]] = {}
    for p in sorted(phrases, key=_phrase_order):
        by_first.setdefault(p.words[0], []).append(p)
    return by_first


def _lexicon_phrases(lexicon: Lexicon) -> dict[str, list[_Phrase]]:
    """The lexicon's proper names of two words or more as phrases, by first word: built once per
    lexicon (``Lexicon.derived``), not for every report restored with it."""
    return _by_first(p for name, label in lexicon.names()
                     if label in _PROPER_LABELS and (p := _phrase(name)) and len(p.words) > 1)


def _phrase_forms(words: list[_Word], gaps: list[str], known: dict[str, list[_Phrase]],
                  hinted: dict[str, list[_Phrase]]) -> dict[int, str]:
    """Forms for the words covered by phrases (the lexicon's, ``known``, and the report's own hints,
    ``hinted``, each made by ``_by_first``), longest phrase first, left to right."""

    def tried(first: str) -> Sequence[_Phrase]:
        own = hinted.get(first)
        return known.get(first, ()) if not own else sorted([*known.get(first, ()), *own], key=_phrase_order)

    def matches(p: _Phrase, j: int) -> bool:
        k = len(p.words)
        return (j + k <= len(words) and all(words[j + t].low == p.words[t] for t in range(k))
                and tuple(gaps[j:j + k - 1]) == p.gaps)

    forms: dict[int, str] = {}
    j = 0
    while j < len(words):
        match = next((p for p in tried(words[j].low) if matches(p, j)), None)
        if match is None:
            j += 1
            continue
        for t, form in enumerate(match.forms):
            forms[j + t] = form
        j += len(match.words)
    return forms


def truecase(text: str, lexicon: Lexicon | None = None, *, proper: Iterable[str] = ()) -> str:
    """``text`` (lowercased) with capitals restored; the result has the same length."""
    lexicon = Lexicon() if lexicon is None else lexicon
    words, gaps = _split(text)
    if not words:
        return text

    cased, hints, dateline_end = _dateline_forms(text, words, lexicon)
    extra = []
    for hint in proper:
        p = _phrase(hint.lower(), lambda low: _name_form(low, lexicon))
        if p and len(p.words) > 1:
            extra.append(p)
        elif p:
            hints[p.words[0]] = p.forms[0]
    known = lexicon.derived("truecase.phrases", _lexicon_phrases)
    cased = _phrase_forms(words, gaps, known, _by_first(extra)) | cased

    chars = list(text)
    for j, w in enumerate(words):
        form = cased.get(j) or hints.get(w.low) or _general_form(text, words, j) or _word_form(w.low, lexicon)
        if form is not None:
            _recase(chars, w.start, form)
    per_line = _per_line(text)
    for j, w in enumerate(words):
        if _starts_sentence(text, words, j, per_line, dateline_end):
            _recase(chars, w.start, _title(chars[w.start]))
    return "".join(chars)
