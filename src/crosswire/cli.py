"""The ``crosswire`` command: thin wrappers that parse options, call ``crosswire.service`` and render.

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr.
Exit codes (``crosswire.errors``): 0 all good, 1 nothing could be done, 2 bad usage,
3 some inputs were bad (reported) but the good ones were stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from crosswire import __version__, export
from crosswire.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USER_ERROR, CrosswireError
from crosswire.ingest import MAX_BYTES
from crosswire.jobs import IngestReport
from crosswire.listing import SORTS, Sort
from crosswire.render import render
from crosswire.render.common import plain
from crosswire.render.terminal import (NO_STORIES, render_figures, render_search_hits, render_statements,
                                       render_story_changes, render_story_list, render_terminal)
from crosswire.scale.dask_cluster import parse_address
from crosswire.service import Service

DEFAULT_DB = "crosswire.db"
LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)
stderr = Console(stderr=True)


class ByteSize(click.ParamType):
    """A size in bytes, plain or with a binary suffix (500KB, 20MB, 1GB), as the limit's messages print it."""

    name = "size"
    UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
    _SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", re.IGNORECASE)

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = self._SIZE.fullmatch(str(value).strip())
        size = int(float(match[1]) * self.UNITS[match[2].upper()]) if match else 0
        if size < 1:
            self.fail(f"{value!r} is not a size: give bytes (2048) or a size such as 500KB, 20MB, 1GB", param, ctx)
        return size

    @classmethod
    def show(cls, size: int) -> str:
        """``size`` in the largest unit that divides it, as a user would type it."""
        unit = max((u for u, scale in cls.UNITS.items() if size % scale == 0), key=cls.UNITS.__getitem__)
        return f"{size // cls.UNITS[unit]}{unit}B"


class DaskAddress(click.ParamType):
    """A Dask address (``crosswire.scale.dask_cluster.parse_address``), checked before anything runs."""

    name = "address"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            parse_address(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return str(value)


def _set_verbosity(ctx: click.Context, _param: click.Parameter, count: int) -> None:
    """-v counts wherever it is given (before or after the subcommand): the group's and the
    subcommand's counts add up, and logging is set up again with the total."""
    ctx.meta["crosswire.verbose"] = ctx.meta.get("crosswire.verbose", 0) + count
    _configure_logging(ctx.meta["crosswire.verbose"])


class _PlainFormatter(logging.Formatter):
    """Log lines carry file names and messages from the inputs: no control characters reach the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return plain(super().format(record))


def _configure_logging(verbose: int) -> None:
    """The one place logging is set up: a stderr handler (unless the host, e.g. pytest, has its own)
    and the level -v (info) or -vv (debug) asks for."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(_PlainFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(LOG_LEVELS[min(verbose, len(LOG_LEVELS) - 1)])


def verbose_option(func: Callable) -> Callable:
    """On the group and on every subcommand, so `crosswire ingest x -v` works like `crosswire -v ingest x`."""
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=_set_verbosity,
                        help="Log more on stderr (-v info, e.g. each skipped file and why; -vv debug).")(func)


def db_option(func: Callable) -> Callable:
    return click.option("--db", default=DEFAULT_DB, show_default=True, envvar="CROSSWIRE_DB",
                        type=click.Path(dir_okay=False),
                        help="SQLite database file (env CROSSWIRE_DB). ingest and brief PATHS create it "
                             "once a report has been read; its folder must exist. "
                             "Use :memory: for a throwaway run.")(func)


def output_option(func: Callable) -> Callable:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                        help="Write to this file instead of stdout.")(func)


def ingest_options(func: Callable) -> Callable:
    """The options of every command that reads and stores reports."""
    func = click.option("--max-bytes", default=ByteSize.show(MAX_BYTES), show_default=True, type=ByteSize(),
                        help="Largest input read: each file (counted decompressed for .gz) and stdin; "
                             "bigger ones are reported and skipped. Bytes or 500KB, 20MB, 1GB.")(func)
    return analysis_options(func)


def analysis_options(func: Callable) -> Callable:
    """The options of every command that analyses articles."""
    func = click.option("--dask", metavar="ADDRESS", type=DaskAddress(),
                        help="Analyse on a Dask cluster instead: tcp://HOST:8786 for a running `dask scheduler` "
                             "(every worker needs crosswire and its model), local for --workers processes "
                             "started here (at least 2), local:N for N. Results are stored by this command, "
                             "in input order, as without it. Needs pip install -e \".[dask]\".")(func)
    func = click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
                        help="Processes analysing articles in parallel (each loads the model once).")(func)
    func = click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
                        help="Articles per spaCy batch.")(func)
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings on stderr.")(func)


def _fail(exc: CrosswireError) -> click.ClickException:
    """Exit 1 with the error's message; it names paths and ids as given, so control characters go."""
    return click.ClickException(plain(str(exc)))


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _emit_listing(key: str, rows: Sequence, render_table: Callable[..., str], fmt: str, output: str | None) -> None:
    """A listing as JSON (``{key: [row, ...]}``) or as a terminal table, coloured only on a terminal."""
    if fmt == "json":
        _emit(json.dumps({key: [r.to_json() for r in rows]}, indent=2, ensure_ascii=False) + "\n", output)
    else:
        _emit(render_table(rows, width=Console().width, color=not output and sys.stdout.isatty()), output)


def _list(db: str, key: str, fetch: Callable[[Service], Sequence], render_table: Callable[..., str], fmt: str,
          output: str | None) -> None:
    """What ``fetch`` reads from the store at ``db``, emitted as a listing (see ``_emit_listing``)."""
    with Service(db) as service:
        try:
            rows = fetch(service)
        except CrosswireError as exc:
            raise _fail(exc) from exc
    _emit_listing(key, rows, render_table, fmt, output)


def _say(message: str, *, warning: bool = False) -> None:
    """One line on stderr as inert text: it carries file names, ids and messages from the inputs, so
    no markup or emoji codes are interpreted and control characters are dropped."""
    line = Text.assemble(("warning", "yellow"), ": ") if warning else Text()
    line.append(plain(message))
    stderr.print(line, highlight=False, soft_wrap=True)


@contextmanager
def _progress(what: str, *, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (when it is a terminal) for a run that counts articles; yields the
    callback that advances it. A crosswire error inside ends the command with exit 1."""
    show = not quiet and sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} read"),
                  TimeElapsedColumn(), console=stderr, disable=not show, transient=True) as progress:
        task = progress.add_task(what, total=None)
        try:
            yield lambda n: progress.advance(task, n)
        except CrosswireError as exc:
            raise _fail(exc) from exc


def _run_ingest(service: Service, paths: tuple[str, ...], *, max_bytes: int, workers: int, dask: str | None,
                batch_size: int, quiet: bool) -> IngestReport:
    """Ingest PATHS with a progress bar, then report problems and counts on stderr."""
    with _progress("ingesting", quiet=quiet) as advance:
        report = service.ingest(paths, stdin=sys.stdin.buffer, max_bytes=max_bytes, workers=workers, dask=dask,
                                batch_size=batch_size, progress=advance)
    if not quiet:
        for problem in report.problems:
            _say(str(problem), warning=True)
        for asked, given in report.renamed:
            _say(f"note: id {asked!r} was taken by other content; stored as {given!r}")
        _say(f"{len(report.stored)} stored, {len(report.duplicates)} already stored, {len(report.problems)} problems")
    return report


def _exit_code(report: IngestReport) -> int:
    if not report.problems:
        return EXIT_OK
    return EXIT_PARTIAL if report.article_ids else EXIT_USER_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosswire")
@verbose_option
def cli() -> None:
    """Read many news reports of the same events and say what they say together.

    \b
    Typical use:
      crosswire ingest reports/            # read, analyse and store every report
      crosswire stories                    # list the stories found
      crosswire stories --entity Gaddafi   # the stories naming someone (any spelling)
      crosswire statements Sheikh Ahmed    # what someone said, in every report
      crosswire figures fighters           # every figure counting fighters
      crosswire search levee "river broke" # the articles holding these words
      crosswire brief --story s1a2b3c4d    # one story's cross-checked briefing
      crosswire brief reports/ --format md -o briefing.md   # all in one go

    Reports may be .txt/.md (optional front matter: title, outlet, published, url), .jsonl
    (one article per line, "text" required), .json (an article or a list), .csv (a "text"
    column), .html, any of these gzipped (.txt.gz, .jsonl.gz, ...), folders of these, or - for
    stdin. A metadata.csv or metadata.jsonl beside files (column "file") adds
    outlet/published/title. Everything is kept in one SQLite file (--db); re-ingesting the same
    text stores nothing twice. A run that reads no good report creates no database, and
    stories/brief never create one. -v and -vv work before or after the command.

    \b
    Exit codes: 0 all good; 1 nothing could be done; 2 bad usage;
                3 some inputs were bad (reported on stderr) but the good ones were stored.
    """


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@ingest_options
@verbose_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="json prints the ingest report (stored, duplicates, problems) on stdout.")
def ingest_cli(paths: tuple[str, ...], db: str, max_bytes: int, workers: int, dask: str | None, batch_size: int,
               quiet: bool, fmt: str) -> None:
    """Read, analyse and store the reports in PATHS (files, folders, or - for stdin).

    Each article is stored in one transaction with its analysis and story, so an interrupted
    run can simply be run again: what was stored stays, nothing is stored twice. Bad inputs
    (empty, binary, undecodable, malformed lines, too large) are reported with file and line
    and skipped; the exit code is then 3 (1 when nothing could be read: no database is created).
    """
    with Service(db) as service:
        report = _run_ingest(service, paths, max_bytes=max_bytes, workers=workers, dask=dask, batch_size=batch_size,
                             quiet=quiet or fmt == "json")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    sys.exit(_exit_code(report))


@cli.command("stories")
@db_option
@verbose_option
@click.option("--entity", metavar="NAME", help="Only stories naming NAME under any spelling (Gadhafi finds "
                                               "Qaddafi; Obama finds Barack Obama and President Obama).")
@click.option("--level", type=click.Choice(["event", "storyline"]), default="event", show_default=True,
              help="event: what happened on a day or two; storyline: the events of weeks summed up.")
@click.option("--text", metavar="WORDS", help="Only stories whose reports hold every one of WORDS (as search).")
@click.option("--outlet", help="Only stories this outlet reported (case-insensitive).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only stories reported on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only stories reported on or before this day.")
@click.option("--sort", type=click.Choice(SORTS), default="recent", show_default=True,
              help="recent: latest report first; size: most reports first (ties: the other, then id).")
@click.option("--changes", is_flag=True, help="List the merges and splits recluster passes made instead, newest "
                                              "first.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@output_option
def stories_cli(db: str, entity: str | None, level: str, text: str | None, outlet: str | None,
                since: dt.datetime | None, until: dt.datetime | None, sort: Sort, changes: bool, fmt: str,
                output: str | None) -> None:
    """List the stories in the database: id, size, outlets, dates, headline; latest first.

    A story is an event (what happened on a day or two); each belongs to a storyline (the
    Libyan war, the oil spill) that --level storyline lists. Both come out the same whatever
    order the reports arrived in: each ingest ends with a recluster pass that reconsiders the
    new reports and their weeks as one batch; --changes shows what those passes merged or split.
    Each is headed by the title (or, untitled, the lead line) its reports share most words with,
    never a dateline, byline or page furniture: the headline brief and the web app show too.
    """
    if changes:
        _list(db, "changes", lambda service: service.changes(), render_story_changes, fmt, output)
        return
    filtered = any(x is not None for x in (entity, text, outlet, since, until))
    empty = "no story matches those filters" if filtered else NO_STORIES
    _list(db, "stories", lambda service: service.stories(
        entity=entity, level=level, text=text, outlet=outlet, since=since.date() if since else None,
        until=until.date() if until else None, sort=sort), functools.partial(render_story_list, empty=empty), fmt, output)


def _limit_option(func: Callable) -> Callable:
    return click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000),
                        help="Most items listed (the first ones ingested).")(func)


@cli.command("statements")
@click.argument("speaker", nargs=-1, required=True)
@db_option
@verbose_option
@_limit_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@output_option
def statements_cli(speaker: tuple[str, ...], db: str, limit: int, fmt: str, output: str | None) -> None:
    """What SPEAKER said, across every stored report, in the order they were ingested.

    SPEAKER matches under any spelling and in part: "Gadhafi" finds what Moammar Qaddafi
    said, "Barack Obama" what "President Obama" said (a first name alone matches nothing).
    Speakers are as each report names them (a pronoun is resolved to its name); a briefing
    then joins them into the story's people. Each row's item id is <article>:q<n>.

    \b
    Example:
      crosswire statements Sheikh Ahmed --format json
    """
    _list(db, "statements", lambda service: service.statements(" ".join(speaker), limit), render_statements, fmt,
          output)


@cli.command("figures")
@click.argument("quantity", nargs=-1, required=True)
@db_option
@verbose_option
@_limit_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@output_option
def figures_cli(quantity: tuple[str, ...], db: str, limit: int, fmt: str, output: str | None) -> None:
    """The figures that count QUANTITY, across every stored report, in the order they were ingested.

    QUANTITY is what is counted and/or its unit, singular or plural: fighters, civilians,
    percent, "barrels of oil", km. Every word must be in the figure's counted thing or unit.
    Ages, ordinals and years are not quantities. Each row's item id is <article>:f<n>; `brief`
    compares the figures of one story.

    \b
    Example:
      crosswire figures fighters
    """
    _list(db, "figures", lambda service: service.figures(" ".join(quantity), limit), render_figures, fmt, output)


@cli.command("search")
@click.argument("words", nargs=-1, required=True)
@db_option
@verbose_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Most articles listed.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@output_option
def search_cli(words: tuple[str, ...], db: str, limit: int, fmt: str, output: str | None) -> None:
    """List the stored articles whose title or text holds every one of WORDS, best match first.

    Words match their other forms too (flood, floods, flooded). Put a phrase in double quotes,
    inside the shell's quotes: crosswire search '"river broke"' levee. Nothing else is query
    syntax: AND, OR, -, * and brackets are text to look for.
    """
    _list(db, "hits", lambda service: service.search(" ".join(words), limit), render_search_hits, fmt, output)


@cli.command("brief")
@click.argument("paths", nargs=-1)
@click.option("--story", "story_ids", multiple=True, metavar="ID",
              help="Brief this stored story (repeatable); see `crosswire stories`.")
@click.option("--storyline", metavar="ID", help="Brief every report of this storyline as one (figures compared "
                                                "across its events); see `crosswire stories --level storyline`.")
@db_option
@ingest_options
@verbose_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "md", "json", "html"]), default="terminal",
              show_default=True, help="terminal: rich tables; md: Markdown; json: the documented contract; "
                                      "html: a page with the evidence for every claim one click away.")
@click.option("--full", is_flag=True, help="Show every item of every section (terminal, md, html); by default "
                                           "each section shows its most important items and says how many it "
                                           "left out. json always holds everything.")
@output_option
def brief_cli(paths: tuple[str, ...], story_ids: tuple[str, ...], storyline: str | None, db: str, max_bytes: int,
              workers: int, dask: str | None, batch_size: int, quiet: bool, fmt: str, full: bool,
              output: str | None) -> None:
    """The cross-checked briefing: summary, figures compared, who said what, who and where, timeline.

    With PATHS, ingest them first and brief the stories they belong to; with --story, brief
    stored stories; with neither, brief every story in the database (which must exist).

    \b
    By default a story fits on about two screens whatever its size: the summary, the
    comparisons that matter (conflicts and updates first, then by reports and outlets),
    speakers quoted by most reports with their main statements, the most salient people,
    places and organisations, the top timeline entries; each section says how many items it
    left out, and --full shows them all.
    """
    code = EXIT_OK
    ids: list[str] | None = list(story_ids) or None
    with Service(db) as service:
        for path in paths:  # "crosswire brief s9136362e": an id where a path goes
            kind = None if path == "-" or Path(path).exists() else service.stored_kind(path)
            if kind is not None:
                raise click.UsageError(f"{plain(path)} is no file but a stored {kind}: "
                                       f"`crosswire brief --{kind} {plain(path)}` briefs it.")
        if paths:
            report = _run_ingest(service, paths, max_bytes=max_bytes, workers=workers, dask=dask,
                                 batch_size=batch_size, quiet=quiet)
            code = _exit_code(report)
            if not report.article_ids:
                sys.exit(code)
            ids = (ids or []) + [s for s in service.story_ids_for(report.article_ids) if s not in (ids or [])]
        try:
            briefing = service.brief_storyline(storyline) if storyline else service.brief(ids)
            texts = service.evidence(briefing)
        except CrosswireError as exc:
            raise _fail(exc) from exc
    if fmt == "terminal" and not output:
        _emit(render_terminal(briefing, texts, color=sys.stdout.isatty(), width=Console().width, full=full), None)
    else:
        _emit(render(fmt, briefing, texts, full=full), output)
    sys.exit(code)


def _export_help() -> str:
    """The export command's help, its table list read from ``crosswire.export.TABLES``."""
    tables = "\n".join(f"  {t.name}: {t.about}\n    {', '.join(c.name for c in t.columns)}" for t in export.TABLES)
    return f"""Write stories as flat tables, one file per table (TABLE.csv, .jsonl or .parquet
in DIR), for pandas, DuckDB or a spreadsheet. The rows are what `brief` finds (export costs
what brief costs); every start/end indexes the article text as given, and a text column
holds text[start:end].

\b
Tables and their columns (types: README, "Export"):
{tables}

\b
CSV: UTF-8, a header row, quoted as RFC 4180; an empty cell for none, true/false,
ISO dates, lists joined with "{export.LIST_SEPARATOR}". JSONL: one JSON object a line.
Parquet: typed columns; needs pip install -e ".[export]".

\b
Read them:
  python -c "import pandas as pd; print(pd.read_csv('out/figures.csv'))"
  python -c "import pandas as pd; print(pd.read_json('out/statements.jsonl', lines=True))"
  duckdb -c "SELECT verdict, count(*) FROM 'out/comparisons.parquet' GROUP BY verdict"

Existing files are never overwritten without --force; DIR is created only when its
parent exists, and nothing is created when the database is missing.
"""


@cli.command("export", help=_export_help())
@click.option("--story", "story_ids", multiple=True, metavar="ID",
              help="Export this story (repeatable); every story when none is given.")
@db_option
@verbose_option
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), required=True,
              help="csv and jsonl need nothing more; parquet needs pyarrow.")
@click.option("-o", "--output", "out_dir", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Folder to write the tables into.")
@click.option("--force", is_flag=True, help="Overwrite the export files already in DIR.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows written per table as JSON on stdout.")
def export_cli(story_ids: tuple[str, ...], db: str, fmt: str, out_dir: str, force: bool, as_json: bool) -> None:
    with Service(db) as service:
        try:
            counts = service.export(out_dir, fmt, list(story_ids) or None, force=force)
        except CrosswireError as exc:
            raise _fail(exc) from exc
    for table, rows in counts.items():
        _say(f"{rows} rows in {Path(out_dir) / export.file_name(table, fmt)}")
    if as_json:
        click.echo(json.dumps(counts, indent=2))


@cli.command("reanalyze")
@db_option
@analysis_options
@verbose_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="json prints the report (articles reanalysed, stories changed, problems) on stdout.")
def reanalyze_cli(db: str, workers: int, dask: str | None, batch_size: int, quiet: bool, fmt: str) -> None:
    """Analyse again what a newer analysis would read better: the articles an older crosswire
    analysed (after an upgrade), and lowercased reports restored before a cased report of their
    story was stored (it taught the casing of their names).

    Only those are redone; their stories keep their articles and are briefed afresh. An article
    whose new analysis fails keeps its old one and is reported (exit code 3).
    """
    quiet = quiet or fmt == "json"
    with Service(db) as service, _progress("reanalysing", quiet=quiet) as advance:
        report = service.reanalyze(workers=workers, dask=dask, batch_size=batch_size, progress=advance)
    if not quiet:
        for problem in report.problems:
            _say(str(problem), warning=True)
        _say(f"{len(report.reanalysed)} reanalysed in {len(report.stories)} stories, {len(report.problems)} problems")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    sys.exit(EXIT_PARTIAL if report.problems else EXIT_OK)


# Server processes ``crosswire serve`` starts by default: two keep a slow request from holding up the
# rest on a small machine (``crosswire.web.serving``).
SERVE_WORKERS = 2


@cli.command("serve")
@db_option
@verbose_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 serves this machine only (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-body", default="5MB", show_default=True, type=ByteSize(),
              help="Largest request body POST /api/articles reads; a bigger one is refused (413).")
@click.option("--workers", default=SERVE_WORKERS, show_default=True, type=click.IntRange(1, 64),
              help="Server processes answering side by side, one core each: a slow request (a story "
                   "briefed for the first time) then holds up only its own. 1: a single process.")
@click.option("--get", "get_path", metavar="PATH",
              help="Request PATH once in-process, print the response body and exit (0 on status 200, else 1); "
                   "no server is started. A smoke test: crosswire serve --get /api/stories")
def serve_cli(db: str, host: str, port: int, max_body: int, workers: int, get_path: str | None) -> None:
    """Serve the stories in a browser and as a JSON API (needs pip install -e ".[web]").

    \b
    Pages (no JavaScript needed): /  the stories (search, filters, sorting, pages),
    /stories/ID  a story's cited briefing, /articles/ID  a report with every item
    found in it marked (#q3, #f1, ...), /entities?name=NAME  a name across the collection.
    API: /api/... (documented at /docs, served offline). POST /api/articles adds reports
    when CROSSWIRE_TOKEN is set (send it as 'Authorization: Bearer TOKEN'); without it the
    server is read-only. The database must exist (crosswire ingest creates it).
    """
    try:
        from crosswire.web import create_app
    except ImportError as exc:
        raise click.ClickException(f"the web app needs its dependencies ({exc.name} is missing): "
                                   'pip install -e ".[web]"') from exc
    try:
        app = create_app(db, token=os.environ.get("CROSSWIRE_TOKEN") or None, max_body=max_body)  # checks the store
    except CrosswireError as exc:
        raise _fail(exc) from exc
    if get_path is not None:
        from fastapi.testclient import TestClient

        response = TestClient(app, raise_server_exceptions=False).get(get_path)
        click.echo(response.text)
        sys.exit(EXIT_OK if response.status_code == 200 else EXIT_USER_ERROR)
    from crosswire.web.serving import serve

    _say(f"serving {db} on http://{host}:{port}/ with {workers} worker{'s' * (workers > 1)} (Ctrl-C stops)")
    serve(app, db, host=host, port=port, max_body=max_body, workers=workers)


@cli.command("recluster")
@db_option
@verbose_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="json prints the report (window, new articles, slices, stories changed, merges and splits).")
@click.option("--wide", is_flag=True, help="Reconsider every storyline within 120 days of a new report, not only "
              "the storylines of its nearest neighbours.")
def recluster_cli(db: str, fmt: str, wide: bool) -> None:
    """Reconsider the stories of the reports stored since the last pass, as one batch.

    Each ingest ends with this pass, so run it by hand only after an ingest that was
    interrupted, or to see its report. The reports new since the last pass are clustered
    together with the storylines that hold their nearest neighbours (by the meaning of their
    leads, from an index kept beside the store and rebuilt from it when missing), among the
    reports published within 120 days of one, into events and storylines; a story that
    survives keeps its id, and every merge and split is logged (`crosswire stories --changes`).
    More than 5,000 new reports (a backfill in one run) are taken in slices of 2,500 by
    publication date, each with its own window of at most 5,000 reports.
    """
    with Service(db) as service:
        try:
            report = service.recluster(narrow=not wide)
        except CrosswireError as exc:
            raise _fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _say(f"{report.window} reports reconsidered ({report.new} new"
             + (f", in {report.slices} slices by date" if report.slices > 1 else "")
             + f"), {len(report.stories)} stories changed, "
             f"{len(report.changes)} merges and splits logged in {report.seconds:.1f} s"
             + (f"; {report.embeddings}" if report.embeddings else ""))


def main() -> None:
    cli(prog_name="crosswire")
