"""Query parameters the pages and the API share, declared once so both validate them alike (a bad
value is a 422 with the error shape) and the API docs describe them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator, StringConstraints

from crosswire.web.listing import DEFAULT_PER_PAGE, MAX_PER_PAGE, Sort, StoryQuery

# Longest text a query parameter may carry (a name, words to search for).
MAX_QUERY_CHARS = 500
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50


def _blank_is_none(value: object) -> object:
    """An empty form field means "no filter", not a bad value."""
    return None if isinstance(value, str) and not value.strip() else value


Text = Annotated[Annotated[str, StringConstraints(max_length=MAX_QUERY_CHARS)] | None,
                 BeforeValidator(_blank_is_none)]
Date = Annotated[dt.date | None, BeforeValidator(_blank_is_none)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items listed, in ingest order.")]


def story_query(
    q: Annotated[Text, Query(description="Words (and \"quoted phrases\") a report "
                                                                       "of the story holds.")] = None,
    entity: Annotated[Text, Query(description="A name the story mentions, any "
                                                                            "spelling.")] = None,
    outlet: Annotated[Text, Query(description="An outlet that reported it.")] = None,
    since: Annotated[Date, Query(alias="from", description="Reported on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Date, Query(alias="to", description="Reported on or before (YYYY-MM-DD).")] = None,
    sort: Annotated[Sort, Query(description="recent: latest report first; size: most reports first.")] = "recent",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = DEFAULT_PER_PAGE,
) -> StoryQuery:
    return StoryQuery(q=q and q.strip(), entity=entity and entity.strip(), outlet=outlet and outlet.strip(),
                      since=since, until=until, sort=sort, page=page, per_page=per_page)


Name = Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="A name, any spelling, full "
                                                                                   "or in part.")]
