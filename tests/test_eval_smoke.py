"""Every scorer, run_all and the throughput benchmark on a small sample of the real gold data
(../shared/data): mandatory in CI, skipped in a clone without ../shared."""

from __future__ import annotations

import json
import math

import pytest

from eval import entities, figures, html, quotes, run_all, speakers, stories, summaries, times
from eval.common import CROSSWIRE

pytestmark = [pytest.mark.slow, pytest.mark.shared]

# Metric name endings that are shares (0..1); everything else is a count, a ratio or ARI.
SHARE_SUFFIXES = ("_p", "_r", "_f1", "_accuracy", "precision", "speaker_exact", "speaker_overlap", "_sentences")

SCORERS = [(stories, 10), (quotes, 3), (figures, 10), (times, 4), (summaries, 1), (html, 5), (entities, 2),
           (speakers, 5)]


def _check(res: dict) -> None:
    assert "error" not in res, res.get("error")
    assert CROSSWIRE in res["systems"] and len(res["systems"]) >= 2
    assert res["n"] > 0
    for system, values in res["systems"].items():
        for metric in res["headline"]:
            if system == CROSSWIRE:
                assert metric in values, f"{metric} missing for {system}"
        for metric, value in values.items():
            assert isinstance(value, (int, float)) and math.isfinite(value), (system, metric, value)
            if metric.endswith(SHARE_SUFFIXES):
                assert 0.0 <= value <= 1.0, (system, metric, value)
            elif metric.endswith("_ari"):
                assert -1.0 <= value <= 1.0, (system, metric, value)


@pytest.mark.parametrize("module, limit", SCORERS, ids=[m.__name__ for m, _ in SCORERS])
def test_eval_smoke_scorer_main(module, limit, shared_data, capsys):
    res = module.main(["--data", str(shared_data), "--limit", str(limit), "--json"])
    _check(res)
    assert res["limit"] == limit
    assert json.loads(capsys.readouterr().out)["capability"] == res["capability"]


def test_eval_smoke_run_all_writes_scoreboard(shared_data, tmp_path, capsys):
    out = tmp_path / "board.json"
    run_all.main(["--data", str(shared_data), "--limit", "3", "--only", "figures", "html", "--out", str(out)])
    board = json.loads(out.read_text())
    assert board["versions"]["spacy"] and board["versions"]["crosswire"]
    assert set(board["data_fingerprints"]) == {"figures/newsquant.dev.json", "html/extraction-benchmark"}
    assert [r["capability"] for r in board["results"]] == ["figures", "html"]
    for res in board["results"]:
        _check(res)
    assert "value_unit_f1" in capsys.readouterr().out


def test_eval_smoke_throughput_tiny(shared_data):
    from benchmarks.throughput import run

    res = run(shared_data, sizes=[3, 6], workers=1)
    assert [(r["system"], r["n"]) for r in res["rows"]] == [("spacy", 3), ("crosswire", 3), ("spacy", 6),
                                                            ("crosswire", 6)]
    assert all(r["status"] == "ok" and r["articles_done"] == r["n"] and r["peak_rss_mb"] > 0 for r in res["rows"])
    assert res["summary"]["crosswire"]["growth_exponent"] is not None
    assert set(res["time_ratio_vs_spacy"]) == {3, 6}


def test_eval_smoke_throughput_rounds_turn_the_order_round_and_pool_the_ratio(shared_data):
    from benchmarks.throughput import run, table

    res = run(shared_data, sizes=[3], workers=1, rounds=2)
    assert [(r["system"], r["round"]) for r in res["rows"]] == [("spacy", 1), ("crosswire", 1), ("crosswire", 2),
                                                                ("spacy", 2)]
    seconds = {(r["system"], r["round"]): r["seconds"] for r in res["rows"]}
    assert res["round_ratios"][3] == [round(seconds["crosswire", k] / seconds["spacy", k], 3) for k in (1, 2)]
    assert res["time_ratio_vs_spacy"][3] == round((seconds["crosswire", 1] + seconds["crosswire", 2])
                                                  / (seconds["spacy", 1] + seconds["spacy", 2]), 2)
    assert "(rounds: " in table(res)


def test_eval_smoke_throughput_budget_stops_runs(shared_data):
    from benchmarks.throughput import run

    res = run(shared_data, sizes=[3], workers=1, budget_s=1)
    assert [r["status"] for r in res["rows"]] == ["no budget", "no budget"]
    assert res["summary"]["crosswire"]["articles_per_s"] is None


def test_eval_smoke_throughput_timeout_ends_the_run_and_leaves_no_files(shared_data, tmp_path, monkeypatch):
    import tempfile

    from benchmarks.throughput import measure

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    row = measure("crosswire", 50, 2, shared_data, timeout=2)
    assert row["status"] == "timeout" and row["seconds"] == 2
    assert list(tmp_path.iterdir()) == []  # the killed child's working folder is removed


def test_eval_smoke_throughput_child_works_in_the_folder_it_is_given(shared_data, tmp_path):
    from benchmarks.throughput import child

    row = child("crosswire", 3, 1, shared_data, tmp_path)
    assert row["articles_done"] == 3 and (tmp_path / "bench.db").is_file()


def test_eval_smoke_stages_tiny(shared_data):
    """The stage profile runs and finds the stages where a one-process ingest spends its time."""
    from benchmarks.stages import STAGES, run, table
    from benchmarks.throughput import bare_pipeline

    res = run(shared_data, 4, workers=1)
    assert set(res["spacy_components_s"]) == {"tokenizer", *bare_pipeline().pipe_names}
    assert set(res["stages_s"]) == {label for label, _, _ in STAGES}
    for stage in ("analysis in all (this process)", "  spaCy (nlp.pipe)", "    figures", "commit (store, place in a story)"):
        assert res["stages_s"][stage] > 0, stage
    assert res["stages_s"]["  spaCy (nlp.pipe)"] < res["stages_s"]["analysis in all (this process)"]
    assert "bare spaCy" in table(res)
