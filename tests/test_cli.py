"""The command line: exit codes, JSON output, bad inputs, idempotent and resumable ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import cli
from crosswire.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USER_ERROR

GOOD = ("PORT ELLIS - Dock workers at Port Ellis walked out on Tuesday, the Harbour Workers Union said, "
        "halting cargo for some 40 ships. \"We will stay out until the contract is signed,\" union leader "
        "Mara Quint told reporters.\n")


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_cli_help_on_every_command():
    for command in ([], ["ingest"], ["stories"], ["brief"]):
        result = _run(*command, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_cli_ingest_json_report_and_rerun_is_noop(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    db = str(tmp_path / "x.db")
    first = _run("ingest", str(tmp_path / "a.txt"), "--db", db, "--format", "json")
    assert first.exit_code == EXIT_OK
    assert json.loads(first.output)["stored"] == ["a"]
    second = _run("ingest", str(tmp_path / "a.txt"), "--db", db, "--format", "json")
    report = json.loads(second.output)
    assert report["stored"] == [] and report["duplicates"] == ["a"]


def test_cli_bad_inputs_reported_good_ones_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin.txt").write_bytes("Le café de la gare a rouvert lundi, dit le maire.".encode("latin-1"))
    (folder / "feed.jsonl").write_text('{"id": "j1", "text": "First good line about the strike."}\n'
                                       '{"id": "j2", "text": broken\n'
                                       '{"id": "j3", "text": "Third line, also good."}\n')
    with open(folder / "huge.txt", "wb") as f:
        f.write(b"word " * (50 * 1024 * 1024 // 5 + 1))
    db = str(tmp_path / "x.db")
    result = _run("ingest", str(folder), "--db", db, "--format", "json")
    assert result.exit_code == EXIT_PARTIAL
    report = json.loads(result.output)
    assert sorted(report["stored"]) == ["good", "j1", "j3", "latin"]
    problems = {(Path(p["source"]).name, p["line"], p["kind"]) for p in report["problems"]}
    assert ("empty.txt", None, "empty") in problems
    assert ("binary.txt", None, "binary") in problems
    assert ("huge.txt", None, "too_large") in problems
    assert ("feed.jsonl", 2, "malformed") in problems
    again = json.loads(_run("ingest", str(folder), "--db", db, "--format", "json").output)
    assert again["stored"] == [] and sorted(again["duplicates"]) == ["good", "j1", "j3", "latin"]
    texts = dict(sqlite3.connect(db).execute("SELECT id, text FROM articles"))
    assert "café" in texts["latin"]


def test_cli_nothing_readable_is_user_error(tmp_path):
    result = _run("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == EXIT_USER_ERROR


def test_cli_unknown_story_is_clear_error(tmp_path):
    result = _run("brief", "--story", "nope", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == EXIT_USER_ERROR
    assert "no story nope" in result.output


def test_cli_stdin_and_stories_json(tmp_path):
    db = str(tmp_path / "x.db")
    assert _run("ingest", "-", "--db", db, input=GOOD).exit_code == EXIT_OK
    listing = json.loads(_run("stories", "--db", db, "--format", "json").output)
    assert len(listing["stories"]) == 1 and listing["stories"][0]["articles"] == 1


def test_cli_brief_formats(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    db = str(tmp_path / "x.db")
    for fmt, marker in (("json", '"stories"'), ("md", "# crosswire briefing"), ("html", "<!doctype html>"),
                        ("terminal", "Reports")):
        result = _run("brief", str(tmp_path / "a.txt"), "--db", db, "--format", fmt)
        assert result.exit_code == EXIT_OK, result.output
        assert marker in result.output


def test_cli_html_escapes_hostile_article_text(tmp_path):
    hostile = GOOD + '<script>alert("x")</script><img src=x onerror="alert(1)">\n'
    (tmp_path / "h.txt").write_text(hostile)
    out = tmp_path / "b.html"
    result = _run("brief", str(tmp_path / "h.txt"), "--db", str(tmp_path / "x.db"), "--format", "html",
                  "-o", str(out))
    assert result.exit_code == EXIT_OK
    page = out.read_text()
    assert "<script>alert" not in page and "<img src=x" not in page


def test_cli_sigkill_mid_ingest_then_rerun_stores_each_article_once(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    n = 300  # several ingest chunks
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(f"Report {i}: officials in Town{i} counted {i + 3} damaged homes "
                                              f"after the storm on Monday, the mayor said.\n")
    db = tmp_path / "x.db"
    cmd = [sys.executable, "-m", "crosswire", "ingest", str(folder), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored > 0:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, "the ingest should have been caught mid-run"
    rerun = subprocess.run(cmd, capture_output=True)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (n, n)
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == n
