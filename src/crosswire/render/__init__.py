"""Renderers turn a briefing (``model.Briefing``) into text for people or programs.

Each is registered by name with ``@renderer(name)``, the same way an outside renderer would be.
A renderer takes the briefing, the article texts (for evidence snippets) and ``full`` (show every
item, not only each section's most important: see ``render.digest``; JSON always holds everything)
and returns a string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from crosswire.model import Briefing

Renderer = Callable[..., str]  # (briefing, texts, *, full=False) -> str
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[name] = func
        return func
    return register


def render(name: str, briefing: Briefing, texts: Mapping[str, str] | None = None, *, full: bool = False) -> str:
    """Render ``briefing`` with the renderer registered as ``name`` (``full``: every item of every section)."""
    _load_builtin()
    return RENDERERS[name](briefing, texts or {}, full=full)


def names() -> list[str]:
    _load_builtin()
    return sorted(RENDERERS)


def _load_builtin() -> None:
    from crosswire.render import html, jsonout, markdown, terminal  # noqa: F401  (registration)
