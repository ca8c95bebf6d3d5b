"""Article text is data in every renderer: hostile reports render inert, and quotes keep their brackets.

The reports are ingested for real, so every field a renderer shows (title, outlet, id, text, quotes,
timeline, summary, figures) carries the hostile strings the way a user's files would bring them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import string
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from crosswire.cli import cli
from crosswire.jobs import ingest_articles
from crosswire.model import Briefing, StoryRow
from crosswire.model import Article
from crosswire.render import render
from crosswire.render.common import shown
from crosswire.render.digest import digest
from crosswire.render.terminal import render_story_list, render_terminal
from crosswire.service import Service
from crosswire.store import Store

pytestmark = pytest.mark.slow

QUOTE = "We will not [sic] accept this, and [the president] knows it"
LINK = "[link=https://evil.example]click[/link]"
# Strings with a meaning to rich, a terminal, HTML or Markdown, and what a person must be shown of each.
SHOWN = ["[/]", LINK, "[bold red]x", "<script>alert(1)</script>", '"><svg onload=alert(1)>',
         "](javascript:alert(1))", "[x](javascript:alert(1))", "<javascript:alert(1)>", "`", "|", "*a* _b_ ~c~",
         "&lt;b&gt;", "# not a heading", ":smile:"]
CONTROLS = ["\x1b[2J", "\x1b]8;;http://evil\x07", "\x00", "\x1b]8;;\x07", "\x9b31m"]
HOSTILE = " ".join(SHOWN + CONTROLS)
ANSI_SGR = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Each outlet's own opening (and the hostile strings in another order): the two reports are written apart,
# not a wire copy (``fuse.copies``) whose figures would be one source and never compared.
OPENINGS = {"The Harbour Workers Union": "Dock workers at Port Ellis walked out on Tuesday, the Harbour Workers "
                                         "Union said, halting cargo for some",
            "The union": "A walkout by the port's dockers left cargo waiting on Tuesday aboard roughly"}


def _report(lead: str, ships: int, extra: str) -> str:
    return (f"PORT ELLIS - {OPENINGS[lead]} {ships} ships. \"{QUOTE},\" union leader Mara Quint told reporters. "
            f"{extra} {lead} said {ships} ships were stuck on March 3, 2024.\n")


def _calm() -> list[Article]:
    """Markup that does not crash the old renderers but changes what they show."""
    return [Article(id="calm-a", text=_report("The Harbour Workers Union", 40, ""), title=f"Strike {LINK}",
                    outlet="[bold red]Wire", published=dt.date(2024, 3, 4)),
            Article(id="calm-b", text=_report("The union", 55, ""), title=f"Port strike {LINK}",
                    outlet="Herald", published=dt.date(2024, 3, 5))]


def _hostile() -> list[Article]:
    return [Article(id="a[/]`|<x>*_#" + HOSTILE[:30], text=_report("The Harbour Workers Union", 40, HOSTILE),
                    title="Strike " + HOSTILE, outlet="Out[/]let " + HOSTILE, published=dt.date(2024, 3, 4)),
            Article(id="b`` <b>|", text=_report("The union", 55, " ".join(reversed(SHOWN + CONTROLS))), title=f"Port strike {LINK} [/]",
                    outlet="Herald", published=dt.date(2024, 3, 5))]


def _briefed(articles: list[Article], store: Store) -> tuple[dict, dict[str, str]]:
    """The briefing as its JSON (for tests to alter; ``_typed`` turns it back into what renderers take)."""
    ingest_articles(articles, store)
    briefing = Service(store).brief().to_json()
    texts = {a.id: a.text for a in store.articles()}
    return briefing, texts


def _typed(briefed: tuple[dict, dict[str, str]]) -> tuple[Briefing, dict[str, str]]:
    return Briefing.from_json(briefed[0]), briefed[1]


@pytest.fixture(scope="module")
def calm() -> tuple[dict, dict[str, str]]:
    return _briefed(_calm(), Store(":memory:"))


@pytest.fixture(scope="module")
def hostile_store() -> Store:
    store = Store(":memory:")
    ingest_articles(_hostile(), store)
    return store


@pytest.fixture(scope="module")
def hostile(hostile_store: Store) -> tuple[dict, dict[str, str]]:
    """The real briefing, with the names no ingest can make hostile (entities, speakers, figure labels)
    set to the hostile string as well."""
    briefing = Service(hostile_store).brief().to_json()
    for story in briefing["stories"]:
        for entity in story["entities"]:
            entity["name"] = "E " + HOSTILE
            entity["aliases"] = [HOSTILE, "[/]"]
        for quote in story["quotes"]:
            quote["speaker"]["name"] = "S " + HOSTILE
        for figure in story["figures"]:
            figure["source"] = HOSTILE
        for comparison in story["comparisons"]:
            comparison["what"] = "W " + HOSTILE
    texts = {a.id: a.text for a in hostile_store.articles()}
    return briefing, texts


def _story_count(briefing: dict, key: str) -> int:
    return sum(len(s[key]) for s in briefing["stories"])


def test_fixtures_reach_every_section(calm, hostile):
    for briefing, _ in (calm, hostile):
        for key in ("articles", "entities", "quotes", "figures", "comparisons", "timeline", "summary"):
            assert _story_count(briefing, key), key
    assert any(QUOTE in q["reading"] for s in hostile[0]["stories"] for q in s["quotes"])


# --------------------------------------------------------------------------- terminal


def test_terminal_hostile_reports_render_without_error(hostile):
    briefing, texts = _typed(hostile)
    for color in (False, True):
        assert render_terminal(briefing, texts, color=color, width=120)
        assert render_terminal(briefing, texts, color=color, width=120, full=True)
    assert render("terminal", briefing, texts)


def test_terminal_emits_only_its_own_colour_codes(hostile):
    out = render_terminal(*_typed(hostile), color=True, width=120)
    assert "\x1b[2J" not in out and "\x1b]8;" not in out
    assert "\x1b" not in ANSI_SGR.sub("", out)
    assert not CONTROL.search(ANSI_SGR.sub("", out))


def test_terminal_shows_markup_literally(hostile):
    out = render_terminal(*_typed(hostile), color=False, width=4000, full=True)
    for literal in SHOWN:
        assert literal in out, literal


def test_terminal_quote_keeps_editorial_brackets(calm):
    out = render_terminal(*_typed(calm), color=False, width=4000)
    assert f"“{QUOTE}”" in out
    summary = next(s["text"] for s in calm[0]["stories"][0]["summary"] if QUOTE in s["text"])
    assert summary in out


def test_terminal_title_markup_is_not_a_link(calm):
    out = render_terminal(*_typed(calm), color=True, width=4000, full=True)
    assert "\x1b]8;" not in out
    assert LINK in ANSI_SGR.sub("", out)
    assert "[bold red]Wire" in ANSI_SGR.sub("", out)


# --------------------------------------------------------------------------- stories list


def test_story_list_shows_titles_literally(hostile_store):
    rows = Service(hostile_store).stories()
    out = render_story_list(rows, width=4000)
    assert LINK in out and "[/]" in out and "Out[/]let" in out
    assert not CONTROL.search(out)
    coloured = render_story_list(rows, width=120, color=True)
    assert "\x1b" not in ANSI_SGR.sub("", coloured)


def test_story_list_columns_and_empty_message():
    rows = [StoryRow("s1", 2, ("A", "B"), "2024-03-04", "2024-03-05", "Headline [/] here")]
    out = render_story_list(rows, width=200)
    for column in ("story", "reports", "outlets", "dates", "headline"):
        assert column in out
    assert "Headline [/] here" in out and "2024-03-04 – 2024-03-05" in out and "A, B" in out
    assert "no stories yet: run `crosswire ingest PATH` first" in render_story_list([], width=80)


def test_cli_stories_with_hostile_titles(tmp_path):
    db = str(tmp_path / "x.db")
    store = Store(db)
    ingest_articles(_hostile(), store)
    store.close()
    result = CliRunner(env={"COLUMNS": "4000"}).invoke(cli, ["stories", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"Port strike {LINK} [/]" in result.output
    assert "\x1b" not in result.output and "\x00" not in result.output


# --------------------------------------------------------------------------- reading rendered pages


class _Page(HTMLParser):
    """Start tags with their attributes, the text a reader sees, table cells by row and list items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self._into: list[str] | None = None  # the list whose last string the text goes to

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "li"):
            self._into = self.items if tag == "li" else self.rows[-1]
            self._into.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "li"):
            self._into = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._into is not None:
            self._into[-1] += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _assert_inert(page: _Page) -> None:
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "svg", "iframe", "img", "a"}, names
    attrs = [name for _, attrs in page.tags for name, _ in attrs]
    assert not [a for a in attrs if a.startswith("on")], attrs


def _markdown_html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


# --------------------------------------------------------------------------- Markdown


def test_markdown_strips_control_characters(hostile):
    assert not CONTROL.search(render("md", *_typed(hostile)))


@pytest.mark.parametrize("full", [False, True])
def test_markdown_renders_inert(hostile, full):
    page_html = _markdown_html(render("md", *_typed(hostile), full=full))
    assert "<script" not in page_html and "<svg" not in page_html
    assert 'href="javascript:' not in page_html and not re.search(r"<[^>]*\sonload=", page_html)
    _assert_inert(_parse(page_html))


def test_markdown_shows_every_string_as_written(hostile):
    text = "".join(_parse(_markdown_html(render("md", *_typed(hostile), full=True))).text)
    for literal in SHOWN:
        assert literal in text, literal


def test_markdown_quote_keeps_brackets(calm):
    page_html = _markdown_html(render("md", *_typed(calm)))
    assert "[sic]" in page_html and "[the president]" in page_html
    assert QUOTE in "".join(_parse(page_html).text)


def _assert_article_rows(page: _Page, briefing: dict) -> None:
    """Each report's row holds exactly its id, outlet, date and title, as shown to a person, and an empty
    "copy of" cell (the fixtures' reports are written apart)."""
    for article in (a for s in briefing["stories"] for a in s["articles"]):
        assert article["copy_of"] is None
        cells = [shown(article["id"]), shown(article["outlet"]), article["published"], shown(article["title"]), ""]
        assert cells in [[c.strip() for c in row] for row in page.rows]


def test_markdown_table_cells_stay_in_their_columns(hostile):
    page = _parse(_markdown_html(render("md", *_typed(hostile), full=True)))
    _assert_article_rows(page, hostile[0])
    headings = [tag for tag, _ in page.tags if tag in ("h1", "h2", "h3")]
    assert headings.count("h2") == len(hostile[0]["stories"])


def test_markdown_ids_never_break_out_of_code(calm):
    briefing = copy.deepcopy(calm[0])
    for story_id in ("s`1 <b>x</b> `", "``", "`a", "a`"):
        briefing["stories"][0]["id"] = story_id
        page = _parse(_markdown_html(render("md", Briefing.from_json(briefing), calm[1])))
        assert "b" not in {tag for tag, _ in page.tags}
        assert story_id in "".join(page.text)


def test_markdown_block_markers_in_text_stay_text(calm):
    briefing = copy.deepcopy(calm[0])
    starts = ["1. one", "2) two", "- dash", "+ plus", "* star", "> said", "# hash", "-- -", "<div>x</div>",
              "[ref]: http://evil.example", "    indented", "```", "~~~"]
    story = briefing["stories"][0]
    story["summary"] = [{"text": s, "citations": []} for s in starts]
    story["headline"] = "Strike ends #"
    typed = Briefing.from_json(briefing)
    page = _parse(_markdown_html(render("md", typed, calm[1])))
    tags = [tag for tag, _ in page.tags]
    speakers = len(digest(typed.stories[0]).speakers.items)  # each speaker's statements are a list
    assert tags.count("ul") == 3 + speakers and "ol" not in tags  # summary, speakers, timeline
    assert not {"blockquote", "hr", "h1", "div", "pre"} & set(tags[1:])
    text = "".join(page.text)
    assert "Strike ends #" in text
    for start in starts:
        assert start.strip() in text, start


# --------------------------------------------------------------------------- HTML


CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def test_html_renders_inert_with_csp(hostile):
    page_html = render("html", *_typed(hostile))
    page = _parse(page_html)
    _assert_inert(page)
    metas = [dict(attrs) for tag, attrs in page.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas


def test_html_strips_control_characters(hostile):
    page_html = render("html", *_typed(hostile))
    assert not CONTROL.search(page_html)
    page = _parse(page_html)
    _assert_article_rows(page, hostile[0])
    text = "".join(page.text)
    for literal in SHOWN:
        assert literal in text, literal


# --------------------------------------------------------------------------- JSON


def test_json_keeps_characters_as_given(hostile):
    briefing, texts = hostile
    assert json.loads(render("json", Briefing.from_json(briefing), texts)) == briefing


def test_json_lone_surrogate_is_valid_utf8_json(calm):
    briefing = copy.deepcopy(calm[0])
    briefing["stories"][0]["articles"][0]["title"] = "half \ud800 pair \udc80"
    out = render("json", Briefing.from_json(briefing), calm[1])
    assert json.loads(out.encode("utf-8")) == briefing



# --------------------------------------------------------------------------- any text


LINE = st.text(alphabet=st.sampled_from(string.printable[:-5] + "é“”—…\x00\x1b\x07\x9b"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(line=LINE)
def test_markdown_shows_any_text_as_written(calm, line):
    briefing = copy.deepcopy(calm[0])
    story = briefing["stories"][0]
    story["summary"] = [{"text": line, "citations": []}]
    story["comparisons"] = story["quotes"] = story["timeline"] = []
    story["articles"][0]["title"] = line
    page = _parse(_markdown_html(render("md", Briefing.from_json(briefing), calm[1], full=True)))
    tags = [tag for tag, _ in page.tags]
    assert tags.count("li") == 1 and tags.count("code") == 1 and not {"em", "strong", "a", "img", "del"} & set(tags)
    assert page.items == [shown(line)]
    assert shown(line) in [row[3] for row in page.rows]


@settings(max_examples=200, deadline=None)
@given(line=LINE)
def test_terminal_shows_any_text_as_written(calm, line):
    briefing = copy.deepcopy(calm[0])
    briefing["stories"][0]["summary"] = [{"text": line, "citations": []}]
    out = ANSI_SGR.sub("", render_terminal(Briefing.from_json(briefing), calm[1], color=True, width=4000))
    assert "\x1b" not in out
    assert f" • {shown(line)} \n" in out


def test_html_index_anchors_and_only_web_links_to_sources(calm):
    briefing = copy.deepcopy(calm[0])
    second = copy.deepcopy(briefing["stories"][0])
    second["id"], second["headline"] = 's2"><i>x', "Second story"
    briefing["stories"].append(second)
    urls = ["https://example.org/a?x=1&y=2", "javascript:alert(1)", " data:text/html,<script>x</script>"]
    for article, url in zip(briefing["stories"][0]["articles"], urls):
        article["url"] = url
    page_html = render("html", Briefing.from_json(briefing), calm[1])
    page = _parse(page_html)
    links = [dict(attrs).get("href") for tag, attrs in page.tags if tag == "a"]
    assert "https://example.org/a?x=1&y=2" in links  # the one web address, and only it, is a link
    assert all(h.startswith("#story-") for h in links if h != "https://example.org/a?x=1&y=2")
    anchors = {dict(attrs).get("id") for tag, attrs in page.tags if tag == "h2"} - {None}
    assert {h[1:] for h in links if h.startswith("#")} == anchors and len(anchors) == 2
    assert not {"i", "script"} & {tag for tag, _ in page.tags}
