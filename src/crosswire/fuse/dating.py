"""When an undated report was written, inferred from its own text and its story (``model.InferredDate``).

A report without a publication date still bounds its writing:

- **its text** (kind ``text``): a date it reports as past was reached when it was written, so it was
  written on or after the first day of that period ("declared in 2014", "June 2017"). A month or a day
  written without its year ("lost Mosul in July") takes its year from the story: it is read as a report
  published at the start of the story's window would read it (the most recent such month not after
  that day), which can only give an earlier year than the true one while the report lies in the window,
  so the bound stays a true lower bound under the window's own assumption (and says so). Dates in
  a sentence that speaks ahead ("will vote in May", "expects ... by June"), after a preposition that
  makes them a deadline ("by 2030", "until May"), or outside the report's own words (comments, page
  furniture) bound nothing. Expressions relative to the writing ("Monday", "last week", "this year")
  need the date they are relative to and bound nothing either; nothing in a text bounds it from above.
- **its story** (kind ``story``), a weak prior: a report of a story is usually written within
  ``STORY_PRIOR_DAYS`` of the story's dated reports. It gives the upper bound, and the lower one where
  the text gives none; where the text's bound lies after the whole window, the text wins and the
  prior is dropped (said in its reason).

The interval is what all of it allows; verdicts that order a report by it say that the dating is
inferred (``fuse.reconcile``). Offsets are into the text as given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from crosswire.analyze.times import resolve_without_year, speaks_ahead
from crosswire.fuse.timeline import period_start
from crosswire.model import Article, ArticleAnalysis, DateEvidence, InferredDate, TimeRef

# A report of a story is usually written within this many days of the story's dated reports (a
# judgment, not fitted: a story is an event of a day or two, and a month either side is generous).
STORY_PRIOR_DAYS = 30
# A date right after one of these is a deadline or a limit, not something that happened.
_LIMIT_BEFORE = re.compile(r"\b(?:by|until|till|before|through|ahead\s+of)[\s-]*$", re.IGNORECASE)
_LOOKBACK_CHARS = 16


def infer_dates(items: Sequence[tuple[Article, ArticleAnalysis]]) -> dict[str, InferredDate]:
    """The inferred date of each undated report of a story, by article id (none for dated reports, nor
    for an undated report that neither its text nor a dated report of its story bounds)."""
    dated = sorted(a.published for a, _ in items if a.published)
    span = (dated[0], dated[-1]) if dated else None
    return {article.id: date for article, analysis in items
            if article.published is None and (date := _inferred(article, analysis, span)) is not None}


def _inferred(article: Article, analysis: ArticleAnalysis, span: tuple[dt.date, dt.date] | None) -> InferredDate | None:
    """``span``: the first and last publication date of the story's dated reports."""
    prior = dt.timedelta(days=STORY_PRIOR_DAYS)
    window = (span[0] - prior, span[1] + prior) if span else None
    evidence = sorted(_text_evidence(article, analysis, window[0] if window else None),
                      key=lambda e: (e.earliest, -(e.start or 0)), reverse=True)
    earliest = evidence[0].earliest if evidence else None
    latest = None
    if span is not None and window is not None:
        dates = span[0].isoformat() if span[0] == span[1] else f"{span[0]} – {span[1]}"
        if earliest is not None and earliest > window[1]:
            evidence.append(DateEvidence("story", None, None, f"its dated reports ({dates}) are all older than "
                                         "its text allows: the prior that it lies near them does not hold"))
        else:
            reason = f"within {STORY_PRIOR_DAYS} days of its dated reports ({dates}), a weak prior"
            evidence.append(DateEvidence("story", window[0], window[1], reason))
            earliest, latest = earliest or window[0], window[1]  # the text's lower bound before the prior's
    if not evidence:
        return None
    return InferredDate(article.id, earliest, latest, tuple(evidence))


def _text_evidence(article: Article, analysis: ArticleAnalysis, anchor: dt.date | None) -> list[DateEvidence]:
    """A lower bound from each date the report's own words give as past."""
    out = []
    for ref in analysis.times:
        if not _reports_past(article, analysis, ref):
            continue
        if ref.value and not ref.relative:
            value, year = ref.value, ""
        else:
            resolved = resolve_without_year(ref.text, anchor) if anchor else None
            if resolved is None:
                continue
            value, year = resolved[0], f" ({resolved[0]}, the year of the story's dated reports)"
        start = period_start(value)
        if start is None:
            continue
        out.append(DateEvidence("text", start[0], None, f"“{ref.text}”{year} reported as past",
                                article.id, ref.start, ref.end, ref.text))
    return out


def _reports_past(article: Article, analysis: ArticleAnalysis, ref: TimeRef) -> bool:
    """The expression dates something the report tells as having happened, in its own words."""
    if any(z.start <= ref.start < z.end for z in analysis.zones):
        return False
    if _LIMIT_BEFORE.search(article.text[max(0, ref.start - _LOOKBACK_CHARS):ref.start]):
        return False
    sentence = next(((s.start, s.end) for s in analysis.sentences if s.start <= ref.start < s.end),
                    (ref.start, ref.end))
    return not speaks_ahead(article.text[slice(*sentence)])


def interval_text(date: InferredDate) -> str:
    """The interval in words: "2017-07-01 – 2017-11-15", "on or after 2017-07-01", "by 2017-11-15"."""
    if date.earliest and date.latest:
        return f"{date.earliest} – {date.latest}"
    if date.earliest:
        return f"on or after {date.earliest}"
    return f"by {date.latest}" if date.latest else "at no known time"


def grounds(date: InferredDate) -> str:
    """What sets each side of the interval, in words: "on or after 2017-07-01 by its text: “july” ...;
    by 2017-11-15 by its story: within 30 days of its dated reports (2017-10-16), a weak prior"."""
    source = {"text": "its text", "story": "its story"}
    parts = []
    low = next((e for e in date.evidence if date.earliest is not None and e.earliest == date.earliest), None)
    if low is not None:
        parts.append(f"on or after {date.earliest} by {source[low.kind]}: {low.reason}")
    high = next((e for e in date.evidence if date.latest is not None and e.latest == date.latest), None)
    if high is not None:
        parts.append(f"by {date.latest} by {source[high.kind]}" + ("" if high is low else f": {high.reason}"))
    dropped = [e.reason for e in date.evidence if e.kind == "story" and e.earliest is None]
    return "; ".join(parts + [f"its story: {r}" for r in dropped]) or "nothing bounds it"
