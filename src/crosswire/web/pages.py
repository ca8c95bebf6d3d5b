"""The pages for people: server-rendered HTML that needs no script, every item linked to the exact
span of the report it came from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from crosswire.service import Service
from crosswire.web.listing import StoryQuery, list_stories
from crosswire.web.marks import cited_mark, item_marks, pieces
from crosswire.web.params import Name, story_query
from crosswire.web.views import story_view

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
# Statements and mentions the entity page shows of a name before "show all".
SHOWN_FINDS = 25
SPAN = r"^\d{1,9}-\d{1,9}$"


def _service(request: Request) -> Service:
    return request.app.state.services.get()


def _page(request: Request, template: str, **context: object) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, {"params": dict(request.query_params),
                                                                        **context})


@router.get("/")
@router.get("/stories")
def stories_page(request: Request, query: Annotated[StoryQuery, Depends(story_query)]) -> HTMLResponse:
    """The stories, filtered, sorted and paged; a search also lists its best matching reports."""
    return _page(request, "stories.html", page=list_stories(_service(request), request.app.state.cache, query))


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str, full: bool = False) -> HTMLResponse:
    """One story's briefing as its digest (``?full=1``: everything)."""
    (story,) = request.app.state.cache.brief(_service(request), [story_id])
    return _page(request, "story.html", view=story_view(story, full), full=full)


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str,
                 hl: Annotated[str | None, Query(pattern=SPAN)] = None) -> HTMLResponse:
    """One report, its text as given, every item found in it marked; ``hl=START-END`` marks a cited span."""
    service = _service(request)
    article = service.article(article_id)
    analysis = service.analysis(article_id)
    marks = item_marks(analysis)
    if hl:
        marks.append(cited_mark(*map(int, hl.split("-"))))
    return _page(request, "article.html", article=article, analysis=analysis, pieces=pieces(article.text, marks),
                 stories=service.story_ids_for([article_id]))


@router.get("/entities")
def entity_page(request: Request, name: Name, full: bool = False) -> HTMLResponse:
    """Every story, statement and mention of a name across the collection (each list bounded unless ``full``)."""
    service = _service(request)
    limit = None if full else SHOWN_FINDS + 1  # one more than shown tells whether there are more
    return _page(request, "entity.html", name=name, full=full, shown=SHOWN_FINDS,
                 stories=request.app.state.cache.stories(service, name), statements=service.statements(name, limit),
                 mentions=service.mentions(name, limit))


@router.get("/docs")
def docs_page(request: Request) -> HTMLResponse:
    """The API docs (Swagger UI), every script and style served by the app, none inline."""
    return _page(request, "docs.html")
