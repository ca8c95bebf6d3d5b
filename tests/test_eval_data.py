"""Gold-data loaders and the corpus-form rewrite of eval/, on small texts written here."""

from __future__ import annotations

import datetime as dt

from eval import data

BRAT = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 25;30 35\tthe bridge will
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 40 50\tsomething
T6\tCue 51 55\twas
E2\tAttribution-no-source:T6 Content:T5 Cue:T6
T7\tDiscuss 60 70\tloose
"""

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TEXT>Prices <EVENT eid="e1">fell</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; \
for <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3>.</TEXT>
</TimeML>
"""


def test_data_parse_brat_attributions_with_discontinuous_content():
    attributions = data.parse_brat(BRAT)
    assert len(attributions) == 2
    first = attributions[0]
    assert first.content == ((15, 25), (30, 35))
    assert first.source == ((0, 9),)
    assert first.cue == ((10, 14),)
    assert attributions[1].source is None  # Attribution-no-source


def test_data_parse_tml_offsets_and_dct():
    doc = data.parse_tml(TML, "X1")
    assert doc.dct == dt.date(1998, 8, 7)
    assert doc.text == "Prices fell on Friday & for a week."
    got = [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes]
    assert got == [("Friday", "DATE", "1998-08-07"), ("a week", "DURATION", "P1W")]


def test_data_sample_is_seeded_and_keeps_order():
    items = list(range(100))
    first = data.sample(items, 10)
    assert first == data.sample(items, 10)
    assert first == sorted(first)
    assert len(first) == 10
    assert data.sample(items, None) == items
    assert data.sample(items, 500) == items


def test_data_fingerprint_changes_with_content(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    before = data.fingerprint(tmp_path)
    assert before == data.fingerprint(tmp_path)
    (tmp_path / "a.txt").write_text("two")
    assert data.fingerprint(tmp_path) != before


def test_data_docno_date():
    assert data._docno_date("APW19981117.0597") == dt.date(1998, 11, 17)
    assert data._docno_date("nodate") is None
