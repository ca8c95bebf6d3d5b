"""Shared fixtures. Tests are self-contained; those that read ../shared skip without it,
unless CROSSWIRE_REQUIRE_SHARED=1 (set by .ci/run), where a missing ../shared is a failure."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: "ci" (the default) is a small seeded share that runs in every `pytest -q`;
# "fuzz" (`make fuzz`, tests/fuzz_run.py) explores fresh inputs at scale. Slow properties run a
# fraction of the profile's examples (fuzz_strategies.share). No deadline: the first example of a
# test pays for loading spaCy, and a slow input is not a failure.
settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=1500, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory) -> None:
    """Caches a server store keeps on this machine (its neighbour index) go to a folder of the test
    run, not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", ROOT.parent / "shared"))


def _shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CROSSWIRE_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is missing and CROSSWIRE_REQUIRE_SHARED=1")
        pytest.skip(f"{path} not present (a clone without ../shared)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds: the two real Raqqa reports (read, never copied into the repo)."""
    return _shared_path("seeds")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: the development gold data."""
    return _shared_path("data")


@pytest.fixture(scope="session")
def nlp():
    """The trained pipeline, loaded once for the whole session."""
    from crosswire.analyze.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


def _postgres_missing(reason: str) -> None:
    """Skip a PostgreSQL test, or fail it when CROSSWIRE_REQUIRE_POSTGRES=1 (set by .ci/run)."""
    if os.environ.get("CROSSWIRE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason}, and CROSSWIRE_REQUIRE_POSTGRES=1")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster (tests/pg_server.py) for the whole session."""
    from tests.pg_server import PostgresServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        _postgres_missing("PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _postgres_missing("psycopg is not installed (pip install -e '.[postgres]')")
    with PostgresServer.start(bin_dir) as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """Where a fresh, empty store lives, on each backend: a SQLite file path or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_server").create_database(f"t{uuid.uuid4().hex[:12]}")
