"""``AttributeIndex`` gives every token the attributes spaCy's own attribute ruler gives it (issue #13)."""

from __future__ import annotations

import pytest
import spacy

from crosswire.analyze.attribute_index import AttributeIndex, index_attribute_ruler
from crosswire.analyze.nlp import DEFAULT_MODEL, load_pipeline

pytestmark = pytest.mark.issue(13)

# Cased news, corpus form, and the words the ruler's rarer rules are about: contractions, "gon na",
# "y' all", "ai n't", pronouns by their dependency, expletive "there is", determiners as pronouns,
# runs of whitespace.
TEXTS = [
    "MIRANDEL - Flood barriers gave way on Monday, the Tesca Valley Authority said. \"We moved 2,400 people "
    "out overnight,\" spokeswoman Ana Ferro told reporters. That is what they did; those who stayed weren't safe.",
    "mirandel , tesca -lrb- wire -rrb- - about 3,000 people have left mirandel since monday , the tva said .\n"
    "ferro said `` we 're not done '' and that it would n't end soon .",
    "I said it to you, and you gave it to me. Let's go, y'all! We're gon na win, ain't nothin' stopping us. "
    "C'mon. There is a cat.  It is\n\n here . Which is it? Do you have it? I did, and he does.",
    "Whether or not they come, because she's late, it's over: neither this nor that was asked whether it had been.",
]


def _attributes(docs) -> list[list[tuple]]:
    return [[(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in docs]


def _through(nlp, texts: list[str]) -> list[list[tuple]]:
    """Each component in turn, so the ruler (or index) sees the same tagged and parsed tokens."""
    docs = [nlp.make_doc(text) for text in texts]
    for _, component in nlp.pipeline:
        docs = [component(doc) for doc in docs]
    return _attributes(docs)


def test_index_sets_the_attributes_the_ruler_sets_on_every_token():
    ruler_nlp = spacy.load(DEFAULT_MODEL)
    indexed_nlp = spacy.load(DEFAULT_MODEL)
    index_attribute_ruler(indexed_nlp)
    assert isinstance(indexed_nlp.get_pipe("attribute_ruler"), AttributeIndex)
    assert indexed_nlp.pipe_names == ruler_nlp.pipe_names
    expected, got = _through(ruler_nlp, TEXTS), _through(indexed_nlp, TEXTS)
    assert sum(map(len, got)) > 150
    for want_doc, got_doc in zip(expected, got):
        assert got_doc == want_doc
    # the rules that are looked up and those left to a matcher both fired
    poses = {t[0] for doc in got for t in doc}
    assert {"AUX", "PART", "PRON", "SCONJ", "SPACE"} <= poses


def test_a_later_rule_overrides_an_earlier_one_as_in_the_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "flood"}]], {"POS": "NOUN", "LEMMA": "flood"})
    ruler.add([[{"LOWER": {"IN": ["flood", "floods"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "flood"}]], {"LEMMA": "deluge"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^fl"}}]], {"MORPH": "Number=Sing"})
    expected = _attributes([nlp("The flood floods")])
    index_attribute_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeIndex)
    assert _attributes([nlp("The flood floods")]) == expected
    assert expected[0][1][0] == "VERB" and expected[0][1][3] == "deluge"


def test_the_shared_pipeline_uses_the_index():
    assert isinstance(load_pipeline().get_pipe("attribute_ruler"), AttributeIndex)


def test_analyses_of_corpus_reports_are_those_of_spacys_shipped_components(shared_data, monkeypatch):
    """crosswire's pipeline (the attribute index, lemmas on demand) analyses real reports exactly as the
    model with its shipped attribute ruler and lemmatizer does: the speed-up moves no quality figure."""
    from benchmarks.throughput import bare_pipeline, corpus_sample
    from crosswire.analyze import pipeline
    from crosswire.analyze.nlp import read_ptb_brackets_as_brackets
    from crosswire.model import Article

    articles = [Article(r.id, r.text, title=r.title, outlet=r.outlet, published=r.published)
                for r in corpus_sample(shared_data, 30)]
    ours = list(pipeline.analyze_articles(articles))
    shipped = bare_pipeline()
    read_ptb_brackets_as_brackets(shipped.vocab)
    assert "lemmatizer" in shipped.pipe_names and not isinstance(shipped.get_pipe("attribute_ruler"), AttributeIndex)
    monkeypatch.setattr(pipeline, "load_pipeline", lambda name: shipped)
    theirs = list(pipeline.analyze_articles(articles))
    assert sum(len(a.figures) + len(a.quotes) + len(a.mentions) for a in ours) > 100
    assert ours == theirs
