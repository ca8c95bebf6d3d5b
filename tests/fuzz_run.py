"""`make fuzz`: the fuzz properties under the large "fuzz" profile, with the two numbers that say
whether it passed: how many generated inputs ran, and how many of them raised.

Hypothesis reports every test case it runs to its observability callbacks; counting them is
exact, where summing per-test statistics text would not be. Extra arguments go to pytest.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis.internal import observability

FUZZ_TESTS = sorted(str(p) for p in Path(__file__).parent.glob("test_fuzz_*.py"))


def main(argv: list[str]) -> int:
    # Coverage tracing is what observability costs on Python 3.11; only the statuses are needed.
    observability.OBSERVABILITY_COLLECT_COVERAGE = False
    statuses: Counter[str] = Counter()
    failing: Counter[str] = Counter()

    def count(observation: observability.Observation) -> None:
        if observation.type == "test_case":
            statuses[observation.status] += 1
            if observation.status == "failed":
                failing[observation.property] += 1

    started = time.monotonic()
    with observability.with_observability_callback(count):
        # hypothesis is imported before pytest starts, so pytest cannot rewrite its asserts: expected
        code = pytest.main(["-q", "-p", "no:cacheprovider",
                            "-W", "ignore::pytest.PytestAssertRewriteWarning",
                            "--hypothesis-profile=fuzz", "--hypothesis-show-statistics",
                            *FUZZ_TESTS, *argv])
    ran = statuses["passed"] + statuses["failed"]
    print(f"\nfuzz: {ran} generated inputs ran, {statuses['failed']} raised "
          f"({statuses['gave_up']} rejected by filters), {time.monotonic() - started:.0f} s")
    for name, n in sorted(failing.items()):
        print(f"  raised in {name}: {n} (shrinking included)")
    return int(code) or (1 if statuses["failed"] else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
