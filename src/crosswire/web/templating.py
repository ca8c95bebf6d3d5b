"""The Jinja2 environment of the pages: autoescaping on for every template (article text is data,
never markup; no template marks data safe), undefined names an error, and the helpers templates
use to build links, so every URL is built in one place and quoted the same way."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi.templating import Jinja2Templates

from crosswire.render.common import Cited, figure_value, published, shown, value_text
from crosswire.render.digest import SHOWN_CITATIONS
from crosswire.web.marks import span_id

TEMPLATES = Path(__file__).parent / "templates"


def story_href(story_id: str, **params: object) -> str:
    return f"/stories/{quote(story_id, safe='')}" + _query(params)


def article_href(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def item_href(item_id: str) -> str:
    """The article page at a briefing item ("<article>:q3" → /articles/<article>#q3)."""
    article_id, _, n = item_id.rpartition(":")
    return f"{article_href(article_id)}#{n}"


def span_href(item: Cited) -> str:
    """The article page with a span marked and scrolled to (summary citations, timeline entries, finds)."""
    return f"{article_href(item.article)}?hl={item.start}-{item.end}#{span_id(item.start, item.end)}"


def entity_href(name: str) -> str:
    return "/entities" + _query({"name": name})


def web_url(url: str | None) -> str | None:
    """A report's own address, only when it is http(s): a "url" may hold anything (javascript:, data:)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _query(params: dict[str, object]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return "?" + urlencode(kept) if kept else ""


def with_params(params: dict[str, object], **changes: object) -> str:
    """This page's query string with some parameters changed (pagination, sorting, "show all")."""
    return _query({**params, **changes})


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(story_href=story_href, article_href=article_href, item_href=item_href, span_href=span_href,
                       entity_href=entity_href, web_url=web_url, with_params=with_params,
                       SHOWN_CITATIONS=SHOWN_CITATIONS)
    env.filters.update(shown=shown, figure_value=figure_value, value_text=value_text, published=published)
    return Jinja2Templates(env=env)
