"""Throughput and memory of ``crosswire ingest`` (read + restore + analyze + store + story) on the
raw news corpus, against bare ``nlp.pipe`` of the same spaCy model over the same texts.

Every (system, size) runs in a fresh subprocess, so the peak RSS (the process's own high-water
mark; ``ru_maxrss`` of the largest worker) is that run's alone and no size warms the next.
Sizes are nested: the first N of one seeded permutation of the corpus (Timeline17, BBC and
TempEval-3 silver mixed). The model is loaded before the clock starts; worker processes
(``--workers``) load their own inside it. The growth exponent is the log-log slope of time
against size: 1.0 means linear. The whole benchmark keeps to a time budget (``--budget``);
sizes it could not finish are reported as such.

    python -m benchmarks.throughput --sizes 500 1000 2000 4000 --workers 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from eval.common import DEFAULT_DATA, ROOT, check_data, format_table
from eval.data import CORPUS, SAMPLE_SEED, fingerprint, load_corpus
from eval.metrics import growth_exponent

DEFAULT_SIZES = (500, 1000, 2000, 4000)
# Seconds the whole benchmark may take: with the scorers' ~5 minutes, a full `run_all
# --with-speed` stays under an hour on two cores, whatever crosswire's speed.
DEFAULT_BUDGET_S = 45 * 60
# A run given less than this would only measure start-up.
MIN_RUN_S = 30
# Two workers by default: the target machine has two cores, and at ~5-10 articles/s a core the
# four default sizes (7,500 articles per system) take about 30 minutes on two.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
DEFAULT_OUT = ROOT / "eval" / "results" / "throughput.json"
# Bare spaCy first at each size: it is the reference, and if crosswire runs out of budget the
# reference figure for that size is already in.
SYSTEMS = ("spacy", "crosswire")


def corpus_sample(data_dir: Path, n: int) -> list:
    """The first ``n`` articles of the corpus in a seeded order (nested across sizes)."""
    records = load_corpus(data_dir)
    random.Random(SAMPLE_SEED).shuffle(records)
    if n > len(records):
        raise SystemExit(f"error: --sizes asks for {n} articles; the corpus has {len(records)}")
    return records[:n]


def _own_peak_kib() -> float:
    """This process's peak resident memory in KiB.

    Linux's ``ru_maxrss`` for RUSAGE_SELF carries the parent's peak over ``fork``+``exec`` (a child
    of a 700 MB parent reports at least 700 MB), so ``VmHWM``, the peak of this process's own
    address space, is read where /proc has it.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _peak_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished worker (KiB -> MB)."""
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_rss_mb": round(_own_peak_kib() / 1024, 1), "worker_peak_rss_mb": round(child / 1024, 1)}


def write_corpus(records: Sequence, path: Path) -> Path:
    """``records`` as the JSONL file ``crosswire ingest`` reads, at ``path``."""
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({"id": r.id, "outlet": r.outlet, "title": r.title, "text": r.text,
                                 "published": r.published.isoformat() if r.published else None}) + "\n")
    return path


def _time_crosswire(records: Sequence, workers: int, tmp: Path) -> tuple[float, int]:
    from crosswire.analyze.nlp import load_pipeline
    from crosswire.jobs import ingest
    from crosswire.store import open_store

    corpus = write_corpus(records, tmp / "articles.jsonl")
    load_pipeline()
    store = open_store(tmp / "bench.db")
    t0 = time.perf_counter()
    report = ingest([corpus], store, workers=workers)
    seconds = time.perf_counter() - t0
    store.close()
    return seconds, len(report.stored)


def bare_pipeline():
    """The reference: the trained model crosswire uses, loaded as spaCy ships it (crosswire's own
    pipeline replaces some of its components with cheaper equivalents, which the reference must not
    share)."""
    import spacy

    from crosswire.analyze.nlp import DEFAULT_MODEL

    return spacy.load(DEFAULT_MODEL)


def _time_spacy(records: Sequence, workers: int) -> tuple[float, int]:
    from crosswire.analyze.pipeline import DEFAULT_BATCH_SIZE

    nlp = bare_pipeline()
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe((r.text for r in records), batch_size=DEFAULT_BATCH_SIZE, n_process=workers))
    return time.perf_counter() - t0, n


def child(system: str, n: int, workers: int, data_dir: Path, workdir: Path) -> dict:
    """One measurement, run inside its own process; its files go in ``workdir``."""
    records = corpus_sample(data_dir, n)
    words = sum(len(r.text.split()) for r in records)
    if system == "crosswire":
        seconds, done = _time_crosswire(records, workers, workdir)
    else:
        seconds, done = _time_spacy(records, workers)
    return {"system": system, "n": n, "workers": workers, "articles_done": done, "words": words,
            "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 2),
            "words_per_s": round(words / seconds), **_peak_mb()}


def measure(system: str, n: int, workers: int, data_dir: Path, timeout: float) -> dict:
    """Run ``child`` in a fresh interpreter (its own process group, so a timeout also ends its
    workers) and return its measurement, or a ``timeout`` row. Its working folder is made and removed
    here: a child killed at its timeout cannot remove its own (a 4k store is about 300 MB)."""
    with tempfile.TemporaryDirectory(prefix="crosswire-bench-") as workdir:
        cmd = [sys.executable, "-m", "benchmarks.throughput", "--child", system, "--sizes", str(n),
               "--workers", str(workers), "--data", str(data_dir), "--workdir", workdir]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"system": system, "n": n, "workers": workers, "status": "timeout", "seconds": round(timeout, 1)}
    if proc.returncode != 0:
        raise RuntimeError(f"{system} at n={n} failed:\n{err[-3000:]}")
    return {**json.loads(out.strip().splitlines()[-1]), "status": "ok"}


def _skipped(system: str, n: int, workers: int, why: str) -> dict:
    return {"system": system, "n": n, "workers": workers, "status": why, "seconds": None}


def _log_row(row: dict) -> str:
    if row["status"] != "ok":
        return f"{row['system']:9s} n={row['n']:5d}  {row['status']}"
    return (f"{row['system']:9s} n={row['n']:5d}  {row['seconds']:8.1f} s  {row['articles_per_s']:7.1f} art/s  "
            f"{row['peak_rss_mb']:7.0f} MB")


def summarize(rows: Sequence[dict]) -> tuple[dict[str, dict], dict[int, float], dict[int, list[float]]]:
    """Per system: articles/s at its largest finished size, peak RSS, growth exponent; the time ratio
    crosswire / spaCy at each size both finished (their seconds summed over the rounds both finished);
    and each such round's own ratio."""
    done = [r for r in rows if r["status"] == "ok"]
    summary: dict[str, dict] = {}
    for system in SYSTEMS:
        mine = [r for r in done if r["system"] == system]
        largest = [r for r in mine if r["n"] == mine[-1]["n"]] if mine else []
        summary[system] = {
            "articles_per_s": round(sum(r["n"] for r in largest) / sum(r["seconds"] for r in largest), 2)
            if largest else None,
            "peak_rss_mb": max((r["peak_rss_mb"] for r in mine), default=None),
            "growth_exponent": round(growth_exponent([r["n"] for r in mine], [r["seconds"] for r in mine]), 3)
            if len({r["n"] for r in mine}) >= 2 else None,
        }
    pairs: dict[int, list[tuple[float, float]]] = {}
    for r in done:
        for s in done:
            if (r["system"], s["system"]) == ("crosswire", "spacy") and (r["n"], r.get("round")) == (s["n"], s.get("round")):
                pairs.setdefault(r["n"], []).append((r["seconds"], s["seconds"]))
    ratio = {n: round(sum(c for c, _ in p) / sum(b for _, b in p), 2) for n, p in pairs.items()}
    per_round = {n: [round(c / b, 3) for c, b in p] for n, p in pairs.items()}
    return summary, ratio, per_round


def unparsed_share(texts: Sequence[str]) -> float:
    """The share of the reports' characters that analysis does not parse: reader-comment sections,
    found before the parse (``analyze.zones.comments_start``, read here on the text as given)."""
    from crosswire.analyze.zones import comments_start

    unparsed = sum(len(t) - cut for t in texts if (cut := comments_start(t)) is not None)
    return round(unparsed / max(1, sum(map(len, texts))), 3)


def run(data_dir: Path = DEFAULT_DATA, sizes: Sequence[int] = DEFAULT_SIZES, workers: int = DEFAULT_WORKERS,
        budget_s: float = DEFAULT_BUDGET_S, log=None, rounds: int = 1) -> dict:
    """Measure every size for crosswire and bare spaCy within ``budget_s`` seconds in all, ``rounds``
    times each, the order turned round every other round (spaCy first, then crosswire first): a
    shared machine's speed drifts over minutes, and a drift then weighs on both alike.

    Each run may use what is left of the budget; a system that runs out is not tried again, nor at
    larger sizes (they are nested, so they would take longer still), and its rows say ``timeout``
    and ``skipped``.
    """
    deadline = time.monotonic() + budget_s
    stopped: set[str] = set()
    rows = []
    for n in sorted(sizes):
        for turn in range(rounds):
            for system in SYSTEMS if turn % 2 == 0 else SYSTEMS[::-1]:
                left = deadline - time.monotonic()
                if system in stopped:
                    row = _skipped(system, n, workers, "skipped")
                elif left < MIN_RUN_S:
                    row = _skipped(system, n, workers, "no budget")
                else:
                    row = measure(system, n, workers, data_dir, left)
                if row["status"] != "ok":
                    stopped.add(system)
                row["round"] = turn + 1
                rows.append(row)
                if log:
                    log(_log_row(row))
    summary, ratio, per_round = summarize(rows)
    unparsed = {n: unparsed_share([r.text for r in corpus_sample(data_dir, n)]) for n in sorted(sizes)}
    return {"rows": rows, "summary": summary, "time_ratio_vs_spacy": ratio, "round_ratios": per_round,
            "unparsed_share": unparsed, "sizes": sorted(sizes), "rounds": rounds,
            "workers": workers, "budget_s": budget_s, "seed": SAMPLE_SEED, "data": str(CORPUS),
            "data_fingerprint": fingerprint(data_dir / CORPUS), "date": dt.datetime.now(dt.UTC).isoformat()}


def table(res: dict) -> str:
    rows = [[r["system"], r["n"], r.get("round", 1), r["status"], r["seconds"], r.get("articles_per_s"),
             r.get("words_per_s"), r.get("peak_rss_mb"), r.get("worker_peak_rss_mb")] for r in res["rows"]]
    out = format_table(["system", "n", "round", "status", "seconds", "art/s", "words/s", "peak MB", "worker MB"], rows)
    ratios = "; ".join(f"{n}: {ratio}" + (f" (rounds: {', '.join(map(str, res['round_ratios'][n]))})"
                                          if len(res["round_ratios"].get(n, ())) > 1 else "")
                       for n, ratio in res["time_ratio_vs_spacy"].items())
    out += f"\ncrosswire time / bare spaCy time: {ratios or 'none finished'}"
    exps = ", ".join(f"{s} {v['growth_exponent']}" for s, v in res["summary"].items())
    unparsed = ", ".join(f"{n}: {100 * share:.1f}%" for n, share in res["unparsed_share"].items())
    return (f"{out}\ngrowth exponent (log-log slope of time vs n): {exps}  (workers={res['workers']})\n"
            f"reader comments, not parsed by crosswire: {unparsed} of the reports' characters")


def main(argv: Sequence[str] | None = None) -> dict | None:
    p = argparse.ArgumentParser(description="Speed and memory of crosswire ingest vs bare spaCy.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    p.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="processes (default: %(default)s)")
    p.add_argument("--budget", type=float, default=DEFAULT_BUDGET_S,
                   help="seconds the whole benchmark may take (default: %(default)s)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON goes (default: %(default)s)")
    p.add_argument("--rounds", type=int, default=1,
                   help="measure each size this many times, the order of the two systems turned round every "
                        "other round, so that a drift in the machine's speed weighs on both (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the JSON instead of the table")
    p.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    p.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    check_data(args.data, CORPUS)
    if args.child:
        print(json.dumps(child(args.child, args.sizes[0], args.workers, args.data, args.workdir)))
        return None
    if args.rounds < 1:
        p.error("--rounds must be at least 1")
    res = run(args.data, args.sizes, args.workers, args.budget, log=lambda line: print(line, file=sys.stderr),
              rounds=args.rounds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2) if args.json else table(res))
    return res


if __name__ == "__main__":
    main()
