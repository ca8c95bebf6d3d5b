"""Persistence behind one contract (``base.StoreProtocol``): SQLite by default (one file),
PostgreSQL for a shared server; schemas versioned by named migrations."""

from __future__ import annotations

from pathlib import Path

from crosswire.store.base import Commit, StoreProtocol
from crosswire.store.sqlite import SQLiteStore

# ``Store(path)`` opens a SQLite file, as it always has.
Store = SQLiteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(url_or_path: str | Path, *, create: bool = True) -> StoreProtocol:
    """The store at ``url_or_path``: PostgreSQL for a ``postgresql://`` URL, else a SQLite file."""
    if str(url_or_path).startswith(POSTGRES_SCHEMES):
        from crosswire.store.postgres import PostgresStore

        return PostgresStore(str(url_or_path), create=create)
    return SQLiteStore(url_or_path, create=create)


__all__ = ["Commit", "Store", "SQLiteStore", "StoreProtocol", "open_store"]
