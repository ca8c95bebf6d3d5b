"""Figure comparison across a story's articles, from hand-built figures in invented reports."""

from __future__ import annotations

import dataclasses
import datetime as dt

from crosswire.fuse.canon import canonical_entities
from crosswire.fuse.reconcile import compare_figures
from crosswire.model import (Article, ArticleAnalysis, DateEvidence, Figure, InferredDate, Mention, Quote, Sentence,
                             TimeRef)

OCT, SEP = dt.date(2030, 10, 16), dt.date(2030, 9, 20)


def at(text: str, sub: str) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def fig(text: str, surface: str, low: float, high: float, what: str | None, *, approx: bool = False,
        unit: str | None = None, kind: str = "quantity") -> Figure:
    return Figure(*at(text, surface), surface, low, high, approx, unit, what, kind=kind)


def sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append(Sentence(start, i + 1))
            start = i + 2
    return tuple(out)


def item(aid: str, text: str, figures: list[Figure], published: dt.date | None,
         mentions: tuple[Mention, ...] = (), outlet: str | None = None) -> tuple[Article, ArticleAnalysis]:
    return (Article(aid, text, outlet=outlet or aid.upper(), published=published),
            ArticleAnalysis(aid, text, sentences=sentences(text), mentions=mentions, figures=tuple(figures)))


def fighters(aid: str, value: str, low: float, high: float, published: dt.date | None, approx: bool = False):
    text = f"Officials said {value} fighters remain in the old town."
    return item(aid, text, [fig(text, value, low, high, "fighter", approx=approx)], published)


def run(items):
    return compare_figures(items, canonical_entities(items))


def test_reconcile_ids_number_all_figures_and_return_quantities_only():
    text = "A 22-year-old said 40 trucks left in 2030."
    items = [item("a", text, [fig(text, "40", 40, 40, "truck"), fig(text, "22", 22, 22, None, kind="age"),
                              fig(text, "2030", 2030, 2030, None, kind="year")], OCT)]
    figures, comparisons = run(items)
    assert figures == [("a:f1", items[0][1].figures[0])]  # numbered in analysis order, as every item id
    assert comparisons == []  # one article: nothing to compare
    for _, f in figures:
        assert text[f.start:f.end] == f.text


def test_reconcile_approximate_values_within_tolerance_agree():
    items = [fighters("a", "around 300", 300, 300, OCT, approx=True), fighters("b", "320", 320, 320, SEP)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "agree" and comparison.figures == ("a:f1", "b:f1")
    assert comparison.what == "fighter"


def test_reconcile_different_values_on_different_dates_are_an_update():
    items = [fighters("afp", "around 300", 300, 300, OCT, approx=True),
             fighters("rtr", "700 to 1,000", 700, 1000, SEP)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "update"
    assert "newer report AFP (2030-10-16)" in comparison.note and "lower" in comparison.note


def test_reconcile_different_values_without_dates_are_unknown():
    items = [fighters("a", "300", 300, 300, OCT), fighters("b", "700", 700, 700, None)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "unknown" and "dates unknown" in comparison.note


def test_reconcile_different_values_on_the_same_date_conflict():
    items = [fighters("a", "300", 300, 300, OCT), fighters("b", "700", 700, 700, OCT)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "conflict"


def test_reconcile_narrower_qualifier_is_a_different_scope():
    a = "Officials said 250 foreign fighters remain in the old town."
    items = [item("a", a, [fig(a, "250", 250, 250, "foreign fighter")], OCT),
             fighters("b", "700", 700, 700, SEP)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "different_scope" and comparison.figures == ("a:f1", "b:f1")
    assert "(foreign fighter)" in comparison.note


def test_reconcile_qualifiers_written_before_the_noun_narrow_the_scope():
    a = "Some 275 Velkan fighters remain in the old town. About 300 Dorn Front fighters remain in the old town."
    ms = (Mention(*at(a, "Velkan"), "Velkan", "NORP"), Mention(*at(a, "Dorn Front"), "Dorn Front", "ORG"))
    items = [item("a", a, [fig(a, "275", 275, 275, "fighter"), fig(a, "About 300", 300, 300, "fighter", approx=True)],
                  OCT, mentions=ms),
             fighters("b", "310", 310, 310, SEP)]
    _, (same, other) = run(items)
    assert (same.figures, same.verdict) == (("a:f2", "b:f1"), "agree")  # the front's name only identifies
    assert other.verdict == "different_scope" and "(velkan fighter)" in other.note
    assert "a:f1" in other.figures


def test_reconcile_entity_names_in_the_what_do_not_narrow_the_scope():
    a = "Officials said 300 Velkan Front fighters remain in the old town."
    ms = (Mention(*at(a, "Velkan Front"), "Velkan Front", "ORG"),)
    items = [item("a", a, [fig(a, "300", 300, 300, "velkan front fighter")], OCT, mentions=ms),
             fighters("b", "300", 300, 300, SEP)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "agree"


def test_reconcile_percent_of_spelling_variants_compare_through_the_canon():
    a = "Troops hold 90 percent of Tamsa after weeks."
    b = "troops hold 80 percent of tammsa , officials said ."
    c = "Troops hold 10 percent of Orlen now."
    items = [item("a", a, [fig(a, "90 percent", 90, 90, "percent of Tamsa", unit="percent")], OCT,
                  mentions=(Mention(*at(a, "Tamsa"), "Tamsa", "GPE"),)),
             item("b", b, [fig(b, "80 percent", 80, 80, "percent of tammsa", unit="percent")], SEP,
                  mentions=(Mention(*at(b, "tammsa"), "tammsa", "GPE"),)),
             item("c", c, [fig(c, "10 percent", 10, 10, "percent of Orlen", unit="percent")], SEP,
                  mentions=(Mention(*at(c, "Orlen"), "Orlen", "GPE"),))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "update"
    assert comparison.what == "percent of tamsa"


def test_reconcile_units_must_match():
    a, b = "They found 300 fighters in town.", "They found 300 km of fighters trenches."
    items = [item("a", a, [fig(a, "300", 300, 300, "fighter")], OCT),
             item("b", b, [fig(b, "300 km", 300, 300, "fighter", unit="km")], OCT)]
    assert run(items)[1] == []


def test_reconcile_synonyms_in_the_same_frame_join():
    a = "Only 300 fighters remain inside the old town, officials said."
    b = "Some 700 militants remain inside the old town, a commander said."
    c = "About 650 barrels remain inside the old town, a trader said."
    items = [_counted("a", a, "300", 300, "fighter", "remain", OCT), _counted("b", b, "700", 700, "militant", "remain", SEP),
             _counted("c", c, "650", 650, "barrel", "remain", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "update"  # a measure is no synonym
    unsaid = [items[0], _counted("b", b.replace(" remain", ""), "700", 700, "militant", None, SEP)]
    assert run(unsaid)[1] == []  # nor a noun of which nothing is said to happen
    people = [items[0], _counted("b", b.replace("militants", "people"), "700", 700, "people", "remain", SEP)]
    assert run(people)[1] == []  # fighters are some of the people, never a synonym of them


def test_reconcile_things_counted_side_by_side_never_join_by_frame():
    a = "About 300 fighters and 2,000 civilians remain inside the old town."
    b = "Some 1,900 civilians remain inside the old town."
    c = "Some 320 fighters remain inside the old town."
    items = [item("a", a, [fig(a, "300", 300, 300, "fighter", approx=True),
                           fig(a, "2,000", 2000, 2000, "civilian")], OCT),
             item("b", b, [fig(b, "1,900", 1900, 1900, "civilian", approx=True)], SEP),
             item("c", c, [fig(c, "320", 320, 320, "fighter", approx=True)], SEP)]
    _, comparisons = run(items)
    assert [(c.what, c.figures) for c in comparisons] == [("civilian", ("a:f2", "b:f1")),
                                                         ("fighter", ("a:f1", "c:f1"))]
    assert [c.verdict for c in comparisons] == ["agree", "agree"]


def test_reconcile_is_deterministic():
    items = [fighters("a", "300", 300, 300, OCT), fighters("b", "700", 700, 700, SEP),
             fighters("c", "around 310", 310, 310, None, approx=True)]
    assert run(items) == run(list(reversed(items)))


def test_reconcile_bare_percents_compared_only_when_framed_alike():
    a_text = "Revenue rose 14 percent in the quarter. Turnout in the vote reached 60 percent."
    b_text = "Shares closed up 9 percent on Thursday. Turnout in the vote reached 62 percent."
    items = [item("a", a_text, [fig(a_text, "14 percent", 14, 14, "percent", unit="percent"),
                                fig(a_text, "60 percent", 60, 60, "percent", unit="percent")], OCT),
             item("b", b_text, [fig(b_text, "9 percent", 9, 9, "percent", unit="percent"),
                                fig(b_text, "62 percent", 62, 62, "percent", unit="percent")], SEP)]
    _, comparisons = run(items)
    assert [c.figures for c in comparisons] == [("a:f2", "b:f2")]


def _counted(aid: str, text: str, surface: str, value: float, what: str, predicate: str | None,
             published: dt.date | None = OCT, mentions: tuple[Mention, ...] = ()):
    figure = dataclasses.replace(fig(text, surface, value, value, what), predicate=predicate)
    return item(aid, text, [figure], published, mentions=mentions)


def test_reconcile_figures_of_different_predicates_never_compare():
    items = [_counted("a", "Some 300 fighters remain in the old town.", "300", 300, "fighter", "remain"),
             _counted("b", "Some 275 fighters surrendered in the town.", "275", 275, "fighter", "surrender"),
             _counted("c", "About 700 fighters remain in the old town.", "700", 700, "fighter", "remain", SEP),
             _counted("d", "Officials said 650 fighters are in the old town.", "650", 650, "fighter", None, SEP),
             _counted("e", "Officials gave a figure of 600 fighters.", "600", 600, "fighter", None, SEP)]
    _, comparisons = run(items)
    # the unsaid predicate of "d" fits the one group it can, its sentence framed like theirs: the remaining
    # fighters; "e" shares too little with either to be said to count either (c and d, of one day, differ)
    assert [c.figures for c in comparisons] == [("a:f1", "c:f1", "d:f1"), ("c:f1", "d:f1")]


def test_reconcile_a_running_total_and_one_days_count_never_compare():
    items = [_counted("a", "Some 2,700 people have been killed since March.", "2,700", 2700, "people", "die"),
             _counted("b", "At least 40 people were killed on Wednesday.", "40", 40, "people", "die"),
             _counted("c", "More than 3,000 people have been killed so far.", "3,000", 3000, "people", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1") and comparison.verdict == "update"


def test_reconcile_figures_placed_in_different_places_never_compare():
    a = "In Mexico 150 people have died of the flu."
    b = "In Texas 2 people have died of the flu."
    c = "Officials in Mexico said 159 people have died of the flu."
    items = [_counted("a", a, "150", 150, "people", "die", mentions=(Mention(3, 9, "Mexico", "GPE"),)),
             _counted("b", b, "2", 2, "people", "die", mentions=(Mention(3, 8, "Texas", "GPE"),)),
             _counted("c", c, "159", 159, "people", "die", SEP, mentions=(Mention(13, 19, "Mexico", "GPE"),))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1")


def _inferred(aid: str, earliest: dt.date | None, latest: dt.date | None) -> InferredDate:
    evidence = [DateEvidence("text", earliest, None, "“July” reported as past", aid, 0, 4, "July")] if earliest else []
    if latest:
        evidence.append(DateEvidence("story", None, latest, "within 30 days of its dated reports, a weak prior"))
    return InferredDate(aid, earliest, latest, tuple(evidence))


def test_reconcile_undated_report_ordered_by_its_inferred_date_is_an_update_that_says_so():
    items = [fighters("afp", "around 300", 300, 300, SEP, approx=True), fighters("rtr", "700", 700, 700, None)]
    _, (later,) = compare_figures(items, canonical_entities(items), {"rtr": _inferred("rtr", OCT, None)})
    assert later.verdict == "update" and later.note.startswith("update, if the inferred dating holds: ")
    assert "newer report RTR (undated, written on or after 2030-10-16 by inference) gives a higher value" in later.note
    assert "on or after 2030-10-16 by its text: “July” reported as past" in later.note
    assert [d.article for d in later.inferred] == ["rtr"]
    _, (earlier,) = compare_figures(items, canonical_entities(items), {"rtr": _inferred("rtr", None, dt.date(2030, 9, 1))})
    assert earlier.verdict == "update" and "newer report AFP (2030-09-20) gives a lower value" in earlier.note


def test_reconcile_undated_report_whose_inferred_date_holds_the_other_stays_unknown_and_says_what_is_missing():
    items = [fighters("afp", "around 300", 300, 300, OCT, approx=True), fighters("rtr", "700", 700, 700, None)]
    inferred = {"rtr": _inferred("rtr", dt.date(2030, 7, 1), dt.date(2030, 11, 15))}
    _, (comparison,) = compare_figures(items, canonical_entities(items), inferred)
    assert comparison.verdict == "unknown" and comparison.inferred == (inferred["rtr"],)
    note = comparison.note
    assert note.startswith("values differ, and the dates cannot order them: RTR is undated, "
                           "written 2030-07-01 – 2030-11-15 by inference")
    assert "which holds AFP's 2030-10-16; missing: a publication date for RTR, or a date its text reports after " \
           "2030-10-16" in note
    assert "If RTR is the older report, this is an update to a lower value" in note
    assert "around 300" in note and "700" in note


def test_reconcile_values_that_agree_carry_no_inferred_date():
    items = [fighters("a", "around 300", 300, 300, OCT, approx=True), fighters("b", "310", 310, 310, None)]
    _, (comparison,) = compare_figures(items, canonical_entities(items), {"b": _inferred("b", SEP, None)})
    assert comparison.verdict == "agree" and comparison.inferred == ()


def _with_copies(items, copies):
    return compare_figures(items, canonical_entities(items), None, copies)[1]


def test_reconcile_a_copy_and_its_original_are_one_source():
    wire, copy = fighters("wire", "300", 300, 300, OCT), fighters("copy", "310", 310, 310, OCT)
    assert [c.verdict for c in run([wire, copy])[1]] == ["conflict"]  # two reports, unknown to be one
    # a copy that changed its original's figure is what a fact-checker looks for: still compared, and said
    (edited,) = _with_copies([wire, copy], {"copy": "wire"})
    assert edited.verdict == "conflict" and edited.note.startswith(
        "values differ on the same date: a copy edits the figure of the report it republishes (one source)")
    third = fighters("third", "about 300", 300, 300, OCT, approx=True)
    edited, *agreed = sorted(_with_copies([wire, copy, third], {"copy": "wire"}), key=lambda c: c.verdict != "conflict")
    assert edited.verdict == "conflict" and "copy of WIRE's report" in edited.note
    # "about 300" agrees with the original's 300 and with the copy's 310 (the copy's own source is the original)
    assert [(c.verdict, c.figures) for c in agreed] == [("agree", ("copy:f1", "third:f1")),
                                                        ("agree", ("third:f1", "wire:f1"))]
    # a copy that agrees with its original is no comparison: one source says it once
    assert _with_copies([wire, fighters("copy", "300", 300, 300, OCT)], {"copy": "wire"}) == []
    (agreed,) = _with_copies([wire, fighters("copy", "300", 300, 300, OCT), third], {"copy": "wire"})
    assert agreed.verdict == "agree" and "2 independent sources of 3 reports" in agreed.note


def _mention(text: str, name: str, label: str = "GPE") -> Mention:
    return Mention(*at(text, name), name, label)


def test_reconcile_reports_that_agree_within_differing_figures_are_compared_apart():
    items = [_counted("a", "Hundreds of people are feared dead in the quake.", "Hundreds", 300, "people", "die", SEP),
             _counted("b", "Up to 200,000 people have died in the quake.", "200,000", 200_000, "people", "die"),
             _counted("c", "As many as 200,000 people died in the quake.", "200,000", 200_000, "people", "die")]
    _, comparisons = run(items)
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f1", "b:f1", "c:f1"), "update"),
                                                             (("b:f1", "c:f1"), "agree")}


def test_reconcile_a_figure_is_placed_where_it_is_counted_and_places_hold_one_another():
    a = "The quake killed 200 people in Port-au-Prince, Haiti."
    b = "Officials said 210 people were killed in Haiti."
    c = "The quake killed 230 people, and the wounded were evacuated to the US."
    items = [_counted("a", a, "200", 200, "people", "die", SEP, (_mention(a, "Port-au-Prince"), _mention(a, "Haiti"))),
             _counted("b", b, "210", 210, "people", "die", SEP, (_mention(b, "Haiti"),)),
             _counted("c", c, "230", 230, "people", "die", OCT, (_mention(c, "US"),))]
    _, comparisons = run(items)
    # Port-au-Prince is in Haiti (as report a names it); c says where the wounded went, not where people died;
    # a and b, of one day, differ: a conflict of their own within the series
    assert [(c.figures, c.verdict) for c in comparisons if c.verdict != "agree"] == [
        (("a:f1", "b:f1"), "conflict"), (("a:f1", "b:f1", "c:f1"), "update")]


def test_reconcile_an_unsaid_place_fits_no_named_one_where_the_story_counts_the_thing_in_places_apart():
    a = "So far 848 cases have been confirmed in England."
    b = "So far 337 cases have been confirmed in Scotland."
    c = "The WHO has confirmed 70,893 cases so far."
    d = "The WHO has confirmed 59,814 cases so far."
    items = [_counted("a", a, "848", 848, "case", "confirm", OCT, (_mention(a, "England"),)),
             _counted("b", b, "337", 337, "case", "confirm", OCT, (_mention(b, "Scotland"),)),
             _counted("c", c, "70,893", 70_893, "case", "confirm"),
             _counted("d", d, "59,814", 59_814, "case", "confirm", SEP)]
    _, (comparison,) = run(items)
    # England and Scotland hold neither one another: the WHO's counts may be of any place, so only they compare
    assert comparison.figures == ("c:f1", "d:f1") and comparison.verdict == "update"


def test_reconcile_a_count_added_to_a_total_is_compared_only_with_another():
    items = [_counted("a", "Another 25 cases have been confirmed.", "25", 25, "case", "confirm"),
             _counted("b", "In all 848 cases have been confirmed.", "848", 848, "case", "confirm"),
             _counted("c", "There are 26 more cases.", "26", 26, "case", "confirm", SEP),
             _counted("d", "In all 790 cases have been confirmed.", "790", 790, "case", "confirm", SEP)]
    _, comparisons = run(items)
    assert sorted(c.figures for c in comparisons) == [("a:f1", "c:f1"), ("b:f1", "d:f1")]


def test_reconcile_a_later_count_below_a_running_total_is_another_quantity():
    june, year_on = dt.date(2030, 6, 12), dt.date(2031, 6, 13)
    items = [_counted("a", "More than 1,000 people have been killed since March.", "1,000", 1000, "people", "die", june),
             _counted("b", "At least 12 people died in attacks on the town.", "12", 12, "people", "die", year_on),
             _counted("c", "About 9,000 people have been killed since March.", "9,000", 9000, "people", "die", year_on)]
    _, (comparison,) = run(items)
    # a total only grows: 12 a year on counts one attack, not the total
    assert comparison.figures == ("a:f1", "c:f1") and comparison.verdict == "update"


def test_reconcile_a_place_named_within_another_holds_it():
    a = "About 5 million barrels spilled in the Gulf of Mexico."
    b = "Some 4.9 million barrels spilled in the Gulf."
    c = "Some 300 barrels spilled in Mexico."
    items = [_counted("a", a, "5 million", 5e6, "barrel", "spill", mentions=(_mention(a, "Gulf of Mexico", "LOC"),)),
             _counted("b", b, "4.9 million", 4.9e6, "barrel", "spill", mentions=(_mention(b, "Gulf", "LOC"),)),
             _counted("c", c, "300", 300, "barrel", "spill", SEP, (_mention(c, "Mexico"),))]
    _, comparisons = run(items)
    assert [c.figures for c in comparisons] == [("a:f1", "b:f1")]


def test_reconcile_a_figure_that_fits_two_groups_joins_the_one_framed_like_it():
    items = [_counted("a", "A blast killed 15 people at the refinery in 2005.", "15", 15, "people", "die"),
             _counted("b", "The rig blowout has killed 11 people so far.", "11", 11, "people", "die"),
             _counted("c", "The rig blowout killed 11 people.", "11", 11, "people", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("b:f1", "c:f1") and comparison.verdict == "agree"


def test_reconcile_one_days_counts_of_reports_weeks_apart_and_yearly_rates_are_other_quantities():
    items = [_counted("a", "At least 40 people were killed on Wednesday.", "40", 40, "people", "die"),
             _counted("b", "Some 11 people were killed on Wednesday.", "11", 11, "people", "die", SEP),
             _counted("c", "Flu kills 36,000 people in an average year.", "36,000", 36_000, "people", "die", SEP)]
    assert run(items)[1] == []


def test_reconcile_one_days_count_fits_no_count_of_a_report_weeks_apart_whatever_its_time():
    items = [_counted("a", "A bomb attack killed one soldier on Thursday.", "one", 1, "soldier", "die"),
             _counted("b", "Rebels killed nine soldiers in an attack on a bus.", "nine", 9, "soldier", "die", SEP),
             _counted("c", "Rebels killed two soldiers in an attack on a bus.", "two", 2, "soldier", "die",
                      SEP + dt.timedelta(days=1))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("b:f1", "c:f1") and comparison.verdict == "update"


def test_reconcile_a_count_in_the_perfect_is_a_running_total_not_one_days():
    items = [_counted("a", "The crackdown has killed 3,000 people.", "3,000", 3000, "people", "die"),
             _counted("b", "At least 40 people were killed on Wednesday.", "40", 40, "people", "die"),
             _counted("c", "More than 2,700 people have been killed since March.", "2,700", 2700, "people", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1") and comparison.verdict == "update"


def test_reconcile_a_count_that_may_happen_is_never_compared_with_what_did():
    items = [_counted("a", "Some 300 people died in the quake.", "300", 300, "people", "die"),
             _counted("b", "Some 500 people could die if the flights stop.", "500", 500, "people", "die"),
             _counted("e", "Some 600 people could be killed if the flights stop.", "600", 600, "people", "die", SEP),
             _counted("c", "About 320 people died in the quake.", "320", 320, "people", "die", SEP),
             _counted("d", "Up to 350 people may have died in the quake.", "350", 350, "people", "die", SEP)]
    _, comparisons = run(items)
    # what may happen, active or passive, fits only what may happen, framed alike: the same scenario
    assert sorted(c.figures for c in comparisons) == [("a:f1", "c:f1", "d:f1"), ("b:f1", "e:f1"),
                                                      ("c:f1", "d:f1")]  # c and d, of one day, differ


def test_reconcile_a_yearly_rate_never_fits_an_unsaid_time():
    items = [_counted("a", "Flu kills 36,000 people in an average year.", "36,000", 36_000, "people", "die"),
             _counted("b", "Nine people died of the new flu.", "Nine", 9, "people", "die", SEP)]
    assert run(items)[1] == []


def test_reconcile_a_figure_that_says_nothing_of_when_or_where_joins_only_a_group_framed_with_a_shared_word():
    a = "The flu has killed 150 people in Mexico."
    items = [_counted("a", a, "150", 150, "people", "die", OCT, (_mention(a, "Mexico"),)),
             _counted("b", "About 60 people die on the trains.", "60", 60, "people", "die"),
             _counted("c", "The flu killed 160 people.", "160", 160, "people", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1")


def test_reconcile_two_figures_of_one_sentence_are_two_quantities():
    a = "Anadarko owns 25 percent and Mitsui owns 10 percent of the well."
    b = "Anadarko owns 25 percent and Mitsui owns 10 percent of the well, filings show."
    items = [item("a", a, [fig(a, "25 percent", 25, 25, None, unit="percent"),
                           fig(a, "10 percent", 10, 10, None, unit="percent")], OCT),
             item("b", b, [fig(b, "25 percent", 25, 25, None, unit="percent"),
                           fig(b, "10 percent", 10, 10, None, unit="percent")], SEP)]
    _, comparisons = run(items)
    # each share is compared with its like in the other report, never with the other share beside it
    assert sorted((c.figures, c.verdict) for c in comparisons) == [(("a:f1", "b:f1"), "agree"),
                                                                   (("a:f2", "b:f2"), "agree")]


def test_reconcile_a_place_that_opens_the_sentence_as_its_subject_places_the_count():
    a = "Currently, Mexico has reported 108 deaths."
    b = "The WHO has confirmed 141 deaths so far."
    c = "In England 3 deaths have been confirmed."
    d = "The WHO has confirmed 122 deaths so far."
    items = [_counted("a", a, "108", 108, "death", "confirm", OCT, (_mention(a, "Mexico"),)),
             _counted("b", b, "141", 141, "death", "confirm"),
             _counted("c", c, "3", 3, "death", "confirm", OCT, (_mention(c, "England"),)),
             _counted("d", d, "122", 122, "death", "confirm", SEP)]
    _, (comparison,) = run(items)
    # Mexico and England count apart: the WHO's unplaced counts compare with each other only
    assert comparison.figures == ("b:f1", "d:f1")
    # the body that acts for a place places the count as the place does
    a = "The United States has frozen $30 billion in assets."
    b = "The government of Canada has frozen $2.3 billion in assets."
    items = [_counted("a", a, "$30 billion", 30e9, "asset", "freeze", OCT, (_mention(a, "United States"),)),
             _counted("b", b, "$2.3 billion", 2.3e9, "asset", "freeze", OCT, (_mention(b, "Canada"),))]
    assert run(items)[1] == []


def test_reconcile_counts_of_two_named_days_and_of_another_year_are_other_quantities():
    sat, sun = dt.date(2030, 6, 15), dt.date(2030, 6, 16)
    a, b = "The cap collected 15,000 barrels on Friday.", "The cap collected 15,800 barrels on Saturday."
    c, d = "The cap collected 14,900 barrels on Friday.", "A blast killed 15 workers at the refinery in 2005."
    items = [_counted("a", a, "15,000", 15_000, "barrel", "collect", sat),
             _counted("b", b, "15,800", 15_800, "barrel", "collect", sun),
             _counted("c", c, "14,900", 14_900, "barrel", "collect", sun),
             _counted("d", d, "15", 15, "worker", "die", sat), _counted("e", "The blast killed 11 workers.", "11", 11, "worker", "die", sun)]
    resolved = {"a": ("Friday", "2030-06-14"), "b": ("Saturday", "2030-06-15"), "c": ("Friday", "2030-06-14")}
    items = [(article, dataclasses.replace(analysis, times=(TimeRef(*at(article.text, resolved[article.id][0]),
                                                                    *resolved[article.id], "day", False),)))
             if article.id in resolved else (article, analysis) for article, analysis in items]
    _, (comparison,) = run(items)
    # Friday's counts compare; Saturday's is another day's; 2005's dead are no count of this blast
    assert comparison.figures == ("a:f1", "c:f1")


def test_reconcile_orders_of_magnitude_of_one_order_agree():
    items = [_counted("a", "Hundreds of fans lined the street outside the court.", "Hundreds", 200, "fan", "gather"),
             _counted("b", "Hundreds of fans gathered outside the court.", "Hundreds", 200, "fan", "gather", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "agree"


def test_reconcile_orders_of_magnitude_apart_alone_are_never_compared():
    items = [_counted("a", "Thousands of people have died in the quake.", "Thousands", 2000, "people", "die"),
             _counted("b", "Hundreds of people have died in the quake.", "Hundreds", 200, "people", "die", SEP)]
    assert run(items)[1] == []  # "thousands" against "hundreds" checks nothing
    items.append(_counted("c", "Up to 200,000 people have died in the quake.", "Up to 200,000", 200_000, "people", "die",
                          dt.date(2030, 11, 2)))
    assert [c.verdict for c in run(items)[1]][0] == "update"


def test_reconcile_a_sites_line_atop_reports_that_go_on_differently_is_no_figure_of_theirs():
    line = "2 men charged in the death of a teen .\n"
    a, b = line + "Some 300 people were killed in the old town.", line + "About 320 people were killed in the old town."
    items = [item("a", a, [fig(a, "2", 2, 2, "man"), fig(a, "300", 300, 300, "people", approx=True)], OCT),
             item("b", b, [fig(b, "2", 2, 2, "man"), fig(b, "320", 320, 320, "people", approx=True)], SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f2", "b:f2")  # the site's "2 men" is compared in neither


def test_reconcile_the_month_may_is_no_modal():
    items = [_counted("a", "A ban came in May following the blast that killed 11 workers.", "11", 11, "worker", "die"),
             _counted("b", "The blast killed 11 workers on the rig.", "11", 11, "worker", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "agree"


def test_reconcile_counts_ten_thousand_times_apart_and_a_year_before_1950_are_other_quantities():
    items = [_counted("a", "The flu has killed up to 149 people.", "149", 149, "people", "die"),
             _counted("b", "The flu has killed up to 160 people.", "160", 160, "people", "die"),
             _counted("c", "The flu has killed 40 million people.", "40 million", 40e6, "people", "die"),
             _counted("d", "The flu of 1918 has killed 50 million people.", "50 million", 50e6, "people", "die")]
    _, (comparison,) = run(items)
    # this week's toll is no count of a pandemic's; 1918 is another year, so d fits neither
    assert comparison.figures == ("a:f1", "b:f1")


def test_reconcile_a_count_in_the_future_passive_is_what_may_happen():
    items = [_counted("a", "Thousands of people will be killed if NATO attacks, he warned.", "Thousands", 2000,
                      "people", "die"),
             _counted("b", "More than 1,000 people have been killed in the fighting.", "1,000", 1000, "people", "die")]
    assert run(items)[1] == []  # a threat counts no dead


def test_reconcile_a_future_count_is_what_may_happen():
    items = [_counted("a", "A second vessel will add up to 10,000 barrels of capacity.", "10,000", 10000, "barrel",
                      "add"),
             _counted("b", "The rig added 25,000 barrels of capacity last month.", "25,000", 25000, "barrel", "add")]
    assert run(items)[1] == []
    # the noun is no future: "against the will of" a body says nothing of when
    noun = _counted("c", "Against the will of the council, the rig added 25,000 barrels of capacity.", "25,000",
                    25000, "barrel", "add", SEP)
    assert [c.figures for c in run([items[1], noun])[1]] == [("b:f1", "c:f1")]


def test_reconcile_an_estimate_since_revised_is_no_conflict_with_the_new_one():
    newer = _counted("b", "Scientists now say that 40,000 barrels were gushing out.", "40,000", 40000, "barrel",
                     "spill")
    revised = _counted("a", "Initial estimates suggested that 5,000 barrels were gushing out.", "5,000", 5000,
                       "barrel", "spill")
    assert run([revised, newer])[1] == []
    # the same value not told as an earlier estimate is a conflict of the same day
    current = _counted("a", "Officials now say that 5,000 barrels were gushing out.", "5,000", 5000, "barrel", "spill")
    assert [c.verdict for c in run([current, newer])[1]] == ["conflict"]


def test_reconcile_a_total_and_one_days_count_never_compare():
    items = [_counted("a", "The total amount of oil spilled into the Gulf is 4.9 million barrels.", "4.9 million",
                      4.9e6, "barrel", None),
             _counted("b", "The oil spilled into the Gulf was 15,420 barrels on Monday.", "15,420", 15420, "barrel",
                      None)]
    assert run(items)[1] == []


def test_reconcile_a_later_running_total_under_half_of_one_counts_something_else():
    items = [_counted("a", "More than 1,000 people have been killed in the fighting.", "1,000", 1000, "people", "die",
                      SEP),
             _counted("b", "At least 15 people have been killed in the city.", "15", 15, "people", "die"),
             _counted("c", "About 2,000 people have been killed in the fighting.", "2,000", 2000, "people", "die")]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1") and comparison.verdict == "update"  # 15 is one city's dead


def test_reconcile_a_figure_is_placed_by_its_own_clause_or_by_a_label():
    a = "The flu killed people only in Mexico, but there were 40 confirmed cases in the United States."
    b = "United States: 91 confirmed cases."
    c = "Mexico: 20 confirmed cases."
    items = [_counted(aid, text, surface, value, "case", "confirm", published,
                      mentions=tuple(_mention(text, n) for n in names))
             for aid, text, surface, value, published, names in (
                 ("a", a, "40", 40, SEP, ("Mexico", "United States")), ("b", b, "91", 91, OCT, ("United States",)),
                 ("c", c, "20", 20, OCT, ("Mexico",)))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "update"  # Mexico's 20 is apart


def test_reconcile_a_plan_or_a_target_is_what_may_happen():
    items = [_counted("a", "The cap is capturing about 15,000 barrels a day.", "15,000", 15_000, "barrel", "capture"),
             _counted("b", "BP plans to capture 40,000 barrels a day.", "40,000", 40_000, "barrel", "capture"),
             _counted("c", "BP can capture 50,000 barrels by the end of this month.", "50,000", 50_000, "barrel",
                      "capture"),
             _counted("d", "The cap is capturing 15,000 barrels a day.", "15,000", 15_000, "barrel", "capture"),
             _counted("e", "The new cap is intended to capture 28,000 barrels a day.", "28,000", 28_000, "barrel",
                      "capture")]
    _, comparisons = run(items)
    # what BP plans, intends or can do by a date is no count of what it does (plans are compared with plans)
    assert ("a:f1", "d:f1") in {c.figures for c in comparisons}
    assert not any({"a:f1", "e:f1"} <= set(c.figures) or {"a:f1", "b:f1"} <= set(c.figures) for c in comparisons)


def test_reconcile_plans_framed_alike_are_one_plan_and_no_count_of_what_was_done():
    items = [_counted("a", "Authorities have announced plans to house 400,000 survivors in tented villages outside the "
                           "capital.", "400,000", 400_000, "survivor", "house"),
             _counted("b", "Plans are being made to house 400,000 survivors in new tented villages outside the "
                           "capital.", "400,000", 400_000, "survivor", "house", SEP),
             _counted("c", "So far 40,000 survivors have been housed in tented villages outside the capital.", "40,000",
                      40_000, "survivor", "house", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "agree"


def test_reconcile_a_count_advised_or_asked_for_is_no_count_of_what_was_done():
    items = [_counted("a", "The firm rejected the recommendation to use 21 clamps on the well.", "21", 21, "clamp",
                      "use"),
             _counted("b", "The firm went with the cheapest option of using just six clamps.", "six", 6, "clamp", "use"),
             _counted("c", "Why use only six clamps, when 21 were recommended?", "six", 6, "clamp", "use", SEP)]
    _, comparisons = run(items)
    assert [c.verdict for c in comparisons if "a:f1" in c.figures] == []


def test_reconcile_counts_of_what_an_owner_has_are_scoped_by_the_owner():
    a, b = "The Jordanian army said three of its peacekeepers died.", "China said eight of its peacekeepers died."
    c = "China said nine of its peacekeepers died."
    items = [_counted("a", a, "three", 3, "peacekeeper", "die", mentions=(_mention(a, "Jordanian", "NORP"),)),
             _counted("b", b, "eight", 8, "peacekeeper", "die", mentions=(_mention(b, "China"),)),
             _counted("c", c, "nine", 9, "peacekeeper", "die", SEP, mentions=(_mention(c, "China"),))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("b:f1", "c:f1")  # Jordan's dead are not China's


def test_reconcile_a_separate_one_of_its_kind_is_another_quantity():
    items = [_counted("a", "BP set up a $20 billion fund for victims.", "$20 billion", 20e9, "fund", "set"),
             _counted("b", "BP set up a separate $100 million fund for victims.", "$100 million", 1e8, "fund",
                      "set", SEP),
             _counted("c", "BP set up the $20 billion fund.", "$20 billion", 20e9, "fund", "set", SEP)]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1") and comparison.verdict == "agree"


def test_reconcile_a_count_in_places_listed_together_is_no_count_of_one_of_them():
    a = "The WFP will feed 2.7 million people in Libya, Egypt and Tunisia."
    b = "Italy will feed 10,000 people in Libya."
    c = "The WFP will feed 2.5 million people in Libya, Egypt and Tunisia."
    items = [_counted("a", a, "2.7 million", 2.7e6, "people", "feed", mentions=tuple(
                 _mention(a, n) for n in ("Libya", "Egypt", "Tunisia"))),
             _counted("b", b, "10,000", 10_000, "people", "feed", mentions=(_mention(b, "Libya"),)),
             _counted("c", c, "2.5 million", 2.5e6, "people", "feed", SEP, tuple(
                 _mention(c, n) for n in ("Libya", "Egypt", "Tunisia")))]
    _, comparisons = run(items)
    assert [c.figures for c in comparisons] == [("a:f1", "c:f1")]


def test_reconcile_a_site_s_words_to_the_reader_on_several_pages_are_no_figures_of_the_story():
    widget = "You can comment by typing @Site and then your comment of 140 characters or less."
    a, b = f"Officials said 300 fighters remain. {widget}", f"Some 320 fighters remain in the town. {widget}"
    items = [item("a", a, [fig(a, "300", 300, 300, "fighter"), fig(a, "140", 140, 140, "character")], OCT,
                  outlet="site"),
             item("b", b, [fig(b, "320", 320, 320, "fighter"), fig(b, "140", 140, 140, "character")], SEP,
                  outlet="site")]
    _, comparisons = run(items)
    assert [c.figures for c in comparisons] == [("a:f1", "b:f1")]  # the fighters, not the widget's limit
    # said once, or inside a quote, the words are the report's
    c = f"Some 320 fighters remain in the town. {widget.replace('140', '150')}"
    _, comparisons = run([items[0], item("c", c, [fig(c, "320", 320, 320, "fighter"),
                                                  fig(c, "150", 150, 150, "character")], SEP, outlet="site")])
    assert sorted(c.figures for c in comparisons) == [("a:f1", "c:f1"), ("a:f2", "c:f2")]
    # inside a direct quote the analysis found, the words are someone's, said on both pages
    said = "You can have 140 characters or less, he said."
    quoted = []
    for aid, lead in (("d", "Officials said 300 fighters remain. "), ("e", "Some 320 fighters remain in the town. ")):
        t = lead + said
        art, an = item(aid, t, [fig(t, "140", 140, 140, "character")], OCT, outlet="site")
        words = "You can have 140 characters or less"
        quoted.append((art, dataclasses.replace(an, quotes=(Quote(*at(t, words), words, True, "he"),))))
    assert [c.figures for c in run(quoted)[1]] == [("d:f1", "e:f1")]


def test_reconcile_a_sentence_s_subject_place_does_not_place_a_figure_of_its_relative_clause():
    a = "Chile has sent aid after the quake, which killed as many as 200,000 people."
    b = "Tens of thousands of people died in the quake."
    items = [item("a", a, [fig(a, "as many as 200,000", 100_000, 200_000, "people", approx=True)], OCT,
                  mentions=(_mention(a, "Chile"),)),
             item("b", b, [fig(b, "Tens of thousands", 20_000, 99_999, "people", approx=True)], SEP)]
    items = [(art, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, predicate="die")
                                                         for f in an.figures))) for art, an in items]
    _, (comparison,) = run(items)
    # a range the text gives is not widened again: 20,000-99,999 and 100,000-200,000 differ
    assert comparison.figures == ("a:f1", "b:f1") and comparison.verdict == "update"


def test_reconcile_a_market_s_close_is_that_day_s_move():
    items = [_counted("a", "In London, BP shares closed down 9.3 percent.", "9.3 percent", 9.3, "percent", "close",
                      dt.date(2030, 10, 13)),
             _counted("b", "BP shares closed up almost 7 percent.", "7 percent", 7, "percent", "close",
                      dt.date(2030, 10, 16)),
             _counted("c", "BP shares closed down 9.3 percent in London.", "9.3 percent", 9.3, "percent", "close",
                      dt.date(2030, 10, 13))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1")  # the 13th's move, twice; the 16th's is another day's


def test_reconcile_a_figure_named_figure_and_a_forecast_with_should_are_not_compared():
    items = [_counted("a", "The $20 billion figure is roughly equal to its profits.", "$20 billion", 20e9, "figure",
                      "equal"),
             _counted("b", "The $20 billion figure is roughly its yearly profit.", "$20 billion", 20e9, "figure",
                      "equal", SEP),
             _counted("c", "More than half of the leaking oil is now being captured.", "More than half", 50, "percent",
                      "capture"),
             _counted("d", "These efforts should capture up to 90 percent of the leaking oil.", "up to 90 percent", 90,
                      "percent", "capture", SEP)]
    assert run(items)[1] == []


def test_reconcile_impressions_of_one_order_with_a_predicate_unsaid_are_not_weighed():
    items = [_counted("a", "Millions of gallons of oil that gushed into the Gulf are an epidemic.", "Millions", 2e6,
                      "gallon", None),
             _counted("b", "Millions of gallons of oil have already been removed from the Gulf.", "Millions", 2e6,
                      "gallon", "remove", SEP)]
    assert run(items)[1] == []


def test_reconcile_a_running_total_past_an_earlier_bound_is_an_update():
    a = "The UN says more than 2,700 people have been killed since March."
    b = "The UN says the crackdown has killed 3,000 people so far."
    c = "More than 2,700 people have been killed since March, the UN says."
    items = [item("a", a, [dataclasses.replace(fig(a, "more than 2,700", 2700, 4050, "people", approx=True),
                                               predicate="die")], SEP),
             item("b", b, [dataclasses.replace(fig(b, "3,000", 3000, 3000, "people"), predicate="die")], OCT),
             item("c", c, [dataclasses.replace(fig(c, "More than 2,700", 2700, 4050, "people", approx=True),
                                               predicate="die")], SEP)]
    _, comparisons = run(items)
    # 3,000 is more than 2,700, but a total grows: the later report's toll supersedes
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f1", "b:f1", "c:f1"), "update"),
                                                             (("a:f1", "c:f1"), "agree")}


def test_reconcile_bounds_of_one_day_agree_where_their_ranges_meet():
    a = "The crackdown has cost more than 400 lives so far, rights groups say."
    b = "Rights groups say the upheaval has cost over 450 lives so far."
    items = [item("a", a, [dataclasses.replace(fig(a, "more than 400", 400, 600, "life", approx=True),
                                               predicate="cost")], OCT),
             item("b", b, [dataclasses.replace(fig(b, "over 450", 450, 675, "life", approx=True),
                                               predicate="cost")], OCT)]
    _, (comparison,) = run(items)
    assert comparison.verdict == "agree"  # the same day: "more than 400" and "over 450" are consistent


def test_reconcile_a_place_s_relative_clause_places_its_figure():
    a = "Tanks poured into Deraa, where an activist said 18 people were killed."
    b = "In Douma, 25 people were killed, an activist said."
    c = "Officials said 20 people were killed in Douma."
    items = [item(n, t, [dataclasses.replace(fig(t, v, int(v), int(v), "people"), predicate="die")], OCT,
                  mentions=(_mention(t, p),)) for n, t, v, p in (("a", a, "18", "Deraa"), ("b", b, "25", "Douma"),
                                                                  ("c", c, "20", "Douma"))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("b:f1", "c:f1")  # Deraa's 18 is counted in Deraa


def test_reconcile_a_total_since_an_earlier_year_and_a_rate_over_years_are_not_the_story_s_count():
    items = [_counted("a", "The flu virus has now spread to nine countries worldwide.", "nine", 9, "country", "in"),
             _counted("b", "Bird flu virus has spread to 15 countries worldwide since 2003.", "15", 15, "country", "in",
                      SEP),
             _counted("d", "Every 30-40 years a flu pandemic kills hundreds of thousands of people worldwide.",
                      "hundreds of thousands", 200_000, "people", "die", SEP),
             _counted("e", "The flu pandemic has killed up to 160 people worldwide.", "up to 160", 160, "people",
                      "die")]
    assert run(items)[1] == []  # bird flu's 15 countries since 2003, and pandemics' toll, are not this outbreak's


def test_reconcile_a_day_outside_the_figure_s_relative_clause_is_not_its_day():
    items = [_counted("a", "Ministers meet on Thursday to discuss the outbreak, which has killed 150 people.", "150",
                      150, "people", "die", SEP),
             _counted("b", "The outbreak has killed 160 people so far.", "160", 160, "people", "die")]
    _, (comparison,) = run(items)
    assert comparison.verdict == "update"  # Thursday is the meeting's: both are the running toll


def test_reconcile_every_two_reports_that_agree_are_in_one_agreeing_set():
    items = [_counted("a", "The spill dumped an estimated 4.9 million barrels into the Gulf.", "4.9 million", 4.9e6,
                      "barrel", "spill", SEP),
             _counted("b", "The well leaked 2.1 million barrels into the Gulf.", "2.1 million", 2.1e6, "barrel",
                      "spill"),
             _counted("c", "The well leaked millions of barrels into the Gulf.", "millions", 2e6, "barrel", "spill")]
    items[2] = (items[2][0], dataclasses.replace(items[2][1], figures=(dataclasses.replace(
        items[2][1].figures[0], low=2e6, high=9_999_999, approx=True),)))
    _, comparisons = run(items)
    # "millions" agrees with 2.1 million and with 4.9 million: each pair in a set of its own
    assert {(c.figures, c.verdict) for c in comparisons if c.verdict == "agree"} == {
        (("b:f1", "c:f1"), "agree"), (("a:f1", "c:f1"), "agree")}


def test_reconcile_a_place_tallying_a_figure_places_it():
    a = "With the UK confirming two cases, the alert level was raised."
    b = "Officials said 26 cases had been confirmed in Mexico."
    c = "The UK has now confirmed three cases."
    items = [item(n, t, [dataclasses.replace(fig(t, v, w, w, "case"), predicate="confirm")], d,
                  mentions=(_mention(t, p),)) for n, t, v, w, p, d in (("a", a, "two", 2, "UK", SEP),
                                                                      ("b", b, "26", 26, "Mexico", OCT),
                                                                      ("c", c, "three", 3, "UK", OCT))]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "c:f1")  # the UK's cases, not Mexico's


def test_reconcile_a_scope_left_unsaid_is_read_from_the_figure_s_sentence():
    items = [_counted("a", "Officials counted 400,000 earthquake survivors in the camps.", "400,000", 400_000,
                      "earthquake survivor", "shelter"),
             _counted("b", "After the earthquake, officials counted 400,000 survivors in the camps.", "400,000",
                      400_000, "survivor", "shelter")]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")  # not another scope


def test_reconcile_a_count_of_the_dead_that_names_no_noun_counts_people():
    a = "The president says tens of thousands may have been killed in the quake."
    items = [item("a", a, [dataclasses.replace(fig(a, "tens of thousands", 20_000, 99_999, None, approx=True),
                                               predicate="die")], OCT),
             _counted("b", "Officials said 50,000 people were killed in the quake.", "50,000", 50_000, "people", "die")]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_value_the_text_says_changed_is_an_earlier_one():
    a = "The flow rate of 5,000 barrels a day increased last week to 12,000 barrels."
    b = "The well is leaking 12,500 barrels a day, officials say."
    rate = {"predicate": "spill", "per": "day"}
    items = [item("a", a, [dataclasses.replace(fig(a, "5,000", 5_000, 5_000, "barrel"), **rate),
                           dataclasses.replace(fig(a, "12,000", 12_000, 12_000, "barrel"), **rate)], OCT),
             item("b", b, [dataclasses.replace(fig(b, "12,500", 12_500, 12_500, "barrel", approx=True), **rate)],
                  OCT)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f2", "b:f1"), "agree")  # 5,000 was the old rate


def test_reconcile_what_may_happen_to_one_named_whole_is_compared():
    a = "A third of the world's population could be infected, expert projections suggest."
    b = "An official predicted up to a third of the world's population could eventually become infected."
    items = [item("a", a, [dataclasses.replace(fig(a, "A third", 100 / 3, 100 / 3, "percent of population",
                                                   unit="percent"), predicate="infect")], OCT),
             item("b", b, [dataclasses.replace(fig(b, "up to a third", 100 / 6, 100 / 3, "percent of population",
                                                   unit="percent", approx=True), predicate="infect")], SEP)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_rate_of_what_happened_is_compared_though_its_sentence_says_nothing_else():
    a = "Some 1,000 barrels of oil a day are leaking into the sea, officials say."
    b = "Scientists now estimate the flow at 12,000 barrels daily."
    rate = {"predicate": "spill", "per": "day"}
    items = [item("a", a, [dataclasses.replace(fig(a, "Some 1,000", 1_000, 1_000, "barrel", approx=True), **rate)],
                  SEP),
             item("b", b, [dataclasses.replace(fig(b, "12,000", 12_000, 12_000, "barrel"), **rate)], OCT)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "update")


def test_reconcile_a_place_opening_an_in_which_clause_places_its_figure():
    a = "Tanks shelled Houla, in which 108 people were killed."
    b = "Car bombs have killed 55 people in Damascus."
    items = [_counted("a", a, "108", 108, "people", "die", mentions=(_mention(a, "Houla"),)),
             _counted("b", b, "55", 55, "people", "die", mentions=(_mention(b, "Damascus"),))]
    assert run(items)[1] == []  # Houla's dead are not Damascus's


def test_reconcile_the_very_same_figure_told_around_other_verbs_is_one_figure():
    items = [_counted("a", "BP agreed to set up a $20 billion fund for damage claims.", "$20 billion", 20e9, "fund",
                      "set"),
             _counted("b", "The administrator of a $20 billion fund said claims were paid.", "$20 billion", 20e9,
                      "fund", "pay", SEP),
             _counted("c", "Jackson's three children will not attend the trial.", "three", 3, "child", "attend"),
             _counted("d", "The mother sued on behalf of the three children.", "three", 3, "child", "sue", SEP),
             _counted("e", "Police said 12 people were killed in the blast.", "12", 12, "people", "die"),
             _counted("f", "Police said 12 people were injured in the blast.", "12", 12, "people", "injure")]
    items = [(a, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, unit="USD" if "$" in f.text else None)
                                                      for f in an.figures))) for a, an in items]
    _, (comparison,) = run(items)
    # the fund's size is one figure; three children, or 12 killed and 12 injured, may be two counts
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_rate_restated_in_another_unit_is_no_second_figure():
    a = "The well is gushing 35,000 to 60,000 barrels a day (1.5 million to 2.5 million gallons)."
    b = "The spill has dumped 2 million gallons into the gulf."
    items = [item("a", a, [dataclasses.replace(fig(a, "35,000 to 60,000", 35_000, 60_000, "barrel"), predicate="spill",
                                               per="day"),
                           dataclasses.replace(fig(a, "1.5 million to 2.5 million", 1.5e6, 2.5e6, "gallon"),
                                               predicate="spill")], OCT),
             _counted("b", b, "2 million", 2e6, "gallon", "spill")]
    assert run(items)[1] == []  # the gallons restate the rate: no count of the spill to set beside 2 million


def test_reconcile_an_unsaid_place_is_the_story_s_own_where_it_counts_the_thing_most_there():
    a = "More than 9,000 people have been killed in Syria."
    b = "At least 1,100 people have died so far."
    c = "At least 55 people have been killed in Damascus."
    d = "More than 7,500 people have been killed in Syria."
    items = [_counted("a", a, "9,000", 9000, "people", "die", OCT, (_mention(a, "Syria"),)),
             _counted("b", b, "1,100", 1100, "people", "die", dt.date(2030, 6, 17)),
             _counted("c", c, "55", 55, "people", "die", SEP, (_mention(c, "Damascus"),)),
             _counted("d", d, "7,500", 7500, "people", "die", SEP, (_mention(d, "Syria"),))]
    _, (comparison,) = run(items)
    # Syria, where two reports count the dead, is the story's place: b's toll is Syria's, not Damascus's
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1", "d:f1"), "update")


def test_reconcile_the_day_a_running_total_was_said_is_not_its_day():
    items = [_counted("a", "The WHO said on Tuesday that nearly 13,000 people have been confirmed infected.", "13,000",
                      13_000, "people", "infect"),
             _counted("b", "More than 1,000 people have been infected so far.", "1,000", 1000, "people", "infect", SEP),
             _counted("c", "Officials said on Monday that teams had pulled 10 people alive from the rubble the day "
                           "before.", "10", 10, "people", "rescue"),
             _counted("d", "More than 130 people have been pulled alive from the rubble.", "130", 130, "people",
                      "rescue", SEP)]
    _, (comparison,) = run(items)
    # a's count is up to Tuesday; c's is of the day before Monday, no running total
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "update")


def test_reconcile_a_total_since_the_story_s_own_start_is_its_running_total():
    items = [_counted("a", "The UN says about 9,000 people have died since protests began in March 2030.", "9,000",
                      9000, "people", "die", dt.date(2031, 4, 24)),
             _counted("b", "At least 1,100 people have died so far.", "1,100", 1100, "people", "die")]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "update")


def test_reconcile_what_someone_has_is_one_figure_whatever_the_verb():
    items = [_counted("a", "Jackson's three children will not attend the trial.", "three", 3, "child", "attend"),
             _counted("b", "His mother is the guardian of the singer's three children.", "three", 3, "child", None,
                      SEP)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_qualifier_said_with_the_very_same_value_only_describes_the_thing():
    items = [_counted("a", "BP made a deposit into a $20bn compensation fund.", "$20bn", 20e9, "compensation fund",
                      "make"),
             _counted("b", "BP agreed to set up a $20 billion fund.", "$20 billion", 20e9, "fund", "set", SEP),
             _counted("c", "The money goes into a $20 billion escrow fund.", "$20 billion", 20e9, "escrow fund", "go",
                      SEP)]
    items = [(a, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, unit="USD") for f in an.figures)))
             for a, an in items]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1", "c:f1"), "agree")


def test_reconcile_a_global_tally_is_the_world_s_and_a_confirmed_count_is_the_count():
    c = "Some 45 deaths have been reported in Mexico."
    items = [_counted("a", "The global tally rose to 92 deaths.", "92", 92, "death", None, SEP),
             _counted("b", "The WHO reports some 300 deaths worldwide.", "300", 300, "death", None),
             _counted("c", c, "45", 45, "death", None, SEP, (_mention(c, "Mexico"),)),
             _counted("d", "There have been nearly 30,000 cases globally.", "30,000", 30_000, "case", None, SEP),
             _counted("e", "The WHO reports more than 67,000 confirmed cases worldwide.", "67,000", 67_000,
                      "confirmed case", None)]
    _, comparisons = run(items)
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f1", "b:f1"), "update"),
                                                             (("d:f1", "e:f1"), "update")}


def test_reconcile_what_a_story_told_in_the_past_would_eventually_do_happened():
    items = [_counted("a", "The blast would eventually lead to 4.9 million barrels spilling.", "4.9 million", 4.9e6,
                      "barrel", "spill", SEP),
             _counted("b", "The well spilled 4.9 million barrels in all.", "4.9 million", 4.9e6, "barrel", "spill")]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_comparison_says_why_its_figures_are_one_quantity():
    a = "More than 9,000 people have been killed in Syria."
    items = [_counted("a", a, "9,000", 9000, "people", "die", OCT, (_mention(a, "Syria"),)),
             _counted("b", "At least 1,100 people have died so far.", "1,100", 1100, "people", "die", SEP)]
    _, (comparison,) = run(items)
    assert comparison.basis == ("one quantity: people; what happened: die; time: a total up to the report; "
                                "place: Syria (unsaid in 1 of 2 reports)")


def test_reconcile_a_count_so_far_on_one_day_is_that_day_s_count():
    items = [_counted("a", "Activists say 30 people have been killed so far on Tuesday.", "30", 30, "people", "die",
                      SEP),
             _counted("b", "An estimated 9,000 people have been killed so far.", "9,000", 9000, "people", "die")]
    assert run(items)[1] == []  # one day's dead, not the toll


def test_reconcile_the_year_of_what_a_figure_is_compared_with_is_not_its_own():
    items = [_counted("a", "The well spilled 4.9 million barrels, 19 times more than the tanker spill in 2019.",
                      "4.9 million", 4.9e6, "barrel", "spill"),
             _counted("b", "The well spilled 4.9 million barrels in all.", "4.9 million", 4.9e6, "barrel", "spill",
                      SEP)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_countries_are_counted_in_the_world_not_in_one_of_them():
    a = "The virus first emerged in Mexico and has spread to 74 countries."
    b = "Laboratories confirm the new strain in 46 countries worldwide."
    items = [_counted("a", a, "74", 74, "country", "in", OCT, (_mention(a, "Mexico"),)),
             _counted("b", b, "46", 46, "country", "in", SEP)]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "update")


def test_reconcile_more_qualifiers_said_with_the_very_same_value_only_describe_the_thing():
    items = [_counted("a", "The bank is fulfilling goals of the $700 billion rescue program.", "$700 billion", 700e9,
                      "rescue program", "fulfil"),
             _counted("b", "He now manages a $700 billion financial rescue program.", "$700 billion", 700e9,
                      "financial rescue program", "manage", SEP)]
    items = [(a, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, unit="USD") for f in an.figures)))
             for a, an in items]
    _, (comparison,) = run(items)
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1"), "agree")


def test_reconcile_a_bare_order_agrees_with_any_value_written_in_it():
    items = [_counted("a", "Millions of gallons of oil gushed into the gulf.", "Millions", 2e6, "gallon", "spill"),
             _counted("b", "The well spewed 206 million gallons of oil.", "206 million", 206e6, "gallon", "spill",
                      SEP),
             _counted("c", "Hundreds of people are feared dead in the quake.", "Hundreds", 200, "people", "die", SEP),
             _counted("d", "Up to 200,000 people have died in the quake.", "200,000", 200_000, "people", "die")]
    vague = {"Millions": 9_999_999, "Hundreds": 999}  # the convention's reading of a vague plural
    items = [(a, dataclasses.replace(an, figures=tuple(
        dataclasses.replace(f, high=vague.get(f.text, f.high), approx=f.text in vague) for f in an.figures)))
             for a, an in items]
    _, comparisons = run(items)
    # "millions" is true of 206 million; "hundreds" is not of 200,000, which is thousands: the toll rose
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f1", "b:f1"), "agree"), (("c:f1", "d:f1"), "update")}


def test_reconcile_one_exact_sum_told_of_different_nouns_is_one_figure():
    items = [_counted("a", "BP agreed to set up a $20 billion fund for claims.", "$20 billion", 20e9, "fund", "set"),
             _counted("b", "BP placed $20 billion in an escrow account.", "$20 billion", 20e9, "escrow account",
                      "place", SEP),
             _counted("c", "Claims will be paid from the $20 billion the company set aside.", "$20 billion", 20e9,
                      None, "set", SEP),
             _counted("d", "The firm said 20 percent of its staff would leave.", "20 percent", 20, "staff", "leave"),
             _counted("e", "Turnout fell 20 percent in the city.", "20 percent", 20, "turnout", "fall", SEP)]
    items = [(a, dataclasses.replace(an, figures=tuple(dataclasses.replace(
        f, unit="USD" if "$" in f.text else "percent") for f in an.figures))) for a, an in items]
    _, (comparison,) = run(items)
    # one sum of money, whatever noun each report tells it of; a share recurs by chance
    assert (comparison.figures, comparison.verdict) == (("a:f1", "b:f1", "c:f1"), "agree")


def test_reconcile_a_measure_converted_in_brackets_is_compared_in_its_other_unit_too():
    a = "The well eventually spewed 4.9 million barrels (205.8 million gallons) of oil."
    b = "The spill eventually spewed 206 million gallons of oil from the well."
    c = "The fund of $20bn (£12.5bn) will pay claims."
    d = "A fund of $20bn (£13.6bn) pays claims."
    items = [item("a", a, [dataclasses.replace(fig(a, "4.9 million", 4.9e6, 4.9e6, "barrel"), predicate="spill"),
                           fig(a, "205.8 million", 205.8e6, 205.8e6, "gallon")], OCT),
             _counted("b", b, "206 million", 206e6, "gallon", "spill", SEP),
             item("c", c, [dataclasses.replace(fig(c, "$20bn", 20e9, 20e9, "fund"), unit="USD", predicate="pay"),
                           dataclasses.replace(fig(c, "£12.5bn", 12.5e9, 12.5e9, None), unit="GBP")], OCT),
             item("d", d, [dataclasses.replace(fig(d, "$20bn", 20e9, 20e9, "fund"), unit="USD", predicate="pay"),
                           dataclasses.replace(fig(d, "£13.6bn", 13.6e9, 13.6e9, None), unit="GBP")], SEP)]
    _, comparisons = run(items)
    # the gallons another report gives alone are compared with the conversion, and "206 million", rounded to the
    # million, agrees with 205.8 million; a sum converted at the day's rate of exchange is no figure of its own
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f2", "b:f1"), "agree"), (("c:f1", "d:f1"), "agree")}


def test_reconcile_a_value_rounded_to_fewer_than_three_digits_is_read_as_written():
    items = [_counted("a", "The virus has infected 3 million people so far.", "3 million", 3e6, "people", "infect"),
             _counted("b", "The virus has infected 3.4 million people so far.", "3.4 million", 3.4e6, "people",
                      "infect", SEP),
             _counted("c", "The spill has spewed 206 million gallons so far.", "206 million", 206e6, "gallon", "spill"),
             _counted("d", "The spill has spewed 207.5 million gallons so far.", "207.5 million", 207.5e6, "gallon",
                      "spill", SEP)]
    _, comparisons = run(items)
    # 3 million may be rounded, but so far that it would agree with the update to 3.4 million; 206 million is
    # 205.5 to 206.5 million, not 207.5 million
    assert {(c.figures, c.verdict) for c in comparisons} == {(("a:f1", "b:f1"), "update"), (("c:f1", "d:f1"), "update")}


def test_reconcile_a_count_in_the_town_of_a_place_is_counted_there():
    a = "Activists said troops have killed dozens of civilians in the central town of Rastan."
    b = "The United Nations says 2,700 civilians have been killed across Syria."
    items = [_counted("a", a, "dozens", 24, "civilian", "die", SEP, (_mention(a, "Rastan"),)),
             _counted("b", b, "2,700", 2700, "civilian", "die", OCT, (_mention(b, "Syria"),))]
    items = [(x, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, high=99 if f.text == "dozens" else f.high,
                                                                          approx=f.text == "dozens")
                                                       for f in an.figures))) for x, an in items]
    # dozens killed in Rastan are no count of the 2,700 killed in Syria
    assert run(items)[1] == []


def test_reconcile_a_basis_names_what_most_reports_say_and_counts_the_rest():
    told = [("a", "set", OCT), ("b", "set", SEP), ("c", "pay", OCT), ("d", "open", SEP), ("e", "fund", OCT),
            ("f", "agree", SEP)]
    items = [_counted(aid, f"BP will {verb} a $20 billion fund for claims.", "$20 billion", 20e9, "fund", verb, day)
             for aid, verb, day in told]
    items = [(a, dataclasses.replace(an, figures=tuple(dataclasses.replace(f, unit="USD") for f in an.figures)))
             for a, an in items]
    _, (comparison,) = run(items)
    assert comparison.verdict == "agree"
    # one sum told around five verbs: the one two reports say first, then two more, and a count of the rest
    assert "what happened: set / agree / fund and 2 more" in comparison.basis


def test_reconcile_a_bare_weekday_makes_one_days_count_but_the_day_it_was_said_or_a_story_s_day_does_not():
    # "were killed there Sunday" is one day's count, as "on Sunday" is: it fits no count of a report weeks apart
    items = [_counted("a", "At least 16 people were killed there Sunday, a doctor said.", "16", 16, "people", "die"),
             _counted("b", "Doctors said at least 11 people had been killed and many wounded.", "11", 11, "people",
                      "die", SEP)]
    assert run(items)[1] == []
    # the day a total was said ("told the council Monday") and the day of the story's event ("last Tuesday's
    # quake") leave a total of the story, which a later report updates
    items = [_counted("a", "Some 200,000 people have fled, the envoy told the council Monday.", "200,000", 200_000,
                      "people", "flee", SEP),
             _counted("b", "Almost 750,000 people have fled the country.", "750,000", 750_000, "people", "flee")]
    _, (comparison,) = run(items)
    assert comparison.verdict == "update"
    items = [_counted("a", "An estimated 200,000 people died in last Tuesday's quake.", "200,000", 200_000, "people",
                      "die", SEP),
             _counted("b", "As many as 200,000 people have died in the quake.", "200,000", 200_000, "people", "die")]
    _, (comparison,) = run(items)
    assert comparison.verdict == "agree"


def test_reconcile_a_since_that_measures_a_superlative_is_no_running_total():
    # "the heaviest onslaught since the strikes began" counts one day's dead, not a total since they began
    items = [_counted("a", "Rockets struck the capital Tuesday, killing 19 people in the heaviest onslaught since "
                      "the strikes began.", "19", 19, "people", "die"),
             _counted("b", "Some 12 people have been killed in the protests.", "12", 12, "people", "die",
                      OCT - dt.timedelta(days=60))]
    assert run(items)[1] == []


def test_reconcile_counts_that_share_only_what_happened_are_not_anchored_in_one_event():
    # each report counts the dead of its own attack: "killed" and "wounded" say what happened, not which
    # attack, so the counts stay apart where nothing else in their sentences meets
    items = [_counted("a", "Nine people were killed and six wounded when a strike hit a neighborhood.", "Nine", 9,
                      "people", "die"),
             _counted("b", "Two people were killed and many others were wounded, it said.", "Two", 2, "people", "die",
                      SEP)]
    assert run(items)[1] == []


def test_reconcile_could_not_is_what_was_not_possible_not_a_count_that_may_happen():
    items = [_counted("a", "More than 100 staff are still missing, and the agency could not confirm the dead.",
                      "More than 100", 101, "staff", "missing"),
             _counted("b", "Up to 150 staff are still missing after the quake.", "Up to 150", 150, "staff", "missing")]
    _, (comparison,) = run(items)
    assert comparison.figures == ("a:f1", "b:f1")


def test_reconcile_a_comparison_says_what_most_of_its_reports_say_happened():
    items = [_counted("a", "Some 150,000 people have fled to Tunisia.", "150,000", 150_000, "people", "flee"),
             _counted("b", "Nearly 180,000 people have fled to Tunisia.", "180,000", 180_000, "people", "flee", SEP),
             _counted("c", "About 170,000 people are now in Tunisia.", "170,000", 170_000, "people", None, SEP)]
    assert {c.happened for c in run(items)[1]} == {"flee"}
    cases = [_counted("a", "There are 40 confirmed cases in the country.", "40", 40, "case", "be"),
             _counted("b", "There are 91 confirmed cases in the country.", "91", 91, "case", "be", SEP)]
    assert {c.happened for c in run(cases)[1]} == {None}  # "are" says nothing of what happened
    assert {c.happened for c in run([fighters("x", "300", 300, 300, OCT), fighters("y", "700", 700, 700, SEP)])[1]} \
        == {None}  # figures built by hand without a predicate: none is said
