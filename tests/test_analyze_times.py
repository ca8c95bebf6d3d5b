"""Time expressions: news rules against the publication date, relative without one.

The publication date used throughout, 2017-10-16, is a Monday. Texts are invented; one test
reads the seed reports through the ``seeds_dir`` fixture.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.analyze.times import find_times
from crosswire.model import TimeRef

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2017, 10, 16)  # a Monday


def times_of(nlp, text: str, published: dt.date | None = PUBLISHED) -> list[TimeRef]:
    """All time references of ``text``, after checking that every span reads back."""
    found = find_times(nlp(text), published)
    for ref in found:
        assert text[ref.start : ref.end] == ref.text
    return found


def values(found: list[TimeRef]) -> list[tuple[str, str | None, str]]:
    return [(r.text, r.value, r.precision) for r in found]


def test_times_weekday_is_most_recent_on_or_before_publication(nlp) -> None:
    found = times_of(nlp, "The ferry sank on Monday. Divers searched on Sunday; saturday was calm.")
    assert values(found) == [
        ("Monday", "2017-10-16", "day"),
        ("Sunday", "2017-10-15", "day"),
        ("saturday", "2017-10-14", "day"),
    ]
    assert not any(r.relative for r in found)


def test_times_a_weekday_owning_an_event_a_day_or_two_ahead_is_that_coming_day(nlp) -> None:
    # published on a Monday: Tuesday's and Wednesday's events lie ahead unless told as done; Friday's is last week's
    found = times_of(nlp, "Delegates flew in for Tuesday's summit. Ahead of Wednesday's vote, the opposition rallied.")
    assert [r.value for r in found] == ["2017-10-17", "2017-10-18"]
    found = times_of(nlp, "Tuesday's attack killed 20 people. Friday's summit ended without a deal.")
    assert [r.value for r in found] == ["2017-10-10", "2017-10-13"]


def test_times_weekday_modifiers(nlp) -> None:
    found = times_of(nlp, "The talks began last Monday and resume next Friday.")
    assert values(found) == [("last Monday", "2017-10-09", "day"), ("next Friday", "2017-10-20", "day")]


def test_times_day_words(nlp) -> None:
    text = "Shelling resumed overnight after a lull yesterday; talks open today and tomorrow."
    found = times_of(nlp, text)
    assert values(found) == [
        ("overnight", "2017-10-16", "day"),
        ("yesterday", "2017-10-15", "day"),
        ("today", "2017-10-16", "day"),
        ("tomorrow", "2017-10-17", "day"),
    ]


def test_times_weeks_months_years(nlp) -> None:
    found = times_of(
        nlp,
        "The council met last week and meets again next week. Earlier this month prices rose; "
        "this year and last year were dry.",
    )
    assert values(found) == [
        ("last week", "2017-W41", "week"),
        ("next week", "2017-W43", "week"),
        ("Earlier this month", "2017-10", "month"),
        ("this year", "2017", "year"),
        ("last year", "2016", "year"),
    ]


def test_times_weekend_is_its_saturday(nlp) -> None:
    found = times_of(nlp, "Families left over the weekend.")
    assert values(found) == [("the weekend", "2017-10-14", "day")]


def test_times_month_prefers_the_past(nlp) -> None:
    text = "The army entered the valley in June, after a truce in December, and left in May 2015."
    found = times_of(nlp, text)
    assert values(found) == [
        ("June", "2017-06", "month"),
        ("December", "2016-12", "month"),
        ("May 2015", "2015-05", "month"),
    ]


def test_times_years_and_ago(nlp) -> None:
    found = times_of(nlp, "The group seized the town in 2014, three years ago.")
    assert values(found) == [("2014", "2014", "year"), ("three years ago", "2014", "year")]


def test_times_explicit_calendar_dates(nlp) -> None:
    text = "The vote was held on October 16, 2017, repeated on 3 Feb 2016 and announced on Oct. 5."
    found = times_of(nlp, text)
    assert values(found) == [
        ("October 16, 2017", "2017-10-16", "day"),
        ("3 Feb 2016", "2016-02-03", "day"),
        ("Oct. 5", "2017-10-05", "day"),
    ]


def test_times_without_publication_date_stay_relative(nlp) -> None:
    text = "On monday the mayor said last week's floods, in June, were the worst since 2014."
    found = times_of(nlp, text, published=None)
    by_text = {r.text: r for r in found}
    for relative in ("monday", "last week", "June"):
        assert (by_text[relative].value, by_text[relative].relative) == (None, True)
    assert (by_text["2014"].value, by_text["2014"].relative) == ("2014", False)


def test_times_explicit_date_without_publication_date_keeps_value(nlp) -> None:
    found = times_of(nlp, "The treaty was signed on October 16, 2017.", published=None)
    assert [(r.value, r.relative) for r in found] == [("2017-10-16", False)]


@pytest.mark.parametrize(
    "text",
    [
        "We expect to take the city in less than a month.",
        "In the coming days, we may push north.",
        "Those 5 may leave, and the troops march on.",
        "She reads the Sunday Times.",
    ],
)
def test_times_non_dates(nlp, text: str) -> None:
    assert times_of(nlp, text) == []


@pytest.mark.shared
def test_times_seed_reports(nlp, seeds_dir) -> None:
    cased = (next(seeds_dir.glob("000_*.txt"))).read_text(encoding="utf-8")
    by_text: dict[str, set[str | None]] = {}
    for ref in times_of(nlp, cased):
        by_text.setdefault(ref.text, set()).add(ref.value)
    assert by_text["Monday"] == {"2017-10-16"}
    assert by_text["Sunday"] == {"2017-10-15"}

    # The corpus form as given (lowercased, tokenized): no publication date, so it stays relative.
    lowered = (next(seeds_dir.glob("003_*.txt"))).read_text(encoding="utf-8")
    found = times_of(nlp, lowered, published=None)
    mondays = [r for r in found if r.text == "monday"]
    assert mondays and all(r.value is None and r.relative for r in mondays)
    assert all(r.value is None for r in found if r.text == "last week")


@pytest.mark.parametrize("sentence,expected", [
    ("The minister said the government would release the funds on Tuesday.", "2017-10-17"),
    ("The council will vote on Friday.", "2017-10-20"),
    ("The council voted on Friday.", "2017-10-13"),
    ("Talks are scheduled to resume on Thursday.", "2017-10-19"),
])
def test_times_future_weekday_looks_ahead(nlp, sentence, expected):
    (ref,) = [t for t in find_times(nlp(sentence), dt.date(2017, 10, 16)) if t.precision == "day"]
    assert ref.value == expected


def test_times_future_month_looks_ahead(nlp):
    (ref,) = find_times(nlp("The company said it would announce the site in June."), dt.date(2024, 4, 25))
    assert ref.value == "2024-06"
    (ref,) = find_times(nlp("The company announced the site in June."), dt.date(2024, 4, 25))
    assert ref.value == "2023-06"
