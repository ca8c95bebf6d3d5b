"""The two jobs crosswire runs, as library calls the CLI (and anyone) can use.

``ingest``: read -> (cased reports first, to teach the lexicon) restore + analyze -> store ->
assign a story, one transaction per article. ``brief``: fuse stored stories into briefings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from crosswire.analyze.nlp import DEFAULT_MODEL
from crosswire.analyze.pipeline import DEFAULT_BATCH_SIZE, Analyzer
from crosswire.errors import NotFound
from crosswire.fuse.briefing import build_story
from crosswire.fuse.stories import StoryIndex
from crosswire.ingest import MAX_BYTES, read_paths
from crosswire.ingest.dateline import infer_outlet, parse_dateline
from crosswire.model import Article, ArticleAnalysis, Problem
from crosswire.restore import Lexicon, detect_form
from crosswire.store import Store

# Articles read before analysis starts: cased reports in a chunk teach the lexicon before the
# chunk's lowercased ones are restored; the lexicon is saved once per chunk.
CHUNK_SIZE = 128
LEXICON_KEY = "lexicon"


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # content already in the store: nothing written
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id asked for, id given) on id clashes
    problems: list[Problem] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        """Every article this run named, whether newly stored or already there."""
        return self.stored + self.duplicates

    def to_dict(self) -> dict:
        return {"stored": self.stored, "duplicates": self.duplicates,
                "renamed": [{"requested": a, "stored_as": b} for a, b in self.renamed],
                "problems": [{"source": p.source, "line": p.line, "kind": p.kind, "message": p.message}
                             for p in self.problems]}


def _with_inferred_outlet(article: Article) -> Article:
    if article.outlet:
        return article
    outlet = infer_outlet(article.text, parse_dateline(article.text))
    return dataclasses.replace(article, outlet=outlet) if outlet else article


def _learn(lexicon: Lexicon, article: Article, analysis: ArticleAnalysis) -> None:
    lexicon.observe_text(article.text)
    for mention in analysis.mentions:
        lexicon.observe_name(mention.text, mention.label)


class _Ingester:
    """State of one ingest run: the store, the lexicon and the story index loaded once."""

    def __init__(self, store: Store, analyzer: Analyzer):
        self.store, self.analyzer = store, analyzer
        state = store.get_state(LEXICON_KEY)
        self.lexicon = Lexicon.from_json(state) if state else Lexicon()
        centroids = store.story_centroids()
        df = store.term_df_all()
        self.index = StoryIndex(centroids=centroids, df=df, n_docs=store.count_articles())
        self.report = IngestReport()

    def admit(self, article: Article) -> Article | None:
        """The article to store, or None when its content is already stored (re-ingest is a no-op)."""
        existing = self.store.has_content(article.content_hash)
        if existing is not None:
            self.report.duplicates.append(existing)
            return None
        if self.store.has_id(article.id):
            new_id = f"{article.id}~{article.content_hash[:8]}"
            self.report.renamed.append((article.id, new_id))
            article = dataclasses.replace(article, id=new_id)
        return _with_inferred_outlet(article)

    def analyze_and_store(self, articles: Sequence[Article]) -> None:
        for result, article in zip(self.analyzer.analyze(articles, self.lexicon), articles):
            if isinstance(result, Problem):
                self.report.problems.append(result)
                continue
            with self.store.atomic():
                self.store.put_article(article, result)
                story_id, terms = self.index.assign(article.id, article.text, [m.text for m in result.mentions])
                self.store.put_story(story_id, self.index.centroids[story_id])
                self.store.assign_story(article.id, story_id)
                self.store.add_term_df(terms)
            self.report.stored.append(article.id)
            if not result.form.get("lowercased"):
                _learn(self.lexicon, article, result)

    def run_chunk(self, chunk: list[Article]) -> None:
        seen: set[str] = set()
        admitted = []
        for article in chunk:
            if article.content_hash in seen:  # the same text twice in one run
                continue
            seen.add(article.content_hash)
            kept = self.admit(article)
            if kept is not None:
                admitted.append(kept)
        lowercased = [detect_form(a.text).lowercased for a in admitted]
        cased = [a for a, low in zip(admitted, lowercased) if not low]
        lowered = [a for a, low in zip(admitted, lowercased) if low]
        self.analyze_and_store(cased)
        self.analyze_and_store(lowered)
        if cased:
            with self.store.atomic():
                self.store.put_state(LEXICON_KEY, self.lexicon.to_json())


def ingest(paths: Sequence[str | Path], store: Store, *, stdin: IO | None = None, model: str = DEFAULT_MODEL,
           batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1, max_bytes: int = MAX_BYTES,
           progress: Callable[[int], None] | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, ``-`` for stdin) and store every good article with its analysis."""
    return ingest_articles(read_paths(paths, stdin=stdin, max_bytes=max_bytes), store, model=model,
                           batch_size=batch_size, workers=workers, progress=progress)


def ingest_articles(items: Iterable[Article | Problem], store: Store, *, model: str = DEFAULT_MODEL,
                    batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1,
                    progress: Callable[[int], None] | None = None) -> IngestReport:
    """Store articles already read (problems are only reported), each with its analysis and story."""
    with Analyzer(model=model, batch_size=batch_size, workers=workers) as analyzer:
        ingester = _Ingester(store, analyzer)
        chunk: list[Article] = []

        def flush() -> None:
            ingester.run_chunk(chunk)
            if progress:
                progress(len(chunk))
            chunk.clear()

        for item in items:
            if isinstance(item, Problem):
                ingester.report.problems.append(item)
                continue
            chunk.append(item)
            if len(chunk) >= CHUNK_SIZE:
                flush()
        if chunk:
            flush()
    return ingester.report


def story_ids_for(store: Store, article_ids: Iterable[str]) -> list[str]:
    """The stories holding these articles, in story order."""
    wanted = set(article_ids)
    return [sid for sid, members in store.stories() if wanted.intersection(members)]


def brief(store: Store, story_ids: Sequence[str] | None = None) -> dict:
    """The briefing (the JSON contract) for the given stories, or for every story in the store."""
    stories = dict(store.stories())
    if story_ids is None:
        story_ids = list(stories)
    missing = [s for s in story_ids if s not in stories]
    if missing:
        raise NotFound(f"no story {', '.join(missing)} in {store.path}; `crosswire stories` lists them.")
    out = []
    for story_id in story_ids:
        articles = store.articles(stories[story_id])
        items = [(a, store.analysis(a.id)) for a in articles]
        out.append(build_story(story_id, items))
    return {"stories": out}


def story_list(store: Store) -> list[dict]:
    """One row per story: id, size, outlets, date range, headline (the newest titled article's title)."""
    rows = []
    for story_id, members in store.stories():
        articles = store.articles(members)
        dates = sorted(a.published.isoformat() for a in articles if a.published)
        titled = [a.title for a in articles if a.title]
        rows.append({"id": story_id, "articles": len(articles),
                     "outlets": sorted({a.outlet for a in articles if a.outlet}),
                     "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                     "headline": titled[-1] if titled else _first_line(articles[0].text)})
    return rows


def _first_line(text: str, width: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"

