"""The founding example (../shared/seeds): what a correct reading of the two Raqqa reports shows.

These expectations describe the seed reports; the code under test contains no rule keyed to them.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from briefing_checks import assert_spans_read_back, assert_valid
from crosswire.service import Service
from crosswire.store import Store

AFP, REUTERS = "000_d70dbf89028dd6cf", "003_7d39f6dfe70865ce"


def _brief(*paths) -> tuple[dict, dict[str, str]]:
    service = Service(Store())
    report = service.ingest(list(paths))
    assert not report.problems, report.problems
    briefing = service.brief()
    return briefing.to_json(), service.evidence(briefing)


@pytest.fixture(scope="module")
def seeds_briefing(seeds_dir):
    return _brief(seeds_dir)


def _entity(story: dict, pattern: str) -> dict:
    found = [e for e in story["entities"] if any(re.fullmatch(pattern, a, re.I) for a in e["aliases"])]
    assert found, f"no entity written as {pattern}"
    return max(found, key=lambda e: len(e["mentions"]))


def _articles_of(entity: dict) -> set[str]:
    return {m["article"] for m in entity["mentions"]}


def test_seeds_one_story_valid_and_spans_read_back(seeds_briefing):
    briefing, texts = seeds_briefing
    assert_valid(briefing)
    assert len(briefing["stories"]) == 1
    assert assert_spans_read_back(briefing, texts) > 50


@pytest.mark.parametrize("variants", [("raqa", "raqqa"), ("islamic state", "daesh", "is"),
                                      ("sdf", "syrian democratic forces"),
                                      ("jihan sheikh ahmed", "ahmed")])
def test_seeds_spellings_merge_across_reports(seeds_briefing, variants):
    story = seeds_briefing[0]["stories"][0]
    entity = _entity(story, variants[0])
    aliases = {a.lower() for a in entity["aliases"]}
    assert set(variants) <= aliases, (variants, entity["aliases"])
    assert _articles_of(entity) == {AFP, REUTERS}


def _quotes_by(story: dict, article: str, surname: str) -> list[dict]:
    return [q for q in story["quotes"] if q["article"] == article
            and surname.lower() in (q["speaker"]["name"] or "").lower()]


def test_seeds_spokeswoman_quoted_in_both(seeds_briefing):
    story = seeds_briefing[0]["stories"][0]
    assert len(_quotes_by(story, AFP, "Ahmed")) >= 2
    assert len(_quotes_by(story, REUTERS, "Ahmed")) >= 2
    entities = {q["speaker"]["entity"] for q in _quotes_by(story, AFP, "Ahmed") + _quotes_by(story, REUTERS, "Ahmed")}
    assert len(entities) == 1 and None not in entities


@pytest.mark.parametrize("article,surname", [(AFP, "Halab"), (AFP, "Sello"), (REUTERS, "Hemo"),
                                             (REUTERS, "Ahmed")])
def test_seeds_named_speakers_quoted(seeds_briefing, article, surname):
    assert _quotes_by(seeds_briefing[0]["stories"][0], article, surname)


def _comparison_with(story: dict, predicate) -> dict:
    figures = {f["id"]: f for f in story["figures"]}
    for comparison in story["comparisons"]:
        members = [figures[f] for f in comparison["figures"]]
        if predicate(members):
            return comparison
    raise AssertionError(f"no comparison found among {story['comparisons']}")


def test_seeds_figures_compared_across_outlets(seeds_briefing):
    story = seeds_briefing[0]["stories"][0]
    fighters = _comparison_with(story, lambda fs: any(f["value"]["high"] == 1000 for f in fs)
                                and any(f["value"]["high"] == 300 for f in fs))
    share = _comparison_with(story, lambda fs: any(f["unit"] == "percent" and f["value"]["low"] == 90 for f in fs)
                             and any(f["unit"] == "percent" and f["value"]["low"] == 80 for f in fs))
    for comparison in (fighters, share):
        assert comparison["verdict"] != "agree"


def test_seeds_undated_report_dated_by_inference_in_its_comparisons(seeds_briefing):
    """Reuters names no date of writing; its text reports June and July (the year its story's) as past, and
    nothing in it orders it against AFP's 16 October: the verdicts stay unknown and say why."""
    briefing, texts = seeds_briefing
    story = briefing["stories"][0]
    dates = {a["id"]: a["inferred"] for a in story["articles"]}
    assert dates[AFP] is None
    reuters = dates[REUTERS]
    assert reuters["earliest"] == "2017-07-01" and reuters["earliest"] <= "2017-10-16" <= reuters["latest"]
    assert {texts[REUTERS][e["start"]:e["end"]] for e in reuters["evidence"] if e["kind"] == "text"} >= {"june", "july"}
    assert [e["kind"] for e in reuters["evidence"]][-1] == "story"
    for what in ("fighter", "percent"):
        comparison = next(c for c in story["comparisons"] if c["what"].startswith(what))
        assert comparison["inferred"] == [reuters]
        assert comparison["verdict"] == "unknown"
        assert comparison["note"].startswith("values differ, and the dates cannot order them")
        assert "missing: a publication date for Reuters" in comparison["note"]


def test_seeds_timeline_anchored_on_afp_date(seeds_briefing):
    briefing, texts = seeds_briefing
    timeline = briefing["stories"][0]["timeline"]
    afp = {texts[AFP][t["start"]:t["end"]].lower(): t["date"] for t in timeline if t["article"] == AFP}
    assert any("monday" in k and v == "2017-10-16" for k, v in afp.items()), afp
    assert any("sunday" in k and v == "2017-10-15" for k, v in afp.items()), afp
    reuters_monday = [t for t in timeline if t["article"] == REUTERS and "monday" in texts[REUTERS][t["start"]:t["end"]]]
    assert reuters_monday and all(t["relative"] and t["date"] is None for t in reuters_monday)


def test_seeds_without_metadata_outlets_inferred_dates_relative(seeds_dir, tmp_path):
    for name in (AFP, REUTERS):
        shutil.copy(seeds_dir / f"{name}.txt", tmp_path / f"{name}.txt")
    briefing, _ = _brief(tmp_path)
    story = briefing["stories"][0]
    assert {a["id"]: a["outlet"] for a in story["articles"]} == {AFP: "AFP", REUTERS: "Reuters"}
    weekday = re.compile(r"monday|sunday|saturday|week", re.I)
    assert all(t["date"] is None for t in story["timeline"] if weekday.search(t["text"]))


def test_seeds_mixed_with_unrelated_reports_split(seeds_dir, examples_dir, tmp_path):
    for path in list(seeds_dir.glob("*.txt")) + sorted(examples_dir.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    briefing, _ = _brief(tmp_path)
    story_of = {a["id"]: s["id"] for s in briefing["stories"] for a in s["articles"]}
    assert story_of[AFP] == story_of[REUTERS]
    assert len(briefing["stories"]) >= 3
    others = [a for a in story_of if a not in (AFP, REUTERS)]
    assert all(story_of[a] != story_of[AFP] for a in others)


def test_seeds_same_briefing_on_every_backend(seeds_dir, seeds_briefing, store_url):
    """The seed pair briefed from a SQLite file or a PostgreSQL server: the same JSON (sorted keys)."""
    service = Service(store_url)
    assert not service.ingest([seeds_dir]).problems
    briefing = service.brief()
    service.close()
    assert json.dumps(briefing.to_json(), sort_keys=True) == json.dumps(seeds_briefing[0], sort_keys=True)
