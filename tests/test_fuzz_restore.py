"""Fuzz: restore keeps offsets sacred for any text, corpus form or not.

What the restore modules promise, checked exactly: detokenize only drops whitespace between
tokens and never a line break; truecase only re-cases, one character for one; the offset map
gives each reading character the given character it came from, in order, so every reading span
reads back from the text as given.
"""

from __future__ import annotations

from fuzz_strategies import corpus_text, hostile_text, restorable_text, share
from hypothesis import given
from hypothesis import strategies as st

from crosswire.restore import Lexicon, OffsetMap, detokenize, restore, truecase

# Cased reports and names that teach a lexicon forms, odd letters included; generated ones join.
CASED_REPORTS = (
    "Officials of the National Water Authority (NWA) said Lena Moor met the U.S. envoy in Raqqa.",
    "The Straße Council and İzmir Office told ﬁnance chiefs that Mr. Ǆuro Groß would visit.",
)
NAMES = (("National Water Authority", "ORG"), ("Lena Moor", "PERSON"), ("Straße Council", "ORG"),
         ("İzmir Office", "ORG"), ("Ǆuro Groß", "PERSON"))


def _lexicon(reports: list[str], names: list[tuple[str, str]]) -> Lexicon:
    lexicon = Lexicon()
    for text in (*CASED_REPORTS, *reports):
        lexicon.observe_text(text)
    for name, label in (*NAMES, *names):
        lexicon.observe_name(name, label)
    return lexicon


lexicons = st.builds(_lexicon, st.lists(hostile_text, max_size=3),
                     st.lists(st.tuples(hostile_text, st.sampled_from(["PERSON", "ORG", "GPE"])),
                              max_size=3))
proper_hints = st.lists(st.one_of(st.sampled_from(["raqqa", "lena moor", "ǆuro", "i̇zmir", "ß"]),
                                  hostile_text), max_size=3)


def _same_up_to_case(a: str, b: str) -> bool:
    return a == b or a.lower() == b.lower()


def _origins(offsets: OffsetMap) -> list[int]:
    return [offsets.given_offset(i) for i in range(offsets.reading_length)]


def _assert_drops_only_spaces(given: str, reading: str, origins: list[int]) -> None:
    """Origins strictly increase, and every given character left out is whitespace other than a
    line break: the reading text is the given text minus spaces between tokens."""
    assert len(origins) == len(reading)
    assert all(a < b for a, b in zip(origins, origins[1:]))
    kept = set(origins)
    dropped = [given[g] for g in range(len(given)) if g not in kept]
    assert all(c.isspace() and c != "\n" for c in dropped), dropped


@given(corpus_text)
@share(1.0)
def test_fuzz_detokenize_drops_only_spaces_between_tokens(given_text: str) -> None:
    reading, origins = detokenize(given_text)
    assert all(reading[i] == given_text[g] for i, g in enumerate(origins))
    _assert_drops_only_spaces(given_text, reading, origins)


@given(restorable_text, lexicons, proper_hints)
@share(1.0)
def test_fuzz_truecase_changes_only_case(text: str, lexicon: Lexicon, proper: list[str]) -> None:
    out = truecase(text, lexicon, proper=proper)
    assert len(out) == len(text)
    assert all(_same_up_to_case(a, b) for a, b in zip(out, text)), (text, out)


@given(restorable_text, lexicons, proper_hints, st.data())
@share(1.0)
def test_fuzz_restore_offsets_read_back(text: str, lexicon: Lexicon, proper: list[str],
                                        data: st.DataObject) -> None:
    restored = restore(text, lexicon, proper=proper)
    reading, offsets = restored.text, restored.offsets
    assert (offsets.reading_length, offsets.given_length) == (len(reading), len(text))
    origins = _origins(offsets)
    _assert_drops_only_spaces(text, reading, origins)
    # Case changes only in text detected as lowercased; otherwise characters are as given.
    same = _same_up_to_case if restored.form.lowercased else str.__eq__
    assert all(same(reading[i], text[g]) for i, g in enumerate(origins))
    assert OffsetMap.from_json(offsets.to_json()) == offsets
    # A reading span maps to the given span from its first to its last character's origin (so it
    # holds the span's characters and the spaces dropped between them), and back to itself.
    start = data.draw(st.integers(0, len(reading)), label="start")
    end = data.draw(st.integers(start, len(reading)), label="end")
    gs, ge = offsets.to_given(start, end)
    assert 0 <= gs <= ge <= len(text)
    if start == end:
        assert gs == ge == offsets.given_offset(start)
        return
    assert (gs, ge) == (origins[start], origins[end - 1] + 1)
    assert offsets.to_reading(gs, ge) == (start, end)
