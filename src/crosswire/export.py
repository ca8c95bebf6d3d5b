"""Stories as flat tables for analysts' own tools (pandas, DuckDB): what ``crosswire export`` writes.

One module, because each table is one fact declared once: ``TABLES`` gives every table its columns
(name, type, meaning) *and* the function that builds its rows, and every writer (CSV, JSON Lines,
Parquet), the CLI's help and the checks in ``tests/test_export.py`` read that one declaration. It is
not a renderer (``render/`` makes one document of a briefing for people to read): tables are a
contract for programs, with their own types and writers.

Rows come from the typed briefing (``Service.brief``, so exporting costs what briefing costs) and the
stored articles (their url, length, and the text every offset indexes). Column names are the JSON
contract's where a field exists there; every ``start``/``end`` indexes the article text as given, and
where a row has a ``text`` column, ``article.text[start:end] == text``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from crosswire.errors import CrosswireError, InputError
from crosswire.model import SPEECH, Article, Briefing, StoryBriefing, to_dict

LIST_SEPARATOR = " | "  # how a CSV cell holds a list column (aliases, figure ids)
PARQUET_MISSING = 'writing Parquet needs pyarrow: pip install -e ".[export]" (or choose --format csv or jsonl).'

ColumnType = Literal["string", "int", "float", "bool", "date", "list[string]"]
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    about: str
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    about: str
    columns: tuple[Column, ...]
    rows: Callable[[StoryBriefing, Mapping[str, Article]], Iterator[Row]]  # keys: the column names, in order


def _article_rows(story: StoryBriefing, articles: Mapping[str, Article]) -> Iterator[Row]:
    for item in story.articles:
        stored = articles[item.id]
        yield {"article": item.id, "story": story.id, "outlet": item.outlet, "published": item.published,
               "title": item.title, "url": stored.url, "chars": len(stored.text)}


def _entity_rows(story: StoryBriefing, _articles: Mapping[str, Article]) -> Iterator[Row]:
    for entity in story.entities:
        yield {"story": story.id, "entity": entity.id, "name": entity.name, "key": entity.key, "type": entity.type,
               "aliases": list(entity.aliases), "mentions": len(entity.mentions),
               "reports": len({m.article for m in entity.mentions})}


def _mention_rows(story: StoryBriefing, articles: Mapping[str, Article]) -> Iterator[Row]:
    for entity in story.entities:
        for m in entity.mentions:
            yield {"story": story.id, "entity": entity.id, "article": m.article, "start": m.start, "end": m.end,
                   "text": articles[m.article].text[m.start:m.end]}


def _statement_rows(story: StoryBriefing, _articles: Mapping[str, Article]) -> Iterator[Row]:
    for q in story.quotes:
        if q.kind != SPEECH:  # a position ("backed the levy") is in the briefing JSON, not a statement
            continue
        yield {"story": story.id, "quote": q.id, "article": q.article, "start": q.start, "end": q.end,
               "speaker": q.speaker.name, "speaker_entity": q.speaker.entity, "direct": q.direct, "text": q.text}


def _figure_rows(story: StoryBriefing, _articles: Mapping[str, Article]) -> Iterator[Row]:
    for f in story.figures:
        yield {"story": story.id, "figure": f.id, "article": f.article, "start": f.start, "end": f.end,
               "what": f.what, "low": f.value.low, "high": f.value.high, "approx": f.value.approx, "unit": f.unit,
               "source": f.source}


def _comparison_rows(story: StoryBriefing, _articles: Mapping[str, Article]) -> Iterator[Row]:
    for c in story.comparisons:
        yield {"story": story.id, "what": c.what, "happened": c.happened, "verdict": c.verdict,
               "figures": list(c.figures), "basis": c.basis, "note": c.note}


_STORY = Column("story", "string", "story id (`crosswire stories`)")
_ARTICLE = Column("article", "string", "article id")
_SPAN = (_ARTICLE, Column("start", "int", "first character, in the article text as given"),
         Column("end", "int", "character after the last"))

TABLES: tuple[Table, ...] = (
    Table("articles", "one row per report: where and when it was published, its length", (
        _ARTICLE, _STORY,
        Column("outlet", "string", "publisher, given or inferred from the dateline", nullable=True),
        Column("published", "date", "publication date", nullable=True),
        Column("title", "string", "headline as given", nullable=True),
        Column("url", "string", "where it was read from the web", nullable=True),
        Column("chars", "int", "length of the text as given, in characters")), _article_rows),
    Table("entities", "one row per person, place or group of a story, under all its names", (
        _STORY, Column("entity", "string", "entity id, unique within its story"),
        Column("name", "string", "canonical name"),
        Column("key", "string", "the same in every story naming it by the same name: joins one entity across stories"),
        Column("type", "string", "spaCy label: PERSON, ORG, GPE, NORP, LOC, ..."),
        Column("aliases", "list[string]", "every surface form it was found under"),
        Column("mentions", "int", "mentions across the story's reports"),
        Column("reports", "int", "distinct reports that mention it")), _entity_rows),
    Table("mentions", "one row per mention of an entity: where it is named", (
        _STORY, Column("entity", "string", "entity id (entities.entity)"), *_SPAN,
        Column("text", "string", "the words as given: article text[start:end]")), _mention_rows),
    Table("statements", "one row per quote, direct or reported, with its speaker", (
        _STORY, Column("quote", "string", 'quote id, "<article>:q<n>"'), *_SPAN,
        Column("speaker", "string", "speaker's canonical name, else the words naming them", nullable=True),
        Column("speaker_entity", "string", "the speaker's entity id when the speaker is one", nullable=True),
        Column("direct", "bool", "in quote marks (else reported speech)"),
        Column("text", "string", "what was said, as given: article text[start:end]")), _statement_rows),
    Table("figures", "one row per number reported: its value, what it counts, who gives it", (
        _STORY, Column("figure", "string", 'figure id, "<article>:f<n>" (comparisons.figures)'), *_SPAN,
        Column("what", "string", "what is counted, as a lemma phrase", nullable=True),
        Column("low", "float", "value, or the low end of a range"),
        Column("high", "float", "value, or the high end of a range"),
        Column("approx", "bool", '"about", "nearly", "more than" ...'),
        Column("unit", "string", "percent, USD, km, ...; null for a plain count", nullable=True),
        Column("source", "string", "who gives the figure", nullable=True)), _figure_rows),
    Table("comparisons", "one row per set of figures about the same thing, and whether they agree", (
        _STORY, Column("what", "string", "what the figures count"),
        Column("happened", "string", "what most of its reports say happened to it, as a lemma (die, flee)",
               nullable=True),
        Column("verdict", "string", "agree, conflict, update, different_scope or unknown"),
        Column("figures", "list[string]", "the figure ids compared (figures.figure)"),
        Column("basis", "string", "why the figures were judged one quantity: what, what happened, when, where"),
        Column("note", "string", "why the verdict: the values and dates as they weigh")), _comparison_rows),
)


def tables(briefing: Briefing, articles: Mapping[str, Article]) -> dict[str, list[Row]]:
    """Every table's rows, story by story; ``articles`` holds (at least) every article the briefing lists."""
    return {t.name: [row for story in briefing.stories for row in t.rows(story, articles)] for t in TABLES}


def file_name(table: str, fmt: str) -> str:
    return f"{table}.{fmt}"


def check_target(out_dir: Path, fmt: str, *, force: bool) -> None:
    """Refuse, before any work is done or anything created, what ``write`` could not do or should not:
    Parquet without pyarrow, a folder whose parent is missing, files it would silently overwrite."""
    if fmt == "parquet":
        _pyarrow()
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} is a file; give -o a folder.")
    if not out_dir.exists() and not out_dir.parent.is_dir():
        raise InputError(f"{out_dir.parent} does not exist; crosswire creates only the last folder of -o.")
    taken = [out_dir / file_name(t.name, fmt) for t in TABLES if (out_dir / file_name(t.name, fmt)).exists()]
    if taken and not force:
        raise InputError(f"{taken[0]} exists; give --force to overwrite it"
                         + (f" and {len(taken) - 1} other export file(s)." if len(taken) > 1 else "."))


def write(rows: Mapping[str, list[Row]], out_dir: Path, fmt: str) -> dict[str, int]:
    """Write one ``TABLE.FORMAT`` file per table into ``out_dir`` (created when missing; its parent must
    exist), replacing files of those names; the rows written, by table."""
    out_dir.mkdir(exist_ok=True)
    for table in TABLES:
        _WRITERS[fmt](table, rows[table.name], out_dir / file_name(table.name, fmt))
    return {t.name: len(rows[t.name]) for t in TABLES}


def _write_jsonl(table: Table, rows: list[Row], path: Path) -> None:
    """JSON values as the JSON contract writes them: null, true/false, ISO dates, arrays."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(to_dict(row), ensure_ascii=False) + "\n")


def _csv_cell(value: Any) -> Any:
    """Empty for null, true/false, ISO dates, lists joined by ``LIST_SEPARATOR``; the csv module quotes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return to_dict(value)


def _write_csv(table: Table, rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)  # RFC 4180: CRLF line ends, fields with separators, quotes or newlines quoted
        out.writerow([c.name for c in table.columns])
        out.writerows([_csv_cell(row[c.name]) for c in table.columns] for row in rows)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise CrosswireError(PARQUET_MISSING) from exc
    return pyarrow


def _write_parquet(table: Table, rows: list[Row], path: Path) -> None:
    pa = _pyarrow()
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32(), "list[string]": pa.list_(pa.string())}
    schema = pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in table.columns])
    pa.parquet.write_table(pa.Table.from_pylist(rows, schema=schema), path)


_WRITERS: dict[str, Callable[[Table, list[Row], Path], None]] = {
    "csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}
FORMATS = tuple(_WRITERS)
