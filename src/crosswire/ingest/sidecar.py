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


def csv_records(text: str, source: str, required: str) -> Iterator[Record | Problem]:
    """Rows of a CSV with a header naming ``required``, each with the line it starts on."""
    # Article texts run past csv's default 128 KB field limit; the file-size limit bounds them.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
        if required not in header:
            yield Problem(source, f"has no '{required}' column (columns: {', '.join(header)}); "
                          f"add a header row with a '{required}' column", line=1, kind="malformed")
            return
        reader.fieldnames = header
        line = reader.line_num
        for row in reader:
            yield line + 1, row
            line = reader.line_num
    except csv.Error as err:
        yield Problem(source, f"is not valid CSV ({err}); fix the quoting; rows after this are "
                      "not read", line=reader.line_num, kind="malformed")


def jsonl_records(text: str, source: str) -> Iterator[Record | Problem]:
    """Objects of a JSON Lines text, each with its line number; a bad line is reported and skipped."""
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as err:
            yield Problem(source, f"is not valid JSON ({err.msg}); fix or remove the line",
                          line=number, kind="malformed")
            continue
        if not isinstance(row, dict):
            yield Problem(source, "is not a JSON object; write one object per line", line=number,
                          kind="malformed")
            continue
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
        text = read_file(path, max_bytes)
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
            if not (directory / key).exists():
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
