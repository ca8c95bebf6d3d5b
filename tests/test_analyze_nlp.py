"""The loaded pipeline reads the Penn Treebank bracket tokens of corpus-form text as brackets."""

from __future__ import annotations

import pytest

from crosswire.analyze.entities import find_mentions
from crosswire.analyze.nlp import PTB_BRACKETS, load_pipeline
from crosswire.restore import restore


def test_nlp_ptb_bracket_tokens_have_their_brackets_features_and_flags():
    vocab = load_pipeline("blank:en").vocab
    for ptb, bracket in PTB_BRACKETS.items():
        for form in (ptb, ptb.lower()):
            lex = vocab[form]
            assert (lex.norm_, lex.prefix_, lex.suffix_, lex.shape_) == (bracket, bracket, bracket, bracket)
            assert lex.is_punct and lex.is_bracket
            assert lex.is_left_punct == (bracket in "([{") and lex.is_right_punct == (bracket in ")]}")


@pytest.mark.slow
@pytest.mark.issue(8)
def test_nlp_a_word_after_a_bracketed_photo_credit_is_no_name(nlp):
    given = ("-LRB- Anna Kessel\\/Reuters -RRB- Smoke rises over the harbour of Halvane on Saturday .\n"
             "Halvane , Marovia -LRB- CNN -RRB- -- Rebels held the port on Sunday .")
    doc = nlp(restore(given).text)
    assert {t.tag_ for t in doc if t.text in PTB_BRACKETS} == {"-LRB-", "-RRB-"}
    names = {m.text for m in find_mentions(doc)}
    assert "Smoke" not in names and not any("-LRB-" in n or "-RRB-" in n for n in names), names
    assert {"Halvane", "CNN"} <= names
