"""``crosswire serve``: the app under uvicorn, in one process or several.

One Python process spends its CPU on one request at a time (the GIL), so a page that fuses a new
briefing or renders a long report holds up every other request; ``workers`` processes answer side
by side, one core each. uvicorn starts each worker afresh, so a worker builds its own app from the
environment its parent set (``app_from_environment``). Every worker checks what it keeps against the
store (``web.cache``): what one worker stores, the others show at once.
"""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from crosswire.web.app import create_app

TOKEN_ENV = "CROSSWIRE_TOKEN"
# What a worker reads its store and body limit from (its parent sets them; the token is the user's own).
DB_ENV = "CROSSWIRE_SERVE_DB"
MAX_BODY_ENV = "CROSSWIRE_SERVE_MAX_BODY"


def serve(app: FastAPI, location: str, *, host: str, port: int, max_body: int, workers: int) -> None:
    """Serve ``app`` (built over ``location``) until interrupted; with several ``workers``, each builds
    its own app over the same store (``app`` then only checked the store could be opened)."""
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ.update({DB_ENV: location, MAX_BODY_ENV: str(max_body)})
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


def app_from_environment() -> FastAPI:
    """The app of one worker process, over the store and with the limits its parent was given."""
    return create_app(os.environ[DB_ENV], token=os.environ.get(TOKEN_ENV) or None,
                      max_body=int(os.environ[MAX_BODY_ENV]))
