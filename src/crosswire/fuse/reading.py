"""Show users readable text for any span, even of a corpus-form (lowercased, tokenized) report.

Spans always index the text as given; for a restored report the same characters are shown from
its reading text (detokenized, truecased), found through the stored offset map.
"""

from __future__ import annotations

from crosswire.model import Article, ArticleAnalysis
from crosswire.restore.offsetmap import OffsetMap


def readable(article: Article, analysis: ArticleAnalysis, start: int, end: int) -> str:
    """The span ``[start, end)`` of the given text, as the reader should see it, on one line."""
    if analysis.offsets is None:
        text = article.text[start:end]
    else:
        r_start, r_end = OffsetMap.from_json(analysis.offsets).to_reading(start, end)
        text = analysis.reading_text[r_start:r_end]
    return " ".join(text.split())
