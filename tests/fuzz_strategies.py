"""Hypothesis strategies shared by the fuzz suites: hostile strings, corpus-form text, and the
records, lines and files built from them.

Hostile pieces are what real inputs throw at each stage: markup for every renderer (rich, HTML,
Markdown), terminal escape codes, byte-level damage, and letters whose case mapping changes
length, which is what breaks one-for-one re-casing.
"""

from __future__ import annotations

import codecs
import json

from hypothesis import settings
from hypothesis import strategies as st

# Markup and escape codes aimed at each renderer; each must come out as inert text.
MARKUP = (
    "[/]", "[bold]", "[link=https://evil.example]click[/link]", "[red", "\\[x]",
    "\x1b[2J", "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\", "\x1bc", "\x9b31m", "\r",
    "<script>alert(1)</script>", '"><svg onload=alert(1)>', "<img src=x onerror=alert(1)>",
    "](javascript:alert(1))", "[x](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>",
    "<!--", "]]>", "&lt;script&gt;", "| --- |", "`code`", "**", "_", "#", "> ", "\u202e", "\u200b",
    "\ufeff", "{0}", "%s", "${x}", "\\", "'", '"',
)
# Letters whose lower or upper case has another length, or no round trip.
ODD_LETTERS = ("ß", "İ", "ı", "ﬁ", "ﬀ", "ŉ", "ǅ", "ſ", "K", "Ω", "ẞ", "ΐ", "ǰ")
# Tokens of the treebank corpus form: clitics, PTB quotes and brackets, punctuation runs.
CORPUS_TOKENS = (
    "n't", "'s", "'re", "'ll", "'d", "'m", "``", "''", "'", '"', "-LRB-", "-RRB-", "-lrb-", "(", ")",
    "[", "]", "{", "}", ",", ".", "...", "..", "…", ";", ":", "!", "?", "?!", "%", "$", "£", "#",
    "--", "-", "—", "u.s.", "a.m.", "e.g.", "col.", "mr.", "no.", "1,200", "10:30", "3.5",
)
WORDS = (
    "the", "dam", "gave", "way", "on", "monday", "officials", "said", "lena", "moor", "told",
    "reuters", "national", "water", "authority", "may", "march", "i", "us", "who", "raqqa", "syria",
)
# Whitespace as it separates tokens, including characters str.split treats as spaces.
SEPARATORS = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", " \n ", "\xa0", "\u2028", "\x0c")

# Characters that make decode call a whole file binary (C0 controls but tab, line breaks and ESC;
# DEL): a documented whole-file judgement, so good records avoid them and bad bytes bring them.
BINARY_CHARS = "".join(map(chr, [*range(0, 9), *range(14, 27), *range(28, 32), 127]))
text_chars = st.characters(codec="utf-8", exclude_characters=BINARY_CHARS)


def share(fraction: float) -> settings:
    """The loaded profile's example count scaled by ``fraction``: a slow property runs fewer."""
    return settings(max_examples=max(1, round(settings.default.max_examples * fraction)))


plain_words = st.text(st.characters(categories=("Ll", "Lu", "Lt", "Nd")), min_size=1, max_size=8)
# Words and initialisms ("u.s.", "ß.ﬁ.") spelt with odd letters among plain ones.
odd_words = st.text(st.sampled_from("abcdeilrstu" + "".join(ODD_LETTERS)), min_size=1, max_size=8)
initialisms = st.lists(st.sampled_from("abcdeilrstu" + "".join(ODD_LETTERS)), min_size=2, max_size=4
                       ).map(lambda letters: "".join(f"{c}." for c in letters))
# A number then a very long word (a URL, an encoded blob run into the text): a pattern that lets a word
# split into pieces backtracks in polynomial time over it (the rate after a figure did: minutes at 5,000).
long_word = st.integers(min_value=200, max_value=4000).map(lambda n: f"12 {'x' * n}")
hostile_piece = st.one_of(
    st.sampled_from(MARKUP), st.sampled_from(ODD_LETTERS), st.sampled_from(WORDS), plain_words,
    odd_words, initialisms, st.text(text_chars, max_size=6), long_word,
)


@st.composite
def joined(draw: st.DrawFn, pieces: st.SearchStrategy[str], min_size: int = 0, max_size: int = 30) -> str:
    """Pieces with a separator drawn between each pair."""
    parts = draw(st.lists(pieces, min_size=min_size, max_size=max_size))
    out = parts[:1]
    for part in parts[1:]:
        out += [draw(st.sampled_from(SEPARATORS)), part]
    return "".join(out)


hostile_text = joined(hostile_piece)
# Text that has words in it (a record's text must not be blank to be an article).
good_text = st.builds(lambda word, rest: f"{word} {rest}", st.sampled_from(WORDS), hostile_text)
corpus_text = joined(st.one_of(st.sampled_from(CORPUS_TOKENS), st.sampled_from(WORDS), odd_words,
                               initialisms, plain_words.map(str.lower)), max_size=60)
# Text for restore: the corpus form, lowercased prose, anything at all.
restorable_text = st.one_of(corpus_text, hostile_text.map(str.lower), hostile_text, st.text())
metadata_value = st.one_of(st.none(), hostile_text, st.integers(), st.booleans(),
                           st.sampled_from(["2017-10-16", "2017-02-30", "16 Oct 2017", ""]))

# Byte-level damage: not text, or not the text's encoding.
BAD_BYTES = (
    b"\x00", b"\xff\xfe\x00", b"\xc3", b"\xe2\x82", b"caf\xe9", b"\x80\x81\x8d\x8f",
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, "naïve".encode("utf-16-le"), b"\x07\x1b]0;owned\x07",
    b"\xed\xa0\x80",
)
bad_bytes = st.lists(st.one_of(st.sampled_from(BAD_BYTES), st.binary(max_size=8)), min_size=1,
                     max_size=4).map(b"".join)


def good_record(text: str, title: str | None = None) -> dict:
    return {"text": text} if title is None else {"text": text, "title": title}


# A JSON line that is not a good article record: malformed, not an object, no or empty text,
# deep nesting, a huge line, markup-only fields.
bad_json_line = st.one_of(
    st.sampled_from([
        "{", "[", "}", "null", "1", '"text"', "[]", '{"text": 5}', '{"text": ""}', '{"text": " \\n"}',
        '{"title": "no text"}', '{"text": null}', '{"text": ["a"]}', "[" * 100_000,
        '{"a":' * 50_000, "{\"text\": \"" + "x" * 300_000, "\ufeff{}", "\\", "NaN",
    ]),
    st.text(text_chars, max_size=20).map(lambda s: s.replace("\n", " ")),
    st.dictionaries(st.sampled_from(["title", "outlet", "id", "url", "published"]), metadata_value)
    .map(json.dumps),
)
