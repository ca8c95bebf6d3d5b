"""Mentions (NER plus names learnt from cased reports) and alias evidence stated by the text."""

from __future__ import annotations

from spacy.tokens import Span

from crosswire.analyze.entities import _known_name_matchers, abbreviates, find_aliases, find_mentions
from crosswire.model import AliasEvidence, Mention


def _check_offsets(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert text[m.start:m.end] == m.text


def _check_alias_offsets(text: str, aliases: list[AliasEvidence]) -> None:
    for a in aliases:
        assert text[a.short_start:a.short_end] == a.short
        assert text[a.long_start:a.long_end] == a.long


def _aliases(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    found = find_aliases(doc, find_mentions(doc))
    _check_alias_offsets(text, found)
    return [(a.kind, a.short, a.long) for a in found]


def test_entities_mentions_have_useful_labels_sorted_and_trimmed(nlp):
    text = "The Northern Rescue Alliance’s boats reached Velmora on Tuesday with 40 people."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 5, label="ORG"), Span(doc, 7, 8, label="GPE"),
                Span(doc, 9, 10, label="DATE")]  # "The ... Alliance’s", "Velmora", "Tuesday"
    mentions = find_mentions(doc)
    _check_offsets(text, mentions)
    assert [(m.text, m.label) for m in mentions] == [
        ("Northern Rescue Alliance", "ORG"), ("Velmora", "GPE")]


def test_entities_known_names_found_case_insensitively(nlp):
    text = "the kestrel bay council met marta ilvane on tuesday ."
    known = [("Kestrel Bay", "GPE"), ("Marta Ilvane", "PERSON")]
    doc = nlp(text)
    doc.ents = []
    mentions = find_mentions(doc, known)
    _check_offsets(text, mentions)
    assert [(m.text, m.label) for m in mentions] == [
        ("kestrel bay", "GPE"), ("marta ilvane", "PERSON")]


def test_entities_known_names_extend_partial_ner_spans_but_never_split_them(nlp):
    text = "fighters of the valley separatist movement met jane roe ."
    doc = nlp(text)
    doc.ents = [Span(doc, 3, 4, label="NORP"), Span(doc, 7, 9, label="PERSON")]
    known = [("Valley Separatist Movement", "ORG"), ("Roe", "PERSON")]
    mentions = find_mentions(doc, known, cased=False)  # lowercased text, as the pipeline says
    _check_offsets(text, mentions)
    assert [(m.text, m.label) for m in mentions] == [
        ("valley separatist movement", "ORG"), ("jane roe", "PERSON")]


def test_entities_known_names_follow_the_list_given_as_it_grows_and_changes(nlp):
    """The matchers are kept and grown per process; what is found is still exactly the list given."""
    text = "the kestrel bay council met marta ilvane and dorn vell on tuesday ."
    doc = nlp(text)
    doc.ents = []

    def found(known):
        return [(m.text, m.label) for m in find_mentions(doc, tuple(known), cased=False)]

    first = [("Kestrel Bay", "GPE"), ("Marta Ilvane", "PERSON")]
    assert found(first) == [("kestrel bay", "GPE"), ("marta ilvane", "PERSON")]
    grown = first + [("Dorn Vell", "PERSON")]  # the next chunk's lexicon: one more name
    assert found(grown) == [("kestrel bay", "GPE"), ("marta ilvane", "PERSON"), ("dorn vell", "PERSON")]
    relabelled = [("Kestrel Bay", "ORG"), ("Dorn Vell", "PERSON")]  # another lexicon: a name gone, a label changed
    assert found(relabelled) == [("kestrel bay", "ORG"), ("dorn vell", "PERSON")]
    assert found([]) == []
    # one set of matchers per vocabulary, grown, not one per list (they once were rebuilt and kept per chunk)
    assert _known_name_matchers(doc.vocab, tuple(first)) is _known_name_matchers(doc.vocab, tuple(grown))


def test_entities_known_acronym_spelling_a_common_word_needs_its_case(nlp):
    text = "It is clear that IS fighters left the town."
    doc = nlp(text)
    doc.ents = []
    mentions = find_mentions(doc, [("IS", "ORG")])
    _check_offsets(text, mentions)
    assert [(m.start, m.text) for m in mentions] == [(text.index("IS "), "IS")]


def test_entities_abbreviates_initials_with_function_words():
    assert abbreviates("MWP", ["Ministry", "of", "Water", "and", "Power"])
    assert abbreviates("DoD", ["Department", "of", "Defense"])
    assert abbreviates("nra", ["northern", "rescue", "alliance"])
    assert not abbreviates("XYZ", ["Northern", "Rescue", "Alliance"])
    assert not abbreviates("N", ["Northern"])


def test_entities_parenthetical_acronym_both_orders(nlp):
    assert _aliases(nlp, "Fighters of the Northern Rescue Alliance (NRA) reached the port.") == [
        ("parenthetical", "NRA", "Northern Rescue Alliance")]
    assert _aliases(nlp, "The NRA (Northern Rescue Alliance) reached the port.") == [
        ("parenthetical", "NRA", "Northern Rescue Alliance")]
    assert _aliases(nlp, "The Ministry of Water and Power (MWP) said the dam held.") == [
        ("parenthetical", "MWP", "Ministry of Water and Power")]


def test_entities_parenthetical_in_lowercased_text(nlp):
    assert _aliases(nlp, "the northern rescue alliance (nra) reached the port.") == [
        ("parenthetical", "nra", "northern rescue alliance")]


def test_entities_parentheses_that_are_not_acronyms(nlp):
    text = "The committee (XYZ) met. The river (which was high) rose. Marta Ilvane (34) spoke."
    assert _aliases(nlp, text) == []


def test_entities_acronym_for_skips_the_speaker_phrase(nlp):
    text = ("The raids by Vask must stop, said Marta Ilvane, spokeswoman for the Kestrel Bay "
            "council, using the local acronym for the Valley Separatist Movement.")
    assert _aliases(nlp, text) == [("acronym_for", "Vask", "Valley Separatist Movement")]


def test_entities_acronym_for_apposition(nlp):
    text = "Police blamed Vask, the acronym for the Valley Separatist Movement, for the attack."
    assert _aliases(nlp, text) == [("acronym_for", "Vask", "Valley Separatist Movement")]


def test_entities_also_known_as(nlp):
    assert _aliases(nlp, "Tomas Hale, also known as the Ferryman, rescued forty people.") == [
        ("aka", "Ferryman", "Tomas Hale")]
    assert _aliases(nlp, "The Velmora Basin Company, known locally as Basco, built the dam.") == [
        ("aka", "Basco", "Velmora Basin Company")]
    assert _aliases(nlp, "The Harlan Front group, also known as Dask, claimed the attack.") == [
        ("aka", "Dask", "Harlan Front")]
    # what is renamed is the noun "known" hangs from: a law, a clause, never the name before them
    assert _aliases(nlp, "Ships are barred from Velmoran waters by a 1920s law known as the Harlan Act.") == []
    assert _aliases(nlp, "Ada Voss chose what was by then known as the Basin Oil Company.") == []
    # what it is renamed to is a name, not a common noun nor a possessor
    assert _aliases(nlp, "A third Osrand son, Tarik -- better known as the family's professional soccer "
                         "player -- may also have been involved.") == []


def test_entities_seed_reports_state_their_aliases(nlp, seeds_dir):
    """The cased report defines an acronym in parentheses and names an acronym's meaning."""
    text = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    doc = nlp(text)
    mentions = find_mentions(doc)
    _check_offsets(text, mentions)
    aliases = find_aliases(doc, mentions)
    _check_alias_offsets(text, aliases)
    kinds = {a.kind for a in aliases}
    assert {"parenthetical", "acronym_for"} <= kinds


def test_entities_common_word_spans_are_not_names_in_cased_text(nlp):
    doc = nlp("The river had risen since Saturday, fed by heavy rain. VORSK officials met in Vorsk.")
    texts = {m.text for m in find_mentions(doc)}
    assert "fed" not in texts


def test_entities_corpus_bracket_tokens_are_never_names(nlp):
    doc = nlp("Libyan leader -LRB- Gadhafi -RRB- said on Monday. WASHINGTON -LRB- Reuters -RRB- - "
              "Moammar Gadhafi -LRB- left -RRB- spoke.")
    texts = [m.text for m in find_mentions(doc)]
    assert not any("LRB" in t or "RRB" in t for t in texts)
    assert "Gadhafi" in texts and "Moammar Gadhafi" in texts


def test_entities_corpus_quote_marks_are_never_part_of_names(nlp):
    text = "He adds: ``Mr Hayward, I am sure you will get your life back.'' Then ``Tony Blair said so."
    mentions = find_mentions(nlp(text))
    assert not any(m.text[0] in "`'" or m.text[-1] in "`'" for m in mentions)
    assert "Mr Hayward" in {m.text for m in mentions} or "Hayward" in {m.text for m in mentions}
    _check_offsets(text, mentions)


def test_entities_a_side_taken_towards_a_name_is_no_name(nlp):
    texts = {m.text for m in find_mentions(nlp(
        "Pro-Velmar forces shelled Dorn, said Ada Ross of the Anti-Corruption Commission. "
        "The anti-Velmar crowds left."))}
    assert not any(t.lower().startswith(("pro", "anti-v")) for t in texts)
    assert "Anti-Corruption Commission" in texts  # a name that begins with a side taken stays one


def test_entities_names_a_slash_joins_are_each_their_own(nlp):
    text = ("Tue Mar 1, 2011 10:19 am IST KORLAN/DORNA (Reuters) - Troops moved, according to the "
            "Reuters/Velmar Military Survey report.")
    texts = {m.text for m in find_mentions(nlp(text))}
    assert not any("/" in t for t in texts) and {"KORLAN", "DORNA", "Velmar Military Survey"} <= texts


def test_entities_a_time_stamp_is_no_person(nlp):
    text = "KORLA | Thu Mar 3, 2011 1:28 pm EST KORLA (Reuters) -- Ada Ross met the G20 envoys."
    mentions = find_mentions(nlp(text))
    assert not any(ch.isdigit() for m in mentions if m.label in ("PERSON", "GPE", "LOC", "NORP") for ch in m.text)
    assert "Ada Ross" in {m.text for m in mentions}


def test_entities_known_names_in_cased_text_need_a_proper_word(nlp):
    doc = nlp("Energy prices rose. The energy bill passed the House, and the house was quiet.")
    texts = [m.text for m in find_mentions(doc, (("Energy", "ORG"), ("House", "ORG")))]
    assert "energy" not in texts and "house" not in texts and "House" in texts
