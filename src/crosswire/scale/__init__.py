"""Where articles are analysed. Analysis is a pure map (an article and the collection lexicon in, an
analysis out), so it may run anywhere; committing is not, so it stays with the caller.

An ``Executor`` runs one task over chunks of articles and hands the results back in chunk order, and
the caller commits them as they come: the store sees the same commits in the same order whether the
chunks ran in this process, in ``LocalProcesses`` (``--workers N``) or on a Dask cluster
(``crosswire.scale.dask_cluster``, ``--dask ADDRESS``), so the stored result is the same.

A worker process may die under a chunk: the system's out-of-memory killer, a signal, or a local
worker passing its memory limit (``worker_memory_limit``), so one pathological report cannot take the
machine's memory from the run and everything else on it. The executor then raises ``WorkerLost``
from its results and stays usable; the caller decides what to re-run (``analyze.pipeline`` re-runs the
chunk article by article, to name the report that kills a worker).
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
        returns. Stopping the iteration early cancels what has not run. A worker that dies makes the
        iteration raise ``WorkerLost`` at the first chunk whose result it took; the executor stays usable."""

    def close(self) -> None:
        """Stop the workers this executor started."""


class WorkerLost(Exception):
    """A worker process died before it returned the next chunk's result (killed by the system, out of
    memory, or a signal); the chunks after it in the call are lost too. The executor is usable again."""


# A local worker process may hold at most this share of the machine's memory, split among the workers;
# past it the worker ends itself (``WorkerLost``) before the system's out-of-memory killer picks a process.
# Measured peaks: about 1 GB per worker at 4,000 corpus reports (README, speed rows).
WORKER_MEMORY_SHARE = 0.75
_MEMORY_CHECK_SECONDS = 0.2


def worker_memory_limit(workers: int) -> int | None:
    """Bytes one of ``workers`` local worker processes may hold (resident), or None where this system
    does not say how much memory it has."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
    return int(total * WORKER_MEMORY_SHARE / max(workers, 1)) if total > 0 else None


def _resident_bytes() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _end_past(limit: int) -> None:
    """In a worker: check its resident memory every ``_MEMORY_CHECK_SECONDS`` and end the process at once
    (no cleanup: it is out of bounds) once it holds more than ``limit`` bytes."""
    while True:
        resident = _resident_bytes()
        if resident is None:
            return  # no /proc here: the system's own limits apply
        if resident > limit:
            os._exit(70)
        time.sleep(_MEMORY_CHECK_SECONDS)


def _start_worker(setup: Callable[[], object], limit: int | None) -> None:
    if limit is not None:
        threading.Thread(target=_end_past, args=(limit,), name="crosswire-memory-limit", daemon=True).start()
    setup()


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
    once when it starts; it lives as long as the analyzer that made it, so once per run. Each process
    may hold ``memory_limit`` bytes (``worker_memory_limit``; None: only the system's limits); a
    process that dies makes ``map``'s results raise ``WorkerLost``, and a fresh pool takes over (the
    chunks of another call still open, which the dead pool held too, are sent to it again).

    ``shared`` (the lexicon: megabytes once the collection holds thousands of reports) is pickled
    once per call, here, before ``map`` returns (so the caller may change it at once), and unpickled
    once per call in each worker, not once per task: at 8,000 reports pickling it took about a second."""

    def __init__(self, workers: int, setup: Callable[[], object], *, memory_limit: int | None = None):
        self.memory_limit = memory_limit
        self._workers, self._setup = workers, setup
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._workers, initializer=_start_worker,
                                   initargs=(self._setup, self.memory_limit))

    def map(self, task: Callable[..., Result], chunks: Sequence[Chunk], shared: object,
            *args: object) -> Iterator[Result]:
        call, pickled = next(_CALLS), pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)

        def send(part: Sequence[Chunk]) -> list[Future]:
            return [self._pool.submit(_with_shared, task, chunk, call, pickled, *args) for chunk in part]

        pool, first, futures = self._pool, 0, send(chunks)  # where chunks[first:] went, and their futures

        def results() -> Iterator[Result]:
            nonlocal pool, first, futures
            done = 0
            try:
                while done < len(chunks):
                    try:
                        result = futures[done - first].result()
                    except (BrokenProcessPool, CancelledError) as exc:
                        if pool is not self._pool:  # a worker died under another call's chunk and the
                            pool, first, futures = self._pool, done, send(chunks[done:])  # pool is new
                            continue
                        self._pool.shutdown(wait=True, cancel_futures=True)
                        self._pool = self._start()
                        limit = (f", or over the {self.memory_limit / 2**30:.1f} GB a worker may hold"
                                 if self.memory_limit else "")
                        raise WorkerLost(f"a worker process died (killed by the system{limit})") from exc
                    done += 1
                    yield result
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
