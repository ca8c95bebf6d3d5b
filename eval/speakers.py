"""Who "he said" and "she said" are: crosswire's resolved speakers against a small hand gold.

``eval/speakers_gold.jsonl`` holds pronoun speakers ("he", "she") of statements crosswire finds in
Timeline17 reports of five topics (EgyptianProtest, haiti, IraqWar, MJ, Finan), topics not read when
the resolution rules were written (2026-12-06, analyzer 31): 160 reports of those topics drawn with a
fixed seed (29), their pronoun speakers listed, 90 of them drawn with another (7). Two annotators (helper
agents given only this brief and each item's 900 characters before the pronoun, never crosswire's answer)
judged apart whom each pronoun refers to: the person's name as the context writes it, fullest form,
or "" when that person is not named there; disagreements were settled by reading the item again, and
items still undecidable were left out. Each line: id, article, start, end (the pronoun, offsets into the
Timeline17 text), pronoun, antecedent.

Figures, over the gold items whose pronoun crosswire still finds as a statement's speaker:

- ``resolved_p``: of the pronouns crosswire gives a name, the share whose name is the gold's
  (``similarity.name_fits`` either way: "Mubarak" is "Hosni Mubarak");
- ``named_r``: of the gold's named antecedents, the share crosswire gives;
- ``name_accuracy``: the right name, or no name where the gold has none.

Baseline in the same run: the nearest person name before the pronoun (crosswire's own PERSON
mentions), what a resolver without salience or gender gives.

    python -m eval.speakers --data ../shared/data
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from eval.common import CROSSWIRE, Result, result, run_crosswire, scorer_main
from eval.data import TIMELINE17, load_timeline17, sample

GOLD = Path(__file__).resolve().parent / "speakers_gold.jsonl"
BASELINE = "nearest_person"
PERSON = "PERSON"


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_person(gold: str, found: str | None) -> bool:
    from crosswire.fuse.similarity import name_fits

    return bool(gold) and bool(found) and (name_fits(gold, found) or name_fits(found, gold))


def score_items(items: Sequence[dict], resolved: Sequence[str | None]) -> dict[str, float]:
    """The three figures of one system's names (None: no name) for ``items``."""
    given = [(item, name) for item, name in zip(items, resolved) if name]
    named = [(item, name) for item, name in zip(items, resolved) if item["antecedent"]]
    right = sum(same_person(item["antecedent"], name) or (not item["antecedent"] and not name)
                for item, name in zip(items, resolved))
    return {"resolved_p": sum(same_person(i["antecedent"], n) for i, n in given) / len(given) if given else 0.0,
            "named_r": sum(same_person(i["antecedent"], n) for i, n in named) / len(named) if named else 0.0,
            "name_accuracy": right / len(items) if items else 0.0, "items": len(items), "given": len(given)}


def score(data_dir: Path, limit: int | None = None) -> Result:
    from crosswire.model import Article

    started = time.perf_counter()
    gold = sample(load_gold(), limit)
    wanted = {g["article"] for g in gold}
    docs = {d.id: d for d in load_timeline17(data_dir) if d.id in wanted}
    analyses = run_crosswire([Article(d.id, d.text, published=d.published) for d in docs.values()])
    found, mine, nearest = [], [], []
    for g in gold:
        analysis = analyses.get(g["article"])
        quote = next((q for q in analysis.quotes if (q.speaker_start, q.speaker_end) == (g["start"], g["end"])),
                     None) if analysis else None
        if quote is None:
            continue  # crosswire no longer takes the pronoun for a speaker: nothing to resolve
        found.append(g)
        mine.append(quote.speaker)
        persons = [m for m in analysis.mentions if m.label == PERSON and m.end <= g["start"]]
        nearest.append(persons[-1].text if persons else None)
    return result("speakers", {CROSSWIRE: score_items(found, mine), BASELINE: score_items(found, nearest)},
                  ["resolved_p", "named_r", "name_accuracy"], n=len(gold), limit=limit, data=[data_dir / TIMELINE17],
                  details={"gold_items": len(gold), "found_as_speakers": len(found),
                           "gold_named": sum(bool(g["antecedent"]) for g in found), "gold_file": str(GOLD)},
                  seconds=time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Pronoun speakers (he, she) resolved against a hand gold of Timeline17 reports.",
                       TIMELINE17, argv)


if __name__ == "__main__":
    main()
