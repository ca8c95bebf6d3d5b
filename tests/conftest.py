"""Shared fixtures. Tests are self-contained; those that read ../shared skip without it,
unless CROSSWIRE_REQUIRE_SHARED=1 (set by .ci/run), where a missing ../shared is a failure."""

from __future__ import annotations

import os
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
