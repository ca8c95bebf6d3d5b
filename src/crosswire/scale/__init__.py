"""Where articles are analysed. Analysis is a pure map (an article and the collection lexicon in, an
analysis out), so it may run anywhere; committing is not, so it stays with the caller.

An ``Executor`` runs one task over chunks of articles and hands the results back in chunk order, and
the caller commits them as they come: the store sees the same commits in the same order whether the
chunks ran in this process, in ``LocalProcesses`` (``--workers N``) or on a Dask cluster
(``crosswire.scale.dask_cluster``, ``--dask ADDRESS``), so the stored result is the same.
"""

from __future__ import annotations

import itertools
import pickle
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


# In a worker process: the last ``shared`` object it unpickled, by the number of the call that sent it.
_UNPICKLED: dict[int, object] = {}
_CALLS = itertools.count()


def _with_shared(task: Callable[..., Result], chunk: Chunk, call: int, pickled: bytes, *args: object) -> Result:
    """Run ``task`` in a worker with the call's ``shared`` object, unpickled once per call and worker."""
    if call not in _UNPICKLED:
        _UNPICKLED.clear()
        _UNPICKLED[call] = pickle.loads(pickled)
    return task(chunk, _UNPICKLED[call], *args)


class LocalProcesses:
    """A pool of ``workers`` processes on this machine, each running ``setup`` (loading the model)
    once when it starts; it lives as long as the analyzer that made it, so once per run.

    ``shared`` (the lexicon: megabytes once the collection holds thousands of reports) is pickled
    once per call, here, before ``map`` returns (so the caller may change it at once), and unpickled
    once per call in each worker, not once per task: at 8,000 reports pickling it took about a second."""

    def __init__(self, workers: int, setup: Callable[[], object]):
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=setup)

    def map(self, task: Callable[..., Result], chunks: Sequence[Chunk], shared: object,
            *args: object) -> Iterator[Result]:
        call, pickled = next(_CALLS), pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)
        futures = [self._pool.submit(_with_shared, task, chunk, call, pickled, *args) for chunk in chunks]

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
