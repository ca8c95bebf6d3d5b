"""Draw a new set of figure pairs to judge by hand, by the protocol of ``eval/figure_pairs.py``.

    python -m eval.figure_pairs_draft --data ../shared/data --seed 3 \\
        --strata head2=100 head=25 overlap2=25 --out eval/figure_pairs_dev2.jsonl

Steps 1-2 of the protocol on articles of no earlier set (every ``--exclude`` gold file's articles are
left out; by default those of every dev and check set): the records come out with ``same``,
``verdict`` and ``why`` empty, for a reader to fill in before crosswire's comparisons of them are
looked at. The draw is seeded, so the same command on the same data and analysis gives the same pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from eval.common import check_data, run_crosswire
from eval.figure_pairs import (CHECKS, DEV, MAX_CHARS, MIN_CHARS, PER_TOPIC, PROTOCOL, STRATA,
                               draft, draw_articles, load_gold, to_articles)
from eval.data import TIMELINE17


def _strata(values: Sequence[str]) -> dict[str, int]:
    out = {}
    for value in values:
        name, _, count = value.partition("=")
        if name not in STRATA or not count.isdigit():
            raise SystemExit(f"--strata: {value!r} is not NAME=COUNT with NAME one of {', '.join(STRATA)}")
        out[name] = int(count)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--data", type=Path, required=True, help="the shared data folder (holds clusters/timeline17...)")
    p.add_argument("--seed", type=int, required=True, help="seeds the article draw and the pair draw")
    p.add_argument("--strata", nargs="+", default=[f"{k}={v}" for k, v in STRATA.items()],
                   help="pairs drawn per stratum, NAME=COUNT (default: the dev gold's)")
    p.add_argument("--exclude", type=Path, nargs="*", default=[*DEV, *CHECKS],
                   help="gold files whose articles are not drawn again (default: every dev and check set)")
    p.add_argument("--out", type=Path, required=True, help="where the unjudged records go (JSON lines)")
    args = p.parse_args(argv)
    strata = _strata(args.strata)
    if args.out.exists():
        raise SystemExit(f"{args.out}: exists; a drawn set is judged by hand, so it is never overwritten")
    check_data(args.data, TIMELINE17)
    exclude = frozenset(rec[side]["article"] for path in args.exclude for rec in load_gold(path)[1] for side in "ab")
    docs = draw_articles(args.data, seed=args.seed, exclude=exclude)
    analyses = run_crosswire(to_articles(docs))
    records = draft(docs, analyses, strata, args.seed)
    header = {"about": "Unjudged figure pairs drawn by eval/figure_pairs_draft.py (protocol of eval/figure_pairs.py): "
                       "fill in same, verdict and why by reading both sentences.",
              "protocol": PROTOCOL, "seed": args.seed, "data": str(TIMELINE17), "per_topic": PER_TOPIC,
              "chars": [MIN_CHARS, MAX_CHARS], "strata": strata,
              "excluded": [str(path.name) for path in args.exclude]}
    with args.out.open("w", encoding="utf-8") as out:
        for record in (header, *records):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} pairs from {len(docs)} articles -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
