"""Paths in, articles and problems out: files by format, folders recursively, stdin by sniffing.

Every bad input becomes a ``Problem`` in the stream and reading goes on; nothing here raises for
a bad file, so one broken report cannot stop a run over a million good ones. A file in a folder
that is not read (hidden, sidecar, documentation, another format) is logged at INFO, so ``-v``
shows why a report was not picked up.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from typing import BinaryIO, TextIO

from crosswire.ingest.decode import MAX_BYTES, read_file, read_stream
from crosswire.ingest.frontmatter import split_front_matter
from crosswire.ingest.gzipped import GZIP_SUFFIX, content_name
from crosswire.ingest.html import extract_html
from crosswire.ingest.sidecar import (
    SIDECAR_NAMES,
    Metadata,
    Sidecar,
    clean_metadata,
    csv_records,
    json_error,
    jsonl_records,
    load_sidecar,
    metadata_for,
    parse_json,
    too_many_records,
)
from crosswire.model import Article, Problem

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
CSV_SUFFIXES = frozenset({".csv"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
LINE_SUFFIXES = JSONL_SUFFIXES | CSV_SUFFIXES  # one record per line: a bad line spoils only itself
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES
# A corpus folder often carries its own documentation; those files describe the reports, they are
# not reports. (A file named explicitly on the command line is always read.)
DOCUMENTATION_STEMS = frozenset({"readme", "license", "licence", "changelog", "copying", "notice"})
STDIN = "-"
STDIN_SOURCE = "<stdin>"
STDIN_STEM = "stdin"
# A collection is a few folders deep (outlet/year/month). A tree deeper than this is generated, or
# loops in a way inode numbers do not show (some network file systems); reading stops there.
MAX_FOLDER_DEPTH = 64

LOGGER = logging.getLogger(__name__)

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
        value = parse_json(text)
    except ValueError as err:
        reason, line = json_error(err)
        yield Problem(source, f"is not valid JSON ({reason}); fix it", line=line, kind="malformed")
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
        if stop := too_many_records(number, where):
            yield stop
            return
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


def _parse(text: str, source: str, path: PurePath, extra: Metadata) -> Iterator[Item]:
    name = content_name(path)
    suffix = name.suffix.lower()
    reader = next((read for suffixes, read in _FORMATS if suffix in suffixes), _read_plain)
    yield from reader(text, source, name.stem, extra)


def _sniff(text: str) -> str:
    """The format of an unnamed text (stdin) from how it starts."""
    head = text.lstrip()[:200]
    if head.startswith("{"):
        try:
            return ".json" if isinstance(parse_json(text), dict) else ".jsonl"
        except ValueError:
            return ".jsonl"  # one object per line: each line is parsed (and reported) on its own
    if head.startswith("["):
        return ".json"
    if _HTML_START.match(head):
        return ".html"
    return ".txt"


def _skip_reason(name: str) -> str | None:
    """Why a file found in a folder is not read as a report; None when it is read."""
    if name in SIDECAR_NAMES:
        return "sidecar (read as metadata for the folder's reports)"
    content = content_name(PurePath(name))
    if content.stem.lower() in DOCUMENTATION_STEMS:
        return "documentation, not a report (name the file to read it)"
    if content.suffix.lower() not in ARTICLE_SUFFIXES:
        return (f"not a report format ({', '.join(sorted(ARTICLE_SUFFIXES))}, each also {GZIP_SUFFIX}); "
                "name the file to read it as text")
    return None


def _status(path: Path) -> os.stat_result | Problem:
    """What ``path`` names, links followed; a Problem when nothing can be read there."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return Problem(str(path), f"is a link to {os.readlink(path)}, which does not exist; fix or "
                           "remove the link", kind="broken_link")
        return Problem(str(path), "does not exist; check the path", kind="missing")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Problem(str(path), "is a symbolic link that leads back to itself; fix or remove "
                           "the link", kind="loop")
        return Problem(str(path), f"cannot be read ({err.strerror or err}); check its permissions",
                       kind="unreadable")


def _skipped(path: Path, reason: str) -> None:
    LOGGER.info("skipped %s: %s", path, reason)


class _Reader:
    """One ``read_paths`` call: its size limit, each folder's sidecar loaded once, the folders read."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._sidecars: dict[Path, Sidecar | None] = {}
        self._folders: dict[tuple[int, int], Path] = {}  # (st_dev, st_ino) of each folder read

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
        text = read_file(path, self.max_bytes, lines=content_name(path).suffix.lower() in LINE_SUFFIXES)
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

    def path(self, path: Path) -> Iterator[Item]:
        """A path named explicitly: a folder, or a file read whatever its suffix."""
        status = _status(path)
        if isinstance(status, Problem):
            yield status
        elif stat.S_ISDIR(status.st_mode):
            yield from self.directory(path, status, (), {})
        elif stat.S_ISREG(status.st_mode):
            yield from self.named_file(path)
        else:
            yield Problem(str(path), "is not a regular file (a pipe or device?); pass a file, a "
                          "folder, or - for stdin", kind="unreadable")

    def directory(self, directory: Path, status: os.stat_result, outer: tuple[tuple[Path, Sidecar], ...],
                  ancestors: Mapping[tuple[int, int], Path]) -> Iterator[Item]:
        """A folder, recursively, in name order (deterministic across file systems), following
        symlinks. A folder is read once: one that leads back to a folder containing it is a loop,
        one reached again another way is skipped. ``ancestors``: the folders it is inside."""
        key = (status.st_dev, status.st_ino)
        if key in ancestors:
            yield Problem(str(directory), f"leads back to {ancestors[key]}, a folder that contains it "
                          "(a loop); it is not read again; remove the link", kind="loop")
            return
        if key in self._folders:
            _skipped(directory, f"the same folder as {self._folders[key]}, already read")
            return
        if len(ancestors) > MAX_FOLDER_DEPTH:
            yield Problem(str(directory), f"is more than {MAX_FOLDER_DEPTH} folders deep; it is not "
                          "read; move its reports higher up", kind="too_deep")
            return
        self._folders[key] = directory
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
        inside = {**ancestors, key: directory}
        for entry in entries:
            path = directory / entry.name
            if entry.name.startswith("."):
                _skipped(path, "hidden")
                continue
            found = _status(path)
            if isinstance(found, Problem):
                yield found
            elif stat.S_ISDIR(found.st_mode):
                yield from self.directory(path, found, sidecars, inside)
            elif not stat.S_ISREG(found.st_mode):
                _skipped(path, "not a regular file (a pipe, socket or device)")
            elif reason := _skip_reason(entry.name):
                _skipped(path, reason)
            else:
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
        yield from reader.path(Path(raw))
