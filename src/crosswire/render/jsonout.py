"""JSON output: the contract itself, validated against the shipped schema in the tests.

Characters are kept as given (control characters included: JSON escapes them). A lone surrogate
(possible in a Python string, e.g. from a JSON "\\ud800" escape, but not in UTF-8) is written as its
``\\uXXXX`` escape, which is valid JSON and reads back as the same string (a high and a low one
side by side read back as the character they pair to), so the output always encodes as UTF-8.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from crosswire.model import Briefing
from crosswire.render import renderer

_SURROGATE = re.compile("[\ud800-\udfff]")


@renderer("json")
def render_json(briefing: Briefing, texts: Mapping[str, str], *, full: bool = True) -> str:
    """The documented contract: always every item (``full`` is accepted and has no effect)."""
    out = json.dumps(briefing.to_json(), ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", out)
