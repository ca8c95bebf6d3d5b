"""Paths in, articles and problems out: files by format, folders recursively, stdin by sniffing.

Every bad input becomes a ``Problem`` in the stream and reading goes on; nothing here raises for
a bad file, so one broken report cannot stop a run over a million good ones.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from crosswire.ingest.decode import MAX_BYTES, read_file, read_stream
from crosswire.ingest.frontmatter import split_front_matter
from crosswire.ingest.html import extract_html
from crosswire.ingest.sidecar import (
    SIDECAR_NAMES,
    Metadata,
    Sidecar,
    clean_metadata,
    csv_records,
    jsonl_records,
    load_sidecar,
    metadata_for,
)
from crosswire.model import Article, Problem

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
CSV_SUFFIXES = frozenset({".csv"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES
# A corpus folder often carries its own documentation; those files describe the reports, they are
# not reports. (A file named explicitly on the command line is always read.)
DOCUMENTATION_STEMS = frozenset({"readme", "license", "licence", "changelog", "copying", "notice"})
STDIN = "-"
STDIN_SOURCE = "<stdin>"
STDIN_STEM = "stdin"

Item = Article | Problem
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.IGNORECASE)


def _article(
    record: Mapping[str, object],
    *,
    source: str,
    default_id: str,
    extra: Metadata,
    line: int | None = None,
    field_lines: Mapping[str, int] | None = None,
    where: str | None = None,
) -> Iterator[Item]:
    """One article from a record with a ``text`` field; ``extra`` (sidecar metadata) fills gaps."""
    where = where or source
    text = record.get("text")
    if not isinstance(text, str):
        yield Problem(where, "has no 'text' field (a string with the article's text); add one",
                      line=line, kind="malformed")
        return
    if not text.strip():
        yield Problem(where, "has an empty 'text'; give the article's text or remove the record",
                      line=line, kind="empty")
        return
    fields, problems = clean_metadata(record, where, line, field_lines)
    yield from problems
    merged = {**extra, **fields}
    published = merged.get("published")
    yield Article(
        id=str(merged.get("id", default_id)),
        text=text,
        title=_text_field(merged, "title"),
        outlet=_text_field(merged, "outlet"),
        published=published if not isinstance(published, str) else None,
        url=_text_field(merged, "url"),
        source=source,
        line=line,
    )


def _text_field(fields: Metadata, key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) else None


def _read_plain(text: str, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    """A .txt/.md report: optional front matter, then the body exactly as given."""
    front = split_front_matter(text, source)
    yield from front.problems
    body = text[front.body_start :]
    if not body.strip():
        yield Problem(source, "has front matter but no text after it; add the report's text",
                      kind="empty")
        return
    record = {**front.fields, "text": body}
    yield from _article(record, source=source, default_id=stem, extra=extra, field_lines=front.lines)


def _line_records(records: Iterable, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    """Articles from ``(line, fields)`` records (problems pass through); ids default to stem-line."""
    for record in records:
        if isinstance(record, Problem):
            yield record
            continue
        line, fields = record
        yield from _article(fields, source=source, default_id=f"{stem}-{line}", extra=extra, line=line)


def _read_jsonl(text: str, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    return _line_records(jsonl_records(text, source), source, stem, extra)


def _read_csv(text: str, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    return _line_records(csv_records(text, source, "text"), source, stem, extra)


def _read_json(text: str, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    """A JSON file: one article object, or a list of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        yield Problem(source, f"is not valid JSON ({err.msg}, column {err.colno}); fix it",
                      line=err.lineno, kind="malformed")
        return
    if isinstance(value, dict):
        yield from _article(value, source=source, default_id=stem, extra=extra)
        return
    if not isinstance(value, list):
        yield Problem(source, "holds neither an article object nor a list of them; write "
                      '[{"text": ...}, ...]', kind="malformed")
        return
    for number, item in enumerate(value, start=1):
        where = f"{source} (item {number})"
        if not isinstance(item, dict):
            yield Problem(where, "is not a JSON object; write {\"text\": ...}", kind="malformed")
            continue
        yield from _article(item, source=source, default_id=f"{stem}-{number}", extra=extra,
                            where=where)


def _read_html(text: str, source: str, stem: str, extra: Metadata) -> Iterator[Item]:
    document = extract_html(text)
    if document is None:
        yield Problem(source, "has no readable text in its HTML; check it is an article page "
                      "(not an index, a login wall or a script-only page)", kind="empty")
        return
    record = {
        "text": document.text,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published,
        "url": document.url,
    }
    yield from _article(record, source=source, default_id=stem, extra=extra)


_FORMATS = (
    (JSONL_SUFFIXES, _read_jsonl),
    (JSON_SUFFIXES, _read_json),
    (CSV_SUFFIXES, _read_csv),
    (HTML_SUFFIXES, _read_html),
)


def _parse(text: str, source: str, path: Path, extra: Metadata) -> Iterator[Item]:
    suffix = path.suffix.lower()
    reader = next((read for suffixes, read in _FORMATS if suffix in suffixes), _read_plain)
    yield from reader(text, source, path.stem, extra)


def _sniff(text: str) -> str:
    """The format of an unnamed text (stdin) from how it starts."""
    head = text.lstrip()[:200]
    if head.startswith("{"):
        try:
            return ".json" if isinstance(json.loads(text), dict) else ".jsonl"
        except json.JSONDecodeError:
            return ".jsonl"  # one object per line: each line is parsed (and reported) on its own
    if head.startswith("["):
        return ".json"
    if _HTML_START.match(head):
        return ".html"
    return ".txt"


def _is_article_file(name: str) -> bool:
    path = Path(name)
    if name.startswith(".") or name in SIDECAR_NAMES:
        return False
    if path.stem.lower() in DOCUMENTATION_STEMS:
        return False
    return path.suffix.lower() in ARTICLE_SUFFIXES


class _Reader:
    """One ``read_paths`` call: its size limit, and each folder's sidecar loaded once."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._sidecars: dict[Path, Sidecar | None] = {}

    def sidecar(self, directory: Path) -> Iterator[Problem | Sidecar]:
        """The folder's sidecar (yielding its problems the first time it is loaded)."""
        if directory not in self._sidecars:
            loaded = load_sidecar(directory, self.max_bytes)
            self._sidecars[directory] = loaded
            if loaded is not None:
                yield from loaded.problems
        if (found := self._sidecars[directory]) is not None:
            yield found

    def file(self, path: Path, sidecars: tuple[tuple[Path, Sidecar], ...]) -> Iterator[Item]:
        text = read_file(path, self.max_bytes)
        if isinstance(text, Problem):
            yield text
            return
        yield from _parse(text, str(path), path, metadata_for(path, sidecars))

    def named_file(self, path: Path) -> Iterator[Item]:
        """A file named explicitly: read whatever its suffix, with its folder's sidecar."""
        sidecars: tuple[tuple[Path, Sidecar], ...] = ()
        for item in self.sidecar(path.parent):
            if isinstance(item, Sidecar):
                sidecars = ((path.parent, item),)
            else:
                yield item
        yield from self.file(path, sidecars)

    def directory(self, directory: Path, outer: tuple[tuple[Path, Sidecar], ...] = ()) -> Iterator[Item]:
        """A folder, recursively, in name order (deterministic across file systems); hidden files,
        sidecars, documentation and unknown formats are skipped, and symlinked folders are not
        followed (they can loop)."""
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as err:
            yield Problem(str(directory), f"cannot be listed ({err.strerror or err}); check its "
                          "permissions", kind="unreadable")
            return
        sidecars = outer
        for item in self.sidecar(directory):
            if isinstance(item, Sidecar):
                sidecars = ((directory, item), *outer)
            else:
                yield item
        for entry in entries:
            path = directory / entry.name
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from self.directory(path, sidecars)
            elif entry.is_file() and _is_article_file(entry.name):
                yield from self.file(path, sidecars)

    def stdin(self, stream: TextIO | BinaryIO | None) -> Iterator[Item]:
        if stream is None:
            yield Problem(STDIN_SOURCE, "is not available (no standard input); pass file paths "
                          "instead", kind="missing")
            return
        text = read_stream(stream, STDIN_SOURCE, self.max_bytes)
        if isinstance(text, Problem):
            yield text
            return
        yield from _parse(text, STDIN_SOURCE, Path(STDIN_STEM + _sniff(text)), {})


def _default_stdin() -> TextIO | BinaryIO | None:
    stream = sys.stdin
    return getattr(stream, "buffer", stream) if stream is not None else None


def read_paths(
    paths: Sequence[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article | Problem]:
    """Every article in ``paths`` (files, folders, or "-" for stdin), and a Problem for every bad
    input; never raises for a bad file."""
    reader = _Reader(max_bytes)
    for raw in paths:
        if str(raw) == STDIN:
            yield from reader.stdin(stdin if stdin is not None else _default_stdin())
            continue
        path = Path(raw)
        if path.is_dir():
            yield from reader.directory(path)
        elif path.is_file():
            yield from reader.named_file(path)
        elif path.exists():
            yield Problem(str(path), "is not a regular file (a pipe or device?); pass a file, a "
                          "folder, or - for stdin", kind="unreadable")
        else:
            yield Problem(str(path), "does not exist; check the path", kind="missing")
