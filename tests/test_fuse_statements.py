"""Statements across reports: one speaker's words reported by several outlets are linked as one statement."""

from __future__ import annotations

from crosswire.fuse.statements import link_statements
from crosswire.model import BriefQuote, Speaker


def quote(qid: str, reading: str, speaker: str | None = "Jihan Sheikh Ahmed", entity: str | None = "e1",
          direct: bool = False) -> BriefQuote:
    return BriefQuote(qid, Speaker(speaker, entity, speaker), reading, reading, direct, "say", qid.split(":")[0], 0, 9)


def test_the_same_words_in_two_reports_are_one_statement_named_after_the_first():
    quotes = [quote("afp:q1", "They can choose between surrendering and dying.", direct=True),
              quote("afp:q2", "The fighting will bring an end to Daesh's presence."),
              quote("reuters:q1", "they can choose between surrendering or dying", entity=None),  # name only
              quote("reuters:q2", "the noose tightens and the reaction of daesh gets fiercer"),
              quote("bbc:q4", "They can choose between surrendering and dying, she added.")]
    linked = link_statements(quotes)
    assert linked["afp:q1"] == linked["bbc:q4"] == "afp:q1"
    assert linked["afp:q2"] == "afp:q2" and linked["reuters:q2"] == "reuters:q2"
    # "Jihan Sheikh Ahmed" without an entity is another speaker key: not linked by words alone
    assert linked["reuters:q1"] == "reuters:q1"


def test_quotes_of_one_report_or_of_other_speakers_stay_apart():
    said = "Our forces besieged the hospital but were cautious to avoid damaging it"
    quotes = [quote("a:q1", said), quote("a:q2", said + " again"),  # one report repeating itself
              quote("b:q1", said, speaker="Talal Sello", entity="e2"), quote("c:q1", said, speaker=None, entity=None),
              quote("d:q1", said, speaker=None, entity=None)]
    linked = link_statements(quotes)
    assert linked == {q.id: q.id for q in quotes}


def test_a_shorter_report_of_the_statement_joins_it_but_two_remarks_sharing_a_few_words_do_not():
    quotes = [quote("a:q1", "Our forces besieged the national hospital, but were being cautious to avoid damaging it"),
              quote("b:q1", "forces besieged the hospital"),
              quote("c:q1", "our forces will take the hospital district within days")]
    linked = link_statements(quotes)
    assert linked["b:q1"] == "a:q1" and linked["c:q1"] == "c:q1"


def test_pieces_of_one_attribution_are_one_statement_whatever_their_words():
    first = quote("a1:q1", "The bridge will hold", direct=True)
    second = quote("a1:q2", "and the ferries run tomorrow", direct=True)
    other = quote("a1:q3", "Nobody was hurt", direct=True)
    assert link_statements([first, second, other], [("a1:q1", "a1:q2")]) == {
        "a1:q1": "a1:q1", "a1:q2": "a1:q1", "a1:q3": "a1:q3"}
