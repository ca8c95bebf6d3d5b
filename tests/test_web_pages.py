"""The pages in-process: server-rendered, every report-derived string escaped, no script anywhere, and
every item linked to the span it came from (the links' targets exist on the article page)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")
from fastapi.testclient import TestClient  # noqa: E402

from crosswire.web import create_app  # noqa: E402
from tests.web_support import HOSTILE, HOSTILE_ID, SVG, web_db  # noqa: E402,F401

BROWSER = {"accept": "text/html"}
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db), headers=BROWSER)


@pytest.fixture(scope="module")
def levee(client) -> str:
    return next(s["id"] for s in client.get("/api/stories").json()["stories"] if s["articles"] == 5)


def page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class _Tags(HTMLParser):
    """Every element and attribute of a page, as a browser's parser would see them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No markup from a report survives as markup: no script, image or svg element, no event handler or
    inline style attribute, no link that is not to the app or the web."""
    for tag, attrs in _Tags(html).tags:
        assert tag not in ("script", "img", "svg", "iframe", "object"), tag
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        assert not (attrs.get("href") or "").strip().lower().startswith(("javascript:", "data:")), attrs


def hostile_pages(levee: str) -> list[str]:
    return ["/", "/?q=alert", "/?sort=size&outlet=" + quote(HOSTILE.outlet), f"/stories/{levee}",
            f"/stories/{levee}?full=1", f"/articles/{quote(HOSTILE_ID, safe='')}?hl=0-20",
            "/entities?name=Mirela+Dascu&full=1", "/entities?name=" + quote(SVG)]


def test_web_pages_hostile_report_is_shown_as_text(client, levee):
    for path in hostile_pages(levee):
        html = page(client, path)
        assert_inert(html)
    listing = page(client, "/")
    assert "Levee breach &lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "Wire &lt;img src=x onerror=alert(1)&gt;" in listing
    article = page(client, f"/articles/{quote(HOSTILE_ID, safe='')}")
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in article  # the id, as text


def test_web_pages_list_shows_rows_conflicts_and_search_hits(client, levee):
    html = page(client, "/?q=levee")
    assert f'href="/stories/{levee}"' in html and "conflicting" in html
    assert "Best matching reports" in html and "1 story" in html
    assert "No story matches." in page(client, "/?q=nothing-matches-this")
    two = page(client, "/?per_page=1")
    assert 'rel="next" href="/?per_page=1&amp;page=2"' in two


def test_web_pages_story_links_every_item_to_its_span(client, levee):
    html = page(client, f"/stories/{levee}")
    for section in ("coverage", "summary", "comparisons", "statements", "entities", "timeline", "reports"):
        assert f'id="{section}"' in html
    assert "conflict" in html and "Wire &lt;img" in html  # the coverage strip and the figures show the outlet
    links = [unescape(h) for h in HREF.findall(html) if h.startswith("/articles/")]
    cited = [h for h in links if "?hl=" in h]
    items = [h for h in links if re.search(r"#[qf]\d+$", h)]
    assert cited and items
    for link in cited[:5] + items[:5]:  # each link's fragment is an element of the article page it opens
        path, _, fragment = link.partition("#")
        assert f'id="{fragment}"' in page(client, path)
    assert any(h.startswith("/entities?name=") for h in map(unescape, HREF.findall(html)))


def test_web_pages_story_show_all(client, levee):
    digest, full = page(client, f"/stories/{levee}"), page(client, f"/stories/{levee}?full=1")
    assert f'href="/stories/{levee}?full=1"' in digest and "show the digest" in full
    assert len(full) > len(digest)


def test_web_pages_article_marks_items_and_cited_span(client, levee):
    briefing = client.get(f"/api/stories/{levee}").json()["stories"][0]
    citation = briefing["summary"][0]["citations"][0]
    article = client.get(f"/api/articles/{quote(citation['article'], safe='')}").json()["article"]
    start, end = citation["start"], citation["end"]
    html = page(client, f"/articles/{quote(citation['article'], safe='')}?hl={start}-{end}")
    marked = re.search(rf'<mark class="cited" id="c-{start}-{end}"[^>]*>(.*?)</div>', html, re.S)
    text = re.sub(r"<[^>]+>", "", marked[1])
    assert unescape(text).startswith(article["text"][start:end])
    for item in client.get(f"/api/articles/{quote(citation['article'], safe='')}").json()["items"]:
        assert f'id="{item["id"]}"' in html
    # the text as given, whole: tags removed and entities unescaped, the page shows every character
    body = re.search(r'<div class="article-text">(.*?)</div>', html, re.S)[1]
    assert unescape(re.sub(r"<[^>]+>", "", body)) == article["text"]


def test_web_pages_article_text_as_given_with_markup(client):
    html = page(client, f"/articles/{quote(HOSTILE_ID, safe='')}")
    body = re.search(r'<div class="article-text">(.*?)</div>', html, re.S)[1]
    assert unescape(re.sub(r"<[^>]+>", "", body)) == HOSTILE.text


def test_web_pages_entity_page_lists_stories_statements_mentions(client, levee):
    html = page(client, "/entities?name=Dascu")
    assert f'href="/stories/{levee}"' in html
    assert html.count('class="quote"') >= 2 and "Mentions" in html
    assert "No story names it." in page(client, "/entities?name=Nobody+Atall")


def test_web_pages_errors_are_pages_for_a_browser(client):
    for path, status in (("/stories/nope", 404), ("/articles/nope", 404), ("/nothing", 404),
                         ("/?sort=oldest", 422), ("/entities", 422), ("/articles/x?hl=1-2-3", 422)):
        response = client.get(path)
        assert response.status_code == status and "<h1>" in response.text, path
        assert "content-security-policy" in response.headers
    assert client.get("/stories/nope", headers={"accept": "application/json"}).json()["error"]["code"] == "not_found"


def test_web_pages_cli_serve_get_smoke(web_db):
    from click.testing import CliRunner

    from crosswire.cli import cli

    ok = CliRunner().invoke(cli, ["serve", "--db", web_db, "--get", "/api/stories"])
    assert ok.exit_code == 0 and '"stories"' in ok.output
    assert CliRunner().invoke(cli, ["serve", "--db", web_db, "--get", "/api/stories/nope"]).exit_code == 1
    missing = CliRunner().invoke(cli, ["serve", "--db", web_db + ".missing", "--get", "/"])
    assert missing.exit_code == 1 and "no such database" in missing.output
