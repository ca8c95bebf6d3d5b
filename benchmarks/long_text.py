"""Analysis time and peak memory of one very long article: what ``pipeline.SECTION_CHARS`` and
``pipeline.MAX_ANALYSIS_CHARS`` were chosen from, and what shows per-article work that grows faster
than the text (a finder quadratic in the quotes once took 213 s for 1,000,000 characters).

The article is the bundled example reports (examples/*.txt, front matter dropped) repeated to each
size, so it has paragraphs, datelines, quotes and figures like a real report. Each size runs in a
fresh process, so each peak RSS is that run's own.

    python -m benchmarks.long_text --sizes 100000 200000 500000 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def long_text(chars: int) -> str:
    """``chars`` characters of the example reports, one after another, repeated."""
    from crosswire.ingest.frontmatter import split_front_matter

    reports = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        reports.append(text[split_front_matter(text, str(path)).body_start:].strip())
    unit = "\n\n".join(reports) + "\n\n"
    return (unit * (chars // len(unit) + 1))[:chars]


def measure(chars: int) -> dict:
    """Analyse one article of ``chars`` characters in this process (model loaded before the clock)."""
    from crosswire.analyze.nlp import load_pipeline
    from crosswire.analyze.pipeline import analyze_articles
    from crosswire.model import Article

    load_pipeline()
    text = long_text(chars)
    t0 = time.perf_counter()
    (result,) = analyze_articles([Article("long", text)])
    seconds = time.perf_counter() - t0
    return {"chars": chars, "seconds": round(seconds, 1), "result": type(result).__name__,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "mentions": len(getattr(result, "mentions", ())), "quotes": len(getattr(result, "quotes", ()))}


def main(argv: Sequence[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 500_000, 1_000_000])
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: measure one size
    args = p.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return []
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, "-m", "benchmarks.long_text", "--one", str(size)],
                             capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    return rows


if __name__ == "__main__":
    main()
