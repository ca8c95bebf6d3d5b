"""The timeline-summarization metrics of eval/timelines.py on hand-computed fixtures (tilse's
definitions: date F1, concat ROUGE, align+ m:1 ROUGE; news-tls's averaging)."""

from __future__ import annotations

import datetime as dt

import pytest

from eval import timelines as tls

D1, D2, D3 = dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.date(2020, 1, 3)
# After tokenizing, stopwords out and stemming: rebel citi | armi vote | armi vote peac
PRED = {D1: ["Rebels city"], D3: ["Army vote"]}
GOLD = {D1: ["Rebels city"], D2: ["Army vote peace"]}


def test_timelines_date_scores_are_set_overlap():
    pred = {D1: ["x"], D2: ["x"], D3: ["x"]}
    gold = {D2: ["x"], D3: ["x"], dt.date(2020, 1, 4): ["x"], dt.date(2020, 1, 5): ["x"]}
    assert tls.date_scores(pred, gold) == pytest.approx({"p": 2 / 3, "r": 1 / 2, "f1": 4 / 7})
    assert tls.date_scores({}, gold) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_timelines_rouge_tokens_drop_stopwords_and_stem():
    assert tls.rouge_tokens(["Rebels seize the city ."]) == ["rebel", "seiz", "citi"]
    assert tls.rouge_tokens(["The rebels seized a city"]) == ["rebel", "seiz", "citi"]
    # one side tokenized (gold), the other plain text: the same tokens
    assert tls.ptb_tokens("Cairo 's protesters -LRB- 2 -RRB- did n't leave .") == \
        tls.ptb_tokens("Cairo's protesters (2) didn't leave.")


def test_timelines_rouge_counts_one_reference():
    counts = tls.rouge_counts(["Rebels seize the city"], ["The rebels seized a city", "Army vote"])
    # unigrams: pred rebel seiz citi; ref rebel seiz citi armi vote -> 3 of 3, 3 of 5
    assert counts[1] == (3, 3, 5)
    # bigrams over the whole summary: ref (rebel seiz)(seiz citi)(citi armi)(armi vote)
    assert counts[2] == (2, 2, 4)


def test_timelines_approximate_rouge_is_case_sensitive_and_unstemmed():
    # only "city" matches ("the"/"The", "seize"/"seized" differ): p = 1/4, r = 1/5
    assert tls.approx_rouge1_f1(["Rebels seize the city ."], ["The rebels seized a city ."]) == \
        pytest.approx(2 / 9)


def test_timelines_concat_rouge():
    scores = tls.concat_scores(PRED, GOLD)
    # R1: rebel citi armi vote vs rebel citi armi vote peac
    assert scores[1] == pytest.approx({"p": 1.0, "r": 0.8, "f1": 2 * 0.8 / 1.8})
    # R2: 3 bigrams, all in the gold's 4
    assert scores[2] == pytest.approx({"p": 1.0, "r": 0.75, "f1": 2 * 0.75 / 1.75})


def test_timelines_align_many_to_one_by_hand():
    # precision: D1 -> D1 (cost 0); D3 -> D2 (cost (1 - 1/2) * (1 - 0.8) = 0.1 < D1's 2/3), weight 1/2
    #   R1: (2 + 2 * 1/2) / (2 + 2) = 0.75; R2: (1 + 1 * 1/2) / (1 + 1) = 0.75
    # recall: D1 -> D1; D2 -> D3 (0.1 < D1's 0.5), weight 1/2
    #   R1: (2 + 2 * 1/2) / (2 + 3) = 0.6; R2: (1 + 1 * 1/2) / (1 + 2) = 0.5
    scores = tls.align_m1_scores(PRED, GOLD)
    assert scores[1] == pytest.approx({"p": 0.75, "r": 0.6, "f1": 2 * 0.75 * 0.6 / 1.35})
    assert scores[2] == pytest.approx({"p": 0.75, "r": 0.5, "f1": 2 * 0.75 * 0.5 / 1.25})


def test_timelines_align_perfect_and_empty():
    perfect = tls.align_m1_scores(GOLD, GOLD)
    assert perfect[1]["f1"] == pytest.approx(1.0) and perfect[2]["f1"] == pytest.approx(1.0)
    empty = tls.align_m1_scores({}, GOLD)
    assert empty[1] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_timelines_average_takes_f1_of_mean_precision_and_recall():
    per = [{"date_p": 1.0, "date_r": 0.5, "date_f1": 2 / 3}, {"date_p": 0.5, "date_r": 0.5, "date_f1": 0.5}]
    avg = tls.average(per)
    assert avg["date_p"] == pytest.approx(0.75) and avg["date_r"] == pytest.approx(0.5)
    assert avg["date_f1"] == pytest.approx(0.6)  # not the mean of the F1s (0.583)


def test_timelines_gold_file_parsed_and_task_sized():
    text = ("2011-01-25\nProtesters fill Cairo .\nPolice fire tear gas .\n--------\n"
            "2011-01-28\nThe party headquarters burns .\n--------\n")
    dates = tls.parse_timeline(text)
    assert dates == {dt.date(2011, 1, 25): ("Protesters fill Cairo .", "Police fire tear gas ."),
                     dt.date(2011, 1, 28): ("The party headquarters burns .",)}
    task = tls.task_of(tls.GoldTimeline("t/x", "t", dates))
    assert (task.start, task.end, task.n_dates, task.n_sents) == (dt.date(2011, 1, 25), dt.date(2011, 1, 28), 2, 2)


def test_timelines_pubdate_baseline_takes_busiest_days_in_range():
    arts = [tls.TopicArticle(str(i), "t", "o", day, f"Lead sentence number {i} here .\nMore .")
            for i, day in enumerate([D1, D2, D2, D3, D3, D3, dt.date(2020, 2, 1)])]
    task = tls.Task(tls.GoldTimeline("t/x", "t", {}), D1, D3, 2, 1)
    assert tls.pubdate_timeline(arts, task) == {D3: ["Lead sentence number 3 here ."],
                                                D2: ["Lead sentence number 1 here ."]}


def test_timelines_crosswire_selection_keeps_to_the_task():
    from tests.test_fuse_timeline import item

    day = dt.date(2030, 10, 17)
    text = ("Rebels took Dorn airport on 14 October. Talks opened in Vell on 15 October. "
            "The port closed on 16 October. Dorn was founded in 1905.")
    refs = [("14 October", "2030-10-14", "day", False), ("15 October", "2030-10-15", "day", False),
            ("16 October", "2030-10-16", "day", False), ("1905", "1905", "year", False)]
    items = [item(name, text, refs, day) for name in ("a", "b")]
    items.append(item("c", "Rebels took Dorn airport on 14 October after a siege.",
                      [("14 October", "2030-10-14", "day", False)], day))
    task = tls.Task(tls.GoldTimeline("t/x", "t", {}), dt.date(2030, 10, 14), dt.date(2030, 10, 15), 1, 1)
    pred = tls.crosswire_timeline(items, task)
    # one date (the most reported one in range), one description (the clause, not all the text)
    assert list(pred) == [dt.date(2030, 10, 14)]
    assert len(pred[dt.date(2030, 10, 14)]) == 1 and "airport" in pred[dt.date(2030, 10, 14)][0]
    wide = tls.Task(task.gold, dt.date(2030, 10, 1), dt.date(2030, 10, 31), 5, 2)
    pred = tls.crosswire_timeline(items, wide)
    assert sorted(pred) == [dt.date(2030, 10, 14), dt.date(2030, 10, 15), dt.date(2030, 10, 16)]  # no year


def test_timelines_storyline_items_keep_the_storyline_holding_most_of_them():
    from crosswire.store import open_store
    from tests.store_contract import EARNINGS, FLOOD_A, FLOOD_B, pair

    store = open_store(":memory:")
    items = [pair("a", FLOOD_A), pair("b", FLOOD_B), pair("c", EARNINGS)]
    for article, analysis in items:
        store.commit(article, analysis)
    stories = {aid: store.story_ids([aid])[0] for aid in "abc"}
    store.regroup(stories, {"a": "l-flood", "b": "l-flood", "c": "l-markets"}, [], store.ingest_mark()[0])
    kept, events = tls.storyline_items(store, items)
    assert [a.id for a, _ in kept] == ["a", "b"] and events == {"a": stories["a"], "b": stories["b"]}
    store.close()
