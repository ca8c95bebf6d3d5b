"""The README's first set-up command, `make demo`, as a new user runs it on a fresh clone: the recipe
itself (with this environment's crosswire; the venv bootstrap it depends on is left out), in a copy of
the Makefile and the bundled examples where no `.crosswire/` folder exists yet."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_briefs_the_bundled_examples_on_a_fresh_clone(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(["make", "-o", ".venv/.installed", "demo", f"BIN={bin_dir}"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / ".crosswire" / "demo.db").is_file()
    reports = len([p for p in (ROOT / "examples").iterdir() if p.suffix == ".txt"])
    assert f"{reports} stored, 0 already stored, 0 problems" in done.stdout + done.stderr
    assert "Summary" in done.stdout and "Figures compared" in done.stdout
