"""JSON round-trips for what the store keeps as documents: per-article analyses, per-story briefings."""

from __future__ import annotations

import datetime as dt
import json

from crosswire.model import (AliasEvidence, Article, ArticleAnalysis, Dateline, Figure, Mention, Quote,
                             Sentence, StoryBriefing, TimeRef, Zone, to_dict)

_ITEM_TYPES = {"sentences": Sentence, "mentions": Mention, "aliases": AliasEvidence, "quotes": Quote,
               "figures": Figure, "times": TimeRef, "zones": Zone}


def analysis_to_json(analysis: ArticleAnalysis) -> str:
    return json.dumps(to_dict(analysis), ensure_ascii=False, sort_keys=True)


def analysis_from_json(data: str) -> ArticleAnalysis:
    raw = json.loads(data)
    items = {key: tuple(cls(**x) for x in raw.get(key, ())) for key, cls in _ITEM_TYPES.items()}
    dateline = Dateline(**raw["dateline"]) if raw.get("dateline") else None
    return ArticleAnalysis(article_id=raw["article_id"], reading_text=raw["reading_text"],
                           form=raw.get("form", {}), offsets=raw.get("offsets"), dateline=dateline,
                           analyzer=raw.get("analyzer", 1), **items)


def briefing_to_json(briefing: StoryBriefing) -> str:
    """ASCII JSON: article text may hold lone surrogates or NULs, which neither database stores raw."""
    return json.dumps(briefing.to_json())


def briefing_from_json(data: str) -> StoryBriefing:
    return StoryBriefing.from_json(json.loads(data))


def article_from_row(row) -> Article:
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return Article(id=row["id"], text=row["text"], title=row["title"], outlet=row["outlet"], published=published,
                   url=row["url"], source=row["source"], line=row["line"])
