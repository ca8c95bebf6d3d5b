"""The scaling benchmark's copies: a store repeated as later eras of one feed (benchmarks/ingest_cost.py)."""

from __future__ import annotations

import datetime as dt

from benchmarks.ingest_cost import SPREAD_DAYS, _repeated, run
from crosswire.jobs import ingest_articles
from crosswire.model import Article
from crosswire.store import open_store


def test_copies_are_new_texts_in_later_eras() -> None:
    stored = [Article("a", "Rebels took the port.", published=dt.date(2011, 3, 1)),
              Article("b", "The port fell.", published=dt.date(2011, 3, 11)),
              Article("c", "No date on this one.")]
    articles, originals = _repeated(stored, 7)
    assert [a.id for a in articles] == ["a", "b", "c", "a~r1", "b~r1", "c~r1", "a~r2"]
    assert articles[:3] == stored
    assert len({a.content_hash for a in articles}) == 7  # none is a duplicate of another
    era = dt.timedelta(days=10 + SPREAD_DAYS)  # the stored span and a gap: eras never overlap
    assert [a.published for a in articles[3:]] == [dt.date(2011, 3, 1) + era, dt.date(2011, 3, 11) + era, None,
                                                   dt.date(2011, 3, 1) + 2 * era]
    assert articles[4].text.startswith(stored[1].text)  # the original's analysis spans still hold
    assert originals == {"a": "a", "b": "b", "c": "c", "a~r1": "a", "b~r1": "b", "c~r1": "c", "a~r2": "a"}


def test_the_store_a_feed_made_is_kept_when_asked(tmp_path) -> None:
    source = open_store(tmp_path / "source.db")
    ingest_articles([Article(f"r{i}", f"Rebels took port number {i} on the coast, officials said.",
                             published=dt.date(2011, 3, 1 + i)) for i in range(4)], source)
    source.close()
    kept = tmp_path / "kept.db"
    result = run(sizes=(2, 4), batch=2, replay=tmp_path / "source.db", wide_baseline=False, keep=kept)
    assert [r["n"] for r in result["runs"]] == [2, 4]
    store = open_store(kept)
    assert sorted(a.id for a in store.articles()) == ["r0", "r1", "r2", "r3"]
    store.close()
