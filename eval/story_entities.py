"""The entities a reader sees in the briefings of a real multi-outlet stream, with junk names and
split person names flagged (issue #8: a brief names no entity after a junk form, and the variants
of one person's name are one entity).

The stream of ``eval.stream`` is ingested into a temporary SQLite store through the real ingest path
(as ``crosswire ingest`` would); for the ``--stories`` largest stories the briefing's entities are
listed most salient first (``--top``), each flagged when its name is a junk form:

- ``bracket``: holds a Penn Treebank bracket token ("-RRB-", "ET -RRB-") or a bracket;
- ``slash``: holds a slash, as a photo credit run into a name does ("John Edwards\\/EPA BP");
- ``furniture``: holds a word of page furniture or of a comment's links ("Reply UN", "Tell Congress");
- ``line``: is written across a line break (in a corpus of one sentence a line, two names glued);
- ``glued?``: is two other names of the story run together, and rarer than either: "Gadhafi U.S.",
  but also "U.S. Navy"; a candidate to judge by eye, counted apart.

Split names: an entity whose name is another's name or its last words, word for word or as spelling
variants (``fuse.similarity.names_alike``), a person among the two: "Obama" apart from "Barack Obama",
"Gaddafi" from "Moammar Gadhafi". ``split`` when it fits one other entity, ``ambiguous`` when several
(a surname beside two people of one family: rightly apart, or not, to be judged by eye); people of one
family ("Saif Gadhafi", "Moammar Gadhafi") are not flagged. Junk and split names are counted among the
listed entities and among all of them.

    python -m eval.story_entities --data ../shared/data   # 200 reports: 4 events + 1 unrelated, ~1.5 min
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from crosswire.fuse.similarity import TITLES, edit_ratio, name_key, names_alike
from crosswire.model import Entity, StoryBriefing
from eval.common import DEFAULT_DATA
from eval.data import SAMPLE_SEED
from eval.stream import build_stream

# Words of share widgets, comment links and captions: never part of a news name.
FURNITURE_WORDS = frozenset({"reply", "share", "tell", "email", "e-mail", "print", "tweet", "retweet", "comment",
                             "comments", "recommend", "related", "click", "photo", "photograph", "updated"})
_BRACKET = re.compile(r"-[LR][RSC]B-|[()\[\]{}]", re.IGNORECASE)
_SLASH = re.compile(r"\\?/")
PERSON = "PERSON"
# Shorter words are compared only as equal: "Peru" and "Perry" are no spellings of one name.
MIN_VARIANT_LETTERS = 5
# ... and as alike as "Gadhafi" and "Gaddafi" ("Britain" and "Barton" sound alike, but are not one name).
MIN_VARIANT_RATIO = 0.75
GLUED = "glued?"


def _core(name: str) -> tuple[str, ...]:
    """A name's words as compared: its name key without leading titles ("pro-Gaddafi" stays one word)."""
    words = name_key(name).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether name ``a`` is ``b`` or its last words, word for word the same or spelling variants."""
    tail = b[len(b) - len(a):]
    return 0 < len(a) <= len(b) and all(
        x == y or (min(len(x), len(y)) >= MIN_VARIANT_LETTERS and edit_ratio(x, y) >= MIN_VARIANT_RATIO
                   and names_alike(x, y)) for x, y in zip(a, tail))


def junk_flags(entity: Entity, others: Sequence[Entity]) -> list[str]:
    """Why ``entity``'s name is no entity name (empty when it looks like one); ``others``: the
    story's other entities."""
    name = entity.name
    flags = []
    if _BRACKET.search(name):
        flags.append("bracket")
    if _SLASH.search(name):
        flags.append("slash")
    if FURNITURE_WORDS & {w.casefold() for w in name.split()}:
        flags.append("furniture")
    if any("\n" in alias and name_key(alias) == entity.key for alias in entity.aliases):
        flags.append("line")
    named = {}  # name key -> the most mentions of an entity known by it
    for other in others:
        for key in {other.key, *map(name_key, other.aliases)}:
            named[key] = max(named.get(key, 0), len(other.mentions))
    words = name.split()
    for i in range(1, len(words)):
        head, tail = name_key(" ".join(words[:i])), name_key(" ".join(words[i:]))
        # two names run together, rarer than either: not a fuller name ("U.S. Centers for Disease Control")
        if head in named and tail in named and len(entity.mentions) < min(named[head], named[tail]):
            flags.append(GLUED)
            break
    return flags


def split_names(entities: Sequence[Entity]) -> list[tuple[Entity, list[Entity]]]:
    """Each entity whose name is another's name or its last words, word for word or as spelling
    variants ("Obama" / "Barack Obama", "Gaddafi" / "Moammar Gadhafi"), a person among them, with the
    entities it fits (``entities``: those whose names are no junk forms)."""
    cores = {e.id: _core(e.name) for e in entities}
    found = []
    for short in entities:
        fits = [e for e in entities if e.id != short.id and PERSON in (short.type, e.type)
                and _alike(cores[short.id], cores[e.id])
                and (len(cores[short.id]) < len(cores[e.id]) or short.id < e.id)]  # a variant pair once
        if fits:
            found.append((short, fits))
    return found


def _split_report(found: list[tuple[Entity, list[Entity]]]) -> dict[str, list[str]]:
    """Names apart from the one name they fit ("split"), and names fitting several ("ambiguous",
    a surname beside two people of one family, to be judged by eye)."""
    out: dict[str, list[str]] = {"split": [], "ambiguous": []}
    for short, fits in found:
        kind = "split" if len(fits) == 1 else "ambiguous"
        out[kind].append(f"{_shown(short)} -> {', '.join(map(_shown, fits))}")
    return out


def _junk(flags: list[str]) -> bool:
    return any(f != GLUED for f in flags)


def _shown(entity: Entity) -> str:
    return f"{entity.name} ({entity.type}, {len(entity.mentions)})"


def story_report(story: StoryBriefing, top: int) -> dict:
    """One story's listed entities with their flags, its junk names and its split names (among the
    listed entities, "top", and among all, "all")."""
    entities = list(story.entities)
    flags = {e.id: junk_flags(e, [o for o in entities if o.id != e.id]) for e in entities}
    listed = [{"rank": rank, "name": e.name, "type": e.type, "mentions": len(e.mentions), "flags": flags[e.id]}
              for rank, e in enumerate(entities[:top], 1)]
    listed_ids = {e.id for e in entities[:top]}
    named = [e for e in entities if not _junk(flags[e.id])]
    return {"id": story.id, "reports": len(story.articles), "headline": story.headline,
            "entities_all": len(entities), "entities": listed,
            "flagged": [f"{rank}. {_shown(e)} [{', '.join(flags[e.id])}]"
                        for rank, e in enumerate(entities, 1) if flags[e.id]],
            "junk_top": sum(_junk(e["flags"]) for e in listed),
            "junk_all": sum(_junk(f) for f in flags.values()),
            "glued_all": sum(GLUED in f for f in flags.values()),
            "top": _split_report(split_names([e for e in named if e.id in listed_ids])),
            "all": _split_report(split_names(named))}


def run(data_dir: Path, *, events: int, days: int, per_event: int, unrelated: int, stories: int, top: int,
        db: Path | None = None) -> dict:
    """Ingest the stream into ``db`` (a temporary store without it; ingest into a store that holds the
    stream already is a no-op) and report on its largest stories."""
    from crosswire.service import Service

    records, _ = build_stream(data_dir, events=events, days=days, per_event=per_event, unrelated=unrelated,
                              order_seed=SAMPLE_SEED)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        with Service(str(db or Path(tmp) / "stream.db")) as service:
            service.ingest([path])
            rows = sorted(service.stories(), key=lambda r: (-r.articles, r.id))[:stories]
            briefing = service.brief([r.id for r in rows])
    reports = [story_report(story, top) for story in briefing.stories]
    totals = {k: sum(r[k] for r in reports) for k in ("junk_top", "junk_all", "glued_all")}
    totals |= {f"{kind}_{among}": sum(len(r[among][kind]) for r in reports)
               for kind in ("split", "ambiguous") for among in ("top", "all")}
    return {"reports": len(records), "stories": reports, "totals": totals}


def _print(result: dict) -> None:
    for story in result["stories"]:
        print(f"\n== {story['id']} ({story['reports']} reports, {story['entities_all']} entities): "
              f"{story['headline']}")
        for e in story["entities"]:
            flags = f"  [{', '.join(e['flags'])}]" if e["flags"] else ""
            print(f"  {e['rank']:>2}. {e['name']} ({e['type']}, {e['mentions']}){flags}")
        for flagged in story["flagged"]:
            print("  flagged:", flagged)
        for kind, pairs in story["all"].items():
            for pair in pairs:
                print(f"  {kind}: {pair}")
    print(json.dumps({"reports": result["reports"], **result["totals"]}))


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m eval.story_entities", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--events", type=int, default=4)
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--per-event", type=int, default=61)
    ap.add_argument("--unrelated", type=int, default=1, help="reports of no event (the defaults: 200 reports)")
    ap.add_argument("--stories", type=int, default=4, help="the largest stories listed")
    ap.add_argument("--top", type=int, default=30, help="entities listed per story, most salient first")
    ap.add_argument("--db", type=Path, help="the store to ingest into and keep (default: a temporary one)")
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args(argv)
    result = run(args.data, events=args.events, days=args.days, per_event=args.per_event,
                 unrelated=args.unrelated, stories=args.stories, top=args.top, db=args.db)
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
