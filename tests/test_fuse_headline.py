"""A story's headline (issue #7): the most representative title or lead line, never page furniture,
whatever the order its reports come in."""

from __future__ import annotations

import itertools

import pytest

from crosswire.fuse.headline import HEADLINE_REPORTS, headline, heading_of
from crosswire.model import Article, ArticleAnalysis, Dateline, Heading, Zone

pytestmark = pytest.mark.issue(7)


def titled(article: str, published: str | None, title: str, outlet: str | None = None) -> Heading:
    return Heading(article, published, outlet, title, "")


def untitled(article: str, published: str | None, lead: str) -> Heading:
    return Heading(article, published, None, None, lead)


# Three reports of a flood, and the latest report of the story a site's sidebar title.
FLOOD = [titled("a", "2030-03-04", "Vesna river floods Kormut as levee breaks"),
         titled("b", "2030-03-05", "Kormut levee breaks, Vesna floods streets"),
         titled("c", "2030-03-06", "Rescuers search flooded Kormut streets after levee breaks"),
         titled("d", "2030-03-09", "Ten things to do in Port Elis this weekend")]


def test_headline_the_on_topic_title_wins_over_an_off_topic_latest_one():
    assert headline(FLOOD) == "Kormut levee breaks, Vesna floods streets"


def test_headline_is_the_same_in_any_order():
    assert {headline(order) for order in itertools.permutations(FLOOD)} == {headline(FLOOD)}


@pytest.mark.parametrize("junk", [
    "Home", "Video", "BBC News - World", "Reuters",  # a page or a site, not what happened
    "KORMUT (Reuters) - Vesna floods Kormut streets",  # a dateline
    "Mon Mar 7 , 2030 11:25 am EST Vesna floods Kormut",  # a page's stamp
    "Vesna floods Kormut streets (Reuters)",  # an agency's credit
    "By Mirela Dascu and Ion Vesnic , CNN",  # a byline
    "Click here to see Kormut flood pictures",  # page furniture
])
def test_headline_never_junk_even_when_the_others_share_its_words(junk):
    story = [titled("j", "2030-03-10", junk, outlet="BBC News"), titled("x", "2030-03-01", junk, outlet="BBC News"),
             titled("k", "2030-03-02", "Kormut digs out after Vesna floods streets")]
    assert headline(story) == "Kormut digs out after Vesna floods streets"


def test_headline_ties_go_to_the_latest_then_the_highest_id():
    pair = [titled("a", "2030-03-04", "Kormut levee breaks"), titled("b", "2030-03-05", "Levee breaks in Kormut")]
    assert headline(pair) == "Levee breaks in Kormut"
    same_day = [titled("a", "2030-03-05", "Kormut levee breaks"), titled("b", "2030-03-05", "Levee breaks in Kormut")]
    assert headline(same_day) == headline(list(reversed(same_day))) == "Levee breaks in Kormut"


def test_headline_a_title_before_a_lead_line():
    story = [untitled("a", "2030-03-09", "Floodwater from the Vesna broke the levee at Kormut on Monday."),
             titled("b", "2030-03-04", "Vesna floods Kormut")]
    assert headline(story) == "Vesna floods Kormut"


def test_headline_untitled_the_most_shared_lead_line_not_a_line_sites_print_atop_pages():
    site = "The Vesna floods and the Kormut levee"  # the most shared words, atop two pages that go on differently
    story = [untitled("a", "2030-03-04", f"{site}\nFloodwater broke the levee."),
             untitled("b", "2030-03-05", f"{site}\nRescuers searched the streets."),
             untitled("c", "2030-03-03", "Vesna floods Kormut as the river breaks through on Monday.\nMore."),
             untitled("d", "2030-03-02", "The Kormut levee held until Monday night.")]
    assert headline(story) == "Vesna floods Kormut as the river breaks through on Monday."
    assert headline(story[:1] + story[2:]) == site  # heading one page, it is that report's own line


def test_headline_a_lead_starts_after_a_dateline_its_analysis_missed():
    lead = ("TRIPOLI | Mon Feb 21 , 2011 11:52 pm GMT TRIPOLI -LRB- Reuters -RRB- - Libyan leader Muammar Gaddafi's "
            "son said the army would fight on.")
    assert headline([untitled("a", "2011-02-21", lead)]) == "Libyan leader Muammar Gaddafi's son said the army would fight on."


def test_headline_of_furniture_only_is_the_latest_heading_and_of_nothing_empty():
    assert headline([titled("a", "2030-03-04", "Home"), titled("b", "2030-03-05", "Video")]) == "Video"
    assert headline([]) == ""


def test_headline_is_chosen_among_the_latest_reports_only():
    home = [titled(f"n{i:03}", "2030-02-01", "Home") for i in range(HEADLINE_REPORTS)]
    old = titled("old", "2030-01-01", "Vesna floods Kormut streets")
    assert headline(home[1:] + [old]) == "Vesna floods Kormut streets"
    assert headline(home + [old]) == "Home"  # past the latest HEADLINE_REPORTS: not read


def test_headline_heading_of_a_report_is_its_own_words():
    text = "KORMUT - By Ion Vesnic\nThe Vesna broke the levee. NEW : Rescuers arrived."
    analysis = ArticleAnalysis("a", text, dateline=Dateline(0, 8, "Kormut", None),
                               zones=(Zone(9, 22, "byline"), Zone(50, 55, "byline")))
    heading = heading_of(Article("a", text, outlet="Wire"), analysis)
    assert (heading.published, heading.outlet, heading.title, heading.lead) == (
        None, "Wire", None, "The Vesna broke the levee. ")
