"""The ``crosswire`` command: thin wrappers that parse options, call ``crosswire.jobs`` and render.

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr.
Exit codes (``crosswire.errors``): 0 all good, 1 nothing could be done, 2 bad usage,
3 some inputs were bad (reported) but the good ones were stored.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from crosswire import __version__
from crosswire.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USER_ERROR, CrosswireError
from crosswire.jobs import IngestReport, brief, ingest, story_ids_for, story_list
from crosswire.render import render
from crosswire.render.terminal import render_terminal
from crosswire.store import Store, StoreProtocol, open_store

DEFAULT_DB = "crosswire.db"
stderr = Console(stderr=True)


def db_option(func: Callable) -> Callable:
    return click.option("--db", default=DEFAULT_DB, show_default=True, envvar="CROSSWIRE_DB",
                        type=click.Path(dir_okay=False),
                        help="SQLite database file (created if missing; env CROSSWIRE_DB). "
                             "Use :memory: for a throwaway run.")(func)


def output_option(func: Callable) -> Callable:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                        help="Write to this file instead of stdout.")(func)


def analysis_options(func: Callable) -> Callable:
    func = click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
                        help="Processes analysing articles in parallel (each loads the model once).")(func)
    func = click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
                        help="Articles per spaCy batch.")(func)
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings on stderr.")(func)


def _open_store(db: str) -> StoreProtocol:
    try:
        return open_store(db)
    except CrosswireError as exc:
        raise click.ClickException(str(exc)) from exc


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _run_ingest(paths: tuple[str, ...], store: Store, workers: int, batch_size: int, quiet: bool) -> IngestReport:
    show = not quiet and sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} read"),
                  TimeElapsedColumn(), console=stderr, disable=not show, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        report = ingest(list(paths), store, stdin=sys.stdin.buffer, workers=workers, batch_size=batch_size,
                        progress=lambda n: progress.advance(task, n))
    if not quiet:
        for problem in report.problems:
            stderr.print(f"[yellow]warning[/yellow]: {problem}", highlight=False, markup=True, soft_wrap=True)
        for asked, given in report.renamed:
            stderr.print(f"note: id {asked!r} was taken by other content; stored as {given!r}", highlight=False)
        stderr.print(f"{len(report.stored)} stored, {len(report.duplicates)} already stored, "
                     f"{len(report.problems)} problems", highlight=False)
    return report


def _exit_code(report: IngestReport) -> int:
    if not report.problems:
        return EXIT_OK
    return EXIT_PARTIAL if report.article_ids else EXIT_USER_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosswire")
@click.option("-v", "--verbose", count=True, help="Log more on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Read many news reports of the same events and say what they say together.

    \b
    Typical use:
      crosswire ingest reports/            # read, analyse and store every report
      crosswire stories                    # list the stories found
      crosswire brief --story s1a2b3c4d    # one story's cross-checked briefing
      crosswire brief reports/ --format md -o briefing.md   # all in one go

    Reports may be .txt/.md (optional front matter: title, outlet, published, url), .jsonl
    (one article per line, "text" required), .html, folders of these, or - for stdin. A
    metadata.csv or metadata.jsonl beside files (column "file") adds outlet/published/title.
    Everything is kept in one SQLite file (--db); re-ingesting the same text stores nothing twice.

    \b
    Exit codes: 0 all good; 1 nothing could be done; 2 bad usage;
                3 some inputs were bad (reported on stderr) but the good ones were stored.
    """
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@analysis_options
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="json prints the ingest report (stored, duplicates, problems) on stdout.")
def ingest_cli(paths: tuple[str, ...], db: str, workers: int, batch_size: int, quiet: bool, fmt: str) -> None:
    """Read, analyse and store the reports in PATHS (files, folders, or - for stdin).

    Each article is stored in one transaction with its analysis and story, so an interrupted
    run can simply be run again: what was stored stays, nothing is stored twice. Bad inputs
    (empty, binary, undecodable, malformed lines, too large) are reported with file and line
    and skipped; the exit code is then 3.
    """
    store = _open_store(db)
    report = _run_ingest(paths, store, workers, batch_size, quiet or fmt == "json")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    sys.exit(_exit_code(report))


@cli.command("stories")
@db_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True)
@output_option
def stories_cli(db: str, fmt: str, output: str | None) -> None:
    """List the stories in the database: id, size, outlets, dates, headline."""
    rows = story_list(_open_store(db))
    if fmt == "json":
        _emit(json.dumps({"stories": rows}, indent=2, ensure_ascii=False) + "\n", output)
        return
    from rich.table import Table

    table = Table("story", "reports", "outlets", "dates", "headline")
    for r in rows:
        dates = r["first"] if r["first"] == r["last"] else f"{r['first']} – {r['last']}"
        table.add_row(r["id"], str(r["articles"]), ", ".join(r["outlets"]), dates or "undated", r["headline"])
    buffer = Console(width=Console().width, record=True, file=open(os.devnull, "w"))
    buffer.print(table if rows else "no stories yet: run `crosswire ingest PATH` first")
    _emit(buffer.export_text(), output)


@cli.command("brief")
@click.argument("paths", nargs=-1)
@click.option("--story", "story_ids", multiple=True, metavar="ID",
              help="Brief this stored story (repeatable); see `crosswire stories`.")
@db_option
@analysis_options
@click.option("--format", "fmt", type=click.Choice(["terminal", "md", "json", "html"]), default="terminal",
              show_default=True, help="terminal: rich tables; md: Markdown; json: the documented contract; "
                                      "html: a page with the evidence for every claim one click away.")
@output_option
def brief_cli(paths: tuple[str, ...], story_ids: tuple[str, ...], db: str, workers: int, batch_size: int,
              quiet: bool, fmt: str, output: str | None) -> None:
    """The cross-checked briefing: stories, entities, quotes, figures compared, timeline, summary.

    With PATHS, ingest them first and brief the stories they belong to; with --story, brief
    stored stories; with neither, brief every story in the database.
    """
    store = _open_store(db)
    code = EXIT_OK
    ids: list[str] | None = list(story_ids) or None
    if paths:
        report = _run_ingest(paths, store, workers, batch_size, quiet)
        code = _exit_code(report)
        if not report.article_ids:
            sys.exit(code)
        ids = (ids or []) + [s for s in story_ids_for(store, report.article_ids) if s not in (ids or [])]
    try:
        briefing = brief(store, ids)
    except CrosswireError as exc:
        raise click.ClickException(str(exc)) from exc
    texts = {a.id: a.text for a in store.articles([x["id"] for s in briefing["stories"] for x in s["articles"]])}
    if fmt == "terminal" and not output:
        _emit(render_terminal(briefing, texts, color=sys.stdout.isatty(), width=Console().width), None)
    else:
        _emit(render(fmt, briefing, texts), output)
    sys.exit(code)


def main() -> None:
    cli(prog_name="crosswire")
