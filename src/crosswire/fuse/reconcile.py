"""Compare the figures a story's outlets give for the same thing, and say what the values mean together.

Two figures count the same thing when they share a unit and a *head* ("fighter" in "foreign
fighter"; "percent" plus its object in "percent of raqqa", the object resolved through the canon
so "raqa" = "raqqa"), or when their sentences frame them alike ("300 fighters remain in the city"
/ "300 militants remain in the city"); and only when what happens to the counted thing is the
same (the predicate analysis found: "remain" vs "surrender", "die" vs "injure", "import" vs "go")
and both are totals or both rates of one period ("barrels a day"). Qualifiers before the head, in
the `what` or between the number and its noun in the text, narrow the scope ("foreign fighter", "Syrian IS fighters" are
subsets of "fighter"), except names of the story's entities that only identify ("IS fighters");
figures of another scope are not weighed against each other but reported as ``different_scope``.
What a text leaves unsaid fits what another says, within limits an editor would draw: a figure that
says nothing of when, where or of what it counts joins only figures framed with a word in common; an unsaid
place fits no named one where the story counts the thing in places apart (England, Scotland,
worldwide); one day's count fits no report days apart; a count added to a total ("another 25 cases"),
a yearly rate, an estimate told as since revised ("initial estimates suggested ...") and a count in the
future ("will add 10,000 barrels of capacity") fit only their like; and a later count far below a
running total counts something else. A figure restating the measure before it in brackets ("40 miles (64
km)") is not compared again, and generic nouns ("5-10 times higher") count nothing; a site's line
printed atop reports that go on differently holds no figure of theirs; two figures of one sentence are
two quantities; a place opening a sentence as its subject places its count; comparisons of orders of
magnitude alone ("thousands" vs "hundreds") are not made.

Verdicts, per set of same-scope figures from at least two articles: ``agree`` when the value
ranges overlap (approximate figures widened by a tolerance); otherwise ``update`` when the
articles' dates differ, ``conflict`` when they are the same day, ``unknown`` when a date is missing.
A verdict holds between two reports, so figures that differ are followed by an ``agree`` comparison
for each set of their reports that agree among themselves.
An undated report is placed by the interval inferred for it (``fuse.dating``): an ``update`` that
rests on it says "if the inferred dating holds"; where the interval holds the other report's date
the verdict stays ``unknown``, and the note says what the dating shows, what would order the two,
and which value would be the newer if the undated report is the older one.

A wire copy and the report it republishes (``fuse.copies``) are one source: agreement is counted in
sources, and a copy that agrees with its original is no comparison at all; but a copy that changes
its original's figure is compared like any two reports (a conflict on the same day), its note saying
that one source's figure was edited where it was republished: what a fact-checker looks for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from crosswire.analyze.figures import (CURRENCIES, EVENT_PREDICATES, MEASURE_WORDS, PREDICATE_KIN, SOURCE_VERBS,
                                      changes, stated_value)
from crosswire.analyze.numbers import VAGUE_PLURALS, named_order
from crosswire.analyze.times import WEEKDAYS
from crosswire.fuse.canon import Canon
from crosswire.fuse.dating import grounds, interval_text
from crosswire.fuse.similarity import content_words, cosine, name_key, singular
from crosswire.model import FIGURE_KIND, Article, ArticleAnalysis, Comparison, Figure, InferredDate, Mention, item_id
from crosswire.restore.detect import OPENING_BRACKET

# "around 300" may be 270 or 330: approximate values are widened by this fraction either side.
APPROX_TOLERANCE = 0.10
# How far before a place name its locative is looked for ("in the central town of ").
LOCATIVE_CHARS = 48
# A value written with at least this many digits before a scale word ("206 million") is rounded to its last
# digit (``_rounding``).
ROUNDED_DIGITS = 3
_SCALED = re.compile(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(?:million|billion|trillion|mn|m|bn)\b", re.IGNORECASE)
# A frame word that starts with the counted noun and is at most this much longer is that noun inflected ("children"
# of "child"); a longer one is a word of its own ("cartridge" of "car").
INFLECTION_CHARS = 3
# Content words taken either side of a figure as its frame ("... remain in the city").
CONTEXT_BEFORE, CONTEXT_AFTER = 2, 5
# Frames this alike (cosine of the word bags, what-words left out) join figures whose `what`
# differs (synonyms: "fighter"/"militant"). Two shared words of four give 0.5; one shared word
# ("said") is never enough, however short the frames.
CONTEXT_MIN_COSINE, CONTEXT_MIN_SHARED = 0.5, 2
# A comparison's basis names at most this many of what its reports say happened (or when, or where), those most
# reports say first: a sum told around eleven verbs ("agree / finance / fund / make / open / pay / ...") reads
# "pay / set / agree and 8 more".
BASIS_VALUES = 3
# Notes list at most this many reports, and this many values of each.
NOTE_MAX_ARTICLES, NOTE_MAX_VALUES = 6, 3
# Entity types that narrow a scope when they qualify a count ("Syrian fighters" < "fighters");
# other entity names only identify ("IS fighters" = "fighters" in a story about IS).
_SCOPING_ENTITY_TYPES = frozenset({"NORP"})
# Nouns that count no thing of the story: "5-10 times higher" (a multiple), "two things", "three ways", "the $20
# billion figure".
_GENERIC_HEADS = frozenset({"time", "thing", "way", "lot", "kind", "sort", "type", "bit", "piece", "part", "number",
                            "amount", "figure"})
# Heads that count every person, of which "soldiers" or "farmers" are a part, never a synonym.
_EVERYONE = frozenset({"people", "person", "persons"})
# Counts of countries: of the world, never of a place one of them is.
_COUNTRIES = frozenset({"country", "nation"})
# What happens only to people: a count of them that names no noun counts people.
_BEFALLS_PEOPLE = frozenset({"die", "injure", "arrest", "rescue", "flee", "evacuate", "missing"})
# Words that say a count was made, the way every count reported is: "confirmed cases" are the cases counted,
# not a part of them (a "suspected case" is).
_AS_COUNTED = frozenset({"confirmed", "reported", "recorded", "registered", "documented", "official"})
_DETERMINERS = frozenset({"the", "a", "an", "some", "its", "their", "his", "her"})
# Qualifiers are read from the text only when the counted noun follows the number this closely.
MAX_QUALIFIER_WORDS, QUALIFIER_WINDOW_CHARS = 4, 80
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# The time a figure counts over, read from its sentence (``_when``).
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# What a figure is compared with, up to the clause's end ("19 times more than the Exxon Valdez spill in 1989"):
# its year is the other thing's. Not a bound ("more than 2,000 people died in 2009", "more than a third").
_COMPARED = re.compile(r"\bthan\s+(?:the|that|those|its|his|her|their|any|in|during|at|last)\b[^,;:]*")
_CUMULATIVE = re.compile(r"\b(?:since|so far|to date|total|in all|overall|cumulative|toll|altogether)\b")
# "the heaviest onslaught since NATO's strikes began", "the worst spill since 1989": a "since" that measures a
# superlative against the past, not a count since a start.
_SUPERLATIVE_SINCE = re.compile(r"\b(?:worst|best|biggest|largest|heaviest|highest|lowest|deadliest|bloodiest|fiercest"
                                r"|strongest|greatest|longest|first|most)\b(?:\s+[\w'’-]+){0,4}?\s+since\b")
# A weekday with or without "on": news writes "were killed Sunday" as often as "on Sunday"; not "last Tuesday" nor
# "Tuesday's quake", which name the day of the event a story is about ("200,000 died in last Tuesday's quake").
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
# ("closed down 9.3 percent": a market's move on the day of the report)
_ONE_DAY_WORDS = (r"today|yesterday|tonight|last night|this morning|the (?:day|night) before|the previous day|"
                  rf"on {_WEEKDAY}|(?<!last )(?<!next )(?<!this ){_WEEKDAY}(?!\s?['’]s\b)")
_ONE_DAY = re.compile(rf"\b(?:{_ONE_DAY_WORDS}|closed (?:up|down|higher|lower))\b")
# "so far on Saturday", "so far today": a day's count up to now, not the story's running total
_SO_FAR_THAT_DAY = re.compile(rf"\bso far\s+(?:{_ONE_DAY_WORDS})\b")
_YEARLY = re.compile(r"\b(?:in an? (?:average|typical|normal|given) year|every year|each year|per year|annually"
                     r"|every (?:few|\d+(?:-\d+)?) years)\b")  # "every 30-40 years the world suffers a pandemic"
# A total since another year than the report's ("killing 257 in 15 countries since 2003"): a count of that
# span, not the story's running total.
_SINCE_YEAR = re.compile(r"\bsince\b[^,;]{0,40}?\b(19\d\d|20\d\d)\b")
# A year this close before the report's is the story's own ("since protests began in March 2011", said in 2012).
STORY_YEARS = 1
# The day something was said, which is no day of what it counts: "the WHO said on Tuesday that ...".
# ("said on Tuesday that", "said Sunday that", "told the Security Council Monday": words, not a number, between)
_TOLD_ON = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\b(?:\s+[a-z.'’-]+){0,6}?\s+"
                      rf"(?:on\s+)?{_WEEKDAY}\b")
# "have been killed", "has killed", "have now died": a count up to now (news uses the perfect for a running
# total); read after the explicit markers, so "40 have been killed on Wednesday" stays one day's.
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:(?:now|already|so far|reportedly)\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|lt)\b")
# A count that may happen, not one that did: "could die if", "might reach", "would lose", "should capture" (a
# modal of possibility before a verb other than "have"/"be": "may have died" and "may be 200,000" are
# estimates of what happened), in the figure's clause, up to this many characters either side of it.
# ("in may the army ...": the month, lowercased, is followed by a word no verb is; "May", capitalised, is the month).
# ("could not" says what was not possible then: "the UN could not confirm that ...", "officials could not say how many")
_MODAL = r"\b(?:[Cc]ould\s+(?!not\b)|(?:[Mm]ight|[Ww]ould|[Ss]hould|may)\s+(?:not\s+)?)"
_HYPOTHETICAL = re.compile(_MODAL + r"(?!(?:have|be|been|the|a|an|and|or|to|of|in|on|"
                           r"last|this|next|is|was|when|that|as)\b)[a-z]+\b"
                           # the passive of what may happen ("could be infected"; "may be 200,000" is an estimate)
                           r"|" + _MODAL + r"(?:\w+ly\s+)?be\s+[a-z]+(?:ed|en)\b"
                           # a count in the future passive ("thousands will be killed if ..."), a plan or a target
                           r"|\b[Ww]ill\s+(?:not\s+)?be\s+[a-z]+ed\b|\bwill be able to\b"
                           r"|\b(?:[Pp]lans?|[Aa]ims?|[Hh]opes?|[Ii]ntend(?:s|ed)?)\s+"
                           r"(?:(?:are|is|were|was|being|made|drawn|under way)\s+){0,3}to\b"
                           r"|\bby the end of (?:this|next) (?:week|month|quarter|year)\b"
                           # a count someone advised or asked for ("the recommendation to use 21", "the 21 recommended")
                           r"|\b(?:recommend(?:s|ed|ation|ations)?|proposed?|called for)\b")
HYPOTHETICAL_CHARS = 60
_POSSESSED = re.compile(r"\w\s?['’]s?\s+$")
_NARRATED = re.compile(r"\bwould\s+(?:eventually|later|soon|go on to)\b", re.IGNORECASE)
_WORLD = re.compile(r"\b(?:worldwide|globally|around the world|across the world|world-wide|the world\s?['’]s"
                    r"|global\s+(?:death\s+)?(?:tally|toll|total|count))(?!\w)")
_PLACE_TYPES = frozenset({"GPE", "LOC"})
# Reports this many days apart that count "on Wednesday" count different Wednesdays, and one day's
# count of theirs is no other report's count, whatever time that one leaves unsaid.
ONE_DAY_MAX_GAP_DAYS = 6
# Characters after a first line compared to tell a site's line atop many pages from a shared headline.
SITE_LINE_PROBE_CHARS = 200
# Estimates of a running total are revised down, but not to under this share of an earlier one.
TOTAL_MIN_REVISION = 0.5
# The least count that, given again exactly, is taken for the same figure told around other verbs (``_retold``).
RETOLD_MIN = 10
# Counts this many times apart are of different things, however alike their words ("killed up to 149" this
# week, "at least 40 million people died" in the pandemic of 1918): no toll, spill or share grows so far
# within one story. Not tuned: an outbreak's cases may grow a thousandfold in a week, not ten thousandfold.
MAGNITUDES_APART = 10_000.0
_MEASURES = frozenset(content_words(" ".join(MEASURE_WORDS)))
# What stands between a measure and its restatement in another unit: its unit or noun and a rate's period
# ("barrels a day ("), an opening bracket.
_CONVERSION = re.compile(rf"\s*(?:[^\W\d_]+\s*){{0,4}}{OPENING_BRACKET}\s*")
# A count added to a total ("another 25 cases", "26 more", "an additional 300") is never the total: the
# word before the figure, or the one after it.
_INCREMENT_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra|a separate)\s*$")
_INCREMENT_AFTER = re.compile(r"\s*(?:more|new|additional|further|extra)\b")
# A figure its clause puts in the future ("will add up to 10,000 barrels of capacity", "will feed 2.7 million
# people"; not "will be 200,000", an estimate of now, nor the noun: "against the will of the council"): fits
# only another of the future, read like an earlier estimate.
_FUTURE = re.compile(r"\b(?:will|shall|'ll)\s+(?:not\s+)?(?:also\s+)?"
                     r"(?!(?:be|have|of|the|a|an|and|or|to|in|on|for|that|is|was)\b)[a-z]+\b"
                     # a forecast: "they expect the virus to spread to all 50 states", "predicted up to a third"
                     # (not "than expected", a comparison with the forecast)
                     r"|(?<!than )\b(?:expects?|expected|predicts?|predicted|forecasts?|projected)\b")
# A figure told as an estimate since revised ("initial estimates suggested that fewer than 5,000 barrels ...",
# "originally put at 1,000"): the value of an earlier time, read in the words before it in its clause.
_EARLIER_ESTIMATE = re.compile(
    r"\b(?:initial|original|earlier|first|previous|prior|old)\s+(?:official\s+|government\s+)?"
    r"(?:estimates?|figures?|counts?|projections?|forecasts?|tallies|tally)\b"
    r"|\b(?:originally|initially|first|earlier|previously)\s+(?:estimated|put|reported|given|projected|forecast)\b")
TOLD_AS_CHARS = 80
# What may stand before a sentence's subject: quote marks, one word and a comma ("Currently, Mexico has ..."),
# "the", and the body that acts for the place ("The government of Canada has frozen $2.3 billion").
_OPENING = re.compile(r"[\s\"'`“‘]*(?:\w+\s*,\s*)?(?:the\s+)?(?:(?:\w+\s+)?"
                      r"(?:government|authorities|administration|ministry|army|military|police|people|parliament|state)"
                      r"\s+of\s+(?:the\s+)?)?", re.IGNORECASE)
# "Mexico's", "mexico 's": a place that opens a sentence so is not its subject.
_POSSESSIVE = re.compile(r"\s?['’]s?\b")
# A place a figure is counted in follows one of these, or one and "the" ("across the country").
_LOCATIVE = re.compile(r"\b(?:in|inside|across|throughout|at|within|near|around)\b(?:\s+the)?"
                       r"(?:(?:\s+[a-z-]+){0,2}?\s+(?:town|city|village|province|region|district|county|port|capital|"
                       r"suburb|area|state)\s+of)?\s*$", re.IGNORECASE)  # "in the central town of Rastan"
# A place that labels the figure after it, as lists of counts by country write it: "Mexico: 20 confirmed cases".
_PLACE_LABEL = re.compile(r"\s*:\s*")
# Words that speak to the reader (outside a quote: a quote may speak to anyone).
_READER = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
# Between a place and the figure it tallies: "the UK confirming two cases", "Spain has reported 13 cases".
_TALLIED = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:now\s+|so far\s+|already\s+)?"
                      r"(?:confirm|report|record|register)(?:s|ed|ing)?\s+"
                      r"(?:(?:a\s+)?(?:total\s+of|further|another)\s+)?",
                      re.IGNORECASE)
# A place's relative clause, where what follows happened: "tanks poured into Deraa, where 18 people were killed".
_WHERE = re.compile(r"\s*,?\s*(?:where|in which)\b", re.IGNORECASE)
# A relative clause opening between a sentence's subject and a figure: the figure is said of another noun.
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|where)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:(]|\s-+\s|\s--\s")
# Between places listed together: "Libya, Egypt and Tunisia".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")
# "three of its peacekeepers": a count of what an owner has; owners are countries, peoples and groups.
_OWNED = re.compile(r"\s+of\s+(?:its|their)\b", re.IGNORECASE)
_OWNER_TYPES = frozenset({"GPE", "NORP", "ORG", "LOC"})


@dataclass(frozen=True)
class _Item:
    """A quantity figure with what fusion needs to know about it."""

    id: str
    article: Article
    original: Article | None  # the report its article republishes, when that is a wire copy
    figure: Figure
    sentence: tuple[int, int]
    head: str | None
    scope: tuple[str, ...]
    obj: str | None
    frame: Counter[str]
    when: str | None  # the kind of time it counts over (``_when``, ``_told_when``), or "increment" (``_increment``)
    place: str | None  # the one place its sentence names (an entity id, or "world"), if exactly one
    day: str | None  # the day a one day's count is of, as the analysis resolved it ("on Wednesday": ISO date)

    @property
    def key(self) -> tuple[str | None, ...]:
        """What must match for two figures to count one quantity (None: the text does not say): what
        is counted, what happened to it, over what time, where."""
        return (self.head, self.figure.predicate, self.when, self.place)

    @property
    def label(self) -> str:
        return " ".join((self.figure.what or "").split()).lower()


def _sentence_of(analysis: ArticleAnalysis, text: str, offset: int) -> tuple[int, int]:
    for s in analysis.sentences:
        if s.start <= offset < s.end:
            return s.start, s.end
    return 0, len(text)


def _qualifiers(text: str, figure: Figure, head: str) -> list[str]:
    """Words between the number and the noun it counts in the text ("275 Syrian IS fighters")."""
    words: list[str] = []
    for token in _TOKEN.findall(text[figure.end:figure.end + QUALIFIER_WINDOW_CHARS]):
        word = token.casefold()
        if singular(word) == head:
            return [w for w in words if w not in _DETERMINERS and w != "of"]
        if not word[0].isalnum() or len(words) == MAX_QUALIFIER_WORDS:
            break
        words.append(word)
    return []


def _scope(words: list[str], canon: Canon, types: dict[str, str]) -> set[str]:
    """Qualifiers that narrow what is counted: words that are not an identifying entity name."""
    scope: set[str] = set()
    covered = [False] * len(words)
    for size in range(len(words), 0, -1):  # longest entity names first ("islamic state")
        for i in range(len(words) - size + 1):
            if any(covered[i:i + size]):
                continue
            entity = canon.entity_named(" ".join(words[i:i + size]))
            if entity is not None:
                covered[i:i + size] = [True] * size
                if types.get(entity) in _SCOPING_ENTITY_TYPES:
                    scope.add(" ".join(words[i:i + size]))
    return scope | {w for w, c in zip(words, covered) if not c}


def _parse_what(text: str, figure: Figure, canon: Canon,
                types: dict[str, str]) -> tuple[str | None, tuple[str, ...], str | None]:
    """(head, scope, object) of a figure: "foreign fighter" -> ("fighter", ("foreign",), None);
    "percent of raqqa" -> ("percent", (), <raqqa's entity id>); no head for a generic noun ("times")."""
    if not figure.what:  # "tens of thousands may have been killed": those a death befalls are people
        return ("people" if figure.unit is None and figure.predicate in _BEFALLS_PEOPLE else None), (), None
    before, _, after = figure.what.lower().partition(" of ")
    words = [w for w in before.split() if w not in _DETERMINERS]
    if not words or singular(words[-1]) in _GENERIC_HEADS:
        return None, (), None
    head = singular(words[-1])
    scope = _scope(words[:-1], canon, types) | _scope(_qualifiers(text, figure, head), canon, types)
    obj = None
    if after.strip():
        obj = canon.entity_named(after) or " ".join(singular(w) for w in name_key(after).split()
                                                     if w not in _DETERMINERS)
    scope = {w if " " in w else singular(w) for w in scope} - _AS_COUNTED  # "forces": "force"
    return head, tuple(sorted(scope)), obj


def _hypothetical(text: str, figure: Figure, sentence: tuple[int, int]) -> bool:
    """Whether the figure counts what may happen ("scores could die if ...", "thousands will be killed",
    "plans to capture 40,000 barrels", "is intended to increase capacity to 28,000 barrels") or what was advised
    or asked for ("the recommendation to use 21 centralisers"): read like a count in the future, never compared
    with what did, only with its like
    ("plans to house 400,000 survivors" in two reports). ("Urged 500,000 people to leave" counts people told to
    leave, so "urged" is no such cue.)"""
    end = min(sentence[1], figure.end + HYPOTHETICAL_CHARS)
    while end < sentence[1] and text[end].isalnum():  # a whole last word: "could not", never "could no"
        end += 1
    around = text[max(sentence[0], figure.start - HYPOTHETICAL_CHARS):end]
    # as written: "in May following the blowout" names the month; a story told in the past says what "would
    # eventually" happen: that happened
    return bool(_HYPOTHETICAL.search(_NARRATED.sub(" ", around)))


def _told_as(marker: re.Pattern[str], text: str, figure: Figure, sentence: tuple[int, int]) -> bool:
    """Whether ``marker`` stands within ``TOLD_AS_CHARS`` before the figure in its sentence, with no other
    number or clause break between ("the initial estimate of 1,000 was raised to 5,000": the 1,000 only)."""
    before = text[max(sentence[0], figure.start - TOLD_AS_CHARS):figure.start]
    found = list(marker.finditer(before.casefold()))
    return bool(found) and not re.search(r"\d|[;:(]", before[found[-1].end():])


def _told_when(text: str, figure: Figure, sentence: tuple[int, int]) -> str | None:
    """A figure told as an estimate since revised ("initial estimates suggested that fewer than 5,000
    barrels ...") or in the future ("will add up to 10,000 barrels of capacity"): of another time than the
    report's, so it fits only its like. A revised estimate is no conflict with the new one, nor an update
    unless a report dates it; a plan is no count of what happened."""
    if _told_as(_EARLIER_ESTIMATE, text, figure, sentence):
        return "earlier estimate"
    return "future" if _told_as(_FUTURE, text, figure, sentence) else None


def _frame(text: str, figure: Figure, sentence: tuple[int, int]) -> Counter[str]:
    """Words around the figure in its sentence, without the words of its `what`, of measures ("40 miles
    (64 km) away": the units of other figures) and other figures written with their unit ("64km")."""
    own = set(content_words(figure.what or "")) | _MEASURES
    before = [w for w in content_words(text[sentence[0]:figure.start]) if w not in own and not w[0].isdigit()]
    after = [w for w in content_words(text[figure.end:sentence[1]]) if w not in own and not w[0].isdigit()]
    return Counter(before[-CONTEXT_BEFORE:] + after[:CONTEXT_AFTER])


def _when(article: Article, sentence: str, clause: str | None = None) -> str | None:
    """The kind of time a figure's sentence counts over: any year ("kills 36,000 in an average year", "every
    30-40 years"), a total since an earlier year ("since 2003"), a year other than the report's ("in 2005"),
    a running total ("since February", "so far", "the toll", "the total", or a perfect: "have been
    killed"), or one day ("on Wednesday", "yesterday"); None when it does not say. A total and one day's
    count are different quantities. (A count added to a total is read from the figure's own words:
    ``_increment``.)"""
    lowered = sentence.casefold()
    if _YEARLY.search(lowered):
        return "a year"
    own_year = article.published.year if article.published else None
    since = _SINCE_YEAR.search(lowered)
    if since and own_year is not None and int(since[1]) < own_year - STORY_YEARS:
        return f"since {since[1]}"
    if _SO_FAR_THAT_DAY.search(lowered if clause is None else clause.casefold()):
        return "one day"
    if _CUMULATIVE.search(_SUPERLATIVE_SINCE.sub(" ", lowered)):
        return "running total"
    years = [int(y) for y in _YEAR.findall(_COMPARED.sub(" ", lowered)) if int(y) != own_year]
    if years and own_year is not None:
        return f"year {years[0]}"
    day_text = lowered if clause is None else clause.casefold()
    if _ONE_DAY.search(day_text) and (_ONE_DAY.search(_TOLD_ON.sub(" ", day_text)) or not _PERFECT.search(lowered)):
        return "one day"  # not the day it was said of a count up to now ("said on Tuesday that 13,000 have been")
    if _PERFECT.search(lowered):
        return "running total"
    return None


def _measure(figure: Figure) -> bool:
    """Whether the figure is a measure: it has a unit, or counts one ("600,000 gallons")."""
    return figure.unit is not None or bool(set(content_words(figure.what or "")) & _MEASURES)


def _conversion(text: str, figure: Figure, before: Figure | None) -> bool:
    """Whether the figure restates the measure before it in another unit, in brackets right after it
    ("40 miles (64km)", "$50m (£34m)", "600,000 gallons (2.25 million liters)", "60,000 barrels a day (2.5
    million gallons)"): one quantity said twice, compared once in each unit (``_in_other_unit``)."""
    return (before is not None and _measure(before) and _measure(figure)
            and _CONVERSION.fullmatch(text[before.end:figure.start]) is not None)


def _increment(text: str, figure: Figure) -> bool:
    """Whether the figure counts what was added to a total ("another 25 cases have been confirmed"), or one
    set apart from the others of its kind ("a separate $100 million fund"): it fits only its like."""
    return bool(_INCREMENT_BEFORE.search(text[max(0, figure.start - 16):figure.start].casefold())
                or _INCREMENT_AFTER.match(text[figure.end:figure.end + 16].casefold()))


def _place(article: Article, analysis: ArticleAnalysis, figure: Figure, sentence: tuple[int, int], canon: Canon,
           types: dict[str, str]) -> str | None:
    """The place a figure's sentence says it is counted in, as an entity id: the place named after a
    locative preposition ("in Mexico", "across Syria"), labelling the figure ("Mexico: 20 confirmed
    cases"), opening the relative clause that holds it ("Deraa, where 18 people were killed", "Houla, in
    which 108 people were killed") or tallying it
    ("with the UK confirming two cases"), the one
    in the figure's clause first, else the nearest; or "world" ("worldwide"),
    else the place the sentence opens with as its subject ("Currently, Mexico has reported 6,241 cases",
    not "Mexico's envoy said", nor "The US launched ... after the quake, which killed 200,000"); None when
    it names none. A place named otherwise ("evacuated to the US", "struck Haiti") is not where the count
    was made, and a figure is not placed by guessing.
    A count of what someone owns ("three of its peacekeepers") is scoped by the owner instead: the
    country or group named last before it ("the Jordanian army said three of its ...")."""
    text = article.text
    if _OWNED.match(text, figure.end):
        owners = [canon.entity_for(article.id, m.start, m.end) for m in analysis.mentions
                  if sentence[0] <= m.start and m.end <= figure.start]
        owners = [e for e in owners if e is not None and types.get(e) in _OWNER_TYPES]
        if owners:
            return owners[-1]
    if _WORLD.search(text[slice(*sentence)].casefold()):
        return "world"
    places = [(m, entity) for m in analysis.mentions if sentence[0] <= m.start < sentence[1]
              and (entity := canon.entity_for(article.id, m.start, m.end)) is not None
              and types.get(entity) in _PLACE_TYPES]
    near: list[tuple[bool, int, str]] = []
    subject = None
    for k, (m, entity) in enumerate(places):
        where = _WHERE.match(text, m.end) if m.end <= figure.start else None
        if where is not None and not _CLAUSE_BREAK.search(text, where.end(), figure.start):
            near.append((False, figure.start - m.end, _listed(text, places, k)))  # "Deraa, where 18 were killed"
        elif _LOCATIVE.search(text[max(sentence[0], m.start - LOCATIVE_CHARS):m.start]) or (
                m.end <= figure.start and _PLACE_LABEL.fullmatch(text, m.end, figure.start)):
            # "40 cases in the United States" after "killed people only in Mexico ,": the place of the
            # figure's own clause, after it, comes first
            own_clause = m.start >= figure.end and not _CLAUSE_BREAK.search(text, figure.end, m.start)
            near.append((not own_clause, m.start - figure.end if m.start >= figure.end else figure.start - m.end,
                         _listed(text, places, k)))
        elif (m.end <= figure.start and _OPENING.fullmatch(text, sentence[0], m.start)
              and not _POSSESSIVE.match(text, m.end) and not _RELATIVE.search(text, m.end, figure.start)):
            subject = entity
        elif m.end <= figure.start and _TALLIED.fullmatch(text, m.end, figure.start):
            near.append((False, figure.start - m.end, _listed(text, places, k)))  # "the UK confirming two cases"
    return min(near)[2] if near else subject


def _listed(text: str, places: Sequence[tuple[Mention, str]], k: int) -> str:
    """The place at ``k`` with the places listed after it ("in Libya, Egypt and Tunisia"): a count of them
    all, which is no count of one of them; their ids joined by "+", in order of id. Commas alone make no
    list: "Port-au-Prince, Haiti" names a place within another."""
    ids, joiners = [places[k][1]], []
    while k + 1 < len(places) and (join := _LIST_JOIN.fullmatch(text, places[k][0].end, places[k + 1][0].start)):
        k += 1
        ids.append(places[k][1])
        joiners.append(join[0])
    if not any("and" in j or "&" in j for j in joiners):
        return ids[0]
    return "+".join(sorted(set(ids)))


def _within(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon, types: dict[str, str]) -> set[tuple[str, str]]:
    """(inner, outer) places as the story's reports name them: "Port-au-Prince, Haiti" puts the first
    in the second; a name that extends another ("Gulf of Mexico", "Mexico City" / "Mexico") is within it."""
    names = {e.id: e.name.casefold().split() for e in canon.entities if e.type in _PLACE_TYPES}
    within = {(a, b) for a, wa in names.items() for b, wb in names.items()
              if a != b and len(wa) > len(wb) and wa[:len(wb)] == wb}
    for article, analysis in items:
        places = sorted(((m.start, m.end, canon.entity_for(article.id, m.start, m.end)) for m in analysis.mentions),
                        key=lambda m: m[0])
        for (_, end, inner), (start, _, outer) in zip(places, places[1:]):
            if (inner != outer and types.get(inner) in _PLACE_TYPES and types.get(outer) in _PLACE_TYPES
                    and article.text[end:start].strip() == ","):
                within.add((inner, outer))
    return within


def _site_lines(items: Sequence[tuple[Article, ArticleAnalysis]]) -> dict[str, int]:
    """Where the first line ends of reports whose first line recurs atop other reports that go on
    differently: a site's line printed atop many pages ("2 men charged in death of Chicago teen ..."
    over reports of Egypt), whose figures are the page's, not the report's. Wire copies go on alike."""
    heads: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for article, _ in items:
        start = len(article.text) - len(article.text.lstrip())
        end = article.text.find("\n", start)
        if end > start:
            rest = " ".join(article.text[end:end + SITE_LINE_PROBE_CHARS].split())
            heads[" ".join(article.text[start:end].split())].append((article.id, end, rest))
    return {aid: end for found in heads.values() if len({rest for _, _, rest in found}) > 1 for aid, end, _ in found}


def _addressed(items: Sequence[tuple[Article, ArticleAnalysis]]) -> set[tuple[str, tuple[int, int]]]:
    """(article, sentence) of sentences that speak to the reader ("you", "your", in no direct quote the
    analysis found) and recur word for word on two or more pages of one outlet: a site's instructions
    ("typing @GuardianUS and then your comment of 140 characters or less"), whose figures are the page's,
    not the report's."""
    pages: dict[tuple[str | None, str], list[tuple[str, tuple[int, int]]]] = defaultdict(list)
    for article, analysis in items:
        quoted = [(q.start, q.end) for q in analysis.quotes if q.direct]
        for sentence in analysis.sentences:
            said = " ".join(article.text[sentence.start:sentence.end].split())
            if _READER.search(said) and not any(s < sentence.end and sentence.start < e for s, e in quoted):
                pages[(article.outlet, said)].append((article.id, (sentence.start, sentence.end)))
    return {found for on in pages.values() if len({aid for aid, _ in on}) >= 2 for found in on}


def _items(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon, types: dict[str, str],
           copies: Mapping[str, str]) -> list[_Item]:
    articles = {article.id: article for article, _ in items}
    site_lines = _site_lines(items)
    addressed = _addressed(items)
    out = []
    for article, analysis in sorted(items, key=lambda it: it[0].id):
        original = articles[copies[article.id]] if article.id in copies else None
        numbered = sorted(enumerate(analysis.figures, 1), key=lambda nf: (nf[1].start, nf[1].end))
        # a value the text says changed to another ("the rate of 5,000 barrels a day increased to ...") is
        # an earlier one
        changed = {old + 1 for old, _ in changes(article.text, analysis.figures)}
        made: dict[int, _Item] = {}  # each figure's item, by the figure's position in the text
        for (n, figure), before in zip(numbered, [None, *(f for _, f in numbered)]):
            if figure.kind != "quantity" or figure.start < site_lines.get(article.id, 0):
                continue
            sentence = _sentence_of(analysis, article.text, figure.start)
            if (article.id, sentence) in addressed:
                continue
            if _conversion(article.text, figure, before):
                restated = made.get(before.start)
                converted = restated and _in_other_unit(restated, item_id(article.id, FIGURE_KIND, n), figure, canon,
                                                        types)
                if converted:
                    out.append(converted)
                continue
            head, scope, obj = _parse_what(article.text, figure, canon, types)
            place = _place(article, analysis, figure, sentence, canon, types)
            if head in _COUNTRIES and types.get(place or "") == "GPE":
                place = "world"  # "has spread to 74 countries" after "emerged in Mexico": countries are counted in
                # the world, not in one of them
            out.append(_Item(item_id(article.id, FIGURE_KIND, n), article, original,
                             figure, sentence, head, scope, obj,
                             _frame(article.text, figure, sentence),
                             _time_kind(article, figure, sentence, revised=n in changed),
                             place, _day(analysis, figure, sentence)))
            made[figure.start] = out[-1]
    return out


def _in_other_unit(restated: _Item, item: str, conversion: Figure, canon: Canon,
                   types: dict[str, str]) -> _Item | None:
    """The item of a conversion in brackets (``_conversion``), a measure another report may give alone ("4.9
    million barrels (205.8 million gallons)" beside "206 million gallons"): the quantity of the figure it restates
    (what happened to it, when, where, a rate's period) counted in the conversion's own unit. None for a sum of
    money, converted at a rate of exchange that moves between reports ("$20bn (£12.5bn)", "$20bn (£13.6bn)"), and
    for a conversion that names no other measure."""
    if CURRENCIES & {conversion.unit, restated.figure.unit} or restated.head is None:
        return None
    figure = dataclasses.replace(conversion, predicate=restated.figure.predicate,
                                 per=conversion.per or restated.figure.per)
    head, _, _ = _parse_what(restated.article.text, figure, canon, types)
    if head is None or head == restated.head:
        return None
    return dataclasses.replace(restated, id=item, figure=figure, head=head)


def _time_kind(article: Article, figure: Figure, sentence: tuple[int, int], revised: bool) -> str | None:
    """The kind of time a figure counts over (``_Item.when``): an estimate since revised, what may happen, an
    addition to a total, else what its sentence says (``_told_when``, ``_when``)."""
    text = article.text
    if revised:
        return "earlier estimate"
    if _hypothetical(text, figure, sentence):
        return "future"
    if _increment(text, figure):
        return "increment"
    return _told_when(text, figure, sentence) or _when(article, text[slice(*sentence)], _clause(text, figure, sentence))


def _clause(text: str, figure: Figure, sentence: tuple[int, int]) -> str:
    """The figure's sentence without what a relative clause sets apart from it: the words before the relative
    pronoun that opens the figure's clause ("ministers meet on Thursday to discuss the outbreak, which has
    killed 150": Thursday is the meeting's) and from the one opening the next clause after it. The day a
    count is of is read there (``_when``)."""
    start, end = sentence
    before = list(_RELATIVE.finditer(text, start, figure.start))
    after = _RELATIVE.search(text, figure.end, end)
    return text[before[-1].start() if before else start:after.start() if after else end]


def _day(analysis: ArticleAnalysis, figure: Figure, sentence: tuple[int, int]) -> str | None:
    """The day named in the figure's sentence nearest to it, as its report's time references resolved it
    ("on Wednesday" in a report of Thursday 14 May: 2031-05-13); None when it names none or it is unresolved."""
    days = [(abs(t.start - figure.start), t.value) for t in analysis.times
            if sentence[0] <= t.start < sentence[1] and t.precision == "day" and t.value and not t.relative]
    return min(days)[1] if days else None


def _frame_pairs(items: list[_Item], block: list[int]) -> list[tuple[int, int]]:
    """Pairs of figures whose frames share ``CONTEXT_MIN_SHARED`` words, found through an index
    of frame words so a story with many figures is not compared pair by pair."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i in block:
        for word in items[i].frame:
            postings[word].append(i)
    pairs = []
    for i in block:
        shared = Counter(j for word in items[i].frame for j in postings[word] if j > i)
        pairs.extend((i, j) for j, n in sorted(shared.items()) if n >= CONTEXT_MIN_SHARED)
    return pairs


def _synonyms(a: _Item, b: _Item, apart: set[frozenset[str | None]]) -> bool:
    """Different known heads in different articles, framed alike, never counted side by side, that
    undergo one said predicate ("300 fighters remain" / "300 militants remain"); measures ("barrels",
    "gallons") are units, never synonyms of another noun, and "people" counts every kind of person, so
    "10 soldiers were killed" counts a part of "300 people were killed", never the same."""
    return (None not in (a.head, b.head) and a.head != b.head and not {a.head, b.head} & (_MEASURES | _EVERYONE)
            and a.figure.predicate is not None and a.figure.predicate == b.figure.predicate
            and frozenset((a.head, b.head)) not in apart and _alike(a, b))


def _vague(item: _Item) -> bool:
    """All that is known of what the figure counts is its unit ("rose 14 percent"): such figures
    are the same thing only when their sentences say so."""
    return item.obj is None and item.figure.unit is not None and item.head in (None, item.figure.unit)


def _fits(a: _Item, b: _Item, within: set[tuple[str, str]],
          placed: Mapping[tuple[str | None, str | None], str | None]) -> bool:
    """Nothing the two texts say of what happened, when or where tells the figures apart: each is
    equal or unsaid in one of them (a place unsaid only where the story counts the thing in one place
    at most, or beside its main place: ``placed``, from ``_counted_by_place``), places may hold one
    another ("Port-au-Prince" in "Haiti"), and one day's count is of one day only, so fits only a report
    days apart at most, and not another day's count (what they count is matched separately); a yearly
    rate fits only a yearly rate, a count of another year only one of a year, a count added to a total
    only another, an estimate since revised or a count in the future only its like (``_told_when``)."""
    (_, pa, wa, la), (_, pb, wb, lb) = a.key, b.key
    if "one day" in (wa, wb):
        da, db = a.article.published, b.article.published
        if da is not None and db is not None and abs((da - db).days) > ONE_DAY_MAX_GAP_DAYS:
            return False
        if wa == wb and None not in (a.day, b.day) and a.day != b.day:
            return False  # "on Wednesday" and "on Tuesday": two days' counts
        if (wa == wb and a.day is None and b.day is None and da is not None and db is not None
                and abs((da - db).days) > 1):
            return False  # "shares closed down 9.3 percent" on the 14th, "closed up 7 %" on the 17th: each its day's
    for kind in ("a year", "increment", "earlier estimate", "future"):  # no total of now, said or unsaid
        if (wa == kind) != (wb == kind):
            return False
    if wa == wb == "future" and not (_alike(a, b) or (pa is not None and pa == pb and a.obj is not None)):
        return False  # what may happen is told in many ways: only counts framed alike are one plan's, or
        # what may happen to one named whole ("a third of the world's population could be infected")
    for span in ("year ", "since "):  # a count of another year ("in 2005") or since one ("since 2003") is no
        if (wa or "").startswith(span) != (wb or "").startswith(span):  # count of the report's time, said or unsaid
            return False
    if (la is None) != (lb is None):  # which of its places is unsaid, if not the story's own
        mains = [placed[key] for key in ((a.head, pa), (b.head, pb)) if key in placed]
        if mains and any(main != (la or lb) for main in mains):
            return False
    if _below_total(a, b) or _below_total(b, a) or _magnitudes_apart(a.figure, b.figure):
        return False
    if pa != pb and (pa is not None and pb is not None or _shared(a, b) < CONTEXT_MIN_SHARED) and not _retold(a, b):
        return False  # what happened: the same, or unsaid in one where the sentences share words ("... a day (bpd)")
    return ((wa is None or wb is None or wa == wb)
            and (la is None or lb is None or _nested(la, lb, within)))


def _retold(a: _Item, b: _Item) -> bool:
    """The very same figure of one thing told around other verbs ("BP agrees to set up a $20 billion fund",
    "the administrator of a $20bn fund has said"): the verbs say what else happened, not what happened to
    the count, unless one is what happens to counts (killed, spilled, rescued: ``EVENT_PREDICATES``), which
    tells two counts apart. Only a figure of a unit or of ``RETOLD_MIN`` or more, or what someone has ("the
    star's three children", "Jackson's three children"), not an impression: small counts recur by chance
    ("two people"). A report that repeats its own figure says nothing new of it."""
    return (a.article.id != b.article.id and _identical(a, b)
            and not {a.figure.predicate, b.figure.predicate} & EVENT_PREDICATES)


def _identical(a: _Item, b: _Item) -> bool:
    """Whether the two figures give one exact value that does not recur by chance (``_retold``)."""
    fa, fb = a.figure, b.figure
    return ((fa.low, fa.high) == (fb.low, fb.high) and not _impression(fa) and not _impression(fb)
            and (fa.unit is not None or fa.low >= RETOLD_MIN or (_possessed(a) and _possessed(b))))


def _possessed(item: _Item) -> bool:
    """Whether the figure counts what someone has: a possessive right before it ("Jackson's three children")."""
    return _POSSESSED.search(item.article.text, max(0, item.figure.start - 6), item.figure.start) is not None


def _below_total(total: _Item, later: _Item) -> bool:
    """A running total grows, or is revised down, not to a fraction of itself: a count from a later
    report, its time unsaid or a running total too, under ``TOTAL_MIN_REVISION`` of the total counts
    something else ("at least 12 people died in Rastan" a year after "more than 1,000 killed since
    February"; "at least 15 people have been killed" in one city the day after "more than 1,000 people
    have been killed")."""
    if total.when != "running total" or later.when not in (None, "running total"):
        return False
    dt_total, dt_later = total.article.published, later.article.published
    if dt_total is None or dt_later is None or dt_later <= dt_total:
        return False
    return later.figure.high < total.figure.low * TOTAL_MIN_REVISION


def _magnitudes_apart(a: Figure, b: Figure) -> bool:
    """Whether the smaller figure's top is under 1 / ``MAGNITUDES_APART`` of the larger's bottom."""
    small, large = sorted((a, b), key=lambda f: f.high)
    return small.high > 0 and large.low > small.high * MAGNITUDES_APART


def _nested(a: str, b: str, within: set[tuple[str, str]]) -> bool:
    return a == b or (a, b) in within or (b, a) in within


def _counted_by_place(items: list[_Item], within: set[tuple[str, str]]) -> dict[tuple[str | None, str | None],
                                                                               str | None]:
    """Heads the story's reports count in places apart ("25 cases in England", "337 in Scotland",
    "70,893 worldwide"), each with the place more of its reports count it in than any other, if one is
    and the story does not count it worldwide too (None otherwise): for those a figure that leaves its
    place unsaid may be any one's, so it fits only figures that leave it unsaid too, or that count it in
    that place, the story's own ("more than 9,000 killed in Syria" beside "at least 1,100 people have
    died" in a story that also counts Damascus's dead). Where every named place holds or is held by the
    others ("Haiti", "Port-au-Prince"), an unsaid place is that one."""
    reports: dict[tuple[str | None, str | None], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in items:
        if item.place is not None:
            reports[(item.head, item.figure.predicate)][item.place].add(item.article.id)
    out = {}
    for head, named in reports.items():
        if any(not _nested(a, b, within) for a in named for b in named):
            counts = sorted((len(ids) for ids in named.values()), reverse=True)
            main = max(named, key=lambda place: len(named[place]))
            out[head] = main if counts[0] > counts[1] and "world" not in named else None
    return out


def _anchored(item: _Item, group: list[_Item]) -> bool:
    """A figure whose text says nothing of when or where it counts, nor of what ("percent *of raqqa*"),
    joins a group of its noun only where its frame shares a word with a member's, or its value is a
    member's: "60 people die on the trains every year" and "90,000 died of malaria" count no story's
    dead just because both say people died. A rate of what happens ("barrels a day" spilled) says enough."""
    return (item.when is not None or item.place is not None or item.obj is not None
            or (item.figure.per is not None and item.figure.predicate is not None)  # "barrels a day spilled"
            or any(_telling(item) & _telling(m) or _same_value(item.figure, m.figure) for m in group))


def _verb_forms(lemma: str) -> set[str]:
    """The regular inflections of a verb lemma ("kill": "killed", "killing"; "die": "died"; "rally": "rallied"); a
    frame holds a plural or third person singular as its lemma (``singular``)."""
    if lemma.endswith("ie"):
        return {lemma, f"{lemma}d", f"{lemma[:-2]}ying"}
    if lemma.endswith("e"):
        return {lemma, f"{lemma}d", f"{lemma[:-1] if not lemma.endswith('ee') else lemma}ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        return {lemma, f"{lemma[:-1]}ied", f"{lemma}ing"}
    return {lemma, f"{lemma}ed", f"{lemma}ing"}


# Words that say what happened to what is counted, or that someone said it ("killed", "wounded", "said"): every
# count of a war's dead and wounded says them, so for counts of people, which say nothing of which people, sharing
# them is no sign that two counts are of one event.
_TOLD_WORDS = frozenset(form for lemma in (*PREDICATE_KIN, *EVENT_PREDICATES, *SOURCE_VERBS)
                        for form in _verb_forms(lemma)) | {"said", "told", "dead", "death"}


def _telling(item: _Item) -> set[str]:
    """The frame words that may tell which event a figure counts: its frame less the counted noun as the text
    inflects it ("children" of a count of "child") and, for a count of people (``_EVERYONE``), less
    ``_TOLD_WORDS``: "300 fighters remain" and "320 fighters remain" are framed alike by "remain", but "nine
    people were killed" and "two people were killed" may be any two attacks' dead."""
    told = _TOLD_WORDS if item.head in _EVERYONE else frozenset()
    head = item.head or ""
    return {w for w in item.frame if w not in told
            and not (head and w.startswith(head) and len(w) <= len(head) + INFLECTION_CHARS)}


def _widened(figure: Figure) -> tuple[float, float]:
    """The figure's value range, widened by ``APPROX_TOLERANCE`` either side when it is an approximate
    value ("about 3,000"); a range the text gives ("tens of thousands", "as many as 200,000", "more than
    70": its qualifier's reading) is not widened again, but a bare order ("millions") is every value written
    in it (``named_order``): "millions of gallons" agrees with "206 million gallons"; and a value rounded to
    its last digit is the values that round to it (``_rounding``)."""
    if _impression(figure) and (named := named_order(figure.text)) is not None:
        return named
    slack = APPROX_TOLERANCE if figure.approx and figure.low == figure.high else 0.0
    rounding = _rounding(figure)
    return (figure.low - abs(figure.low) * slack - rounding, figure.high + abs(figure.high) * slack + rounding)


def _rounding(figure: Figure) -> float:
    """Half a unit of the last digit written before a scale word, when at least ``ROUNDED_DIGITS`` digits are
    ("206 million" is 205.5 to 206.5 million: it agrees with "205.8 million"); 0 otherwise. Fewer digits ("3
    million") are read as written: rounded so far, they would agree with values a story updates them to."""
    match = _SCALED.search(figure.text)
    digits = match[1].replace(",", "").replace(".", "").lstrip("0") if match else ""
    if match is None or figure.low != figure.high or len(digits) < ROUNDED_DIGITS:
        return 0.0
    written = float(match[1].replace(",", ""))
    decimals = len(match[1].partition(".")[2])
    return 0.5 * 10.0 ** -decimals * abs(figure.low) / written  # digits written: not 0


def _bounds(item: _Item) -> tuple[float, float]:
    """What a figure's value is weighed as in a verdict: its range (``_widened``), but for a running total
    the value its words state ("more than 2,700" states 2,700): a total grows, so "more than 2,700" killed
    then 3,000 a month later is the toll rising, an update, though 3,000 is more than 2,700."""
    if item.when != "running total" or _impression(item.figure):  # "hundreds": the convention's 200-999
        return _widened(item.figure)
    low, high = stated_value(item.figure)
    if item.figure.low < item.figure.high:  # a bound ("at least 122"), not an approximation
        return low, high
    return _widened(dataclasses.replace(item.figure, low=low, high=high))


def _same_value(a: Figure, b: Figure) -> bool:
    (low_a, high_a), (low_b, high_b) = _widened(a), _widened(b)
    return low_a <= high_b and low_b <= high_a


def _shared(a: _Item, b: _Item) -> int:
    """How many words the two figures' frames share."""
    return len(set(a.frame) & set(b.frame))


def _alike(a: _Item, b: _Item) -> bool:
    return a.article.id != b.article.id and cosine(a.frame, b.frame) >= CONTEXT_MIN_COSINE


def _groups(items: list[_Item], within: set[tuple[str, str]]) -> list[list[_Item]]:
    """Figures of one thing: same unit and head/object, joined further by alike frames."""
    parent = list(range(len(items)))
    # the sentences each group's figures stand in: two figures of one sentence are two quantities
    # ("Anadarko owns 25 percent and Mitsui 10 percent", "500 feet by 2,000 feet"), never one group
    sentences = [{(item.article.id, item.sentence)} for item in items]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def joinable(i: int, j: int) -> bool:
        return find(i) != find(j) and not sentences[find(i)] & sentences[find(j)]

    def join(i: int, j: int) -> None:
        keep, gone = min(find(i), find(j)), max(find(i), find(j))
        parent[gone] = keep
        sentences[keep] |= sentences[gone]

    # heads the texts themselves keep apart: counted side by side in one sentence
    heads_in: dict[tuple[str, tuple[int, int]], set[str | None]] = defaultdict(set)
    for item in items:
        heads_in[(item.article.id, item.sentence)].add(item.head)
    apart = {frozenset((a, b)) for heads in heads_in.values() for a in heads for b in heads if a != b}
    placed = _counted_by_place(items, within)
    # (unit, object, period of a rate): figures differing in any never compare
    blocks: dict[tuple[str | None, ...], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        blocks[(item.figure.unit, item.obj, item.figure.per)].append(i)
    for block in blocks.values():
        # same head, most specific first: each figure joins, of the groups it fits with every member,
        # the one framed most like it (a figure that leaves its place or time unsaid fits several)
        by_head: dict[str, list[list[int]]] = defaultdict(list)
        for i in sorted((i for i in block if items[i].head is not None and not _vague(items[i])),
                        key=lambda i: (sum(k is None for k in items[i].key), items[i].id)):
            fits = [g for g in by_head[items[i].head] if all(_fits(items[i], items[j], within, placed) for j in g)
                    and _anchored(items[i], [items[j] for j in g]) and joinable(i, g[0])]
            fitting = max(fits, key=lambda g: cosine(items[i].frame, sum((items[j].frame for j in g), Counter())),
                          default=None)
            if fitting is None:
                by_head[items[i].head].append([i])
            else:
                join(i, fitting[0])
                fitting.append(i)
        for i, j in _frame_pairs(items, block):
            a, b = items[i], items[j]
            if (joinable(i, j) and _fits(a, b, within, placed)
                    and (_synonyms(a, b, apart) or (_vague(a) and _vague(b) and _alike(a, b)))):
                join(i, j)
        for i, j in _same_sums(items, block):
            if joinable(i, j) and frozenset((items[i].head, items[j].head)) not in apart \
                    and _fits(items[i], items[j], within, placed):
                join(i, j)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return list(groups.values())


def _same_sums(items: list[_Item], block: list[int]) -> list[tuple[int, int]]:
    """Pairs of one exact sum of money told of different nouns in different reports ("a $20 billion fund", "a
    $20 billion escrow account", "$20 billion" BP will set aside): one sum, said each time around other words
    (``_retold``), which an editor reads once. Sums only: a share or a count recurs by chance more often."""
    by_value: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i in block:
        if items[i].figure.unit in CURRENCIES:
            by_value[(items[i].figure.low, items[i].figure.high)].append(i)
    return [(i, j) for same in by_value.values() for n, i in enumerate(same) for j in same[n + 1:]
            if items[i].head != items[j].head and _retold(items[i], items[j])]


@dataclass(frozen=True)
class _Side:
    """One article's figures in a comparison, as bounds: its figures all overlap another side's
    exactly when each side's highest floor is under the other's lowest ceiling."""

    article: Article
    items: tuple[_Item, ...]
    floor: float  # highest lower bound, tolerance applied (``_bounds``)
    ceiling: float  # lowest upper bound, tolerance applied
    mid: float  # mean of the figures' midpoints
    span: tuple[float, float]  # the same of the figures' ranges (``_widened``)

    def overlaps(self, other: _Side) -> bool:
        """Whether the values agree: as their words state them, but for reports of one day, which agree
        wherever their ranges meet ("more than 400" and "over 450" lives, the same day)."""
        if self.article.published is not None and self.article.published == other.article.published:
            return self.span[0] <= other.span[1] and other.span[0] <= self.span[1]
        return self.floor <= other.ceiling and other.floor <= self.ceiling

    @property
    def original(self) -> Article | None:
        return self.items[0].original

    @property
    def source(self) -> str:
        """The report whose words these are: the original of a wire copy, else its own."""
        return (self.original or self.article).id


def _sources(items: Sequence[_Item]) -> int:
    """Independent sources among the items' reports: a wire copy and its original are one."""
    return len({(i.original or i.article).id for i in items})


def _edited(items: list[_Item]) -> bool:
    """Whether reports of one source give values that differ (a copy changed its original's figure)."""
    sides = _sides(items)
    return any(a.source == b.source and not a.overlaps(b) for n, a in enumerate(sides) for b in sides[n + 1:])


def _sides(group: list[_Item]) -> list[_Side]:
    by_article: dict[str, list[_Item]] = defaultdict(list)
    for item in group:
        by_article[item.article.id].append(item)
    sides = []
    for its in by_article.values():
        bounds, ranges = [_bounds(i) for i in its], [_widened(i.figure) for i in its]
        sides.append(_Side(its[0].article, tuple(its), max(low for low, _ in bounds), min(high for _, high in bounds),
                           sum((i.figure.low + i.figure.high) / 2 for i in its) / len(its),
                           (max(low for low, _ in ranges), min(high for _, high in ranges))))
    return sides


def _name(article: Article) -> str:
    return article.outlet or article.id


def _who(side: _Side, inferred: Mapping[str, InferredDate]) -> str:
    article = side.article
    if article.published:
        date = article.published.isoformat()
    elif article.id in inferred:
        date = f"undated, written {interval_text(inferred[article.id])} by inference"
    else:
        date = "date unknown"
    copy = f", copy of {_name(side.original)}'s report" if side.original else ""
    return f"{_name(article)} ({date}{copy})"


def _values(group: list[_Item], inferred: Mapping[str, InferredDate]) -> str:
    """Each article's values, shortened for large groups."""
    sides = _sides(group)
    parts = []
    for side in sides[:NOTE_MAX_ARTICLES]:
        texts = [" ".join(i.figure.text.split()) for i in side.items]
        more = f" (+{len(texts) - NOTE_MAX_VALUES})" if len(texts) > NOTE_MAX_VALUES else ""
        parts.append(f"{_who(side, inferred)}: {', '.join(texts[:NOTE_MAX_VALUES])}{more}")
    if len(sides) > NOTE_MAX_ARTICLES:
        parts.append(f"{len(sides) - NOTE_MAX_ARTICLES} more reports")
    return "; ".join(parts)


def _written(side: _Side, inferred: Mapping[str, InferredDate]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day the side's report may have been written: its publication date, else the
    interval inferred for it (None: unbounded on that side)."""
    if side.article.published:
        return side.article.published, side.article.published
    date = inferred.get(side.article.id)
    return (date.earliest, date.latest) if date else (None, None)


def _before(a: _Side, b: _Side, inferred: Mapping[str, InferredDate]) -> bool:
    """``a`` was written before ``b``, as far as their dates (published or inferred) show."""
    latest_a, earliest_b = _written(a, inferred)[1], _written(b, inferred)[0]
    return latest_a is not None and earliest_b is not None and latest_a < earliest_b


def _trend(newer: _Side, older: _Side) -> str:
    return "higher" if newer.mid > older.mid else "lower" if newer.mid < older.mid else "different"


def _value_verdict(group: list[_Item],
                   inferred: Mapping[str, InferredDate]) -> tuple[str, str, tuple[InferredDate, ...]]:
    """Verdict, note and the inferred dates it used, for same-scope figures from two or more articles."""
    sides = _sides(group)
    apart = [(a, b) for n, a in enumerate(sides) for b in sides[n + 1:] if not a.overlaps(b)]
    differing = [(a, b) for a, b in apart if a.source != b.source] or apart
    values = _values(group, inferred)
    if not differing:
        sources = _sources(group)
        counted = f" ({sources} independent sources of {len(sides)} reports)" if sources < len(sides) else ""
        return "agree", f"values agree{counted}: {values}", ()
    if all(a.source == b.source for a, b in differing):  # an outlet changed the figure of what it republished
        values = f"a copy edits the figure of the report it republishes (one source): {values}"
    used = tuple(dict.fromkeys(inferred[s.article.id] for pair in differing for s in pair
                               if not s.article.published and s.article.id in inferred))
    one_day = [(a, b) for a, b in differing if _same_date(a, b)]
    if len(one_day) == len(differing):
        return "conflict", f"values differ on the same date: {values}", used
    # a series over days whose reports of one day also differ: weighed on the pairs of different days (the
    # reports of one day are a conflict of their own, ``_one_day_conflicts``)
    differing = [pair for pair in differing if pair not in one_day]
    unordered = [(a, b) for a, b in differing if not (_before(a, b, inferred) or _before(b, a, inferred))]
    if unordered:
        return "unknown", f"{_unordered(*unordered[0], inferred)}: {values}", used
    if used:
        names = {side.article.id: _name(side.article) for side in sides}
        because = "; ".join(f"{names[d.article]}: {grounds(d)}" for d in used)
        direction = _direction(differing, inferred)
        return "update", f"update, if the inferred dating holds: {direction} ({because}): {values}", used
    return "update", f"{_direction(differing, inferred)}: {values}", ()


def _same_date(a: _Side, b: _Side) -> bool:
    return a.article.published is not None and a.article.published == b.article.published


def _one_day_conflicts(group: list[_Item]) -> list[list[_Item]]:
    """The figures of each day whose reports (2+ sources) give values that differ, where the group spans
    several days: "hundreds feared dead" and "thousands" on 13 January conflict, whatever the toll did after."""
    sides = _sides(group)
    days = {side.article.published for side in sides if side.article.published is not None}
    out = []
    for day in sorted(days) if len(days) > 1 else ():
        of_day = [side for side in sides if side.article.published == day]
        if any(not a.overlaps(b) for n, a in enumerate(of_day) for b in of_day[n + 1:]):
            items = sorted((i for side in of_day for i in side.items), key=lambda i: i.id)
            if _sources(items) >= 2:
                out.append(items)
    return out


def _unordered(a: _Side, b: _Side, inferred: Mapping[str, InferredDate]) -> str:
    """Why two differing values cannot be ordered in time, what is missing to order them, and what
    they would say if the undated report were the older one."""
    undated, other = (a, b) if not a.article.published else (b, a)
    name, date = _name(undated.article), inferred.get(undated.article.id)
    if date is None or not any(e.kind == "text" for e in date.evidence):
        known = f"; {grounds(date)}" if date else ""
        return f"values differ, dates unknown: {name} is undated and its text dates nothing{known}"
    day = other.article.published
    against = (f"holds {_name(other.article)}'s {day}" if day
               else f"overlaps the dates of {_who(other, inferred)}")
    missing = (f"a publication date for {name}, or a date its text reports after {day}, or anything showing "
               f"it was written before {day}") if day else "their publication dates"
    return (f"values differ, and the dates cannot order them: {name} is undated, written {interval_text(date)} "
            f"by inference ({grounds(date)}), which {against}; missing: {missing}. If {name} is the "
            f"older report, this is an update to a {_trend(other, undated)} value")


def _direction(differing: list[tuple[_Side, _Side]], inferred: Mapping[str, InferredDate]) -> str:
    """Which report is newer and whether its value is higher or lower than the oldest one's (every
    differing pair is ordered by its dates, published or inferred)."""
    involved = {side.article.id: side for pair in differing for side in pair}.values()

    def when(side: _Side) -> tuple[dt.date, str]:
        earliest, latest = _written(side, inferred)
        return earliest or latest or dt.date.min, side.article.id

    newest, oldest = max(involved, key=when), min(involved, key=when)
    return f"newer report {_who(newest, inferred)} gives a {_trend(newest, oldest)} value"


def _label(items: list[_Item]) -> str:
    """The most used `what` among the figures (the first one on a tie), else their unit."""
    counts = Counter(i.label for i in items if i.label)
    if not counts:
        return items[0].figure.unit or "number"
    return max(counts, key=lambda label: counts[label])


def _agreeing(group: list[_Item]) -> list[list[_Item]]:
    """The reports within differing figures that agree among themselves: every largest set of reports
    whose values share a point (each report's lowest ceiling is such a point, so two reports that agree
    are in one set), those of 2+ sources: a verdict holds between two reports, so "hundreds" then "up to
    200,000" twice is an update of the first to the others, which agree."""
    sides = _sides(group)
    found: dict[frozenset[str], list[_Item]] = {}
    for point in sorted({side.ceiling for side in sides}):
        agreeing = [side for side in sides if side.floor <= point <= side.ceiling]
        found[frozenset(side.article.id for side in agreeing)] = [i for side in agreeing for i in side.items]
    return [sorted(items, key=lambda i: i.id) for ids, items in found.items()
            if not any(ids < other for other in found) and _sources(items) >= 2]


def _impression(figure: Figure) -> bool:
    """Whether the figure gives an order of magnitude only ("thousands of people", "hundreds"): figures
    that are all impressions are not compared ("thousands" against "hundreds" checks nothing)."""
    return any(word in VAGUE_PLURALS for word in figure.text.casefold().split())


def _one_impression(items: Sequence[_Item]) -> bool:
    """Whether impressions all give one order of one thing that happened, said alike ("tens of thousands"
    killed, twice): they agree, and say so; impressions of different orders ("hundreds", "thousands") are not
    weighed against each other, nor those a predicate unsaid let in ("millions of gallons" spilled and removed)."""
    return (len({(i.figure.low, i.figure.high) for i in items}) == 1
            and len({i.figure.predicate for i in items}) == 1 and items[0].figure.predicate is not None)


def _scopes(group: list[_Item]) -> dict[str, tuple[str, ...]]:
    """Each figure's scope, one its words leave unsaid read from its sentence where that names the words of
    a scope the group's other figures say, and of no other but the ones it holds: "plans are being made to
    house 400,000 survivors" after "Haiti's earthquake" counts the "400,000 earthquake survivors" of another
    report, "2,000 members of the security forces" the "340 security force members". A scope said with the very
    same value another report gives without it, or with fewer of its words, only describes the thing
    (``_identical``: the "$20bn compensation fund" and the "$20bn escrow fund" are "a $20 billion fund", the "$700
    billion financial rescue program" the "$700 billion rescue program")."""
    said = {item.scope for item in group if item.scope}
    out = {}
    for item in group:
        words = {singular(w.casefold()) for w in _TOKEN.findall(item.article.text[slice(*item.sentence)])}
        if any(_described(item, other) and _identical(item, other) for other in group):
            out[item.id] = ()  # the very same value said with a qualifier and without, or with more qualifiers
            continue  # ("a $700 billion rescue program", "a $700 billion financial rescue program"): they describe
        implied = [scope for scope in said if set(scope) <= words] if not item.scope else []
        widest = max(implied, key=len, default=item.scope)  # "security force" over "security" where both are
        out[item.id] = widest if all(set(scope) <= set(widest) for scope in implied) else item.scope
    return out


def _described(a: _Item, b: _Item) -> bool:
    """Whether one figure's scope words hold the other's and more (none at all included)."""
    sa, sb = set(a.scope), set(b.scope)
    return sa != sb and (sa <= sb or sb <= sa)


# How a kind of time a figure counts over reads in a comparison's basis (``_when``, ``_told_when``).
_WHEN_WORDS = {"running total": "a total up to the report", "one day": "one day's count", "a year": "a yearly rate",
               "increment": "an addition to a total", "earlier estimate": "an estimate since revised",
               "future": "what may happen"}


# Verbs that say nothing of what happened to a count ("there are 40 confirmed cases", "the country has 91"): never
# shown as what happened.
_LIGHT_VERBS = frozenset({"be", "have", "do", "get"})


def _by_report(items: Sequence[_Item], value: Callable[[_Item], str | None]) -> dict[str, str | None]:
    """What each report says of ``value`` (its first figure's that says it), by report id; None where it is unsaid."""
    out: dict[str, str | None] = {}
    for item in items:
        out[item.article.id] = out.get(item.article.id) or value(item)
    return out


def _most_said(values: Mapping[str, str | None]) -> list[str]:
    """The values reports say, those most reports say first (in the alphabet on a tie)."""
    counts = Counter(v for v in values.values() if v is not None)
    return sorted(counts, key=lambda v: (-counts[v], v))


def _happened(items: Sequence[_Item]) -> str | None:
    """What most of the figures' reports say happened to what they count, light verbs aside; None where none says:
    the predicate a reader needs beside "people" ("flee", "die")."""
    said = _most_said(_by_report(items, lambda i: i.figure.predicate if i.figure.predicate not in _LIGHT_VERBS
                                 else None))
    return said[0] if said else None


def _basis(items: Sequence[_Item], names: Mapping[str, str]) -> str:
    """Why the figures were judged one quantity, in words: what they count, what happened to it, over what
    time and where, as their reports say it, and how many reports leave each unsaid (which is why they fit)."""
    reports = {i.article.id for i in items}

    def said(value: Callable[[_Item], str | None], what: str) -> str | None:
        values = _by_report(items, value)
        told = _most_said(values)
        if not told:
            return None
        more = f" and {len(told) - BASIS_VALUES} more" if len(told) > BASIS_VALUES else ""
        unsaid = sum(v is None for v in values.values())
        return (f"{what} {' / '.join(told[:BASIS_VALUES])}{more}"
                + (f" (unsaid in {unsaid} of {len(reports)} reports)" if unsaid else ""))

    def place(item: _Item) -> str | None:
        if item.place is None:
            return None
        return " and ".join("the world" if p == "world" else names.get(p, p) for p in item.place.split("+"))

    per = items[0].figure.per
    parts = [f"one quantity: {_label(list(items))}" + (f" per {per}" if per else ""),
             said(lambda i: i.figure.predicate, "what happened:"),
             said(lambda i: _WHEN_WORDS.get(i.when or "", i.when), "time:"),
             said(place, "place:")]
    return "; ".join(p for p in parts if p)


def _comparisons(group: list[_Item], inferred: Mapping[str, InferredDate]) -> list[Comparison]:
    """Same-scope comparisons (those whose values differ followed by the sets of their reports that
    agree; none where every figure is an impression, ``_impression``, unless all give one order), then one
    different_scope comparison for the narrower leftovers."""
    by_scope: dict[tuple[str, ...], list[_Item]] = defaultdict(list)
    scopes = _scopes(group)
    for item in group:
        by_scope[scopes[item.id]].append(item)
    out = []
    compared: set[str] = set()
    for scoped in by_scope.values():
        if all(_impression(i.figure) for i in scoped) and not _one_impression(scoped):
            continue
        if _sources(scoped) >= 2 or (len({i.article.id for i in scoped}) >= 2 and _edited(scoped)):
            verdict, note, used = _value_verdict(scoped, inferred)
            out.append(Comparison(_label(scoped), tuple(i.id for i in scoped), verdict, note, used))
            compared.update(i.id for i in scoped)
            if verdict != "agree":
                for agreeing in _agreeing(scoped):
                    _, note, _ = _value_verdict(agreeing, inferred)
                    out.append(Comparison(_label(agreeing), tuple(i.id for i in agreeing), "agree", note))
            if verdict != "conflict":
                for one_day in _one_day_conflicts(scoped):
                    _, note, used = _value_verdict(one_day, inferred)
                    out.append(Comparison(_label(one_day), tuple(i.id for i in one_day), "conflict", note, used))
    leftovers = [i for i in group if i.id not in compared]
    if leftovers:
        base_scope = min(by_scope, key=lambda s: (len(s), -len(by_scope[s]), s))
        involved = sorted({i.id: i for i in (*leftovers, *by_scope[base_scope])}.values(),
                          key=lambda i: (i.article.id, i.figure.start))
        if _sources(involved) >= 2 and len({scopes[i.id] for i in involved}) >= 2:
            base = _label(by_scope[base_scope])
            others = dict.fromkeys(" ".join((*scopes[i.id], i.head or "")) for i in leftovers
                                   if scopes[i.id] != base_scope)
            note = f"counts of another scope ({', '.join(others)}) beside {base}: {_values(involved, inferred)}"
            what = f"{' / '.join(others)} vs {base}"
            out.append(Comparison(what, tuple(i.id for i in involved), "different_scope", note))
    return out


def compare_figures(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon,
                    inferred: Mapping[str, InferredDate] | None = None, copies: Mapping[str, str] | None = None
                    ) -> tuple[list[tuple[str, Figure]], list[Comparison]]:
    """Quantity figures with ids ``"<article>:f<n>"`` (``model.item_id``) and their cross-source
    comparisons, undated reports placed by ``inferred`` (``fuse.dating.infer_dates``), wire copies and
    their originals one source by ``copies`` (``fuse.copies.find_copies``). ``n`` numbers
    *all* the article's figures in analysis order, so an id stays the same whichever figures are
    returned; only ``kind == "quantity"`` figures are returned and compared.
    """
    types = {e.id: e.type for e in canon.entities}
    names = {e.id: e.name for e in canon.entities}
    figs = _items(items, canon, types, copies or {})
    by_id = {i.id: i for i in figs}
    comparisons = []
    for group in _groups(figs, _within(items, canon, types)):
        if len({i.article.id for i in group}) >= 2:
            comparisons.extend(dataclasses.replace(c, basis=_basis([by_id[f] for f in c.figures], names),
                                                   happened=_happened([by_id[f] for f in c.figures]))
                               for c in _comparisons(group, inferred or {}))
    comparisons.sort(key=lambda c: (c.what, c.verdict == "different_scope", c.figures))
    return [(i.id, i.figure) for i in figs], comparisons
