"""Reports in the research corpus's form (tests/fixtures/corpus_like: PTB tokens, `` '' quote marks,
-LRB- -RRB- brackets, a photo credit, page furniture, reader comments after the report) read through
the real ingest path and fused into one story: no name made of brackets, furniture or comments, quotes
between `` '' marks direct and said by the right person, nothing quoted from the comments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing_checks import assert_spans_read_back, assert_valid
from crosswire.fuse.briefing import build_story
from crosswire.model import Briefing
from crosswire.service import Service
from crosswire.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.issue(8)]

CORPUS_LIKE = Path(__file__).parent / "fixtures" / "corpus_like"
WIRE, BLOG, PAPER = "wire-halvane-1", "blog-halvane-2", "paper-halvane-3"
# Every name the reports' own text gives (the outlets in their datelines included): a name outside
# these is made of a credit, a caption, furniture or a comment.
NAMES = {"Halvane", "Marovia", "Marovian", "Velmora", "Northern Council", "Idris Varkani", "Varkani",
         "Tarek Beltrami", "Helena Strand", "Strand", "Reuters", "CNN"}
# The direct quotes of the reports (not of their comments): how each opens, and its speaker's surname.
DIRECT = [(WIRE, "We will not leave Halvane", "Beltrami"), (WIRE, "The city is ours", "Beltrami"),
          (WIRE, "Nobody should doubt our resolve", "Strand"), (WIRE, "Every day of shelling", "Strand"),
          (BLOG, "They are rats", "Varkani"),
          (BLOG, "We have the harbour", "Beltrami"),
          (PAPER, "The shelling stopped at dawn", "Beltrami"), (PAPER, "The embargo starts tonight", "Strand")]
# Where each report's reader comments begin.
COMMENTS = {BLOG: "March 20 , 2011 at 4:12 pm | Reply", PAPER: "Comments\nAt 10:15 am"}
_FURNITURE = re.compile(r"\b(?:Reply|Share|Tell|Email|Print|Comments?)\b|-[LR][RSC]B-|\\?/", re.IGNORECASE)


@pytest.fixture(scope="module")
def fused():
    """The three reports ingested as ``crosswire ingest`` stores them, and fused as one story."""
    service = Service(Store())
    report = service.ingest(sorted(CORPUS_LIKE.glob("*.txt")))
    assert not report.problems, report.problems
    items = [(service.article(i), service.analysis(i)) for i in (WIRE, BLOG, PAPER)]
    return items, build_story("halvane", items)


def test_corpus_like_reports_are_read_as_tokenized_and_cased(fused):
    items, _ = fused
    assert all(analysis.form["tokenized"] and not analysis.form["lowercased"] for _, analysis in items)


def test_corpus_like_no_name_is_a_bracket_furniture_credit_or_comment(fused):
    items, story = fused
    found = {m.text for _, analysis in items for m in analysis.mentions}
    assert not [name for name in found if _FURNITURE.search(name)]
    assert found <= NAMES, found - NAMES
    names = {e.name for e in story.entities}
    assert names <= NAMES, names - NAMES
    assert {"Idris Varkani", "Tarek Beltrami", "Northern Council"} <= names


def test_corpus_like_direct_quotes_are_direct_and_said_by_the_right_person(fused):
    _, story = fused
    direct = [q for q in story.quotes if q.direct]
    entities = {e.id: e.name for e in story.entities}
    got = [(q.article, q.text, q.speaker.entity and entities[q.speaker.entity]) for q in direct]
    assert len(got) == len(DIRECT), got
    for (article, text, speaker), (want_article, opening, surname) in zip(got, DIRECT):
        assert article == want_article and text.startswith(opening), (article, text)
        assert speaker is not None and speaker.split()[-1] == surname, (text, speaker)
    # "vowed to fight `` until the last drop of blood . ''": one mixed quote, reported with its quoted words
    (vowed,) = [q for q in story.quotes if "last drop of blood" in q.text]
    assert not vowed.direct and "to fight" in vowed.text and vowed.cue == "vow"
    varkani = {q.speaker.entity for q in (*direct, vowed) if q.speaker.name and "Varkani" in q.speaker.name}
    assert len(varkani) == 1  # "Varkani said" and "Idris Varkani vowed": one person


def test_corpus_like_reader_comments_are_a_zone_and_nothing_in_them_is_quoted(fused):
    items, story = fused
    for article, analysis in items:
        comments = [z for z in analysis.zones if z.kind == "comments"]
        if article.id not in COMMENTS:
            assert not comments
            continue
        (zone,) = comments
        assert article.text[zone.start:].startswith(COMMENTS[article.id])
        assert zone.end == len(article.text.rstrip())
        assert not [q.text for q in analysis.quotes if q.end > zone.start]
        assert not [m.text for m in analysis.mentions if m.end > zone.start]
    assert not [q for q in story.quotes if "Leave Marovia alone" in q.text or "never go quietly" in q.text]


def test_corpus_like_reported_speakers_are_the_subjects_not_the_dateline_outlet(fused):
    _, story = fused
    speakers = {q.speaker.name for q in story.quotes if not q.direct}
    written = {q.speaker.as_written for q in story.quotes if not q.direct}
    assert speakers.isdisjoint({"CNN", "Reuters"}) and written.isdisjoint({"CNN", "Reuters"}), written
    assert {"Tarek Beltrami", "Helena Strand"} <= speakers, speakers


def test_corpus_like_briefing_is_valid_and_its_spans_read_back(fused):
    items, story = fused
    briefing = Briefing((story,)).to_json()
    assert_valid(briefing)
    assert assert_spans_read_back(briefing, {article.id: article.text for article, _ in items}) > 20
