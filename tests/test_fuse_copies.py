"""Wire copies (issue #13): a report republished by three outlets with light edits, beside two
distinct reports of the same event, gives exactly the three copies; copies count once."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from sacremoses import MosesTokenizer

from crosswire.analyze.pipeline import analyze_articles
from crosswire.fuse.briefing import build_story
from crosswire.fuse.copies import MIN_SHINGLES, find_copies, shingles, words
from crosswire.model import Article, ArticleAnalysis, Briefing, Dateline, Zone
from crosswire.render import render
from tests.briefing_checks import assert_valid

DAY = dt.date(2030, 3, 4)

PARAGRAPHS = [
    "Floodwaters cut off at least a dozen towns in northern Lebanon on Tuesday after the Kabir river burst its "
    "banks following three days of heavy rain, officials said.",
    "The civil defence agency said 1,200 people had been moved to schools and mosques in Akkar province, and "
    "that rescue teams were still trying to reach villages in the hills above Halba.",
    "\"We have never seen the water rise this fast,\" said Mariam Haddad, the mayor of Bebnine, who spent the "
    "night on the roof of the town hall with her family. \"The bridge went first, then the road.\"",
    "Two people were killed when their car was swept off a road near the Syrian border, the state news agency "
    "reported. A third person, a shepherd, was missing.",
    "The army sent helicopters and boats on Tuesday afternoon, and the health ministry said field hospitals "
    "would open in two towns by Wednesday morning.",
    "Forecasters expect more rain later in the week. The meteorological service warned that the river could "
    "rise another metre before the storm moves east on Thursday.",
    "Lebanon's caretaker prime minister called an emergency meeting of the cabinet and promised compensation "
    "for farmers whose orchards and greenhouses were destroyed.",
    "The floods are the worst in the north of the country since 2003, when the same river flooded the plain "
    "around Akkar and left thousands homeless.",
]


def _report(dateline: str, paragraphs: list[str]) -> str:
    return dateline + "\n\n".join(paragraphs)


def _corpus_form(text: str) -> str:
    """The research corpus's form of a report: tokenized, lowercased, one paragraph a line."""
    moses = MosesTokenizer(lang="en")
    return "\n".join(moses.tokenize(p, escape=False, return_str=True).lower() for p in text.split("\n\n"))


ORIGINAL = Article("ap-floods", _report("BEIRUT (AP) — ", PARAGRAPHS), "Floods cut off northern Lebanon towns",
                   "AP", DAY)
# A changed headline, another dateline and byline, a paragraph added at the end, a word edited.
STAR = Article("star-floods", "By Staff Writer\n\n" + _report("BEIRUT, Lebanon — ", [
    PARAGRAPHS[0].replace("heavy rain", "torrential rain"), *PARAGRAPHS[1:],
    "Residents of Tripoli collected blankets and bottled water for the displaced on Tuesday evening, "
    "and churches in the city opened their halls to families from Akkar."]),
    "Akkar under water: river bursts banks", "Daily Star", DAY)
# A paragraph dropped, light edits, published a day later (and ingested first).
GULF = Article("gulf-floods", _report("BEIRUT: ", [
    PARAGRAPHS[0].replace("officials said", "officials told reporters"), *PARAGRAPHS[1:6], PARAGRAPHS[7]]),
    "Lebanon floods cut off towns", "Gulf Times", DAY + dt.timedelta(days=1))
# The research corpus's lowercased, tokenized copy, published the same day (ingested after the original).
CORPUS = Article("corpus-floods", _corpus_form(ORIGINAL.text), None, "corpus wire", DAY)
# Two reports of the same event written independently: the same names, figures and one short quote.
REUTERS = Article("reuters-floods", (
    "BEIRUT (Reuters) - Lebanese rescuers used boats and army helicopters on Tuesday to reach villages in Akkar "
    "that were isolated when the Kabir river overflowed, and two people died in a car near the border.\n\n"
    "About 1,200 residents were evacuated, according to the civil defence, most of them to public schools.\n\n"
    "\"We have never seen the water rise this fast,\" Bebnine mayor Mariam Haddad told Reuters by phone.\n\n"
    "The government said it would compensate farmers, and forecasters warned that more storms were on the way."),
    "Lebanon uses helicopters to reach flooded villages", "Reuters", DAY)
BBC = Article("bbc-floods", (
    "Heavy flooding in northern Lebanon has killed two people and forced more than a thousand from their homes.\n\n"
    "The Kabir river, which marks part of the border with Syria, rose quickly after days of storms, and the "
    "district of Akkar was worst hit. Local officials described the damage to farms as severe.\n\n"
    "It is the worst flooding in the area for almost three decades, and aid groups say shelters are already "
    "crowded. More rain is forecast for Thursday."),
    "Lebanon floods: Two dead in Akkar", "BBC", DAY)
# Ingest order: a later copy first, the original second, the rest after.
STORY = [GULF, REUTERS, ORIGINAL, STAR, BBC, CORPUS]
COPIES = {"star-floods": "ap-floods", "gulf-floods": "ap-floods", "corpus-floods": "ap-floods"}


FURNITURE = ("You have selected the U.S. edition. Would you like to make this your default edition? Share your "
             "images and videos of the scene. Enter your e-mail address below and we will send you a link to this "
             "story. Most popular stories this hour, sign in to comment, terms of use and privacy policy.")


def _bare(article: Article, **analysis) -> tuple[Article, ArticleAnalysis]:
    return article, ArticleAnalysis(article.id, article.text, **analysis)


def test_copies_words_are_the_same_in_cased_and_corpus_form():
    assert words(ORIGINAL.text) == words(CORPUS.text)
    assert words("Lebanon's rivers don't stop") == words("lebanon 's rivers do n't stop") == \
        ["lebanons", "rivers", "dont", "stop"]


def test_copies_test_corpus_flags_exactly_the_three_copies_without_analysis():
    assert find_copies([_bare(a) for a in STORY]) == COPIES


def test_copies_original_is_the_earliest_then_first_ingested_then_dated():
    undated = Article("undated-floods", ORIGINAL.text, outlet="Blog")
    later = Article("later-floods", ORIGINAL.text, outlet="Later", published=DAY + dt.timedelta(days=2))
    assert find_copies([_bare(a) for a in (undated, later, CORPUS, ORIGINAL)]) == {
        "undated-floods": "corpus-floods", "later-floods": "corpus-floods", "ap-floods": "corpus-floods"}


def test_copies_skip_dateline_and_zones_and_never_judge_short_texts():
    text = FURNITURE + "\n" + PARAGRAPHS[0]
    zone = Zone(0, len(FURNITURE), "furniture")
    assert shingles(text, [(zone.start, zone.end)]) == shingles(PARAGRAPHS[0])
    # The same page furniture around two different reports makes no copy once the zone is skipped.
    a = Article("a", text, published=DAY)
    b = Article("b", FURNITURE + "\n" + PARAGRAPHS[7], published=DAY)
    assert find_copies([_bare(a), _bare(b)]) != {}
    assert find_copies([_bare(a, zones=(zone,)), _bare(b, zones=(zone,))]) == {}
    brief = PARAGRAPHS[3].split(",")[0] + "."
    line = Article("line", "BEIRUT (AP) — " + brief, published=DAY)
    assert len(shingles(brief)) < MIN_SHINGLES  # a one-line brief: too short to judge
    assert find_copies([_bare(line, dateline=Dateline(0, 14, "BEIRUT", "AP")), _bare(ORIGINAL)]) == {}


def test_copies_a_report_holding_most_of_another_is_its_copy():
    rewrite = Article("rewrite", _report("", [*PARAGRAPHS[:5], "A new paragraph, written by the outlet itself, "
                                          "says what the river did to the harvest and what farmers fear next."]),
                      published=DAY + dt.timedelta(days=1))
    half = Article("half", _report("", PARAGRAPHS[:2] + [REUTERS.text]), published=DAY)  # 44% of its shingles
    assert find_copies([_bare(ORIGINAL), _bare(rewrite), _bare(half)]) == {"rewrite": "ap-floods"}


@pytest.mark.slow
def test_copies_test_corpus_through_analysis_briefing_and_renderers():
    items = list(zip(STORY, analyze_articles(STORY)))
    assert find_copies(items) == COPIES
    story = build_story("s1", items)
    assert {a.id: a.copy_of for a in story.articles} == {a.id: COPIES.get(a.id) for a in STORY}
    briefing = Briefing((story,))
    data = briefing.to_json()
    assert_valid(data)
    assert Briefing.from_json(data) == briefing
    texts = {a.id: a.text for a in STORY}
    for fmt in ("terminal", "md", "html"):
        shown = " ".join(html.unescape(render(fmt, briefing, texts)).split())
        assert "copies of AP's report: Gulf Times, Daily Star, corpus wire" in shown, fmt
        full = " ".join(html.unescape(render(fmt, briefing, texts, full=True)).split())
        assert full.count("AP's report ap-floods") == 3, fmt  # each copy's row names whose report it copies
