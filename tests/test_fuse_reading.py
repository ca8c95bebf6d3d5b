"""What readers are shown of a span: the text as given, or a restored report's reading text."""

from __future__ import annotations

from crosswire.fuse.reading import readable
from crosswire.model import Article, ArticleAnalysis


def test_a_span_shows_treebank_brackets_as_the_brackets_they_stand_for():
    text = "Oil giant BP is to put $20bn -LRB- £13.5bn -RRB- in a fund , said Tripoli -lrb- cnn -rrb- ."
    article = Article("a", text)
    shown = readable(article, ArticleAnalysis("a", text), 0, len(text))
    assert shown == "Oil giant BP is to put $20bn (£13.5bn) in a fund , said Tripoli (cnn) ."
    # the span still indexes the text as given: only what is shown reads differently
    start = text.index("$20bn")
    assert readable(article, ArticleAnalysis("a", text), start, start + len("$20bn -LRB- £13.5bn -RRB-")) == \
        "$20bn (£13.5bn)"


def test_a_span_shows_ascii_quote_pairs_as_quote_marks():
    text = "He said his talks were in ``chaos'' because `` we are divided '' , he said , and called it ''a farce''."
    article = Article("a", text)
    assert readable(article, ArticleAnalysis("a", text), 0, len(text)) == (
        "He said his talks were in “chaos” because “we are divided” , he said , and called it “a farce”.")
    # an apostrophe is no quote mark
    text = "the rebels' positions and Gaddafi's forces"
    assert readable(Article("b", text), ArticleAnalysis("b", text), 0, len(text)) == text
