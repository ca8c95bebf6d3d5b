"""A brief that fits: each section of a large story cut to its most important items, saying what it left out."""

from __future__ import annotations

import dataclasses
import datetime as dt

from crosswire.model import (POSITION, BriefArticle, BriefFigure, BriefQuote, Briefing, Comparison, Entity, FigureValue, Speaker,
                             SpanRef, StoryBriefing, SummarySentence, TimelineEntry)
from crosswire.render import render
from crosswire.render.digest import SHOWN_ENTITIES, SHOWN_SPEAKERS, coverage, digest, left_out
from crosswire.render.terminal import render_terminal

OUTLETS = ["Wire", "Herald", "Ledger", "Courier", "Gazette", "Post", "Times"]


def big_story(reports: int = 100) -> StoryBriefing:
    """A story of ``reports`` reports with hundreds of items in every section."""
    articles = tuple(BriefArticle(f"a{i}", OUTLETS[i % len(OUTLETS)], dt.date(2030, 3, 1 + i % 4), f"Title {i}", None,
                                  {}, None) for i in range(reports))
    quotes = tuple(BriefQuote(f"a{i}:q{n}", Speaker(f"Speaker {i % 40}", f"e{i % 40}", None),
                              "word " * (3 + n * 4), "word " * (3 + n * 4), n % 2 == 0, "say", f"a{i}", 0, 10)
                   for i in range(reports) for n in range(5))
    entities = tuple(Entity(f"e{k}", f"Name {k}", "PERSON" if k % 3 else "NORP" if k % 5 else "EVENT", (f"Name {k}",),
                            tuple(SpanRef(f"a{i}", 0, 5) for i in range(k % 7 + 1)), f"name {k}", salience=1 / (k + 1))
                     for k in range(300))
    figures = tuple(BriefFigure(f"a{i}:f0", "fighter", FigureValue(i, i, False), None, None, str(i), f"a{i}", 0, 2)
                    for i in range(reports))
    comparisons = tuple(Comparison(f"thing {k}", tuple(f.id for f in figures[k:k + 12]), "conflict")
                        for k in range(80))
    timeline = tuple(TimelineEntry(f"2030-03-{1 + k % 28:02d}", "day", False, "Something happened " * 3, f"a{k % 100}",
                                   0, 4) for k in range(400))
    summary = tuple(SummarySentence("A sentence that many reports support. " * 2,
                                    tuple(SpanRef(f"a{i}", 0, 9) for i in range(12))) for _ in range(5))
    return StoryBriefing("s1", "A big story", articles, entities, quotes, figures, comparisons, timeline, summary)


def test_digest_of_a_large_story_fits_two_screens_and_says_what_it_left_out():
    briefing = Briefing((big_story(),))
    out = render_terminal(briefing, {}, width=120)
    assert out.count("\n") <= 120
    for note in ("75 more comparisons", "292 more people", "394 more timeline", "more statements"):
        assert note in out, note
    assert "--full shows everything" in out
    full = render_terminal(briefing, {}, width=120, full=True)
    assert full.count("\n") > 1000 and "more comparisons" not in full
    markdown = render("md", briefing, {})
    assert markdown.count("\n") <= 120 and "75 more comparisons" in markdown


def test_digest_groups_statements_by_speaker_most_reported_first():
    d = digest(big_story())
    assert len(d.speakers.items) == SHOWN_SPEAKERS
    first = d.speakers.items[0]
    assert first.reports == 3 and first.statements.left_out == 13
    # statements of six words or more before phrases, direct before reported
    assert [len(st.quote.reading.split()) >= 6 for st in first.statements.items] == [True, True]
    assert sum(len(g.statements.items) + g.statements.left_out for g in d.speakers.items + d.speakers.rest) == 500
    assert left_out(d)["statements"].startswith(f"{500 - 2 * SHOWN_SPEAKERS} more statements")


def test_digest_shows_people_and_places_first_in_salience_order():
    d = digest(big_story())
    assert len(d.entities.items) == SHOWN_ENTITIES
    assert all(e.type in ("PERSON", "NORP") for e in d.entities.items)
    shown = [e.salience for e in d.entities.items]
    assert shown == sorted(shown, reverse=True)


def test_full_digest_leaves_nothing_out():
    d = digest(big_story(), full=True)
    assert left_out(d) == {}
    assert len(d.entities.items) == 300 and len(d.timeline.items) == 400


def test_coverage_line_counts_reports_outlets_and_dates():
    assert coverage(big_story()) == ("100 reports from 7 outlets (Herald 15, Wire 15, Courier 14, Gazette 14, "
                                     "Ledger 14, Post 14, 1 more), 2030-03-01 – 2030-03-04")


def test_digest_shows_a_statement_once_with_every_report_that_carries_it():
    story = big_story(reports=3)
    said = "They can choose between surrendering and dying"
    quotes = tuple(dataclasses.replace(q, speaker=Speaker("Jihan Ahmed", "e1", None), reading=said, direct=i == 1,
                                       statement="a0:q0") for i, q in enumerate(story.quotes[::5]))
    d = digest(dataclasses.replace(story, quotes=quotes))
    (group,) = d.speakers.items
    (statement,) = group.statements.items
    assert statement.reports == 3 and statement.quote is quotes[1]  # the direct version is shown
    assert "+2 reports" in render_terminal(Briefing((dataclasses.replace(story, quotes=quotes),)), {}, width=200)


def test_digest_groups_a_described_speaker_within_its_report_and_a_named_one_across_reports():
    """"The government" of one report is not another report's: a speaker that is no entity is grouped
    within the report of each statement's first quote, its statement carried by others kept whole."""
    story = big_story(reports=3)
    base = story.quotes[0]

    def said(n: int, article: str, speaker: Speaker, words: str, statement: str | None = None) -> BriefQuote:
        return dataclasses.replace(base, id=f"{article}:q{n}", speaker=speaker, reading=words, text=words,
                                   article=article, statement=statement or f"{article}:q{n}")

    government, minister = Speaker("The government", None, None), Speaker("Ana Ferro", "e1", None)
    quotes = (said(1, "a0", government, "street parties will be held across the country"),
              said(2, "a0", government, "the roads will be closed for the day"),
              said(1, "a1", government, "ten million workers counted the census", "a1:q1"),
              said(1, "a2", government, "ten million workers counted the census", "a1:q1"),
              said(3, "a0", minister, "the levy would pay for pumps"), said(2, "a1", minister, "the pumps are ready"))
    d = digest(dataclasses.replace(story, quotes=quotes), full=True)
    groups = [(g.speaker, g.reports, sorted(st.quote.id for st in g.statements.items)) for g in d.speakers.items]
    assert groups == [("Ana Ferro", 2, ["a0:q3", "a1:q2"]), ("The government", 2, ["a1:q1"]),
                      ("The government", 1, ["a0:q1", "a0:q2"])]


def test_digest_shows_positions_only_in_full_and_says_how_many_it_left_out():
    """A position ("backed the levy") is not something the speaker said: the default brief lists speech,
    counts the positions it left out, and ``--full`` shows them after the verb that attributes them."""
    said = BriefQuote("a0:q1", Speaker("Ana Ferro", "e1", None), "the levy would pay for pumps",
                      "the levy would pay for pumps", False, "say", "a0", 0, 10)
    backed = dataclasses.replace(said, id="a0:q2", text="the new flood levy", reading="the new flood levy",
                                 cue="back", kind=POSITION, start=20, end=38, statement="a0:q2")
    story = dataclasses.replace(big_story(1), quotes=(said, backed))
    d = digest(story)
    assert [st.quote.id for g in d.speakers.items for st in g.statements.items] == ["a0:q1"]
    assert "1 positions" in left_out(d)["statements"]
    full = digest(story, full=True)
    assert [st.quote.id for g in full.speakers.items for st in g.statements.items] == ["a0:q1", "a0:q2"]
    assert "[back] the new flood levy" in render_terminal(Briefing((story,)), {}, width=120, full=True)
    assert "\\[back\\] the new flood levy" in render("md", Briefing((story,)), {}, full=True)


def test_compared_figures_read_as_their_reports_write_them():
    """"At least 15" is compared as the range 15-22.5 but read as written; corpus tokenization undone."""
    from crosswire.render.common import figure_value

    def fig(text: str, low: float, high: float, approx: bool, unit: str | None = None) -> BriefFigure:
        return BriefFigure("a:f1", "people", FigureValue(low, high, approx), unit, None, text, "a", 0, len(text))

    assert figure_value(fig("At least 15", 15, 22.5, True)) == "At least 15"
    assert figure_value(fig("$ 1.6 bn", 1.6e9, 1.6e9, False, "USD")) == "$1.6 bn"
    assert figure_value(fig("some 9 %", 9, 9, True, "percent")) == "some 9%"
    assert figure_value(fig("more than\nhalf", 50, 75, True, "percent")) == "more than half"


def test_digest_of_a_storyline_leads_with_voices_of_its_larger_events():
    """Speakers quoted by as many reports: the one quoted in the storyline's larger event first (a one-report
    event of the same days about something else must not lead it); a story's briefing has no events."""
    articles = tuple(BriefArticle(f"a{i}", "Wire", dt.date(2030, 3, 1), f"Title {i}", None, {}, None,
                                  event="small" if i == 0 else "large") for i in range(4))
    quotes = (BriefQuote("a0:q0", Speaker("Aaron Banker", "e1", None), "rates stay where they are today",
                         "rates stay where they are today", True, "say", "a0", 0, 10),
              BriefQuote("a1:q0", Speaker("Zora Mayor", "e2", None), "the river is still rising in town",
                         "the river is still rising in town", True, "say", "a1", 0, 10))
    story = StoryBriefing("l1", "A storyline", articles, (), quotes, (), (), (), ())
    assert [sp.speaker for sp in digest(story).speakers.items] == ["Zora Mayor", "Aaron Banker"]
    plain = dataclasses.replace(story, articles=tuple(dataclasses.replace(a, event=None) for a in articles))
    assert [sp.speaker for sp in digest(plain).speakers.items] == ["Aaron Banker", "Zora Mayor"]  # by name
