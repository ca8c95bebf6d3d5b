"""The lexicon counts casing only where it is the writer's choice, and serialises exactly."""

import json
import pickle

from crosswire.restore import Lexicon


def lexicon_of(*texts: str) -> Lexicon:
    lex = Lexicon()
    for text in texts:
        lex.observe_text(text)
    return lex


def test_lexicon_learns_mid_sentence_names():
    lex = lexicon_of("Water reached Oskvar on Monday. The mayor of Oskvar left.")
    assert lex.case_of("oskvar") == "Oskvar"


def test_lexicon_ignores_sentence_initial_capitals():
    lex = lexicon_of('Floods hit the town. Floods rarely last. "Floods are back," he said.')
    assert lex.case_of("floods") is None


def test_lexicon_keeps_acronyms_even_at_sentence_start():
    assert lexicon_of("NWA engineers came. They said so.").case_of("nwa") == "NWA"


def test_lexicon_requires_cased_forms_to_dominate():
    lex = lexicon_of("We met Will, and Will came. It will rain, he will go, they will stay.")
    assert lex.case_of("will") is None
    assert lexicon_of("It was Will who came, and Will left.").case_of("will") == "Will"


def test_lexicon_skips_words_inside_runs_of_capitals():
    lex = lexicon_of("Officials of the Northern Levee Authority met on Tuesday with local staff.")
    assert lex.case_of("authority") is None
    assert lex.case_of("tuesday") == "Tuesday"


def test_lexicon_skips_all_caps_datelines_and_headlines():
    lex = lexicon_of("DAM BREAKS IN THE NORTH\nHARBOURTON - The river rose near the town.")
    assert lex.case_of("harbourton") is None
    assert lex.case_of("dam") is None


def test_lexicon_hyphen_is_not_a_sentence_start():
    assert lexicon_of("They reached the Saint-Lô bridge.").case_of("lô") == "Lô"


def test_lexicon_person_names_count_as_cased_words_other_names_do_not():
    lex = Lexicon()
    lex.observe_name("Mirela Dascu", "PERSON")
    lex.observe_name("Northern Levee Authority", "ORG")
    lex.observe_name("Schools", "PERSON")
    assert lex.case_of("dascu") == "Dascu"
    assert lex.case_of("authority") is None
    assert lex.case_of("schools") is None


def test_lexicon_names_most_frequent_label_ties_broken_by_label():
    lex = Lexicon()
    for name, label in [("Oskvar", "GPE"), ("Oskvar", "ORG"), ("Oskvar", "GPE"),
                        ("Tarn Dam", "FAC"), ("Tarn Dam", "LOC")]:
        lex.observe_name(name, label)
    lex.observe_name("OSKVAR - The", "ORG")  # a dateline misread as a name
    assert lex.names() == (("Oskvar", "GPE"), ("Tarn Dam", "FAC"))


def test_lexicon_names_are_kept_until_the_counts_change():
    # read off the whole lexicon once, not for every report analysed with it
    lex = Lexicon()
    lex.observe_name("Tarn Dam", "FAC")
    first = lex.names()
    assert lex.names() is first
    lex.observe_name("Oskvar", "GPE")
    assert lex.names() == (("Oskvar", "GPE"), ("Tarn Dam", "FAC"))
    kept = lex.names()
    lex.merge(lexicon_of("They saw NWA staff."))
    assert lex.names() is not kept
    other = Lexicon()
    other.observe_name("Vesna", "GPE")
    lex.merge(other)
    assert ("Vesna", "GPE") in lex.names()


def test_lexicon_pickles_without_what_was_derived():
    lex = Lexicon()
    lex.observe_name("Tarn Dam", "FAC")
    lex.derived("big", lambda _: list(range(100_000)))
    back = pickle.loads(pickle.dumps(lex))
    assert back == lex and back._derived == {} and back.names() == lex.names()
    assert len(pickle.dumps(lex)) < 1_000


def test_lexicon_merge_equals_observing_both():
    a, b = lexicon_of("We met Oskvar officials."), lexicon_of("They saw NWA staff in Oskvar.")
    a.merge(b)
    assert a == lexicon_of("We met Oskvar officials.", "They saw NWA staff in Oskvar.")


def test_lexicon_json_round_trip_and_order_independent():
    a = lexicon_of("We met Oskvar officials.", "They saw NWA staff in oskvar and Oskvar.")
    a.observe_name("Mirela Dascu", "PERSON")
    b = lexicon_of("They saw NWA staff in oskvar and Oskvar.", "We met Oskvar officials.")
    b.observe_name("Mirela Dascu", "PERSON")
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())
    back = Lexicon.from_json(json.loads(json.dumps(a.to_json())))
    assert back == a and back.case_of("oskvar") == "Oskvar" and back.names() == a.names()


def test_lexicon_case_of_ties_are_stable():
    lex = lexicon_of("a McVey and a MCVEY")
    assert lex.case_of("mcvey") == "MCVEY"  # equal counts: the first form in code-point order


def test_lexicon_crosses_processes_as_plain_counts():
    import pickle

    lex = Lexicon()
    lex.observe_text("The Vesna river rose. Officials in Kormut said the NWA was ready.")
    lex.observe_name("Mirela Dascu", "PERSON")
    sent = pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(sent) == lex and pickle.loads(sent).case_of("kormut") == "Kormut"
    # a Counter pickles and unpickles ten times slower, and a worker gets the lexicon once a chunk
    assert b"Counter" not in sent
