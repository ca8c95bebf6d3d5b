"""Sidecar metadata and field cleaning: values fill gaps, empty cells mean unknown, bad values warn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crosswire.ingest.sidecar import clean_metadata, load_sidecar, metadata_for, parse_published


def test_sidecar_parse_published_dates_and_datetimes() -> None:
    assert parse_published("2017-10-16") == dt.date(2017, 10, 16)
    assert parse_published(" 2017-10-16T23:59:00+02:00 ") == dt.date(2017, 10, 16)
    assert parse_published("2017-10-16 08:00") == dt.date(2017, 10, 16)
    assert parse_published(dt.datetime(2020, 1, 2, 3, 4)) == dt.date(2020, 1, 2)
    for bad in ("2017-02-30", "16/10/2017", "Monday", "", 20171016, None):
        assert parse_published(bad) is None


def test_sidecar_clean_metadata_normalises_and_warns() -> None:
    fields, problems = clean_metadata(
        {"id": 7, "title": "  T  ", "outlet": "", "published": "soon", "url": ["x"], "text": "ignored"},
        "f.jsonl", line=4,
    )
    assert fields == {"id": "7", "title": "T"}
    assert sorted(p.message.split()[0] for p in problems) == ["published", "url"]
    assert all(p.line == 4 and p.kind == "invalid" for p in problems)


def test_sidecar_csv_and_jsonl_entries(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text("x")
    (tmp_path / "metadata.csv").write_text("File,Outlet,Published,Title\na.txt,Gazette,2020-01-01,\nb.txt,,,Bee\n"
                                           "a.txt,Other,,\n")
    (tmp_path / "metadata.jsonl").write_text('{"file": "c.html", "outlet": "Herald"}\n{"outlet": "nofile"}\n')
    sidecar = load_sidecar(tmp_path, max_bytes=10_000)
    assert sidecar is not None
    assert sidecar.entries == {
        "a.txt": {"outlet": "Gazette", "published": dt.date(2020, 1, 1)},
        "b.txt": {"title": "Bee"},
        "c.html": {"outlet": "Herald"},
    }
    assert [(Path(p.source).name, p.line) for p in sidecar.problems] == [("metadata.csv", 4), ("metadata.jsonl", 2)]


def test_sidecar_absent_or_without_file_column(tmp_path: Path) -> None:
    assert load_sidecar(tmp_path, max_bytes=10_000) is None
    (tmp_path / "metadata.csv").write_text("name,outlet\na.txt,X\n")
    sidecar = load_sidecar(tmp_path, max_bytes=10_000)
    assert sidecar is not None and not sidecar.entries
    assert sidecar.problems[0].kind == "malformed" and "'file' column" in sidecar.problems[0].message


def test_sidecar_nearest_folder_wins_field_by_field(tmp_path: Path) -> None:
    inner = tmp_path / "sub"
    inner.mkdir()
    (inner / "r.txt").write_text("x")
    (tmp_path / "metadata.csv").write_text("file,outlet,published\nsub/r.txt,Outer,2020-01-01\n")
    (inner / "metadata.csv").write_text("file,outlet,published\nr.txt,Inner,\n")
    sidecars = ((inner, load_sidecar(inner, 10_000)), (tmp_path, load_sidecar(tmp_path, 10_000)))
    assert metadata_for(inner / "r.txt", sidecars) == {"outlet": "Inner", "published": dt.date(2020, 1, 1)}


def test_sidecar_jsonl_hostile_lines_are_problems_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "metadata.jsonl").write_text('{"file": "a.txt", "outlet": "Gazette"}\n' + "{" * 50_000 + "\n"
                                             + '{"file": "b.txt", "n": ' + "9" * 5000 + "}\n")
    sidecar = load_sidecar(tmp_path, max_bytes=1_000_000)
    assert sidecar is not None and sidecar.entries == {"a.txt": {"outlet": "Gazette"}}
    assert [(p.line, p.kind) for p in sidecar.problems] == [(2, "malformed"), (3, "malformed")]


def test_sidecar_row_naming_a_file_too_long_for_the_file_system_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    long_name = "n" * 300 + ".txt"  # over the usual 255-byte limit of a file name
    (tmp_path / "metadata.csv").write_text(f"file,outlet\na.txt,Gazette\n{long_name},Herald\n")
    sidecar = load_sidecar(tmp_path, max_bytes=10_000)
    assert sidecar is not None
    assert [(Path(p.source).name, p.line) for p in sidecar.problems] == [("metadata.csv", 3)]
    assert "not in" in sidecar.problems[0].message
