"""Where ingest's time goes, stage by stage, on the raw news corpus: what issue #13 asks a profiler
to find before anything is made faster.

Two measurements of the same seeded sample (``benchmarks.throughput``'s, so the figures line up):

1. bare spaCy (the model as spaCy ships it), one component at a time: the tokenizer and each
   component over every text in batches as ingest sends them, without a profiler, so their sum is
   what ``nlp.pipe`` costs;
2. ``crosswire ingest`` of the same texts into a fresh SQLite store under ``cProfile``: the seconds
   spent inside each stage's function (cumulative, so a stage includes what it calls). With
   ``--workers 1`` every stage runs in this process; with more, the table is the parent's share (its
   commits, clustering and waiting for workers), which is what limits a run once workers keep up.

cProfile adds its own cost to Python-heavy stages (the run is reported with and without it), so
read the stage figures as shares, not as absolute speeds.

    python -m benchmarks.stages --n 300
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.throughput import bare_pipeline, corpus_sample, unparsed_share, write_corpus
from eval.common import DEFAULT_DATA, ROOT, check_data, format_table
from eval.data import CORPUS

DEFAULT_N = 300
DEFAULT_OUT = ROOT / "eval" / "results" / "stages.json"
# (stage, file the function is defined in, relative to src/crosswire, function name). Cumulative
# time, so nested stages overlap: "analysis" holds spaCy, the finders and restoring.
STAGES = (
    ("read (files -> articles)", "ingest/readers.py", "read_paths"),
    ("analysis in all (this process)", "analyze/pipeline.py", "_analyze_serial"),
    ("  restore", "restore/__init__.py", "restore"),
    ("  dateline", "ingest/dateline.py", "parse_dateline"),
    ("  spaCy (nlp.pipe)", "analyze/pipeline.py", "_parse"),
    ("  finders in all", "analyze/pipeline.py", "analyze_doc"),
    ("    mentions", "analyze/entities.py", "find_mentions"),
    ("    aliases", "analyze/entities.py", "find_aliases"),
    ("    quotes", "analyze/quotes.py", "find_quotes"),
    ("    figures", "analyze/figures.py", "find_figures"),
    ("    times", "analyze/times.py", "find_times"),
    ("    zones", "analyze/zones.py", "find_zones"),
    ("lead embeddings", "fuse/embed.py", "embed"),
    ("waiting for workers", "scale/__init__.py", "results"),
    ("commit (store, place in a story)", "store/sql.py", "commit_many"),
    ("lexicon: read from the store", "store/sql.py", "lexicon"),
    ("lexicon: what cased reports teach", "jobs.py", "learnt_from"),
    ("recluster pass in all", "jobs.py", "recluster"),
)


def spacy_components(texts: Sequence[str]) -> dict[str, float]:
    """Seconds for the tokenizer and each component of the pipeline over ``texts``, in ingest's batches."""
    from crosswire.analyze.pipeline import DEFAULT_BATCH_SIZE

    nlp = bare_pipeline()
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds = {"tokenizer": time.perf_counter() - started}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=DEFAULT_BATCH_SIZE))
        seconds[name] = time.perf_counter() - started
    return seconds


def _cumulative(stats: pstats.Stats, relative: str, function: str) -> float:
    """Seconds spent inside ``function`` of ``src/crosswire/<relative>`` and what it called."""
    suffix = str(Path("crosswire") / relative)
    return sum(row[3] for (filename, _, name), row in stats.stats.items()  # type: ignore[attr-defined]
               if name == function and filename.endswith(suffix))


def profile_ingest(records: Sequence, workers: int, tmp: Path) -> tuple[float, float, dict[str, float]]:
    """Ingest ``records`` twice into fresh stores, once plain and once under cProfile: the plain and
    profiled wall seconds, and each stage's cumulative seconds in the profiled run."""
    from crosswire.analyze.nlp import load_pipeline
    from crosswire.jobs import ingest
    from crosswire.store import open_store

    corpus = write_corpus(records, tmp / "articles.jsonl")
    load_pipeline()
    walls = []
    profiler = cProfile.Profile()
    for profiled in (False, True):
        store = open_store(tmp / f"profiled-{profiled}.db")
        started = time.perf_counter()
        if profiled:
            profiler.enable()
        ingest([corpus], store, workers=workers)
        if profiled:
            profiler.disable()
        walls.append(time.perf_counter() - started)
        store.close()
    stats = pstats.Stats(profiler)
    return walls[0], walls[1], {label: _cumulative(stats, rel, fn) for label, rel, fn in STAGES}


def run(data_dir: Path, n: int, workers: int) -> dict:
    records = corpus_sample(data_dir, n)
    components = spacy_components([r.text for r in records])
    with tempfile.TemporaryDirectory(prefix="crosswire-stages-") as tmp:
        plain, profiled, stages = profile_ingest(records, workers, Path(tmp))
    return {"n": n, "workers": workers, "spacy_components_s": {k: round(v, 2) for k, v in components.items()},
            "spacy_total_s": round(sum(components.values()), 2), "ingest_s": round(plain, 2),
            "ingest_profiled_s": round(profiled, 2), "stages_s": {k: round(v, 2) for k, v in stages.items()},
            "unparsed_share": unparsed_share([r.text for r in records])}


def table(res: dict) -> str:
    spacy = res["spacy_total_s"]
    rows = [[f"spaCy: {name}", s, round(100 * s / spacy, 1)] for name, s in res["spacy_components_s"].items()]
    rows.append(["spaCy in all (bare, no profiler)", spacy, 100.0])
    out = format_table(["bare spaCy, per component", "seconds", "% of spaCy"], rows)
    total = res["ingest_profiled_s"]
    rows = [[label, s, round(100 * s / total, 1)] for label, s in res["stages_s"].items() if s > 0]
    out += "\n\n" + format_table([f"crosswire ingest, workers={res['workers']} (cProfile)", "seconds", "% of run"],
                                 rows)
    return (f"{out}\n\n{res['n']} reports: ingest {res['ingest_s']} s without the profiler, {total} s with it; "
            f"bare spaCy {spacy} s (one process): ratio {round(res['ingest_s'] / spacy, 2)}; reader comments, "
            f"not parsed: {100 * res['unparsed_share']:.1f}% of the reports' characters")


def main(argv: Sequence[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description="Where crosswire ingest spends its time, stage by stage, against "
                                            "bare spaCy component by component, on the same reports.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--n", type=int, default=DEFAULT_N, help="reports of the seeded sample (default: %(default)s)")
    p.add_argument("--workers", type=int, default=1,
                   help="ingest processes; above 1 the stages are the parent's share (default: %(default)s)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON goes (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the JSON instead of the tables")
    args = p.parse_args(argv)
    check_data(args.data, CORPUS)
    res = run(args.data, args.n, args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2) if args.json else table(res), file=sys.stdout)
    return res


if __name__ == "__main__":
    main()
