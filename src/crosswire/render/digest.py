"""What a brief shows a person: each section of a story cut to its most important items, with what
it left out, so a 100-report story fits on about two screens.

The briefing itself (and its JSON) keeps everything, already ranked where order means importance
(entities by salience, comparisons conflicts-first: ``fuse.briefing``). A digest only decides how
many of each a reader sees by default; ``full=True`` shows all of them. Every renderer for people
(terminal, Markdown, HTML) renders a digest, so they agree on what is shown and what was left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from crosswire.fuse.briefing import event_sizes
from crosswire.fuse.timeline import by_importance, date_order, top_entries
from crosswire.model import SPEECH, BriefQuote, Comparison, Entity, StoryBriefing, SummarySentence, TimelineEntry
from crosswire.render.common import outlet_name

T = TypeVar("T")

# Items shown per section by default: about two screens at 120 columns for any story size.
SHOWN_COMPARISONS = 5
SHOWN_ENTITIES = 8
SHOWN_SPEAKERS = 5
SHOWN_STATEMENTS_PER_SPEAKER = 2
SHOWN_TIMELINE = 6
SHOWN_CITATIONS = 3  # per summary sentence
SHOWN_FIGURES_PER_COMPARISON = 4
SHOWN_OUTLETS = 6  # in the coverage line
SHOWN_COPIED = 3  # originals whose copies the coverage line names
# A quote shorter than this is a phrase a report put in quote marks ("junk shot", "pay czar"), shown
# after a speaker's statements.
STATEMENT_MIN_WORDS = 6
# The "people and places" of a story: what readers ask "who" and "where" of.
WHO_AND_WHERE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Shown(Generic[T]):
    """A section's items as shown, and the rest (left out unless the reader asks for everything)."""

    items: tuple[T, ...]
    rest: tuple[T, ...] = ()

    @property
    def left_out(self) -> int:
        return len(self.rest)


@dataclass(frozen=True)
class Statement:
    """One thing a speaker said, with every report's version of it (``BriefQuote.statement``)."""

    quotes: tuple[BriefQuote, ...]  # in story order

    @property
    def quote(self) -> BriefQuote:
        """The version shown: direct where a report quoted the words, else the fullest."""
        return min(self.quotes, key=lambda q: (not q.direct, -len(q.reading), self.quotes.index(q)))

    @property
    def reports(self) -> int:
        return len({q.article for q in self.quotes})


@dataclass(frozen=True)
class SpeakerStatements:
    """One speaker's statements in a story, as shown."""

    speaker: str
    statements: Shown[Statement]
    reports: int  # distinct reports quoting them


@dataclass(frozen=True)
class StoryDigest:
    story: StoryBriefing
    coverage: str  # "100 reports from 7 outlets (cnn 30, ...), 2010-06-14 – 2010-06-17"
    summary: tuple[SummarySentence, ...]
    comparisons: Shown[Comparison]
    entities: Shown[Entity]
    speakers: Shown[SpeakerStatements]
    timeline: Shown[TimelineEntry]
    full: bool
    positions_left_out: int = 0  # positions ("backed the bill") are shown only in full


def cut(items: Sequence[T], n: int, full: bool = False) -> Shown[T]:
    """The first ``n`` of ``items`` shown and the rest left out, or all shown when ``full``."""
    items = tuple(items)
    return Shown(items) if full else Shown(items[:n], items[n:])


def coverage(story: StoryBriefing) -> str:
    """Reports, outlets (most reports first), the dates they span and the wire copies among the
    reports (whose report each outlet copies), on one line."""
    outlets = Counter(outlet_name(a) for a in story.articles)
    named = ", ".join(f"{o} {n}" for o, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN_OUTLETS])
    more = f", {len(outlets) - SHOWN_OUTLETS} more" if len(outlets) > SHOWN_OUTLETS else ""
    dates = sorted(a.published.isoformat() for a in story.articles if a.published)
    span = "undated" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
    reports = f"{len(story.articles)} report{'s' if len(story.articles) != 1 else ''}"
    return f"{reports} from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({named}{more}), {span}{_copies(story)}"


def _copies(story: StoryBriefing) -> str:
    """"; copies of AP's report: Daily Star, Gulf Times" (originals with the most copies first), or ""."""
    by_id = {a.id: a for a in story.articles}
    copiers: dict[str, list[str]] = {}
    for a in story.articles:
        if a.copy_of in by_id:
            copiers.setdefault(a.copy_of, []).append(outlet_name(a))
    ranked = sorted(copiers.items(), key=lambda kv: -len(kv[1]))  # stable: story order on a tie
    named = [f"; cop{'y' if len(outlets) == 1 else 'ies'} of {outlet_name(by_id[original])}'s report: "
             + ", ".join(dict.fromkeys(outlets)) for original, outlets in ranked[:SHOWN_COPIED]]
    more = f"; {len(ranked) - SHOWN_COPIED} more reports copied" if len(ranked) > SHOWN_COPIED else ""
    return "".join(named) + more


def _speakers(quotes: Sequence[BriefQuote], full: bool, event_size: Mapping[str, int] | None = None
              ) -> list[SpeakerStatements]:
    """Quotes grouped by speaker (their canonical entity where known) and by statement, speakers
    quoted by more reports first, then, in a storyline's briefing (``event_size``: the size of each report's
    event), those quoted in a larger event (a storyline may hold one-report events of the same days about
    something else, whose voices must not lead it); each speaker's statements before mere phrases, those
    carried by more reports first, direct before reported, then in story order. Unattributed quotes come last.
    A speaker that is no entity ("the government", "some analysts") is a description whose referent is
    its report's: grouped within the report of each statement's first quote, never across reports (one
    story's "the government" was Britain's in one report and China's in another)."""
    groups: dict[str, dict[str, list[BriefQuote]]] = {}
    names: dict[str, str] = {}
    first_report: dict[str, str] = {}
    for q in quotes:
        first_report.setdefault(q.statement or q.id, q.article)
    for q in quotes:
        described = (q.speaker.name or "").casefold()
        key = q.speaker.entity or (f"{described}\0{first_report[q.statement or q.id]}" if described else UNATTRIBUTED)
        groups.setdefault(key, {}).setdefault(q.statement or q.id, []).append(q)
        names.setdefault(key, q.speaker.name or UNATTRIBUTED)

    def reports(key: str) -> int:
        return len({q.article for qs in groups[key].values() for q in qs})

    def largest_event(key: str) -> int:
        return max((event_size.get(q.article, 1) for qs in groups[key].values() for q in qs), default=0) \
            if event_size else 0

    def rank(key: str) -> tuple:
        return (key == UNATTRIBUTED, -reports(key), -largest_event(key), -sum(map(len, groups[key].values())),
                names[key])

    def importance(st: Statement) -> tuple:
        return (len(st.quote.reading.split()) < STATEMENT_MIN_WORDS, -st.reports, not st.quote.direct)

    out = []
    for key in sorted(groups, key=rank):
        statements = sorted((Statement(tuple(qs)) for qs in groups[key].values()), key=importance)  # stable
        out.append(SpeakerStatements(names[key], cut(statements, SHOWN_STATEMENTS_PER_SPEAKER, full), reports(key)))
    return out


def _timeline(entries: Sequence[TimelineEntry], full: bool) -> Shown[TimelineEntry]:
    """The most important events (``fuse.timeline.top_entries``) in date order; the rest after, by rank."""
    if full:
        return Shown(tuple(date_order(entries)))
    shown = top_entries(entries, SHOWN_TIMELINE)
    return Shown(tuple(shown), tuple(e for e in by_importance(entries) if e not in shown))


def _event_sizes(story: StoryBriefing) -> dict[str, int]:
    """In a storyline's briefing, each report's event size in reports (by report id); empty in a story's."""
    return event_sizes({a.id: a.event for a in story.articles if a.event is not None})


def digest(story: StoryBriefing, *, full: bool = False) -> StoryDigest:
    """What to show of ``story``: everything when ``full``, else each section's first items."""
    # people and places first, each kind in salience order (the briefing's)
    entities = sorted(story.entities, key=lambda e: e.type not in WHO_AND_WHERE)
    # what someone said, by default; what a report says they back, want or refuse, in full
    quotes = story.quotes if full else tuple(q for q in story.quotes if q.kind == SPEECH)
    return StoryDigest(story=story, coverage=coverage(story), summary=story.summary,
                       comparisons=cut(story.comparisons, SHOWN_COMPARISONS, full),
                       entities=cut(entities, SHOWN_ENTITIES, full),
                       speakers=cut(_speakers(quotes, full, _event_sizes(story)), SHOWN_SPEAKERS, full),
                       timeline=_timeline(story.timeline, full), full=full,
                       positions_left_out=len(story.quotes) - len(quotes))


def left_out(d: StoryDigest) -> dict[str, str]:
    """What each section left out, in words, by section ("comparisons", "entities", "statements",
    "timeline"); a section that shows everything has no entry."""
    notes = {}
    for section, shown, what in (("comparisons", d.comparisons, "comparisons of figures"),
                                 ("entities", d.entities, "people, places and other names"),
                                 ("timeline", d.timeline, "timeline entries")):
        if shown.left_out:
            notes[section] = f"{shown.left_out} more {what}"
    statements = (sum(s.statements.left_out for s in d.speakers.items)
                  + sum(len(s.statements.items) + s.statements.left_out for s in d.speakers.rest))
    parts = []
    if statements:
        by = f" (and {d.speakers.left_out} more speakers)" if d.speakers.left_out else ""
        parts.append(f"{statements} more statements{by}")
    if d.positions_left_out:
        parts.append(f"{d.positions_left_out} positions reports attribute (backing, wanting, refusing...)")
    if parts:
        notes["statements"] = "; ".join(parts)
    return notes


FULL_HINT = "--full shows everything"
