"""Assemble one story's briefing (``model.StoryBriefing``; its JSON is ``schema/briefing.schema.json``).

Every per-article item keeps ``article``/``start``/``end`` into the text as given; speakers are
linked to canonical entities so "ahmed" and "Jihan Sheikh Ahmed" are one speaker.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from crosswire import __version__, model
from crosswire.fuse.canon import Canon, canonical_entities
from crosswire.fuse.copies import find_copies, source
from crosswire.fuse.dating import infer_dates
from crosswire.fuse.headline import heading_of, headline
from crosswire.fuse.reading import readable
from crosswire.fuse.reconcile import compare_figures
from crosswire.fuse.statements import link_statements
from crosswire.fuse.summary import summarize
from crosswire.fuse.timeline import build_timeline
from crosswire.model import (QUOTE_KIND, Article, ArticleAnalysis, BriefArticle, BriefFigure, BriefQuote, Comparison,
                             Entity, FigureValue, Quote, Speaker, StoryBriefing, item_id)

# A mention this close to the start of a report is in its opening: what the report is about.
OPENING_CHARS = 600
# Salience = a weighted sum of shares (each 0..1): of reports naming the entity, of reports naming it
# in their opening, of the story's outlets naming it, and of mentions (saturating at two a report).
# Weights set by judgment, not fitted: reports first (what most reports say), then the opening.
SALIENCE_WEIGHTS = {"reports": 0.4, "opening": 0.3, "outlets": 0.2, "mentions": 0.1}
# Comparisons an editor wants first: figures that disagree or moved, then the ones that agree.
VERDICT_RANK = {"conflict": 0, "update": 1, "agree": 2, "different_scope": 3, "unknown": 4}
# In a storyline's briefing, events told by this many reports or more are its core (``core_reports``).
CORE_EVENT_REPORTS = 2


def _fusion_digest() -> str:
    """A digest of the code a briefing is made by (fuse/ and the model it fills): kept briefings are
    reused only while it is unchanged, so no change to fusion can serve an old briefing and nobody
    has to remember to bump a version (a rebuild costs what one ``brief`` costs)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")) + [Path(model.__file__)]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


# Stored with each kept briefing (``store.save_briefing``); another value means "rebuild".
FUSER_VERSION = _fusion_digest()


def _speaker(quote: Quote, article: Article, analysis: ArticleAnalysis, canon: Canon) -> Speaker:
    """The speaker as a canonical entity when the speaker *is* a name ("Ahmed", or "she" resolved
    to one); a role phrase that merely contains a name ("a spokesman for the US-led coalition")
    is not that name's entity. As written: the report's whole phrase for the speaker ("Defense
    Secretary Ash Carter", "she"), else the name it resolved to."""
    entity = canon.entity_named(quote.speaker) if quote.speaker else None
    if entity is None and quote.speaker_start is not None:
        entity = canon.entity_for(article.id, quote.speaker_start, quote.speaker_end, overlap=False)
    names = {e.id: e.name for e in canon.entities}
    written = (readable(article, analysis, quote.source_start, quote.source_end)
               if quote.source_start is not None and quote.source_end is not None else quote.speaker)
    return Speaker(name=names.get(entity, quote.speaker), entity=entity, as_written=written)


def salience(entity: Entity, outlets: Mapping[str, str | None]) -> float:
    """How central ``entity`` is to a story of these reports (``outlets``: each report's outlet)."""
    n = len(outlets) or 1
    named = {m.article for m in entity.mentions}
    opening = {m.article for m in entity.mentions if m.start < OPENING_CHARS}
    all_outlets = {o for o in outlets.values() if o} or {None}
    shares = {"reports": len(named) / n, "opening": len(opening) / n,
              "outlets": len({outlets.get(a) for a in named} & all_outlets) / len(all_outlets),
              "mentions": min(1.0, len(entity.mentions) / (2 * n))}
    return round(sum(SALIENCE_WEIGHTS[k] * v for k, v in shares.items()), 4)


def _ranked_entities(entities: Sequence[Entity], outlets: Mapping[str, str | None]) -> tuple[Entity, ...]:
    """The entities with their salience, most salient first (more mentions, then name, on a tie)."""
    scored = [dataclasses.replace(e, salience=salience(e, outlets)) for e in entities]
    return tuple(sorted(scored, key=lambda e: (-e.salience, -len(e.mentions), e.name, e.id)))


def _ranked_comparisons(comparisons: Sequence[Comparison], outlets: Mapping[str, str | None],
                        copies: Mapping[str, str]) -> tuple[Comparison, ...]:
    """Conflicts and updates first, then by how many independent sources (a wire copy and its original
    are one) and outlets the figures come from."""
    def key(c: Comparison) -> tuple:
        reports = {f.rsplit(":", 1)[0] for f in c.figures}  # figure ids are "<article>:f<n>"
        return (VERDICT_RANK.get(c.verdict, len(VERDICT_RANK)), -len({source(copies, r) for r in reports}),
                -len({outlets.get(r) for r in reports}), c.what)
    return tuple(sorted(comparisons, key=key))


def _quotes(items: Sequence[tuple[Article, ArticleAnalysis]], canon: Canon) -> tuple[BriefQuote, ...]:
    """Every quote with its speaker's entity and the statement it reports (``fuse.statements``)."""
    quotes = [BriefQuote(id=item_id(article.id, QUOTE_KIND, n), speaker=_speaker(quote, article, analysis, canon), text=quote.text,
                         reading=readable(article, analysis, quote.start, quote.end), direct=quote.direct,
                         cue=quote.cue, article=article.id, start=quote.start, end=quote.end,
                         kind=quote.kind)
              for article, analysis in items for n, quote in enumerate(analysis.quotes, start=1)]
    # pieces of one attribution ("“A,” she said, “B.”") are one statement before any is linked across reports
    pieces = [(item_id(article.id, QUOTE_KIND, n), item_id(article.id, QUOTE_KIND, n + 1))
              for article, analysis in items for n, (a, b) in enumerate(zip(analysis.quotes, analysis.quotes[1:]), start=1)
              if b.shares_attribution(a)]
    statements = link_statements(quotes, pieces)
    return tuple(dataclasses.replace(q, statement=statements[q.id]) for q in quotes)


def event_sizes(events: Mapping[str, str]) -> dict[str, int]:
    """Each report's event size, in reports, by report id (``events``: each report's event)."""
    sizes = Counter(events.values())
    return {report: sizes[event] for report, event in events.items()}


def core_reports(events: Mapping[str, str]) -> frozenset[str]:
    """A storyline's reports of events told by ``CORE_EVENT_REPORTS`` reports or more, whose sentences its summary
    is drawn from and whose timeline entries rank first: a storyline may hold one-report events of the same days
    about something else (a page of several stories); empty where no event is that large (or for a story)."""
    return frozenset(report for report, size in event_sizes(events).items() if size >= CORE_EVENT_REPORTS)


def build_story(story_id: str, items: Sequence[tuple[Article, ArticleAnalysis]],
                events: Mapping[str, str] | None = None) -> StoryBriefing:
    """Fuse the articles of one story (in ingest order) into its briefing; ``events``: for a storyline's
    briefing, the event (story) each article belongs to."""
    canon = canonical_entities(items)
    inferred = infer_dates(items)
    copies = find_copies(items)
    figures, comparisons = compare_figures(items, canon, inferred, copies)
    core = core_reports(events or {})
    summary = summarize(items, canon, copies=copies, core=core)
    outlets = {a.id: a.outlet for a, _ in items}
    return StoryBriefing(
        id=story_id,
        headline=headline(heading_of(a, an) for a, an in items),
        articles=tuple(BriefArticle(id=a.id, outlet=a.outlet, published=a.published, title=a.title, source=a.source,
                                    form=an.form, dateline=an.dateline, url=a.url, inferred=inferred.get(a.id),
                                    copy_of=copies.get(a.id), event=(events or {}).get(a.id))
                      for a, an in items),
        entities=_ranked_entities(canon.entities, outlets),
        quotes=_quotes(items, canon),
        figures=tuple(BriefFigure(id=figure_id, what=figure.what,
                                  value=FigureValue(low=figure.low, high=figure.high, approx=figure.approx),
                                  unit=figure.unit, source=figure.source, text=figure.text,
                                  article=figure_id.rsplit(":", 1)[0],  # ids are "<article>:f<n>"
                                  start=figure.start, end=figure.end)
                      for figure_id, figure in figures),
        comparisons=_ranked_comparisons(comparisons, outlets, copies),
        timeline=tuple(build_timeline(items, core)),
        summary=tuple(summary),
    )
