"""Errors crosswire raises, and the exit codes the CLI maps them to.

    CrosswireError                 anything crosswire reports to a user (exit 1)
    ├── InputError                 a path or stream that cannot be read at all
    ├── StoreError                 the database cannot be opened or is from a newer crosswire
    ├── ClusterError               the Dask cluster (--dask) cannot be reached, started or used
    └── NotFound                   an id (story, article) that is not in the store

Bad *articles* are not exceptions: readers yield ``model.Problem`` values and go on.
"""

from __future__ import annotations

EXIT_OK = 0  # everything read and stored
EXIT_USER_ERROR = 1  # nothing could be done: bad path, unknown story id, unreadable database
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_PARTIAL = 3  # some inputs were bad and reported; the good ones were stored


class CrosswireError(Exception):
    """Base class: the message says what went wrong, where, and how to fix it."""


class InputError(CrosswireError):
    pass


class StoreError(CrosswireError):
    pass


class ClusterError(CrosswireError):
    pass


class NotFound(CrosswireError):
    pass
