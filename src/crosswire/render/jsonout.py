"""JSON output: the contract itself, validated against the shipped schema in the tests."""

from __future__ import annotations

import json
from collections.abc import Mapping

from crosswire.render import renderer


@renderer("json")
def render_json(briefing: dict, texts: Mapping[str, str]) -> str:
    return json.dumps(briefing, ensure_ascii=False, indent=2) + "\n"
