"""The app factory: one FastAPI app over the store at a location, pages and API, every asset served
by the app itself (no CDN: a reader behind a firewall sees the same page)."""

from __future__ import annotations

from pathlib import Path

from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from crosswire import __version__
from crosswire.service import Service
from crosswire.web import api, errors, pages
from crosswire.web.cache import ReadCache
from crosswire.web.security import SecurityHeaders
from crosswire.web.services import ThreadServices
from crosswire.web.templating import templates

STATIC = Path(__file__).parent / "static"
DOCS_PATH = "/docs"
# Largest request body ``POST /api/articles`` reads (bytes): a batch of a few hundred reports.
DEFAULT_MAX_BODY = 5 * 1024 * 1024


def create_app(location: str, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPIOffline:
    """The app over the store at ``location`` (a SQLite path or ``postgresql://`` URL), which must exist
    (``StoreError`` otherwise, before anything is served). ``token``: the bearer token that lets
    ``POST /api/articles`` add reports (None: read-only); ``max_body``: its largest body in bytes."""
    with Service(location) as service:
        service.stories()  # opens the store once: a missing or foreign database fails here, not per request
    # FastAPIOffline serves Swagger UI's files; its docs page has an inline script, which the policy
    # forbids, so the page is ours (pages.docs_page) and loads a script file instead.
    app = FastAPIOffline(title="crosswire", version=__version__, docs_url=None, redoc_url=None,
                         description="Stories, briefings, search and the analyst's queries over one crosswire "
                                     "store. Errors: `{\"error\": {\"code\", \"message\"}}`.")
    app.state.services = ThreadServices(location)
    app.state.cache = ReadCache()
    app.state.templates = templates()
    app.state.token = token
    app.state.max_body = max_body
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    errors.install(app)
    app.add_middleware(SecurityHeaders, docs_path=DOCS_PATH)
    return app
