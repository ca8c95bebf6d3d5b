"""Latency of ``crosswire brief --story ID`` as the collection grows (issue #11).

A story's briefing is stored with the story's version and rebuilt only when the story changed, so
briefing one story should cost the same in a store of 1,000 articles as in one of 8,000. For each
size the first N articles of one seeded order of the raw news corpus are ingested (nested sizes:
a store of N is grown from the cached smaller one, since ingest runs at ~5 articles/s) and cached
under ``--cache`` to be reused by later runs. The story measured is the largest whose reports are the
same in the smallest and the largest store, so only the collection around it grows; its briefing is
timed through the service the CLI calls, on fresh copies of each store: the first call (fused and
kept) and the cached calls (read back).

    python -m benchmarks.brief_latency --sizes 1000 8000
    python -m benchmarks.brief_latency --build-only --sizes 1000 2000 4000 8000   # fill the cache
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from crosswire.model import Article
from eval.common import DEFAULT_DATA, check_data
from eval.data import CORPUS, SAMPLE_SEED, load_corpus

DEFAULT_SIZES = (1000, 8000)
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "crosswire-brief-latency"
# Calls timed per size (first calls each on a fresh copy of the store, cached calls after each): the
# medians are steady on a shared machine.
FIRST_CALLS = 5
CACHED_CALLS = 10
# The criterion: briefing one story at the largest size costs at most this times the smallest.
MAX_RATIO = 1.5


def corpus_order(data_dir: Path) -> list[Article]:
    """Every corpus article in one seeded order; a store of N holds the first N."""
    records = load_corpus(data_dir)
    random.Random(SAMPLE_SEED).shuffle(records)
    return [Article(id=r.id, text=r.text, title=r.title, outlet=r.outlet, published=r.published) for r in records]


def cached_store(articles: Sequence[Article], n: int, cache: Path) -> Path:
    """The SQLite store of the first ``n`` articles, grown from the largest smaller cached one."""
    from crosswire.service import Service

    path = cache / f"corpus-{n}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    smaller = sorted((int(p.stem.split("-")[1]), p) for p in cache.glob("corpus-*.db") if int(p.stem.split("-")[1]) < n)
    done = 0
    building = cache / f"corpus-{n}.db.building"
    if smaller:
        done, source = smaller[-1]
        shutil.copyfile(source, building)
    started = time.perf_counter()
    with Service(str(building)) as service:
        service.ingest_articles(articles[done:n])
    print(f"built {n} articles from {done} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    building.rename(path)
    return path


def _brief_once(path: Path, story_id: str) -> float:
    """Seconds for what ``crosswire brief --story ID --format json`` does after start-up: open the
    store, brief the story, read its evidence texts, render."""
    from crosswire.render import render
    from crosswire.service import Service

    started = time.perf_counter()
    with Service(str(path)) as service:
        briefing = service.brief([story_id])
        render("json", briefing, service.evidence(briefing))
    return time.perf_counter() - started


def unchanged_story(smallest: Path, largest: Path) -> str:
    """The largest story whose reports are the same in both stores (ids derive from the founding
    article, so a story of the smaller store keeps its id): one story, same work, only the
    collection around it grows."""
    from crosswire.service import Service

    with Service(str(smallest)) as small, Service(str(largest)) as large:
        sizes = {r.id: r.articles for r in large.stories()}
        rows = [r for r in small.stories() if sizes.get(r.id) == r.articles]
    return max(rows, key=lambda r: (r.articles, r.id)).id


def measure(path: Path, story_id: str) -> dict:
    """First and cached ``brief --story`` latency, each the median of several calls. Every first call
    runs on a fresh copy of the store (the cached store never keeps a briefing)."""
    from crosswire.service import Service

    with Service(str(path)) as service:  # opening it migrates it once, outside the clock
        rows = service.stories()
    firsts, cached = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(FIRST_CALLS):
            copy = Path(tmp) / f"{n}-{path.name}"
            shutil.copyfile(path, copy)
            os.sync()  # the copy's pages written out: a first call's commit must not wait on them
            firsts.append(_brief_once(copy, story_id))
            cached += [_brief_once(copy, story_id) for _ in range(CACHED_CALLS)]
            copy.unlink()
    return {"articles": sum(r.articles for r in rows), "story": story_id,
            "story_articles": next(r.articles for r in rows if r.id == story_id),
            "first_ms": round(statistics.median(firsts) * 1000, 1), "first_min_ms": round(min(firsts) * 1000, 1),
            "cached_ms": round(statistics.median(cached) * 1000, 1), "cached_min_ms": round(min(cached) * 1000, 1)}


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES,
                   help="articles per store (default: %(default)s)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where stores are kept (default: %(default)s)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the folder holding corpus/ (default: %(default)s)")
    p.add_argument("--build-only", action="store_true", help="build the cached stores, measure nothing")
    args = p.parse_args(argv)
    check_data(args.data, CORPUS)
    articles = corpus_order(args.data)
    sizes = sorted(args.sizes)
    if sizes[-1] > len(articles):
        sys.exit(f"error: --sizes asks for {sizes[-1]} articles; the corpus has {len(articles)}")
    paths = {n: cached_store(articles, n, args.cache) for n in sizes}
    if args.build_only:
        return
    story_id = unchanged_story(paths[sizes[0]], paths[sizes[-1]])
    rows = [measure(paths[n], story_id) for n in sizes]
    print(f"{'articles':>9} {'story':>12} {'its reports':>11} {'first ms (min)':>16} {'cached ms (min)':>16}")
    for r in rows:
        first, cached = f"{r['first_ms']} ({r['first_min_ms']})", f"{r['cached_ms']} ({r['cached_min_ms']})"
        print(f"{r['articles']:>9} {r['story']:>12} {r['story_articles']:>11} {first:>16} {cached:>16}")
    if len(rows) > 1:
        for key in ("first_ms", "cached_ms"):
            ratio = rows[-1][key] / rows[0][key]
            verdict = "ok" if ratio <= MAX_RATIO else f"over {MAX_RATIO}x"
            print(f"{key[:-3]} call (medians), {sizes[-1]} vs {sizes[0]} articles: {ratio:.2f}x ({verdict})")


if __name__ == "__main__":
    main()
