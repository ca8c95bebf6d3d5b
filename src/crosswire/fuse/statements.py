"""One statement, many reports: quotes of one speaker that say the same thing are linked.

Outlets report the same words differently: direct in one ("They can choose between surrendering
and dying," she said), reported or stripped of its quote marks in another, cut shorter or longer
in a third. Two quotes of the same speaker from *different* reports are one statement when most
content words of the shorter are in the longer; the pieces of one quote its attribution splits ("“A,” she
said, “B.”") are one statement too. A statement is named after its first quote in the story, so its id
is the id of a quote that stays put.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from crosswire.fuse.groups import UnionFind
from crosswire.fuse.similarity import content_words
from crosswire.model import BriefQuote

# Share of the shorter quote's distinct content words the longer must hold, and how many at least:
# a restatement keeps most of the words; two remarks of one speaker share a few ("forces", "city").
SAME_STATEMENT_SHARE = 0.6
SAME_STATEMENT_MIN_WORDS = 3


def _speaker_key(quote: BriefQuote) -> str | None:
    """Who said it, for grouping: the canonical entity, else the name as written; None when unknown."""
    if quote.speaker.entity:
        return quote.speaker.entity
    name = quote.speaker.name or quote.speaker.as_written
    return f"name:{name.casefold()}" if name else None


def same_words(a: set[str], b: set[str]) -> bool:
    """Most of the shorter bag of words is in the longer."""
    shared = len(a & b)
    return shared >= SAME_STATEMENT_MIN_WORDS and shared >= SAME_STATEMENT_SHARE * min(len(a), len(b))


def link_statements(quotes: Sequence[BriefQuote], pieces: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Each quote's statement id: the id of the first quote (in ``quotes`` order) of the statement.
    ``pieces``: pairs of quote ids that are pieces of one attribution, one statement whatever their words."""
    groups: dict[str, list[BriefQuote]] = defaultdict(list)
    for q in quotes:
        if (key := _speaker_key(q)) is not None:
            groups[key].append(q)
    uf = UnionFind()
    for a_id, b_id in pieces:
        uf.union(a_id, b_id)
    for same_speaker in groups.values():
        words = [set(content_words(q.reading)) for q in same_speaker]
        for i, a in enumerate(same_speaker):
            for j in range(i + 1, len(same_speaker)):
                b = same_speaker[j]
                if a.article != b.article and same_words(words[i], words[j]):
                    uf.union(a.id, b.id)
    first: dict[str, str] = {}
    for q in quotes:
        first.setdefault(uf.find(q.id), q.id)
    return {q.id: first[uf.find(q.id)] for q in quotes}
