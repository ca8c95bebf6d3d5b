"""The story timeline from hand-built time references in invented reports."""

from __future__ import annotations

import datetime as dt

from crosswire.fuse.timeline import build_timeline, period_start
from crosswire.model import Article, ArticleAnalysis, Sentence, TimeRef
from crosswire.restore.offsetmap import OffsetMap


def sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            out.append(Sentence(start, i + 1))
            start = i + 2
    return tuple(out)


def item(aid: str, text: str, refs: list[tuple[str, str | None, str, bool]],
         published: dt.date | None = None) -> tuple[Article, ArticleAnalysis]:
    """refs: (surface, value, precision, relative); the n-th equal surface takes the n-th occurrence."""
    times, seen = [], {}
    for surface, value, precision, relative in refs:
        start = text.index(surface, seen.get(surface, 0))
        seen[surface] = start + 1
        times.append(TimeRef(start, start + len(surface), surface, value, precision, relative))
    return (Article(aid, text, published=published),
            ArticleAnalysis(aid, text, sentences=sentences(text), times=tuple(times)))


A = ("The rebels seized Dorn in 2026. They were pushed back in June 2030.\n"
     "On Saturday  3,000 people left. On Monday the last district fell.")
B = ("dorn fell on monday , officials said .\n"
     "the league said last week it held most of the city .")
ITEMS = [
    item("a", A, [("2026", "2026", "year", False), ("June 2030", "2030-06", "month", False),
                  ("Saturday", "2030-10-14", "day", False), ("Monday", "2030-10-16", "day", False)],
         dt.date(2030, 10, 16)),
    item("b", B, [("monday", None, "day", True), ("last week", None, "week", True)]),
    item("c", A, [("Monday", "2030-10-16", "day", False), ("2026", "2026", "year", False)],
         dt.date(2030, 10, 16)),  # a wire copy of "a"
]


def test_timeline_sorts_dated_entries_first_and_relative_ones_last():
    entries = build_timeline(ITEMS)
    assert [(e.date, e.article) for e in entries] == [
        ("2026", "a"), ("2030-06", "a"), ("2030-10-14", "a"), ("2030-10-16", "a"), (None, "b"), (None, "b")]
    assert [e.relative for e in entries] == [False] * 4 + [True] * 2
    assert entries[-2].start < entries[-1].start  # relative entries keep their order in the article


def test_timeline_text_is_the_whitespace_collapsed_sentence_and_spans_read_back():
    entries = build_timeline(ITEMS)
    assert entries[2].text == "On Saturday 3,000 people left."
    assert entries[-1].text == "the league said last week it held most of the city ."
    texts = {a.id: a.text for a, _ in ITEMS}
    refs = {(an.article_id, t.start, t.end): t.text for _, an in ITEMS for t in an.times}
    for e in entries:
        assert texts[e.article][e.start:e.end] == refs[(e.article, e.start, e.end)]
        assert texts[e.article][e.start:e.end] in e.text


def test_timeline_drops_duplicates_but_keeps_different_relative_expressions():
    entries = build_timeline(ITEMS)
    assert not any(e.article == "c" for e in entries)  # same dates, same sentences as "a"
    assert {e.date for e in entries if e.article == "b"} == {None}
    assert len([e for e in entries if e.article == "b"]) == 2  # "monday" and "last week" both stay


def test_timeline_orders_mixed_precisions_by_period_start():
    text = "It began in 2029. Talks failed in week two of 2029. A deal came on 2 Jan 2029."
    entries = build_timeline([item("a", text, [("2029", "2029", "year", False),
                                               ("week two of 2029", "2029-W02", "week", False),
                                               ("2 Jan 2029", "2029-01-02", "day", False)])])
    assert [e.date for e in entries] == ["2029", "2029-01-02", "2029-W02"]
    assert period_start("2029-W02") == (dt.date(2029, 1, 8), "")
    assert period_start("soon") is None


def test_timeline_text_of_a_restored_report_is_its_reading_form():
    given = "the league said on monday it held the city."
    article = Article("r", given)
    analysis = ArticleAnalysis("r", "The league said on Monday it held the city.", form={"lowercased": True},
                               offsets=OffsetMap.identity(len(given)).to_json(), sentences=sentences(given),
                               times=(TimeRef(19, 25, "monday", None, "day", True),))
    (entry,) = build_timeline([(article, analysis)])
    assert entry.text == "The league said on Monday it held the city." and given[entry.start:entry.end] == "monday"


def test_timeline_is_deterministic():
    assert build_timeline(ITEMS) == build_timeline(list(ITEMS))
    assert build_timeline(ITEMS) == build_timeline([ITEMS[1], ITEMS[0], ITEMS[2]])
