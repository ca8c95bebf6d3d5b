"""Undo corpus tokenization ("crews , the nwa said ." -> "crews, the nwa said.").

Only whitespace between tokens is dropped, never a character inserted or moved, so every reading
character has one origin in the text as given and offsets map back exactly. The decision is made
per gap between two whitespace-separated tokens, from the tokens on either side.
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

    def keep(i: int) -> None:
        out.append(text[i])
        origins.append(i)

    tokens = list(re.finditer(r"\S+", text))
    if not tokens:
        return text, list(range(len(text)))
    for i in range(tokens[0].start()):  # leading whitespace is kept as given
        keep(i)
    quotes_open = False
    for k, tok in enumerate(tokens):
        for i in range(tok.start(), tok.end()):
            keep(i)
        word = tok.group()
        if word == _STRAIGHT_QUOTE:
            quotes_open = not quotes_open
        gap_end = tokens[k + 1].start() if k + 1 < len(tokens) else len(text)
        gap = range(tok.end(), gap_end)
        if k + 1 == len(tokens):
            for i in gap:  # trailing whitespace is kept as given
                keep(i)
            break
        breaks = [i for i in gap if text[i] == "\n"]
        if breaks:
            for i in breaks:
                keep(i)
            if len(breaks) > 1:
                quotes_open = False  # a paragraph ends; an unclosed quote does not carry over
            continue
        nxt = tokens[k + 1].group()
        opening = word == _STRAIGHT_QUOTE and quotes_open
        closing = nxt == _STRAIGHT_QUOTE and quotes_open
        if not (_attaches_right(word, opening) or _attaches_left(nxt, closing)):
            keep(tok.end())
    return "".join(out), origins
