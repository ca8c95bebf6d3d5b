"""``crosswire.scale.LocalProcesses``: real worker processes, the shared object shipped once per call."""

from __future__ import annotations

import os

from crosswire.scale import LocalProcesses

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
