"""read_paths: every format, folders, stdin; bad inputs become Problems and reading goes on."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

from crosswire.ingest import infer_outlet, parse_dateline, read_paths
from crosswire.model import Article, Problem

CORPUS = Path(__file__).parent / "fixtures" / "ingest" / "corpus"


def _split(items: list[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def _read(*paths: str | Path, **kwargs) -> tuple[list[Article], list[Problem]]:
    return _split(list(read_paths(list(paths), **kwargs)))


def test_readers_plain_text_kept_exactly(tmp_path: Path) -> None:
    text = "  DOVER - Ferries  resumed  on Friday.\r\n\n\tSecond paragraph.  \n\n"
    path = tmp_path / "ferry.txt"
    path.write_bytes(text.encode("utf-8"))
    (article,), problems = _read(path)
    assert not problems
    assert article.text == text
    assert (article.id, article.source, article.line) == ("ferry", str(path), None)


def test_readers_front_matter_fields_and_body(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: Ferries resume\noutlet: Port News\npublished: 2020-05-01T08:00:00Z\n"
                    "url: https://example.org/f\nid: pn-7\n---\n\nDOVER - Ferries resumed.\n")
    (article,), problems = _read(path)
    assert not problems
    assert article.text == "DOVER - Ferries resumed.\n"
    assert (article.id, article.title, article.outlet, article.url) == (
        "pn-7", "Ferries resume", "Port News", "https://example.org/f")
    assert article.published == dt.date(2020, 5, 1)


def test_readers_bad_date_keeps_article_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("---\npublished: 5 May 2020\n---\nText of the report.\n")
    (article,), (problem,) = _read(path)
    assert article.published is None and article.text == "Text of the report.\n"
    assert problem.kind == "invalid" and problem.line == 2 and "published" in problem.message


def test_readers_empty_binary_latin1_and_missing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "legacy.txt").write_bytes("A naïve café owner spoke.".encode("latin-1"))
    articles, problems = _read(tmp_path / "empty.txt", tmp_path / "blob.txt", tmp_path / "legacy.txt",
                               tmp_path / "missing.txt")
    assert [a.text for a in articles] == ["A naïve café owner spoke."]
    assert [p.kind for p in problems] == ["empty", "binary", "missing"]
    assert problems[2].source == str(tmp_path / "missing.txt")


def test_readers_too_large_file_is_reported_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    articles, (problem,) = _read(path)
    assert not articles and problem.kind == "too_large"
    articles, (problem,) = _read(path, max_bytes=1024)
    assert problem.kind == "too_large" and "30.0 MB, over the 1.0 KB limit" in problem.message


def test_readers_jsonl_malformed_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": "First report.", "outlet": "Wire A", "published": "2020-01-02"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"text": "Third report, no id."}),
        json.dumps({"id": "a4", "title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": 5, "text": "Numeric id.", "title": {"nested": 1}}),
    ]) + "\n")
    articles, problems = _read(path)
    assert [(a.id, a.line) for a in articles] == [("a1", 1), ("batch-3", 3), ("5", 7)]
    assert articles[0].published == dt.date(2020, 1, 2) and articles[0].outlet == "Wire A"
    assert articles[2].title is None
    assert [(p.line, p.kind) for p in problems] == [(2, "malformed"), (4, "malformed"), (5, "malformed"),
                                                   (7, "invalid")]
    assert all(p.source == str(path) for p in problems)


def test_readers_json_list_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": "One."}, {"text": " "}, 3, {"id": "x", "text": "Two."}]))
    (tmp_path / "one.json").write_text(json.dumps({"text": "Single.", "title": "T"}))
    (tmp_path / "bad.json").write_text("{oops")
    articles, problems = _read(tmp_path / "list.json", tmp_path / "one.json", tmp_path / "bad.json")
    assert [(a.id, a.text) for a in articles] == [("list-1", "One."), ("x", "Two."), ("one", "Single.")]
    assert [p.kind for p in problems] == ["empty", "malformed", "malformed"]
    assert "item 2" in problems[0].source and problems[2].line == 1


def test_readers_csv_rows_with_multiline_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('id,text,outlet\nr1,"Line one.\nLine two.",Gazette\nr2,,Gazette\n,Third.,\n', newline="")
    articles, problems = _read(path)
    assert [(a.id, a.text, a.outlet, a.line) for a in articles] == [
        ("r1", "Line one.\nLine two.", "Gazette", 2), ("rows-5", "Third.", None, 5)]
    assert [(p.kind, p.line) for p in problems] == [("empty", 4)]
    (tmp_path / "notext.csv").write_text("title,body\nx,y\n")
    _, (problem,) = _read(tmp_path / "notext.csv")
    assert problem.kind == "malformed" and "'text' column" in problem.message


def test_readers_directory_order_hidden_docs_and_sidecar() -> None:
    articles, problems = _read(CORPUS)
    assert not problems
    assert [a.id for a in articles] == ["a_report", "courier-flood-1", "wire-1", "c_wire-2"]
    by_id = {a.id: a for a in articles}
    # sidecar fills what the file does not give; the file's own values win
    assert by_id["a_report"].outlet == "Valley Herald"
    assert by_id["a_report"].published == dt.date(2021, 3, 2)
    assert by_id["courier-flood-1"].outlet == "Daily Courier"
    assert by_id["wire-1"].outlet == "Wire Service" and by_id["c_wire-2"].published == dt.date(2021, 3, 3)


def test_readers_skips_hidden_files_and_reads_named_files_with_their_sidecar(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("Never read.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Never read.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.txt").write_text("Bee.")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text("Zed.")
    articles, problems = _read(tmp_path)
    assert not problems and [a.text for a in articles] == ["Zed.", "Bee."]
    (article,), _ = _read(CORPUS / "a_report.txt")
    assert article.outlet == "Valley Herald"


def test_readers_sidecar_problems_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha.")
    (tmp_path / "metadata.csv").write_text("file,outlet,published\na.txt,Gazette,yesterday\nmissing.txt,X,\n")
    articles, problems = _read(tmp_path)
    assert [(a.outlet, a.published) for a in articles] == [("Gazette", None)]
    assert sorted((p.line, p.kind) for p in problems) == [(2, "invalid"), (3, "invalid")]
    assert any("missing.txt" in p.message for p in problems)


def test_readers_stdin_jsonl_text_and_html() -> None:
    jsonl = b'{"text": "One."}\n{"text": "Two.", "id": "b"}\nnot json\n'
    articles, problems = _read("-", stdin=io.BytesIO(jsonl))
    assert [(a.id, a.source, a.line) for a in articles] == [("stdin-1", "<stdin>", 1), ("b", "<stdin>", 2)]
    assert [(p.line, p.kind) for p in problems] == [(3, "malformed")]
    (article,), _ = _read("-", stdin=io.StringIO("OSLO - Plain text from a pipe.\n"))
    assert (article.id, article.text) == ("stdin", "OSLO - Plain text from a pipe.\n")
    html = "<html><body><p>VIENNA - A report given as a web page on standard input.</p></body></html>"
    (article,), _ = _read("-", stdin=io.StringIO(html))
    assert article.text.startswith("VIENNA - ") and "<" not in article.text


def test_readers_html_file_metadata_and_no_scripts() -> None:
    (article,), problems = _read(CORPUS.parent / "hostile.html")
    assert not problems
    assert article.id == "hostile" and article.title == "Bridge reopens after repairs"
    assert article.outlet == "Harbour Gazette" and article.published == dt.date(2022, 6, 14)
    assert article.url is None  # a javascript: address is not kept
    assert article.text.startswith("HARBOURTON - The old swing bridge")
    assert "PAYLOAD" not in article.text and "alert" not in article.text


def test_readers_seeds_metadata_datelines_and_outlets(seeds_dir: Path) -> None:
    articles, problems = _read(seeds_dir)
    assert not problems and len(articles) == 2
    afp, reuters = sorted(articles, key=lambda a: a.id)
    assert (afp.outlet, afp.published) == ("AFP", dt.date(2017, 10, 16))
    assert (reuters.outlet, reuters.published) == ("Reuters", None)
    for article, outlet in ((afp, "AFP"), (reuters, "Reuters")):
        assert article.text == (seeds_dir / Path(article.source).name).read_text(encoding="utf-8")
        dateline = parse_dateline(article.text)
        assert dateline is not None and dateline.place
        assert article.text[dateline.start : dateline.end].startswith(dateline.place)
        assert infer_outlet(article.text, dateline) == outlet
        assert infer_outlet(article.text, None) == outlet


def test_readers_non_regular_path_is_a_problem(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, (problem,) = _read(fifo)  # must not block reading a pipe nobody writes to
    assert problem.kind == "unreadable"
