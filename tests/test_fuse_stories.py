import datetime as dt

import numpy as np
import pytest

from crosswire.fuse import stories
from crosswire.fuse.embed import DIMENSIONS
from crosswire.fuse.stories import PLACEMENT_DAYS, StoryIndex, reported_near, story_id_for, terms_of

FLOOD_A = ("Floodwater from the Vesna river broke through the levee at Kormut on Monday, forcing "
           "families from their homes as rescuers searched flooded streets for survivors.")
FLOOD_B = ("kormutt , vesnia ( wire ) - rescuers searched flooded streets in kormutt after the vesna "
           "river broke through the levee , forcing families from their homes .")
EARNINGS = ("Shares of the chip maker Tellurix rose after quarterly earnings beat analyst forecasts, "
            "with revenue from data-centre processors doubling on the year.")


def test_stories_terms_fold_case_and_doubled_letters():
    assert terms_of("KORMUTT kormut the") == {"kormut": 2}


def test_stories_same_event_joins_other_event_splits():
    index = StoryIndex()
    a = index.add("a", FLOOD_A)
    b = index.add("b", FLOOD_B)
    c = index.add("c", EARNINGS)
    assert a == b == story_id_for("a")
    assert c not in (a, b)


def test_stories_threshold_controls_splitting():
    strict = StoryIndex(threshold=0.99)
    assert strict.add("a", FLOOD_A) != strict.add("b", FLOOD_B)


def test_stories_state_restores_from_persisted_centroids():
    first = StoryIndex()
    sid = first.add("a", FLOOD_A)
    again = StoryIndex(centroids=first.centroids.items(), df=first.df, n_docs=first.n_docs)
    assert again.add("b", FLOOD_B) == sid


def test_stories_an_article_joins_only_a_story_reported_near_its_date():
    index = StoryIndex()
    day = dt.date(2030, 3, 4)
    a = index.add("a", FLOOD_A, published=day)
    b = index.add("b", FLOOD_B, published=day + dt.timedelta(days=PLACEMENT_DAYS + 1))
    c = index.add("c", FLOOD_A, published=day + dt.timedelta(days=PLACEMENT_DAYS))
    d = index.add("d", FLOOD_B)
    assert b != a and c == a and d in (a, b)


def test_stories_reported_near_bounds():
    days = [dt.date(2030, 3, 4).toordinal(), dt.date(2030, 6, 1).toordinal()]
    assert reported_near(days, dt.date(2030, 3, 11)) and reported_near(days, dt.date(2030, 5, 25))
    assert not reported_near(days, dt.date(2030, 4, 1))
    assert reported_near([], dt.date(2030, 4, 1)) and reported_near(days, None)


def lead(seed: int) -> np.ndarray:
    """A unit vector of the lead embeddings' size, one direction per seed."""
    vector = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_stories_with_leads_weigh_only_the_stories_of_the_nearest_articles(monkeypatch):
    pytest.importorskip("usearch")
    monkeypatch.setattr(stories, "PLACEMENT_NEIGHBOURS", 1)
    index = StoryIndex()
    a = index.add("a", FLOOD_A, lead=lead(1))
    c = index.add("c", EARNINGS, lead=lead(2))
    # the flood's words, but the lead nearest the earnings report's: the flood story is not weighed
    b = index.add("b", FLOOD_B, lead=lead(2))
    assert b not in (a, c)
    assert index.add("d", FLOOD_B, lead=lead(1)) == a  # b's story, the closest in words, is not weighed
    assert index.add("e", FLOOD_B) == b  # no lead: every story sharing a term is weighed


def test_stories_with_leads_look_for_neighbours_among_reports_of_the_articles_days(monkeypatch):
    """The lead nearest in meaning may be a report of another month (a long story); the candidates are
    the nearest among the reports published within the placement window."""
    pytest.importorskip("usearch")
    monkeypatch.setattr(stories, "PLACEMENT_NEIGHBOURS", 1)
    index = StoryIndex()
    day = dt.date(2030, 3, 4)
    a = index.add("a", FLOOD_A, published=day, lead=lead(1))
    index.add("far", EARNINGS, published=day + dt.timedelta(days=60), lead=lead(3))
    assert index.add("b", FLOOD_B, published=day + dt.timedelta(days=2), lead=lead(3)) == a
