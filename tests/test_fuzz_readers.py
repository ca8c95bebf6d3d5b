"""Fuzz: every reader, fed good records beside hostile ones.

What ``read_paths`` promises for any input: it never raises; it yields only Articles and
Problems; every Problem names its file (and, in a line format, its line); and a good record
beside a bad one still comes out as an Article with its text exactly as given.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path

from fuzz_strategies import (
    bad_bytes,
    bad_json_line,
    good_text,
    hostile_text,
    metadata_value,
    share,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from crosswire.ingest import read_paths
from crosswire.model import Article, Problem

LINE_FORMATS = (".jsonl", ".csv")
NEWLINES = ("\n", "\r\n")
# Marks a page's script source: it must never become article text.
SCRIPT_MARK = "SCRIPT_SOURCE_MARK"

Item = Article | Problem
# A good record: its text and the title it gives (None: no title field).
Good = tuple[str, str | None]


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder per example (pytest's tmp_path is one per test, shared by all examples)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read(paths: Sequence[str | Path], **kwargs) -> list[Item]:
    items = list(read_paths([str(p) for p in paths], **kwargs))
    assert all(isinstance(item, (Article, Problem)) for item in items), items
    return items


def articles(items: list[Item]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def assert_problems_located(items: list[Item], source: str, line_format: bool) -> None:
    """Every Problem names ``source``; in a line format each names its line too, unless it is a
    verdict on the whole file (then it is all the file yields)."""
    problems = [item for item in items if isinstance(item, Problem)]
    assert all(p.source.startswith(source) for p in problems), problems
    if line_format and items != problems[:1]:
        assert all(p.line is not None and p.line >= 1 for p in problems), problems


def assert_good_records(items: list[Item], goods: list[Good], lines: list[int] | None) -> None:
    """The articles are the good records, in order, each text exactly as given."""
    found = articles(items)
    assert [a.text for a in found] == [text for text, _ in goods]
    for article, (_, title) in zip(found, goods):
        assert article.title == ((title or "").strip() or None)
    if lines is not None:
        assert [a.line for a in found] == lines


title = st.one_of(st.none(), hostile_text)
good_records = st.tuples(good_text, title)


def jsonl_line(record: Good, ascii_only: bool) -> str:
    text, title_ = record
    fields = {"text": text} if title_ is None else {"title": title_, "text": text}
    return json.dumps(fields, ensure_ascii=ascii_only)


@st.composite
def jsonl_file(draw: st.DrawFn, bad_line: st.SearchStrategy[bytes] = bad_json_line.map(str.encode)
               ) -> tuple[bytes, list[Good], list[int]]:
    """JSONL bytes mixing good records and bad lines, the good records and their line numbers."""
    entries = draw(st.lists(st.one_of(good_records, bad_line), max_size=8))
    newline = draw(st.sampled_from(NEWLINES)).encode()
    ascii_only = draw(st.booleans())
    lines, goods, numbers = [], [], []
    for entry in entries:
        if isinstance(entry, tuple):
            goods.append(entry)
            numbers.append(len(lines) + 1)
            lines.append(jsonl_line(entry, ascii_only).encode("utf-8"))
        else:
            lines.append(entry)
    data = newline.join(lines)
    # a byte-order mark opening a file names its encoding (decode.py): bad bytes that happen to open
    # with one make the whole file UTF-16/32, where the good lines are no longer good
    assume(not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))  # UTF-32's start alike
    return data, goods, numbers


# A CSV row that is no article: empty or blank text, missing cells, a stray cell, a bad date.
bad_csv_row = st.one_of(
    st.tuples(st.sampled_from(["", " ", "\n\t"]), hostile_text).map(lambda r: [r[0], r[1]]),
    st.just([]),
    st.lists(hostile_text, min_size=3, max_size=5).map(lambda cells: ["", *cells]),
)


@st.composite
def csv_file(draw: st.DrawFn) -> tuple[str, list[Good], list[int]]:
    """A CSV (text, title columns) mixing good and bad rows, the good rows and their start lines."""
    entries = draw(st.lists(st.one_of(good_records, bad_csv_row), max_size=8))
    newline = draw(st.sampled_from(NEWLINES))
    out = io.StringIO()
    # csv.writer quotes a field only for the characters of its own line terminator, but every CSV
    # reader (and RFC 4180) ends a record at any bare CR or LF: a field holding one must be quoted
    bare_breaks = any("\r" in (v or "") or "\n" in (v or "") for e in entries for v in e)
    writer = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_ALL if bare_breaks else csv.QUOTE_MINIMAL)
    writer.writerow(["text", "title"])
    goods, numbers = [], []
    for entry in entries:
        if isinstance(entry, tuple):
            goods.append(entry)
            # csv counts physical lines as Python's universal newlines split them
            numbers.append(1 + len(re.findall(r"\r\n|\r|\n", out.getvalue())))
            writer.writerow([entry[0], entry[1] or ""])
        else:
            writer.writerow(entry)
    return out.getvalue(), goods, numbers


def assert_jsonl_read(case: tuple[bytes, list[Good], list[int]]) -> None:
    data, goods, numbers = case
    with folder() as tmp:
        path = tmp / "wire.jsonl"
        path.write_bytes(data)
        items = read([path])
    assert_problems_located(items, str(path), line_format=True)
    assert_good_records(items, goods, numbers)


@given(jsonl_file())
@share(1.0)
def test_fuzz_jsonl_keeps_good_lines_beside_bad_ones(case: tuple[bytes, list[Good], list[int]]) -> None:
    assert_jsonl_read(case)


@given(jsonl_file(bad_line=bad_bytes.map(lambda line: line.replace(b"\n", b" "))))
@share(1.0)
def test_fuzz_jsonl_keeps_good_lines_beside_bad_bytes(case: tuple[bytes, list[Good], list[int]]) -> None:
    """Binary, truncated UTF-8, another encoding or a NUL on one line costs that line only."""
    assert_jsonl_read(case)


@given(csv_file())
@share(1.0)
def test_fuzz_csv_keeps_good_rows_beside_bad_ones(case: tuple[str, list[Good], list[int]]) -> None:
    text, goods, numbers = case
    with folder() as tmp:
        path = tmp / "wire.csv"
        path.write_text(text, encoding="utf-8", newline="")
        items = read([path])
    assert_problems_located(items, str(path), line_format=True)
    assert_good_records(items, goods, numbers)


@given(st.lists(st.one_of(good_records, st.one_of(
    st.none(), st.integers(), hostile_text, st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["title", "text"]), metadata_value, max_size=2)
    .filter(lambda d: not (isinstance(d.get("text"), str) and d["text"].strip())))), max_size=8))
@share(1.0)
def test_fuzz_json_list_keeps_good_items_beside_bad_ones(entries: list) -> None:
    goods = [e for e in entries if isinstance(e, tuple)]
    value = [jsonl_line(e, True) if isinstance(e, tuple) else json.dumps(e) for e in entries]
    with folder() as tmp:
        path = tmp / "wire.json"
        path.write_text("[" + ",\n".join(value) + "]", encoding="utf-8")
        items = read([path])
    assert_problems_located(items, str(path), line_format=False)
    assert_good_records(items, goods, None)


@st.composite
def whole_file(draw: st.DrawFn) -> tuple[str, bytes, Good | None]:
    """A whole-file report: (file name suffix, bytes, the good record it holds or None)."""
    text, title_ = draw(good_records)
    kind = draw(st.sampled_from(["txt", "md", "front", "json", "bad", "empty"]))
    if kind in ("txt", "md"):
        return f".{kind}", text.encode("utf-8"), (text, None)
    if kind == "front":
        one_line = " ".join(["T", *(title_ or "").split()])  # unquoted, on one line: taken as is
        front = f"---\ntitle: {one_line}\n---\n"
        return ".md", (front + text).encode("utf-8"), (text, one_line)
    if kind == "json":
        return ".json", jsonl_line((text, title_), draw(st.booleans())).encode("utf-8"), (text, title_)
    if kind == "bad":
        return draw(st.sampled_from([".txt", ".md", ".json", ".html"])), draw(bad_bytes), None
    empty = draw(st.sampled_from([b"", b" \n", b"\xef\xbb\xbf"]))
    return draw(st.sampled_from([".txt", ".json"])), empty, None


@given(st.lists(whole_file(), min_size=1, max_size=5))
@share(1.0)
def test_fuzz_folder_keeps_good_files_beside_bad_ones(files: list[tuple[str, bytes, Good | None]]) -> None:
    with folder() as tmp:
        for number, (suffix, data, _) in enumerate(files):
            (tmp / f"r{number:02d}{suffix}").write_bytes(data)
        items = read([tmp])
    for number, (suffix, _, good) in enumerate(files):
        source = str(tmp / f"r{number:02d}{suffix}")
        own = [i for i in items if i.source is not None and i.source.startswith(source)]
        assert_problems_located(own, source, line_format=False)
        if good is not None:
            assert_good_records(own, [good], None)


@given(hostile_text, hostile_text, st.booleans())
@share(0.5)
def test_fuzz_html_never_yields_script_source(text: str, title_: str, in_paragraph: bool) -> None:
    """A page's text comes from what a reader sees, never from its scripts, however hostile."""
    body = f"<p>{escape(text)}</p>" if in_paragraph else escape(text)
    page = (f"<html><head><title>{escape(title_)}</title><script>{SCRIPT_MARK}()</script></head>"
            f"<body><article>{body}<script>var x='{SCRIPT_MARK}';</script>"
            f"<svg onload=\"{SCRIPT_MARK}\"><script>{SCRIPT_MARK}</script></svg></article></body></html>")
    with folder() as tmp:
        path = tmp / "page.html"
        path.write_text(page, encoding="utf-8")
        items = read([path])
    assert_problems_located(items, str(path), line_format=False)
    assert not any(SCRIPT_MARK in (a.text + (a.title or "")) for a in articles(items))


@st.composite
def any_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """Any suffix crosswire reads (gzipped or not), with good, bad or broken content."""
    suffix = draw(st.sampled_from([".txt", ".md", ".jsonl", ".json", ".csv", ".html"]))
    data = draw(st.one_of(jsonl_file().map(lambda case: case[0]), bad_bytes, st.binary(max_size=64),
                          csv_file().map(lambda case: case[0].encode("utf-8")),
                          good_text.map(str.encode), bad_json_line.map(str.encode)))
    if draw(st.booleans()):
        suffix += ".gz"
        data = gzip.compress(data)
        data = data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data
    return suffix, data


@given(st.lists(any_file(), min_size=1, max_size=4), st.booleans())
@share(1.0)
def test_fuzz_any_input_reads_without_raising(files: list[tuple[str, bytes]], by_name: bool) -> None:
    """Whatever the bytes: no exception, only Articles and Problems, each Problem located."""
    with folder() as tmp:
        paths = [tmp / f"r{number:02d}{suffix}" for number, (suffix, _) in enumerate(files)]
        for path, (_, data) in zip(paths, files):
            path.write_bytes(data)
        items = read(paths if by_name else [tmp])
    for path in paths:
        own = [i for i in items if i.source is not None and i.source.startswith(str(path))]
        line_format = any(s in LINE_FORMATS for s in path.suffixes)
        assert_problems_located(own, str(path), line_format)
    assert all(any(i.source.startswith(str(p)) for p in paths) for i in items), items


@given(st.one_of(jsonl_file().map(lambda case: (".jsonl", case[0])),
                 csv_file().map(lambda case: (".csv", case[0].encode("utf-8"))),
                 good_text.map(lambda text: (".txt", text.encode("utf-8")))))
@share(0.5)
def test_fuzz_gzip_reads_as_the_file_it_holds(case: tuple[str, bytes]) -> None:
    suffix, data = case
    with folder() as tmp:
        plain, packed = tmp / f"plain{suffix}", tmp / f"packed{suffix}.gz"
        plain.write_bytes(data)
        packed.write_bytes(gzip.compress(data))
        as_plain, as_packed = read([plain]), read([packed])

    def seen(items: list[Item]) -> list[tuple]:
        return [(type(i).__name__, getattr(i, "text", None), i.line) for i in items]

    assert seen(as_packed) == seen(as_plain)


@given(st.integers(1, 64), st.sampled_from([".txt", ".jsonl"]))
@share(0.2)
def test_fuzz_gzip_bomb_is_refused_within_the_size_limit(ratio: int, suffix: str) -> None:
    """A small .gz that inflates past the limit is refused as too large, never inflated whole."""
    limit = 64 * 1024
    with folder() as tmp:
        path = tmp / f"bomb{suffix}.gz"
        path.write_bytes(gzip.compress(b"{\"text\": \"" + b"a" * (limit * ratio) + b"\"}"))
        items = read([path], max_bytes=limit)
    assert [(type(i), getattr(i, "kind", None)) for i in items] == [(Problem, "too_large")]
    assert_problems_located(items, str(path), line_format=False)


@given(st.one_of(jsonl_file(), bad_bytes.map(lambda data: (data, [], []))), st.booleans())
@share(1.0)
def test_fuzz_stdin_reads_like_a_file(case: tuple[bytes, list[Good], list[int]], as_text: bool) -> None:
    """stdin (bytes or text) never raises; problems name "<stdin>"; JSON Lines that start with a
    good record keep every good record exactly."""
    data, goods, numbers = case
    stream = io.StringIO(data.decode("utf-8", "replace")) if as_text else io.BytesIO(data)
    items = read(["-"], stdin=stream)
    assert_problems_located(items, "<stdin>", line_format=False)
    if numbers[:1] == [1] and not as_text:
        assert_good_records(items, goods, None)


# A sidecar row: the file it describes (or none, or one that is not there) and hostile metadata.
sidecar_row = st.fixed_dictionaries(
    {"file": st.one_of(st.sampled_from(["a.txt", "b.txt", "missing.txt", "", "../a.txt"]), hostile_text)},
    optional={"title": metadata_value, "outlet": metadata_value, "published": metadata_value,
              "id": metadata_value})


@st.composite
def sidecar(draw: st.DrawFn) -> tuple[str, bytes]:
    """metadata.csv or metadata.jsonl with good, bad and broken rows."""
    rows = draw(st.lists(sidecar_row, max_size=6))
    if draw(st.booleans()):
        lines = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
        lines += draw(st.lists(st.one_of(bad_json_line.map(str.encode), bad_bytes), max_size=2))
        return "metadata.jsonl", b"\n".join(lines)
    out = io.StringIO()
    writer = csv.DictWriter(out, ["file", "title", "outlet", "published", "id"])
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    return "metadata.csv", out.getvalue().encode("utf-8")


@given(sidecar(), good_text, good_text)
@share(1.0)
def test_fuzz_sidecar_never_costs_a_report(side: tuple[str, bytes], text_a: str, text_b: str) -> None:
    name, data = side
    with folder() as tmp:
        (tmp / "a.txt").write_text(text_a, encoding="utf-8", newline="")
        (tmp / "b.txt").write_text(text_b, encoding="utf-8", newline="")
        (tmp / name).write_bytes(data)
        items = read([tmp])
    side_items = [i for i in items if i.source == str(tmp / name)]
    assert_problems_located(side_items, str(tmp / name), line_format=True)
    assert [a.text for a in articles(items)] == [text_a, text_b]
