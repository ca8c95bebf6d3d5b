"""The stream sample: real multi-outlet events from Timeline17 plus unrelated reports, reproducible."""

from __future__ import annotations

import json

import pytest

from crosswire.ingest import read_paths
from crosswire.model import Article
from eval import stream

pytestmark = pytest.mark.shared


def test_eval_stream_same_reports_in_any_order_and_readable(shared_data, tmp_path):
    args = dict(events=2, days=3, per_event=5, unrelated=3)
    records, gold = stream.build_stream(shared_data, order_seed=1, **args)
    again, _ = stream.build_stream(shared_data, order_seed=2, **args)
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in again)
    assert [r["id"] for r in records] != [r["id"] for r in again]
    events = [g for g in gold.values() if g]
    assert len(set(events)) == 2 and len(events) == 10 and sum(g is None for g in gold.values()) == 3
    path = tmp_path / "stream.jsonl"
    stream.main(["--data", str(shared_data), "--out", str(path), *sum(
        ([f"--{k.replace('_', '-')}", str(v)] for k, v in args.items()), [])])
    read = list(read_paths([path]))
    assert all(isinstance(item, Article) for item in read) and len(read) == 13
    assert set(json.loads(path.with_suffix(".gold.json").read_text())) == {a.id for a in read}


@pytest.mark.slow
def test_eval_stream_stories_in_two_orders(shared_data):
    from eval import stream_stories

    result = stream_stories.run(shared_data, events=1, days=3, per_event=6, unrelated=2)
    assert result["reports"] == 8 and result["largest_event_reports"] == 6
    assert 1 <= result["storylines"] <= result["stories"] <= 8
    assert 0 < result["stories_bcubed_f1"] <= 1 and 0 < result["order_agreement_storylines"] <= 1
    assert 0 < result["brief_lines"] <= result["brief_lines_full"]
