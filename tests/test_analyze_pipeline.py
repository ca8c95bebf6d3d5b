"""The analyze stage end to end: restore, one spaCy pass, every finder, spans back in the given text."""

from __future__ import annotations

from crosswire.analyze.pipeline import WORKER_CHUNK, analyze_articles
from crosswire.model import Article, ArticleAnalysis
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


def test_pipeline_two_workers_give_the_same_analyses():
    articles = [Article(f"r{i}", f"Officials in Town{i} said {i + 5} homes were damaged on Monday.")
                for i in range(WORKER_CHUNK * 3)]
    assert list(analyze_articles(articles, workers=2)) == list(analyze_articles(articles, workers=1))



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
