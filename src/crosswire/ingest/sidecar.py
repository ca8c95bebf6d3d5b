"""Article metadata: the fields a record may give, and sidecar files that give them per file.

A folder of plain reports usually carries no metadata in the reports themselves; a
``metadata.csv`` (or ``metadata.jsonl``) beside them, keyed by file name, supplies outlet, date,
title, url or id. A value a file gives itself wins over the sidecar's; an empty cell means unknown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from crosswire.ingest.decode import read_file
from crosswire.model import Problem

SIDECAR_NAMES = ("metadata.csv", "metadata.jsonl")
SIDECAR_KEY = "file"
TEXT_FIELDS = ("id", "title", "outlet", "url")  # published is parsed into a date
METADATA_FIELDS = (*TEXT_FIELDS, "published")

# An ISO date, optionally followed by a time ("2017-10-16T08:30:00Z"): the date as written is kept,
# the local date of publication, which is what "Monday" in the text is relative to.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")

# Limits on a line-oriented file (JSONL, CSV) or a JSON list, so that a file that is no news
# collection costs one Problem per bad record, never a crash, and the good records around a bad
# one are kept. A news article is 5-100 KB and a file is at most MAX_BYTES (20 MB) unless
# --max-bytes raises it.
# One JSONL line or CSV row (a CSV row may span lines): 10 M chars is a hundred long articles, and
# leaves room for JSON's \uXXXX escapes (six chars per letter of a non-Latin text written with
# ensure_ascii) on a text as long as analysis takes (analyze.pipeline.MAX_ANALYSIS_CHARS); only a
# runaway line hits it (a dump without line breaks, an embedded blob).
MAX_LINE_CHARS = 10_000_000
# Records read from one file: 20 MB of 5 KB articles is 4,000 records; 100,000 would average 200
# bytes, a headline rather than a report. Past it the file is something else (a log, a word list)
# and reading it stops with one Problem, not a hundred thousand.
MAX_RECORDS = 100_000
# A JSONL file whose first lines are all bad is not JSONL (a binary file, a misnamed CSV): after
# these many, one Problem says so instead of one per line.
MAX_LEADING_BAD_LINES = 20
# JSON nesting has no limit of its own: Python's parser raises RecursionError at about 1,000 levels
# (the interpreter's recursion limit), and an article record has two or three.

Metadata = dict[str, "str | dt.date"]
Record = tuple[int, Mapping[str, object]]  # (line number, fields) of a line-oriented format


def parse_published(value: object) -> dt.date | None:
    """A date from an ISO date or datetime string (or a date object); None if it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not (match := _ISO_DATE.fullmatch(value.strip())):
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:  # 2017-02-30
        return None


def clean_metadata(
    record: Mapping[str, object],
    source: str,
    line: int | None = None,
    field_lines: Mapping[str, int] | None = None,
) -> tuple[Metadata, list[Problem]]:
    """The metadata fields present in ``record``, normalised; a bad value is left out and reported,
    never a reason to drop the article."""
    fields: Metadata = {}
    problems: list[Problem] = []

    def warn(key: str, message: str) -> None:
        where = (field_lines or {}).get(key, line)
        problems.append(Problem(source, message, line=where, kind="invalid"))

    for key in METADATA_FIELDS:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "published":
            if (date := parse_published(value)) is None:
                warn(key, f"published {value!r} is not an ISO date (YYYY-MM-DD); the article is "
                     "kept without a date; write the date as YYYY-MM-DD")
            else:
                fields[key] = date
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            fields[key] = str(value).strip()
        else:
            warn(key, f"{key} must be a string, not {type(value).__name__}; the value is ignored")
    return fields, problems


@dataclass(frozen=True)
class Sidecar:
    """Metadata per file (keyed by path relative to the sidecar's folder) and what was wrong with it."""

    entries: dict[str, Metadata] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _key(value: str) -> str:
    return PurePosixPath(value.strip().replace("\\", "/")).as_posix()


# A JSON escape of a UTF-16 surrogate: paired ones make one character, a lone one none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_json(text: str) -> object:
    """``json.loads``, raising ValueError for every way a text can fail: beside JSONDecodeError, the
    parser raises RecursionError for nesting past the recursion limit and a plain ValueError for
    an integer longer than Python converts; and it is a ValueError too when a string holds an
    unpaired surrogate escape ("\\ud800" alone), which is no character and cannot be stored."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("arrays or objects nested too deeply") from None
    except ValueError:
        raise ValueError(f"a number of over {sys.get_int_max_str_digits():,} digits") from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError(f"an unpaired surrogate escape (\\u{ord(err.object[err.start]):04x}), "
                             "which is no character; fix or remove it") from None
    return value


def json_error(err: ValueError) -> tuple[str, int | None]:
    """Why ``parse_json`` failed, and on which line of its text (when the parser says)."""
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg}, column {err.colno}", err.lineno
    return str(err), None


def too_many_records(count: int, source: str, line: int | None = None) -> Problem | None:
    """The Problem that stops reading a file at its ``count``-th record, if that is one too many."""
    if count <= MAX_RECORDS:
        return None
    return Problem(source, f"has more than {MAX_RECORDS:,} records; reading stopped here; split the "
                   "file", line=line, kind="too_large")


def _too_long(source: str, line: int, chars: int, what: str) -> Problem:
    return Problem(source, f"{what} is {chars:,} characters, over the {MAX_LINE_CHARS:,} limit for one "
                   "record; the record is skipped; check the file is one record per line", line=line,
                   kind="too_large")


def csv_records(text: str, source: str, required: str) -> Iterator[Record | Problem]:
    """Rows of a CSV with a header naming ``required``, each with the line it starts on."""
    # csv's own field limit (128 KB) would stop the whole file at a long article; MAX_LINE_CHARS is
    # checked per row instead, so the rows after a long one are still read.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    # csv.reader, not DictReader: DictReader skips blank lines inside one step, which hides the line
    # a row starts on; here each step is one record (a blank line is an empty one).
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if required not in header:
            yield Problem(source, f"has no '{required}' column (columns: {', '.join(header)}); "
                          f"add a header row with a '{required}' column", line=1, kind="malformed")
            return
        count, end = 0, reader.line_num
        for values in reader:
            start, end = end + 1, reader.line_num
            if not values:
                continue
            count += 1
            if stop := too_many_records(count, source, start):
                yield stop
                return
            if any("\x00" in value for value in values):
                yield Problem(source, "holds a NUL byte (binary data, not text); remove the row or fix "
                              "its encoding", line=start, kind="binary")
                continue
            chars = sum(map(len, values))
            # as DictReader: missing columns are None, extra values a list under None
            row: dict = dict(zip(header, values + [None] * (len(header) - len(values))))
            if len(values) > len(header):
                row[None] = values[len(header):]
            yield _too_long(source, start, chars, "the row") if chars > MAX_LINE_CHARS else (start, row)
    except csv.Error as err:
        yield Problem(source, f"is not valid CSV ({err}); fix the quoting; rows after this are "
                      "not read", line=reader.line_num, kind="malformed")


def jsonl_records(text: str, source: str) -> Iterator[Record | Problem]:
    """Objects of a JSON Lines text, each with its line number; a bad line is reported and skipped,
    and a text whose first ``MAX_LEADING_BAD_LINES`` lines are all bad is one Problem, not one per
    line (a binary or misnamed file)."""
    count = good = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        count += 1
        if stop := too_many_records(count, source, number):
            yield stop
            return
        if not good and count > MAX_LEADING_BAD_LINES:
            yield Problem(source, f"has no JSON object in its first {MAX_LEADING_BAD_LINES} lines; reading "
                          "stopped here; is it JSON Lines (one object per line)?", line=number, kind="malformed")
            return
        if len(raw) > MAX_LINE_CHARS:
            yield _too_long(source, number, len(raw), "the line")
            continue
        try:
            row = parse_json(raw)
        except ValueError as err:
            yield Problem(source, f"is not valid JSON ({json_error(err)[0]}); fix or remove the line",
                          line=number, kind="malformed")
            continue
        if not isinstance(row, dict):
            yield Problem(source, "is not a JSON object; write one object per line", line=number,
                          kind="malformed")
            continue
        good += 1
        yield number, row


def load_sidecar(directory: Path, max_bytes: int) -> Sidecar | None:
    """The sidecar metadata in ``directory``, or None when it has none."""
    entries: dict[str, Metadata] = {}
    problems: list[Problem] = []
    found = False
    for name in SIDECAR_NAMES:
        path = directory / name
        if not path.is_file():
            continue
        found = True
        source = str(path)
        text = read_file(path, max_bytes, lines=True)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        rows = (
            csv_records(text, source, SIDECAR_KEY)
            if name.endswith(".csv")
            else jsonl_records(text, source)
        )
        for row in rows:
            if isinstance(row, Problem):
                problems.append(row)
                continue
            number, record = row
            file_name = record.get(SIDECAR_KEY)
            if not isinstance(file_name, str) or not file_name.strip():
                problems.append(Problem(source, f"row has no '{SIDECAR_KEY}'; give the file name it "
                                        "describes", line=number, kind="invalid"))
                continue
            key = _key(file_name)
            if key in entries:
                problems.append(Problem(source, f"lists {key!r} again; only its first row is used, "
                                        "remove the duplicate", line=number, kind="invalid"))
                continue
            try:
                present = (directory / key).exists()
            except OSError:  # a name too long for the file system names no file of the folder
                present = False
            if not present:
                problems.append(Problem(source, f"names {key!r}, which is not in {directory}; fix the "
                                        "file name", line=number, kind="invalid"))
            fields, field_problems = clean_metadata(record, source, number)
            problems.extend(field_problems)
            entries[key] = fields
    return Sidecar(entries, tuple(problems)) if found else None


def metadata_for(path: Path, sidecars: tuple[tuple[Path, Sidecar], ...]) -> Metadata:
    """The sidecar metadata for ``path``, nearest folder's sidecar first, field by field."""
    merged: Metadata = {}
    for directory, sidecar in sidecars:
        try:
            key = path.relative_to(directory).as_posix()
        except ValueError:
            continue
        for name, value in sidecar.entries.get(key, {}).items():
            merged.setdefault(name, value)
    return merged
