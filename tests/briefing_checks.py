"""Checks every briefing must pass: the JSON Schema, and every span reads back from its article."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema


def schema() -> dict:
    return json.loads(resources.files("crosswire").joinpath("schema/briefing.schema.json").read_text())


def assert_valid(briefing: dict) -> None:
    jsonschema.validate(briefing, schema())


def assert_spans_read_back(briefing: dict, texts: dict[str, str]) -> int:
    """Every (article, start, end) in the briefing lies inside its article; item texts match. Returns count."""
    checked = 0
    for story in briefing["stories"]:
        spans = [m for e in story["entities"] for m in e["mentions"]]
        spans += [c for s in story["summary"] for c in s["citations"]]
        for item in spans:
            text = texts[item["article"]]
            assert 0 <= item["start"] < item["end"] <= len(text), item
            checked += 1
        for key in ("quotes", "figures", "timeline"):
            for item in story[key]:
                text = texts[item["article"]]
                assert 0 <= item["start"] < item["end"] <= len(text), item
                if key != "timeline":
                    assert text[item["start"]:item["end"]] == item["text"], item
                checked += 1
        dates = [a["inferred"] for a in story["articles"] if a.get("inferred")]
        dates += [d for c in story["comparisons"] for d in c.get("inferred", ())]
        for item in (e for d in dates for e in d["evidence"] if e["kind"] == "text"):
            assert texts[item["article"]][item["start"]:item["end"]] == item["text"], item
            checked += 1
        for e in story["entities"]:
            written = {texts[m["article"]][m["start"]:m["end"]] for m in e["mentions"]}
            assert set(e["aliases"]) <= written | {e["name"]}, e
    return checked
