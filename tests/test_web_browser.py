"""The pages in real Chromium (Debian's, driven by Playwright): a reader lists the stories, searches,
opens a story, follows a summary citation to the highlighted span of the report, and opens a name's
page; a hostile report is shown on every page and no script runs (a dialog, a console error or a page
error fails the test). Screenshots go to $CROSSWIRE_SCREENSHOTS (``python -m benchmarks.web_screens``
refreshes docs/screenshots/) or a temporary folder.

Skipped without Chromium or Playwright, unless CROSSWIRE_REQUIRE_BROWSER=1 (set by .ci/run)."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.web_support import HOSTILE_ID, SVG, browser_missing, web_db  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
# Running as root in a container: Chromium's sandbox cannot start, and nothing may call out.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1200, "height": 800}


@pytest.fixture(scope="module")
def server(web_db) -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread, for the module."""
    uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install -e '.[web]')")
    from crosswire.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn did not start")
        threading.Event().wait(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        browser_missing(f"{CHROMIUM} not found (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_missing("playwright is not installed (pip install -e '.[web]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every dialog (dismissed), console error, uncaught page error and failed
    request."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.incidents = []
    tab.on("dialog", lambda d: (tab.incidents.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("console", lambda m: m.type == "error" and tab.incidents.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: tab.incidents.append(f"page error: {e}"))
    tab.on("response", lambda r: r.status >= 400 and tab.incidents.append(f"{r.status}: {r.url}"))
    yield tab
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("CROSSWIRE_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_web_browser_reader_journey(page, server, shots):
    from playwright.sync_api import expect

    page.goto(server + "/")
    expect(page.locator("table.stories tbody tr")).to_have_count(2)
    page.screenshot(path=shots / "stories.png")

    page.fill("#quick-q", "levee")
    page.click("header form button")
    expect(page.locator(".hits li").first).to_be_visible()
    assert "q=levee" in page.url
    page.screenshot(path=shots / "search.png")

    page.click("table.stories tbody tr >> nth=0 >> a")
    expect(page.locator("#summary")).to_be_visible()
    page.screenshot(path=shots / "story.png")

    citation = page.locator("a.cite").first
    href = citation.get_attribute("href")
    citation.click()
    fragment = href.rpartition("#")[2]
    page.wait_for_url(f"**#{fragment}")
    start, end = map(int, fragment.split("-")[1:])
    target = page.locator(f"mark#{fragment}")
    expect(target).to_be_in_viewport()
    article_id = page.url.split("/articles/")[1].split("?")[0]
    text = page.request.get(f"{server}/api/articles/{article_id}").json()["article"]["text"]
    assert target.inner_text() == text[start:end]
    assert page.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle") == "solid"
    page.screenshot(path=shots / "article.png")

    page.go_back()
    page.locator("#entities a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert "/entities?name=" in page.url
    expect(page.locator("#mentions li").first).to_be_visible()
    page.screenshot(path=shots / "entity.png")
    assert page.incidents == []


def test_web_browser_hostile_report_runs_nothing(page, server):
    stories = page.request.get(f"{server}/api/stories").json()["stories"]
    levee = next(s["id"] for s in stories if s["articles"] == 5)
    paths = ["/", "/?q=alert", f"/stories/{levee}", f"/stories/{levee}?full=1",
             f"/articles/{quote(HOSTILE_ID, safe='')}?hl=0-40", "/entities?name=Mirela+Dascu&full=1",
             "/entities?name=" + quote(SVG)]
    for path in paths:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('script, img, svg, iframe').length") == 0, path
    page.goto(server + "/")
    assert "Levee breach <script>alert(1)</script>" in page.locator("table.stories").inner_text()
    page.goto(server + f"/articles/{quote(HOSTILE_ID, safe='')}")
    assert SVG in page.locator("h1 + p code").inner_text()  # the id shown as text
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.incidents == []


def test_web_browser_api_docs_render_offline(page, server):
    # any request off the app (a CDN) is refused, so the page renders only from what the app serves
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    page.goto(server + "/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 8
