"""Time expressions in news text, resolved against the publication date.

News rules come first because a general date parser gets news wrong: a bare weekday in a report
means the most recent such day on or before publication (never next week), "over the weekend"
and "overnight" are not in its vocabulary, and it will read "we", "a month" or a modal "may" as
dates. Candidates are therefore found by our own patterns, and ``dateparser`` only parses the
explicit calendar dates those patterns isolate ("October 16, 2017", "16 Oct", "Oct. 5").

Conventions:
- spans cover the time words without a leading preposition ("Monday", "the weekend",
  "earlier this month", "June", "2014"), but keep modifiers that change the date ("last Monday");
- a bare weekday lies ahead where its clause does (a modal, a verb of planning: "will meet on Tuesday") or where it
  owns an event a day or two ahead that is not told as done ("flew in for Friday's wedding", written on Thursday);
- "overnight" is dated on the publication day (the night that ends on it); "last night" on the
  day before;
- a weekend is dated by its Saturday with precision "day" (the vocabulary has no two-day span):
  the most recent Saturday on or before publication, or the next one for "next/coming weekend";
- a month without a year is the most recent such month not after publication; a day-and-month
  without a year prefers the past the same way;
- durations ("in less than a month", "for months", "the coming days") are not dates and are skipped;
- without a publication date, anything needing an anchor gets ``value=None, relative=True``;
  fusion dates such a report from its text without a parse (``resolve_without_year``, ``speaks_ahead``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser
from spacy.tokens import Doc

from crosswire.analyze.nlp import doc_text, lemma_of
from crosswire.analyze.numbers import NUMBER_PATTERN, parse_number
from crosswire.model import Precision, TimeRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_NUMBERS = {m: i + 1 for i, m in enumerate(MONTHS)}
# Month names that are also common English words: only dates with a preposition or a number.
_AMBIGUOUS_MONTHS = ("may", "march")
_SATURDAY = 5  # date.weekday() of Saturday
_DAYS_PER_WEEK = 7
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1, "overnight": 0}
_DATEPARSER_LANGUAGES = ["en"]
# Entity labels under which a time word is part of a name ("Bloody Sunday", "the Sunday Times").
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC"})

_MONTH_NAME = "|".join(MONTHS)
_MONTH_ANY = rf"(?:{_MONTH_NAME}|(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?P<ordinal>st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_MONTH_PREPOSITIONS = r"in|since|by|until|till|during|through|from|early|late|mid|of|before|after"
_YEAR_PREPOSITIONS = rf"{_MONTH_PREPOSITIONS}|summer|winter|spring|autumn|fall|end"


@dataclass(frozen=True)
class _Resolved:
    value: str | None
    precision: Precision
    relative: bool


_Resolver = Callable[[re.Match[str], "dt.date | None"], "_Resolved | None"]


def find_times(doc: Doc, published: dt.date | None) -> list[TimeRef]:
    """Every time expression in ``doc`` (offsets into ``doc.text``), in text order.

    Overlapping candidates are settled longest first ("October 16, 2017" over "2017").
    """
    text = doc_text(doc)
    candidates: list[tuple[int, int, _Resolved]] = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(text):
            resolved = resolve(match, published)
            if resolved is not None and published and (_future(doc, match.start("t"), match.end("t")) or (
                    resolve is _weekday and _owns_a_coming_event(doc, match, published))):
                resolved = _ahead(match, resolve, published) or resolved
            if resolved is not None and not _inside_name(doc, match.start("t"), match.end("t")):
                candidates.append((match.start("t"), match.end("t"), resolved))
    candidates += _year_entities(doc)
    kept: list[tuple[int, int, _Resolved]] = []
    for start, end, resolved in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, resolved))
    return [
        TimeRef(start=s, end=e, text=text[s:e], value=r.value, precision=r.precision, relative=r.relative)
        for s, e, r in sorted(kept, key=lambda c: (c[0], c[1]))
    ]


# How many days before a weekday a report may name an event of it by that day alone ("Friday's wedding" on a
# Thursday), not tuned: tomorrow and the day after.
OWNED_AHEAD_DAYS = 2
# Modal auxiliaries that put a bare weekday ahead of the report ("will meet on Tuesday", and in
# reported speech "said it would release funds on Tuesday").
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
# Verbs of planning or forecasting: what they govern lies ahead ("plans to vote on Friday",
# "forecasters expect rain on Tuesday").
_PLAN_VERBS = frozenset({"plan", "expect", "schedule", "due", "intend", "aim", "hope", "forecast", "predict"})
# Plain-text reading of those cues (``speaks_ahead``): words, and the most characters an inflection adds
# to a planning verb's lemma ("plan" + "ning").
_PLAIN_WORD = re.compile(r"\w+|'\w+")
_INFLECTION_CHARS = 4


def _ahead(match: re.Match[str], resolve: _Resolver, published: dt.date) -> _Resolved | None:
    """A bare weekday or month in a future clause: the next one, not the last one."""
    if match.groupdict().get("mod") or match.groupdict().get("year"):
        return None
    if resolve is _weekday:
        return _Resolved(_next_weekday(published, WEEKDAYS.index(match["day"].lower())).isoformat(), "day", False)
    if resolve is _month:
        month = _MONTH_NUMBERS[match["month"].lower()]
        return _Resolved(_month_value(published.year + (month <= published.month), month), "month", False)
    return None


def speaks_ahead(text: str) -> bool:
    """Whether plain text (no parse at hand) holds a cue ``_future`` reads from a parse: a future modal,
    or a verb of planning in any inflection ("planned", "expects"). Wider than the parse ("planet",
    "won" are cues too), so a caller that drops what lies ahead drops too much, never too little."""
    lowered = text.casefold().replace("\u2019", "'")
    words = _PLAIN_WORD.findall(lowered)
    return "won't" in lowered or any(
        w in _FUTURE_AUX or any(w[:len(w) - k] in _PLAN_VERBS for k in range(_INFLECTION_CHARS + 1)) for w in words)


def resolve_without_year(text: str, anchor: dt.date) -> tuple[str, Precision] | None:
    """A month or a day of a month written without its year ("July", "16 Oct"), as a report published on
    ``anchor`` reads it (the most recent one not after it): (value, precision). None for anything else:
    a weekday or "last week" counts from the writing itself, and "next June" lies ahead of it."""
    for pattern, resolve in _RULES:
        if resolve not in (_month, _calendar_date):
            continue
        match = pattern.fullmatch(text)
        if match is None or match["year"] or (match.groupdict().get("mod") or "").lower() == "next":
            continue
        resolved = resolve(match, anchor)
        if resolved is not None and resolved.value:
            return resolved.value, resolved.precision
    return None


def _future(doc: Doc, start: int, end: int) -> bool:
    """The clause holding this time expression speaks of the future (modal or plan verb)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for token in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if token is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children):
            return True
        if lemma_of(token).lower() in _PLAN_VERBS:
            return True
    return False


def _owns_a_coming_event(doc: Doc, match: re.Match[str], published: dt.date) -> bool:
    """"flew in for Friday's wedding" in a report of Thursday: a bare weekday that owns what happens on it, in a
    report written at most ``OWNED_AHEAD_DAYS`` before the next such day, is that day (the same weekday almost a
    week back would be "last Friday's"), unless what it owns is told as done ("Friday's attack killed 20")."""
    if match["mod"]:
        return False
    span = doc.char_span(match.start("t"), match.end("t"), alignment_mode="expand")
    ahead = (WEEKDAYS.index(match["day"].lower()) - published.weekday()) % _DAYS_PER_WEEK
    if span is None or span.root.dep_ != "poss" or not 0 < ahead <= OWNED_AHEAD_DAYS:
        return False
    owned = span.root.head
    return not (owned.dep_ in ("nsubj", "nsubjpass") and (owned.head.tag_ in ("VBD", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in owned.head.children)))


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """"Bloody Sunday", "the Sunday Times": a time word that is part of a name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in _NAME_LABELS for t in span)


# --------------------------------------------------------------------------- anchoring


def _anchored(
    published: dt.date | None, precision: Precision, make: Callable[[dt.date], str]
) -> _Resolved:
    """A value computed from the publication date, or a relative reference without one."""
    if published is None:
        return _Resolved(None, precision, True)
    return _Resolved(make(published), precision, False)


def _iso_week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _recent_weekday(published: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    """The most recent ``weekday`` on or before ``published`` (before, if ``strictly_before``)."""
    back = (published.weekday() - weekday) % _DAYS_PER_WEEK
    if back == 0 and strictly_before:
        back = _DAYS_PER_WEEK
    return published - dt.timedelta(days=back)


def _next_weekday(published: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - published.weekday()) % _DAYS_PER_WEEK or _DAYS_PER_WEEK
    return published + dt.timedelta(days=ahead)


# --------------------------------------------------------------------------- rules


def _weekday(match: re.Match[str], published: dt.date | None) -> _Resolved:
    weekday = WEEKDAYS.index(match["day"].lower())
    modifier = (match["mod"] or "").lower()
    if modifier == "next":
        return _anchored(published, "day", lambda p: _next_weekday(p, weekday).isoformat())
    strictly = modifier in ("last", "past")
    return _anchored(published, "day", lambda p: _recent_weekday(p, weekday, strictly).isoformat())


def _day_word(match: re.Match[str], published: dt.date | None) -> _Resolved:
    offset = _DAY_WORDS[" ".join(match["t"].lower().split())]
    return _anchored(published, "day", lambda p: (p + dt.timedelta(days=offset)).isoformat())


def _weekend(match: re.Match[str], published: dt.date | None) -> _Resolved:
    modifier = (match["mod"] or "").lower()
    if modifier in ("next", "coming"):
        return _anchored(published, "day", lambda p: _next_weekday(p, _SATURDAY).isoformat())

    def saturday(p: dt.date) -> dt.date:
        recent = _recent_weekday(p, _SATURDAY)
        in_weekend = (p - recent).days <= 1
        return recent - dt.timedelta(days=_DAYS_PER_WEEK) if modifier == "last" and in_weekend else recent

    return _anchored(published, "day", lambda p: saturday(p).isoformat())


def _relative_period(match: re.Match[str], published: dt.date | None) -> _Resolved:
    """"last week", "this month", "earlier this year", "next week"."""
    step = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    unit = match["unit"].lower()
    if unit == "week":
        return _anchored(published, "week", lambda p: _iso_week(p + dt.timedelta(weeks=step)))
    if unit == "month":
        return _anchored(published, "month", lambda p: _month_value(*_shift_month(p, step)))
    return _anchored(published, "year", lambda p: f"{p.year + step:04d}")


def _ago(match: re.Match[str], published: dt.date | None) -> _Resolved | None:
    """"three years ago", "a week ago"."""
    count = 1.0 if match["n"].lower() in ("a", "an") else parse_number(match["n"])
    if count is None or not count.is_integer():
        return None
    n = int(count)
    unit = match["unit"].lower()
    if unit == "day":
        return _anchored(published, "day", lambda p: (p - dt.timedelta(days=n)).isoformat())
    if unit == "week":
        return _anchored(published, "week", lambda p: _iso_week(p - dt.timedelta(weeks=n)))
    if unit == "month":
        return _anchored(published, "month", lambda p: _month_value(*_shift_month(p, -n)))
    return _anchored(published, "year", lambda p: f"{p.year - n:04d}")


def _month(match: re.Match[str], published: dt.date | None) -> _Resolved | None:
    """"in June" (the most recent June not after publication), "next June", "June 2017"."""
    name = match["month"].lower()
    if name in _AMBIGUOUS_MONTHS and not (match["prep"] or match["year"]):
        return None  # "may" the modal, "march" the verb
    month = _MONTH_NUMBERS[name]
    if match["year"]:
        return _Resolved(_month_value(int(match["year"]), month), "month", False)
    upcoming = (match["mod"] or "").lower() == "next"

    def value(p: dt.date) -> str:
        if upcoming:
            return _month_value(p.year if month > p.month else p.year + 1, month)
        return _month_value(p.year if month <= p.month else p.year - 1, month)

    return _anchored(published, "month", value)


def _calendar_date(match: re.Match[str], published: dt.date | None) -> _Resolved | None:
    """An explicit day and month ("October 16, 2017", "16 Oct", "Oct. 5"), parsed by dateparser."""
    if match["month"].lower() in _AMBIGUOUS_MONTHS and not (match["year"] or match["ordinal"]):
        if match.start("month") > match.start("t"):
            return None  # "those 5 may leave": a count and a modal, not a date
    if match["year"] is None and published is None:
        return _Resolved(None, "day", True)
    base = published or dt.date(int(match["year"]), 1, 1)
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(match["t"], languages=_DATEPARSER_LANGUAGES, settings=settings)
    if parsed is None:
        return None
    return _Resolved(parsed.date().isoformat(), "day", False)


def _iso_date(match: re.Match[str], published: dt.date | None) -> _Resolved | None:
    try:
        return _Resolved(dt.date.fromisoformat(match["t"]).isoformat(), "day", False)
    except ValueError:
        return None


def _year(match: re.Match[str], published: dt.date | None) -> _Resolved:
    return _Resolved(match["year"], "year", False)


def _year_entities(doc: Doc) -> list[tuple[int, int, _Resolved]]:
    """Bare years the tagger marks as dates ("the 2014 offensive"), beyond the prepositional rule."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        for token in ent:
            if re.fullmatch(_YEAR, token.text):
                found.append((token.idx, token.idx + len(token), _Resolved(token.text, "year", False)))
    return found


def _rule(pattern: str) -> re.Pattern[str]:
    """Word-bounded, case-insensitive; the group ``t`` is the span reported."""
    return re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.IGNORECASE | re.VERBOSE)


_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_rule(rf"(?P<t>(?:(?P<mod>last|next|this|past)\s+)?(?P<day>{'|'.join(WEEKDAYS)}))"), _weekday),
    (_rule(r"(?P<t>today|tonight|yesterday|tomorrow|last\s+night|overnight)"), _day_word),
    (_rule(r"(?P<t>(?:the|(?P<mod>this|last|next|coming))\s+weekend)"), _weekend),
    (
        _rule(r"(?P<t>(?:(?:earlier|later)\s+)?(?P<rel>last|this|next)\s+(?P<unit>week|month|year))"),
        _relative_period,
    ),
    (_rule(rf"(?P<t>(?P<n>an?|{NUMBER_PATTERN})\s+(?P<unit>day|week|month|year)s?\s+ago)"), _ago),
    (
        _rule(
            rf"(?:(?P<prep>{_MONTH_PREPOSITIONS})[\s-]+)?"
            rf"(?P<t>(?:(?P<mod>last|next|this)\s+)?(?P<month>{_MONTH_NAME})(?:,?\s+(?P<year>{_YEAR}))?)"
        ),
        _month,
    ),
    (_rule(rf"(?P<t>(?P<month>{_MONTH_ANY})\s+{_DAY}(?:,?\s+(?P<year>{_YEAR}))?)"), _calendar_date),
    (_rule(rf"(?P<t>{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH_ANY})(?:,?\s+(?P<year>{_YEAR}))?)"), _calendar_date),
    (_rule(r"(?P<t>\d{4}-\d{2}-\d{2})"), _iso_date),
    (
        _rule(
            rf"(?:{_YEAR_PREPOSITIONS})\s+(?:(?:early|late|mid)-?\s*)?"
            rf"(?P<t>(?P<year>{_YEAR}))(?!\s*(?:%|percent))"
        ),
        _year,
    ),
)
