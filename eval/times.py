"""Time expressions: crosswire's ``TimeRef`` against TempEval-3 TIMEX3 (TimeBank + AQUAINT).

Each document is given with its creation time (DCT) as the publication date. Figures, as in
TempEval-3: extraction F1 *strict* (same span) and *relaxed* (overlapping span); on relaxed
matches, value accuracy (normalised value equal to the gold TIMEX3 value) and value F1 (value
matches over all predictions / all gold).

Two gold sets: *all* TIMEX3 types (DATE, TIME, DURATION, SET), and *DATE only*. crosswire aims at
dates, not durations or sets; in the DATE-only figures a prediction on a non-DATE gold
expression is neither right nor wrong and is left out.

Peer: dateparser's ``search_dates`` with the DCT as relative base (dates preferred from the past,
as news reports look back), its value written at the precision dateparser reports.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, prefixed, result, run_crosswire, scorer_main
from eval.metrics import prf, timex_scores

PEER = "dateparser"
DATE_TYPES = frozenset({"DATE"})
HEADLINE = ("date_relaxed_f1", "date_value_f1", "all_relaxed_f1", "all_strict_f1", "all_value_accuracy")

Timex = tuple[int, int, str | None]


def _iso_value(when: dt.datetime, period: str | None) -> str:
    """A dateparser result as a TIMEX3-style value at the precision it reports."""
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def dateparser_timexes(text: str, dct: dt.date) -> list[Timex]:
    """dateparser's finds, located in ``text`` left to right (it returns strings, not offsets)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(dct, dt.time()), "PREFER_DATES_FROM": "past"}
    found = search_dates(text, languages=["en"], settings=settings) or []
    period_of = DateDataParser(languages=["en"], settings=settings)
    out: list[Timex] = []
    cursor = 0
    for surface, when in found:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        out.append((start, cursor, _iso_value(when, period_of.get_date_data(surface).period)))
    return out


def doc_counts(pred: Sequence[Timex], doc: gold.TimexDoc) -> Counter:
    """Counts for the all-types and DATE-only figures of one document, keys prefixed."""
    truth = [(t.start, t.end, t.value) for t in doc.timexes]
    dates = [(t.start, t.end, t.value) for t in doc.timexes if t.type in DATE_TYPES]
    other = [(t.start, t.end) for t in doc.timexes if t.type not in DATE_TYPES]
    c: Counter = Counter()
    for prefix, scores in (("all", timex_scores(pred, truth)), ("date", timex_scores(pred, dates, other))):
        c.update({f"{prefix}_{k}": v for k, v in scores.items()})
    return c


def figures(c: Counter) -> dict[str, float]:
    out: dict[str, float] = {}
    for prefix in ("all", "date"):
        n_pred, n_gold = c[f"{prefix}_pred"], c[f"{prefix}_gold"]
        out.update(prefixed(f"{prefix}_strict", prf(c[f"{prefix}_strict"], n_pred, n_gold)))
        out.update(prefixed(f"{prefix}_relaxed", prf(c[f"{prefix}_relaxed"], n_pred, n_gold)))
        matched = c[f"{prefix}_relaxed"]
        out[f"{prefix}_value_accuracy"] = c[f"{prefix}_value"] / matched if matched else 0.0
        out.update(prefixed(f"{prefix}_value", prf(c[f"{prefix}_value"], n_pred, n_gold)))
        out[f"{prefix}_predicted"], out[f"{prefix}_gold"] = n_pred, n_gold
    return out


def score(data_dir: Path, limit: int | None = None) -> Result:
    from crosswire.model import Article

    t0 = time.perf_counter()
    docs = gold.sample(gold.load_tempeval(data_dir), limit)
    articles = [Article(id=d.id, text=d.text, published=d.dct) for d in docs]
    analyses = run_crosswire(articles)
    ours: Counter = Counter()
    peer: Counter = Counter()
    for doc in docs:
        analysis = analyses.get(doc.id)
        ours += doc_counts([(t.start, t.end, t.value) for t in analysis.times] if analysis else [], doc)
        peer += doc_counts(dateparser_timexes(doc.text, doc.dct), doc)
    return result("time", {CROSSWIRE: figures(ours), PEER: figures(peer)}, HEADLINE, n=len(docs), limit=limit,
                  data=[gold.TEMPEVAL3], settings={"dct": "given as Article.published",
                                                   "dateparser": "RELATIVE_BASE=DCT, PREFER_DATES_FROM=past"},
                  seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Time expressions against TempEval-3 (TimeBank + AQUAINT).", gold.TEMPEVAL3, argv)


if __name__ == "__main__":
    main()
