"""When undated reports were written, inferred from their text and their story, on invented reports."""

from __future__ import annotations

import datetime as dt

from crosswire.analyze.times import resolve_without_year, speaks_ahead
from crosswire.fuse.dating import STORY_PRIOR_DAYS, grounds, infer_dates, interval_text
from crosswire.model import Article, ArticleAnalysis, Sentence, TimeRef, Zone

OCT = dt.date(2030, 10, 16)


def report(aid: str, text: str, times: dict[str, str | None], published: dt.date | None = None,
           zones: tuple[Zone, ...] = ()) -> tuple[Article, ArticleAnalysis]:
    """An article whose time expressions (``times``: words -> value, None when left relative) analysis found."""
    refs = []
    for words, value in times.items():
        start = text.index(words)
        precision = "year" if len(words) == 4 and words.isdigit() else "month"
        refs.append(TimeRef(start, start + len(words), words, value, precision, value is None))
    sentences, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            sentences.append(Sentence(start, i + 1))
            start = i + 2
    return (Article(aid, text, outlet=aid.upper(), published=published),
            ArticleAnalysis(aid, text, sentences=tuple(sentences), times=tuple(sorted(refs, key=lambda r: r.start)),
                            zones=zones))


def test_dating_lower_bound_is_the_latest_date_the_text_reports_as_past():
    text = "The group was founded in 2014. Its leader was arrested in June 2029. The trial went on."
    (date,) = infer_dates([report("u", text, {"2014": "2014", "June 2029": "2029-06"})]).values()
    assert (date.article, date.earliest, date.latest) == ("u", dt.date(2029, 6, 1), None)
    assert [e.kind for e in date.evidence] == ["text", "text"]
    strongest = date.evidence[0]
    assert text[strongest.start:strongest.end] == strongest.text == "June 2029"
    assert interval_text(date) == "on or after 2029-06-01"


def test_dating_month_without_year_takes_the_story_year_and_the_story_is_a_weak_prior():
    text = "Rebels took the port in July. Talks stalled last week."
    dated = report("d", "Officials spoke on Monday.", {}, OCT)
    date = infer_dates([dated, report("u", text, {"July": None, "last week": None})])["u"]
    window = (OCT - dt.timedelta(days=STORY_PRIOR_DAYS), OCT + dt.timedelta(days=STORY_PRIOR_DAYS))
    assert (date.earliest, date.latest) == (dt.date(2030, 7, 1), window[1])
    text_bound, prior = date.evidence  # "last week" bounds nothing
    assert text_bound.text == "July" and "the year of the story's dated reports" in text_bound.reason
    assert prior.kind == "story" and (prior.earliest, prior.latest) == window and "weak prior" in prior.reason
    assert grounds(date).startswith("on or after 2030-07-01 by its text") and "by 2030-11-15 by its story" in grounds(date)


def test_dating_only_the_prior_when_the_text_dates_nothing():
    dated = report("d", "Officials spoke.", {}, OCT)
    date = infer_dates([dated, report("u", "Talks stalled on Monday.", {"Monday": None})])["u"]
    assert [e.kind for e in date.evidence] == ["story"]
    assert date.earliest < OCT < date.latest
    assert infer_dates([report("u", "Talks stalled.", {})]) == {}  # nothing bounds it: no date inferred


def test_dating_plans_deadlines_and_comments_bound_nothing():
    text = ("The vote will be held in 2031. Emissions must fall by 2040. The port was shelled in 2029. "
            "Comment posted in 2033.")
    comments = Zone(text.index("Comment"), len(text), "comments")
    date = infer_dates([report("u", text, {"2031": "2031", "2040": "2040", "2029": "2029", "2033": "2033"},
                               zones=(comments,))])["u"]
    assert [e.text for e in date.evidence] == ["2029"] and date.earliest == dt.date(2029, 1, 1)


def test_dating_text_after_the_story_window_drops_the_prior():
    dated = report("d", "Officials spoke.", {}, OCT)
    date = infer_dates([dated, report("u", "The port fell in March 2031.", {"March 2031": "2031-03"})])["u"]
    assert (date.earliest, date.latest) == (dt.date(2031, 3, 1), None)
    assert date.evidence[-1].kind == "story" and "does not hold" in date.evidence[-1].reason


def test_dating_dated_reports_get_no_inferred_date():
    assert infer_dates([report("d", "It fell in 2029.", {"2029": "2029"}, OCT)]) == {}


def test_times_resolve_without_year_reads_names_not_relative_words():
    assert resolve_without_year("July", OCT) == ("2030-07", "month")
    assert resolve_without_year("november", OCT) == ("2029-11", "month")  # the most recent one
    assert resolve_without_year("16 Oct", dt.date(2030, 10, 1)) == ("2029-10-16", "day")
    for words in ("next June", "Monday", "last week", "June 2017"):
        assert resolve_without_year(words, OCT) is None, words


def test_times_speaks_ahead_errs_towards_the_future():
    assert speaks_ahead("Officials planned to vote in May.") and speaks_ahead("we 'll meet in June")
    assert speaks_ahead("They won’t leave before July.")
    assert not speaks_ahead("Iraqi forces took the city in July.")
