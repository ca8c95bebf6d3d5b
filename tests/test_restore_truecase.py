"""Truecasing: general English without data, collection knowledge with a lexicon."""

import pytest

from crosswire.restore import Lexicon, truecase


def lexicon_of(text: str, names: list[tuple[str, str]] = ()) -> Lexicon:
    lex = Lexicon()
    lex.observe_text(text)
    for name, label in names:
        lex.observe_name(name, label)
    return lex


CASED = ("Engineers from the Northern Levee Authority (NLA) said on Monday that the Tarn dam near "
         "Oskvar had failed. Mirela Dascu, spokeswoman for the NLA, said crews were at work in "
         "Oskvar. Later, Dascu said the US-backed fund would help. It will rain, officials said, "
         "and the authority will decide. NLA staff told us so. The NLA said US aid came.")
NAMES = [("Northern Levee Authority", "ORG"), ("Mirela Dascu", "PERSON"), ("Oskvar", "GPE")]


@pytest.mark.parametrize(("given", "cased"), [
    ("the dam broke. it held.", "The dam broke. It held."),
    ("i know what i saw, she said.", "I know what I saw, she said."),
    ("water rose on monday and in june.", "Water rose on Monday and in June."),
    ("the u.s. and u.n. teams came.", "The U.S. and U.N. teams came."),
    ("u.s.-backed crews, i.e. engineers, came at 5 p.m. today.",
     "U.S.-backed crews, i.e. engineers, came at 5 p.m. today."),
    ("it may rain in may or on may 5.", "It may rain in May or on May 5."),
    ("they march in march.", "They march in March."),
    ("col. zorvex quillan spoke. mr. vorn too.", "Col. zorvex quillan spoke. Mr. vorn too."),  # no evidence
    ("col. ryan hart spoke. mr. lee too.", "Col. Ryan Hart spoke. Mr. Lee too."),  # the casing prior's names
    ("it was intense ... we expect more.", "It was intense ... we expect more."),
    ('he said. "leave now," she said.', 'He said. "Leave now," she said.'),
    ("the french team left.", "The French team left."),  # the casing prior: how general news spells it
])
def test_truecase_without_lexicon(given, cased):
    assert truecase(given) == cased


def test_truecase_the_collection_decides_a_word_it_used_before_the_prior():
    # the collection's cased reports wrote "french" lowercase (a kind of window), so the prior's "French" is not used
    lex = lexicon_of("The french windows were open. Two french doors led out; the french polish was new.")
    assert truecase("the french windows were open.", lex) == "The french windows were open."
    assert truecase("the french windows were open.") == "The French windows were open."


def test_truecase_a_period_closing_a_short_bracketed_label_ends_no_sentence():
    # "(R-Fla.)", "(Ariz.)": the words after the label go on with the sentence; a sentence in brackets ends
    assert truecase("sen. zorvex quillan (d-okla.) said the plan failed.").endswith(") said the plan failed.")
    assert truecase("a county (ariz.) sheriff spoke.").endswith(") sheriff spoke.")
    assert truecase("it held. (the access was restored on monday.) it rained.").endswith(".) It rained.")


def test_truecase_per_line_sentences():
    assert truecase("the dam broke .\nofficials said so .\nno one was hurt") == \
        "The dam broke .\nOfficials said so .\nNo one was hurt"


def test_truecase_wrapped_lines_are_not_sentence_starts():
    text = "the dam broke near the\ntown after rain\nand wind\n\nofficials spoke."
    assert truecase(text) == "The dam broke near the\ntown after rain\nand wind\n\nOfficials spoke."


def test_truecase_dateline_place_and_agency():
    assert truecase("oskvar, tarnland (meridian) - the dam broke.") == \
        "Oskvar, Tarnland (Meridian) - The dam broke."
    assert truecase("oskvar (ap) - the dam broke, a worker told ap.") == \
        "Oskvar (AP) - The dam broke, a worker told AP."


def test_truecase_sentence_with_dash_is_not_a_dateline():
    assert truecase("the toll - officials said - rose.") == "The toll - officials said - rose."
    assert truecase("floods hit north - officials said.") == "Floods hit north - officials said."


def test_truecase_with_lexicon_names_acronyms_and_words():
    lex = lexicon_of(CASED, NAMES)
    given = ("mirela dascu of the northern levee authority ( nla ) said oskvar was flooded. "
             "dascu said the authority will help.")
    assert truecase(given, lex) == (
        "Mirela Dascu of the Northern Levee Authority ( NLA ) said Oskvar was flooded. "
        "Dascu said the authority will help.")


def test_truecase_lexicon_never_recases_function_words_alone():
    lex = lexicon_of(CASED, NAMES)
    assert lex.case_of("us") == "US"
    assert truecase("they told us that u.s. aid and us-backed funds came.", lex) == \
        "They told us that U.S. aid and us-backed funds came."


def test_truecase_multiword_name_keeps_function_words_cased():
    lex = lexicon_of("Soldiers of the US Army came.", [("US Army", "ORG")])
    assert truecase("troops of the us army came.", lex) == "Troops of the US Army came."


def test_truecase_leading_article_of_a_name_stays_lowercase():
    lex = lexicon_of("", [("The Levee Board", "ORG")])
    assert truecase("we asked the levee board.", lex) == "We asked the Levee Board."


def test_truecase_proper_hints_title_case_unless_lexicon_knows():
    lex = lexicon_of("Crews reached McVale and NLA staff came.")
    assert truecase("the river hit oskvar and mcvale near west vale-nord.", lex,
                    proper=["oskvar", "mcvale", "west vale", "nord"]) == \
        "The river hit Oskvar and McVale near West Vale-Nord."


def test_truecase_sees_a_name_learnt_after_an_earlier_report():
    # the lexicon's phrases are indexed once and rebuilt when it learns more, not kept stale
    lex = lexicon_of("", [("Levee Board", "ORG")])
    assert truecase("the tarn dam held.", lex) == "The tarn dam held."
    lex.observe_name("Tarn Dam", "FAC")
    assert truecase("the tarn dam held.", lex) == "The Tarn Dam held."


def test_truecase_hints_and_lexicon_phrases_longest_first():
    lex = lexicon_of("", [("West Vale", "GPE")])
    assert truecase("we reached west vale dam.", lex, proper=["west vale dam"]) == "We reached West Vale Dam."
    assert truecase("we reached west vale dam.", lex) == "We reached West Vale dam."


def test_truecase_keeps_length_when_upper_case_is_longer():
    given = "ßig ﬁles. ǆemal said."  # "ß".upper() == "SS", "ﬁ".upper() == "FI"
    assert truecase(given) == "ßig ﬁles. ǅemal said."


@pytest.mark.parametrize(("given", "expected"), [
    ("aid reached the a.ﬀ.", "Aid reached the A.ﬀ."),  # "ﬀ".upper() == "FF" ran past the text
    ("aid reached the İ.b.", "Aid reached the İ.B."),  # "İ".lower() == "i̇" shifted every form
    ("a.ß. and u.s. aid", "A.ß. and U.S. aid"),
])
def test_truecase_initialisms_with_letters_whose_case_has_another_length(given, expected):
    assert truecase(given) == expected
