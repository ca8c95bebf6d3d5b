"""``crosswire export``: flat tables built by the real pipeline from an invented two-report story, read
back through each format's own reader, with every span read back from its article."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire import export
from crosswire.cli import cli
from crosswire.errors import EXIT_OK, EXIT_USER_ERROR
from crosswire.model import SPEECH, Article, Briefing, to_dict
from crosswire.service import Service

# One fire, told by a cased wire report and a lowercased, tokenized corpus-form one (offsets then go
# through the restore stage's offset map); the death toll is updated, the title carries CSV's
# separators and quote marks.
WIRE = ("TARVIK - Fire swept through the Orlen textile mill in Tarvik on Tuesday, killing 12 workers and injuring "
        "about 40 others, the regional fire service said. \"The blaze spread through the drying hall in minutes,\" "
        "fire chief Anya Borsk told reporters. Police said 300 workers were evacuated from the Orlen mill.\n")
HERALD = ("tarvik ( herald ) - the death toll from the fire at the orlen textile mill in tarvik rose to 15 workers "
          "on wednesday , fire chief anya borsk said . about 40 others were injured when the fire swept through "
          "the mill 's drying hall , borsk said .\n")
ARTICLES = [Article("wire-1", WIRE, outlet="Wire", published=dt.date(2031, 5, 6), url="https://wire.example/1"),
            Article("herald-2", HERALD, title='Mill fire: toll rises to 15, "worst in years"',
                    published=dt.date(2031, 5, 7))]
TEXTS = {a.id: a.text for a in ARTICLES}
COLUMNS = {t.name: t.columns for t in export.TABLES}
PYTHON_TYPES = {"string": str, "int": int, "float": float, "bool": bool, "date": dt.date, "list[string]": list}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "x.db")
    with Service(path) as service:
        service.ingest_articles(ARTICLES)
    return path


@pytest.fixture(scope="module")
def briefing(db) -> Briefing:
    with Service(db) as service:
        return service.brief()


@pytest.fixture(scope="module")
def rows(briefing) -> dict[str, list[dict]]:
    return export.tables(briefing, {a.id: a for a in ARTICLES})


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_export_story_is_one_story_with_every_kind_of_row(briefing, rows):
    assert len(briefing.stories) == 1
    assert all(rows[t.name] for t in export.TABLES), {name: len(r) for name, r in rows.items()}


def test_export_rows_have_the_declared_columns_and_types(rows):
    for table in export.TABLES:
        for row in rows[table.name]:
            assert list(row) == [c.name for c in table.columns]
            for c in table.columns:
                assert (row[c.name] is None and c.nullable) or type(row[c.name]) is PYTHON_TYPES[c.type], (c, row)


def test_export_counts_match_the_briefing(briefing, rows):
    stories = briefing.stories
    assert len(rows["articles"]) == sum(len(s.articles) for s in stories)
    assert len(rows["entities"]) == sum(len(s.entities) for s in stories)
    assert len(rows["mentions"]) == sum(len(e.mentions) for s in stories for e in s.entities)
    assert len(rows["statements"]) == sum(q.kind == SPEECH for s in stories for q in s.quotes)  # no positions
    assert len(rows["figures"]) == sum(len(s.figures) for s in stories)
    assert len(rows["comparisons"]) == sum(len(s.comparisons) for s in stories)
    mentions = {e["entity"]: e["mentions"] for e in rows["entities"]}
    assert mentions == {e: sum(m["entity"] == e for m in rows["mentions"]) for e in mentions}
    assert {e["entity"]: e["reports"] for e in rows["entities"]} == {
        e: len({m["article"] for m in rows["mentions"] if m["entity"] == e}) for e in mentions}
    assert [a["chars"] for a in rows["articles"]] == [len(a.text) for a in ARTICLES]


def test_export_every_offset_reads_back_from_the_text_as_given(briefing, rows):
    for table in ("mentions", "statements"):
        for row in rows[table]:
            assert TEXTS[row["article"]][row["start"]:row["end"]] == row["text"], row
    given = {f.id: f.text for f in briefing.stories[0].figures}
    for row in rows["figures"]:
        assert TEXTS[row["article"]][row["start"]:row["end"]] == given[row["figure"]], row
    figure_ids = {f["figure"] for f in rows["figures"]}
    assert all(set(c["figures"]) <= figure_ids for c in rows["comparisons"])


def _csv_value(cell: str, column: export.Column):
    """A CSV cell decoded by the README's rules, independently of the writer."""
    if cell == "" and column.nullable:
        return None
    decode = {"int": int, "float": float, "bool": lambda s: {"true": True, "false": False}[s],
              "date": dt.date.fromisoformat, "list[string]": lambda s: s.split(export.LIST_SEPARATOR) if s else []}
    return decode.get(column.type, str)(cell)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_round_trips_through_each_formats_reader(db, rows, tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason='pyarrow is the optional extra "export"')
    with Service(db) as service:
        counts = service.export(tmp_path / "out", fmt)
    assert counts == {name: len(r) for name, r in rows.items()}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{t.name}.{fmt}" for t in export.TABLES)
    for table in export.TABLES:
        path = tmp_path / "out" / f"{table.name}.{fmt}"
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as f:
                header, *records = list(csv.reader(f))
            assert header == [c.name for c in table.columns]
            read = [{c.name: _csv_value(cell, c) for c, cell in zip(table.columns, record, strict=True)}
                    for record in records]
            assert read == rows[table.name]
        elif fmt == "jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            assert [json.loads(line) for line in lines] == to_dict(rows[table.name])
        else:
            import pyarrow.parquet as pq

            read = pq.read_table(path)
            assert read.column_names == [c.name for c in table.columns]
            assert read.to_pylist() == rows[table.name]


def test_export_parquet_without_pyarrow_names_the_extra(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    result = _run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_USER_ERROR
    assert 'pip install -e ".[export]"' in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_export_refuses_to_overwrite_unless_forced(db, tmp_path):
    out = tmp_path / "out"
    first = _run("export", "--db", db, "--format", "jsonl", "-o", str(out), "--json")
    assert first.exit_code == EXIT_OK, first.output
    counts = json.loads(first.stdout)
    assert list(counts) == [t.name for t in export.TABLES]
    assert f"{counts['figures']} rows in {out / 'figures.jsonl'}" in first.stderr
    (out / "mentions.jsonl").write_text("mine\n")
    refused = _run("export", "--db", db, "--format", "jsonl", "-o", str(out))
    assert refused.exit_code == EXIT_USER_ERROR
    assert f"{out / 'articles.jsonl'} exists; give --force" in refused.stderr
    assert (out / "mentions.jsonl").read_text() == "mine\n"
    forced = _run("export", "--db", db, "--format", "jsonl", "-o", str(out), "--force")
    assert forced.exit_code == EXIT_OK
    assert len((out / "mentions.jsonl").read_text().splitlines()) == counts["mentions"]


def test_cli_export_of_one_story_and_of_an_unknown_one(db, briefing, tmp_path):
    story = briefing.stories[0].id
    result = _run("export", "--db", db, "--story", story, "--format", "csv", "-o", str(tmp_path / "one"), "--json")
    assert result.exit_code == EXIT_OK
    assert json.loads(result.stdout)["articles"] == len(ARTICLES)
    unknown = _run("export", "--db", db, "--story", "nope", "--format", "csv", "-o", str(tmp_path / "none"))
    assert unknown.exit_code == EXIT_USER_ERROR and "no story nope" in unknown.stderr
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("db_name", ["x.db", "typo/x.db"])
def test_cli_export_from_a_missing_database_creates_nothing(tmp_path, db_name):
    result = _run("export", "--db", str(tmp_path / db_name), "--format", "csv", "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_USER_ERROR
    assert str(tmp_path / db_name) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_export_creates_only_the_last_folder(db, tmp_path):
    result = _run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "missing" / "out"))
    assert result.exit_code == EXIT_USER_ERROR
    assert f"{tmp_path / 'missing'} does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_readme_documents_every_column_with_its_type():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Export\n(.*?)^## ", readme, re.S | re.M)[1]
    for table in export.TABLES:
        assert f"**`{table.name}`**" in section
        for c in table.columns:
            assert f"| `{c.name}` | {c.type}{' or null' if c.nullable else ''} |" in section, (table.name, c)
