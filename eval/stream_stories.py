"""Stories and briefs on a real multi-outlet stream, as a user gets them from ``crosswire ingest``.

The stream of ``eval.stream`` (Timeline17 events of a few days, many outlets, plus unrelated
reports) is ingested twice, in two seeded orders, each into a fresh SQLite store through the real
ingest path (recluster pass included). Figures: stories (events) and storylines found, the B-cubed F1
of each level against the stream's events (each unrelated report its own), the pairwise B-cubed F1
of the two orders at each level, and the size of a brief: the reports of the stream's largest
event fused as one story, in terminal lines at 120 columns, by default and with ``--full``.

    python -m eval.stream_stories --data ../shared/data                 # 171 reports, ~5 min
    python -m eval.stream_stories --events 1 --per-event 100 --unrelated 0
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eval.common import DEFAULT_DATA
from eval.data import SAMPLE_SEED
from eval.metrics import bcubed
from eval.stream import build_stream

BRIEF_WIDTH = 120


def _assignments(service) -> tuple[dict[str, str], dict[str, str]]:
    """Each stored article's story and storyline."""
    events, storylines = {}, {}
    for row in service.stories():
        for article in service.brief([row.id]).stories[0].articles:
            events[article.id], storylines[article.id] = row.id, row.storyline
    return events, storylines


def _agreement(a: dict[str, str], b: dict[str, str]) -> float:
    ids = sorted(a.keys() & b.keys())
    return round(bcubed([a[i] for i in ids], [b[i] for i in ids])["f1"], 4)


def run(data_dir: Path, *, events: int, days: int, per_event: int, unrelated: int,
        orders: Sequence[int] = (SAMPLE_SEED, SAMPLE_SEED + 1)) -> dict:
    from crosswire.fuse.briefing import build_story
    from crosswire.model import Briefing
    from crosswire.render.terminal import render_terminal
    from crosswire.service import Service

    runs, gold, seconds = [], {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for order in orders:
            records, gold = build_stream(data_dir, events=events, days=days, per_event=per_event,
                                         unrelated=unrelated, order_seed=order)
            path = Path(tmp) / f"stream-{order}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
            service = Service(str(Path(tmp) / f"stream-{order}.db"))
            started = time.perf_counter()
            service.ingest([path])
            seconds.append(round(time.perf_counter() - started, 1))
            runs.append(_assignments(service))
            if len(runs) == 1:  # the brief of the largest event, fused as one story
                largest = Counter(g for g in gold.values() if g).most_common(1)[0][0]
                ids = [i for i, g in gold.items() if g == largest]
                items = [(service.article(i), service.analysis(i)) for i in ids]
                briefing = Briefing((build_story("largest-event", items),))
                brief_lines = {full: render_terminal(briefing, {}, width=BRIEF_WIDTH, full=full).count("\n")
                               for full in (False, True)}
            service.close()
    ids = sorted(gold)
    truth = [gold[i] or f"unrelated:{i}" for i in ids]
    (ev, sl), (ev2, sl2) = runs[0], runs[1]
    return {"reports": len(ids), "events_gold": len({g for g in gold.values() if g}),
            "stories": len(set(ev.values())), "storylines": len(set(sl.values())),
            "stories_bcubed_f1": round(bcubed([ev[i] for i in ids], truth)["f1"], 4),
            "storylines_bcubed_f1": round(bcubed([sl[i] for i in ids], truth)["f1"], 4),
            "order_agreement_stories": _agreement(ev, ev2), "order_agreement_storylines": _agreement(sl, sl2),
            "largest_event_reports": len(items), "brief_lines": brief_lines[False],
            "brief_lines_full": brief_lines[True], "ingest_seconds": seconds}


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m eval.stream_stories", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--events", type=int, default=4)
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--per-event", type=int, default=46)
    ap.add_argument("--unrelated", type=int, default=16)
    args = ap.parse_args(argv)
    result = run(args.data, events=args.events, days=args.days, per_event=args.per_event, unrelated=args.unrelated)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
