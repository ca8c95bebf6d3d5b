"""The JSON API: what the pages show, for programs, in the same shapes as the CLI's ``--format json``
(schemas in ``crosswire/schema/``: ``briefing.schema.json`` for a story, ``api.schema.json`` for the
rest), and ``POST /api/articles`` to add reports when the server has a token."""

from __future__ import annotations

import hmac
import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from crosswire.errors import InputError
from crosswire.model import Briefing, to_dict
from crosswire.service import Service
from crosswire.web.errors import ApiError, error_body
from crosswire.web.listing import StoryQuery, list_stories
from crosswire.web.marks import item_marks
from crosswire.web.params import DEFAULT_LIMIT, MAX_QUERY_CHARS, Limit, Name, story_query

ERRORS = {status: {"description": about, "content": {"application/json": {"example": error_body(code, about)}}}
          for status, code, about in ((404, "not_found", "No such story or article."),
                                      (422, "invalid_parameter", "A parameter is missing, mistyped or out of range."))}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
INGEST_TYPES = ("application/json", "application/x-ndjson", "application/jsonl")


def _service(request: Request) -> Service:
    return request.app.state.services.get()


@router.get("/stories")
def stories(request: Request, query: Annotated[StoryQuery, Depends(story_query)]) -> dict:
    """Stories filtered, sorted and paged, each as `crosswire stories --format json` lists it, with
    `conflicts` (some comparison of its figures is a conflict)."""
    page = list_stories(_service(request), request.app.state.cache, query)
    return {"stories": [{**s.row.to_json(), "conflicts": s.conflicts} for s in page.stories],
            "total": page.total, "page": query.page, "per_page": query.per_page}


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str) -> dict:
    """One story's briefing: the JSON contract of `crosswire brief --format json` (`{"stories": [one]}`)."""
    return Briefing(tuple(request.app.state.cache.brief(_service(request), [story_id]))).to_json()


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
           limit: Limit = DEFAULT_LIMIT) -> dict:
    """The articles holding every word and "quoted phrase" of `q`, best first."""
    return {"hits": [h.to_json() for h in _service(request).search(q, limit)]}


@router.get("/statements")
def statements(request: Request, speaker: Name, limit: Limit = DEFAULT_LIMIT) -> dict:
    """What `speaker` said (any spelling, full or partial name), in ingest order."""
    return {"statements": [s.to_json() for s in _service(request).statements(speaker, limit)]}


@router.get("/figures")
def figures(request: Request, quantity: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
            limit: Limit = DEFAULT_LIMIT) -> dict:
    """The figures counting `quantity` ("fighters", "percent"), in ingest order."""
    return {"figures": [f.to_json() for f in _service(request).figures(quantity, limit)]}


@router.get("/mentions")
def mentions(request: Request, name: Name, limit: Limit = DEFAULT_LIMIT) -> dict:
    """The mentions that may name `name` (any spelling, full or partial name), in ingest order."""
    return {"mentions": [m.to_json() for m in _service(request).mentions(name, limit)]}


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> dict:
    """One report: its text as given, its stories, and every item found in it with the fragment id its
    article page gives it (`/articles/ID#q3`)."""
    service = _service(request)
    found = service.article(article_id)
    marks = item_marks(service.analysis(article_id))
    return {"article": {"id": found.id, "title": found.title, "outlet": found.outlet,
                        "published": to_dict(found.published), "url": found.url, "text": found.text},
            "stories": service.story_ids_for([article_id]),
            "items": [{"id": m.id, "kind": m.kind, "start": m.start, "end": m.end, "about": m.title}
                      for m in marks if m.id]}


def _authorise(request: Request) -> None:
    """Writes need the server's token (``$CROSSWIRE_TOKEN``) as a bearer token; none set: read-only."""
    token = request.app.state.token
    if not token:
        raise ApiError(403, "read_only", "this server is read-only: start it with CROSSWIRE_TOKEN set to accept "
                                         "articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "send the server's token as 'Authorization: Bearer TOKEN'",
                       {"WWW-Authenticate": "Bearer"})


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) once it passes ``limit`` bytes, declared or streamed."""
    too_large = ApiError(413, "too_large", f"the body is over the server's limit of {limit} bytes; send fewer "
                                           "articles per request")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/articles", status_code=201, dependencies=[Depends(_authorise)], responses={
    200: {"description": "Every article was already stored."}, 401: {"description": "Missing or wrong token."},
    403: {"description": "Read-only server (no CROSSWIRE_TOKEN)."}, 413: {"description": "Body too large."}})
async def ingest(request: Request) -> JSONResponse:
    """Add one article (a JSON object: `text` required; `id`, `title`, `outlet`, `published`, `url`
    optional), a JSON list of them, or a JSON Lines batch (`application/x-ndjson`). Returns the ingest
    report (stored, duplicates, renamed, problems): 201 when something was stored, 200 when all was
    already there, 422 when no article could be read."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in INGEST_TYPES:
        raise ApiError(415, "unsupported_media_type", f"send {' or '.join(INGEST_TYPES)}, not {media or 'no type'}")
    body = await _body(request, request.app.state.max_body)
    try:
        report = await run_in_threadpool(lambda: _service(request).ingest(["-"], stdin=io.BytesIO(body),
                                                                          max_bytes=request.app.state.max_body))
    except InputError:
        raise ApiError(422, "no_article", "the body holds no article; send {\"text\": ...}") from None
    if not report.article_ids:
        raise ApiError(422, "no_article", "; ".join(str(p) for p in report.problems))
    return JSONResponse(report.to_dict(), status_code=201 if report.stored else 200)
