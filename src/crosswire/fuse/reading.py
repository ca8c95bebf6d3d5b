"""Show users readable text for any span, even of a corpus-form (lowercased, tokenized) report.

Spans always index the text as given; for a restored report the same characters are shown from
its reading text (detokenized, truecased), found through the stored offset map.
"""

from __future__ import annotations

from crosswire.model import Article, ArticleAnalysis
from crosswire.restore.offsetmap import OffsetMap


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
    return " ".join(text.split())
