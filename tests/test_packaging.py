"""Every data file the package reads at run time ships in a wheel: each tracked non-Python file under
``src/crosswire`` matches a ``[tool.setuptools.package-data]`` pattern (an editable install finds files the
wheel would leave out, so the tests would not notice otherwise)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "crosswire"


def _data_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
                  and "__pycache__" not in p.parts)


def test_every_data_file_of_the_package_is_declared_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["crosswire"]
    files = _data_files()
    assert files, "the package holds data files (the stance model, the schemas)"
    undeclared = [str(p.relative_to(PACKAGE)) for p in files
                  if not any(p.relative_to(PACKAGE).match(pattern) for pattern in patterns)]
    assert undeclared == []
