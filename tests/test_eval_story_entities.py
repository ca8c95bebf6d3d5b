"""The junk-name and split-name flags of eval/story_entities.py, on hand-made entities (no model)."""

from __future__ import annotations

import pytest

from crosswire.fuse.similarity import name_key
from crosswire.model import Entity, SpanRef
from eval.story_entities import junk_flags, split_names


def entity(n: int, name: str, etype: str, mentions: int, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(f"e{n}", name, etype, aliases or (name,), tuple(SpanRef("a", i, i + 1) for i in range(mentions)),
                  name_key(name))


STORY = [entity(1, "Moammar Gadhafi", "PERSON", 90, ("Moammar Gadhafi", "Gadhafi")), entity(2, "U.S.", "GPE", 50),
         entity(3, "Saif Gadhafi", "PERSON", 3), entity(4, "Barack Obama", "PERSON", 20),
         entity(5, "Obama", "ORG", 3), entity(6, "Peru", "GPE", 4), entity(7, "Rick Perry", "PERSON", 1),
         entity(8, "pro-Gaddafi", "NORP", 4), entity(9, "Navy", "ORG", 9), entity(10, "U.S. Navy", "ORG", 12)]


@pytest.mark.parametrize("name, mentions, aliases, flags", [
    ("Gadhafi U.S.", 1, (), ["glued?"]),
    ("ET -RRB-", 1, (), ["bracket"]),
    ("John Edwards\\/EPA BP", 1, (), ["slash"]),
    ("Reply UN", 2, (), ["furniture"]),
    ("Tell Congress", 1, (), ["furniture"]),
    ("Libya Gaddafi", 1, ("Libya\nGaddafi",), ["line"]),
    ("Ras Lanuf", 9, (), []),
])
def test_eval_story_entities_junk_forms(name, mentions, aliases, flags):
    assert junk_flags(entity(99, name, "ORG", mentions, aliases), STORY) == flags


def test_eval_story_entities_a_fuller_name_named_more_often_is_not_glued():
    assert junk_flags(STORY[9], STORY[:9]) == []  # "U.S. Navy", named more often than "Navy"


def test_eval_story_entities_split_names_are_parts_and_spellings_of_one_name():
    found = {short.name: [e.name for e in fits] for short, fits in split_names(STORY + [
        entity(11, "Gaddafi", "PERSON", 40)])}
    assert found == {"Obama": ["Barack Obama"], "Gaddafi": ["Moammar Gadhafi", "Saif Gadhafi"]}
