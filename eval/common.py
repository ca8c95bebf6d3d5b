"""What every scorer shares: where the data lives, the CLI, the result shape, table printing, and
the one way crosswire's analysis is run (so every scorer measures the same product path).

A scorer's ``score()`` returns a *result*::

    {"capability": "figures", "systems": {"crosswire": {...}, "quantulum3": {...}},
     "headline": ["value_f1", ...], "n": 295, "limit": None, "settings": {...},
     "details": {...}, "data": ["figures/newsquant.dev.json"], "seconds": 1.2}

``systems`` maps each system (crosswire first, then its peers) to flat ``metric -> number``;
``headline`` names the metrics that go on the scoreboard.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
# ../shared/data next to the repository, as tests/conftest.py finds it (CROSSWIRE_SHARED overrides).
DEFAULT_DATA = Path(os.environ.get("CROSSWIRE_SHARED", ROOT.parent / "shared")) / "data"
CROSSWIRE = "crosswire"

Result = dict[str, Any]
ScoreFn = Callable[..., Result]


def result(capability: str, systems: dict[str, dict[str, float]], headline: Sequence[str], *, n: int,
           limit: int | None, data: Sequence[Path], settings: dict | None = None,
           details: dict | None = None, seconds: float = 0.0) -> Result:
    return {"capability": capability, "systems": systems, "headline": list(headline), "n": n, "limit": limit,
            "data": [str(p) for p in data], "settings": settings or {}, "details": details or {},
            "seconds": round(seconds, 2)}


def prefixed(prefix: str, scores: dict[str, float]) -> dict[str, float]:
    """``{"precision": .5, "recall": .4, "f1": .44}`` -> ``{"<prefix>_p": .5, "<prefix>_r": .4, ...}``."""
    short = {"precision": "p", "recall": "r"}
    return {f"{prefix}_{short.get(k, k)}": v for k, v in scores.items()}


# --------------------------------------------------------------------------- running crosswire


def run_crosswire(articles: Sequence, *, workers: int = 1) -> dict[str, Any]:
    """Analyse ``articles`` exactly as ``crosswire ingest`` does (``crosswire.jobs.ingest_articles``
    into an in-memory store: cased reports first, teaching the lexicon, then lowercased ones).

    Returns the analysis of each stored article keyed by the input article's id; an article that
    was not stored (a problem) is left out and scored as finding nothing.
    """
    store = ingested(articles, workers=workers)
    stored = store.known_contents(a.content_hash for a in articles)
    return {a.id: store.analysis(stored[a.content_hash]) for a in articles if a.content_hash in stored}


def ingested(articles: Sequence, *, workers: int = 1, path: Path | None = None):
    """A store holding ``articles`` as ``crosswire ingest`` would store them: in memory, or in the
    SQLite file ``path``, where those already stored by an earlier run are not analysed again."""
    from crosswire.jobs import ingest_articles
    from crosswire.store import open_store

    store = open_store(path or ":memory:")
    ingest_articles(articles, store, workers=workers)
    return store


# --------------------------------------------------------------------------- embeddings


def embeddings(name: str, texts: Sequence[str], max_tokens: int, cache: Path | None) -> tuple[np.ndarray, dict]:
    """Lead embeddings of ``texts`` and the embedder's cost (load seconds, texts/s on one thread,
    peak RSS); with ``cache``, vectors computed before for the same texts are read back instead."""
    from crosswire.fuse.embed import Embedder

    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    # "int8": made by the int8 rewrite of the encoder (fuse/int8_model.py); vectors cached before it are not read
    path = cache / f"{name}-{max_tokens}-int8-{digest}.npy" if cache else None
    if path and path.exists():
        return np.load(path), {}
    t0 = time.perf_counter()
    embedder = Embedder(threads=1, max_tokens=max_tokens)
    t1 = time.perf_counter()
    vectors = embedder.embed(texts)
    t2 = time.perf_counter()
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors, {"embed_load_s": t1 - t0, "embed_texts_per_s": len(texts) / (t2 - t1),
                     "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# --------------------------------------------------------------------------- printing


def fmt(value: Any) -> str:
    """Scores (0..1) to three decimals; counts, seconds and megabytes to fewer."""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    return "-" if value is None else str(value)


def format_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain fixed-width table (no colour, so it pastes into issues and logs)."""
    cells = [list(map(str, headers))] + [[fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def result_table(res: Result) -> str:
    """Every metric of one scorer, one column per system."""
    systems = list(res["systems"])
    metrics: list[str] = []
    for values in res["systems"].values():
        metrics += [m for m in values if m not in metrics]
    rows = [[m] + [res["systems"][s].get(m) for s in systems] for m in metrics]
    title = f"{res['capability']}  (n={res['n']}, limit={res['limit']}, {res['seconds']} s)"
    return title + "\n" + format_table(["metric"] + systems, rows)


# --------------------------------------------------------------------------- CLI


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="gold data folder (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None,
                   help="score a deterministic sample of N items (seeded; default: all)")
    p.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")
    return p


def check_data(data_dir: Path, needed: Path) -> None:
    if not (data_dir / needed).exists():
        sys.exit(f"error: {data_dir / needed} not found; pass --data DIR (the folder holding {needed.parts[0]}/)")


def learner_args(module: str, doc: str, what: str, needed: Path, argv: Sequence[str] | None) -> argparse.Namespace:
    """The options of a script that learns a shipped file from train (``--data``, ``--check``), parsed,
    with the train data checked to be there."""
    ap = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help=f"compare with the shipped {what} instead of writing it")
    args = ap.parse_args(argv)
    check_data(args.data, needed)
    return args


def write_or_check(path: Path, text: str, *, check: bool, what: str) -> int:
    """Write what a learning script learned from train to ``path``, or (``check``) say whether the shipped
    file is exactly that: the exit status, 1 when it differs."""
    if check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print(f"the shipped {what} is what train gives" if same else f"{path} differs from what train gives")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"{what} written to {path}")
    return 0


def scorer_main(score: ScoreFn, description: str, needed: Path, argv: Sequence[str] | None = None,
                extra: Callable[[argparse.ArgumentParser], None] | None = None) -> Result:
    """Parse the common options (plus ``extra`` ones, passed on to ``score`` by name), score, print."""
    p = parser(description)
    if extra:
        extra(p)
    args = vars(p.parse_args(argv))
    data_dir, limit, as_json = args.pop("data"), args.pop("limit"), args.pop("json")
    check_data(data_dir, needed)
    res = score(data_dir, limit, **args)
    print(json.dumps(res, indent=2, default=str) if as_json else result_table(res))
    return res
