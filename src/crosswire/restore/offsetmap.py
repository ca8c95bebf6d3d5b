"""Map character offsets in a reading text back to the text as given.

Restoring only ever *drops* characters (spaces between tokens) and *re-cases* characters one for
one, so every reading character comes from exactly one given character, in order. The map keeps
that origin for each reading character, stored as runs so it is small on disk.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import numpy as np


class OffsetMap:
    """Reading offset -> given offset, built from runs ``(reading_start, given_start, length)``."""

    __slots__ = ("_runs", "_starts", "_given_starts", "reading_length", "given_length")

    def __init__(self, runs: Sequence[tuple[int, int, int]], reading_length: int, given_length: int):
        self._runs = [tuple(r) for r in runs]
        self._starts = [r[0] for r in self._runs]
        self._given_starts = [r[1] for r in self._runs]
        self.reading_length = reading_length
        self.given_length = given_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)] if length else [], length, length)

    @classmethod
    def from_origins(cls, origins: Sequence[int], given_length: int) -> "OffsetMap":
        """Build from the given offset of each reading character (strictly increasing)."""
        given = np.asarray(origins, dtype=np.int64)
        # a run ends wherever the next reading character does not come from the next given one
        starts = np.concatenate(([0], np.flatnonzero(np.diff(given) != 1) + 1)) if len(given) else given
        ends = np.append(starts[1:], len(given))
        runs = [(int(r), int(g), int(n)) for r, g, n in zip(starts, given[starts], ends - starts)]
        return cls(runs, len(origins), given_length)

    def given_offset(self, i: int) -> int:
        """Given offset of reading character ``i`` (``i == reading_length`` maps to the end)."""
        if i >= self.reading_length:
            return self.given_length
        k = bisect_right(self._starts, i) - 1
        r0, g0, _ = self._runs[k]
        return g0 + (i - r0)

    def to_given(self, start: int, end: int) -> tuple[int, int]:
        """Span ``[start, end)`` of the reading text as a span of the text as given."""
        if end <= start:
            g = self.given_offset(start)
            return g, g
        return self.given_offset(start), self.given_offset(end - 1) + 1

    def reading_offset(self, g: int) -> int:
        """First reading character whose origin is at or after given offset ``g``."""
        for r0, g0, n in self._runs[max(0, bisect_right(self._given_starts, g) - 1):]:
            if g < g0 + n:
                return r0 + max(0, g - g0)
        return self.reading_length

    def to_reading(self, start: int, end: int) -> tuple[int, int]:
        """Span ``[start, end)`` of the given text as the span of the reading text it became."""
        r_start = self.reading_offset(start)
        return r_start, max(r_start, self.reading_offset(end))

    def to_json(self) -> dict:
        return {"runs": [list(r) for r in self._runs], "reading_length": self.reading_length,
                "given_length": self.given_length}

    @classmethod
    def from_json(cls, data: dict) -> "OffsetMap":
        return cls([tuple(r) for r in data["runs"]], data["reading_length"], data["given_length"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.to_json() == other.to_json()

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._runs)} runs, {self.reading_length}->{self.given_length})"
