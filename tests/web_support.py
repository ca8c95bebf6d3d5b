"""What the web tests share: a store of the bundled example reports plus one hostile report, and the
apps over it. The hostile report joins the levee story (it is a copy of one of its reports) and
carries markup and script in its id, title, outlet, url and text, so every page shows it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from crosswire.model import Article
from crosswire.service import Service

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
JS_LINK = "javascript:alert(1)"
HOSTILE_ID = f"hostile{SVG}"
TOKEN = "s3cret-token"
# A Meridian report retold by another outlet the same day with another count of people forced out (a
# conflict to list) and markup everywhere a report can hold it.
HOSTILE = Article(
    id=HOSTILE_ID, title=f"Levee breach {SCRIPT}", outlet=f"Wire {IMG}", published=dt.date(2024, 3, 11),
    url=JS_LINK,
    text=(ROOT / "examples" / "levee_meridian_monday.txt").read_text(encoding="utf-8")
    .replace("some 1,200 people", "some 3,000 people")
    + f'\n"{SCRIPT} {IMG} {SVG} <a href="{JS_LINK}">click</a>," said Mirela Dascu of the National Water Authority.\n')


def build_store(path: Path) -> str:
    """The examples and the hostile report, analysed and stored at ``path``."""
    with Service(str(path)) as service:
        service.ingest([ROOT / "examples"])
        service.ingest_articles([HOSTILE])
    return str(path)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


def browser_missing(reason: str) -> None:
    """Skip a browser test, or fail it when CROSSWIRE_REQUIRE_BROWSER=1 (set by .ci/run)."""
    if os.environ.get("CROSSWIRE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and CROSSWIRE_REQUIRE_BROWSER=1")
    pytest.skip(reason)
