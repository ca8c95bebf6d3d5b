"""The web front end: server-rendered pages for people and a JSON API for programs, both over
``crosswire.service`` (never the store). ``crosswire serve`` runs it; ``create_app`` builds it."""

from __future__ import annotations

from crosswire.web.app import create_app

__all__ = ["create_app"]
