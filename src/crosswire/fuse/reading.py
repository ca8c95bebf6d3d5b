"""Show users readable text for any span, even of a corpus-form (lowercased, tokenized) report.

Spans always index the text as given; for a restored report the same characters are shown from
its reading text (detokenized, truecased), found through the stored offset map, with its treebank
bracket tokens and ASCII quote pairs shown as the brackets and quote marks they stand for.
"""

from __future__ import annotations

import re

from crosswire.model import Article, ArticleAnalysis
from crosswire.restore.detect import ASCII_QUOTE_MARKS, PTB_BRACKETS
from crosswire.restore.offsetmap import OffsetMap

# A bracket token with the space print leaves out: after an opening one, before a closing one.
_OPENING_TOKEN = re.compile("(" + "|".join(t for t, b in PTB_BRACKETS.items() if b in "([{") + r")[^\S\n]*",
                            re.IGNORECASE)
_CLOSING_TOKEN = re.compile(r"[^\S\n]*(" + "|".join(t for t, b in PTB_BRACKETS.items() if b in ")]}") + ")",
                            re.IGNORECASE)


# Offset maps rebuilt from their stored JSON, kept for the analyses fused most recently: fusing
# asks for readable text once per mention, quote and sentence of the same few articles.
_MAP_CACHE_SIZE = 256
_maps: dict[int, tuple[ArticleAnalysis, OffsetMap]] = {}


def _offset_map(analysis: ArticleAnalysis) -> OffsetMap:
    cached = _maps.get(id(analysis))
    if cached is not None and cached[0] is analysis:
        return cached[1]
    if len(_maps) >= _MAP_CACHE_SIZE:
        _maps.clear()
    offsets = OffsetMap.from_json(analysis.offsets)
    _maps[id(analysis)] = (analysis, offsets)  # the analysis is held so its id is not reused
    return offsets


def readable(article: Article, analysis: ArticleAnalysis, start: int, end: int) -> str:
    """The span ``[start, end)`` of the given text, as the reader should see it, on one line."""
    if analysis.offsets is None:
        text = article.text[start:end]
    else:
        r_start, r_end = _offset_map(analysis).to_reading(start, end)
        text = analysis.reading_text[r_start:r_end]
    return " ".join(_as_printed(text).split())


def _as_printed(text: str) -> str:
    """``text`` with its treebank bracket tokens read as brackets and its ASCII quote pairs as quote marks:
    "$20bn -LRB- £13.5bn -RRB-" reads "$20bn (£13.5bn)", "were in ``chaos'' because" "were in “chaos” because"."""
    if "`" in text or "''" in text:
        text = ASCII_QUOTE_MARKS.sub(lambda m: "\u201c" if m["open"] else "\u201d", text)
    if "-" not in text:
        return text
    text = _OPENING_TOKEN.sub(lambda m: PTB_BRACKETS[m[1].upper()], text)
    return _CLOSING_TOKEN.sub(lambda m: PTB_BRACKETS[m[1].upper()], text)
