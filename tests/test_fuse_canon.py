"""Canonical entities from hand-built analyses of small invented reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from crosswire.fuse.canon import Canon, canonical_entities
from crosswire.fuse.similarity import name_fits, name_key, names_alike, phonetic_key
from crosswire.model import AliasEvidence, Article, ArticleAnalysis, Dateline, Mention, Quote
from crosswire.restore.offsetmap import OffsetMap


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def restored(text: str, reading: str) -> dict:
    """Offsets of a reading text made from ``text`` by dropping spaces and re-casing."""
    origins, g = [], 0
    for ch in reading:
        while text[g].lower() != ch.lower():
            g += 1
        origins.append(g)
        g += 1
    return OffsetMap.from_origins(origins, len(text)).to_json()


def item(aid: str, text: str, mentions: list[tuple[str, str] | tuple[str, str, int]],
         aliases: tuple[AliasEvidence, ...] = (), quotes: tuple[Quote, ...] = (),
         reading: str | None = None) -> tuple[Article, ArticleAnalysis]:
    """An article and its analysis; mentions as (surface, label[, nth occurrence])."""
    ms = []
    for surface, label, *nth in mentions:
        s, e = at(text, surface, nth[0] if nth else 0)
        ms.append(Mention(s, e, surface, label))
    lowered = text == text.lower()
    return (Article(aid, text, published=dt.date(2030, 5, 2)),
            ArticleAnalysis(aid, reading or text, form={"lowercased": lowered},
                            offsets=restored(text, reading) if reading else None, mentions=tuple(ms),
                            aliases=aliases, quotes=quotes))


def alias(text: str, short: str, long: str, kind: str = "parenthetical") -> AliasEvidence:
    (ss, se), (ls, le) = at(text, short), at(text, long)
    return AliasEvidence(short, long, ss, se, ls, le, kind)


def by_alias(canon: Canon, surface: str):
    return next(e for e in canon.entities if surface in e.aliases)


def assert_offsets(canon: Canon, items) -> None:
    texts = {a.id: a.text for a, _ in items}
    for entity in canon.entities:
        assert list(entity.mentions) == sorted(entity.mentions, key=lambda r: (r.article, r.start, r.end))
        for ref in entity.mentions:
            assert texts[ref.article][ref.start:ref.end] in entity.aliases


def test_canon_name_key_folds_case_dots_possessives_and_tokenization():
    assert name_key("U.S.-led") == name_key("u.s. -led") == name_key("US-led") == "us-led"
    assert name_key("Velmora’s") == name_key("velmora 's") == "velmora"
    assert name_key("the Harbour Front group") == "harbour front"
    # companies' legal forms fold, stacked or not; spelled-out ones are part of the name (and its acronym)
    assert name_key("Velmora Co.") == name_key("the Velmora Group PLC") == "velmora"
    assert name_key("Velmora Air Group PLC") == name_key("Velmora Air, Inc.") == "velmora air"
    assert name_key("Velmora Corporation") == "velmora corporation" and name_key("Ltd.") == "ltd"
    assert phonetic_key("qaddafi") == phonetic_key("kadhafi") == phonetic_key("gaddafi")
    assert names_alike("raqa", "raqqa") and names_alike("velmira harb", "velmirah harb")
    assert not names_alike("john", "joan")  # short names differ in one letter yet are different names
    assert not names_alike("velmor", "velmoria")  # an ending derives another name, not a respelling
    assert not names_alike("austria", "australia")  # sounds differ


def test_canon_merges_case_and_punctuation_variants_across_articles():
    a_text = "The U.S.-led coalition struck Velmora's port. The US-led coalition said so."
    b_text = "the u.s. -led coalition struck velmora 's port ."
    items = [item("a", a_text, [("U.S.-led coalition", "ORG"), ("Velmora", "GPE"), ("US-led coalition", "ORG")]),
             item("b", b_text, [("u.s. -led coalition", "ORG"), ("velmora", "GPE")])]
    canon = canonical_entities(items)
    coalition = by_alias(canon, "U.S.-led coalition")
    assert set(coalition.aliases) == {"U.S.-led coalition", "US-led coalition", "u.s. -led coalition"}
    assert {r.article for r in coalition.mentions} == {"a", "b"}
    assert by_alias(canon, "velmora") is by_alias(canon, "Velmora")
    assert len(canon.entities) == 2
    assert_offsets(canon, items)


def test_canon_alias_evidence_links_names_across_articles():
    a_text = "The Northern Rivers Alliance (NRA) took the bridge. Fighters call it Vorta, the local acronym for NRA."
    b_text = "NRA units advanced at dawn."
    c_text = "the northern rivers alliance denied it ."
    items = [item("a", a_text, [("Northern Rivers Alliance", "ORG"), ("NRA", "ORG"), ("Vorta", "PERSON")],
                  aliases=(alias(a_text, "NRA", "Northern Rivers Alliance"),
                           AliasEvidence("Vorta", "NRA", *at(a_text, "Vorta"), *at(a_text, "NRA", 1), "acronym_for"))),
             item("b", b_text, [("NRA", "ORG")]),
             item("c", c_text, [("northern rivers alliance", "ORG")])]
    canon = canonical_entities(items)
    nra = by_alias(canon, "NRA")
    assert {"Northern Rivers Alliance", "northern rivers alliance", "Vorta", "NRA"} <= set(nra.aliases)
    assert nra.name == "Northern Rivers Alliance" and nra.type == "ORG"
    assert {r.article for r in nra.mentions} == {"a", "b", "c"}
    assert len(canon.entities) == 1
    assert_offsets(canon, items)


def test_canon_acronym_joins_initials_only_when_written_in_capitals():
    a_text = "The Coastal Defence League and the Alliance for Independent Mining met in Dorn."
    b_text = "CDL boats left Dorn on Monday."
    c_text = "they aim to reopen the mines , the cdl said ."
    items = [item("a", a_text, [("Coastal Defence League", "ORG"), ("Alliance for Independent Mining", "ORG"),
                                ("Dorn", "GPE")]),
             item("b", b_text, [("CDL", "ORG"), ("Dorn", "GPE")]),
             item("c", c_text, [("aim", "ORG"), ("cdl", "ORG")])]
    canon = canonical_entities(items)
    league = by_alias(canon, "CDL")
    assert {"Coastal Defence League", "CDL", "cdl"} <= set(league.aliases)
    # "aim" is never written in capitals nor defined: an ordinary word, not the mining alliance
    assert by_alias(canon, "aim") is not by_alias(canon, "Alliance for Independent Mining")


def test_canon_acronym_is_not_hidden_by_names_holding_it_or_by_people():
    # "VR Navy" and "Vanya Rusk" also have the initials of "VR": only "Vestrian Republic" spells it
    a_text = "The Vestrian Republic sent the VR Navy, said Vanya Rusk. The VR denied it."
    b_text = "VR ships left Dorn on Monday. The Vestrian Republic Navy followed."
    items = [item("a", a_text, [("Vestrian Republic", "GPE"), ("VR Navy", "ORG"), ("Vanya Rusk", "PERSON"),
                                ("VR", "GPE", 1)]),
             item("b", b_text, [("VR", "GPE"), ("Dorn", "GPE"), ("Vestrian Republic Navy", "ORG")])]
    canon = canonical_entities(items)
    republic = by_alias(canon, "VR")
    assert {"Vestrian Republic", "VR"} <= set(republic.aliases)
    assert by_alias(canon, "VR Navy") is not republic and by_alias(canon, "Vanya Rusk") is not republic
    # a name holding the acronym is the name that spells it out
    assert by_alias(canon, "VR Navy") is by_alias(canon, "Vestrian Republic Navy")


def test_canon_a_name_with_a_legal_form_is_an_organisation():
    a_text = "Velmar Ltd. owned the rig. Velmar denied it. Velmar said so."
    items = [item("a", a_text, [("Velmar Ltd.", "ORG"), ("Velmar", "GPE", 1), ("Velmar", "GPE", 2)]),
             item("b", "Velmar left Dorn. Velmar Drilling Co. paid.", [("Velmar", "GPE"), ("Dorn", "GPE"),
                                                                       ("Velmar Drilling Co.", "PERSON")])]
    canon = canonical_entities(items)
    assert by_alias(canon, "Velmar").type == "ORG"
    assert by_alias(canon, "Velmar Drilling Co.").type == "ORG"
    assert by_alias(canon, "Dorn").type == "GPE"


def test_canon_a_name_qualified_by_a_place_is_the_name_unqualified():
    a_text = ("The Velmar Health Agency and the Health Agency met in Velmar. Korlan and Dornish farmers came: "
              "the Korlan Farmers Union, the Dornish Farmers Union and the Farmers Union.")
    items = [item("a", a_text, [("Velmar Health Agency", "ORG"), ("Health Agency", "ORG", 1), ("Velmar", "GPE", 1),
                                ("Korlan", "NORP"), ("Dornish", "NORP"), ("Korlan Farmers Union", "ORG"),
                                ("Dornish Farmers Union", "ORG"), ("Farmers Union", "ORG", 2)])]
    canon = canonical_entities(items)
    assert by_alias(canon, "Velmar Health Agency") is by_alias(canon, "Health Agency")
    # two qualified names share the unqualified one: it may be either, so none joins
    assert len({id(by_alias(canon, n)) for n in ("Korlan Farmers Union", "Dornish Farmers Union",
                                                  "Farmers Union")}) == 3


def test_canon_display_name_is_no_full_name_with_a_title_word_run_after_it():
    a_text = ("Ada Ross spoke. Ada Ross left. Ada Ross came back. End Quote Ada Ross Energy and Climate Secretary. "
              "End Quote Ada Ross Energy and Climate Secretary. Energy said so.")
    b_text = "Tarik Abdel Osran spoke. Tarik Abdel Osran left. Tarik Abdel said so. Osran left."
    items = [item("a", a_text, [("Ada Ross", "PERSON", n) for n in range(3)]
                  + [("Ada Ross Energy", "PERSON", n) for n in range(2)] + [("Energy", "PERSON", 2)]),
             item("b", b_text, [("Tarik Abdel Osran", "PERSON"), ("Tarik Abdel Osran", "PERSON", 1),
                                ("Tarik Abdel", "PERSON", 2), ("Osran", "PERSON", 2)])]
    canon = canonical_entities(items)
    assert by_alias(canon, "Ada Ross Energy").name == "Ada Ross"
    assert by_alias(canon, "Tarik Abdel").name == "Tarik Abdel Osran"  # a full name NER also cut short


def test_canon_merges_transliterations_of_compatible_types_only():
    a_text = "Qaddafi spoke in Zawiya. Dorset Holdings denied it."
    b_text = "Gaddafi left Zawiyah for Dorsett."
    c_text = "kadhafi was not seen in zawiya ."
    items = [item("a", a_text, [("Qaddafi", "PERSON"), ("Zawiya", "GPE"), ("Dorset", "ORG")]),
             item("b", b_text, [("Gaddafi", "PERSON"), ("Zawiyah", "LOC"), ("Dorsett", "GPE")]),
             item("c", c_text, [("kadhafi", "PERSON"), ("zawiya", "GPE")])]
    canon = canonical_entities(items)
    person = by_alias(canon, "Qaddafi")
    assert set(person.aliases) == {"Qaddafi", "Gaddafi", "kadhafi"} and person.type == "PERSON"
    assert set(by_alias(canon, "Zawiya").aliases) == {"Zawiya", "Zawiyah", "zawiya"}
    assert by_alias(canon, "Dorset") is not by_alias(canon, "Dorsett")  # an ORG and a place


def test_canon_a_rare_romanisation_joins_the_common_one_whatever_its_type():
    common = [item(f"g{n}", "Gadhafi spoke on television.", [("Gadhafi", "PERSON")]) for n in range(20)]
    rare = item("q", "Qadhafi forces shelled the town. Qadhafi forces held it. The Gaddadfa tribe stayed loyal.",
                [("Qadhafi", "GPE"), ("Qadhafi", "GPE", 1), ("Gaddadfa", "NORP")])
    canon = canonical_entities([*common, rare])
    person = by_alias(canon, "Gadhafi")
    assert "Qadhafi" in person.aliases and person.type == "PERSON"
    assert by_alias(canon, "Gaddadfa") is not person  # the tribe's name has other sounds
    # seen as often as each other, two types stay two names (as "Dorset" and "Dorsett" above)
    assert by_alias(canonical_entities([common[0], rare]), "Qadhafi") is not by_alias(
        canonical_entities([common[0], rare]), "Gadhafi")


def test_canon_one_name_written_in_one_word_or_two():
    a_text = "Velmar Oil and VelmarOil are one firm; Dorn City is not DornCity."
    items = [item("a", a_text, [("Velmar Oil", "ORG"), ("VelmarOil", "ORG"), ("Dorn City", "GPE"),
                                ("DornCity", "PERSON")])]
    canon = canonical_entities(items)
    assert by_alias(canon, "Velmar Oil") is by_alias(canon, "VelmarOil")
    assert by_alias(canon, "Dorn City") is not by_alias(canon, "DornCity")  # a place and a person


def test_canon_person_name_parts_join_the_one_full_name():
    a_text = "Mira Okonjo Tallis, a spokeswoman, spoke. Okonjo Tallis said more. Dr Tallis left."
    b_text = "tallis said the road was cut ."
    items = [item("a", a_text, [("Mira Okonjo Tallis", "PERSON"), ("Okonjo Tallis", "PERSON", 1),
                                ("Dr Tallis", "PERSON")]),
             item("b", b_text, [("tallis", "ORG")])]
    canon = canonical_entities(items)
    person = by_alias(canon, "Mira Okonjo Tallis")
    assert set(person.aliases) == {"Mira Okonjo Tallis", "Okonjo Tallis", "Dr Tallis", "tallis"}
    assert person.name == "Mira Okonjo Tallis" and person.type == "PERSON"
    assert len(canon.entities) == 1


def test_canon_cut_short_person_name_joins_by_its_first_words():
    a_text = "Lina Maro Kess spoke to reporters."
    b_text = "lina maro said the dam held ."
    items = [item("a", a_text, [("Lina Maro Kess", "PERSON")]), item("b", b_text, [("lina maro", "PERSON")])]
    (entity,) = canonical_entities(items).entities
    assert entity.aliases == ("Lina Maro Kess", "lina maro")


def test_canon_two_people_sharing_a_surname_stay_apart():
    text = "Ana Brook met Lev Brook in Sarn. Brook said nothing. Ms Brook left."
    items = [item("a", text, [("Ana Brook", "PERSON"), ("Lev Brook", "PERSON"), ("Brook", "PERSON", 2),
                              ("Ms Brook", "PERSON"), ("Sarn", "GPE")])]
    canon = canonical_entities(items)
    ana, lev, brook = by_alias(canon, "Ana Brook"), by_alias(canon, "Lev Brook"), by_alias(canon, "Brook")
    assert len({ana.id, lev.id, brook.id}) == 3


def test_canon_abbreviations_without_evidence_stay_apart():
    text = "The US and the USA were both named."
    canon = canonical_entities([item("a", text, [("US", "GPE"), ("USA", "GPE")])])
    assert by_alias(canon, "US") is not by_alias(canon, "USA")


def test_canon_majority_label_and_cased_name_win():
    a_text = "TELLINOR - Shells hit Tellinor. Tellinor was quiet later."
    b_text = "tellinor residents fled ."
    items = [item("a", a_text, [("TELLINOR", "ORG"), ("Tellinor", "GPE"), ("Tellinor", "GPE", 1)]),
             item("b", b_text, [("tellinor", "PERSON")])]
    canon = canonical_entities(items)
    (entity,) = canon.entities
    assert entity.type == "GPE" and entity.name == "Tellinor"
    assert entity.aliases == ("Tellinor", "TELLINOR", "tellinor")  # by count, then text


def test_canon_lowercased_only_name_takes_reading_text_casing():
    text = "omar fell said the bridge fell ."
    canon = canonical_entities([item("a", text, [("omar fell", "PERSON")],
                                     reading="Omar Fell said the bridge fell.")])
    assert canon.entities[0].name == "Omar Fell"
    assert canon.entities[0].aliases == ("omar fell",)


def test_canon_speakers_are_mentions_but_pronouns_are_not():
    text = "Dana Whitfield said the port was shut. Later she said it reopened."
    q1 = Quote(*at(text, "the port was shut"), "the port was shut", False, "Dana Whitfield",
               *at(text, "Dana Whitfield"), "say")
    q2 = Quote(*at(text, "it reopened"), "it reopened", False, "Dana Whitfield", *at(text, "she"), "say")
    canon = canonical_entities([item("a", text, [], quotes=(q1, q2))])
    (entity,) = canon.entities
    assert entity.type == "PERSON" and entity.aliases == ("Dana Whitfield",)
    assert canon.entity_for("a", *at(text, "she")) is None


def test_canon_lowercased_speakers_are_names_only_when_the_reading_text_capitalises_them():
    text = "dana quill said the dam held . another field commander said it broke . aid for all said so ."
    reading = "Dana Quill said the dam held. another field commander said it broke. Aid for All said so."
    quotes = tuple(Quote(*at(text, said), said, False, who, *at(text, who), "say")
                   for who, said in (("dana quill", "the dam held"), ("another field commander", "it broke"),
                                     ("aid for all", "so")))
    canon = canonical_entities([item("a", text, [], quotes=quotes, reading=reading)])
    assert [(e.name, e.type) for e in canon.entities] == [("Aid for All", "ORG"), ("Dana Quill", "PERSON")]


def test_canon_ids_lookups_and_determinism():
    a_text = "Port Ellis shut. Port Ellis reopened. Marta Quell spoke in Port Ellis."
    items = [item("a", a_text, [("Port Ellis", "GPE"), ("Port Ellis", "GPE", 1), ("Marta Quell", "PERSON"),
                                ("Port Ellis", "GPE", 2)])]
    canon = canonical_entities(items)
    assert [e.id for e in canon.entities] == ["e1", "e2"]
    assert canon.entities[0].name == "Port Ellis"
    assert canon.entity_named("port ellis") == "e1" and canon.entity_named("MARTA QUELL") == "e2"
    assert canon.entity_named("Nobody") is None
    assert canon.entity_for("a", *at(a_text, "Marta Quell")) == "e2"
    start, end = at(a_text, "Quell")
    assert canon.entity_for("a", start, end + 6) == "e2"  # overlapping span
    assert canon == canonical_entities(list(reversed(items)))
    assert_offsets(canon, items)


def test_canon_dateline_place_is_a_place_whatever_ner_says():
    text = "VORSK (Wire) - Floods hit Vorsk again. Vorsk officials met the Wire on Monday."
    mentions = tuple(Mention(m.start(), m.end(), m.group(), "ORG") for m in re.finditer(r"VORSK|Vorsk|Wire", text))
    analysis = ArticleAnalysis("a", text, dateline=Dateline(0, 15, "VORSK", "Wire"), mentions=mentions)
    canon = canonical_entities([(Article("a", text), analysis)])
    types = {e.name: e.type for e in canon.entities}
    assert types["Vorsk"] == "GPE" and types["Wire"] == "ORG"
    # the agency the dateline credits is the report's source: only the body's "the Wire" names it
    (wire,) = [e for e in canon.entities if e.name == "Wire"]
    assert [m.start for m in wire.mentions] == [text.rindex("Wire")]


def test_canon_display_name_is_never_glued_to_another_entitys_name():
    text = ("Fitch BP has seen its share price fall. Fitch cut its rating. BP said it would pay. "
            "Analysts at Fitch expect BP to recover.")
    items = [item("a1", text, [("Fitch BP", "PERSON"), ("Fitch", "ORG", 1), ("BP", "ORG", 1),
                               ("Fitch", "ORG", 2), ("BP", "ORG", 2)])]
    canon = canonical_entities(items)
    bp = by_alias(canon, "BP")
    assert "Fitch BP" in bp.aliases and bp.name == "BP"
    assert by_alias(canon, "Fitch").name == "Fitch"


def test_canon_surname_joins_the_full_name_the_story_names_far_more_often():
    text = ("Moammar Gadhafi spoke. Gadhafi said no. Moammar Gadhafi left. Gadhafi returned. "
            "His son Saif al-Islam Gadhafi stayed. Moammar Gadhafi smiled. Gadhafi waved. "
            "pro-Gadhafi crowds met pro-Gadhafi fighters.")
    mentions = [("Moammar Gadhafi", "PERSON", n) for n in range(3)] + [("Saif al-Islam Gadhafi", "PERSON")] + [
        ("pro-Gadhafi", "PERSON", n) for n in range(2)]  # one hyphenated word is no full name to join
    starts = [m.start() for m in re.finditer(r"(?<![\w-])Gadhafi", text)]
    items = [item("a1", text, mentions)]
    article, analysis = items[0]
    lone = tuple(Mention(s, s + 7, "Gadhafi", "ORG") for s in starts)
    items = [(article, dataclasses.replace(analysis, mentions=analysis.mentions + lone))]
    canon = canonical_entities(items)
    moammar = by_alias(canon, "Moammar Gadhafi")
    assert "Gadhafi" in moammar.aliases and moammar.type == "PERSON"  # full names outvote lone ORG tags
    assert "Gadhafi" not in by_alias(canon, "Saif al-Islam Gadhafi").aliases


def test_canon_surname_of_two_equally_named_people_stays_apart():
    text = "George Bush met Laura Bush. Bush said George Bush and Laura Bush agreed."
    items = [item("a1", text, [("George Bush", "PERSON"), ("Laura Bush", "PERSON"), ("Bush", "PERSON", 2),
                               ("George Bush", "PERSON", 1), ("Laura Bush", "PERSON", 1)])]
    canon = canonical_entities(items)
    assert "Bush" not in by_alias(canon, "George Bush").aliases
    assert "Bush" not in by_alias(canon, "Laura Bush").aliases


def test_canon_a_surname_means_the_full_name_reports_introduce_first():
    text = "Bashar al-Assad spoke. Assad said no. His father Hafez al-Assad, Hafez al-Assad, ruled. Assad left."
    mentions = [("Bashar al-Assad", "PERSON"), ("Assad", "PERSON", 1), ("Hafez al-Assad", "PERSON"),
                ("Hafez al-Assad", "PERSON", 1), ("Assad", "PERSON", 4)]
    # mentioned nearly as often as his son, the father is introduced by none of the reports
    canon = canonical_entities([item(f"a{n}", text, mentions) for n in range(3)])
    assert "Assad" in by_alias(canon, "Bashar al-Assad").aliases
    assert "Assad" not in by_alias(canon, "Hafez al-Assad").aliases
    # two reports are too few to say whom the surname means
    canon = canonical_entities([item(f"a{n}", text, mentions) for n in range(2)])
    assert by_alias(canon, "Assad") is not by_alias(canon, "Bashar al-Assad")


def test_canon_familiar_first_name_joins_the_one_formal_name_and_then_its_surname():
    text = "Ed Markey spoke. Edward Markey wrote. Markey said no. Ed Markey left. Edward Markey stayed. Markey went."
    items = [item("a1", text, [("Ed Markey", "PERSON"), ("Edward Markey", "PERSON"), ("Markey", "PERSON", 2),
                               ("Ed Markey", "PERSON", 1), ("Edward Markey", "PERSON", 1), ("Markey", "PERSON", 5)])]
    markey = by_alias(canonical_entities(items), "Edward Markey")
    assert {"Ed Markey", "Markey"} <= set(markey.aliases)


def test_canon_familiar_first_name_of_two_formal_names_stays_apart():
    text = "Ted Lane spoke. Edward Lane wrote. Theodore Lane left."
    items = [item("a1", text, [("Ted Lane", "PERSON"), ("Edward Lane", "PERSON"), ("Theodore Lane", "PERSON")])]
    canon = canonical_entities(items)
    assert by_alias(canon, "Ted Lane") is not by_alias(canon, "Edward Lane")
    assert by_alias(canon, "Ted Lane") is not by_alias(canon, "Theodore Lane")


def test_canon_hyphenated_surname_typed_otherwise_joins_the_person():
    text = "Ban Ki-moon spoke. Ban Ki-moon's aides met. KI-MOON SAID NO."
    items = [item("a1", text, [("Ban Ki-moon", "PERSON"), ("Ban Ki-moon", "PERSON", 1), ("KI-MOON", "ORG")])]
    assert "KI-MOON" in by_alias(canonical_entities(items), "Ban Ki-moon").aliases  # one word: a surname


@pytest.mark.parametrize("query, name, fits", [
    ("Gadhafi", "Moammar Gaddafi", True), ("Barack Obama", "President Obama", True), ("Obama", "Barack Obama", True),
    ("Barack Obama", "Barack", False), ("Omar Ahmed", "Jihan Sheikh Ahmed", False),
    ("Gaddafi", "Gaddafi's son", False), ("Gaddafi", "gaddafi 's son", False),
    ("Gaddafi", "Libya's Moammar Gaddafi", True), ("Gaddafi", "O'Neill", False), ("Gaddafi", "", False)])
def test_name_fits_spellings_and_parts_of_one_name_only(query, name, fits):
    assert name_fits(query, name) is fits


def test_canon_display_name_is_a_form_the_reports_use_not_a_one_off():
    text = ("Tony Hayward spoke. " * 3 + "Hayward said no. " * 25 + "Tousle-haired Hayward smiled. "
            "Tony Blair met Tony later.")
    mentions = ([("Tony Hayward", "PERSON", n) for n in range(3)] + [("Hayward", "PERSON", n) for n in range(25)]
                + [("Tousle-haired Hayward", "PERSON"), ("Tony Blair", "PERSON"), ("Tony", "PERSON", 4)])
    canon = canonical_entities([item("a1", text, mentions)])
    hayward = by_alias(canon, "Hayward")
    assert hayward.name == "Tony Hayward"  # the fullest common form, though "Tony" alone is another entity
    assert all(e.name != "Tousle-haired Hayward" or e.aliases == ("Tousle-haired Hayward",) for e in canon.entities)


def test_canon_entity_key_links_one_name_across_stories():
    # two stories briefed apart: ids are per story, the key is the same for one name however written
    one = canonical_entities([item("a", "Velmora Air Ltd. flew. Harb spoke.", [("Velmora Air Ltd.", "ORG"),
                                                                           ("Harb", "PERSON")])])
    two = canonical_entities([item("b", "Jon Harb said Velmora Air grew.", [("Jon Harb", "PERSON"),
                                                                          ("Velmora Air", "ORG")])])
    assert by_alias(one, "Velmora Air Ltd.").key == by_alias(two, "Velmora Air").key == "velmora air"
    assert by_alias(one, "Harb").key != by_alias(two, "Jon Harb").key  # a lone surname is not the full name
    assert all(e.key == name_key(e.name) for canon in (one, two) for e in canon.entities)


@pytest.mark.issue(8)
def test_canon_surname_refused_at_first_joins_once_a_spelling_of_it_has_joined():
    # "Halabi" fits Moammar Halabi and two relatives, none dominant; "Halaby" (tagged ORG, so no spelling
    # variant of the PERSON "Halabi") fits only Muammar Halaby, his other spelling, and makes him dominant
    text = ("Moammar Halabi spoke. Muammar Halaby left. Samir Halabi and Nadia Halabi stayed. Halabi said no. "
            "Halabi waved. Halaby smiled. Halaby left. Halaby wrote. Halaby called.")
    mentions = [("Moammar Halabi", "PERSON"), ("Muammar Halaby", "PERSON"), ("Samir Halabi", "PERSON"),
                ("Nadia Halabi", "PERSON")]
    lone = [(s.start(), s.end(), s.group()) for s in re.finditer(r"(?<=\. )Halab[iy]\b", text)]
    article, analysis = item("a1", text, mentions)
    extra = tuple(Mention(s, e, w, "PERSON" if w == "Halabi" else "ORG") for s, e, w in lone)
    canon = canonical_entities([(article, dataclasses.replace(analysis, mentions=analysis.mentions + extra))])
    moammar = by_alias(canon, "Moammar Halabi")
    assert {"Muammar Halaby", "Halaby", "Halabi"} <= set(moammar.aliases)
    assert "Halabi" not in by_alias(canon, "Samir Halabi").aliases
