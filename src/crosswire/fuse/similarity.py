"""Text similarity for fusion: name keys, spelling/phonetic likeness of names, and bags of words.

Outlets spell one name many ways (transliteration: Qaddafi / Gaddafi / Kadhafi; casing and
tokenization: "U.S.-led" / "u.s. -led"), so names are compared through a normalised *key*, an
edit-distance ratio and a small phonetic key. Sentences and figure contexts are compared as bags
of content words. Everything here is general English; nothing knows any story's names.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crosswire.restore.detect import PTB_BRACKET

# Leading words that are not part of a name ("the Pentagon" = "Pentagon").
_LEADING_ARTICLES = ("the ",)
# Trailing generic designators news style appends to a name ("the Islamic State group") and
# companies' legal forms ("Boeing Co.", "AirTanker Ltd.", "Aer Lingus Group PLC"): dropping them
# from the key lets the bare name match; the surface form is kept as an alias. Spelled-out forms
# ("Corporation", "Company") stay: they are part of names and of their acronyms (FDIC, BBC).
_TRAILING_DESIGNATORS = frozenset({"group", "inc", "corp", "co", "ltd", "plc", "llc", "nv", "ag", "sa"})
# Words that never start a multi-word name's initials ("Physicians for Human Rights" = PHR).
_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "in", "on", "at", "to", "a", "an", "de", "al"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_WORD = re.compile(r"[a-z0-9]+")


def _ascii_fold(text: str) -> str:
    """Drop accents: 'Zürich' and 'Zurich' are one spelling for matching purposes."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """Normalised form of a name: case-folded, no dots/possessives/leading "the", tokenization undone.

    ``"U.S.-led"``, ``"u.s. -led"`` and ``"US-led"`` all give ``"us-led"``; ``"Syria’s"`` gives ``"syria"``.
    """
    s = _ascii_fold(text).translate(_APOSTROPHES).casefold()
    s = re.sub(r"\s*'s\b|(?<=s)'(?=\s|$)", "", s)  # possessives, also tokenized "raqqa 's"
    s = s.replace(".", "").replace("'", "")
    s = re.sub(r"\s*-\s*", "-", s)  # tokenized hyphens "u.s. - led"
    s = re.sub(r"[^a-z0-9\- ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" -")
    for article in _LEADING_ARTICLES:
        if s.startswith(article):
            s = s[len(article):]
    words = s.split(" ")
    while len(words) > 1 and words[-1] in _TRAILING_DESIGNATORS:
        words.pop()
    return " ".join(words).strip(" -")


def has_legal_form(text: str) -> bool:
    """Whether a name ends in a company's legal form ("Transocean Ltd.", "BP Plc"): an organisation,
    whatever NER made of its bare name."""
    words = re.sub(r"[^a-z0-9]+", " ", _ascii_fold(text).casefold()).split()
    return len(words) > 1 and words[-1] in _TRAILING_DESIGNATORS


# Titles before a person's name; "Col. Ryan Dillon" and "Ryan Dillon" share the core "ryan dillon".
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady president gov governor sen senator rep "
    "col colonel gen general lt lieutenant maj major capt captain sgt sergeant adm admiral cmdr "
    "commander rev reverend pope king queen prince princess minister chancellor judge justice mayor"
    .split())


# Familiar forms of English first names and the formal names they shorten ("Ed Markey" is "Edward
# Markey"); general English usage, the common forms only. A familiar form may shorten several names
# ("Ted": Edward or Theodore), so a story joins it to a formal name only where one fits.
_FIRST_NAME_FORMS = {
    "al": "albert alan alfred", "alex": "alexander", "andy": "andrew", "ben": "benjamin", "bill": "william",
    "billy": "william", "bob": "robert", "bobby": "robert", "charlie": "charles", "chris": "christopher",
    "chuck": "charles", "dan": "daniel", "danny": "daniel", "dave": "david", "dick": "richard", "don": "donald",
    "ed": "edward edwin edmund", "eddie": "edward", "fred": "frederick", "greg": "gregory", "hank": "henry",
    "jack": "john", "jeff": "jeffrey", "jerry": "gerald jerome", "jim": "james", "jimmy": "james", "joe": "joseph",
    "jon": "jonathan", "ken": "kenneth", "larry": "lawrence", "liz": "elizabeth",
    "matt": "matthew", "mike": "michael", "nick": "nicholas", "pat": "patrick patricia", "pete": "peter",
    "rick": "richard", "rob": "robert", "ron": "ronald", "sam": "samuel samantha", "steve": "stephen steven",
    "sue": "susan", "ted": "edward theodore", "tim": "timothy", "tom": "thomas", "tony": "anthony",
    "vince": "vincent", "walt": "walter", "will": "william",
}
FIRST_NAME_FORMS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _FIRST_NAME_FORMS.items()}


def name_core(key: str) -> tuple[str, ...]:
    """A name key's words without leading titles ("col ryan dillon" -> ("ryan", "dillon"))."""
    words = key.replace("-", " ").split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


def initials(key: str, *, skip_function_words: bool) -> str:
    """First letters of a multi-word key's words ("syrian democratic forces" -> "sdf")."""
    words = [w for part in key.split() for w in part.split("-") if w]
    if skip_function_words:
        words = [w for w in words if w not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words)


# Phonetic key: spellings that transliterate one sound differently collapse to one letter
# ("sh" and "s", as in Soundex, since romanisations of one name often disagree on it).
# Order matters: digraphs first, then single letters.
_DIGRAPHS = (("tch", "x"), ("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
             ("ch", "x"), ("ck", "k"))
_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "k", "z": "s", "v": "f"})
_VOWELS = frozenset("aeiou")
_SILENT = frozenset("aeiouyh")  # after the first letter: vowels, "y" (Husayn/Hussein) and "h"


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A soundex-like key: mapped first letter, then the consonant skeleton without repeats.

    'raqa' and 'raqqa' -> 'rk'; 'qaddafi', 'gaddafi', 'kadhafi' -> 'kdf'; 'zawiya' -> 'sw'.
    """
    s = "".join(_WORD.findall(_ascii_fold(word).casefold()))
    for digraph, sound in _DIGRAPHS:
        s = s.replace(digraph, sound)
    s = s.translate(_LETTERS)
    if not s:
        return ""
    out = ["a" if s[0] in _VOWELS else s[0]]  # "Osama"/"Usama": an initial vowel is just a vowel
    for ch in s[1:]:
        if ch not in _SILENT and out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def transliteration_key(word: str) -> str:
    """A spelling key that keeps the vowels: romanisations of one name that differ only in how they write
    one sound ('Qadhafi', 'Gaddafi', 'Kadhafi', 'Gadafy' -> 'kadafi') share it, while a name with other
    sounds ('Gaddadfa', Gaddafi's tribe, -> 'kadadfa') does not, as it shares the consonant skeleton of
    ``phonetic_key``."""
    s = "".join(_WORD.findall(_ascii_fold(word).casefold()))
    for digraph, sound in _DIGRAPHS:
        s = s.replace(digraph, sound)
    s = re.sub(r"(.)\1+", r"\1", s.translate(_LETTERS))
    return s[:-1] + "i" if s.endswith("y") and len(s) > 2 else s


def edit_ratio(a: str, b: str) -> float:
    """Similarity in [0, 1] from matching characters (difflib's ratio)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# A token shorter than this is never fuzzily matched: short names (John/Joan, Ali/Aly, US/USA)
# differ in one letter yet are different names or abbreviations.
MIN_FUZZY_TOKEN_LEN = 4
# The longer of two differing tokens must reach this, for the same reason.
MIN_FUZZY_LONGER_LEN = 5
# Spelling variants sound alike (equal phonetic keys) and share most letters: "Raqa"/"Raqqa" 0.89,
# "Kadhafi"/"Gaddafi" 0.71, "Libya"/"Lybia" 0.60. Names that merely sound alike share fewer
# ("Mahmudi"/"Mohammed" 0.53, "Bahrain"/"Brian" 0.50).
PHONETIC_EDIT_RATIO = 0.6
# Letters a respelling may append to a name ("Zawiya"/"Zawiyah"); any other ending added to a
# whole name derives a different word ("Tunis"/"Tunisia", "Niger"/"Nigeria", "Libya"/"Libyan").
_RESPELLING_TAILS = frozenset("h")


def _derived(shorter: str, longer: str) -> bool:
    """``longer`` is ``shorter`` plus an ending (not a respelling of it)."""
    if not longer.startswith(shorter):
        return False
    tail = longer[len(shorter):]
    return not (len(tail) == 1 and (tail in _RESPELLING_TAILS or tail == shorter[-1]))


def tokens_alike(a: str, b: str) -> bool:
    """Two name tokens are one name spelled two ways: they sound alike and share most letters."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if (len(shorter) < MIN_FUZZY_TOKEN_LEN or len(longer) < MIN_FUZZY_LONGER_LEN
            or any(ch.isdigit() for ch in a + b) or _derived(shorter, longer)):
        return False
    pa, pb = phonetic_key(a), phonetic_key(b)
    # the lengths bound the ratio from above: skip the costly matching when they rule it out
    return (pa == pb and len(pa) >= 2 and 2 * len(shorter) / (len(a) + len(b)) >= PHONETIC_EDIT_RATIO
            and edit_ratio(a, b) >= PHONETIC_EDIT_RATIO)


def names_alike(a: str, b: str) -> bool:
    """Two name keys are spelling variants: same number of words, each pair alike."""
    ta, tb = a.replace("-", " ").split(), b.replace("-", " ").split()
    return len(ta) == len(tb) and bool(ta) and all(tokens_alike(x, y) for x, y in zip(ta, tb))


# A possessive inside a name: "Gaddafi's son", "gaddafi 's son", "the rebels' leader" (not "O'Neill").
_POSSESSIVE = re.compile(r"['\u2019`]s?\s+(?=\w)")


def _possessed(name: str) -> str:
    """What a name with a possessive names: "Libya's Moammar Gaddafi" names Gaddafi, and
    "Gaddafi's son" names no Gaddafi ("son")."""
    return _POSSESSIVE.split(name)[-1]


def name_fits(query: str, name: str) -> bool:
    """``name`` (as written anywhere) may name what a user asks for by ``query``: every word of one
    is a spelling of a word of the other, and the query's last word (a surname, the head of an
    organisation's name) is among them. "Gadhafi" fits "Moammar Gaddafi" and "President Obama"
    fits "Barack Obama", but "Barack" alone does not: a first name says too little."""
    asked, found = name_core(name_key(_possessed(query))), name_core(name_key(_possessed(name)))
    if not asked or not found:
        return False

    def within(words: tuple[str, ...], others: tuple[str, ...]) -> bool:
        return all(any(tokens_alike(w, o) for o in others) for w in words)

    return any(tokens_alike(asked[-1], w) for w in found) and (within(asked, found) or within(found, asked))


# --------------------------------------------------------------------------- bags of words


def content_words(text: str) -> list[str]:
    """Lowercase content words with a crude plural strip, so 'Fighters' and 'fighter' count as one;
    corpus bracket tokens ("-LRB-") are punctuation, not the words "lrb" and "rrb"."""
    words = []
    for w in _WORD.findall(_ascii_fold(PTB_BRACKET.sub(" ", text)).casefold()):
        if w in ENGLISH_STOP_WORDS or w.isdigit() or len(w) < 2:
            continue
        words.append(singular(w))
    return words


def singular(word: str) -> str:
    """'fighters' -> 'fighter', 'cities' -> 'city'; leaves 'us', 'news', 'process' alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")):
        return word[:-1]
    return word


def cosine(a: Counter[str] | dict[str, float], b: Counter[str] | dict[str, float]) -> float:
    """Cosine of two sparse vectors."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(v * large.get(k, 0.0) for k, v in small.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
