"""Datelines (``RAQA -``, ``raqqa , syria ( reuters ) -``) and the outlet a text names itself.

A dateline is recognised by its shape, not by a gazetteer: a short run of place words (capitalised
or ALL CAPS, or any words in a fully lowercased text), optionally followed by a date and a
parenthesised agency, then a dash. Function words ("the", "said", "well") cannot be place words,
which keeps an ordinary first sentence, or a tokenized "well - known", from passing as a dateline.
"""

from __future__ import annotations

import re
from collections import Counter

from crosswire.model import Dateline
from crosswire.restore.detect import CLOSING_BRACKET, OPENING_BRACKET

# Wire agencies and the outlets that put their name in datelines: display name -> spellings as
# written in cased text. Ambiguous bare acronyms ("PA", "AA") are left out in favour of full names.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press"),
    "Xinhua": ("Xinhua",),
    "DPA": ("DPA", "dpa", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Efe"),
    "ANSA": ("ANSA",),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Yonhap": ("Yonhap",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "TASS": ("TASS", "ITAR-TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA Media": ("PA Media", "Press Association"),
    "Canadian Press": ("Canadian Press",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "Lusa": ("Lusa",),
    "Europa Press": ("Europa Press",),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "KCNA": ("KCNA",),
    "SANA": ("SANA",),
    "IRNA": ("IRNA",),
    "WAM": ("WAM",),
    "Prensa Latina": ("Prensa Latina",),
    "Notimex": ("Notimex",),
}

# Longest datelines seen in practice ("SAN FRANCISCO, California, Oct. 5, 2017 (Thomson Reuters
# Foundation) -") are ~75 characters; a dash further in belongs to a sentence.
MAX_DATELINE_CHARS = 90
# "Rio de Janeiro, Brazil" is 4 words; a longer run of capitalised words is a name or a headline.
MAX_PLACE_WORDS = 5
# An agency in parentheses is a name: "(Thomson Reuters Foundation)" is 3 words.
MAX_AGENCY_WORDS = 4
# A dateline after a page's header (a time stamp, story highlights) is looked for this far into its first line.
DATELINE_SEARCH_CHARS = 1500
# Whether a text is "fully lowercased" is judged on its opening, which is what the dateline is in.
LOWERCASE_PROBE_CHARS = 2000

# Common English words that start sentences but never name a place.
_FUNCTION_WORDS = frozenset(
    "a an the in on at of to for by with from and or but so as it he she they we i you this that "
    "these those is was are were be been not no well said says also after before when while if "
    "then there here his her their its our my your who what which one some all more most".split()
) | frozenset("gmt utc bst cet cest eet est edt cst cdt mst mdt pst pdt ist jst pm".split())  # a stamp's clock words
# Lowercase particles inside place names: "Rio de Janeiro", "Port of Spain", "Ras al-Ain".
_PLACE_PARTICLES = frozenset("de del da das do dos du la le el al es of upon on sur am an der den van von".split())

_DASH = re.compile(r"[ \t]+-{1,2}(?=\s|$)|[ \t]*--(?=\s|$)|[ \t]*[–—]")
# The agency in brackets, as written or as corpus tokens write them ("(Reuters)", "-LRB- CNN -RRB-").
_OPEN, _CLOSE = OPENING_BRACKET, CLOSING_BRACKET
_AGENCY_TAIL = re.compile(rf"{_OPEN}\s*([^()\n]{{1,40}}?)\s*{_CLOSE}\s*$")
_AGENCY_BRACKET = re.compile(rf"{_OPEN}\s*([^()\n]{{1,40}}?)\s*{_CLOSE}")
_WORD_START = re.compile(r"(?<!\S)\S")
# A month's name or abbreviation, in any case with re.IGNORECASE.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_SEGMENT = re.compile(rf"(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}|\d{{4}})", re.IGNORECASE)
_TRAILING_DATE = re.compile(rf"\s+{MONTH}\s+\d{{1,2}}\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _normalise(name: str) -> str:
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name.strip())).lower()


_BY_SPELLING = {_normalise(s): display for display, spellings in AGENCIES.items() for s in spellings}


def agency_name(written: str) -> str | None:
    """The display name of an agency as written in any case or spacing ("( reuters )" -> "Reuters")."""
    return _BY_SPELLING.get(_normalise(written))


def _is_lowercased(text: str) -> bool:
    return not any(c.isupper() for c in text[:LOWERCASE_PROBE_CHARS])


def _place_ok(words: list[str], lowercased: bool) -> bool:
    if not words or len(words) > MAX_PLACE_WORDS:
        return False
    for i, word in enumerate(words):
        if not _WORD.fullmatch(word):
            return False
        inner = 0 < i < len(words) - 1
        if inner and word in _PLACE_PARTICLES:
            continue
        if word.lower() in _FUNCTION_WORDS:
            return False
        if not lowercased and not word[0].isupper():
            return False
    return True


def _agency(written: str, lowercased: bool) -> str | None:
    """A known agency's display name, else the name as written if it looks like one ("CNN")."""
    if known := agency_name(written):
        return known
    words = written.split()
    if words and words[0].lower() == "the":  # "(The Nation)"
        words = words[1:]
    if len(words) <= MAX_AGENCY_WORDS and _place_ok(words, lowercased):
        return written
    return None


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the very start of ``text``, else one led by an agency in brackets later on the
    first line of a cased text, after what a page prints before the report (a time stamp, story
    highlights: "TRIPOLI | Mon Feb 21 , 2011 3:51 pm IST TRIPOLI -LRB- Reuters -RRB- -"), with offsets
    into ``text``; None if there is none."""
    lowercased = _is_lowercased(text)
    found = _dateline_at(text, len(text) - len(text.lstrip()), lowercased)
    if found is not None or lowercased:
        return found
    return _dateline_after_header(text)


def _dateline_after_header(text: str) -> Dateline | None:
    """A dateline whose agency in brackets and dash stand later on the first line: its place is the
    longest run of place words before the agency, after any "|" of a page's header."""
    line = text[:DATELINE_SEARCH_CHARS].split("\n", 1)[0]
    for bracket in _AGENCY_BRACKET.finditer(line):
        if _agency(bracket.group(1), False) is None or not _DASH.match(line, bracket.end()):
            continue
        floor = max(bracket.start() - MAX_DATELINE_CHARS, line.rfind("|", 0, bracket.start()) + 1)
        for word in _WORD_START.finditer(line, floor, bracket.start() + 1):
            found = _dateline_at(text, word.start(), False)
            if found is not None and found.end > bracket.end():
                return found
    return None


def _dateline_at(text: str, start: int, lowercased: bool) -> Dateline | None:
    """The dateline starting at ``start``, if one does."""
    head = text[start : start + MAX_DATELINE_CHARS].split("\n", 1)[0]
    dash = _DASH.search(head)
    if dash is None:
        return None
    prefix = head[: dash.start()]
    agency = None
    if tail := _AGENCY_TAIL.search(prefix):
        agency = _agency(tail.group(1), lowercased)
        if agency is None:
            return None
        prefix = prefix[: tail.start()]
    segments = prefix.split(",")
    while segments and _DATE_SEGMENT.fullmatch(segments[-1].strip()):
        segments.pop()
    if segments:  # "ROME Feb 21 (Reuters) -": a date written after the place without a comma
        segments[-1] = _TRAILING_DATE.sub("", segments[-1])
    place_text = ",".join(segments).rstrip()
    if not place_text.strip():
        if agency is None:
            return None
        place = None
    else:
        if not all(_place_ok(s.split(), lowercased) for s in segments):
            return None
        if sum(len(s.split()) for s in segments) > MAX_PLACE_WORDS:
            return None
        place = place_text
    return Dateline(start, start + dash.end(), place, agency)


def _spelling_pattern(spelling: str) -> str:
    """A spelling that also matches tokenized text: "ITAR - TASS", "associated  press"."""
    return r"\s+".join(re.escape(w) for w in spelling.split()).replace(r"\-", r"\s*-\s*")


_SPELLINGS = sorted({s for spellings in AGENCIES.values() for s in spellings}, key=len, reverse=True)
_NAME = "(" + "|".join(_spelling_pattern(s) for s in _SPELLINGS) + ")"
# Phrases in which a report names the agency it is from; the surrounding words match in any case.
_SELF_REFERENCES = (
    rf"(?i:\b(?:told|speaking\s+to|in\s+an\s+interview\s+with)\s+(?:the\s+)?){_NAME}\b",
    rf"\b{_NAME}(?i:\s+(?:has\s+)?reported)\b",
    rf"(?i:\b(?:an?|the)\s+){_NAME}(?i:\s+(?:reporter|correspondent|journalist|photographer))\b",
    rf"{_OPEN}\s*{_NAME}\s*{_CLOSE}",
)
_CASED_PATTERN = re.compile("|".join(_SELF_REFERENCES))
_LOWERCASED_PATTERN = re.compile("|".join(_SELF_REFERENCES), re.IGNORECASE)


def infer_outlet(text: str, dateline: Dateline | None) -> str | None:
    """The outlet a report names itself: its dateline agency, else the agency it names most often
    in "told X" / "X reported" / "an X reporter" / "(X)" (ties go to the earliest named).

    Metadata, where given, wins over this; callers use it only to fill a missing outlet. A cased
    text must spell the agency as agencies do ("AFP", not "Afp"), so a person called Sana is not SANA.
    """
    if dateline is not None and dateline.agency:
        return dateline.agency
    pattern = _LOWERCASED_PATTERN if _is_lowercased(text) else _CASED_PATTERN
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text):
        written = next(g for g in match.groups() if g is not None)
        display = agency_name(written)
        if display is not None:
            counts[display] += 1  # Counter keeps first-seen order, so ties go to the earliest
    if not counts:
        return None
    return max(counts, key=lambda name: counts[name])
