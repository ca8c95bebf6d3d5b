"""The data contract: every value that crosses a stage boundary is one of these types.

Offsets are sacred: every ``start``/``end`` pair in a per-article item indexes the article text
*as given* (``Article.text``), so ``article.text[item.start:item.end] == item.text`` always holds.
Analysis runs on a restored *reading* text; ``crosswire.restore.OffsetMap`` carries spans back
before anything leaves the analyze stage.

Types here are plain frozen dataclasses so they pickle across processes and serialise to JSON
with ``to_dict`` (``dataclasses.asdict`` with dates as ISO strings).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import types
import typing
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, Literal, TypeVar

EntityType = str  # spaCy labels: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, ...
Verdict = Literal["agree", "conflict", "update", "different_scope", "unknown"]
Precision = Literal["day", "week", "month", "year", "decade", "time", "unknown"]
T = TypeVar("T")
# Characters of an untitled report's lead shown as its headline in a list (one terminal line).
LISTED_HEADLINE_WIDTH = 90
# Characters of an article's text a search hit carries as its lead (a few lines of any width).
LEAD_CHARS = 1000
# Characters of a report's own words kept as its lead (``ArticleAnalysis.lead``): its first line as a
# listing shows it and what follows, which tells a line a site prints atop many pages from the report's
# own (``fuse.headline``).
HEADING_LEAD_CHARS = 300


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without the whitespace around it, as offsets; None when nothing else is there."""
    piece = text[start:end]
    lead, trail = len(piece) - len(piece.lstrip()), len(piece) - len(piece.rstrip())
    return (start + lead, end - trail) if end - trail > start + lead else None


# The kinds of per-article item, as item ids spell them.
MENTION_KIND, QUOTE_KIND, FIGURE_KIND, TIME_KIND = "m", "q", "f", "t"


def item_id(article_id: str, kind: str, n: int) -> str:
    """An item's id, ``"<article>:<kind><n>"``: the ``n``-th (from 1) item of its kind in the article's
    analysis (``m`` mention, ``q`` quote, ``f`` figure, ``t`` time reference); briefings, exports and the
    store's item tables all name items so."""
    return f"{article_id}:{kind}{n}"


def content_hash(text: str) -> str:
    """Identity of an article's content: re-ingesting the same text is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_PLAIN = (str, int, float, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of the dataclass ``cls``, looked up once per class (None for any other class)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_dict(obj: Any) -> Any:
    """JSON-ready form of any model value (dates become ISO strings). Plain values are tested first and
    fields looked up once per class: an analysis holds thousands of values, and storing each report
    encodes one."""
    if isinstance(obj, _PLAIN):
        return obj
    if (names := _field_names(type(obj))) is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


# --------------------------------------------------------------------------- read


@dataclass(frozen=True)
class Article:
    """One report, with its text exactly as given and whatever metadata came with it."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None  # the file (or "<stdin>") it was read from
    line: int | None = None  # 1-based line in ``source`` for line-oriented formats

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class Problem:
    """A bad input, reported with where it was found; reading goes on with the rest."""

    source: str
    message: str
    line: int | None = None
    # empty | binary | encoding | too_large | too_deep | malformed | invalid | missing | unreadable |
    # loop | broken_link | analysis | worker (its analysis ended the worker process)
    kind: str = "invalid"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Dateline:
    """``RAQA -`` or ``raqqa , syria ( reuters ) -`` at the head of a report."""

    start: int
    end: int
    place: str | None
    agency: str | None


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named-entity mention (spaCy label) in the text as given."""

    start: int
    end: int
    text: str
    label: EntityType


@dataclass(frozen=True)
class AliasEvidence:
    """The text itself says two names denote one thing: "Syrian Democratic Forces (SDF)",
    "Daesh, ... the Arabic acronym for IS". Spans point at both names."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int
    kind: str  # parenthetical | acronym_for | apposition


# What a quote reports (``Quote.kind``): speech (said, written, in quote marks), or a position: a stance,
# wish or view the report attributes without saying it was voiced ("backed the bill", "refused to
# speculate", "wants a recount").
SPEECH, POSITION = "speech", "position"


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, direct (in quote marks) or reported ("X said ...")."""

    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None  # the name as resolved (a pronoun resolves to the nearest fitting name)
    speaker_start: int | None = None  # the speaker's mention in the text (may be the pronoun)
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb, lemma ("say", "tell", "add")
    kind: str = SPEECH  # SPEECH | POSITION
    # Who, as the report writes it: the speaker's whole phrase ("Defense Secretary Ash Carter", "a
    # spokesman for the coalition, who asked not to be named", "she"), the source as PolNeAR marks it
    source_start: int | None = None
    source_end: int | None = None

    def shares_attribution(self, other: Quote) -> bool:
        """Whether both are pieces of one attribution ("“A,” she said, “B.”", or a quote going on after
        its attributed one): the same speaker mention, so the same cue."""
        return self.speaker_start is not None and (self.speaker_start, self.speaker_end, self.cue) == (
            other.speaker_start, other.speaker_end, other.cue)


@dataclass(frozen=True)
class Figure:
    """A numeric figure: a value or range, approximate or not, and what it counts."""

    start: int
    end: int
    text: str
    low: float
    high: float
    approx: bool
    unit: str | None  # "percent", "USD", "km", ... or None for a plain count
    what: str | None  # what is counted, as a lemma phrase: "fighter", "civilian", "city"
    source: str | None = None  # who gives the figure (speaker or attributed subject)
    kind: str = "quantity"  # quantity | age | ordinal | year | measure | duration ("for 10 days")
    predicate: str | None = None  # what happens to what is counted, a lemma: "die", "remain", "import"
    per: str | None = None  # what one is per: a rate's period ("barrels a day": "day"), what a price is
    # for ("$52 a barrel": "barrel"); None for a total


@dataclass(frozen=True)
class TimeRef:
    """A time expression, normalised against the publication date where one is known."""

    start: int
    end: int
    text: str
    value: str | None  # ISO date, "YYYY-MM", "YYYY", "YYYY-Www"; None when left relative
    precision: Precision
    relative: bool  # True when it depends on an anchor that is unknown (no publication date)


@dataclass(frozen=True)
class Zone:
    """A span that is not the report itself: ``comments`` (a reader-comment section), ``furniture``
    (share widgets, links, copyright, photo credits) or ``byline`` (bylines, update tags, credits)."""

    start: int
    end: int
    kind: str  # comments | furniture | byline


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything analyze learns from one article, all offsets in the text as given."""

    article_id: str
    reading_text: str
    form: dict[str, bool] = field(default_factory=dict)  # lowercased/tokenized/quotes_stripped
    offsets: dict | None = None  # OffsetMap.to_json() from reading to given text; None when identical
    dateline: Dateline | None = None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[AliasEvidence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeRef, ...] = ()
    zones: tuple[Zone, ...] = ()  # spans that are not the report (analyzer 3 on; none before)
    # The ``crosswire.analyze.ANALYZER_VERSION`` that made it (1: made before versions were recorded).
    analyzer: int = 1

    def body_start(self, text: str) -> int:
        """Where the report's own words begin in ``text`` (the text as given): after its dateline and any
        byline or page furniture at its head ("RAQA -", "By the CNN Wire Staff", "NEW :"), so a listing
        or a headline never opens with them; 0 when nothing would be left."""
        start = self.dateline.end if self.dateline else 0
        for zone in sorted(self.zones, key=lambda z: z.start):
            if zone.kind == "comments" or text[start:zone.start].strip():
                break  # the report's words come before this zone
            start = max(start, zone.end)
        rest = text[start:]
        return start + len(rest) - len(rest.lstrip()) if rest.strip() else 0

    def lead(self, text: str) -> str:
        """The first ``HEADING_LEAD_CHARS`` of the report's own words in ``text`` (the text as given), what
        an untitled report is headed by: from ``body_start`` to the next zone, which a page glued on
        ("... NEW : ...", "Credit : Reuters/...")."""
        start = self.body_start(text)
        end = min((z.start for z in self.zones if z.start >= start), default=len(text))
        return text[start:min(end, start + HEADING_LEAD_CHARS)]


# --------------------------------------------------------------------------- fuse


@dataclass(frozen=True)
class SpanRef:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """One real-world thing across a story, with every surface form it was found under."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[SpanRef, ...]
    # The same in every story that names this thing by the same name (``fuse.similarity.name_key`` of
    # ``name``): ``id`` is the entity within its story, ``key`` links it across stories.
    key: str
    # How central it is to the story, 0..1 (``fuse.briefing.salience``): the share of reports naming
    # it, in their opening or at all, of outlets, and of mentions; entities are listed by it.
    salience: float = 0.0


@dataclass(frozen=True)
class DateEvidence:
    """One thing that bounds when an undated report was written (``fuse.dating``)."""

    kind: Literal["text", "story"]  # a date its text reports as past | its story's dated reports (a weak prior)
    earliest: dt.date | None  # written on or after this day (None: no bound on this side)
    latest: dt.date | None  # written on or before this day
    reason: str  # what it shows, in words
    article: str | None = None  # kind "text": the time expression, a span of the report's text as given
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class InferredDate:
    """When an undated report was written, inferred from its text and its story: never a publication
    date, the interval its evidence allows (``fuse.dating``), the evidence that sets it first."""

    article: str
    earliest: dt.date | None  # None: nothing bounds it on this side
    latest: dt.date | None
    evidence: tuple[DateEvidence, ...]


@dataclass(frozen=True)
class Comparison:
    """Figures from several articles about the same thing, and what their values say together."""

    what: str
    figures: tuple[str, ...]  # figure ids
    verdict: Verdict
    note: str = ""  # why the verdict: the values and dates as they weigh
    # The inferred dates of the undated reports whose values differ, as the verdict used them.
    inferred: tuple[InferredDate, ...] = ()
    # Why the figures were judged one quantity: what they count, what happened, over what time, where.
    basis: str = ""
    # What most of its reports say happened to what is counted, as a lemma ("die", "flee"); None where none says.
    happened: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a story's timeline: every time expression of every report that points at the
    same date and says the same thing, merged. ``article``/``start``/``end`` are its first source."""

    date: str | None
    precision: Precision
    relative: bool
    text: str  # the event: the clause (reading form) around the first source's time expression
    article: str
    start: int  # the first source's time expression, a span of the text as given
    end: int
    sources: tuple[SpanRef, ...] = ()  # every time expression pointing at the event, the first one first
    reports: int = 1  # distinct articles among the sources
    outlets: int = 0  # distinct named outlets among them
    rank: int = 0  # importance in the story: 1 is the most important event (0: not ranked)
    score: float = 0.0  # what the rank orders by (reports and outlets, weighted by precision and recency)
    background: bool = False  # dated well before the story's first report (history, not news)


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[SpanRef, ...]


# --------------------------------------------------------------------------- store


@dataclass(frozen=True)
class Stored:
    """What the store did with one committed article."""

    article_id: str  # the id it is stored under (the one asked for, ``id~hash8`` on a clash, or the
    # id of the article that already holds the same text)
    story_id: str
    duplicate: bool = False  # the same text was already stored: nothing was written
    renamed_from: str | None = None  # the id asked for, when another text already held it


@dataclass(frozen=True)
class Heading:
    """What one report could head its story with (``fuse.headline`` chooses among a story's): its title,
    else the start of its own words, and when it was published (a headline is chosen among the latest)."""

    article: str
    published: str | None  # ISO date
    outlet: str | None
    title: str | None
    lead: str  # the start of its own words (``ArticleAnalysis.lead``)


@dataclass(frozen=True)
class StoryRow:
    """One story as listed: counted and summarised by the store in one aggregate query."""

    id: str
    articles: int
    outlets: tuple[str, ...]
    first: str | None  # earliest and latest publication date (ISO) among its articles
    last: str | None
    headline: str  # ``fuse.headline.headline`` of ``headings``: what its briefing is headed by too
    storyline: str | None = None  # the storyline a story (an event) belongs to; None for a storyline's row
    events: int = 1  # the stories (events) a storyline's row sums up
    # The headings of its latest reports it was headed from (``fuse.headline.HEADLINE_REPORTS``), which a
    # storyline's row is headed from in turn; empty on a storyline's row.
    headings: tuple[Heading, ...] = field(default=(), repr=False, compare=False)

    def to_json(self) -> dict:
        """The row as ``crosswire stories --format json`` lists it."""
        return {"id": self.id, "articles": self.articles, "outlets": list(self.outlets), "first": self.first,
                "last": self.last, "headline": self.headline, "storyline": self.storyline, "events": self.events}


@dataclass(frozen=True)
class StoryChange:
    """A merge or a split a recluster pass made, as ``crosswire stories --changes`` lists it."""

    level: Literal["event", "storyline"]
    kind: Literal["merge", "split"]
    story: str  # merge: the id the articles now share; split: the id that was split
    parts: tuple[tuple[str, int], ...]  # merge: (old id, its articles now in story); split: (new id, articles)
    at: str = ""  # when the pass ran (ISO, UTC), as the store logged it

    def to_json(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True)
class SearchHit:
    """One article a search found, with what a listing shows of it."""

    article: str
    story: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    lead: str  # the start of its text, for an untitled article's headline
    rank: float  # higher is better; comparable only within one search

    @property
    def headline(self) -> str:
        return listed_headline(self.title, self.lead)

    def to_json(self) -> dict:
        """The hit as ``crosswire search --format json`` lists it."""
        return {"article": self.article, "story": self.story, "headline": self.headline, "outlet": self.outlet,
                "published": self.published.isoformat() if self.published else None, "rank": self.rank}


@dataclass(frozen=True)
class FoundItem:
    """A stored item an analyst's query found (``crosswire statements``, ``figures``, ``stories
    --entity``): where it is, in which story, and its words exactly as given."""

    id: str  # ``item_id``: "<article>:<kind><n>", m mention, q statement, f figure
    story: str
    article: str
    outlet: str | None
    published: dt.date | None
    start: int
    end: int
    text: str  # the article text[start:end]

    def to_json(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True)
class FoundMention(FoundItem):
    label: EntityType


@dataclass(frozen=True)
class FoundStatement(FoundItem):
    speaker: str | None  # as resolved by analysis (a pronoun's antecedent), not yet the story's canonical name
    direct: bool
    cue: str | None


@dataclass(frozen=True)
class FoundFigure(FoundItem):
    what: str | None
    low: float
    high: float
    approx: bool
    unit: str | None
    source: str | None


def listed_headline(title: str | None, lead: str) -> str:
    """``title``, or the first line of ``lead`` cut to a listing's width when there is none: how a report
    is headed in a listing (``fuse.headline`` heads a story with one of its reports')."""
    if title:
        return title
    line = " ".join(next((line for line in lead.splitlines() if line.strip()), "").split())
    return line if len(line) <= LISTED_HEADLINE_WIDTH else line[: LISTED_HEADLINE_WIDTH - 1].rstrip() + "…"


# --------------------------------------------------------------------------- briefing (the JSON contract)


@dataclass(frozen=True)
class BriefArticle:
    """One report of a story as the briefing lists it."""

    id: str
    outlet: str | None
    published: dt.date | None
    title: str | None
    source: str | None
    form: dict[str, bool]
    dateline: Dateline | None
    url: str | None = None  # where it was read from the web, as given
    inferred: InferredDate | None = None  # when it was written, inferred: undated reports only
    # The id of the report of the story it republishes (a wire copy, ``fuse.copies``); None for an original.
    copy_of: str | None = None
    # In a storyline's briefing, the event (story) of the storyline the report belongs to; None in a story's.
    event: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: the canonical entity when the speaker is a name, else the words as written."""

    name: str | None
    entity: str | None  # an entity id of the story
    as_written: str | None


@dataclass(frozen=True)
class BriefQuote:
    id: str  # "<article>:q<n>"
    speaker: Speaker
    text: str  # as given
    reading: str  # as restored, for people to read
    direct: bool
    cue: str | None
    article: str
    start: int
    end: int
    # The statement it reports: the id of the story's first quote of the same speaker saying the same
    # thing (in another report, direct or reported); its own id when no other report carries it.
    statement: str = ""
    kind: str = SPEECH  # SPEECH | POSITION, as the quote's (``Quote.kind``)


@dataclass(frozen=True)
class FigureValue:
    low: float
    high: float
    approx: bool


@dataclass(frozen=True)
class BriefFigure:
    id: str  # "<article>:f<n>", what comparisons refer to
    what: str | None
    value: FigureValue
    unit: str | None
    source: str | None
    text: str
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class StoryBriefing:
    """One story cross-checked: what renderers show and what the store keeps per story version."""

    id: str
    headline: str
    articles: tuple[BriefArticle, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[BriefQuote, ...]
    figures: tuple[BriefFigure, ...]
    comparisons: tuple[Comparison, ...]
    timeline: tuple[TimelineEntry, ...]
    summary: tuple[SummarySentence, ...]
    # The storyline the story belongs to (None for a storyline's own briefing, and before reclustering)
    storyline: str | None = None

    def to_json(self) -> dict:
        return to_dict(self)

    @classmethod
    def from_json(cls, data: dict) -> StoryBriefing:
        return from_dict(cls, data)


@dataclass(frozen=True)
class Briefing:
    """What ``crosswire brief`` produces; ``to_json()`` is the documented contract
    (``schema/briefing.schema.json``), field order included."""

    stories: tuple[StoryBriefing, ...]

    def to_json(self) -> dict:
        return to_dict(self)

    @classmethod
    def from_json(cls, data: dict) -> Briefing:
        return from_dict(cls, data)


def from_dict(cls: type[T], data: dict) -> T:
    """The model value ``to_dict`` turned into ``data`` (nested dataclasses, tuples, dates rebuilt from
    the field types), so a stored value reads back equal to the one written."""
    return _decoder(cls)(data)


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field's name and resolved type (resolving is slow; a briefing reads back hundreds of values)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


@functools.cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """The function rebuilding a value of type ``kind`` from its JSON form (None stays None), made once
    per type: inspecting the types again for every value made a large briefing take tens of ms."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):  # only ``X | None`` occurs in the model
        (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]
        return _decoder(kind)
    if origin is tuple:
        item = _decoder(typing.get_args(kind)[0])
        return lambda value: None if value is None else tuple(map(item, value))
    if dataclasses.is_dataclass(kind):
        fields = tuple((name, _decoder(field_kind)) for name, field_kind in _field_types(kind))
        return lambda value: None if value is None else kind(**{name: decode(value[name]) for name, decode in fields
                                                                if name in value})
    if kind is dt.date:
        return lambda value: None if value is None else dt.date.fromisoformat(value)
    return _as_is


def _as_is(value: Any) -> Any:
    return value
