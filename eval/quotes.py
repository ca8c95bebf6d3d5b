"""Quotes and speakers: crosswire's quotes against PolNeAR attributions (dev split).

A gold attribution is a Content span (what was said, direct or reported), its Source (who) and
Cue ("said"). Figures:

- content P/R/F1, *exact* (same characters once surrounding spaces, punctuation and quote marks
  are trimmed) and *overlap* (one-to-one, any shared character); crosswire's quotes that share one
  attribution ("“A,” she said, “B.”") are one predicted attribution of several pieces, as in the gold;
- speaker accuracy on overlap-matched contents whose gold has a Source: crosswire's speaker span
  equals (exact) or overlaps (overlap) the Source span;
- attribution P/R/F1: content overlaps *and* speaker overlaps the Source (or both have none).

Peer: the same articles rewritten into research-corpus form (lowercased, tokenized, quote marks
stripped; ``eval.rewrite``) through the same crosswire, with the gold carried over by a
character-origin map: the difference between the two columns is what that form costs.

``corpus_form_beside_cased``: the same corpus form ingested beside ``CASED_SIBLINGS`` cased PolNeAR *train*
articles (a seeded draw), as a real collection holds cased reports of the same news, from which ingest learns the
casing of words and names that restores a lowercased report; the peer column is the harsher case of a collection
with no cased report at all.

For scale, ``annotators``: on the *train* articles two annotators marked (dev has too few), the second
annotator's contents scored against the first's the same way: how far people agree on what was attributed.
"""

from __future__ import annotations

import string
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, prefixed, result, run_crosswire, scorer_main
from eval.metrics import Span, match_spans, prf, span_chars, spans_overlap, trim_span
from eval.rewrite import QUOTE_TOKENS, corpus_form

PEER = "crosswire_corpus_form"
ANNOTATORS = "annotators_train"
BESIDE_CASED = "corpus_form_beside_cased"
CASED_SIBLINGS = 100  # cased train articles a corpus-form collection is ingested beside (fewer under --limit)
# Trimmed from both ends before exact comparison: where annotators put the closing comma or
# quote mark is convention, not content.
TRIM = string.punctuation + "".join(QUOTE_TOKENS) + "\u2014\u2013\u2026"
HEADLINE = ("content_overlap_f1", "content_exact_f1", "speaker_exact", "speaker_overlap", "attribution_f1")


def _trim(text: str, span: Span) -> Span:
    return tuple(t for t in (trim_span(text, s, e, TRIM) for s, e in span) if t[1] > t[0])


def _carry(span: Span | None, rewritten) -> Span | None:
    """A gold span moved into the rewritten text (None when nothing of it survives)."""
    if span is None:
        return None
    moved = tuple(m for m in (rewritten.map_span(s, e) for s, e in span) if m is not None)
    return moved or None


def corpus_doc(doc: gold.QuoteDoc) -> gold.QuoteDoc:
    """``doc`` in corpus form, gold spans carried over; attributions whose content vanished
    (a content of quote marks only) are dropped."""
    rw = corpus_form(doc.text)
    attributions = []
    for a in doc.attributions:
        content = _carry(a.content, rw)
        if content:
            attributions.append(gold.GoldAttribution(content, _carry(a.source, rw), _carry(a.cue, rw)))
    return gold.QuoteDoc(doc.id, rw.text, tuple(attributions))


def attributions_of(quotes: Sequence) -> list[list]:
    """crosswire's quotes as attributions: quotes in a row that share one attribution
    (``Quote.shares_attribution``) are one attribution whose content has several pieces, as PolNeAR
    marks it."""
    groups: list[list] = []
    for q in quotes:
        if groups and q.shares_attribution(groups[-1][-1]):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def doc_counts(text: str, quotes: Sequence, attributions: Sequence[gold.GoldAttribution]) -> Counter:
    """Match one article's predicted attributions (``attributions_of`` its quotes) to its gold ones and
    count the outcomes."""
    groups = attributions_of(quotes)
    quotes = [g[0] for g in groups]  # each group's speaker and source are its first quote's
    pred = [_trim(text, tuple((q.start, q.end) for q in g)) for g in groups]
    truth = [_trim(text, a.content) for a in attributions]
    c: Counter = Counter(pred=len(pred), gold=len(truth))
    c["exact"] = len(match_spans(pred, truth, strict=True))
    for i, j in match_spans(pred, truth, strict=False):
        c["overlap"] += 1
        q, g = quotes[i], attributions[j]
        # the source phrase as written is what PolNeAR marks; the speaker's name where there is none
        start, end = (q.source_start, q.source_end) if q.source_start is not None else (q.speaker_start, q.speaker_end)
        speaker = None if start is None else _trim(text, ((start, end),))
        source = None if g.source is None else _trim(text, g.source)
        if source:
            c["with_source"] += 1
            c["speaker_exact"] += bool(speaker) and span_chars(speaker) == span_chars(source)
            c["speaker_overlap"] += bool(speaker) and spans_overlap(speaker, source)
        c["attribution"] += (spans_overlap(speaker, source) if speaker and source
                             else not speaker and not source)
    return c


def figures(counts: Counter) -> dict[str, float]:
    with_source = counts["with_source"]
    return {
        **prefixed("content_overlap", prf(counts["overlap"], counts["pred"], counts["gold"])),
        **prefixed("content_exact", prf(counts["exact"], counts["pred"], counts["gold"])),
        "speaker_exact": counts["speaker_exact"] / with_source if with_source else 0.0,
        "speaker_overlap": counts["speaker_overlap"] / with_source if with_source else 0.0,
        **prefixed("attribution", prf(counts["attribution"], counts["pred"], counts["gold"])),
        "quotes": counts["pred"], "gold": counts["gold"],
    }


def score_docs(docs: Sequence[gold.QuoteDoc], beside: Sequence[gold.QuoteDoc] = ()) -> dict[str, float]:
    """Figures of crosswire's quotes in ``docs``, ingested together with the unscored articles ``beside``."""
    from crosswire.model import Article

    articles = [Article(id=d.id, text=d.text) for d in docs]
    analyses = run_crosswire([*(Article(id=f"beside:{d.id}", text=d.text) for d in beside), *articles])
    total: Counter = Counter()
    for d in docs:
        analysis = analyses.get(d.id)
        total += doc_counts(d.text, analysis.quotes if analysis else (), d.attributions)
    return figures(total)


def annotator_agreement(data_dir: Path) -> dict[str, float]:
    """Content overlap and exact P/R/F1 of PolNeAR train's second annotator against its first, on the articles
    both marked (the same trimming and one-to-one matching as crosswire's quotes get)."""
    second = {d.id: d for d in gold.load_polnear(data_dir, "train", annotator=1)}
    counts: Counter = Counter()
    for first in gold.load_polnear(data_dir, "train"):
        if first.id not in second:
            continue
        pred = [_trim(first.text, a.content) for a in second[first.id].attributions]
        truth = [_trim(first.text, a.content) for a in first.attributions]
        counts.update(pred=len(pred), gold=len(truth), articles=1,
                      overlap=len(match_spans(pred, truth, strict=False)),
                      exact=len(match_spans(pred, truth, strict=True)))
    return {**prefixed("content_overlap", prf(counts["overlap"], counts["pred"], counts["gold"])),
            **prefixed("content_exact", prf(counts["exact"], counts["pred"], counts["gold"])),
            "quotes": counts["pred"], "gold": counts["gold"], "articles": counts["articles"]}


def score(data_dir: Path, limit: int | None = None) -> Result:
    t0 = time.perf_counter()
    docs = gold.sample(gold.load_polnear(data_dir, "dev"), limit)
    published = score_docs(docs)
    corpus_docs = [corpus_doc(d) for d in docs]
    corpus = score_docs(corpus_docs)
    drop = {m: published[m] - corpus[m] for m in HEADLINE}
    systems = {CROSSWIRE: published, PEER: corpus}
    if (data_dir / gold.POLNEAR / "train").is_dir():
        siblings = gold.sample(gold.load_polnear(data_dir, "train"), min(CASED_SIBLINGS, limit or CASED_SIBLINGS))
        systems[BESIDE_CASED] = score_docs(corpus_docs, beside=siblings)
        systems[ANNOTATORS] = annotator_agreement(data_dir)
    return result("quotes", systems, HEADLINE, n=len(docs), limit=limit,
                  data=[gold.POLNEAR / "dev"], settings={"annotator": "first .ann by name", "trim": "punct+quotes"},
                  details={"drop": drop}, seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Quotes and speakers against PolNeAR dev.", gold.POLNEAR / "dev", argv)


if __name__ == "__main__":
    main()
