"""The figures scorer's peers run on a sentence and give NewsQuant's kind of quantities."""

from __future__ import annotations

import pytest

from eval.figures import cqe_quantities, quantulum_quantities


def test_cqe_gives_values_and_newsquant_units():
    pytest.importorskip("CQE", reason="the CQE peer is installed by `make` (the Makefile's --no-deps line)")
    (found,) = cqe_quantities(["Ticket sales rose 12% to 4.5 million tickets last year."])
    assert ((12.0, 12.0), "percentage") in found
    assert any(value == (4_500_000.0, 4_500_000.0) for value, _ in found)


def test_quantulum_gives_values_and_unit_names():
    found = quantulum_quantities("The river rose 3 metres.")
    assert ((3.0, 3.0), "metre") in found
