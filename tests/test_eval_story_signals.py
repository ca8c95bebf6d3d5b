"""eval/story_signals.py: its pure parts on hand-made data, and one tiny run on the real gold data
with the real embedding model (skipped without ../shared or the ``embed`` extra)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from eval import story_signals
from eval.data import ClusterDoc


def _doc(i: int, topic: str, day: int | None = None) -> ClusterDoc:
    return ClusterDoc(f"d{i}", "text", dt.date(2011, 1, day) if day else None, {"topic": topic})


def test_online_joins_the_closest_story_above_the_threshold():
    sim = np.array([[1.0, 0.9, 0.1, 0.2],
                    [0.9, 1.0, 0.0, 0.3],
                    [0.1, 0.0, 1.0, 0.8],
                    [0.2, 0.3, 0.8, 1.0]])
    labels = story_signals.online_labels(sim, [0, 1, 2, 3], threshold=0.5)
    assert labels.tolist() == [0, 0, 1, 1]
    # item 3 against story {0, 1}: mean 0.25, against {2}: 0.8
    assert story_signals.online_labels(sim, [3, 0, 2, 1], threshold=0.5).tolist() == [1, 1, 0, 0]
    assert len(set(story_signals.online_labels(sim, [0, 1, 2, 3], threshold=0.95).tolist())) == 4


def test_absorb_moves_small_clusters_to_the_closest_large_one_above_the_floor():
    sim = np.array([[1.0, 0.8, 0.1, 0.3, 0.0],
                    [0.8, 1.0, 0.1, 0.5, 0.1],
                    [0.1, 0.1, 1.0, 0.2, 0.1],
                    [0.3, 0.5, 0.2, 1.0, 0.0],
                    [0.0, 0.1, 0.1, 0.0, 1.0]])
    labels = np.array([7, 7, 8, 9, 9])
    # item 2, alone: mean similarity 0.1 with cluster 7, 0.15 with cluster 9
    assert story_signals.absorbed(labels, sim, 2, 0.0).tolist() == [7, 7, 9, 9, 9]
    assert story_signals.absorbed(labels, sim, 2, 0.2).tolist() == [7, 7, 8, 9, 9]
    assert story_signals.absorbed(labels, sim, 1, 0.0).tolist() == labels.tolist()


def test_name_words_skip_line_openers_and_keep_acronyms_and_years():
    text = "Lindsay Lohan entered the Betty Ford Center in 2010 .\nThe actress told CNN she was fine"
    assert story_signals.name_words(text) == "lohan betty ford center 2010 cnn"


def test_halves_never_split_a_topic_and_cover_every_article():
    docs = [_doc(i, t) for i, t in enumerate("aabbbcdde")]
    a, b = story_signals.halves(docs)
    assert sorted(a + b) == list(range(len(docs)))
    assert not {docs[i].gold["topic"] for i in a} & {docs[i].gold["topic"] for i in b}


def test_arrival_by_date_else_shuffled_and_gaps_only_with_every_date():
    dated = [_doc(0, "a", 3), _doc(1, "a", 1), _doc(2, "b", 2)]
    assert story_signals.arrival_order(dated) == [1, 2, 0]
    assert story_signals.gap_days(dated)[0].tolist() == [0, 2, 1]
    undated = dated + [_doc(3, "b")]
    assert sorted(story_signals.arrival_order(undated)) == [0, 1, 2, 3]
    assert story_signals.gap_days(undated) is None


@pytest.mark.slow
@pytest.mark.shared
def test_story_signals_tiny_run(shared_data, tmp_path):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    from crosswire.fuse.embed import EmbeddingModelMissing, Embedder

    try:
        Embedder()
    except EmbeddingModelMissing as exc:
        pytest.skip(str(exc))
    res = story_signals.main(["--data", str(shared_data), "--limit", "30", "--json", "--cache", str(tmp_path)])
    assert set(res["systems"]) == set(story_signals.SYSTEMS)
    for system, values in res["systems"].items():
        for metric, value in values.items():
            assert math.isfinite(value), (system, metric)
            if metric.endswith(("_f1", "_p", "_r", "_agreement")):
                assert 0.0 <= value <= 1.0, (system, metric, value)
    assert all(m in res["systems"]["mix"] for m in res["headline"])
    assert list(tmp_path.glob("*.npy"))  # embeddings kept for the next run
