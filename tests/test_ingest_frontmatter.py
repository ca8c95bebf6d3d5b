"""Front matter: fields parsed by hand, the body left exactly as given."""

from __future__ import annotations

from crosswire.ingest.frontmatter import split_front_matter

DOC = """---
title: "Storm closes ports"
outlet: Coast Times
published: 2019-01-05
# a comment
tags:
  - weather
Author: someone
---

KINGSPORT - Ports along the coast  closed on Saturday.\n  Indented line kept.
"""


def test_frontmatter_fields_and_exact_body() -> None:
    front = split_front_matter(DOC, "doc.md")
    assert front.fields["title"] == "Storm closes ports"
    assert front.fields["outlet"] == "Coast Times"
    assert front.fields["published"] == "2019-01-05"
    assert front.fields["author"] == "someone"
    assert front.lines["published"] == 4
    body = DOC[front.body_start :]
    assert body == "KINGSPORT - Ports along the coast  closed on Saturday.\n  Indented line kept.\n"
    assert not front.problems


def test_frontmatter_absent_or_unclosed_leaves_text_whole() -> None:
    for text in ("Plain report.\n", "---\ntitle: x\nno closing fence\n", "---\nJust a rule\n---\nText\n",
                 "----\ntitle: x\n---\nText"):
        front = split_front_matter(text, "t.txt")
        assert front.body_start == 0 and not front.fields, text


def test_frontmatter_bad_line_is_reported_with_its_line_number() -> None:
    front = split_front_matter("---\ntitle: ok\nthis is not a field\n---\nBody", "t.txt")
    assert front.fields == {"title": "ok"}
    assert [(p.line, p.kind) for p in front.problems] == [(3, "invalid")]


def test_frontmatter_crlf_line_endings() -> None:
    text = "---\r\nid: r1\r\n---\r\n\r\nBody line\r\n"
    front = split_front_matter(text, "t.txt")
    assert front.fields == {"id": "r1"}
    assert text[front.body_start :] == "Body line\r\n"
