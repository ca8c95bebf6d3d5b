"""fuse/cluster.py: batch clustering is order-independent and nests events in storylines;
keep_ids continues old ids and logs merges and splits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np

from crosswire.fuse import cluster as cl
from crosswire.fuse.stories import NAME_PREFIX, terms_of

FLOOD = ("Floodwater from the Vesna river broke through the levee at Kormut , forcing families from their "
         "homes as rescuers searched flooded streets for survivors of the Kormut flood .")
FLOOD_LATER = ("Kormut residents began clearing mud after the Vesna flood as the river fell ; officials "
               "counted damage to homes and the levee that broke at Kormut .")
EARNINGS = ("Shares of the chip maker Tellurix rose after quarterly earnings beat analyst forecasts , "
            "with revenue from data-centre processors doubling on the year .")
EARNINGS_LATER = ("Tellurix shares fell a month after its earnings report as analyst forecasts for "
                  "processors were cut and the chip maker warned on revenue .")


def _articles() -> list[cl.ArticleFeatures]:
    day = dt.date(2020, 5, 1)
    rows = [("f1", FLOOD, 0, ("Kormut", "Vesna")), ("f2", FLOOD, 0, ("Kormut",)),
            ("f3", FLOOD_LATER, 1, ("Kormut", "Vesna")), ("f4", FLOOD_LATER, 40, ("Kormut",)),
            ("e1", EARNINGS, 3, ("Tellurix",)), ("e2", EARNINGS, 3, ()), ("e3", EARNINGS_LATER, 33, ("Tellurix",)),
            ("x1", "A recipe for lemon cake with butter , flour , sugar and eggs .", None, ())]
    return [cl.ArticleFeatures(aid, text, names=names, published=day + dt.timedelta(d) if d is not None else None)
            for aid, text, d, names in rows]


def _partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, label in labels.items():
        groups.setdefault(label, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


PARAMS = cl.Params(event_embed_weight=0.0, event_names_weight=0.3, event_tau=2.0, event_threshold=0.7,
                   event_absorb_size=1,
                   storyline_embed_weight=0.0, storyline_names_weight=0.3, storyline_tau=60.0,
                   storyline_undated=1.0, storyline_threshold=0.85, storyline_absorb_size=1)


def test_cluster_finds_events_inside_storylines():
    events, storylines = cl.cluster(_articles(), PARAMS)
    assert {frozenset({"f1", "f2", "f3"}), frozenset({"e1", "e2"})} <= _partition(events)
    assert {frozenset({"f1", "f2", "f3", "f4"}), frozenset({"e1", "e2", "e3"}), frozenset({"x1"})} \
        == _partition(storylines)
    for group in _partition(events):  # every event inside exactly one storyline
        assert len({storylines[a] for a in group}) == 1


def test_cluster_is_the_same_in_any_input_order():
    articles = _articles()
    first = cl.cluster(articles, PARAMS)
    for seed in range(5):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert cl.cluster(shuffled, PARAMS) == first  # the same ids too: they derive from members


def test_cluster_decay_splits_far_apart_dates_and_skips_undated_pairs():
    articles = _articles()
    far = cl.Params(**{**PARAMS.__dict__, "storyline_tau": 2.0})
    _, storylines = cl.cluster(articles, far)
    assert storylines["f4"] != storylines["f1"]  # 40 days later: another storyline at a short decay
    undated = [cl.ArticleFeatures(a.id, a.text, names=a.names) for a in articles]
    _, storylines = cl.cluster(undated, far)
    assert storylines["f4"] == storylines["f1"]


def test_similarity_spreads_a_missing_signal_over_the_others():
    a = cl.ArticleFeatures("a", FLOOD, embedding=np.array([1.0, 0.0]))
    b = cl.ArticleFeatures("b", FLOOD, embedding=np.array([0.0, 1.0]))
    c = cl.ArticleFeatures("c", FLOOD)
    s = cl.signals([c, b, a])
    assert s.ids == ("a", "b", "c")
    sim = cl.similarity(s, embed_weight=0.5, names_weight=0.0, tau=None)
    assert np.isclose(sim[0, 1], 0.5)  # same words, orthogonal embeddings
    assert np.isclose(sim[0, 2], 1.0)  # no embedding for c: words alone
    undated = cl.similarity(s, embed_weight=0.5, names_weight=0.0, tau=10.0, undated=0.4)
    assert np.isclose(undated[0, 2], 0.4)  # no dates: decayed as a typical pair, not as same-day


def test_absorb_moves_whole_events_of_small_storylines():
    labels = np.array([0, 0, 0, 1, 1])
    units = np.array([0, 0, 1, 2, 3])  # events; storyline 1 is small (2 articles)
    sim = np.eye(5) + 0.2
    moved = cl.absorbed(labels, units, sim, min_size=3, floor=0.1)
    assert moved.tolist() == [0, 0, 0, 0, 0]
    assert cl.absorbed(labels, units, sim, min_size=3, floor=0.5).tolist() == labels.tolist()


def test_absorb_never_stretches_a_cluster_over_more_days_than_apart_allows():
    """Two outliers each within 30 days of every report of a cluster, one before it and one after: the
    first joins, the second would make the cluster span 39 days and stays out; an undated one joins."""
    labels = np.array([0, 0, 0, 1, 2, 3])
    days = np.array([10.0, 15.0, 20.0, -5.0, 34.0, np.nan])
    moved = cl.absorbed(labels, np.arange(6), np.full((6, 6), 0.5), min_size=3, floor=0.1, days=days, apart_days=30)
    assert moved.tolist() == [0, 0, 0, 0, 2, 0]
    assert cl.absorbed(labels, np.arange(6), np.full((6, 6), 0.5), min_size=3, floor=0.1).tolist() == [0] * 6


def test_window_keeps_articles_near_the_new_ones_and_the_undated_up_to_a_limit():
    day = dt.date(2020, 1, 1)
    arts = [cl.ArticleFeatures(f"a{k}", "x", published=day + dt.timedelta(k)) for k in range(10)]
    arts.append(cl.ArticleFeatures("u", "x"))
    assert {a.id for a in cl.window(arts, days=2, limit=100)} == {"a7", "a8", "a9", "u"}
    assert [a.id for a in cl.window(arts, days=2, limit=2)] == ["a9", "u"]
    assert {a.id for a in cl.window(arts, {"a1", "a9"}, days=1)} == {"a0", "a1", "a2", "a8", "a9", "u"}


def test_undated_reports_never_bridge_dated_reports_months_apart_into_one_event():
    """Reports dated months apart must not share an event however many undated look-alikes lie between:
    a similarity of -1 for the pair was outweighed by the average over the close undated pairs."""
    text = "Floodwater broke through the levee at Kormut as the Vesna river rose."
    arts = [cl.ArticleFeatures("a", text, published=dt.date(2020, 1, 1)),
            cl.ArticleFeatures("b", text, published=dt.date(2020, 6, 1))]
    arts += [cl.ArticleFeatures(f"u{k}", text) for k in range(5)]
    events = cl.event_labels(cl.signals(arts), PARAMS)
    assert events[0] != events[1]
    assert len(set(events.tolist())) == 2  # each dated report with the undated, or alone: never both


def test_whole_events_fill_the_window_in_order_up_to_its_limit_a_new_articles_always():
    ordered = ["n", "a1", "b1", "c1"]  # the new article first, then nearest in time
    event_of = {"n": "E1", "a1": "E1", "b1": "E2", "c1": "E3"}
    sizes = {"E1": 3, "E2": 2, "E3": 1}  # E1 holds an article outside the time window too
    assert cl.whole_events(ordered, event_of, sizes, {"n"}, limit=6) == ["E1", "E2", "E3"]
    assert cl.whole_events(ordered, event_of, sizes, {"n"}, limit=5) == ["E1", "E2"]
    assert cl.whole_events(ordered, event_of, sizes, {"n"}, limit=4) == ["E1"]  # E2 is not cut: left out
    assert cl.whole_events(ordered, event_of, sizes, {"n"}, limit=1) == ["E1"]  # a new article's, always


def test_window_takes_every_new_article_before_the_undated():
    """The undated lie at distance 0 from any date, as a new article does: a collection with many of
    them once filled the window with them and left new articles out of their own pass."""
    old = [cl.ArticleFeatures(f"u{k}", "x") for k in range(5)]
    new = [cl.ArticleFeatures(f"z{k}", "x", published=dt.date(2020, 1, 1)) for k in range(2)]
    assert [a.id for a in cl.window(old + new, {"z0", "z1"}, limit=3)] == ["z0", "z1", "u0"]
    assert [a.id for a in cl.window(old + new, ["z1"], limit=2)] == ["z1", "u0"]


def test_recluster_continues_ids_and_reports_a_merge():
    articles = _articles()
    events, storylines = cl.cluster(articles, PARAMS)
    old_storylines = {**storylines, "f4": "S-online"}  # f4 had been put alone by the online index
    ev, st, ev_changes, st_changes = cl.recluster(articles, events, old_storylines, {"f4"}, PARAMS, days=1000)
    assert ev == events and ev_changes == []
    assert st == storylines and st_changes == [cl.Merge(storylines["f1"], ((storylines["f1"], 3), ("S-online", 1)))]


def test_keep_ids_largest_share_keeps_the_id_and_logs_a_split():
    old = {"a": "S1", "b": "S1", "c": "S1", "d": "S1", "e": "S1"}
    new = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "n": 3}
    mapping, changes = cl.keep_ids(old, new)
    assert mapping["a"] == mapping["b"] == mapping["c"] == "S1"
    fresh = mapping["d"]
    assert fresh == mapping["e"] == cl.cluster_id("s", "d") and fresh != "S1"
    assert mapping["n"] == cl.cluster_id("s", "n")  # brand new: a fresh id, no change logged
    assert changes == [cl.Split("S1", (("S1", 3), (fresh, 2)))]


def test_keep_ids_merge_keeps_the_larger_id_and_logs_it():
    old = {"a": "S1", "b": "S1", "c": "S2", "d": "S2", "e": "S2"}
    mapping, changes = cl.keep_ids(old, {k: "x" for k in "abcdef"})
    assert set(mapping.values()) == {"S2"}
    assert changes == [cl.Merge("S2", (("S2", 3), ("S1", 2)))]


def test_keep_ids_uses_an_id_once_and_never_reuses_a_retired_one():
    # S1 splits 2/2: the cluster with the smallest article id keeps it (a deterministic tie)
    old = {"a": "S1", "b": "S1", "c": "S1", "d": "S1", "e": "S2"}
    new = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}
    mapping, changes = cl.keep_ids(old, new)
    assert mapping["a"] == "S1"
    assert mapping["c"] == "S2"  # holds all of S2, and only half of S1, which went to the tie winner
    assert cl.Merge("S2", (("S1", 2), ("S2", 1))) in changes
    assert cl.Split("S1", (("S1", 2), ("S2", 2))) in changes
    # a fresh id never equals an id an old cluster carried (even one derived from the same article)
    taken = {"a": cl.cluster_id("s", "a"), "b": cl.cluster_id("s", "a")}
    mapping, _ = cl.keep_ids(taken, {"a": 1, "b": 2})
    assert mapping["a"] == cl.cluster_id("s", "a") and mapping["b"] not in taken.values()
    # nor an id reserved by a cluster outside the mapping (a story living outside the window)
    mapping, _ = cl.keep_ids({}, {"a": 1}, reserved={cl.cluster_id("s", "a")})
    assert mapping["a"] != cl.cluster_id("s", "a")


def test_keep_ids_is_order_independent():
    old = {k: f"S{i % 3}" for i, k in enumerate("abcdefghij")}
    new = {k: i % 4 for i, k in enumerate("abcdefghijkl")}
    shuffled = dict(random.Random(7).sample(sorted(new.items()), len(new)))
    assert cl.keep_ids(old, new) == cl.keep_ids(dict(reversed(old.items())), shuffled)


def test_cluster_of_one_article_is_one_event_in_one_storyline():
    (only,) = [cl.ArticleFeatures("a", "Floodwater broke the levee at Kormut.", names=("Kormut",))]
    events, storylines = cl.cluster([only])
    assert events == {"a": cl.cluster_id("s", "a")} and storylines == {"a": cl.cluster_id("l", "a")}


def test_cluster_an_undated_report_never_bridges_events_years_apart():
    old, new = dt.date(2000, 5, 1), dt.date(2015, 5, 1)
    articles = [cl.ArticleFeatures("a", FLOOD, names=("Kormut",), published=old),
                cl.ArticleFeatures("b", FLOOD, names=("Kormut",), published=new),
                cl.ArticleFeatures("u", FLOOD, names=("Kormut",))]
    events, _ = cl.cluster(articles)
    assert events["a"] != events["b"] and events["u"] in (events["a"], events["b"])
    undated = [cl.ArticleFeatures(a.id, a.text, names=a.names) for a in articles]  # nothing dated: one event
    events, _ = cl.cluster(undated)
    assert events["a"] == events["b"] == events["u"]


def test_absorb_moves_a_dated_report_only_into_a_cluster_reported_near_its_date():
    labels = np.array([0, 0, 0, 1, 2, 3])
    sim = np.full((6, 6), 0.5)
    days = np.array([np.nan, np.nan, 100.0, 110.0, 500.0, np.nan])
    out = cl.absorbed(labels, np.arange(6), sim, 3, 0.1, days, 30)
    assert out.tolist() == [0, 0, 0, 0, 2, 0]  # day 500 has no report of the cluster within 30 days
    assert cl.absorbed(labels, np.arange(6), sim, 3, 0.1).tolist() == [0, 0, 0, 0, 0, 0]


def test_similarity_is_exactly_its_definition_for_any_mix_of_signals_and_dates():
    rng = np.random.default_rng(7)
    n = 40
    days = rng.integers(737000, 737060, n).astype(float)
    days[rng.random(n) < 0.2] = np.nan
    for has_dense, has_names in ((np.ones(n, bool), np.ones(n, bool)), (rng.random(n) < 0.7, rng.random(n) < 0.5)):
        s = cl.Signals(tuple(f"a{i:02}" for i in range(n)), rng.random((n, n)), rng.random((n, n)), has_names,
                       rng.random((n, n)), has_dense, days)
        for weights in ((0.5, 0.2, 7.0, 0.4), (0.3, 0.3, None, 1.0)):
            embed, names, tau, undated = weights
            w_dense, w_names = embed * np.outer(has_dense, has_dense), names * np.outer(has_names, has_names)
            expected = ((1.0 - embed - names) * s.lexical + w_dense * s.dense + w_names * s.names) / np.maximum(
                (1.0 - embed - names) + w_dense + w_names, 1e-12)
            if tau:
                gap = np.abs(days[:, None] - days[None, :])
                expected *= np.where(np.isnan(gap), undated, np.exp(-np.nan_to_num(gap) / tau))
            assert np.array_equal(cl.similarity(s, embed, names, tau, undated), expected)  # bit for bit


def test_article_terms_with_its_title_are_the_terms_of_title_and_text_together():
    """The pass counts a text's terms once (``ArticleFeatures.terms``) and adds the title's: the same as
    counting title and text as one text, since no word runs across the line between them."""
    from crosswire.fuse.stories import terms_of

    for title, text, names in (("Levee breaks", "Flooding hit Vesna. Levee crews worked all night.", ("Vesna",)),
                               ("Rebels take Zawiya", "zawiya fell on Sunday, rebels said.", ()),
                               ("Shares", "Shares of Tellurix rose.", ("Tellurix", "Shares"))):
        article = cl.ArticleFeatures("x", text, title, names)
        assert article.terms + terms_of(title) == terms_of(f"{title}\n{text}", names)
        assert article.terms is article.terms  # counted once


# Two uprisings in two countries, reported in the same weeks in the same words; and one flu outbreak
# reported from two countries. Each report varies its wording a little, as reports do.
_UPRISING = ("Protesters marched again as security forces fired on the crowds and the regime blamed "
             "foreign agents ; opposition groups said dozens were killed in {city} and the capital {capital} , "
             "where {leader} vowed to crush the revolt . {extra}")
_OUTBREAK = ("Health officials confirmed new cases of the swine flu virus as the influenza strain spread ; "
             "the pandemic alert rose and vaccine makers raced to produce doses while {city} in {capital} "
             "closed schools . {extra}")
# what each country's reports add of their own
_EXTRAS = (("Tanks shelled the port .", "Rebels held the oil terminal .", "Warships blockaded the harbour .",
            "Militias seized the airfield .", "Mercenaries guarded the palace ."),
           ("Students occupied the university .", "Clerics led the funeral march .", "Snipers fired from rooftops .",
            "Lawyers staged a sit-in .", "Tear gas filled the old bazaar ."))


def _storyline_of_two(template: str, casts: tuple[tuple[str, str, str], ...], extras=_EXTRAS, per: int = 25
                      ) -> list[cl.ArticleFeatures]:
    day = dt.date(2021, 3, 1)
    arts = []
    for k, (city, capital, leader) in enumerate(casts):
        for i in range(per):
            extra = " ".join(extras[k][i % 5:] + extras[k][:i % 5])
            text = template.format(city=city, capital=capital, leader=leader, extra=extra) + f" ({i})"
            arts.append(cl.ArticleFeatures(f"{k}-{i:02}", text, names=(city, capital, leader),
                                           published=day + dt.timedelta(days=(i * 3 + k) % 40)))
    return arts


def test_a_storyline_of_two_casts_and_two_vocabularies_is_split_into_two():
    arts = _storyline_of_two(_UPRISING, (("Velmora", "Kestria", "Marlo Venn"), ("Doran", "Taskia", "Ivo Hask")))
    # in a collection of 10,000 reports the uprisings' shared words are common, their own words rare
    own = {t for a in arts for t in a.terms if t.startswith(NAME_PREFIX)} | {
        t for extras in _EXTRAS for e in extras for t in terms_of(e)}
    stats = cl.TermStats(lambda terms: {t: 20 if t in own else 3000 for t in terms}, 10_000)
    unsplit = cl.cluster(arts, dataclasses.replace(cl.Params(), split_min=10**6), stats)[1]
    assert len(set(unsplit.values())) == 1  # the loose cut joins them through their shared words
    storylines = cl.cluster(arts, stats=stats)[1]
    assert _partition(storylines) == {frozenset(a.id for a in arts if a.id.startswith(k)) for k in ("0-", "1-")}
    random.Random(3).shuffle(arts)
    assert cl.cluster(arts, stats=stats)[1] == storylines  # the same in any order


def test_a_storyline_is_split_only_where_its_parts_are_about_different_things():
    # 60 reports: all about one thing, or half about one thing and half about another
    from scipy.sparse import csr_matrix

    n = 60
    half = np.arange(n) >= n // 2
    ones, days = np.ones((n, n)), np.full(n, np.nan)
    one_subject = csr_matrix(np.tile([0.6, 0.8, 0.0, 0.0], (n, 1)))
    two_subjects = csr_matrix(np.where(half[:, None], [0.0, 0.0, 0.6, 0.8], [0.6, 0.8, 0.0, 0.0]))
    storyline, events = np.zeros(n, dtype=np.int64), np.arange(n)

    def split(terms, params=cl.Params()):
        s = cl.Signals(tuple(f"a{i:02}" for i in range(n)), ones, ones, np.ones(n, bool), ones, np.ones(n, bool),
                       days, terms)
        return cl.split_storylines(s, events, storyline, params).tolist()

    assert len(set(split(one_subject))) == 1
    assert split(two_subjects) == half.astype(int).tolist()
    # parts whose signatures meet at the threshold stay one (a storyline whose cast changes, not its subject)
    assert len(set(split(two_subjects, dataclasses.replace(cl.Params(), split_signature=0.0)))) == 1
    # parts under the minimum are not storylines of their own
    assert len(set(split(two_subjects, dataclasses.replace(cl.Params(), split_min=31)))) == 1


def test_signature_is_the_centroid_cut_to_its_heaviest_terms():
    from scipy.sparse import csr_matrix

    terms = csr_matrix(np.array([[0.8, 0.6, 0.0, 0.0], [0.6, 0.0, 0.8, 0.0], [0.0, 0.0, 0.0, 1.0]]))
    sig = cl.signature(terms, np.array([0, 1]), size=2)
    assert np.allclose(sig, np.array([0.7, 0.0, 0.4, 0.0]) / np.hypot(0.7, 0.4))
