"""Assemble one story's briefing, in the shape of the JSON contract (``schema/briefing.schema.json``).

Every per-article item keeps ``article``/``start``/``end`` into the text as given; speakers are
linked to canonical entities so "ahmed" and "Jihan Sheikh Ahmed" are one speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.fuse.canon import Canon, canonical_entities
from crosswire.fuse.reading import readable
from crosswire.fuse.reconcile import compare_figures
from crosswire.fuse.summary import summarize
from crosswire.fuse.timeline import build_timeline
from crosswire.model import Article, ArticleAnalysis, Quote, to_dict

HEADLINE_WIDTH = 100


def _speaker(quote: Quote, article_id: str, canon: Canon) -> dict:
    """The speaker as a canonical entity when the speaker *is* a name ("Ahmed", or "she" resolved
    to one); a role phrase that merely contains a name ("a spokesman for the US-led coalition")
    is not that name's entity."""
    entity = canon.entity_named(quote.speaker) if quote.speaker else None
    if entity is None and quote.speaker_start is not None:
        entity = canon.entity_for(article_id, quote.speaker_start, quote.speaker_end, overlap=False)
    names = {e.id: e.name for e in canon.entities}
    return {"name": names.get(entity, quote.speaker), "entity": entity, "as_written": quote.speaker}


def _quotes(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon) -> list[dict]:
    out = []
    for article, analysis in items:
        for n, quote in enumerate(analysis.quotes, start=1):
            out.append({"id": f"{article.id}:q{n}", "speaker": _speaker(quote, article.id, canon),
                        "text": quote.text, "reading": readable(article, analysis, quote.start, quote.end),
                        "direct": quote.direct, "cue": quote.cue,
                        "article": article.id, "start": quote.start, "end": quote.end})
    return out


def _headline(items: Sequence[tuple[Article, ArticleAnalysis]], summary: list) -> str:
    titled = [a.title for a, _ in items if a.title]
    if titled:
        return titled[-1]
    text = summary[0].text if summary else " ".join(items[0][0].text.split())
    return text if len(text) <= HEADLINE_WIDTH else text[: HEADLINE_WIDTH - 1].rstrip() + "…"


def build_story(story_id: str, items: Sequence[tuple[Article, ArticleAnalysis]]) -> dict:
    """Fuse the articles of one story (in ingest order) into its briefing."""
    canon = canonical_entities(items)
    figures, comparisons = compare_figures(items, canon)
    summary = summarize(items, canon)
    figure_rows = [{"id": figure_id, "what": figure.what,
                    "value": {"low": figure.low, "high": figure.high, "approx": figure.approx},
                    "unit": figure.unit, "source": figure.source, "text": figure.text,
                    "article": figure_id.rsplit(":", 1)[0],  # ids are "<article>:f<n>"
                    "start": figure.start, "end": figure.end}
                   for figure_id, figure in figures]
    return {
        "id": story_id,
        "headline": _headline(items, summary),
        "articles": [{"id": a.id, "outlet": a.outlet, "published": a.published.isoformat() if a.published else None,
                      "title": a.title, "source": a.source, "form": an.form,
                      "dateline": to_dict(an.dateline)} for a, an in items],
        "entities": [to_dict(e) for e in canon.entities],
        "quotes": _quotes(items, canon),
        "figures": figure_rows,
        "comparisons": [to_dict(c) for c in comparisons],
        "timeline": [to_dict(t) for t in build_timeline(items)],
        "summary": [to_dict(s) for s in summary],
    }
