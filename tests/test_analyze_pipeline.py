"""The analyze stage end to end: restore, one spaCy pass, every finder, spans back in the given text."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language

from crosswire.analyze import pipeline
from crosswire.analyze.nlp import DEFAULT_MODEL, load_pipeline
from crosswire.analyze.pipeline import MAX_ANALYSIS_CHARS, WORKER_CHUNK, analyze_articles, text_sections
from crosswire.ingest import read_paths
from crosswire.model import Article, ArticleAnalysis, Problem
from crosswire.restore import Lexicon

CASED = ("MIRANDEL - Flood barriers at Mirandel gave way on Monday, the Tesca Valley Authority (TVA) said. "
         "\"We moved 2,400 people out overnight,\" spokeswoman Ana Ferro told reporters.")
CORPUS = ("mirandel , tesca ( wire ) - about 3,000 people have left mirandel since monday , the tva said .\n"
          "ferro said the barriers would be rebuilt before winter .\n")


def _read_back(article: Article, analysis: ArticleAnalysis) -> None:
    text = article.text
    for item in (*analysis.mentions, *analysis.quotes, *analysis.figures, *analysis.times):
        assert text[item.start:item.end] == item.text, item
    for q in analysis.quotes:
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    for a in analysis.aliases:
        assert text[a.short_start:a.short_end] == a.short and text[a.long_start:a.long_end] == a.long
    for s in analysis.sentences:
        assert 0 <= s.start < s.end <= len(text)


def test_pipeline_spans_read_back_in_cased_and_corpus_form():
    cased, corpus = Article("a", CASED), Article("b", CORPUS)
    lexicon = Lexicon()
    (first,) = analyze_articles([cased])
    lexicon.observe_text(cased.text)
    for m in first.mentions:
        lexicon.observe_name(m.text, m.label)
    (second,) = analyze_articles([corpus], lexicon=lexicon)
    _read_back(cased, first)
    _read_back(corpus, second)
    assert second.form["lowercased"] and second.reading_text.startswith("Mirandel")
    assert any(m.text == "mirandel" for m in second.mentions)
    assert any(q.speaker and "Ferro" in q.speaker for q in second.quotes)
    # the source phrase, found in the reading text, is given in the text as given too
    assert [cased.text[q.source_start:q.source_end] for q in first.quotes] == [
        "the Tesca Valley Authority (TVA)", "spokeswoman Ana Ferro"]
    assert [corpus.text[q.source_start:q.source_end] for q in second.quotes] == ["the tva", "ferro"]


def test_pipeline_two_workers_give_the_same_analyses():
    articles = [Article(f"r{i}", f"Officials in Town{i} said {i + 5} homes were damaged on Monday.")
                for i in range(WORKER_CHUNK * 3)]
    assert list(analyze_articles(articles, workers=2)) == list(analyze_articles(articles, workers=1))


def test_ingest_embeds_leads_where_it_analyses_so_the_pass_computes_none(tmp_path):
    """Lead embeddings are made by the workers beside each analysis and stored with it at commit:
    the same vectors the recluster pass would compute, which then has none left to compute."""
    from crosswire.fuse.embed import lead_embeddings
    from crosswire.jobs import ingest_articles
    from crosswire.store import open_store

    articles = [Article(f"r{i}", f"Officials in Town{i} said {i + 5} homes were damaged on Monday.")
                for i in range(WORKER_CHUNK * 3)]
    expected = lead_embeddings([a.text for a in articles])
    if isinstance(expected, str):
        pytest.skip(expected)
    for workers in (1, 2):
        store = open_store(tmp_path / f"w{workers}.db")
        report = ingest_articles(articles, store, workers=workers)
        stored = store.embeddings([a.id for a in articles])
        assert sorted(stored) == sorted(a.id for a in articles)
        assert all(np.array_equal(stored[a.id], vector) for a, vector in zip(articles, expected))
        assert report.reclustered is not None and report.reclustered.embedding_seconds == 0.0
        store.close()


@pytest.mark.issue(13)
def test_ingest_with_workers_commits_in_order_and_restores_with_what_the_chunk_taught(tmp_path, monkeypatch):
    """The workers get one chunk's lowercased reports and the next chunk's cased ones at once; the
    commits still come chunk by chunk, cased first, and a lowercased report is restored with the names
    its own chunk's cased reports taught: the same store as in one process."""
    from crosswire import jobs
    from crosswire.store import open_store

    names = ["Marovia Relief Agency", "Dunvale Port Authority", "Seltic Water Board"]
    per_form = WORKER_CHUNK + 4  # past WORKER_CHUNK, so the workers take both forms
    monkeypatch.setattr(jobs, "CHUNK_SIZE", 2 * per_form)
    articles, expected_order = [], []
    for k, name in enumerate(names):
        cased = [Article(f"c{k}-{i}", f"The {name} said {i + 3} homes in Vorsk were damaged on Monday.")
                 for i in range(per_form)]
        lower = [Article(f"l{k}-{i}", f"the {name.lower()} said {i + 7} homes were damaged , officials said .")
                 for i in range(per_form)]
        articles += [a for pair in zip(lower, cased) for a in pair]  # as a feed mixes them
        expected_order += [a.id for a in cased + lower]
    again = articles[-2]  # the last chunk's last lowercased report, not yet committed when the next is read
    articles.append(Article("again", again.text))
    stores = {}
    for workers in (1, 2):
        store = open_store(tmp_path / f"w{workers}.db")
        report = jobs.ingest_articles(articles, store, workers=workers, recluster_at_end=False)
        assert report.stored == expected_order and report.duplicates == [again.id]
        assert [a.id for a in store.articles()] == expected_order
        stores[workers] = {a: store.analysis(a) for a in expected_order}
        store.close()
    assert stores[1] == stores[2]
    for k, name in enumerate(names):
        assert name.lower() in {m.text for m in stores[2][f"l{k}-0"].mentions}


def test_pipeline_workers_see_the_lexicon_as_it_was_when_called():
    def taught() -> Lexicon:
        lexicon = Lexicon()
        lexicon.observe_text("Officials in Vorsk met the Tesca Valley Authority on Monday.")
        return lexicon

    articles = [Article(f"r{i}", f"officials in vorsk counted {i} homes , the tesca valley authority said .")
                for i in range(WORKER_CHUNK * 4)]
    lexicon = taught()
    results = analyze_articles(articles, lexicon=lexicon, workers=2)
    first = next(results)
    for n in range(5000):  # the caller goes on teaching while the workers' tasks are still being sent
        lexicon.observe_text(f"Word{n} appears in Town{n} on Friday.")
    assert [first, *results] == list(analyze_articles(articles, lexicon=taught(), workers=1))


def test_pipeline_text_sections_join_back_and_cut_at_whitespace():
    text = ("First sentence here. Second one ends.\n\nA new paragraph starts. " * 40) + "x" * 300
    sections = text_sections(text, 200)
    assert "".join(sections) == text and all(len(s) <= 200 for s in sections)
    assert all(s[-1].isspace() for s in sections[:-3])  # the run without spaces is cut hard
    assert sections[0].endswith("\n\n") and text_sections("short", 200) == ["short"]


def test_pipeline_text_over_the_analysis_limit_is_a_problem_and_the_batch_goes_on(tmp_path: Path):
    path = tmp_path / "huge.txt"  # 5 MB on one line: more than spaCy parses at once, and than we analyse
    path.write_text((CASED + " ") * (5_000_000 // len(CASED)))
    (huge,) = read_paths([path])
    assert isinstance(huge, Article) and len(huge.text) > MAX_ANALYSIS_CHARS
    problem, analysis = analyze_articles([huge, Article("small", CASED)])
    assert isinstance(problem, Problem) and problem.kind == "too_large" and problem.source == str(path)
    assert f"{MAX_ANALYSIS_CHARS:,}" in problem.message and "split" in problem.message
    assert isinstance(analysis, ArticleAnalysis) and analysis.mentions


def test_pipeline_text_longer_than_spacy_takes_is_parsed_in_sections(monkeypatch):
    nlp = load_pipeline(DEFAULT_MODEL)  # the pipeline analyze_articles uses (cached by argument)
    monkeypatch.setattr(nlp, "max_length", 2000)
    cased = Article("long", (CASED + " ") * 60)  # one line, about 14,000 chars
    corpus = Article("corpus", CORPUS * 40)
    assert len(corpus.text) > nlp.max_length
    analyses = list(analyze_articles([cased, corpus]))
    for article, analysis in zip((cased, corpus), analyses):
        assert isinstance(analysis, ArticleAnalysis)
        _read_back(article, analysis)
        assert len(analysis.mentions) >= 60 and len(analysis.sentences) >= 80
    assert sum(m.text == "Tesca Valley Authority" for m in analyses[0].mentions) == 60
    assert analyses[1].reading_text != corpus.text  # restored: offsets map back through sections


@Language.component("crosswire_test_fail_on_boom")
def _fail_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("spaCy broke on this text")
    return doc


def test_pipeline_spacy_failure_on_one_text_loses_only_that_article(monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("crosswire_test_fail_on_boom")
    monkeypatch.setattr(pipeline, "load_pipeline", lambda model: nlp)
    articles = [Article("a", "Officials met on Monday."), Article("b", "BOOM went the parser.", source="b.txt"),
                Article("c", "Ferries resumed on Friday.")]
    first, failed, last = analyze_articles(articles)
    assert isinstance(first, ArticleAnalysis) and isinstance(last, ArticleAnalysis)
    assert isinstance(failed, Problem) and failed.kind == "analysis" and failed.source == "b.txt"
    assert "spaCy broke" in failed.message


def test_the_model_is_loaded_once_however_it_is_asked_for():
    assert load_pipeline() is load_pipeline(DEFAULT_MODEL)


_TEST_PROCESS = os.getpid()


@Language.component("crosswire_test_die_on_killswitch")
def _die_on_killswitch(doc):
    """Ends the worker process analysing a text with KILLSWITCH, as the out-of-memory killer would."""
    if "KILLSWITCH" in doc.text:
        if os.getpid() == _TEST_PROCESS:
            raise RuntimeError("a killing text reached the test process itself")
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def _dying_pipeline(monkeypatch) -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the worker processes must inherit this test's pipeline (fork start method)")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("crosswire_test_die_on_killswitch")
    monkeypatch.setattr(pipeline, "load_pipeline", lambda model: nlp)


def test_pipeline_a_report_that_kills_its_worker_is_a_problem_and_the_run_goes_on(monkeypatch):
    _dying_pipeline(monkeypatch)
    articles = [Article(f"r{i}", f"Officials in Town{i} said {i + 5} homes were damaged on Monday.",
                        source="feed.jsonl", line=i + 1) for i in range(WORKER_CHUNK * 3)]
    articles[WORKER_CHUNK + 3] = Article("killer", "The KILLSWITCH report.", source="feed.jsonl",
                                         line=WORKER_CHUNK + 4)
    results = list(analyze_articles(articles, workers=2))
    assert len(results) == len(articles)
    problems = [r for r in results if isinstance(r, Problem)]
    assert [(p.kind, p.source, p.line) for p in problems] == [("worker", "feed.jsonl", WORKER_CHUNK + 4)]
    assert "'killer'" in problems[0].message and "ended its worker" in problems[0].message
    assert [r.article_id for r in results if isinstance(r, ArticleAnalysis)] == [
        a.id for a in articles if a.id != "killer"]


def test_pipeline_workers_that_die_on_every_report_stop_the_run_with_a_clear_error(monkeypatch):
    from crosswire.errors import ClusterError

    _dying_pipeline(monkeypatch)
    articles = [Article(f"r{i}", f"KILLSWITCH number {i}.") for i in range(WORKER_CHUNK * 2)]
    with pytest.raises(ClusterError, match="die on every article"):
        list(analyze_articles(articles, workers=2))


def test_pipeline_a_killing_report_alone_in_its_chunk_is_a_problem_not_a_failed_run(monkeypatch):
    _dying_pipeline(monkeypatch)
    articles = [Article(f"r{i}", f"Officials in Town{i} counted {i + 5} homes.") for i in range(WORKER_CHUNK * 2)]
    articles.append(Article("killer", "The KILLSWITCH report.", source="last.txt"))
    *analysed, last = analyze_articles(articles, workers=2)
    assert all(isinstance(r, ArticleAnalysis) for r in analysed)
    assert isinstance(last, Problem) and (last.kind, last.source) == ("worker", "last.txt")
