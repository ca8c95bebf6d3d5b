"""The entities scorer: coreference metrics on textbook examples with published values, the
MEANTIME loader on a hand-written document and on the real data, and the scorer's matching and
counting on hand-made mentions (no model loaded outside the tests marked slow)."""

from __future__ import annotations

import pytest

from eval import data, entities, metrics

# Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions", section 3: key
# {a b c} {d e f g}, response {a b} {c d} {f g h i} (e is missed, h and i are twinless).
PRADHAN_KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
PRADHAN_RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]

# Bagga and Baldwin (1998), figure 2 / 3: key {1-5} {6 7} {8-12}; the response merges the last two.
BAGGA_GOLD = [1] * 5 + [2] * 2 + [3] * 5
BAGGA_PRED = ["x"] * 5 + ["y"] * 7


def test_metrics_muc_pradhan_example():
    # recall: K1 split in 2, K2 in 3 ({d} {e} {f g}): (1 + 1) / (2 + 3); precision likewise 2 / 5
    assert metrics.muc(PRADHAN_RESPONSE, PRADHAN_KEY) == pytest.approx(
        {"precision": 0.4, "recall": 0.4, "f1": 0.4})


def test_metrics_ceaf_e_pradhan_example():
    # best alignment K1-R1 (phi4 0.8) + K2-R3 (0.5) = 1.3: recall 1.3 / 2 = 0.65, precision 1.3 / 3
    assert metrics.ceaf_e(PRADHAN_RESPONSE, PRADHAN_KEY) == pytest.approx(
        {"precision": 1.3 / 3, "recall": 0.65, "f1": 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)})


def test_metrics_coreference_bagga_baldwin_merge():
    # MUC barely punishes the merge (P 9/10, R 1); B-cubed does (P = (5 + 2*2/7 + 5*5/7) / 12 = 0.762);
    # CEAF-e: A-X (1) + C-Y (10/12) = 11/6 over 3 gold and 2 predicted entities
    c = metrics.coreference(BAGGA_PRED, BAGGA_GOLD)
    assert c["muc"] == pytest.approx({"precision": 0.9, "recall": 1.0, "f1": 18 / 19})
    assert c["bcubed"]["precision"] == pytest.approx(64 / 84) and c["bcubed"]["recall"] == 1.0
    assert c["ceafe"]["recall"] == pytest.approx(11 / 18) and c["ceafe"]["precision"] == pytest.approx(11 / 12)
    assert c["conll_f1"] == pytest.approx((c["muc"]["f1"] + c["bcubed"]["f1"] + c["ceafe"]["f1"]) / 3)


def test_metrics_coreference_perfect_and_all_singletons():
    assert metrics.coreference(["p", "p", "q"], ["x", "x", "y"])["conll_f1"] == pytest.approx(1.0)
    # all singletons: MUC has no links to find (0), B-cubed precision and CEAF-e precision are 1
    c = metrics.coreference([1, 2, 3], ["x", "x", "x"])
    assert c["muc"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert c["bcubed"]["precision"] == 1.0 and c["bcubed"]["recall"] == pytest.approx(1 / 3)
    assert c["ceafe"] == pytest.approx({"precision": 0.5 / 3, "recall": 0.5, "f1": 0.25})


def test_metrics_coreference_rejects_unaligned_labels():
    with pytest.raises(ValueError):
        metrics.coreference([1, 2], [1])


MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_Acme">
<token number="0" sentence="0" t_id="1">Acme</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="2" sentence="1" t_id="3">The</token>
<token number="3" sentence="1" t_id="4">firm</token>
<token number="4" sentence="1" t_id="5">'s</token>
<token number="5" sentence="1" t_id="6">Ann</token>
<token number="6" sentence="1" t_id="7">,</token>
<token number="7" sentence="1" t_id="8">Bo</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NOM"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3"><token_anchor t_id="6"/><token_anchor t_id="8"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="8"/></ENTITY_MENTION>
<EVENT_MENTION m_id="5"><token_anchor t_id="2"/></EVENT_MENTION>
<ENTITY ent_type="ORG" instance_id="ORG1" m_id="10"/>
<ENTITY ent_type="PER" m_id="11"/>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="12" type="DATE" value="2008-03-01"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="5"/><target m_id="99"/></REFERS_TO>
</Relations>
</Document>
"""


def test_data_parse_meantime_text_offsets_and_entities():
    doc = data.parse_meantime(MEANTIME_XML, "acme")
    assert doc.text == "Acme wins\nThe firm 's Ann , Bo"
    assert str(doc.published) == "2008-03-01"
    got = [(doc.text[m.start:m.end], m.entity, m.syntactic_type) for m in doc.mentions]
    # the discontinuous "Ann Bo" covers the comma; m_id 4 refers to nothing and is left out
    assert got == [("Acme", "ORG1", "NAM"), ("The firm", "ORG1", "NOM"), ("Ann , Bo", "7:11", "")]


@pytest.mark.shared
def test_data_load_meantime_real(shared_data):
    corpora = data.load_meantime(shared_data)
    assert {c: len(docs) for c, docs in corpora.items()} == {"airbus": 30, "apple": 30, "gm": 30, "stock": 30}
    docs = [d for docs in corpora.values() for d in docs]
    assert sum(len(d.mentions) for d in docs) == 3866  # 3,919 mentions less 53 without an entity
    assert len({d.id for d in docs}) == 120
    for d in docs:
        for m in d.mentions:  # mentions start and end on token edges of the text
            span = d.text[m.start:m.end]
            assert span == span.strip() and span
            assert m.start == 0 or d.text[m.start - 1] in " \n"
            assert m.end == len(d.text) or d.text[m.end] in " \n"


def _doc() -> data.EntityDoc:
    text = "Acme said Acme Corp and Bo met ."
    spans = [("Acme", 0, "E1"), ("Acme Corp", 10, "E1"), ("Bo", 24, "E2")]
    mentions = tuple(data.GoldMention(f"d:{i}", start, start + len(s), entity, "NAM")
                     for i, (s, start, entity) in enumerate(spans))
    return data.EntityDoc("d", "x", text, None, mentions)


def test_entities_tally_rules_and_found_mentions():
    doc = _doc()
    heads = {"d:0": entities.Head(0, 4, "acme"), "d:1": entities.Head(10, 14, "acme"),
             "d:2": entities.Head(24, 26, "bo")}
    pred = [("d", 0, 4, "s1/e1"),  # exact
            ("d", 10, 14, "s2/e1"),  # the head of "Acme Corp" only: head and overlap, not exact
            ("d", 27, 30, "s1/e2")]  # "met": no gold mention
    t = entities.tally("x", [doc], heads, pred)
    assert (t.pred, t.gold, dict(t.matched)) == (3, 3, {"exact": 1, "head": 2, "overlap": 2})
    assert t.found == [("x/E1", "x/s1/e1", "x/acme"), ("x/E1", "x/s2/e1", "x/acme")]
    figures = entities.system_figures(t)
    assert figures["mention_head_r"] == pytest.approx(2 / 3)
    # one gold entity split in two clusters by story: MUC recall 0, B-cubed recall 1/2
    assert figures["coref_muc_r"] == 0.0 and figures["coref_bcubed_r"] == pytest.approx(0.5)
    # the head-lemma baseline on the same two mentions joins them
    assert entities.lemma_figures(t.found)["coref_conll_f1"] == pytest.approx(1.0)


def test_entities_type_tally_scores_names_of_typed_entities_only():
    text = "Acme said Acme Corp and Bo met ."
    spans = [("Acme", 0, "NAM", "ORG"), ("Acme Corp", 10, "NAM", "ORG"), ("Bo", 24, "NAM", "PER"),
             ("met", 27, "NOM", "ORG")]  # not a name: never scored
    mentions = tuple(data.GoldMention(f"d:{i}", start, start + len(s), "E", syntactic, etype)
                     for i, (s, start, syntactic, etype) in enumerate(spans))
    doc = data.EntityDoc("d", "x", text, None, mentions)
    heads = {"d:0": entities.Head(0, 4, "acme"), "d:1": entities.Head(10, 14, "acme"),
             "d:2": entities.Head(24, 26, "bo"), "d:3": entities.Head(27, 30, "meet")}
    pred = [("d", 0, 4, "ORG"), ("d", 10, 19, "GPE"), ("d", 24, 26, "PERSON"), ("d", 27, 30, "ORG")]
    t = entities.type_tally([doc], heads, pred)
    assert (t.typed, t.typed_right) == (3, 2)  # "Acme Corp" typed a place
    assert entities.type_figures(t)["type_accuracy"] == pytest.approx(2 / 3)


def test_entities_briefing_mentions_cluster_by_key_or_per_story():
    board = {"stories": [{"id": "s1", "entities": [{"id": "e1", "key": "acme", "mentions": [
                 {"article": "d", "start": 0, "end": 4}]}]},
             {"id": "s2", "entities": [{"id": "e3", "key": "acme", "mentions": [
                 {"article": "f", "start": 5, "end": 9}]}]}]}
    # one name in two stories: one cluster by its key, two per story
    assert entities.briefing_mentions(board) == [("d", 0, 4, "acme"), ("f", 5, 9, "acme")]
    assert entities.briefing_mentions(board, per_story=True) == [("d", 0, 4, "s1/e1"), ("f", 5, 9, "s2/e3")]


def test_entities_mean_figures_averages_per_system():
    groups = [{"s": {"f1": 0.2}}, {"s": {"f1": 0.6}}]
    assert entities.mean_figures(groups) == {"s": {"f1": pytest.approx(0.4)}}


@pytest.mark.slow
@pytest.mark.shared
def test_entities_scorer_small_sample(shared_data):
    res = entities.main(["--data", str(shared_data), "--limit", "2"])
    assert res["n"] == 8 and set(res["systems"]) == {"crosswire", "crosswire_per_story", "crosswire_one_story",
                                                       "head_lemma", "head_lemma_all", "ner_label"}
    for metric in res["headline"]:
        assert 0.0 <= res["systems"]["crosswire"][metric] <= 1.0
    assert res["systems"]["head_lemma_all"]["micro_coref_conll_f1"] > 0
    assert res["systems"]["ner_label"]["micro_type_accuracy"] > 0
    assert res["details"]["micro"]["ner_label"]["typed_names"] > 0
