"""Undo corpus tokenization ("crews , the nwa said ." -> "crews, the nwa said.").

Only whitespace between tokens and the backslash of a treebank escape ("\\/", "\\*") are dropped,
never a character inserted or moved, so every reading character has one origin in the text as given
and offsets map back exactly. The decision is made per gap between two whitespace-separated tokens,
from the tokens on either side.
"""

from __future__ import annotations

import re

# Tokens that attach to the token before: closing punctuation ("," ")" "%" ".'"), but not an
# ellipsis, which stands between words; clitics split off by treebank tokenizers.
_ATTACH_LEFT = re.compile(r"[,.;:!?%)\]}”’»]+|['’](?:s|re|ve|ll|d|m|t)|n['’]t|''",
                          re.IGNORECASE)
_ELLIPSIS = re.compile(r"\.{2,}|…")
# Tokens that attach to the token after: opening brackets and quotes, currency signs.
_ATTACH_RIGHT = re.compile(r"[(\[{“‘«$£€¥#]+|``")
_STRAIGHT_QUOTE = '"'
# Treebank escapes: "\/" and "\*" stand for "/" and "*" ("John Edwards\/EPA" is a name and a credit).
_ESCAPE = re.compile(r"\\(?=[/*])")
_TOKEN = re.compile(r"\S+")


def _attaches_left(token: str, closing_quote: bool) -> bool:
    if token == _STRAIGHT_QUOTE:
        return closing_quote
    return bool(_ATTACH_LEFT.fullmatch(token)) and not _ELLIPSIS.fullmatch(token)


def _attaches_right(token: str, opening_quote: bool) -> bool:
    if token == _STRAIGHT_QUOTE:
        return opening_quote
    return bool(_ATTACH_RIGHT.fullmatch(token))


def detokenize(text: str) -> tuple[str, list[int]]:
    """The reading text and, for each of its characters, its offset in ``text``.

    Within a line, a gap between tokens keeps one space unless a token attaches across it; a
    gap with line breaks keeps just the line breaks. Straight double quotes alternate between
    opening and closing within a paragraph.
    """
    out: list[str] = []
    origins: list[int] = []

    def keep(start: int, end: int) -> None:  # slices, not characters: a long report has 100,000
        out.append(text[start:end])
        origins.extend(range(start, end))

    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text, list(range(len(text)))
    keep(0, tokens[0].start())  # leading whitespace is kept as given
    left: dict[str, bool] = {}  # whether a token attaches to the one before, by token (outside quotes)
    right: dict[str, bool] = {}
    quotes_open = False
    for k, tok in enumerate(tokens):
        end = tok.end()
        word = tok.group()
        at = tok.start()
        if "\\" in word:
            for escape in _ESCAPE.finditer(text, at, end):
                keep(at, escape.start())
                at = escape.end()
        keep(at, end)
        if word == _STRAIGHT_QUOTE:
            quotes_open = not quotes_open
        if k + 1 == len(tokens):
            keep(end, len(text))  # trailing whitespace is kept as given
            break
        following = tokens[k + 1]
        gap = text[end:following.start()]
        if "\n" in gap:
            for i, c in enumerate(gap, start=end):
                if c == "\n":
                    keep(i, i + 1)
            if gap.count("\n") > 1:
                quotes_open = False  # a paragraph ends; an unclosed quote does not carry over
            continue
        nxt = following.group()
        if word == _STRAIGHT_QUOTE:
            attached = quotes_open
        elif (attached := right.get(word)) is None:
            attached = right[word] = _attaches_right(word, False)
        if not attached:
            if nxt == _STRAIGHT_QUOTE:
                attached = quotes_open
            elif (attached := left.get(nxt)) is None:
                attached = left[nxt] = _attaches_left(nxt, False)
        if not attached:
            keep(end, end + 1)
    return "".join(out), origins
