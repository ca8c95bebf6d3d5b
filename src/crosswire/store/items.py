"""An analysis's items as rows, so an analyst can query them: mentions, statements, figures, time refs.

The analysis document (``analyses.analysis``) stays what a briefing reads; these tables repeat its
items with their offsets into the text as given, one row each, keyed ``(article_id, n)`` where
``n`` is the item's place (from 1) in its analysis, so ``model.item_id`` names a row as briefings name the item.
They are written in the transaction that stores or replaces the analysis, so they never disagree.

``item_words`` is their inverted index: one row per (word, kind, item). A name's words are
indexed by sound (``phonetic_key``), so "Gadhafi" finds mentions of "Qaddafi", and the candidates
are then checked word by word (``name_fits``); a figure is indexed by the content words of what it
counts and by its unit. One indexed look-up per query, whatever the size of the collection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from crosswire.fuse.similarity import content_words, name_core, name_key, phonetic_key
from crosswire.model import FIGURE_KIND, MENTION_KIND, QUOTE_KIND, SPEECH, ArticleAnalysis

# The kind of figure that counts something (``Figure.kind``), the only kind found by quantity.
QUANTITY = "quantity"
# Item kinds in ``item_words``, as item ids spell them (``model.item_id``).
MENTION, STATEMENT, FIGURE = MENTION_KIND, QUOTE_KIND, FIGURE_KIND


@dataclass(frozen=True)
class ItemTable:
    """One item table: its columns after ``(article_id, n)``, each with its SQL type."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def ddl(self, types: dict[str, str]) -> str:
        """``CREATE TABLE``, the portable types BOOL and REAL spelt as ``types`` says for a backend."""
        def typed(kind: str) -> str:
            head, _, rest = kind.partition(" ")
            return f"{types.get(head, head)} {rest}".strip()

        cols = ",\n".join(f"    {name} {typed(kind)}" for name, kind in self.columns)
        return (f"CREATE TABLE {self.name} (\n    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
                f"    n INTEGER NOT NULL,\n{cols},\n    PRIMARY KEY (article_id, n)\n)")

    def insert(self) -> str:
        names = ["article_id", "n", *(name for name, _ in self.columns)]
        return f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


# char_start/char_end index ``articles.text`` exactly as given (``text`` = text[char_start:char_end]).
_SPAN = (("char_start", "INTEGER NOT NULL"), ("char_end", "INTEGER NOT NULL"), ("text", "TEXT NOT NULL"))
MENTIONS = ItemTable("mentions", (*_SPAN, ("label", "TEXT NOT NULL")))
STATEMENTS = ItemTable("statements", (*_SPAN, ("direct", "BOOL NOT NULL"), ("speaker", "TEXT"),
                                      ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"), ("cue", "TEXT")))
FIGURES = ItemTable("figures", (*_SPAN, ("low", "REAL NOT NULL"), ("high", "REAL NOT NULL"),
                                ("approx", "BOOL NOT NULL"), ("unit", "TEXT"), ("what", "TEXT"), ("source", "TEXT"),
                                ("kind", "TEXT NOT NULL"), ("predicate", "TEXT"), ("per", "TEXT")))
TIME_REFS = ItemTable("time_refs", (*_SPAN, ("value", "TEXT"), ("precision", "TEXT NOT NULL"),
                                    ("relative", "BOOL NOT NULL")))
TABLES = (MENTIONS, STATEMENTS, FIGURES, TIME_REFS)
WORDS_TABLE = "item_words"
WORDS_DDL = f"""
    CREATE TABLE {WORDS_TABLE} (
        word         TEXT NOT NULL,   -- a name word's sound key, or a counted word or unit of a figure
        kind         TEXT NOT NULL,   -- m (mention), q (statement, by its speaker), f (figure)
        article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n            INTEGER NOT NULL,
        PRIMARY KEY (word, kind, article_id, n)
    );
    CREATE INDEX item_words_article ON item_words(article_id)
"""
WORDS_INSERT = f"INSERT INTO {WORDS_TABLE} (word, kind, article_id, n) VALUES (?, ?, ?, ?)"


@lru_cache(maxsize=1 << 16)
def name_sounds(name: str) -> frozenset[str]:
    """The index words of a name: the sound key of each word of its core (titles left out). Kept per
    name: a commit indexes every mention, and a collection names the same people again and again."""
    return frozenset(query_words(MENTION, name))


def quantity_words(what: str | None, unit: str | None) -> set[str]:
    """The index words of a figure: the content words of what it counts, and its unit."""
    return set(content_words(what or "")) | set(content_words(unit or ""))


def query_words(kind: str, query: str) -> list[str]:
    """A query's index words in order, as items of ``kind`` are indexed (its last is the one looked up:
    a surname, or the head of what a figure counts)."""
    if kind == FIGURE:
        return content_words(query)
    return [key for word in name_core(name_key(query)) if (key := phonetic_key(word))]


def item_inserts(analysis: ArticleAnalysis) -> list[tuple[str, list[tuple]]]:
    """The ``INSERT`` statements that store the items of ``analysis``, each with its rows (``item_words``
    included); what a commit, a reanalysis and the migration that created the tables all run."""
    a = analysis.article_id
    words: set[tuple[str, str, str, int]] = set()
    for n, m in enumerate(analysis.mentions, 1):
        words.update((w, MENTION, a, n) for w in name_sounds(m.text))
    # statements are what was said: positions ("backed the levy") stay in the analysis and its briefings
    said = [(n, q) for n, q in enumerate(analysis.quotes, 1) if q.kind == SPEECH]
    for n, q in said:
        words.update((w, STATEMENT, a, n) for w in name_sounds(q.speaker or ""))
    for n, f in enumerate(analysis.figures, 1):
        if f.kind == QUANTITY:  # ages, ordinals, years count nothing an analyst compares
            words.update((w, FIGURE, a, n) for w in quantity_words(f.what, f.unit))
    return [
        (MENTIONS.insert(), [(a, n, m.start, m.end, m.text, m.label) for n, m in enumerate(analysis.mentions, 1)]),
        (STATEMENTS.insert(), [(a, n, q.start, q.end, q.text, q.direct, q.speaker, q.speaker_start, q.speaker_end,
                                q.cue) for n, q in said]),
        (FIGURES.insert(), [(a, n, f.start, f.end, f.text, f.low, f.high, f.approx, f.unit, f.what, f.source, f.kind,
                             f.predicate, f.per) for n, f in enumerate(analysis.figures, 1)]),
        (TIME_REFS.insert(), [(a, n, t.start, t.end, t.text, t.value, t.precision, t.relative)
                              for n, t in enumerate(analysis.times, 1)]),
        (WORDS_INSERT, sorted(words)),
    ]
