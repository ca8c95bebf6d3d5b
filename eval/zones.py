"""Zones (reader comments, page furniture, bylines) against a small hand gold of corpus reports.

``eval/zones_gold.jsonl`` holds 24 reports of ``corpus/news.jsonl.gz`` (3 per outlet, drawn with the
fixed sample seed among the outlet's reports of 201-6,000 characters, then read whole) with the
character spans that are not the report body. Scored per character of the text as given: precision
and recall of "not body" whatever the kind, and the same for each kind (a character counts for a
kind when both sides give it that kind). Crosswire's zones are those of the analyses stored by the
ingest path (``run_crosswire``, as every scorer); the baseline marks nothing.

    python -m eval.zones --data ../shared/data
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from eval.common import CROSSWIRE, Result, prefixed, result, run_crosswire, scorer_main
from eval.data import CORPUS, load_corpus, sample
from eval.metrics import prf

GOLD = Path(__file__).resolve().parent / "zones_gold.jsonl"
KINDS = ("comments", "furniture", "byline")
BASELINE = "nothing"


def load_gold(path: Path = GOLD) -> dict[str, list[tuple[int, int, str]]]:
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "id" in record:
            gold[record["id"]] = [(z["start"], z["end"], z["kind"]) for z in record["zones"]]
    return gold


def _chars(zones, kind: str | None = None) -> set[int]:
    return {i for start, end, k in zones if kind is None or k == kind for i in range(start, end)}


def score_zones(gold: dict[str, list], found: dict[str, list]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for kind in (None, *KINDS):
        tp = fp = fn = 0
        for aid, zones in gold.items():
            g, f = _chars(zones, kind), _chars(found.get(aid, ()), kind)
            tp, fp, fn = tp + len(g & f), fp + len(f - g), fn + len(g - f)
        scores.update(prefixed(kind or "zone", prf(tp, tp + fp, tp + fn)))
    return scores


def score(data_dir: Path, limit: int | None = None) -> Result:
    from crosswire.model import Article

    started = time.perf_counter()
    gold = load_gold()
    records = {r.id: r for r in load_corpus(data_dir) if r.id in gold}
    ids = sample(sorted(gold), limit)
    gold = {aid: gold[aid] for aid in ids}
    articles = [Article(aid, records[aid].text, outlet=records[aid].outlet, published=records[aid].published)
                for aid in ids]
    found = {aid: [(z.start, z.end, z.kind) for z in a.zones] for aid, a in run_crosswire(articles).items()}
    chars = sum(len(records[aid].text) for aid in ids)
    gold_chars = sum(len(_chars(z)) for z in gold.values())
    return result("zones", {CROSSWIRE: score_zones(gold, found), BASELINE: score_zones(gold, {})},
                  ["zone_p", "zone_r", "zone_f1"], n=len(ids), limit=limit, data=[data_dir / CORPUS],
                  details={"chars": chars, "gold_zone_chars": gold_chars, "gold_file": str(GOLD)},
                  seconds=time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Non-body zones (comments, furniture, bylines) against a hand gold of corpus reports.",
                       CORPUS, argv)


if __name__ == "__main__":
    main()
