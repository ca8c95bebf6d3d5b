"""Renderers turn a briefing (``model.Briefing``) into text for people or programs.

Each is registered by name with ``@renderer(name)``, the same way an outside renderer would be.
A renderer takes the briefing and the article texts (for evidence snippets) and returns a string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from crosswire.model import Briefing

Renderer = Callable[[Briefing, Mapping[str, str]], str]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[name] = func
        return func
    return register


def render(name: str, briefing: Briefing, texts: Mapping[str, str] | None = None) -> str:
    """Render ``briefing`` with the renderer registered as ``name``."""
    _load_builtin()
    return RENDERERS[name](briefing, texts or {})


def names() -> list[str]:
    _load_builtin()
    return sorted(RENDERERS)


def _load_builtin() -> None:
    from crosswire.render import html, jsonout, markdown, terminal  # noqa: F401  (registration)
