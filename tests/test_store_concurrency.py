"""Four ingest processes writing one store at once (issue #11): on SQLite each once crashed on
the others' rows and the lexicon was last-writer-wins. Real processes, real databases."""

import pytest

from benchmarks.concurrent_ingest import agreement, assignment, check_store, overlapping_sets, run_writers
from crosswire.model import Article

pytestmark = [pytest.mark.slow, pytest.mark.issue(11)]

# The story assignment of four interleaved writers against one process given the same reports in
# order (B-cubed F1): online clustering places each report against the stories committed before it,
# so interleaving may move a report whose best story had not yet been founded. Measured on these
# 48 reports over repeated runs 0.80-1.00; on 399 corpus reports 0.933 (SQLite), 0.946 (PostgreSQL)
# (`python -m benchmarks.concurrent_ingest`). Below this floor, writers would be losing or
# overwriting each other's stories, not merely arriving in another order.
SINGLE_PROCESS_AGREEMENT_FLOOR = 0.75

TOWNS = ["Kormut", "Vesna", "Ostrel", "Brask", "Tamir", "Lodey"]
PEOPLE = ["Mirela Dascu", "Anton Velik", "Sara Moreno", "Ilya Kostin", "Nadia Orun", "Pavel Grin"]
AGENCIES = ["National Water Authority", "Harbour Workers Union", "Civil Defence Corps"]


def _reports(n: int) -> list[Article]:
    """Short invented reports about a few events; every third one in corpus form (lowercased)."""
    out = []
    for i in range(n):
        town, person, agency = TOWNS[i % len(TOWNS)], PEOPLE[i % len(PEOPLE)], AGENCIES[i % len(AGENCIES)]
        text = (f"{town.upper()} - {person}, the mayor of {town}, said on Monday that {i + 12} homes were "
                f"flooded after the river broke through the levee. The {agency} sent {i + 3} rescuers "
                f"to {town}, and report {i} said the water was falling.")
        out.append(Article(id=f"r{i:02d}", text=text.lower() if i % 3 == 2 else text, outlet=f"Outlet {i % 4}"))
    return out


def test_store_four_concurrent_ingests_store_each_article_once(store_url, tmp_path):
    articles = _reports(48)
    reports = run_writers(store_url, overlapping_sets(articles, writers=4, per_writer=24))
    assert [r["problems"] for r in reports] == [[]] * 4
    assert sorted(i for r in reports for i in r["stored"]) == sorted(a.id for a in articles)
    assert all(sorted(r["stored"] + r["duplicates"]) == sorted(set(r["stored"] + r["duplicates"])) for r in reports)
    summary = check_store(store_url, articles)
    assert summary["stored"] == summary["distinct_stored"] == summary["in_a_story"] == len(articles)
    assert summary["lexicon_adds_up"]
    single = str(tmp_path / "single.db")
    run_writers(single, [articles])
    assert agreement(assignment(store_url), assignment(single)) >= SINGLE_PROCESS_AGREEMENT_FLOOR
