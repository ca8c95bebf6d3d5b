"""A real multi-outlet stream to try crosswire on as a user would: several events, each covered by
many reports over a few days, with unrelated reports mixed in.

For the ``--events`` Timeline17 topics covered by the most outlets, the ``--days``-day window with the
most reports is one event; up to ``--per-event`` of its reports are drawn, plus ``--unrelated``
reports of the corpus that belong to no Timeline17 topic, all with the fixed sample seed, in a
seeded shuffled order (``--order-seed`` gives another order of the same reports). The output is
JSONL that ``crosswire ingest`` reads (id, outlet, published, text) and, beside it, a ``.gold.json``
naming each report's event (``null`` for the unrelated ones), so a run can be scored or inspected.

    python -m eval.stream --data ../shared/data --out /tmp/stream.jsonl
    crosswire ingest /tmp/stream.jsonl --db /tmp/stream.db && crosswire stories --db /tmp/stream.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from eval.common import DEFAULT_DATA
from eval.data import SAMPLE_SEED, ClusterDoc, load_corpus, load_timeline17, sample

CORPUS_PREFIX = "timeline17/"  # how the raw corpus names its Timeline17 records


def _densest_window(docs: Sequence[ClusterDoc], days: int) -> list[ClusterDoc]:
    """The reports of the ``days``-day window holding most of them (earliest window on ties)."""
    dated = sorted((d for d in docs if d.published), key=lambda d: (d.published, d.id))
    best: list[ClusterDoc] = []
    for i, first in enumerate(dated):
        end = first.published + dt.timedelta(days=days)
        window = [d for d in dated[i:] if d.published < end]
        if len(window) > len(best):
            best = window
    return best


def build_stream(data_dir: Path, *, events: int, days: int, per_event: int, unrelated: int,
                 order_seed: int) -> tuple[list[dict], dict[str, str | None]]:
    """The stream's records (as ``crosswire ingest`` reads them) and each one's event."""
    by_topic: dict[str, list[ClusterDoc]] = defaultdict(list)
    for doc in load_timeline17(data_dir):
        by_topic[doc.gold["topic"]].append(doc)

    def reach(topic: str) -> tuple[int, int]:
        docs = by_topic[topic]
        return len({d.id.split("/")[0] for d in docs}), len(docs)  # outlets ("Topic_outlet/..."), size

    records: list[dict] = []
    gold: dict[str, str | None] = {}
    for topic in sorted(by_topic, key=lambda t: (-reach(t)[0], -reach(t)[1], t))[:events]:
        window = _densest_window(by_topic[topic], days)
        for doc in sample(window, per_event):
            first, last = window[0].published, window[-1].published
            records.append({"id": doc.id, "outlet": doc.id.split("/")[0].split("_")[-1],
                            "published": doc.published.isoformat(), "text": doc.text})
            gold[doc.id] = f"{topic} {first.isoformat()}..{last.isoformat()}"
    others = [r for r in load_corpus(data_dir) if not r.id.startswith(CORPUS_PREFIX)]
    for record in sample(others, unrelated):
        records.append({"id": record.id, "outlet": record.outlet, "text": record.text,
                        "published": record.published.isoformat() if record.published else None,
                        "title": record.title})
        gold[record.id] = None
    random.Random(order_seed).shuffle(records)
    return [{k: v for k, v in r.items() if v is not None} for r in records], gold


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m eval.stream", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, required=True, help="JSONL file to write (and OUT.gold.json beside it)")
    ap.add_argument("--events", type=int, default=4, help="events (Timeline17 topics) in the stream")
    ap.add_argument("--days", type=int, default=4, help="length of each event's window in days")
    ap.add_argument("--per-event", type=int, default=46, help="reports drawn per event")
    ap.add_argument("--unrelated", type=int, default=16, help="reports from outside Timeline17")
    ap.add_argument("--order-seed", type=int, default=SAMPLE_SEED, help="seed of the reports' order")
    args = ap.parse_args(argv)
    records, gold = build_stream(args.data, events=args.events, days=args.days, per_event=args.per_event,
                                 unrelated=args.unrelated, order_seed=args.order_seed)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    args.out.with_suffix(".gold.json").write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    events = sorted({g for g in gold.values() if g})
    print(f"{len(records)} reports: {len(events)} events ({', '.join(events)}) and "
          f"{sum(g is None for g in gold.values())} unrelated -> {args.out}")


if __name__ == "__main__":
    main()
