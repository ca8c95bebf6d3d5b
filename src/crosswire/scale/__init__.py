"""Where articles are analysed. Analysis is a pure map (an article and the collection lexicon in, an
analysis out), so it may run anywhere; committing is not, so it stays with the caller.

An ``Executor`` runs one task over chunks of articles and hands the results back in chunk order, and
the caller commits them as they come: the store sees the same commits in the same order whether the
chunks ran in this process, in ``LocalProcesses`` (``--workers N``) or on a Dask cluster
(``crosswire.scale.dask_cluster``, ``--dask ADDRESS``), so the stored result is the same.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import Protocol, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


class Executor(Protocol):
    def map(self, task: Callable[..., Result], chunks: Sequence[Chunk], shared: object,
            *args: object) -> Iterator[Result]:
        """Start ``task(chunk, shared, *args)`` for every chunk now; iterate for the results in chunk
        order. ``shared`` is the same for every chunk (the lexicon, which grows with the collection):
        an executor ships it once per call where it can, and the caller may change it once this
        returns. Stopping the iteration early cancels what has not run."""

    def close(self) -> None:
        """Stop the workers this executor started."""


class LocalProcesses:
    """A pool of ``workers`` processes on this machine, each running ``setup`` (loading the model)
    once when it starts; it lives as long as the analyzer that made it, so once per run."""

    def __init__(self, workers: int, setup: Callable[[], object]):
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=setup)

    def map(self, task: Callable[..., Result], chunks: Sequence[Chunk], shared: object,
            *args: object) -> Iterator[Result]:
        # the pool pickles every task's arguments in a background thread while the caller goes on
        # teaching the lexicon: hand the workers a copy that nobody changes
        shared = copy.deepcopy(shared)
        futures = [self._pool.submit(task, chunk, shared, *args) for chunk in chunks]

        def results() -> Iterator[Result]:
            try:
                for future in futures:
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()

        return results()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def open_executor(dask: str | None, *, workers: int, model: str) -> AbstractContextManager[Executor | None]:
    """The Dask cluster at ``dask`` (``tcp://host:8786``, ``local``, ``local:N``), connected, its
    workers holding ``model``, and closed on exit; None without an address (the analyzer then runs in
    this process, or in ``workers`` local processes it starts itself)."""
    if dask is None:
        return nullcontext()
    from crosswire.scale.dask_cluster import connect

    return connect(dask, workers=workers, model=model)
