"""The command line: exit codes, JSON output, bad inputs, idempotent and resumable ingest."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import ByteSize, cli
from crosswire.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_USER_ERROR

GOOD = ("PORT ELLIS - Dock workers at Port Ellis walked out on Tuesday, the Harbour Workers Union said, "
        "halting cargo for some 40 ships. \"We will stay out until the contract is signed,\" union leader "
        "Mara Quint told reporters.\n")


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_cli_help_on_every_command():
    for command in ([], ["ingest"], ["stories"], ["search"], ["statements"], ["figures"], ["brief"], ["export"],
                    ["reanalyze"], ["recluster"]):
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
    db = str(tmp_path / "x.db")
    assert _run("ingest", "-", "--db", db, input=GOOD).exit_code == EXIT_OK
    result = _run("brief", "--story", "nope", "--db", db)
    assert result.exit_code == EXIT_USER_ERROR
    assert "no story nope" in result.output


def test_cli_a_story_id_given_as_a_path_says_which_option_briefs_it(tmp_path):
    db = str(tmp_path / "x.db")
    assert _run("ingest", "-", "--db", db, input=GOOD).exit_code == EXIT_OK
    listing = json.loads(_run("stories", "--db", db, "--format", "json").output)["stories"][0]
    for kind, name in (("story", listing["id"]), ("storyline", listing["storyline"])):
        result = _run("brief", name, "--db", db)
        assert result.exit_code == 2 and f"--{kind} {name}" in result.output  # a usage error, nothing ingested
    assert len(json.loads(_run("stories", "--db", db, "--format", "json").output)["stories"]) == 1


def test_cli_stdin_and_stories_json(tmp_path):
    db = str(tmp_path / "x.db")
    assert _run("ingest", "-", "--db", db, input=GOOD).exit_code == EXIT_OK
    listing = json.loads(_run("stories", "--db", db, "--format", "json").output)
    assert len(listing["stories"]) == 1 and listing["stories"][0]["articles"] == 1


def test_cli_brief_formats(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    db = str(tmp_path / "x.db")
    for fmt, marker, more in (("json", '"stories"', ()), ("md", "# crosswire briefing", ()),
                              ("html", "<!doctype html>", ()), ("terminal", "1 report from 1 outlet", ()),
                              ("terminal", "Reports", ("--full",))):
        result = _run("brief", str(tmp_path / "a.txt"), "--db", db, "--format", fmt, *more)
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


# Commands that only work on an existing store (reanalyze writes to one, but never creates one).
READ_ONLY = [("stories",), ("stories", "--entity", "Quint"), ("search", "dock"), ("statements", "Quint"),
             ("figures", "ships"), ("brief",), ("brief", "--story", "s1"), ("reanalyze",), ("recluster",),
             ("stories", "--changes"), ("brief", "--storyline", "l1")]


@pytest.mark.parametrize("command", READ_ONLY)
def test_cli_read_only_commands_on_missing_folder_create_nothing(tmp_path, command):
    db = tmp_path / "typo" / "dir" / "x.db"
    result = _run(*command, "--db", str(db))
    assert result.exit_code == EXIT_USER_ERROR
    assert str(db) in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_ONLY)
def test_cli_read_only_commands_on_missing_database_create_nothing(tmp_path, command):
    db = tmp_path / "x.db"
    result = _run(*command, "--db", str(db))
    assert result.exit_code == EXIT_USER_ERROR
    assert str(db) in result.stderr and "no such database" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_search_lists_hits_as_data(tmp_path):
    db = str(tmp_path / "x.db")
    hostile = "[bold red]Strike[/] \x1b[2J at the docks"
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "title": hostile, "text": GOOD}) + "\n")
    assert _run("ingest", str(tmp_path / "a.jsonl"), "--db", db, "-q").exit_code == EXIT_OK
    listing = json.loads(_run("search", "dock", '"harbour workers"', "--db", db, "--format", "json").output)
    assert [(h["article"], h["headline"]) for h in listing["hits"]] == [("a", hostile)]
    terminal = _run("search", "union", "strike", "--db", db).output
    assert "[bold red]Strike[/]" in terminal and "\x1b" not in terminal
    assert "no article holds" in _run("search", "ferries", "--db", db).output
    assert _run("search", "AND", "(", '"', "--db", db, "--limit", "1").exit_code == EXIT_OK


def test_cli_analyst_queries_list_items_as_data(tmp_path):
    db = str(tmp_path / "x.db")
    hostile = GOOD.replace("the contract", "the [bold]contract[/]")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": hostile}) + "\n")
    assert _run("ingest", str(tmp_path / "a.jsonl"), "--db", db, "-q").exit_code == EXIT_OK
    said = json.loads(_run("statements", "Quint", "--db", db, "--format", "json").output)["statements"]
    assert said and all(hostile[s["start"]:s["end"]] == s["text"] and "Quint" in s["speaker"] for s in said)
    assert any("[bold]contract[/] is signed" in s["text"] for s in said)
    assert "[bold]" in _run("statements", "Mara", "Quint", "--db", db, "--limit", "1").output
    (ships,) = json.loads(_run("figures", "ship", "--db", db, "--format", "json").output)["figures"]
    assert (ships["low"], ships["approx"], ships["text"]) == (40, True, hostile[ships["start"]:ships["end"]])
    assert "~40" in _run("figures", "ships", "--db", db).output
    assert "no figure counts" in _run("figures", "tankers", "--db", db).output
    stories = json.loads(_run("stories", "--entity", "Port Elis", "--db", db, "--format", "json").output)["stories"]
    assert len(stories) == 1
    assert "no story matches those filters" in _run("stories", "--entity", "Nobody", "--db", db).output


def test_cli_reanalyze_redoes_nothing_analysed_by_this_version(tmp_path):
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text(GOOD)
    assert _run("ingest", str(tmp_path / "a.txt"), "--db", db, "-q").exit_code == EXIT_OK
    result = _run("reanalyze", "--db", db, "--format", "json")
    assert result.exit_code == EXIT_OK
    assert json.loads(result.stdout) == {"reanalysed": [], "stories": [], "problems": []}


def test_cli_read_only_commands_still_take_memory():
    assert _run("stories", "--db", ":memory:").exit_code == EXIT_OK


def test_cli_ingest_into_missing_folder_is_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = _run("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "typo" / "x.db"))
    assert result.exit_code == EXIT_USER_ERROR
    assert "does not exist" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_cli_failed_ingest_leaves_no_database(tmp_path):
    crosswire = Path(sys.executable).with_name("crosswire")
    env = {k: v for k, v in os.environ.items() if k != "CROSSWIRE_DB"}
    run = subprocess.run([str(crosswire), "ingest", str(tmp_path / "nonexistent" / "path")], cwd=tmp_path,
                         env=env, capture_output=True, text=True)
    assert run.returncode == EXIT_USER_ERROR, run.stderr
    assert "does not exist" in run.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["ingest", "brief"])
def test_cli_failed_or_empty_ingest_leaves_no_database(tmp_path, command):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "x.db"
    for paths, says in (([tmp_path / "missing.txt", tmp_path / "empty.txt"], "warning: "),
                        ([tmp_path / "empty"], "no reports found in ")):
        result = _run(command, *map(str, paths), "--db", str(db))
        assert result.exit_code == EXIT_USER_ERROR, result.output
        assert says + str(paths[0]) in result.stderr
        assert not db.exists()


@pytest.fixture
def root_level():
    """The CLI sets the root log level; put it back for the tests that follow."""
    root = logging.getLogger()
    saved = root.level
    yield root
    root.setLevel(saved)


@pytest.mark.parametrize(("args", "level"), [
    (("-v", "ingest", "{x}"), logging.INFO),
    (("ingest", "{x}", "-v"), logging.INFO),
    (("ingest", "-vv", "{x}"), logging.DEBUG),
    (("-v", "ingest", "{x}", "--verbose"), logging.DEBUG),
    (("stories", "-v", "--db", "{db}"), logging.INFO),
    (("ingest", "{x}"), logging.WARNING),
])
def test_cli_verbose_before_or_after_the_subcommand(tmp_path, root_level, args, level):
    names = {"x": str(tmp_path / "missing.txt"), "db": str(tmp_path / "x.db")}
    result = _run(*(a.format(**names) for a in args))
    assert result.exit_code == EXIT_USER_ERROR, result.output
    assert root_level.level == level


def test_cli_problem_messages_are_inert(tmp_path):
    source = str(tmp_path / "a[/]b\x1b[2Jc[link=x]d[bold]e\x07.txt")
    result = _run("ingest", source, "--db", str(tmp_path / "x.db"))
    assert result.exit_code == EXIT_USER_ERROR
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "warning: " + str(tmp_path / "a[/]bc[link=x]d[bold]e.txt") + ": does not exist" in result.stderr


def test_cli_renamed_ids_are_inert(tmp_path):
    db = str(tmp_path / "x.db")
    for text in (GOOD, GOOD + "More.\n"):
        line = json.dumps({"id": "a[/]\x1b[2Jb", "text": text})
        result = _run("ingest", "-", "--db", db, input=line + "\n")
        assert result.exit_code == EXIT_OK, result.output
    assert "note: id 'a[/]\\x1b[2Jb' was taken by other content" in result.stderr  # shown, not obeyed
    assert "\x1b" not in result.stderr


def test_cli_max_bytes_limits_each_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((GOOD * 20)[:2048])
    db = str(tmp_path / "x.db")
    limited = _run("ingest", str(big), "--db", db, "--max-bytes", "1KB", "--format", "json")
    assert limited.exit_code == EXIT_USER_ERROR
    assert [p["kind"] for p in json.loads(limited.output)["problems"]] == ["too_large"]
    assert "1.0 KB limit" in json.loads(limited.output)["problems"][0]["message"]
    assert _run("ingest", str(big), "--db", db, "--max-bytes", "2048").exit_code == EXIT_OK
    assert _run("brief", "-", "--db", db, "--max-bytes", "100", input=GOOD).exit_code == EXIT_USER_ERROR


@pytest.mark.parametrize(("text", "size"), [("2048", 2048), ("500KB", 500 * 1024), ("20MB", 20 * 1024 ** 2),
                                            ("1GB", 1024 ** 3), ("1.5 kb", 1536), ("10k", 10240)])
def test_byte_size_accepts_bytes_and_suffixes(text, size):
    assert ByteSize().convert(text, None, None) == size


@pytest.mark.parametrize("text", ["", "0", "-1", "12XB", "KB", "1e9"])
def test_cli_bad_max_bytes_is_usage_error(tmp_path, text):
    result = _run("ingest", "-", "--db", str(tmp_path / "x.db"), "--max-bytes", text, input=GOOD)
    assert result.exit_code == EXIT_USAGE
    assert not (tmp_path / "x.db").exists()


def test_cli_help_teaches_formats_and_limits():
    main = _run("--help").output
    for suffix in (".txt", ".jsonl", ".json", ".csv", ".html", ".gz"):
        assert suffix in main
    ingest_help = _run("ingest", "--help").output
    assert "--max-bytes" in ingest_help and "decompressed" in ingest_help and "-v" in ingest_help


def test_cli_storylines_changes_and_recluster(tmp_path):
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text(GOOD)
    assert _run("ingest", str(tmp_path / "a.txt"), "--db", db, "-q").exit_code == EXIT_OK
    (line,) = json.loads(_run("stories", "--level", "storyline", "--db", db, "--format", "json").output)["stories"]
    assert line["articles"] == 1 and line["events"] == 1 and line["storyline"] is None
    (story,) = json.loads(_run("stories", "--db", db, "--format", "json").output)["stories"]
    assert story["storyline"] == line["id"]
    assert json.loads(_run("stories", "--changes", "--db", db, "--format", "json").output) == {"changes": []}
    assert "no merge or split yet" in _run("stories", "--changes", "--db", db).output
    report = json.loads(_run("recluster", "--db", db, "--format", "json").output)
    assert report["window"] == 0 and report["changes"] == []
    brief = json.loads(_run("brief", "--storyline", line["id"], "--db", db, "--format", "json").output)
    assert brief["stories"][0]["id"] == line["id"]
    assert _run("brief", "--storyline", "l-nope", "--db", db).exit_code == EXIT_USER_ERROR


def test_cli_stories_filtered_and_sorted(tmp_path):
    db = str(tmp_path / "x.db")
    lines = [{"id": "dock", "text": GOOD, "outlet": "Wire", "published": "2030-03-04"},
             {"id": "quake", "text": "TORVEN - An earthquake of magnitude 6.1 shook Torven on Friday, officials said, "
                                     "and 12 homes collapsed near the old mill.", "outlet": "Herald",
              "published": "2030-05-09"}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert _run("ingest", str(tmp_path / "a.jsonl"), "--db", db, "-q").exit_code == EXIT_OK

    def ids(*args: str) -> list[str]:
        rows = json.loads(_run("stories", "--db", db, "--format", "json", *args).output)["stories"]
        return [r["headline"][:6] for r in rows]

    # headed by the report's own words, never its dateline ("PORT ELLIS -", "TORVEN -")
    assert ids() == ids("--sort", "recent") == ["An ear", "Dock w"]  # latest first unless asked otherwise
    assert ids("--outlet", "wire") == ["Dock w"]
    assert ids("--since", "2030-04-01") == ["An ear"] and ids("--until", "2030-04-01") == ["Dock w"]
    assert ids("--text", "earthquake") == ["An ear"] and ids("--text", "earthquake", "--outlet", "Wire") == []
    assert _run("stories", "--db", db, "--since", "May 9").exit_code == EXIT_USAGE
