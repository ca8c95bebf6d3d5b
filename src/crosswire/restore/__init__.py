"""Restore: turn a report as given into a reading text, with an offset map back to the given text.

A report as published is read as it is. A corpus form is undone step by step: tokenization by
dropping spaces, lowercasing by re-casing letters one for one. Neither step inserts or moves a
character, which is what keeps every offset exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.restore.detect import TextForm, detect_form
from crosswire.restore.detokenize import detokenize
from crosswire.restore.lexicon import Lexicon
from crosswire.restore.offsetmap import OffsetMap
from crosswire.restore.truecase import truecase

__all__ = ["Lexicon", "OffsetMap", "Restored", "TextForm", "detect_form", "detokenize", "restore",
           "truecase"]


@dataclass(frozen=True)
class Restored:
    """The reading text of a report, the form it came in, and the map back to the given text."""

    text: str
    form: TextForm
    offsets: OffsetMap


def restore(text: str, lexicon: Lexicon | None = None, *, proper: Iterable[str] = ()) -> Restored:
    """The reading text of ``text``.

    ``lexicon`` holds what the collection's cased reports say about casing; ``proper`` gives
    lowercase words or phrases known to be names in this text (the dateline place, say), title-cased
    unless the lexicon knows better. Case is only ever changed in a text detected as lowercased.
    """
    form = detect_form(text)
    if form.tokenized:
        reading, origins = detokenize(text)
        offsets = OffsetMap.from_origins(origins, len(text))
    else:
        reading, offsets = text, OffsetMap.identity(len(text))
    if form.lowercased:
        reading = truecase(reading, lexicon, proper=proper)
    return Restored(reading, form, offsets)
