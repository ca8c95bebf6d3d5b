"""read_paths: every format, folders, stdin; bad inputs become Problems and reading goes on."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import os
import time
import tracemalloc
from pathlib import Path

from crosswire.ingest import infer_outlet, parse_dateline, read_paths, readers, sidecar
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


def _gzip(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


def test_readers_deeply_nested_json_keeps_the_records_around_it(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = "".join(json.dumps({"text": f"Report {n}."}) + "\n" for n in (1, 2, 3))
    path.write_text(good + "[" * 100_000 + "\n" + '{"text": "n", "n": ' + "1" * 5000 + "}\n"
                    + json.dumps({"text": "After."}) + "\n")
    (tmp_path / "deep.json").write_text('{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    articles, problems = _read(path, tmp_path / "deep.json")
    assert [(a.text, a.line) for a in articles] == [
        ("Report 1.", 1), ("Report 2.", 2), ("Report 3.", 3), ("After.", 6)]
    assert [(Path(p.source).name, p.line, p.kind) for p in problems] == [
        ("batch.jsonl", 4, "malformed"), ("batch.jsonl", 5, "malformed"), ("deep.json", None, "malformed")]
    assert "nested too deeply" in problems[0].message and "4,300 digits" in problems[1].message


def test_readers_unpaired_surrogate_escape_is_a_problem_and_pairs_are_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "Before."}\n{"text": "Bad \\ud800 half."}\n{"text": "Emoji \\ud83d\\ude00."}\n'
                    '{"text": "Fine.", "title": "\\udfff"}\n')
    articles, problems = _read(path)
    assert [(a.text, a.line) for a in articles] == [("Before.", 1), ("Emoji \U0001F600.", 3)]
    assert [(p.line, p.kind) for p in problems] == [(2, "malformed"), (4, "malformed")]
    assert "surrogate" in problems[0].message


def test_readers_nul_byte_spoils_only_its_line_in_line_formats(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'{"text": "One."}\n{"text": "Tw\x00o."}\n{"text": "Three."}\n')
    (tmp_path / "b.csv").write_bytes(b'text\nOne.\n"Tw\x00o."\nThree.\n')
    (tmp_path / "c.txt").write_bytes(b"A report\x00 with a NUL.")
    articles, problems = _read(tmp_path / "a.jsonl", tmp_path / "b.csv", tmp_path / "c.txt")
    assert [(Path(a.source).name, a.line, a.text) for a in articles] == [
        ("a.jsonl", 1, "One."), ("a.jsonl", 3, "Three."), ("b.csv", 2, "One."), ("b.csv", 4, "Three.")]
    assert [(Path(p.source).name, p.line, p.kind) for p in problems] == [
        ("a.jsonl", 2, "malformed"), ("b.csv", 3, "binary"), ("c.txt", None, "binary")]


def test_readers_binary_file_named_jsonl_is_one_problem(tmp_path: Path) -> None:
    undefined_in_cp1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # so it decodes, as a legacy guess
    (tmp_path / "a.jsonl").write_bytes(bytes(b for b in range(256) if b not in undefined_in_cp1252) * 400)
    _, problems = _read(tmp_path / "a.jsonl")
    assert len(problems) == sidecar.MAX_LEADING_BAD_LINES + 1
    assert "first 20 lines" in problems[-1].message


def test_readers_line_in_another_encoding_spoils_no_other_line(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes('{"text": "Straße."}\n'.encode() + '{"text": "Café."}\n'.encode("cp1252")
                                       + b"\xff\xfe\x00\n" + '{"text": "Ünïcode."}\n'.encode())
    articles, problems = _read(tmp_path / "a.jsonl")
    assert [(a.line, a.text) for a in articles] == [(1, "Straße."), (2, "Café."), (4, "Ünïcode.")]
    assert [(p.line, p.kind) for p in problems] == [(3, "malformed")]


def test_readers_csv_rows_after_blank_lines_keep_their_line(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("text,title\n\nOne.,T1\n\n\nTwo.,\n", newline="")
    articles, problems = _read(tmp_path / "a.csv")
    assert [(a.line, a.text) for a in articles] == [(3, "One."), (6, "Two.")] and not problems


def test_readers_overlong_line_or_row_is_skipped_and_the_next_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sidecar, "MAX_LINE_CHARS", 1000)
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps({"text": t}) for t in ("One.", "x" * 2000, "Three.")))
    (tmp_path / "b.csv").write_text(f'text\nOne.\n"{"word " * 400}"\nThree.\n', newline="")
    articles, problems = _read(tmp_path / "a.jsonl", tmp_path / "b.csv")
    assert [(a.source, a.line) for a in articles] == [
        (str(tmp_path / "a.jsonl"), 1), (str(tmp_path / "a.jsonl"), 3),
        (str(tmp_path / "b.csv"), 2), (str(tmp_path / "b.csv"), 4)]
    assert [(Path(p.source).name, p.line, p.kind) for p in problems] == [
        ("a.jsonl", 2, "too_large"), ("b.csv", 3, "too_large")]


def test_readers_csv_field_over_the_csv_module_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long = "word " * 60_000  # 300 KB, over csv's default 128 KB field limit
    path.write_text(f'id,text\na,One.\nb,"{long}"\nc,Three.\n', newline="")
    articles, problems = _read(path)
    assert not problems and [(a.id, len(a.text)) for a in articles] == [("a", 4), ("b", len(long)), ("c", 6)]


def test_readers_record_count_limit_stops_with_one_problem(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sidecar, "MAX_RECORDS", 2)
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"text": f"R{n}."}) + "\n" for n in range(5)))
    (tmp_path / "b.json").write_text(json.dumps([{"text": f"R{n}."} for n in range(5)]))
    (tmp_path / "c.csv").write_text("text\n" + "".join(f"R{n}.\n" for n in range(5)))
    articles, problems = _read(tmp_path)
    assert len(articles) == 6
    assert [(Path(p.source.split(" ")[0]).name, p.line, p.kind) for p in problems] == [
        ("a.jsonl", 3, "too_large"), ("b.json", None, "too_large"), ("c.csv", 4, "too_large")]
    assert "item 3" in problems[1].source and "stopped" in problems[0].message


def test_readers_gzipped_files_read_as_their_inner_format(tmp_path: Path) -> None:
    _gzip(tmp_path / "a.html.gz", b"<html><body><p>VIENNA - A report given as a gzipped web page.</p></body></html>")
    _gzip(tmp_path / "b.jsonl.gz", b'{"text": "One."}\n{"text": "Two."}\n')
    _gzip(tmp_path / "c.TXT.GZ", "Caf\u00e9 report.".encode())
    _gzip(tmp_path / "README.md.gz", b"Docs.")
    articles, problems = _read(tmp_path)
    assert not problems
    assert [(a.id, a.text[:9]) for a in articles] == [
        ("a", "VIENNA - "), ("b-1", "One."), ("b-2", "Two."), ("c", "Caf\u00e9 repo")]
    named, _ = _read(tmp_path / "README.md.gz")  # a file named explicitly is read
    assert [(a.id, a.text) for a in named] == [("README", "Docs.")]


def test_readers_gzip_bomb_and_corrupt_gzip_are_problems(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(64):
            handle.write(bytes(1024 * 1024))  # 64 MB of zeros, about 64 KB compressed
    ok = _gzip(tmp_path / "ok.txt.gz", b"A complete report.\n" * 100)
    (tmp_path / "cut.txt.gz").write_bytes(ok.read_bytes()[:30])
    (tmp_path / "fake.txt.gz").write_text("not compressed at all")
    tracemalloc.start()
    started = time.perf_counter()
    articles, problems = _read(tmp_path, max_bytes=1024 * 1024)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.id for a in articles] == ["ok"]
    assert [(Path(p.source).name, p.kind) for p in problems] == [
        ("bomb.txt.gz", "too_large"), ("cut.txt.gz", "malformed"), ("fake.txt.gz", "malformed")]
    assert "uncompressed" in problems[0].message and "gzip" in problems[1].message
    assert elapsed < 5 and peak < 4 * 1024 * 1024


def test_readers_gzipped_stdin_is_decompressed() -> None:
    (article,), problems = _read("-", stdin=io.BytesIO(gzip.compress(b'{"text": "Piped and zipped."}\n')))
    assert not problems and (article.id, article.text) == ("stdin", "Piped and zipped.")


def test_readers_symlink_loops_and_broken_links_are_problems(tmp_path: Path) -> None:
    (tmp_path / "self").symlink_to("self")
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "r.txt").write_text("Inner report.")
    (top / "sub" / "back").symlink_to(top)  # a loop through a linked folder
    (top / "a_link.txt").symlink_to(top / "sub" / "r.txt")
    (top / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (top / "me.txt").symlink_to("me.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("Outside report.")
    (top / "linked").symlink_to(outside)
    articles, problems = _read(tmp_path / "self", top)
    assert [a.source for a in articles] == [
        str(top / "a_link.txt"), str(top / "linked" / "o.txt"), str(top / "sub" / "r.txt")]
    assert [(p.source, p.kind) for p in problems] == [
        (str(tmp_path / "self"), "loop"), (str(top / "broken.txt"), "broken_link"),
        (str(top / "me.txt"), "loop"), (str(top / "sub" / "back"), "loop")]
    assert str(tmp_path / "gone.txt") in problems[1].message


def test_readers_every_skipped_file_is_logged(tmp_path: Path, caplog) -> None:
    for name in (".hidden.txt", "README.md", "notes.pdf", "metadata.csv", "r.txt"):
        (tmp_path / name).write_text("file,outlet\n" if name == "metadata.csv" else "Text.")
    with caplog.at_level(logging.INFO, logger="crosswire.ingest.readers"):
        articles, problems = _read(tmp_path)
    assert [a.id for a in articles] == ["r"] and not problems
    skipped = {Path(r.args[0]).name: r.args[1] for r in caplog.records if r.msg.startswith("skipped")}
    assert sorted(skipped) == [".hidden.txt", "README.md", "metadata.csv", "notes.pdf"]
    assert skipped[".hidden.txt"] == "hidden" and "documentation" in skipped["README.md"]


def test_readers_folder_depth_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_FOLDER_DEPTH", 2)
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.txt").write_text("Two down.")
    (deep / "r.txt").write_text("Three down.")
    articles, (problem,) = _read(tmp_path)
    assert [a.text for a in articles] == ["Two down."]
    assert (problem.source, problem.kind) == (str(deep), "too_deep")
