"""Scorer logic of eval/ (matching predictions to gold and counting) on hand-made articles, so a
scorer bug cannot pass for a model bug. No model is loaded here."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.model import Figure, Quote
from eval import data, figures, html, quotes, stories, summaries, times

TEXT = 'The mayor said: "The bridge will open soon." Critics said it was late.'


def _span(needle: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(needle)
    return ((start, start + len(needle)),)


def _quote(needle: str, speaker: str | None) -> Quote:
    (start, end), = _span(needle)
    s = _span(speaker)[0] if speaker else (None, None)
    return Quote(start, end, TEXT[start:end], direct=True, speaker=speaker, speaker_start=s[0], speaker_end=s[1])


GOLD = (data.GoldAttribution(_span("The bridge will open soon."), _span("The mayor"), _span("said")),
        data.GoldAttribution(_span("it was late"), _span("Critics"), None))


def test_quotes_doc_counts_by_hand():
    predicted = [
        _quote('"The bridge will open soon."', "The mayor"),  # exact once quote marks are trimmed
        _quote("it was", "Critics said"),  # overlaps content; speaker overlaps, not exact
        _quote("Critics", None),  # overlaps no gold content
    ]
    c = quotes.doc_counts(TEXT, predicted, GOLD)
    assert dict(c) == {"pred": 3, "gold": 2, "exact": 1, "overlap": 2, "with_source": 2, "speaker_exact": 1,
                       "speaker_overlap": 2, "attribution": 2}
    f = quotes.figures(c)
    assert f["content_overlap_p"] == pytest.approx(2 / 3)
    assert f["content_overlap_r"] == 1.0
    assert f["content_exact_r"] == pytest.approx(0.5)
    assert f["speaker_exact"] == pytest.approx(0.5)
    assert f["attribution_f1"] == pytest.approx(0.8)


def test_quotes_wrong_speaker_fails_the_attribution():
    c = quotes.doc_counts(TEXT, [_quote("it was late", "The mayor")], GOLD)
    assert (c["overlap"], c["speaker_overlap"], c["attribution"]) == (1, 0, 0)


def test_quotes_pieces_of_one_attribution_are_one_prediction():
    """"“A,” she said, “B.”": two quotes sharing their speaker mention (so their cue) are one predicted
    attribution of two pieces, as PolNeAR marks it; another speaker's quote after them is not."""
    text = '"The bridge," Ana Ferro said, "will open soon." "It is late," Tom Hale said.'

    def quote(needle: str, speaker: str) -> Quote:
        start, s = text.index(needle), text.index(speaker)
        return Quote(start, start + len(needle), needle, True, speaker, s, s + len(speaker), "say")

    pieces = [quote("The bridge,", "Ana Ferro"), quote("will open soon.", "Ana Ferro"), quote("It is late,", "Tom Hale")]
    assert [len(g) for g in quotes.attributions_of(pieces)] == [2, 1]
    gold = (data.GoldAttribution(tuple((text.index(p), text.index(p) + len(p)) for p in ("The bridge,", "will open soon.")),
                                 ((text.index("Ana Ferro"), text.index("Ana Ferro") + 9),), None),)
    c = quotes.doc_counts(text, pieces, gold)
    assert (c["pred"], c["exact"], c["overlap"], c["speaker_exact"]) == (2, 1, 1, 1)


def test_quotes_corpus_doc_carries_gold_into_the_rewrite():
    doc = quotes.corpus_doc(data.QuoteDoc("d", TEXT, GOLD))
    first = doc.attributions[0]
    assert [doc.text[s:e] for s, e in first.content] == ["the bridge will open soon ."]
    assert [doc.text[s:e] for s, e in first.source] == ["the mayor"]
    assert '"' not in doc.text


def test_quotes_annotator_agreement_scores_the_second_annotator_against_the_first(tmp_path):
    text = "The mayor said the road is closed. Critics said the plan would fail."
    root = tmp_path / data.POLNEAR / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text(text, encoding="utf-8")
    (root / "text" / "b.txt").write_text(text, encoding="utf-8")  # one annotator only: left out

    def ann(*contents: str) -> str:
        return "".join(f"T{k}\tContent {text.index(c)} {text.index(c) + len(c)}\t{c}\nE{k}\tAttribution:T{k} "
                       f"Content:T{k}\n" for k, c in enumerate(contents, start=1))
    (root / "attributions" / "a_1.ann").write_text(ann("the road is closed", "the plan would fail"), encoding="utf-8")
    (root / "attributions" / "a_2.ann").write_text(ann("the road is"), encoding="utf-8")
    (root / "attributions" / "b_1.ann").write_text(ann("the road is closed"), encoding="utf-8")
    agreement = quotes.annotator_agreement(tmp_path)
    assert agreement["articles"] == 1
    assert (agreement["content_overlap_p"], agreement["content_overlap_r"]) == (1.0, 0.5)
    assert agreement["content_exact_p"] == 0.0


def test_times_doc_counts_all_and_date_only():
    doc = data.TimexDoc("d", "Friday, for a week", dt.date(1998, 8, 7),
                        (data.GoldTimex(0, 6, "DATE", "1998-08-07"), data.GoldTimex(12, 18, "DURATION", "P1W")))
    c = times.doc_counts([(0, 6, "1998-08-07"), (12, 18, None)], doc)
    assert (c["all_pred"], c["all_gold"], c["all_strict"], c["all_value"]) == (2, 2, 2, 1)
    assert (c["date_pred"], c["date_gold"], c["date_strict"], c["date_value"]) == (1, 1, 1, 1)
    f = times.figures(c)
    assert f["all_value_accuracy"] == pytest.approx(0.5)
    assert f["date_value_f1"] == 1.0


def test_times_iso_value_precision():
    when = dt.datetime(1998, 8, 7, 18, 30)
    assert times._iso_value(when, "day") == "1998-08-07"
    assert times._iso_value(when, "month") == "1998-08"
    assert times._iso_value(when, "year") == "1998"
    assert times._iso_value(when, "week") == "1998-W32"
    assert times._iso_value(when, "time") == "1998-08-07T18:30"


def _figure(unit: str | None, what: str | None, kind: str = "quantity", text: str = "5") -> Figure:
    return Figure(0, len(text), text, 5.0, 5.0, False, unit, what, kind=kind)


def test_figures_crosswire_quantity_unit_names():
    assert figures.crosswire_quantity(_figure("USD", None)) == ((5.0, 5.0), "dollar")
    assert figures.crosswire_quantity(_figure("percent", "percent", text="5%"))[1] == "percentage"
    # a share said in words is a fraction of what it is a share of, as NewsQuant writes it
    third = Figure(0, 7, "A third", 100 / 3, 100 / 3, False, "percent", "percent of city")
    assert figures.crosswire_quantity(third) == ((pytest.approx(1 / 3), pytest.approx(1 / 3)), "% city")
    assert figures.crosswire_quantity(_figure(None, "fighter"))[1] == "fighter"
    assert figures.crosswire_quantity(_figure(None, None))[1] == "-"
    assert figures.crosswire_quantity(_figure("year", None, kind="age"))[1] == "year of age"


def test_summaries_citation_figures():
    cited = [("The cat sat.", ["the cat sat down", "dogs bark"]), ("Birds fly.", [])]
    f = summaries.citation_figures(cited)
    assert f == {"citation_precision": 0.5, "supported_sentences": 0.5, "cited_sentences": 0.5, "citations": 2}


def test_summaries_lead_takes_the_latest_document():
    cluster = data.SummaryCluster("c", (("A", "old news here", dt.date(1998, 1, 1)),
                                        ("B", "new news here", dt.date(1998, 1, 2))), ("ref",))
    assert summaries.lead(cluster) == "new news here"


def test_stories_peer_separates_two_obvious_topics():
    texts = ["cat kitten purr whiskers", "kitten cat whiskers meow", "purr cat meow kitten",
             "stock market shares trading", "shares stock bonds market", "trading bonds stock shares"]
    truth = ["pets"] * 3 + ["money"] * 3
    figures_, threshold = stories.peer_figures(stories._linkage(texts), len(texts), truth)
    assert figures_["bcubed_f1"] == 1.0
    assert figures_["cluster_ratio"] == 1.0
    assert 0 < threshold < 1


def test_stories_clusters_of_off_topic_pages_alone_are_not_counted():
    # a topic's crawl holds pages about something else: a cluster of only those is not a split of the topic
    pred = ["a", "a", "b", "c", "c"]
    truth = ["war"] * 5
    off = [False, False, True, False, True]
    f = stories._cluster_figures(pred, truth, off)
    assert f["cluster_ratio"] == 3.0
    assert f["clusters_on_topic"] == 2  # "c" holds a page on the topic, "b" none
    assert f["cluster_ratio_on_topic"] == 2.0
    assert "cluster_ratio_on_topic" not in stories._cluster_figures(pred, truth)


def test_stories_off_topic_judgements_name_timeline17_pages(shared_data):
    judged = [row for row in data._jsonl(stories.OFF_TOPIC)]
    ids = {d.id: d.gold["topic"] for d in data.load_timeline17(shared_data)}
    assert len(judged) == 131
    assert all(ids[row["id"]] == row["topic"] for row in judged)
    assert stories.off_topic() == {row["id"] for row in judged if not row["about"]}


def test_html_mean_figures_macro_average():
    pages = [data.HtmlPage("p1", b"", "a b c", None), data.HtmlPage("p2", b"", "x", None)]
    f = html._mean_figures(["a b", ""], pages)
    assert f["token_p"] == pytest.approx(0.5)
    assert f["token_r"] == pytest.approx(1 / 3)
    assert f["token_f1"] == pytest.approx(0.4)
    assert f["empty_pages"] == 1


def test_speakers_score_items_by_hand():
    from eval import speakers

    items = [{"antecedent": "Ada Ross"}, {"antecedent": "Tomas Hale"}, {"antecedent": ""}, {"antecedent": ""}]
    # "Ross" is Ada Ross; Hale given no name; an unnamed doctor given a wrong name; an unnamed one left unnamed
    got = speakers.score_items(items, ["Ross", None, "Piet Osrand", None])
    assert got["resolved_p"] == pytest.approx(1 / 2) and got["named_r"] == pytest.approx(1 / 2)
    assert got["name_accuracy"] == pytest.approx(2 / 4) and (got["items"], got["given"]) == (4, 2)
