"""Grouping items that are pairwise "the same" into classes (entities, statements)."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of string keys; the smaller key becomes the root, so the classes and their
    roots do not depend on the order pairs were joined in."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self._parent.setdefault(x, x)
        while self._parent[x] != x:
            self._parent[x] = self._parent[self._parent[x]]
            x = self._parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)
