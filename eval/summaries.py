"""Summaries: crosswire's cited story summary against DUC 2003 task 2 (four 100-word references).

Every system's summary is cut to 100 words and scored by ROUGE-1/2 recall (``rouge-score``,
Porter stemming; the mean over the four references). crosswire's summary sentences cite spans of
the reports; *citation precision* is the share of citations whose span backs its sentence (at
least ``SUPPORT_MIN`` of the sentence's distinct words appear in the cited span), and
*supported sentences* the share of sentences with at least one such citation.

Peers: Lead (the opening of the latest document) and LexRank (sumy), both at 100 words.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, result, run_crosswire, scorer_main
from eval.metrics import rouge_recall, support, truncate_words

SUMMARY_WORDS = 100  # DUC 2003 task 2 summary length
# Sentences asked of crosswire (it stops once it has 100 words): news sentences run 20-30 words,
# so 8 always reach 100 words.
SUMMARY_SENTENCES = 8
# A cited span backs its sentence when it holds this share of the sentence's distinct words:
# the sentence may be a lightly restored or trimmed form of the span, never a different claim.
SUPPORT_MIN = 0.8
HEADLINE = ("rouge1_r", "rouge2_r", "citation_precision")
_WORD = re.compile(r"\w+")


class _Tokenizer:
    """sumy's tokenizer interface over spaCy's rule-based sentencizer (sumy's own needs NLTK data
    downloaded at run time)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text.strip() for s in _sentencizer()(paragraph).sents if s.text.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def lead(cluster: gold.SummaryCluster) -> str:
    """The opening words of the latest document (the last one listed, among equal dates)."""
    latest = max(enumerate(cluster.docs), key=lambda kd: (kd[1][2] is not None, kd[1][2] or 0, kd[0]))[1]
    return truncate_words(latest[1], SUMMARY_WORDS)


def lexrank(cluster: gold.SummaryCluster) -> str:
    """sumy's LexRank over all the cluster's documents: best-rated sentences up to 100 words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    text = "\n\n".join(line for _, body, _ in cluster.docs for line in body.splitlines() if line.strip())
    document = PlaintextParser.from_string(text, _Tokenizer()).document
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def budget(ranked):
        taken, words = [], 0
        for info in ranked:
            if words >= SUMMARY_WORDS:
                break
            taken.append(info)
            words += len(str(info.sentence).split())
        return taken

    return truncate_words(" ".join(str(s) for s in summarizer(document, budget)), SUMMARY_WORDS)


def crosswire_summary(cluster: gold.SummaryCluster) -> tuple[str, list[tuple[str, list[str]]]]:
    """crosswire's summary text and, per sentence, the texts of the spans it cites."""
    from crosswire.fuse.canon import canonical_entities
    from crosswire.fuse.summary import summarize
    from crosswire.model import Article

    articles = [Article(id=doc_id, text=body, published=date) for doc_id, body, date in cluster.docs]
    analyses = run_crosswire(articles)
    items = [(a, analyses[a.id]) for a in articles if a.id in analyses]
    by_id = {a.id: a for a in articles}
    sentences = summarize(items, canonical_entities(items), max_sentences=SUMMARY_SENTENCES,
                          max_words=SUMMARY_WORDS)
    cited = [(s.text, [by_id[c.article].text[c.start:c.end] for c in s.citations if c.article in by_id])
             for s in sentences]
    return " ".join(s.text for s in sentences), cited


def citation_figures(cited: Sequence[tuple[str, Sequence[str]]]) -> dict[str, float]:
    """Citation precision, supported-sentence share and cited-sentence share of one summary's sentences."""
    backing = [[support(sentence, span) >= SUPPORT_MIN for span in spans] for sentence, spans in cited]
    n_citations = sum(map(len, backing))
    return {"citation_precision": sum(map(sum, backing)) / n_citations if n_citations else 0.0,
            "supported_sentences": sum(map(any, backing)) / len(backing) if backing else 0.0,
            "cited_sentences": sum(1 for b in backing if b) / len(backing) if backing else 0.0,
            "citations": n_citations}


def _mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]} if rows else {}


def score(data_dir: Path, limit: int | None = None) -> Result:
    t0 = time.perf_counter()
    clusters = gold.sample(gold.load_duc2003(data_dir), limit)
    rows: dict[str, list[dict[str, float]]] = {CROSSWIRE: [], "lead": [], "lexrank": []}
    for cluster in clusters:
        text, cited = crosswire_summary(cluster)
        rouge = rouge_recall(text, cluster.references, SUMMARY_WORDS)
        rows[CROSSWIRE].append({"rouge1_r": rouge["rouge1"], "rouge2_r": rouge["rouge2"],
                                **citation_figures(cited), "summary_words": len(text.split())})
        for name, system in (("lead", lead), ("lexrank", lexrank)):
            rouge = rouge_recall(system(cluster), cluster.references, SUMMARY_WORDS)
            rows[name].append({"rouge1_r": rouge["rouge1"], "rouge2_r": rouge["rouge2"]})
    systems = {name: _mean(r) for name, r in rows.items()}
    return result("summaries", systems, HEADLINE, n=len(clusters), limit=limit, data=[gold.DUC2003],
                  settings={"words": SUMMARY_WORDS, "max_sentences": SUMMARY_SENTENCES, "support_min": SUPPORT_MIN,
                            "rouge": "rouge-score, stemmed, recall, mean over references"},
                  seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Cited summaries against DUC 2003 task 2.", gold.DUC2003, argv)


if __name__ == "__main__":
    main()
