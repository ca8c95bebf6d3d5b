"""The folder where crosswire keeps what it builds on this machine and can build again: the int8
encoder (``fuse/int8_model.py``), a PostgreSQL store's neighbour index (``store/postgres.py``), the
evaluation's locale for its CQE peer. ``$CROSSWIRE_CACHE`` when set, else ``$XDG_CACHE_HOME/crosswire``,
else ``~/.cache/crosswire``."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where built files are kept: ``$CROSSWIRE_CACHE``, else the XDG cache folder's ``crosswire``."""
    if explicit := os.environ.get("CROSSWIRE_CACHE"):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crosswire"
