"""Analysis on a Dask cluster (``--dask ADDRESS``): a scheduler already running with its workers
(``tcp://host:8786``: ``dask scheduler`` on one machine, ``dask worker`` on each), or a
``LocalCluster`` of worker processes started for the run and closed after it (``local``, ``local:N``).

Only analysis runs there. Results come back to this process, which commits them in input order as a
local run does (``crosswire.scale``). Each worker loads the model once: ``nlp.prepare_worker`` runs on
every worker at connect, which also checks that they all analyse as this crosswire does, and a worker
joining later loads it with its first task (``load_pipeline`` is cached per process). Each call ships
the lexicon to every worker once (``Client.scatter(broadcast=True)``), not inside each of its tasks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import crosswire.analyze
from crosswire.analyze.nlp import prepare_worker
from crosswire.errors import ClusterError
from crosswire.scale import Chunk, Result, WorkerLost

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

# Worker processes `--dask local` starts when --workers asks for no more: one per core of a laptop.
LOCAL_WORKERS = 2
MAX_LOCAL_WORKERS = 64  # as --workers
# A scheduler that has not answered within this is not there (a typo, a firewall, not started yet);
# on a working network it answers in milliseconds.
CONNECT_SECONDS = 10
# A scheduler still without a worker this long after connecting has none coming: waiting on would hang.
WORKERS_SECONDS = 60
ADDRESS_FORMS = (f"tcp://HOST:PORT (a running `dask scheduler`; it listens on 8786), local, or local:N "
                 f"(N worker processes on this machine, 1 to {MAX_LOCAL_WORKERS})")

_SCHEDULER = re.compile(r"tcp://(?:\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}")
_LOCAL = re.compile(r"local(?::(\d+))?")


def parse_address(address: str, workers: int = 1) -> str | int:
    """What ``address`` asks for: the scheduler to connect to (``tcp://host:port``, as given), or the
    worker processes of a local cluster (``local:N``; ``local``: ``workers`` when that is more than
    one, else ``LOCAL_WORKERS``). ``ValueError`` naming the accepted forms for anything else."""
    if _SCHEDULER.fullmatch(address):
        return address
    if match := _LOCAL.fullmatch(address):
        n = int(match[1]) if match[1] else (workers if workers > 1 else LOCAL_WORKERS)
        if 1 <= n <= MAX_LOCAL_WORKERS:
            return n
    raise ValueError(f"{address!r} is not a Dask address; give {ADDRESS_FORMS}")


class DaskCluster:
    """An ``Executor`` over a ``distributed.Client``; closing it closes the client, and the
    ``LocalCluster`` when it started one (a scheduler it connected to keeps running)."""

    def __init__(self, client: Client, cluster: LocalCluster | None = None):
        self.client, self._cluster = client, cluster

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, task: Callable[..., Result], chunks: Sequence[Chunk], shared: object,
            *args: object) -> Iterator[Result]:
        shipped = self.client.scatter(shared, broadcast=True, hash=False)  # sent before it returns
        futures = [self.client.submit(task, chunk, shipped, *args, pure=False) for chunk in chunks]

        def results() -> Iterator[Result]:
            from distributed import KilledWorker

            try:
                for future in futures:
                    try:
                        result = future.result()
                    except KilledWorker as exc:  # the task ended every worker the scheduler tried it on
                        raise WorkerLost(f"Dask workers died running it ({exc})") from exc
                    yield result
            finally:  # frees the workers' copies, and cancels what has not run if the caller stopped
                self.client.cancel([*futures, shipped])

        return results()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def prepare(self, model: str) -> None:
        """Wait for a first worker, load ``model`` on every worker, and refuse workers that would
        analyse otherwise than this crosswire (another analyzer version, another model)."""
        address = self.client.scheduler.address
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError as exc:
            raise ClusterError(f"the Dask scheduler at {address} has no workers after {WORKERS_SECONDS} s; start "
                               f"them with `dask worker {address} --nthreads 1`") from exc
        try:
            made_with = self.client.run(prepare_worker, model)
        except Exception as exc:  # raised in a worker: anything its environment lacks
            raise ClusterError(f"a Dask worker of {address} cannot load the model {model!r} ({type(exc).__name__}: "
                               f"{exc}); every worker needs crosswire and the model installed") from exc
        versions = {analyzer for analyzer, _ in made_with.values()}
        if versions != {crosswire.analyze.ANALYZER_VERSION} or len(set(made_with.values())) > 1:
            found = "; ".join(f"{worker}: analyzer {v}, model {m}" for worker, (v, m) in sorted(made_with.items()))
            raise ClusterError(f"the Dask workers of {address} do not all analyse as this crosswire (analyzer "
                               f"{crosswire.analyze.ANALYZER_VERSION}) does ({found}); install the same crosswire "
                               "and model on every worker")


def connect(address: str, *, workers: int = 1, model: str) -> DaskCluster:
    """The cluster at ``address`` (``parse_address``; ``workers`` sizes a bare ``local``), its workers
    holding ``model``; ``ClusterError`` saying why not (a bad address, no scheduler there, no workers,
    workers without crosswire or its model, Dask not installed)."""
    try:
        target = parse_address(address, workers)
    except ValueError as exc:
        raise ClusterError(str(exc)) from None
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(f"--dask needs Dask's distributed package ({exc.name} is missing): "
                           'pip install -e ".[dask]"') from exc
    # distributed sets its loggers to INFO when first imported: let them log at the level this process
    # chose (root's: warnings, or more with crosswire -v), not narrate every connection
    logging.getLogger("distributed").setLevel(logging.NOTSET)
    if isinstance(target, int):
        # no dashboard; the scheduler's HTTP endpoints (health, metrics) on a free local port, so a
        # second run beside this one neither clashes on 8787 nor says so
        cluster = LocalCluster(n_workers=target, threads_per_worker=1, processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        running = DaskCluster(Client(cluster, set_as_default=False), cluster)
    else:
        try:
            running = DaskCluster(Client(target, timeout=CONNECT_SECONDS, set_as_default=False))
        except OSError as exc:  # distributed's connection errors and timeouts
            raise ClusterError(f"no Dask scheduler answers at {target} ({exc}); start one there with "
                               "`dask scheduler`, or check the address") from exc
    try:
        running.prepare(model)
    except BaseException:
        running.close()
        raise
    return running
