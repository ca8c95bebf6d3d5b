"""One error shape for every bad request: ``{"error": {"code": ..., "message": ...}}`` with the HTTP
status, on every API route; pages show the same code and message as an HTML page.

    ApiError(status, code, message)   raised by routes (401/403 token, 413 too large, 415, 422 no article)
    NotFound (crosswire.errors)       404 unknown story or article
    RequestValidationError            422 a parameter of the wrong type or out of range
    HTTPException (Starlette)         404 unknown path, 405 wrong method
    any other exception               500, logged with its traceback, its text never shown
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from crosswire.errors import CrosswireError, NotFound
from crosswire.render.common import shown

LOGGER = logging.getLogger(__name__)
API_PREFIX = "/api/"
# Error codes by status where a route gives none of its own.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error"}


class ApiError(Exception):
    """A bad request a route refuses, with the status, a stable code and a message saying how to fix it."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _respond(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
             ) -> Response:
    """JSON on the API and to any client but a browser; an HTML page off the API for a browser (one that
    accepts text/html)."""
    if request.url.path.startswith(API_PREFIX) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "code": code, "message": message,
                                                              "reason": HTTPStatus(status).phrase, "params": {}},
                                      status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """Each bad parameter with what was wrong with it: "per_page: Input should be less than or equal to 100"."""
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body", "header")]
        parts.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    """Route every error an app can meet through ``_respond``."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _respond(request, 404, "not_found", shown(str(exc)))

    @app.exception_handler(CrosswireError)
    async def crosswire_error(request: Request, exc: CrosswireError) -> Response:
        return _respond(request, 400, "bad_request", shown(str(exc)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _respond(request, 422, "invalid_parameter", _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _respond(request, exc.status_code, code, f"{message}: {request.url.path}" if exc.status_code == 404
                        else message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        LOGGER.exception("%s %s failed", request.method, request.url.path)
        return _respond(request, 500, "internal_error", "the server failed on this request; it is logged")
