"""Headers that make every page safe by construction, whatever a report holds.

Pages carry no script at all and style only from ``/static``; the policy says so, so that markup
slipping through escaping (it should not: Jinja2 autoescapes everything) still could not run, load
anything from elsewhere or be framed. Only the API docs page runs scripts, Swagger UI's, all served
by the app; Swagger UI sets inline style attributes and draws data: images, so that page alone
allows them.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("img-src 'self'",
                                                                                      "img-src 'self' data:")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY")]


class SecurityHeaders:
    """ASGI middleware adding the policy and hardening headers to every HTTP response."""

    def __init__(self, app: ASGIApp, docs_path: str):
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = (DOCS_CSP if scope["path"] == self.docs_path else CSP).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", policy), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
