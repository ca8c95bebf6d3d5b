"""Ingest cost per article as the collection grows (issue #7): does a report cost the same to take in
at 8,000 stored as at 1,000?

The raw news corpus (the seeded permutation ``benchmarks.throughput`` uses) is ingested as a feed, in
runs of ``--batch`` reports into one SQLite store, each run ending with its recluster pass. Per run:
the seconds of reading, restoring, analysing and committing (``analysis``) and of the recluster pass
(``clustering``; of which ``embedding``: the lead embeddings of the new reports, computed once each),
the pass's window, peak memory, and the events whose reports span more than ``SPREAD_DAYS`` after the
pass (sinks: an event is a day or two of news). At each of ``--sizes`` the pass is also run on a
copy of the store with the narrowing off (``recluster --wide``: every storyline within the time window,
the pass before the neighbour index), the baseline in the same run.

Reported per size: seconds per article of the run that reached it (ingest, clustering, wide
clustering), the cumulative total, and the growth exponent of the total (log-log slope against size:
1.0 is linear); ``growth_per_article`` is the last size's per-article cost over the first's.

Analysis costs the same per report whatever the store holds, and on a shared machine its time swings
with the load. ``--replay STORE`` leaves it out: the articles, analyses and lead embeddings of a store
an earlier run made are committed in the same runs (``ingest`` is then the commit alone: admission,
online placement, items) and each run's pass clusters them, so what grows with the store is measured
by itself, in minutes. Sizes past what the store holds repeat it as later eras of one feed (each copy
a new text and id, moved later by the store's whole span: ``_repeated``), which is how the 100,000-
report scale is reached from a few thousand real reports; analysis, whose cost per report does not
depend on the store, is measured on real reports by ``benchmarks.throughput``.

``--order date`` feeds the reports in publication order (the undated spread evenly among them), as a
live feed brings them, instead of the permutation (a backfill in no order). ``--keep FILE`` copies the SQLite
store the feed made (and its neighbour index) to ``FILE`` at the end, to look into what it made: how wide its
storylines grew, which reports a pass took in.

    python -m benchmarks.ingest_cost --sizes 1000 4000 8000 --batch 500 --workers 2 --keep feed.db
    python -m benchmarks.ingest_cost --sizes 1000 4000 7500 --replay feed.db --order date
    python -m benchmarks.ingest_cost --sizes 10000 30000 100000 --batch 1000 --replay t17.db --order date --no-wide
    python -m benchmarks.ingest_cost --sizes 10000 30000 --batch 1000 --replay t17.db --order date --no-wide --backend postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from benchmarks.throughput import DEFAULT_WORKERS, _peak_mb, corpus_sample
from crosswire.store.sqlite import NEIGHBOURS_SUFFIX
from eval.common import DEFAULT_DATA, ROOT, check_data, format_table
from eval.data import CORPUS, SAMPLE_SEED, fingerprint
from eval.metrics import growth_exponent

DEFAULT_SIZES = (1000, 4000, 8000)
# Reports per ingest run: a feed polled every few minutes, or a day of one desk's sources.
DEFAULT_BATCH = 500
DEFAULT_OUT = ROOT / "eval" / "results" / "ingest_cost.json"
# An event whose reports span more than this many days is a sink, not an event (``_spread_events``).
SPREAD_DAYS = 30


def _wide_seconds(db: Path, tmp: Path) -> float:
    """The seconds of a wide pass (every storyline of the window) on a copy of the store as it stands."""
    from crosswire.jobs import recluster
    from crosswire.store import open_store

    copy = tmp / "wide.db"
    shutil.copy(db, copy)
    if Path(f"{db}{NEIGHBOURS_SUFFIX}").exists():
        shutil.copy(f"{db}{NEIGHBOURS_SUFFIX}", f"{copy}{NEIGHBOURS_SUFFIX}")
    store = open_store(copy)
    try:
        return recluster(store, narrow=False).seconds
    finally:
        store.close()
        for path in tmp.glob("wide.db*"):
            path.unlink()


def _replayer(source: Path, n: int) -> tuple[list, Callable]:
    """``n`` articles from what ``source`` stored, and a function committing a run of them into a store
    as ``source`` stored them, each with its analysis and lead embedding, as an ingest commits them:
    ingest without analysis. Past the store's own articles come copies of them (``_repeated``)."""
    from crosswire.jobs import COMMIT_BATCH
    from crosswire.store import Commit, open_store

    kept = open_store(source, create=False)
    stored = kept.articles()[:n]
    analyses = {a.id: kept.analysis(a.id) for a in stored}
    vectors = kept.embeddings([a.id for a in stored])
    kept.close()
    articles, originals = _repeated(stored, n)

    def stored_as(article) -> Commit:  # with its lead, as the ingest workers hand it to the commit
        vector = vectors.get(originals[article.id])
        return Commit(article, analyses[originals[article.id]], lead=None if vector is None else vector.tobytes())

    def commit(part, store) -> None:  # in batches, as the ingest commits
        for start in range(0, len(part), COMMIT_BATCH):
            store.commit_many([stored_as(a) for a in part[start:start + COMMIT_BATCH]])
    return articles, commit


def _repeated(stored: Sequence, n: int) -> tuple[list, dict[str, str]]:
    """``n`` articles: ``stored``, then copies of it as later eras of the same feed, and each one's
    original's id. Copy ``k`` of an article has the id ``<id>~r<k>``, a line ``(r<k>)`` after its text
    (a new text, so not a duplicate; the spans of the original's analysis still hold) and its date moved
    ``k`` times the stored articles' whole span later, so no era's stories meet another's."""
    import dataclasses

    dates = [a.published for a in stored if a.published]
    span = (max(dates) - min(dates) + dt.timedelta(days=SPREAD_DAYS)) if dates else dt.timedelta(0)
    articles, originals = [], {}
    for i in range(n):
        article, k = stored[i % len(stored)], i // len(stored)
        if k:
            article = dataclasses.replace(article, id=f"{article.id}~r{k}", text=f"{article.text}\n\n(r{k})",
                                          published=article.published and article.published + k * span)
        articles.append(article)
        originals[article.id] = stored[i % len(stored)].id
    return articles, originals


def by_date(articles: Sequence) -> list:
    """``articles`` in publication order, the undated spread evenly among the dated (a feed brings them
    as they come, and nothing says when an undated one came)."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.id))
    undated = [a for a in articles if not a.published]
    if not dated or not undated:
        return dated + undated
    step = len(articles) / len(undated)
    slots = {int(k * step) for k in range(len(undated))}
    out, d, u = [], iter(dated), iter(undated)
    for position in range(len(articles)):
        out.append(next(u) if position in slots else next(d, None) or next(u))
    return out


def run(data_dir: Path = DEFAULT_DATA, sizes: Sequence[int] = DEFAULT_SIZES, batch: int = DEFAULT_BATCH,
        workers: int = DEFAULT_WORKERS, log: Callable[[str], None] | None = None, replay: Path | None = None,
        order: str = "permutation", wide_baseline: bool = True, backend: str = "sqlite",
        keep: Path | None = None) -> dict:
    """The runs (see the module's docstring); ``keep``: where the SQLite store is copied once they end (with its
    neighbour index), to look into what the feed made."""
    from crosswire.jobs import ingest_articles, recluster
    from crosswire.model import Article
    from crosswire.store import open_store

    sizes = sorted(sizes)
    if replay is not None:
        articles, replayed = _replayer(replay, sizes[-1])
    else:
        from crosswire.analyze.nlp import load_pipeline

        records = corpus_sample(data_dir, sizes[-1])
        articles = [Article(r.id, r.text, title=r.title, outlet=r.outlet, published=r.published)
                    for r in records]
        load_pipeline()  # loaded before the clock starts, as in benchmarks.throughput
    if order == "date":
        articles = by_date(articles)
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="crosswire-bench-") as folder, ExitStack() as stack:
        tmp = Path(folder)
        db: Path | str = tmp / "feed.db"
        if backend == "postgres":
            from tests.pg_server import PostgresServer

            db = stack.enter_context(PostgresServer.start()).create_database("feed")
        done = 0
        for start in range(0, sizes[-1], batch):
            part = articles[start:start + batch]
            t0 = time.perf_counter()
            store = open_store(db)
            if replay is not None:
                replayed(part, store)
            else:
                ingest_articles(part, store, workers=workers, recluster_at_end=False)
            ingest = time.perf_counter() - t0
            store.close()
            done += len(part)
            wide = _wide_seconds(db, tmp) if wide_baseline and done in sizes else None
            store = open_store(db)
            report = recluster(store)
            spread = _spread_events(store)
            store.close()
            row = {"n": done, "batch": len(part), "ingest_s": round(ingest, 2),
                   "clustering_s": round(report.seconds, 2), "embedding_s": round(report.embedding_seconds, 2),
                   "window": report.window,
                   "wide_clustering_s": None if wide is None else round(wide, 2), **spread, **_peak_mb()}
            runs.append(row)
            if log:
                log(f"n={done:5d}  ingest {ingest:7.1f} s  clustering {report.seconds:6.1f} s "
                    f"(embeddings {report.embedding_seconds:.1f} s, window {report.window})" + ("" if wide is None else f"  wide {wide:6.1f} s")
                    + f"  {row['peak_rss_mb']:.0f} MB  events over {SPREAD_DAYS} days: {row['spread_events']} "
                    f"({row['spread_event_articles']} reports)")
        if keep is not None:
            for suffix in ("", NEIGHBOURS_SUFFIX):
                if Path(f"{db}{suffix}").exists():
                    shutil.copy(f"{db}{suffix}", f"{keep}{suffix}")
    return {"runs": runs, "sizes": _at_sizes(runs, sizes), "batch": batch, "workers": workers,
            "ingest": "commit (analyses replayed from {})".format(replay) if replay else "analysis + commit",
            "order": order, "backend": backend,
            "seed": SAMPLE_SEED, "data": str(replay or CORPUS),
            "data_fingerprint": fingerprint(replay or data_dir / CORPUS),
            "date": dt.datetime.now(dt.UTC).isoformat(), **_growth(runs, sizes)}


def _spread_events(store) -> dict:
    """Events (stories) whose reports were published more than ``SPREAD_DAYS`` apart, and their reports:
    an event is a day or two of news, so these are sinks, not events (a quality check of the feed)."""
    spread = [row for row in store.story_rows() if row.first and row.last
              and (dt.date.fromisoformat(row.last) - dt.date.fromisoformat(row.first)).days > SPREAD_DAYS]
    return {"spread_events": len(spread), "spread_event_articles": sum(row.articles for row in spread)}


def _at_sizes(runs: Sequence[dict], sizes: Sequence[int]) -> list[dict]:
    """Per size: the per-article seconds of the run that reached it and the cumulative total."""
    out = []
    for size in sizes:
        upto = [r for r in runs if r["n"] <= size]
        last = upto[-1]
        out.append({"n": size,
                    "ingest_s_per_article": round(last["ingest_s"] / last["batch"], 4),
                    "clustering_s_per_article": round(last["clustering_s"] / last["batch"], 4),
                    "embedding_s_per_article": round(last.get("embedding_s", 0.0) / last["batch"], 4),
                    "wide_clustering_s_per_article": None if last["wide_clustering_s"] is None
                    else round(last["wide_clustering_s"] / last["batch"], 4),
                    "total_s": round(sum(r["ingest_s"] + r["clustering_s"] for r in upto), 1),
                    "clustering_total_s": round(sum(r["clustering_s"] for r in upto), 1),
                    "spread_events": last["spread_events"], "spread_event_articles": last["spread_event_articles"],
                    "peak_rss_mb": max(r["peak_rss_mb"] for r in upto)})
    return out


def _growth(runs: Sequence[dict], sizes: Sequence[int]) -> dict:
    """Growth from the first size to the last; None where a size took too little time to be timed (a toy run)."""
    rows = _at_sizes(runs, sizes)
    per_article = [r["ingest_s_per_article"] + r["clustering_s_per_article"] for r in rows]
    timed = per_article[0] > 0 and all(r["total_s"] > 0 for r in rows)
    return {"growth_per_article": round(per_article[-1] / per_article[0], 3) if timed else None,
            "growth_exponent_total": round(growth_exponent([r["n"] for r in rows], [r["total_s"] for r in rows]), 3)
            if timed else None}


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ingest_cost", description=__doc__.split("\n\n")[0],
                                 epilog="Takes about 30 minutes at 8,000 reports on two cores.")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: %(default)s)")
    ap.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, help="collection sizes to report at "
                    "(multiples of --batch; default: %(default)s)")
    ap.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="reports per ingest run (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="analysis processes (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results (default: %(default)s)")
    ap.add_argument("--order", choices=("permutation", "date"), default="permutation",
                    help="the corpus's seeded permutation (a backfill), or publication order (a live feed)")
    ap.add_argument("--replay", type=Path, metavar="STORE", help="commit the articles, analyses and embeddings "
                    "of this store instead of analysing the corpus (what grows with the store, without analysis)")
    ap.add_argument("--no-wide", action="store_true", help="leave out the wide pass, the baseline (it copies the "
                    "store at each size: gigabytes at 100,000 reports)")
    ap.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite",
                    help="the store: a SQLite file, or a database of a throwaway local PostgreSQL server "
                    "(tests/pg_server.py; needs --no-wide)")
    ap.add_argument("--keep", type=Path, metavar="FILE", help="copy the SQLite store the feed made to FILE at the end "
                    "(and FILE.neighbours), to look into it; FILE must not exist")
    args = ap.parse_args(argv)
    if args.keep is not None and (args.keep.exists() or args.backend != "sqlite"):
        ap.error(f"--keep {args.keep}: " + ("exists (a kept store is never overwritten)" if args.keep.exists()
                                             else "keeps a SQLite store only"))
    if len(set(args.sizes)) < 2:
        ap.error("--sizes needs at least two sizes: the growth exponent is a slope between them")
    if args.backend == "postgres" and not args.no_wide:
        ap.error("--backend postgres needs --no-wide: the wide baseline copies a SQLite file")
    if args.replay is None:
        check_data(args.data, CORPUS)
    if any(size % args.batch for size in args.sizes):
        ap.error(f"every --sizes value must be a multiple of --batch {args.batch}")
    result = run(args.data, args.sizes, args.batch, args.workers, log=print, replay=args.replay, order=args.order,
                 wide_baseline=not args.no_wide, backend=args.backend, keep=args.keep)
    print(format_table(["n", "ingest s/article", "clustering s/article", "wide s/article", "total s", "peak MB"],
                       [[r["n"], r["ingest_s_per_article"], r["clustering_s_per_article"],
                         r["wide_clustering_s_per_article"], r["total_s"], r["peak_rss_mb"]] for r in result["sizes"]]))
    print(f"per-article growth {result['growth_per_article']}x, total growth exponent {result['growth_exponent_total']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
