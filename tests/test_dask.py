"""``--dask ADDRESS``: analysis mapped over a Dask cluster, committed here (issue #13).

The slow test runs a real ``distributed.LocalCluster`` of two worker processes, never a stand-in:
the first 500 reports of the corpus in its seeded order (``benchmarks.brief_latency.corpus_order``,
the order the latency and web-load benchmarks store) go into one SQLite store through the cluster
and into another through two local processes. That is four ingest chunks of 128, each analysed
cased reports first, so the lexicon shipped to the workers changes from call to call.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.brief_latency import corpus_order
from crosswire.analyze.nlp import DEFAULT_MODEL
from crosswire.cli import cli
from crosswire.errors import EXIT_USAGE, EXIT_USER_ERROR, ClusterError
from crosswire.scale import dask_cluster
from crosswire.scale.dask_cluster import LOCAL_WORKERS, connect, parse_address
from crosswire.service import Service
from crosswire.store import open_store

REPORTS = 500
REPORT = ("PORT ELLIS - Dock workers at Port Ellis walked out on Tuesday, the Harbour Workers Union said, "
          "halting cargo for some 40 ships.\n")
# Nothing listens on port 1: a connection there is refused.
NO_SCHEDULER = "tcp://127.0.0.1:1"


def _stored(db: Path, ids: list[str]) -> tuple[dict, dict[str, tuple], dict[str, str]]:
    """What a store holds for ``ids``: each analysis, each article's (event, storyline), and the JSON of
    every story's briefing."""
    store = open_store(db, create=False)
    analyses = {i: store.analysis(i) for i in ids}
    storyline = {row.id: row.storyline for row in store.story_rows()}
    placed = {i: (event, storyline[event]) for i in ids for event in store.story_ids([i])}
    with Service(store) as service:
        briefings = {s.id: json.dumps(s.to_json(), sort_keys=True) for s in service.brief().stories}
    return analyses, placed, briefings


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.issue(13)
def test_dask_local_cluster_stores_what_local_processes_store(shared_data, tmp_path):
    pytest.importorskip("distributed", reason='distributed is the optional extra "dask"')
    articles = corpus_order(shared_data)[:REPORTS]
    reports = {}
    for name, how in (("dask", {"dask": "local:2"}), ("processes", {"workers": 2})):
        with Service(str(tmp_path / f"{name}.db")) as service:
            reports[name] = service.ingest_articles(articles, **how)
    dask_run, local_run = reports["dask"], reports["processes"]
    assert (dask_run.stored, dask_run.duplicates, dask_run.problems) == (local_run.stored, local_run.duplicates,
                                                                         local_run.problems)
    assert dask_run.reclustered.changes == local_run.reclustered.changes  # the merges and splits of the pass
    ids = dask_run.stored
    assert len(ids) > 0.95 * REPORTS
    dask, processes = _stored(tmp_path / "dask.db", ids), _stored(tmp_path / "processes.db", ids)
    assert dask[0] == processes[0]  # every analysis
    assert dask[1] == processes[1]  # every article's event and storyline
    assert len(set(dask[1].values())) < len(ids)  # some stories hold several reports
    assert dask[2] == processes[2]  # every story's briefing


def test_dask_address_forms():
    assert parse_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert parse_address("tcp://scheduler.lan:8786") == "tcp://scheduler.lan:8786"
    assert parse_address("local:3") == 3
    assert parse_address("local", workers=4) == 4
    assert parse_address("local", workers=1) == LOCAL_WORKERS
    for bad in ("http://10.0.0.5:8786", "tcp://10.0.0.5", "10.0.0.5:8786", "local:0", "local:65", "locale", ""):
        with pytest.raises(ValueError, match="is not a Dask address; give tcp://HOST:PORT"):
            parse_address(bad)


def test_dask_malformed_address_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"),
                                      "--dask", "10.0.0.5:8786"])
    assert result.exit_code == EXIT_USAGE
    assert "'10.0.0.5:8786' is not a Dask address; give tcp://HOST:PORT" in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("command", ["ingest", "brief"])
def test_dask_unreachable_scheduler_is_a_clear_error_and_stores_nothing(command, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason='distributed is the optional extra "dask"')
    monkeypatch.setattr(dask_cluster, "CONNECT_SECONDS", 1)
    (tmp_path / "a.txt").write_text(REPORT)
    result = CliRunner().invoke(cli, [command, str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"),
                                      "--dask", NO_SCHEDULER])
    assert result.exit_code == EXIT_USER_ERROR
    assert f"Error: no Dask scheduler answers at {NO_SCHEDULER}" in result.output
    assert "start one there with `dask scheduler`" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()  # the cluster is reached before a store is created


def test_dask_without_distributed_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets without it
    with pytest.raises(ClusterError, match=r'--dask needs .*distributed.*pip install -e "\.\[dask\]"'):
        connect("local:2", model=DEFAULT_MODEL)
