"""The story timeline from hand-built time references in invented reports."""

from __future__ import annotations

import datetime as dt

from crosswire.fuse.timeline import build_timeline, by_importance, period_start, top_entries
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


def test_timeline_text_is_the_whitespace_collapsed_clause_and_spans_read_back():
    entries = build_timeline(ITEMS)
    # a dated entry's heading says its date, so its text does not; a relative one keeps its words
    assert entries[2].text == "3,000 people left."
    assert entries[-1].text == "the league said last week it held most of the city ."
    texts = {a.id: a.text for a, _ in ITEMS}
    refs = {(an.article_id, t.start, t.end): t.text for _, an in ITEMS for t in an.times}
    for e in entries:
        assert texts[e.article][e.start:e.end] == refs[(e.article, e.start, e.end)]
        assert (texts[e.article][e.start:e.end] in e.text) == e.relative


def _one(text: str, surface: str, value: str = "2030-10-14", published: dt.date | None = dt.date(2030, 10, 14)) -> str:
    """The text of the one entry of a one-report story whose only time expression is ``surface``."""
    [entry] = build_timeline([item("a", text, [(surface, value, "day", False)], published)])
    return entry.text


def test_an_entry_says_what_happened_not_the_date_its_heading_gives():
    assert _one("On Wednesday, the company began pumping mud into the well.", "Wednesday") == \
        "The company began pumping mud into the well."
    assert _one("The company said Friday it had capped the leaking well.", "Friday") == \
        "The company said it had capped the leaking well."
    assert _one("Engineers capped the leaking well late on Tuesday night.", "Tuesday") == \
        "Engineers capped the leaking well."
    assert _one("* April 28 - The coast guard says the flow is 5,000 barrels a day.", "April 28") == \
        "The coast guard says the flow is 5,000 barrels a day."


def test_a_date_that_says_more_than_when_stays():
    assert _one("The new dome would be lowered onto the well by Thursday.", "Thursday") == \
        "The new dome would be lowered onto the well by Thursday."
    assert _one("Sunday's attempt to cap the leaking well was the second one.", "Sunday") == \
        "Sunday's attempt to cap the leaking well was the second one."
    assert _one("Divers found the wreck since the storm of 14 October in the bay.", "14 October") == \
        "Divers found the wreck since the storm of 14 October in the bay."


def test_a_headline_glued_to_the_lead_and_a_page_stamp_are_no_part_of_an_entry():
    glued = "Oil spill in the gulf On 20 April a deepwater oil well exploded off the coast."
    assert _one(glued, "20 April", "2030-04-20", dt.date(2030, 4, 21)) == "A deepwater oil well exploded off the coast."
    stamped = "Thursday , May 20 , 2030 ; 4:41 PM The company said Thursday that it is capturing oil."
    stamp = [("Thursday", "2030-05-20", "day", False), ("May 20 , 2030", "2030-05-20", "day", False)]
    entries = build_timeline([item("a", stamped, stamp + [("Thursday", "2030-05-20", "day", False)],
                                   dt.date(2030, 5, 20))])
    assert [e.text for e in entries] == ["The company said that it is capturing oil."]
    entries = build_timeline([item("a", stamped, stamp, dt.date(2030, 5, 20))])
    assert entries == []  # the page's stamp, weekday and date, is no mention


def test_timeline_merges_duplicates_but_keeps_different_relative_expressions():
    entries = build_timeline(ITEMS)
    assert not any(e.article == "c" for e in entries)  # same dates, same sentences as "a": sources of its entries
    assert {e.date for e in entries if any(s.article == "c" for s in e.sources)} == {"2026", "2030-10-16"}
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


# --------------------------------------------------------------------------- events

WIRE = ("Rebels captured the airport of Dorn on Monday after a week of shelling. "
        "The spill of the tanker Vega in 1989 still haunts the coast.")
PAPER = ("On Monday, rebels captured the Dorn airport. "
         "Residents recall the Vega tanker spill of 1989 on the coast.")
RADIO = ("The Dorn airport was captured by rebels on Monday, its director said. "
         "The vote on Saturday, the mayor said, drew few people to the polls. "
         "Memories of the 1989 Vega spill on the coast are still fresh.")
DAY = dt.date(2030, 10, 17)
EVENTS = [
    item("wire", WIRE, [("Monday", "2030-10-14", "day", False), ("1989", "1989", "year", False)], DAY),
    item("paper", PAPER, [("Monday", "2030-10-14", "day", False), ("1989", "1989", "year", False)], DAY),
    item("radio", RADIO, [("Monday", "2030-10-14", "day", False), ("Saturday", "2030-10-12", "day", False),
                          ("1989", "1989", "year", False)], dt.date(2030, 10, 16)),
]


def test_timeline_merges_one_event_across_reports_with_every_source():
    entries = build_timeline(EVENTS)
    (airport,) = [e for e in entries if e.date == "2030-10-14"]
    assert {s.article for s in airport.sources} == {"wire", "paper", "radio"} and airport.reports == 3
    assert len(airport.sources) == 3
    first = airport.sources[0]
    assert (airport.article, airport.start, airport.end) == (first.article, first.start, first.end)
    texts = {a.id: a.text for a, _ in EVENTS}
    assert all(texts[s.article][s.start:s.end] == "Monday" for s in airport.sources)
    assert "airport" in airport.text and "Monday" not in airport.text  # the heading says when


def test_timeline_keeps_a_background_date_once_and_ranks_it_low():
    entries = build_timeline(EVENTS)
    (vega,) = [e for e in entries if e.date == "1989"]
    assert vega.background and vega.reports == 3 and len(vega.sources) == 3
    dated_news = [e for e in entries if e.date and e.date.startswith("2030")]
    assert dated_news and all(not e.background and e.rank < vega.rank for e in dated_news)
    assert vega.rank == max(e.rank for e in entries)


def test_timeline_text_is_the_clause_around_the_time_expression_not_the_sentence():
    entries = build_timeline(EVENTS)
    (vote,) = [e for e in entries if e.date == "2030-10-12"]
    assert vote.text == "The vote drew few people to the polls."  # its date is the heading's
    assert "mayor said" not in vote.text  # the aside is another clause
    sentence = "The vote on Saturday, the mayor said, drew few people to the polls."
    assert len(vote.text) < len(sentence)


def test_timeline_different_events_of_one_day_stay_apart():
    text_a = "Troops entered Vell on Monday. Parliament passed the budget on Monday."
    entries = build_timeline([item("a", text_a, [("Monday", "2030-10-14", "day", False),
                                                 ("Monday", "2030-10-14", "day", False)], DAY)])
    assert len(entries) == 2 and {e.reports for e in entries} == {1}
    assert {"Troops" in e.text for e in entries} == {True, False}


def test_timeline_is_in_date_order_and_ranked_by_reports():
    entries = build_timeline(EVENTS)
    assert [e.date for e in entries] == ["1989", "2030-10-12", "2030-10-14"]
    ranked = by_importance(entries)
    assert [e.date for e in ranked] == ["2030-10-14", "2030-10-12", "1989"]
    assert [e.rank for e in ranked] == [1, 2, 3]
    assert [e.date for e in top_entries(entries, 2)] == ["2030-10-12", "2030-10-14"]  # the best 2, by date
    assert top_entries(entries, 0) == []


def test_timeline_event_text_comes_from_a_report_of_the_time():
    # "radio" (published 2030-10-16) told the airport as news within two days; the other two a day later
    old = item("old", "Rebels captured the Dorn airport on Monday 14 October, a year ago.",
               [("Monday 14 October", "2030-10-14", "day", False)], dt.date(2031, 10, 20))
    entries = build_timeline([old] + EVENTS)
    (airport,) = [e for e in entries if e.date == "2030-10-14"]
    assert airport.reports == 4 and airport.article != "old"


def test_timeline_leaves_out_a_page_timestamp():
    text = ("LONDON | Tue Oct 14, 2030 1:48 pm GMT LONDON - Rebels captured the Dorn airport on Tuesday "
            "after a week of shelling.")
    entries = build_timeline([item("wire", text, [("Tue Oct 14, 2030", "2030-10-14", "day", False),
                                                  ("Tuesday", "2030-10-14", "day", False)], DAY)])
    (airport,) = entries
    assert airport.reports == 1 and len(airport.sources) == 1 and "airport" in airport.text
    assert text[airport.start:airport.end] == "Tuesday"


def test_timeline_ranks_a_stray_report_below_the_story():
    # one report each, but the football match shares no words with the story's other reports
    story = [item(f"s{i}", f"Rebels shelled the Dorn airport for a {w} day, residents of Dorn said.", [], DAY)
             for i, w in enumerate(("third", "fourth"))]
    story.append(item("siege", "Rebels shelled the Dorn airport on Tuesday, residents said.",
                      [("Tuesday", "2030-10-08", "day", False)], DAY))
    story.append(item("match", "A football final drew large crowds on Monday in a distant capital.",
                      [("Monday", "2030-10-07", "day", False)], DAY))
    ranked = by_importance(build_timeline(story))
    assert [e.article for e in ranked] == ["siege", "match"]


def test_a_clause_hanging_on_a_noun_keeps_the_noun():
    text = _one("The spokesman, who flew to the flooded coastal town of Venice on Wednesday, met fishermen.",
                "Wednesday")
    assert text == "The spokesman, who flew to the flooded coastal town of Venice"  # not "who flew ..."


def test_a_busy_days_lead_event_is_the_one_its_clauses_share_words_with():
    # two reports give the budget vote in the same words, but the day's other five reports all tell
    # of the fighting at Dorn airport in different words: the day was about the airport, and its
    # clause leads the day although the vote has more reports
    day = "2030-10-14"
    said = {"vote1": "Parliament narrowly passed the disputed budget bill on Monday.",
            "vote2": "Parliament narrowly passed the disputed budget bill on Monday.",
            "shell": "Troops shelled the Dorn airport terminal with heavy artillery on Monday.",
            "bridge": "Troops fought near Dorn airport for the river bridge on Monday.",
            "flights": "Dorn airport shelling cancelled every flight and stranded passengers on Monday.",
            "fled": "Residents fled the Dorn airport district as troops advanced on Monday.",
            "hospital": "Wounded troops from Dorn airport filled the city hospital on Monday."}
    items = [item(aid, text, [("Monday", day, "day", False)], DAY) for aid, text in said.items()]
    # both are the story's: other reports, naming no date, tell of the budget and of the airport
    items += [item(f"story{i}", "Parliament narrowly passed the disputed budget bill as troops shelled the "
                   "Dorn airport.", [], DAY) for i in range(4)]
    entries = [e for e in build_timeline(items) if e.date == day]
    assert len(entries) == 6  # the vote is one event of two reports, each airport clause its own
    (vote,) = [e for e in entries if "budget" in e.text]
    assert vote.reports == 2
    first = min(entries, key=lambda e: e.rank)
    assert "airport" in first.text and first.reports == 1
    assert first.score == max(e.score for e in entries) and vote.score < first.score


def test_a_clause_widened_onto_a_relative_clause_takes_its_noun_too():
    text = _one("The singer Marlo Vance, who had a long history of serious heart illness, collapsed at home "
                "on Thursday.", "Thursday")
    assert text.startswith("The singer Marlo Vance, who had")  # not "who had a history ..."


def test_an_events_text_is_its_wording_most_central_among_the_days_clauses():
    # two reports tell the capture of the airport; the day's third report tells of the street fighting
    # that only the second's wording names: that wording says what the day was about
    day = "2030-10-14"
    said = {"a": "Rebels captured the Dorn airport runway on Monday.",
            "b": "Rebels captured the Dorn airport after fierce street fighting on Monday.",
            "c": "Fierce street fighting spread across the old town and its crowded markets on Monday."}
    items = [item(aid, text, [("Monday", day, "day", False)], DAY) for aid, text in said.items()]
    (airport,) = [e for e in build_timeline(items) if "airport" in e.text]
    assert airport.reports == 2 and airport.article == "b" and "fighting" in airport.text


def test_a_clause_said_again_joins_the_event_that_holds_it_however_it_grew():
    day = dt.date(2030, 10, 16)
    caption = "On Monday the president spoke from the office about the oil spill.\n"
    reports = [
        item("r1", "On Monday ministers met bankers.\n", [("Monday", "2030-10-16", "day", False)], day),
        item("r2", caption, [("Monday", "2030-10-16", "day", False)], day),
        # shares words with the first report's and the caption's: it joins the first report's event, whose
        # members the repeated caption then matches before its own event
        item("r3", "On Monday ministers met bankers as the president spoke from the office about the oil.\n",
             [("Monday", "2030-10-16", "day", False)], day),
        item("r4", caption, [("Monday", "2030-10-16", "day", False)], day),
    ]
    entries = build_timeline(reports)
    texts = [e.text for e in entries]
    assert len(texts) == len(set(texts))  # the caption is one entry, not two
    (told,) = [e for e in entries if e.article == "r2"]
    assert {s.article for s in told.sources} == {"r2", "r4"}


def test_timeline_of_a_storyline_ranks_its_core_reports_entries_first():
    # Monday is told by "a" and its copy "c", Saturday by "a" and "x": Monday leads, unless only "x" is of an
    # event several reports tell (the storyline's core), when what the others alone tell ranks after
    items = [ITEMS[0], ITEMS[2], item("x", A, [("Saturday", "2030-10-14", "day", False)], dt.date(2030, 10, 16))]
    assert [e.date for e in by_importance(build_timeline(items))][:2] == ["2030-10-16", "2030-10-14"]
    assert [e.date for e in by_importance(build_timeline(items, core={"x"}))][:2] == ["2030-10-14", "2030-10-16"]
