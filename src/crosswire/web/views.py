"""What the story page shows, beyond the digest every renderer for people shares (``render.digest``):
the coverage strip (outlets × dates) and each comparison's figures, both bounded like the digest's
sections, with everything shown when the reader asks for all."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from crosswire.model import BriefArticle, BriefFigure, Comparison, StoryBriefing
from crosswire.render.common import published
from crosswire.render.digest import (SHOWN_FIGURES_PER_COMPARISON, SHOWN_OUTLETS, Shown, StoryDigest, cut, digest,
                                     left_out)

# Dates (columns) of the coverage strip shown by default: the latest, as a storyline runs for weeks.
SHOWN_DATES = 14
SHOWN_REPORTS = 20  # rows of the reports table
UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True)
class CoverageRow:
    outlet: str
    counts: tuple[int, ...]  # reports per date column
    total: int


@dataclass(frozen=True)
class Coverage:
    """Reports per outlet (rows, most reports first) and date (columns, in date order, undated last)."""

    dates: tuple[str, ...]
    rows: tuple[CoverageRow, ...]
    more_outlets: int
    more_dates: int


@dataclass(frozen=True)
class ComparedFigures:
    comparison: Comparison
    figures: Shown[BriefFigure]


@dataclass(frozen=True)
class StoryView:
    digest: StoryDigest
    coverage: Coverage
    comparisons: tuple[ComparedFigures, ...]
    articles: dict[str, BriefArticle]  # by id, for each item's outlet and date
    reports: Shown[BriefArticle]
    left_out: dict[str, str]  # by section, what the digest left out in words


def coverage(story: StoryBriefing, full: bool) -> Coverage:
    """The coverage strip; by default the outlets with most reports and the latest dates."""
    counts = Counter((a.outlet or UNKNOWN_OUTLET, published(a)) for a in story.articles)
    per_outlet = Counter(a.outlet or UNKNOWN_OUTLET for a in story.articles)
    outlets = cut(sorted(per_outlet, key=lambda o: (-per_outlet[o], o)), SHOWN_OUTLETS, full)
    dated = sorted({d for _, d in counts if d != "undated"})
    dates = dated if full else dated[-SHOWN_DATES:]
    if any(d == "undated" for _, d in counts):
        dates.append("undated")
    rows = tuple(CoverageRow(o, tuple(counts[o, d] for d in dates), per_outlet[o]) for o in outlets.items)
    return Coverage(tuple(dates), rows, outlets.left_out, len(dated) - len([d for d in dates if d != "undated"]))


def story_view(story: StoryBriefing, full: bool) -> StoryView:
    d = digest(story, full=full)
    figures = {f.id: f for f in story.figures}
    compared = tuple(ComparedFigures(c, cut([figures[f] for f in c.figures if f in figures],
                                            SHOWN_FIGURES_PER_COMPARISON, full))
                     for c in d.comparisons.items)
    return StoryView(d, coverage(story, full), compared, {a.id: a for a in story.articles},
                     cut(story.articles, SHOWN_REPORTS, full), left_out(d))
