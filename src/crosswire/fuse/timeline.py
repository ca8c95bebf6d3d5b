"""The story's timeline: one entry per time expression, with the sentence it anchors, in date order.

Values mix precisions ("2014", "2017-06", "2017-10-14", "2017-W41"), so entries sort by the first
day of the period they name, coarser periods first on a tie (the year before its days). Entries
left relative (no publication date to anchor "monday") come last, in article order: they say
something happened, not when.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from crosswire.fuse.reading import readable
from crosswire.fuse.similarity import content_words
from crosswire.model import Article, ArticleAnalysis, TimelineEntry, TimeRef

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(.*))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PRECISION_RANK = {"decade": 0, "year": 1, "month": 2, "week": 3, "day": 4, "time": 5, "unknown": 6}
# Two sentences sharing this share of their content words say the same thing; an entry whose date
# and sentence repeat an earlier one (a wire copy, a restated lead) is dropped.
DUPLICATE_MIN_OVERLAP = 0.9


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


def _sentence_text(article: Article, analysis: ArticleAnalysis, ref: TimeRef) -> str:
    """The sentence holding the time expression (else its line), readable and on one line."""
    text = article.text
    span = next(((s.start, s.end) for s in analysis.sentences if s.start <= ref.start < s.end), None)
    if span is None:
        line_end = text.find("\n", ref.end)
        span = (text.rfind("\n", 0, ref.start) + 1, line_end if line_end >= 0 else len(text))
    return readable(article, analysis, *span)


def _same_sentence(a: str, b: str) -> bool:
    wa, wb = set(content_words(a)), set(content_words(b))
    if not wa or not wb:
        return a == b
    return len(wa & wb) / max(len(wa), len(wb)) >= DUPLICATE_MIN_OVERLAP


def build_timeline(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[TimelineEntry]:
    """Every time reference of the story as a dated (or relative) entry, duplicates dropped."""
    entries = []
    for article, analysis in items:
        for ref in analysis.times:
            entries.append(TimelineEntry(ref.value, ref.precision, ref.relative,
                                         _sentence_text(article, analysis, ref),
                                         article.id, ref.start, ref.end))
    entries.sort(key=_sort_key)
    texts = {article.id: article.text for article, _ in items}
    kept: list[TimelineEntry] = []
    seen: dict[tuple, list[str]] = {}
    for entry in entries:
        # an undated entry only repeats one worded the same ("last week" twice, not "monday")
        wording = texts[entry.article][entry.start:entry.end].casefold()
        key = (entry.date, entry.relative, None if _sort_key(entry)[0] == 0 else wording)
        if any(_same_sentence(entry.text, prior) for prior in seen.get(key, ())):
            continue
        seen.setdefault(key, []).append(entry.text)
        kept.append(entry)
    return kept
