"""``crosswire.scale.LocalProcesses``: real worker processes, the shared object shipped once per call."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from crosswire.scale import LocalProcesses, WorkerLost, _resident_bytes

_UNPICKLED_IN_THIS_PROCESS = 0


class Shared:
    """A shared object that counts how often the process it lands in unpickles one."""

    def __init__(self, value: int):
        self.value = value

    def __setstate__(self, state: dict) -> None:
        global _UNPICKLED_IN_THIS_PROCESS
        _UNPICKLED_IN_THIS_PROCESS += 1
        self.__dict__.update(state)


def _seen(chunk: list[int], shared: Shared, offset: int) -> tuple[int, int, list[int], int]:
    """What a worker saw: its pid, how many shared objects it has unpickled, the chunk shifted, the value."""
    return os.getpid(), _UNPICKLED_IN_THIS_PROCESS, [n + offset for n in chunk], shared.value


def test_local_processes_results_in_chunk_order_with_the_shared_object_as_it_was_at_the_call():
    pool = LocalProcesses(2, setup=lambda: None)
    try:
        shared = Shared(1)
        chunks = [[n] for n in range(8)]
        results = pool.map(_seen, chunks, shared, 100)
        shared.value = 2  # the caller may change it once map returns
        seen = list(results)
        assert [r[2] for r in seen] == [[100 + n] for n in range(8)]
        assert {r[3] for r in seen} == {1}
        assert max(r[1] for r in seen) == 1  # unpickled once in each worker, not once per task
        again = list(pool.map(_seen, chunks, shared, 0))
        assert {r[3] for r in again} == {2} and max(r[1] for r in again) <= 2  # the next call ships the new one
    finally:
        pool.close()


def _hold(chunk: list[int], shared: None, megabytes: int) -> list[int]:
    """Touch ``megabytes`` of memory for chunk item 1, then give the worker's limit check time to see it."""
    if chunk == [1]:
        held = np.ones(megabytes * 2**20, dtype=np.uint8)
        time.sleep(2)
        return [int(held[-1])]
    return chunk


def _pool_with_a_limit() -> LocalProcesses:
    """Two workers that may each hold 300 MB more than this process holds now (``_hold`` passes it)."""
    resident = _resident_bytes()
    if resident is None:
        pytest.skip("this system does not show a process's resident memory (/proc/self/statm)")
    return LocalProcesses(2, setup=lambda: None, memory_limit=resident + 300 * 2**20)


def test_local_processes_a_worker_over_its_memory_limit_ends_and_the_pool_goes_on():
    pool = _pool_with_a_limit()
    try:
        results = pool.map(_hold, [[0], [1], [2]], None, 600)
        assert next(results) == [0]
        with pytest.raises(WorkerLost, match="GB a worker may hold"):
            next(results)
        assert list(pool.map(_hold, [[0], [2]], None, 600)) == [[0], [2]]  # a fresh pool took over
        assert list(pool.map(_hold, [[1]], None, 10)) == [[1]]  # under the limit it runs
    finally:
        pool.close()


def _nap(chunk: list[int], shared: None, seconds: float) -> list[int]:
    time.sleep(seconds)
    return chunk


def test_local_processes_a_call_still_open_when_another_call_loses_a_worker_gets_all_its_results():
    """The ingest sends one chunk's lowercased reports and the next chunk's cased ones at once: a worker
    dying under the first call's chunk must not lose the second call's chunks, which the dead pool held."""
    pool = _pool_with_a_limit()
    try:
        first = pool.map(_hold, [[0], [1], [2]], None, 600)
        second = pool.map(_nap, [[n] for n in range(3, 9)], None, 0.5)  # still running when the worker dies
        assert next(first) == [0]
        with pytest.raises(WorkerLost):
            next(first)
        assert list(second) == [[n] for n in range(3, 9)]
    finally:
        pool.close()
