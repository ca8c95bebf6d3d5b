"""Load test of ``crosswire serve`` (issue #12): 50 concurrent clients mixing the story list, searches,
story pages and article pages against the app on 127.0.0.1, counting errors and latency percentiles.

The server runs in a subprocess (``python -m crosswire serve``) over an existing store (``--db``),
or over one built from the first N reports of the raw news corpus (``--build N``, cached under
``--cache``: building 2,000 takes 10-40 minutes of analysis on a shared machine). Before timing,
every story sampled is requested once, so its briefing is fused and kept as a running server's would
be; the run then stops after ``--requests`` requests or ``--seconds``, whichever comes first.

    python -m benchmarks.web_load --db /tmp/wt12-cache/corpus-2000.db
    python -m benchmarks.web_load --build 2000 --cache /tmp/wt12-cache
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

from crosswire.service import Service

CLIENTS = 50
REQUESTS = 3000
SECONDS = 120.0
STARTUP_SECONDS = 60.0
SAMPLED_STORIES = 200
# Words searched for: common in news of any kind, so every search finds reports.
WORDS = ("police", "government", "president", "election", "market", "killed", "minister", "court", "oil",
         "attack", "company", "rain", "troops", "bank", "children", "talks", "fire", "prices", "vote", "water")
# Share of each kind of request (a reader browses lists and stories more than single reports).
MIX = (("list", 0.3), ("search", 0.2), ("story", 0.3), ("article", 0.2))
P99_LIMIT_MS = 500.0
SEED = 12
# Seconds a client pauses between requests, on average (uniform from 0 to twice this): 0 is a stress
# test (every client always waiting on the server), about 1 s a reader clicking through pages.
THINK_SECONDS = 0.0


def build(n: int, cache: Path) -> Path:
    """The store of the first ``n`` corpus reports (``benchmarks.brief_latency``'s order), built once."""
    from benchmarks.brief_latency import corpus_order
    from eval.common import DEFAULT_DATA

    path = cache / f"corpus-{n}.db"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        building = path.with_suffix(".building")
        with Service(str(building)) as service:
            service.ingest_articles(corpus_order(DEFAULT_DATA)[:n])
        building.rename(path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1] / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "crosswire", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stderr=subprocess.DEVNULL)


async def wait_ready(client: httpx.AsyncClient, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if (await client.get("/api/stories?per_page=1")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit(f"the server did not answer within {STARTUP_SECONDS:.0f} s")


async def sample(client: httpx.AsyncClient, rng: random.Random) -> tuple[list[str], list[str]]:
    """Stories (largest and others) and articles (found by the searches) to request."""
    stories: list[str] = []
    for sort in ("size", "recent"):
        for page in (1, 2):
            body = (await client.get("/api/stories", params={"sort": sort, "page": page, "per_page": 50})).json()
            stories += [s["id"] for s in body["stories"] if s["id"] not in stories]
    articles = sorted({h["article"] for w in WORDS
                       for h in (await client.get("/api/search", params={"q": w, "limit": 20})).json()["hits"]})
    rng.shuffle(articles)
    return stories[:SAMPLED_STORIES], articles


def request_for(kind: str, rng: random.Random, stories: list[str], articles: list[str]) -> str:
    if kind == "list":
        return f"/?sort={rng.choice(('recent', 'size'))}&page={rng.randint(1, 5)}"
    if kind == "search":
        return f"/?q={rng.choice(WORDS)}"
    if kind == "story":
        return f"/stories/{rng.choice(stories)}"
    return f"/articles/{httpx.URL(path=rng.choice(articles)).raw_path.decode()}"


async def client_loop(client: httpx.AsyncClient, rng: random.Random, stories: list[str], articles: list[str],
                      budget: list[int], deadline: float, think: float, out: dict[str, list[float]],
                      errors: list[str]) -> None:
    kinds, weights = zip(*MIX)
    while budget[0] > 0 and time.monotonic() < deadline:
        await asyncio.sleep(rng.uniform(0, 2 * think))
        budget[0] -= 1
        kind = rng.choices(kinds, weights)[0]
        path = request_for(kind, rng, stories, articles)
        started = time.perf_counter()
        try:
            response = await client.get(path, headers={"accept": "text/html"})
            if response.status_code != 200:
                errors.append(f"{response.status_code} {path}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} {path}")
        out[kind].append((time.perf_counter() - started) * 1000)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1] if len(values) > 1 else values[0]


async def run(db: Path, clients: int, requests: int, seconds: float, think: float) -> bool:
    port = free_port()
    server = start_server(db, port)
    rng = random.Random(SEED)
    # idle connections dropped before the server's keep-alive (5 s) ends them, so no request races a close
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=1.0)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30.0) as client:
            await wait_ready(client, server)
            stories, articles = await sample(client, rng)
            started = time.perf_counter()
            for story in stories:  # fused once and kept, as on a server that has been up a while
                await client.get(f"/stories/{story}")
            print(f"store {db}: {len(stories)} stories and {len(articles)} articles sampled; warm-up "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
            out: dict[str, list[float]] = defaultdict(list)
            errors: list[str] = []
            budget = [requests]
            started = time.perf_counter()
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(client_loop(client, random.Random(SEED + i), stories, articles, budget, deadline,
                                               think, out, errors) for i in range(clients)))
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [ms for values in out.values() for ms in values]
    print(f"{len(every)} requests by {clients} clients (think {think:g} s) in {elapsed:.1f} s "
          f"({len(every) / elapsed:.0f}/s), {len(errors)} errors")
    for kind, values in [*sorted(out.items()), ("all", every)]:
        print(f"  {kind:8} n={len(values):5}  " + "  ".join(f"p{round(q * 100)} {percentile(values, q):6.0f} ms"
                                                         for q in (.5, .9, .95, .99)) + f"  max {max(values):6.0f} ms")
    for line in errors[:10]:
        print(f"  error: {line}")
    ok = not errors and percentile(every, .99) < P99_LIMIT_MS
    print(f"{'PASS' if ok else 'FAIL'}: 0 errors and p99 < {P99_LIMIT_MS:.0f} ms")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="an existing crosswire store (SQLite file)")
    source.add_argument("--build", type=int, metavar="N", help="build (once) a store of the first N corpus reports")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "crosswire-web-load")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--requests", type=int, default=REQUESTS, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, default=SECONDS, help="stop after this long, whatever the count")
    parser.add_argument("--think", type=float, default=THINK_SECONDS,
                        help="mean pause of a client between requests (0: a stress test)")
    args = parser.parse_args(argv)
    db = args.db if args.db else build(args.build, args.cache)
    if not db.exists():
        parser.error(f"{db}: no such store")
    return 0 if asyncio.run(run(db, args.clients, args.requests, args.seconds, args.think)) else 1


if __name__ == "__main__":
    sys.exit(main())
