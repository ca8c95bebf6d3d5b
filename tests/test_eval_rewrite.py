"""The corpus-form rewrite (lowercased, tokenized, quote marks stripped) with its origin map."""

from __future__ import annotations

from eval.rewrite import corpus_form


def test_rewrite_corpus_form_lowercases_tokenizes_strips_quotes():
    text = 'He said: "Clinton\u2019s team doesn\u2019t know." Costs rose 3.5% on the 11th.\nNext.'
    rw = corpus_form(text)
    assert rw.text == ("he said : clinton \u2019s team does n\u2019t know . costs rose 3.5 % on the 11th .\n"
                       "next .")
    assert len(rw.origins) == len(rw.text)


def test_rewrite_origins_point_at_the_same_letters():
    text = 'She said "We Won" today.'
    rw = corpus_form(text)
    for i, origin in enumerate(rw.origins):
        if origin >= 0:
            assert rw.text[i] == text[origin].lower()


def test_rewrite_map_span_carries_gold_spans():
    text = 'The mayor said: "The bridge will open."'
    rw = corpus_form(text)
    start = text.index("The bridge")
    span = rw.map_span(start, text.index(".") + 1)
    assert rw.text[span[0]:span[1]] == "the bridge will open ."
    assert rw.map_span(text.index('"'), text.index('"') + 1) is None  # the quote mark is gone
