"""The story's timeline: a timeline of events, not of time expressions.

Every dated time expression of every report, but a page's timestamp (``_STAMP``: a date with a
clock time and a zone, and a weekday or date written just before it), is a *mention*: its date (a
time of day counts as its day) and the clause around it (``clause_spans``: the part of the sentence
between clause breaks such as ";", a comma, a dash or a quote, widened to a neighbour when too short
to say anything, trailing attribution such as ", officials said" cut off). The entry's date is its
heading, so its text leaves out what only says that date ("On Wednesday, BP began ..." reads "BP
began ...": ``_heading_span``) and a page's timestamp before it. Mentions
of the same date whose clauses share content words (``SAME_EVENT_OVERLAP``) are one *event*, so ten
reports recalling "the 1989 Exxon Valdez spill" give one entry with ten sources. An event's text is
the clause of its most central mention (from a report of the time before a retrospective one, then
the one whose words are most common among the event's clauses and all the clauses naming its date),
which is also its first source.

Each event is scored by how many reports point at it and, for a day, at the day at all (a report
published that day counts ``PUBLISHED_WEIGHT``: it is about the day even where it names no date),
and by how many outlets, times a weight for its precision (a day says more than a year), for its
topicality (``TOPICALITY_POWER``: a clause from a report that strayed off the story ranks low) and
for where it lies against the story's reports: ending more than ``BACKGROUND_DAYS`` before the
first report it is *background* (history the reports recall) and weighs ``BACKGROUND_WEIGHT``;
after the last report (a plan, a deadline) ``FUTURE_WEIGHT``. A date's events are ordered by their
score weighed by how central their text is among every clause naming the date (``_day_bags``:
what most of the day's reports talk about leads it, not the wording two wire copies repeat); its
first keeps the date's best score and each after it weighs ``SAME_DATE_DECAY`` less, so a short
list shows several dates. ``rank`` 1 is the highest score.

``build_timeline`` returns the entries in date order (``date_order``): values of mixed precision
("2014", "2017-06", "2017-10-14", "2017-W41") sort by the first day of the period they name,
coarser periods first on a tie. Entries left relative (no publication date to anchor "monday")
come last, in article order, unranked: they say something happened, not when; the same wording
with the same sentence in several reports is one entry. ``top_entries(entries, n)`` is the n most
important, in date order, for a renderer that shows a few.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from crosswire.fuse.reading import readable
from crosswire.fuse.similarity import content_words
from crosswire.model import Article, ArticleAnalysis, SpanRef, TimelineEntry, TimeRef

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(.*))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PRECISION_RANK = {"decade": 0, "year": 1, "month": 2, "week": 3, "day": 4, "time": 5, "unknown": 6}
# How much a mention of each precision says about when something happened.
PRECISION_WEIGHT = {"time": 1.0, "day": 1.0, "week": 0.7, "month": 0.5, "year": 0.3, "decade": 0.2,
                    "unknown": 0.2}
# Two mentions of one date are the same event when this share of the shorter clause's content
# words (at least SAME_EVENT_MIN_WORDS of them) is in the other's.
SAME_EVENT_OVERLAP = 0.5
SAME_EVENT_MIN_WORDS = 2
# A mention is compared with at most this many members of an event (the first ones).
_COMPARED_MEMBERS = 12
# Relative entries (no date) repeat one another only when their sentences say the same thing.
DUPLICATE_MIN_OVERLAP = 0.9
# A report published on a day is about that day's events even where it names no date: each report
# published on a date that names no time of it counts this much towards the date's support.
# PUBLISHED_WEIGHT and CLAUSE_MIN_WORDS were chosen by a 2-fold cross-validation across Timeline17's
# topics (eval/timelines.py; both folds chose 6 words, one 1.0 and one 2.0 here).
PUBLISHED_WEIGHT = 1.0
# Each further event of one date weighs this much less in the ranking.
SAME_DATE_DECAY = 0.5
# The events of one date are ordered by their score times (DAY_CENTRALITY_FLOOR + their centrality
# among the date's clauses) to this power; 0.5 was chosen by a 2-fold cross-validation across
# Timeline17's topics (each fold chose 0.5 or 0.25 of 0, 0.25, 0.5, 1, 2 and gained on the other).
DAY_CENTRALITY_POWER = 0.5
DAY_CENTRALITY_FLOOR = 0.05  # so an event without content words is ordered by its score alone
# A report published this many days after an event's day (or on it) tells it as news.
CONTEMPORARY_DAYS = 2
_CENTRAL_POOL = 50  # members considered for an event's text (the first ones)
# Dated this many days before the story's first report: background.
BACKGROUND_DAYS = 30
BACKGROUND_WEIGHT = 0.2
FUTURE_WEIGHT = 0.5
# An event's score is multiplied by (its topicality / the story's median, at most 1) to this power:
# topicality is how common its description's words are among the story's reports, so a clause from
# a report that strayed off the story ranks below the story's own events.
TOPICALITY_POWER = 1.0
# A clause with fewer content words than this (time words left out) is widened to a neighbouring clause.
CLAUSE_MIN_WORDS = 6

# Where a sentence breaks into clauses (on the text as given, which may be tokenized: " , which"):
# commas too, since a clause too short to say anything is widened again; brackets also as a
# Penn-Treebank-tokenized corpus writes them ("-LRB-").
_BREAK = re.compile(
    r"\s*(?:;|:(?=\s)|,(?=\s)|\s--?\s|\s[\u2013\u2014]\s|[\u2014]|(?<=[.!?])[\"\u201d\u2019']+(?=\s)"
    r"|\s\(|\)\s|\s-[LR]RB-(?=\s))\s*",
    re.IGNORECASE)
# ", officials said" / ", the ministry told reporters" / ", according to ..." closing a clause.
_ATTRIBUTION_TAIL = re.compile(
    r"\s*,\s*(?:(?:[\w.'&-]+\s+){0,6}(?:said|says|told|reported|reports|added|wrote|according)\b.*)$",
    re.IGNORECASE | re.DOTALL)
# A clause that only says who said it ("a commander told Reuters on Monday") takes the one before.
_ATTRIBUTION_PIECE = re.compile(r"\s*(?:[\w.'&-]+\s+){0,6}(?:said|says|told|reported|added)\b", re.IGNORECASE)
# A clause that hangs on the noun before it ("..., which began on Wednesday"): it takes that clause.
_DEPENDENT_PIECE = re.compile(r"\s*(?:who|whom|whose|which|where)\b", re.IGNORECASE)
# A whole clause that only says who said something: "the mayor said", "officials told reporters".
_ASIDE = re.compile(r"\s*(?:[\w.'&-]+\s+){0,5}(?:said|says|told(?:\s+\w+)?|reported|added)\s*", re.IGNORECASE)
_LEAD_TRIM = re.compile(r"[\s,;:.\-\u2013\u2014\"'`]*(?:(?:and|but|or|so)\s+)?", re.IGNORECASE)
_TAIL_TRIM = re.compile(r"(?:[\s,;:\-\u2013\u2014\"'`(]|\bthat\b)+$", re.IGNORECASE)
# A date stamped with a clock time and a zone or am/pm ("Tue Mar 15, 2011 1:48 pm GMT", "24 June 2010
# Last updated at 14:59 GMT", "Thursday, April 29, 2010; 4:49 PM"): the page's timestamp, not an event.
_STAMP = re.compile(r"[\s,;|\-]*(?:(?i:last updated)(?:\s+at)?\s*)?\d{1,2}[:.]\d{2}\s*"
                    r"(?:(?i:[ap]\.?m)\b\.?|[A-Z]{2,4}\b)")
# What may stand between a stamp's weekday or date and the date before its clock time: ", ", " ".
_STAMP_JOIN = re.compile(r"[\s,]*")


# What attaches a time expression that only dates its clause: "on", "late on", "early", "during".
_HEADING_LEAD = re.compile(r"\b(?:(?:early|late)\s+)?(?:(?:on|in|at|during)\s+)?(?:(?:early|late)\s+)?$",
                           re.IGNORECASE)
# After a date that opens a clause: its comma, colon or a list's dash.
_HEADING_TAIL = re.compile(r"(?:\s*(?:,|:|-+|[\u2013\u2014])(?=\s))?\s*")
_DAY_PART = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s?['\u2019]")
# What may open a list item before its date ("* April 28 -", a corpus's escaped "\*").
_LIST_MARKS = " \t*\\\u2022-"
# A day said bare, as a date alone ("BP said Friday", "last Monday").
_BARE_DAY = re.compile(r"(?:(?:this|last|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday"
                       r"|sunday|today|yesterday|tonight)", re.IGNORECASE)
# Words after which a bare day says more than the date: "by Thursday", "until Monday", "possibly Wednesday".
_BOUND_BEFORE = re.compile(r"\b(?:by|until|till|since|before|after|from|through|possibly|probably|next|than|of"
                           r"|for|to|as)\s+$", re.IGNORECASE)


def period_start(value: str) -> tuple[dt.date, str] | None:
    """First day of the period an ISO-like value names, and its time of day if any."""
    if m := _WEEK.match(value):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), ""
        except ValueError:
            return None
    if m := _DATE.match(value):
        try:
            return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), m[4] or ""
        except ValueError:
            return None
    return None


def _sort_key(entry: TimelineEntry) -> tuple:
    start = period_start(entry.date) if entry.date and not entry.relative else None
    if start is None:  # undated, relative, or a value we cannot place: after every dated entry
        return (1, dt.date.max, "", 0, entry.article, entry.start, entry.end)
    return (0, start[0], start[1], _PRECISION_RANK.get(entry.precision, 6), entry.article,
            entry.start, entry.end)


def date_order(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Entries by the period they name (coarser first on a tie), relative ones last."""
    return sorted(entries, key=_sort_key)


def by_importance(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Ranked entries, most important first, then the unranked (relative) ones in date order."""
    entries = list(entries)
    ranked = sorted((e for e in entries if e.rank), key=lambda e: e.rank)
    return ranked + date_order(e for e in entries if not e.rank)


def top_entries(entries: Iterable[TimelineEntry], n: int) -> list[TimelineEntry]:
    """The ``n`` most important entries, in date order."""
    return date_order(by_importance(entries)[:max(n, 0)])


# --------------------------------------------------------------------------- clauses


def _sentence_span(article: Article, analysis: ArticleAnalysis, ref: TimeRef) -> tuple[int, int]:
    """The sentence holding the time expression (else its line), as a span of the text as given."""
    sentences = analysis.sentences  # in text order
    i = bisect.bisect_right(sentences, ref.start, key=lambda s: s.start) - 1
    span = (sentences[i].start, sentences[i].end) if i >= 0 and ref.start < sentences[i].end else None
    if span is None:
        text = article.text
        line_end = text.find("\n", ref.end)
        span = (text.rfind("\n", 0, ref.start) + 1, line_end if line_end >= 0 else len(text))
    return span


def clause_spans(text: str, sentence: tuple[int, int], ref: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause of ``text[sentence]`` around the span ``ref``, as spans of ``text``: the sentence cut
    at clause breaks, widened by whole neighbouring clauses until it holds ``CLAUSE_MIN_WORDS``
    content words besides the time expression. An aside on the way ("the vote on Saturday, the
    mayor said, drew few") is stepped over, which is why there may be two spans; closing
    attribution (", officials said") and stray punctuation are trimmed off."""
    s_start, s_end = sentence
    r_start, r_end = max(ref[0], s_start), min(ref[1], s_end)
    cuts = [s_start]
    for m in _BREAK.finditer(text, s_start, s_end):
        if m.end() <= r_start or m.start() >= r_end:  # never cut inside the time expression
            cuts += [m.start(), m.end()]
    cuts.append(s_end)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    if not pieces:
        return [(r_start, r_end)]
    at = next((i for i, (a, b) in enumerate(pieces) if a <= r_start < b or a < r_end <= b), 0)
    aside = {i for i, (a, b) in enumerate(pieces) if i != at and _ASIDE.fullmatch(text, a, b)}
    lo = hi = at
    if at > 0 and (_ATTRIBUTION_PIECE.match(text, pieces[at][0], pieces[at][1])
                   or _DEPENDENT_PIECE.match(text, pieces[at][0], pieces[at][1])):
        lo -= 1
    time_words = set(content_words(text[r_start:r_end]))

    def kept() -> list[int]:
        return [i for i in range(lo, hi + 1) if i not in aside]

    def enough() -> bool:
        words = set().union(*(content_words(text[pieces[i][0]:pieces[i][1]]) for i in kept()))
        return len(words - time_words) >= CLAUSE_MIN_WORDS

    while not enough() and (lo > 0 or hi < len(pieces) - 1):
        if hi < len(pieces) - 1:
            hi += 1
        else:
            lo -= 1
    while lo > 0 and _DEPENDENT_PIECE.match(text, pieces[lo][0], pieces[lo][1]):
        lo -= 1  # widened onto "who ...": the noun it hangs on comes too
    while hi > at and hi in aside:
        hi -= 1
    while lo < at and lo in aside:
        lo += 1
    spans: list[tuple[int, int]] = []
    for i in kept():
        if spans and i - 1 not in aside and i > lo:
            spans[-1] = (spans[-1][0], pieces[i][1])
        else:
            spans.append(pieces[i])
    start, end = spans[0][0], spans[-1][1]
    tail = _ATTRIBUTION_TAIL.search(text, spans[-1][0], end)
    if tail and tail.start() >= r_end and len(set(content_words(text[start:tail.start()])) - time_words) >= 2:
        end = tail.start()
    lead = _LEAD_TRIM.match(text, start, spans[0][1])
    if lead and lead.end() <= r_start:
        start = lead.end()
    trail = _TAIL_TRIM.search(text, spans[-1][0] if len(spans) > 1 else start, end)
    if trail and trail.start() >= r_end:
        end = trail.start()
    spans[0] = (start, spans[0][1])
    spans[-1] = (spans[-1][0], end)
    return [(a, b) for a, b in spans if a < b]


def _heading_span(text: str, clause: tuple[int, int], ref: tuple[int, int]) -> tuple[int, int] | None:
    """The part of a clause that only says its date, which the entry's date heading says already:
    the time expression with the words attaching it ("late on Friday", "said Tuesday", a list's
    "April 28 -", an opening "On Wednesday,"); None where the expression does more than date the
    clause ("since April 20", "by Thursday", "the 1989 spill", "Sunday's insertion"). A capitalised
    "On ..." inside a clause opens a sentence the segmenter missed (a headline glued to the lead):
    what comes before it goes too."""
    (first, last), (start, end) = clause, ref
    if not first <= start < end <= last or _POSSESSIVE.match(text, end):
        return None
    lead = _HEADING_LEAD.search(text, max(first, start - 24), start)
    lead_start = lead.start() if lead else start
    day_part = _DAY_PART.match(text, end, last)
    end = day_part.end() if day_part else end
    if not text[first:lead_start].strip(_LIST_MARKS) or (lead_start < start and text[lead_start].isupper()):
        return first, _HEADING_TAIL.match(text, end, last).end()  # the tail's parts are all optional
    if lead_start < start or (_BARE_DAY.fullmatch(text, start, ref[1])
                              and not _BOUND_BEFORE.search(text, first, start)):
        return lead_start, end
    return None


def _stamp_spans(text: str, times: Sequence[TimeRef]) -> list[tuple[int, int]]:
    """A page's timestamps: a date followed by a clock time with a zone or am/pm, with a date or
    weekday written just before it ("Friday, April 30, 2010; 2:30 PM"), as spans of ``text``."""
    spans: list[tuple[int, int]] = []
    ordered = sorted(times, key=lambda t: t.start)
    for i, ref in enumerate(ordered):
        if stamp := _STAMP.match(text, ref.end):
            start = ref.start
            for before in reversed(ordered[:i]):
                if not _STAMP_JOIN.fullmatch(text, before.end, start):
                    break
                start = before.start
            spans.append((start, stamp.end()))
    return spans


def _clause_text(article: Article, analysis: ArticleAnalysis, ref: TimeRef, *, dated: bool = True,
                 stamps: Sequence[tuple[int, int]] = ()) -> str:
    """The clause around ``ref``, readable; for a ``dated`` entry without a page's timestamp before
    it (``stamps``) or what only says its date (``_heading_span``)."""
    text = article.text
    spans = clause_spans(text, _sentence_span(article, analysis, ref), (ref.start, ref.end))
    opened = False
    if dated:
        first = max([b for _, b in stamps if spans[0][0] < b <= ref.start], default=spans[0][0])
        spans = [(max(a, first), b) for a, b in spans if b > first] or spans
        cut = _heading_span(text, (spans[0][0], spans[-1][1]), (ref.start, ref.end))
        if cut is not None:
            opened = cut[0] <= spans[0][0]
            kept = [piece for a, b in spans for piece in ((a, min(b, cut[0])), (max(a, cut[1]), b))]
            spans = [(a, b) for a, b in kept if a < b and text[a:b].strip(_LIST_MARKS + ",;:\u2013\u2014")]
            if not spans:
                return readable(article, analysis, ref.start, ref.end)
    said = ""
    for a, b in spans:
        piece = readable(article, analysis, a, b)
        said = f"{said}{piece}" if not said or piece[:1] in ",.;:!?" else f"{said} {piece}"
    if opened and said[:1].islower():
        said = said[0].upper() + said[1:]
    return said


# --------------------------------------------------------------------------- events


@dataclass
class _Mention:
    order: int  # position among all mentions (reports by publication date, then the text)
    article: Article
    ref: TimeRef
    text: str  # the clause, readable
    words: frozenset[str]  # its content words, the time expression's left out


@dataclass
class _Event:
    key: str
    precision: str
    members: list[_Mention]
    words: list[frozenset[str]]


def _mention(order: int, article: Article, analysis: ArticleAnalysis, ref: TimeRef,
             stamps: Sequence[tuple[int, int]]) -> _Mention:
    text = _clause_text(article, analysis, ref, stamps=stamps)
    time_words = set(content_words(readable(article, analysis, ref.start, ref.end)))
    return _Mention(order, article, ref, text, frozenset(set(content_words(text)) - time_words))


def _same_event(words: frozenset[str], others: Sequence[frozenset[str]]) -> bool:
    for other in others[:_COMPARED_MEMBERS]:
        if not words and not other:
            return True
        shared = len(words & other)
        if shared >= SAME_EVENT_MIN_WORDS and shared >= SAME_EVENT_OVERLAP * min(len(words), len(other)):
            return True
    return False


def _day_key(ref: TimeRef) -> tuple[str, str]:
    """The date an event is filed under: a time of day counts as its day."""
    value = ref.value or ""
    if "T" in value and _DATE.match(value):
        return value.split("T", 1)[0], "day"
    return value, ref.precision


@dataclass(frozen=True)
class _Bag:
    """Word counts over clauses and their norm, to take cosines with."""

    counts: dict[str, int]
    norm: float

    @classmethod
    def of(cls, word_sets: Iterable[frozenset[str]]) -> _Bag:
        counts: dict[str, int] = {}
        for words in word_sets:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        return cls(counts, sum(v * v for v in counts.values()) ** 0.5)

    def cosine(self, words: frozenset[str]) -> float:
        if not words or not self.norm:
            return 0.0
        return sum(self.counts.get(w, 0) for w in words) / (len(words) ** 0.5 * self.norm)


def _central(event: _Event, day: _Bag) -> int:
    """The member to show: one from a report of the time (published on the event's day or within
    ``CONTEMPORARY_DAYS`` after) before a retrospective one, then the one most central among the
    event's clauses and among every clause naming its date (the sum of its cosines with their word
    counts: of the wordings of one event, the one that says what the day was about), then the first.
    The day's clauses count besides the event's own: a 2-fold cross-validation across Timeline17's
    topics chose the sum over either alone, each fold gaining on the other."""
    start = period_start(event.key)
    pool = list(range(min(len(event.members), _CENTRAL_POOL)))
    own = _Bag.of(event.words[i] for i in pool)

    def contemporary(i: int) -> bool:
        published = event.members[i].article.published
        return bool(start and published
                    and start[0] <= published <= start[0] + dt.timedelta(days=CONTEMPORARY_DAYS))

    return max(pool, key=lambda i: (contemporary(i), own.cosine(event.words[i]) + day.cosine(event.words[i]), -i))


def _story_window(items: Sequence[tuple[Article, ArticleAnalysis]]) -> tuple[dt.date, dt.date] | None:
    published = [a.published for a, _ in items if a.published]
    return (min(published), max(published)) if published else None


def period_end(value: str, precision: str) -> dt.date | None:
    """Last day of the period a value names (its first day for a day or a time)."""
    start = period_start(value)
    if start is None:
        return None
    first = start[0]
    if precision == "week":
        return first + dt.timedelta(days=6)
    if precision == "month":
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if precision == "year":
        return first.replace(month=12, day=31)
    if precision == "decade":
        return dt.date(min(first.year + 9, dt.MAXYEAR), 12, 31)
    return first


def _when_weight(key: str, precision: str, window: tuple[dt.date, dt.date] | None) -> tuple[float, bool]:
    """(weight, background) of a period against the story's reports: background when it ends well
    before the first report, a plan when it starts after the last."""
    start, end = period_start(key), period_end(key, precision)
    if window is None or start is None or end is None:
        return 1.0, False
    first, last = window
    if end < first - dt.timedelta(days=BACKGROUND_DAYS):
        return BACKGROUND_WEIGHT, True
    if start[0] > last + dt.timedelta(days=1):
        return FUTURE_WEIGHT, False
    return 1.0, False


def _topicality(words: frozenset[str], df: dict[str, int]) -> float:
    """How central a description is to the story: its words' share of the story's reports, summed
    and divided by the square root of their number (the cosine with the story's centroid of word
    presence, up to a constant)."""
    return sum(df.get(w, 0) for w in words) / len(words) ** 0.5 if words else 0.0


def _day_bags(events: Sequence[_Event]) -> dict[str, _Bag]:
    """The word counts of every clause naming each date."""
    by_key: dict[str, list[frozenset[str]]] = {}
    for event in events:
        by_key.setdefault(event.key, []).extend(event.words)
    return {key: _Bag.of(sets) for key, sets in by_key.items()}


def _dated_entries(mentions: Sequence[_Mention], published: dict[str, set[str]],
                   window: tuple[dt.date, dt.date] | None, df: dict[str, int]) -> list[TimelineEntry]:
    """Mentions merged into events, scored. ``published``: ISO day -> the reports published that day;
    ``df``: content word -> how many of the story's reports use it."""
    events: list[_Event] = []
    by_key: dict[str, list[_Event]] = {}
    # a clause said again word for word (the same content words: a caption on two pages) joins the event that
    # holds it, however many members that event had before it (``_same_event`` weighs the first ones only)
    said: dict[tuple[str, frozenset[str]], _Event] = {}
    for m in mentions:
        key, precision = _day_key(m.ref)
        candidates = by_key.setdefault(key, [])
        event = said.get((key, m.words)) or next((e for e in candidates if _same_event(m.words, e.words)), None)
        if event is None:
            event = _Event(key, precision, [], [])
            candidates.append(event)
            events.append(event)
        said.setdefault((key, m.words), event)
        event.members.append(m)
        event.words.append(m.words)
    date_support = {}
    for key, evs in by_key.items():
        pointing = {m.article.id for e in evs for m in e.members}
        date_support[key] = len(pointing) + PUBLISHED_WEIGHT * len(published.get(key, set()) - pointing)
    # how central each event's text is among every clause naming its date: a busy day's reports name it
    # for many things; the one most of their clauses share words with is what the day was about
    days = _day_bags(events)
    leads = [event.members[_central(event, days[event.key])] for event in events]
    centrality = [days[event.key].cosine(lead.words) for event, lead in zip(events, leads)]
    topical = [_topicality(lead.words, df) for lead in leads]
    typical = sorted(topical)[len(topical) // 2] if topical else 0.0
    entries = []
    for event, lead, topic in zip(events, leads, topical):
        others = [m for m in event.members if m is not lead]
        sources = (SpanRef(lead.article.id, lead.ref.start, lead.ref.end),) + tuple(
            SpanRef(m.article.id, m.ref.start, m.ref.end) for m in others)
        reports = len({m.article.id for m in event.members})
        outlets = len({m.article.outlet for m in event.members if m.article.outlet})
        weight, background = _when_weight(event.key, event.precision, window)
        # a day's other reports back its events; a month or a year is not one event, so only the
        # event's own reports count there
        support = (reports + date_support[event.key]) / 2 if event.precision == "day" else reports
        score = (support + 0.5 * max(outlets - 1, 0)) * PRECISION_WEIGHT.get(event.precision, 0.2) * weight
        if typical:
            score *= min(topic / typical, 1.0) ** TOPICALITY_POWER
        entries.append(TimelineEntry(event.key, event.precision, False, lead.text, lead.article.id,
                                     lead.ref.start, lead.ref.end, sources=sources, reports=reports,
                                     outlets=outlets, score=score, background=background))
    # a date's events in the order of their score weighed by their centrality among the date's clauses;
    # the first keeps the date's best score (which dates rank high does not change), the second weighs
    # SAME_DATE_DECAY of it (times its weighed score over the first's), the third its square, ...: a
    # short list then shows several dates before a busy day's lesser events
    out = []
    by_date: dict[str, list[tuple[float, TimelineEntry]]] = {}
    for entry, central in zip(entries, centrality):
        weighed = entry.score * (DAY_CENTRALITY_FLOOR + central) ** DAY_CENTRALITY_POWER
        by_date.setdefault(entry.date or "", []).append((weighed, entry))
    for same in by_date.values():
        same.sort(key=lambda we: (-we[0], -we[1].reports))
        best, first = max(e.score for _, e in same), same[0][0]
        out += [replace(e, score=round(best * (w / first if first else 1.0) * SAME_DATE_DECAY ** k, 4))
                for k, (w, e) in enumerate(same)]
    return out


def _same_sentence(a: str, b: str) -> bool:
    wa, wb = set(content_words(a)), set(content_words(b))
    if not wa or not wb:
        return a == b
    return len(wa & wb) / max(len(wa), len(wb)) >= DUPLICATE_MIN_OVERLAP


def _relative_entries(mentions: Sequence[tuple[Article, ArticleAnalysis, TimeRef]]) -> list[TimelineEntry]:
    """One entry per wording and sentence: the same "last week" in a wire copy is one more source."""
    entries: list[TimelineEntry] = []
    sources: list[list[SpanRef]] = []
    seen: dict[tuple, list[tuple[str, int]]] = {}
    for article, analysis, ref in mentions:
        sentence = readable(article, analysis, *_sentence_span(article, analysis, ref))
        key = (ref.value, article.text[ref.start:ref.end].casefold())
        match = next((i for text, i in seen.get(key, ()) if _same_sentence(sentence, text)), None)
        span = SpanRef(article.id, ref.start, ref.end)
        if match is not None:
            sources[match].append(span)
            continue
        seen.setdefault(key, []).append((sentence, len(entries)))
        text = _clause_text(article, analysis, ref, dated=False)
        entries.append(TimelineEntry(ref.value, ref.precision, ref.relative, text, article.id, ref.start, ref.end))
        sources.append([span])
    return [replace(e, sources=tuple(s), reports=len({x.article for x in s}), outlets=0)
            for e, s in zip(entries, sources)]


def build_timeline(items: Sequence[tuple[Article, ArticleAnalysis]],
                   core: Collection[str] | None = None) -> list[TimelineEntry]:
    """The story's events, each with all its sources, ranked by importance, in date order; ``core``: the
    reports whose entries rank first (a storyline's reports of events told by several; all by default)."""
    dated: list[_Mention] = []
    undated: list[tuple[Article, ArticleAnalysis, TimeRef]] = []
    # reports in publication order (undated last), so the result does not depend on the order given
    items = sorted(items, key=lambda it: (it[0].published or dt.date.max, it[0].id))
    for article, analysis in items:
        stamps = _stamp_spans(article.text, analysis.times)
        for ref in analysis.times:
            if any(a <= ref.start < b for a, b in stamps):
                continue
            if ref.value and not ref.relative and period_start(ref.value) is not None:
                dated.append(_mention(len(dated), article, analysis, ref, stamps))
            else:
                undated.append((article, analysis, ref))
    published: dict[str, set[str]] = {}
    df: dict[str, int] = {}
    for article, analysis in items:
        if article.published:
            published.setdefault(article.published.isoformat(), set()).add(article.id)
        for word in set(content_words(analysis.reading_text)):
            df[word] = df.get(word, 0) + 1
    entries = _dated_entries(dated, published, _story_window(items), df)
    ranked = sorted(entries, key=lambda e: (bool(core) and not any(src.article in core for src in e.sources),
                                            -e.score, -e.reports, _sort_key(e)))
    entries = [replace(e, rank=i) for i, e in enumerate(ranked, start=1)]
    return date_order(entries) + date_order(_relative_entries(undated))
