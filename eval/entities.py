"""Entities: crosswire's briefing entities against MEANTIME's cross-document entity coreference.

Each of MEANTIME's four corpora (30 Wikinews articles each) is ingested on its own, as
``crosswire ingest`` would, and briefed. A briefing entity's ``id`` ("e1", ...) is per story; its
``key`` is what links it across stories (the same for every story naming it by the same name), so
a cluster is a briefing entity key: one company named in three stories is one cluster.

Mention detection: every mention of every briefing entity against every gold entity mention,
one-to-one, under three rules: ``exact`` (same characters), ``head`` (the crosswire span overlaps
the gold mention's head token, spaCy's root of the gold span) and ``overlap`` (any shared
character; the most overlap wins).

Coreference: MUC, B-cubed, CEAF-e and CoNLL F1 over the gold mentions crosswire found under the
``head`` rule, each labelled with the cluster of the crosswire mention it matched, across the
whole corpus. Systems and the mentions they are scored on:

- ``crosswire``: the briefing's entities linked across stories by their key (above), on the
  gold mentions it found;
- ``crosswire_per_story``: a diagnostic: the same mentions, a cluster per (story id, entity id),
  nothing linked across stories (what this scorer measured as ``crosswire`` until the key);
- ``crosswire_one_story``: a diagnostic, not the product: crosswire's own ``canonical_entities``
  run over the whole corpus as if it were one story, on the gold mentions *it* found; the gap to
  ``crosswire`` is what clustering per story costs;
- ``head_lemma``: the same gold mentions as ``crosswire``, clustered by their head token's lemma
  (a standard cross-document baseline); same mentions, so only the clustering differs;
- ``head_lemma_all``: every gold mention clustered by head lemma (what that baseline reaches
  when it need not find the mentions).

Types: of the gold names (``NAM`` mentions of a PER, ORG, LOC or PRO entity) a system's mentions
find under the ``head`` rule, the share whose label falls in the gold type (``TYPE_CLASS``):
``crosswire`` labels each mention with its briefing entity's type (a vote over the story's
mentions), ``ner_label`` with the analysis's own NER label of that one mention (no vote).

Micro figures pool the four corpora (counts summed; coreference over all of them at once with
clusters kept apart by corpus); macro figures are the mean of the four corpora's.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.store import StoreProtocol
from eval import data as gold
from eval.common import CROSSWIRE, Result, ingested, prefixed, result, scorer_main
from eval.metrics import coreference, match_spans, prf

PER_STORY = "crosswire_per_story"
ONE_STORY = "crosswire_one_story"
LEMMA = "head_lemma"
LEMMA_ALL = "head_lemma_all"
NER_LABEL = "ner_label"
RULES = ("exact", "head", "overlap")
COREF_RULE = "head"

# (article id, start, end, cluster) of one predicted mention; for types, its label in place of the cluster.
PredMention = tuple[str, int, int, str]
# MEANTIME's entity types, and the NER labels that fall in each.
TYPE_CLASS = {"PERSON": "PER", "ORG": "ORG", "NORP": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PRODUCT": "PRO"}
TYPED_NAMES = "NAM"  # the syntactic type of the gold mentions whose types are scored


@dataclass(frozen=True)
class Head:
    start: int
    end: int
    lemma: str


@dataclass
class Tally:
    """What one system scored on one corpus (or, merged, on several)."""

    pred: int = 0
    gold: int = 0
    matched: Counter[str] = field(default_factory=Counter)  # rule -> one-to-one matches
    # (gold entity, predicted cluster, head lemma) of each gold mention found under COREF_RULE,
    # every label prefixed with its corpus so that pooled corpora stay apart
    found: list[tuple[str, str, str]] = field(default_factory=list)
    found_by_type: Counter[str] = field(default_factory=Counter)  # syntactic type -> found under COREF_RULE
    typed: int = 0  # gold names of a scored type found under COREF_RULE ...
    typed_right: int = 0  # ... and labelled in their gold type

    def merge(self, other: Tally) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.matched += other.matched
        self.found += other.found
        self.found_by_type += other.found_by_type
        self.typed += other.typed
        self.typed_right += other.typed_right


def mention_heads(docs: Sequence[gold.EntityDoc]) -> dict[str, Head]:
    """Each gold mention's head: the syntactic root of its span in spaCy's parse of the document."""
    from crosswire.analyze.nlp import lemma_of, load_pipeline

    heads = {}
    for doc, parsed in zip(docs, load_pipeline().pipe(d.text for d in docs)):
        for m in doc.mentions:
            root = parsed.char_span(m.start, m.end, alignment_mode="expand").root
            heads[m.id] = Head(root.idx, root.idx + len(root), lemma_of(root).lower())
    return heads


def briefing_mentions(board: dict, *, per_story: bool = False) -> list[PredMention]:
    """Every mention of every briefing entity, its cluster being the entity's cross-story key (or,
    ``per_story``, "<story id>/<entity id>")."""
    return [(m["article"], m["start"], m["end"], f"{story['id']}/{entity['id']}" if per_story else entity["key"])
            for story in board["stories"] for entity in story["entities"] for m in entity["mentions"]]


def briefing_types(board: dict) -> list[PredMention]:
    """Every mention of every briefing entity, labelled with its entity's type."""
    return [(m["article"], m["start"], m["end"], entity["type"])
            for story in board["stories"] for entity in story["entities"] for m in entity["mentions"]]


def ner_types(store: StoreProtocol) -> list[PredMention]:
    """Every mention analysis found, labelled with its own NER label."""
    return [(a.id, m.start, m.end, m.label) for a in store.articles() for m in store.analysis(a.id).mentions]


def _by_article(pred: Iterable[PredMention]) -> dict[str, list[PredMention]]:
    out: dict[str, list[PredMention]] = {}
    for p in pred:
        out.setdefault(p[0], []).append(p)
    return out


def _head_spans(doc: gold.EntityDoc, heads: dict[str, Head]) -> list[tuple[tuple[int, int]]]:
    return [((heads[m.id].start, heads[m.id].end),) for m in doc.mentions]


def type_tally(docs: Sequence[gold.EntityDoc], heads: dict[str, Head], pred: Iterable[PredMention]) -> Tally:
    """Gold names of a scored type that ``pred`` finds under COREF_RULE (one-to-one among all gold
    mentions), and how many of them its label puts in their gold type."""
    by_article = _by_article(pred)
    out = Tally()
    for doc in docs:
        mine = by_article.get(doc.id, [])
        for i, j in match_spans([((s, e),) for _, s, e, _ in mine], _head_spans(doc, heads), strict=False):
            m = doc.mentions[j]
            if m.syntactic_type == TYPED_NAMES and m.entity_type in TYPE_CLASS.values():
                out.typed += 1
                out.typed_right += TYPE_CLASS.get(mine[i][3]) == m.entity_type
    return out


def one_story_mentions(store: StoreProtocol) -> list[PredMention]:
    """Mentions of ``canonical_entities`` run over every stored article as one story (diagnostic)."""
    from crosswire.fuse.canon import canonical_entities

    canon = canonical_entities([(a, store.analysis(a.id)) for a in store.articles()])
    return [(ref.article, ref.start, ref.end, entity.id) for entity in canon.entities for ref in entity.mentions]


def tally(corpus: str, docs: Sequence[gold.EntityDoc], heads: dict[str, Head], pred: Iterable[PredMention]) -> Tally:
    """Match one system's mentions to the gold, document by document, under every rule."""
    by_article = _by_article(pred)
    out = Tally()
    for doc in docs:
        mine = by_article.get(doc.id, [])
        spans = [((s, e),) for _, s, e, _ in mine]
        gold_spans = [((m.start, m.end),) for m in doc.mentions]
        head_spans = _head_spans(doc, heads)
        out.pred += len(mine)
        out.gold += len(doc.mentions)
        for rule in RULES:
            pairs = match_spans(spans, head_spans if rule == "head" else gold_spans, strict=rule == "exact")
            out.matched[rule] += len(pairs)
            if rule == COREF_RULE:
                for i, j in pairs:
                    m = doc.mentions[j]
                    entity, cluster, lemma = m.entity, mine[i][3], heads[m.id].lemma
                    out.found.append((f"{corpus}/{entity}", f"{corpus}/{cluster}", f"{corpus}/{lemma}"))
                    out.found_by_type[m.syntactic_type or "-"] += 1
    return out


def coref_figures(pred: Sequence[str], truth: Sequence[str]) -> dict[str, float]:
    scores = coreference(pred, truth)
    out = {f"coref_{m}_{short}": scores[m][key] for m in ("muc", "bcubed", "ceafe")
           for short, key in (("p", "precision"), ("r", "recall"), ("f1", "f1"))}
    return {**out, "coref_conll_f1": scores["conll_f1"]}


def system_figures(t: Tally) -> dict[str, float]:
    """Mention detection under every rule, then coreference on the gold mentions found."""
    out: dict[str, float] = {}
    for rule in RULES:
        out.update(prefixed(f"mention_{rule}", prf(t.matched[rule], t.pred, t.gold)))
    return {**out, **coref_figures([f[1] for f in t.found], [f[0] for f in t.found])}


def type_figures(t: Tally) -> dict[str, float]:
    return {"type_accuracy": t.typed_right / t.typed if t.typed else 0.0}


def lemma_figures(found: Sequence[tuple[str, str, str]]) -> dict[str, float]:
    """The head-lemma baseline on these gold mentions (entity, -, lemma)."""
    return coref_figures([f[2] for f in found], [f[0] for f in found])


def score_corpus(corpus: str, docs: Sequence[gold.EntityDoc]) -> tuple[dict[str, Tally], dict]:
    """Ingest and brief one corpus; the tallies of crosswire, its one-story diagnostic and every
    gold mention (for ``head_lemma_all``), and the corpus's counts."""
    from crosswire.model import Article
    from crosswire.service import Service

    store = ingested([Article(d.id, d.text, published=d.published) for d in docs])
    stored = {a.id: a.text for a in store.articles()}
    if stored != {d.id: d.text for d in docs}:  # offsets compare only if crosswire kept each text as given
        raise RuntimeError(f"{corpus}: stored articles differ from the gold texts")
    heads = mention_heads(docs)
    board = Service(store).brief().to_json()
    one_story = one_story_mentions(store)
    tallies = {CROSSWIRE: tally(corpus, docs, heads, briefing_mentions(board)),
               NER_LABEL: type_tally(docs, heads, ner_types(store)),
               PER_STORY: tally(corpus, docs, heads, briefing_mentions(board, per_story=True)),
               ONE_STORY: tally(corpus, docs, heads, one_story)}
    all_gold = Tally(found=[(f"{corpus}/{m.entity}", "", f"{corpus}/{heads[m.id].lemma}")
                            for d in docs for m in d.mentions])
    counts = {"docs": len(docs), "gold_mentions": tallies[CROSSWIRE].gold,
              "gold_entities": len({m.entity for d in docs for m in d.mentions}),
              "gold_mentions_by_type": dict(Counter(m.syntactic_type or "-" for d in docs for m in d.mentions)),
              "stories": len(board["stories"]),
              "crosswire_entities": len({e["key"] for s in board["stories"] for e in s["entities"]}),
              "per_story_entities": sum(len(s["entities"]) for s in board["stories"]),
              "one_story_entities": len({p[3] for p in one_story})}
    types = type_tally(docs, heads, briefing_types(board))
    tallies[CROSSWIRE].typed, tallies[CROSSWIRE].typed_right = types.typed, types.typed_right
    return {**tallies, LEMMA_ALL: all_gold}, counts


def _coref_counts(t: Tally) -> dict:
    return {"pred": t.pred, "matched": dict(t.matched), "coref_mentions": len(t.found),
            "coref_clusters": len({f[1] for f in t.found}), "coref_gold_entities": len({f[0] for f in t.found}),
            "found_by_type": dict(t.found_by_type), "typed_names": t.typed}


def per_system(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
    """Every system's figures from the tallies of crosswire, its diagnostic and all gold mentions."""
    out = {name: system_figures(tallies[name]) for name in (CROSSWIRE, PER_STORY, ONE_STORY)}
    out[CROSSWIRE].update(type_figures(tallies[CROSSWIRE]))
    return {**out, LEMMA: lemma_figures(tallies[CROSSWIRE].found), LEMMA_ALL: lemma_figures(tallies[LEMMA_ALL].found),
            NER_LABEL: type_figures(tallies[NER_LABEL])}


def mean_figures(groups: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Macro figures: each system's metrics averaged over the groups (corpora)."""
    return {name: {m: sum(g[name][m] for g in groups) / len(groups) for m in values}
            for name, values in groups[0].items()}


def score(data_dir: Path, limit: int | None = None) -> Result:
    """Score each corpus, then pool them; ``limit`` samples documents per corpus."""
    t0 = time.perf_counter()
    per_corpus: dict[str, dict[str, dict[str, float]]] = {}
    details: dict[str, dict] = {}
    pooled = {name: Tally() for name in (CROSSWIRE, PER_STORY, ONE_STORY, LEMMA_ALL, NER_LABEL)}
    n = 0
    for corpus, docs in gold.load_meantime(data_dir).items():
        docs = sorted(gold.sample(docs, limit), key=lambda d: (d.published.isoformat() if d.published else "", d.id))
        n += len(docs)
        tallies, counts = score_corpus(corpus, docs)
        per_corpus[corpus] = per_system(tallies)
        details[corpus] = {**counts,
                           **{name: _coref_counts(tallies[name]) for name in (CROSSWIRE, ONE_STORY, NER_LABEL)}}
        for name, t in pooled.items():
            t.merge(tallies[name])
    details["micro"] = {name: _coref_counts(pooled[name]) for name in (CROSSWIRE, ONE_STORY, NER_LABEL)}
    groups = {**per_corpus, "micro": per_system(pooled), "macro": mean_figures(list(per_corpus.values()))}
    systems: dict[str, dict[str, float]] = {name: {} for name in (CROSSWIRE, PER_STORY, ONE_STORY, LEMMA, LEMMA_ALL,
                                                                  NER_LABEL)}
    for group, figures in groups.items():
        for name, values in figures.items():
            systems[name].update({f"{group}_{k}": v for k, v in values.items()})
    headline = ["micro_mention_head_f1", "micro_mention_overlap_r", "micro_coref_conll_f1", "macro_coref_conll_f1",
                "micro_type_accuracy"]
    return result("entities", systems, headline, n=n, limit=limit, data=[gold.MEANTIME],
                  settings={"coref_match": COREF_RULE, "match_rules": list(RULES),
                            "clusters": "briefing entity key: links one name's entities across stories",
                            "text": "tokens joined by spaces, sentences by newlines",
                            "order": "published, then id", "head": "spaCy root of the gold span (crosswire's model)"},
                  details=details, seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Cross-document entity coreference against MEANTIME.", gold.MEANTIME, argv)


if __name__ == "__main__":
    main()
