"""Refresh docs/screenshots/*.png: runs the browser test's reader journey (tests/test_web_browser.py)
with its screenshots written there. Needs Chromium and the web extra, like the test.

    python -m benchmarks.web_screens
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    os.environ["CROSSWIRE_SCREENSHOTS"] = str(SCREENSHOTS)
    os.environ["CROSSWIRE_REQUIRE_BROWSER"] = "1"
    code = pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_web_browser.py::test_web_browser_reader_journey"])
    for png in sorted(SCREENSHOTS.glob("*.png")):
        print(f"{png} {png.stat().st_size // 1024} KB")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
