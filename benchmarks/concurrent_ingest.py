"""Several ingest processes writing one store at once, as a team does (issue #11).

Each of ``--writers`` processes (spawned, each loading its own model) ingests its own seeded set
of ``--per-writer`` reports drawn from ``--distinct`` reports of the raw news corpus, so the sets
overlap and together cover them all. Afterwards the store is checked: every report stored
exactly once, every one in a story, and the lexicon exactly the sum of what each stored cased
report taught it (nothing a writer learnt was lost to another); and the story assignment is
compared with one process ingesting the same reports in order (B-cubed F1 between the two: online
clustering depends on arrival order, so the writers' interleaving moves some reports). Prints the
figures and seconds.

    python -m benchmarks.concurrent_ingest --backend sqlite
    python -m benchmarks.concurrent_ingest --backend postgres     # a throwaway server (tests/pg_server.py)

The same ``run_writers`` and ``check_store`` drive tests/test_store_concurrency.py on small texts.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from crosswire.analyze.nlp import DEFAULT_MODEL
from crosswire.model import Article
from crosswire.restore import Lexicon
from eval.common import DEFAULT_DATA, check_data
from eval.data import CORPUS, SAMPLE_SEED, load_corpus


def overlapping_sets(articles: Sequence[Article], writers: int, per_writer: int, seed: int = SAMPLE_SEED
                     ) -> list[list[Article]]:
    """``writers`` sets of ``per_writer`` articles that together hold every article: each article goes
    to one writer in turn, then each set is filled up with others' articles; each set is shuffled."""
    if writers * per_writer < len(articles) or per_writer > len(articles):
        raise ValueError(f"{writers} sets of {per_writer} cannot cover {len(articles)} articles")
    rng = random.Random(seed)
    sets = [list(articles[w::writers]) for w in range(writers)]
    for own in sets:
        others = [a for a in articles if a not in own]
        own += rng.sample(others, per_writer - len(own))
        rng.shuffle(own)
    return sets


def ingest_worker(url: str, articles: list[Article], model: str) -> dict:
    """One ingest process: open the store, ingest, close; returns its report as a dict."""
    from crosswire.jobs import ingest_articles
    from crosswire.store import open_store

    store = open_store(url)
    try:
        return ingest_articles(articles, store, model=model).to_dict()
    finally:
        store.close()


def run_writers(url: str, sets: Sequence[list[Article]], model: str = DEFAULT_MODEL) -> list[dict]:
    """Ingest each set in its own spawned process, all at once; their reports."""
    with multiprocessing.get_context("spawn").Pool(len(sets)) as pool:
        return pool.starmap(ingest_worker, [(url, list(s), model) for s in sets])


def check_store(url: str, articles: Sequence[Article]) -> dict:
    """What the store holds after the writers: counts to compare and whether the lexicon adds up."""
    from crosswire.jobs import learnt_from
    from crosswire.store import open_store

    store = open_store(url, create=False)
    try:
        stored = store.articles()
        in_stories = {a.id for story in store.story_ids() for a, _ in store.story_items(story)}
        expected = Lexicon()
        for article in stored:
            analysis = store.analysis(article.id)
            if not analysis.form.get("lowercased"):
                expected.merge(learnt_from(article, analysis))
        return {"distinct_given": len({a.content_hash for a in articles}), "stored": len(stored),
                "distinct_stored": len({a.content_hash for a in stored}),
                "in_a_story": len(in_stories & {a.id for a in stored}), "stories": len(store.story_ids()),
                "lexicon_adds_up": store.lexicon() == expected}
    finally:
        store.close()


def assignment(url: str) -> dict[str, str]:
    """Each stored article's story."""
    from crosswire.store import open_store

    store = open_store(url, create=False)
    try:
        return {a.id: story for story in store.story_ids() for a, _ in store.story_items(story)}
    finally:
        store.close()


def agreement(a: dict[str, str], b: dict[str, str]) -> float:
    """B-cubed F1 of one story assignment against another over the articles both hold (symmetric)."""
    from eval.metrics import bcubed

    ids = sorted(a.keys() & b.keys())
    return bcubed([a[i] for i in ids], [b[i] for i in ids])["f1"]


def main(argv: Sequence[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description="Concurrent ingest processes into one store.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite",
                   help="fresh stores of this kind (postgres: a throwaway local server)")
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--per-writer", type=int, default=160)
    p.add_argument("--distinct", type=int, default=400)
    args = p.parse_args(argv)
    check_data(args.data, CORPUS)
    records = load_corpus(args.data)
    random.Random(SAMPLE_SEED).shuffle(records)
    articles = [Article(id=r.id, text=r.text, title=r.title, outlet=r.outlet, published=r.published)
                for r in records[:args.distinct]]
    sets = overlapping_sets(articles, args.writers, args.per_writer)
    with ExitStack() as stack:
        if args.backend == "postgres":
            from tests.pg_server import PostgresServer

            server = stack.enter_context(PostgresServer.start())
            concurrent, single = server.create_database("concurrent"), server.create_database("single")
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            concurrent, single = str(folder / "concurrent.db"), str(folder / "single.db")
        t0 = time.perf_counter()
        reports = run_writers(concurrent, sets)
        seconds = time.perf_counter() - t0
        run_writers(single, [articles])
        res = {"backend": args.backend, "writers": args.writers, "per_writer": args.per_writer,
               "seconds": round(seconds, 1), "reported_stored": sum(len(r["stored"]) for r in reports),
               "reported_duplicates": sum(len(r["duplicates"]) for r in reports),
               "problems": sum(len(r["problems"]) for r in reports), **check_store(concurrent, articles),
               "single_process_agreement_bcubed_f1": round(agreement(assignment(concurrent), assignment(single)), 3)}
    print(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
