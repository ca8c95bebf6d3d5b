"""HTML: main text and metadata out; scripts, handlers and broken markup never crash or leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest.html import extract_html

HOSTILE = Path(__file__).parent / "fixtures" / "ingest" / "hostile.html"


def test_html_main_text_and_metadata() -> None:
    document = extract_html(HOSTILE.read_text(encoding="utf-8"))
    assert document is not None
    assert document.title == "Bridge reopens after repairs"
    assert document.outlet == "Harbour Gazette"
    assert document.published == "2022-06-14"
    assert document.text.startswith("HARBOURTON - ")  # the repeated headline is dropped
    assert "3.4 million dollars" in document.text
    assert "Home" not in document.text.split("\n")  # navigation is page furniture


def test_html_never_keeps_scripts_handlers_or_javascript_urls() -> None:
    document = extract_html(HOSTILE.read_text(encoding="utf-8"))
    assert document is not None
    for payload in ("PAYLOAD", "alert", "document.write", "color: red", "<", "onerror"):
        assert payload not in document.text
    assert document.url is None


@pytest.mark.parametrize(
    "markup",
    [
        "<p>unclosed <b>bold <div>The council met on Friday and <i>agreed the budget",
        "<html><body><table><tr><td>Cell text about the vote</td></html></table>",
        "<<<>>> <p>Stray brackets before a short sentence about rain.</p>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared XML text about a fair.</p></body></html>',
    ],
)
def test_html_malformed_markup_still_gives_text(markup: str) -> None:
    document = extract_html(markup)
    assert document is not None and document.text.strip()
    for tag in ("<p", "<b", "<div", "<i>", "<td", "<?xml", "</"):
        assert tag not in document.text


def test_html_fallback_drops_script_content() -> None:
    markup = "<div><script>var SECRET = 1;</script>Short note.<style>p{}</style><span onclick='x()'>Ok.</span></div>"
    document = extract_html(markup)
    assert document is not None
    assert "SECRET" not in document.text and "p{}" not in document.text and "x()" not in document.text
    assert "Short note." in document.text and "Ok." in document.text


@pytest.mark.parametrize("markup", ["", "   ", "<html></html>", "<script>alert(1)</script>", "<!-- only -->"])
def test_html_without_text_gives_none(markup: str) -> None:
    assert extract_html(markup) is None


def test_html_control_characters_are_dropped_not_fatal() -> None:
    document = extract_html("<p>Hello \x01world\x0b, a report.</p>!<script></script>\x01")
    assert document is not None and document.text.startswith("Hello world, a report.")
