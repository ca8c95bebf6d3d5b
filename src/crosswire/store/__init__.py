"""Persistence: SQLite by default (one file), schema versioned by named migrations."""

from crosswire.store.sqlite import Store

__all__ = ["Store"]
