"""The extractive, cited story summary from invented reports with hand-built sentences."""

from __future__ import annotations

import datetime as dt
import re

from crosswire.fuse.canon import canonical_entities
from crosswire.fuse.summary import SUPPORT_MIN, summarize
from crosswire.model import Article, ArticleAnalysis, Dateline, Mention, Sentence
from crosswire.restore.offsetmap import OffsetMap

OLDER = (
    "Rebels of the Dorn Front pushed into the port city of Velmora on Sunday after weeks of fighting. "
    "The Dorn Front said it now held most districts of Velmora and expected to take the rest within days. "
    "Aid groups said thousands of civilians were still trapped inside the old quarter. "
    "A local baker said bread had run out. Short line here."
)
NEWER = (
    "VELMORA - The Dorn Front captured the last districts of Velmora on Tuesday, ending a long battle. "
    "Aid groups said thousands of civilians were still trapped inside the old quarter of the city. "
    "Engineers began clearing mines from the harbour roads, a commander said. "
    "The Dorn Front now held most districts of Velmora before the final push, officials said."
)
LOWER = ("dorn front fighters captured the last districts of velmora on tuesday , ending a long battle .\n"
         "a spokesman said the harbour would reopen next month after repairs to the docks .\n")


def sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^.\n]+[.]", text))


def mentions(text: str, *names: str) -> tuple[Mention, ...]:
    return tuple(Mention(m.start(), m.end(), m.group(0), "ORG")
                 for name in names for m in re.finditer(re.escape(name), text))


def item(aid: str, text: str, published: dt.date | None, **form: bool) -> tuple[Article, ArticleAnalysis]:
    dateline = Dateline(0, 9, "VELMORA", None) if text.startswith("VELMORA -") else None
    return (Article(aid, text, outlet=aid, published=published),
            ArticleAnalysis(aid, text, form=form, dateline=dateline, sentences=sentences(text),
                            mentions=mentions(text, "Dorn Front", "dorn front", "Velmora", "velmora")))


ITEMS = [item("old", OLDER, dt.date(2030, 3, 1)), item("new", NEWER, dt.date(2030, 3, 3)),
         item("low", LOWER, None, lowercased=True, tokenized=True)]


def run(items, n: int = 5):
    return summarize(items, canonical_entities(items), max_sentences=n)


def test_summary_opens_with_what_most_reports_say_without_its_dateline():
    first = run(ITEMS)[0]
    assert first.text == "The Dorn Front captured the last districts of Velmora on Tuesday, ending a long battle."
    assert first.citations[0].article == "new"


def test_summary_citations_read_back_to_the_sentence_text():
    texts = {a.id: a.text for a, _ in ITEMS}
    summary = run(ITEMS)
    assert summary
    for sentence in summary:
        own = sentence.citations[0]
        assert " ".join(texts[own.article][own.start:own.end].split()) == sentence.text
        words = set(re.findall(r"\w+", sentence.text.lower()))
        for ref in sentence.citations:
            assert words & set(re.findall(r"\w+", texts[ref.article][ref.start:ref.end].lower()))


def test_summary_cites_repeats_in_other_articles_including_lowercased_ones():
    first = run(ITEMS)[0]
    assert [c.article for c in first.citations] == ["new", "low", "old"][:len(first.citations)]
    assert {c.article for c in first.citations} >= {"new", "low"}


def test_summary_shows_no_unrestored_lowercased_text_when_a_cased_article_exists():
    summary = run(ITEMS)
    assert all(s.citations[0].article != "low" for s in summary)
    only_lower = run([ITEMS[2]])
    assert only_lower and only_lower[0].citations[0].article == "low"


def test_summary_is_short_non_redundant_and_skips_fragments():
    summary = run(ITEMS, n=3)
    assert len(summary) == 3
    texts = [s.text for s in summary]
    assert len(set(texts)) == 3
    trapped = [t for t in run(ITEMS) if "trapped" in t.text]
    assert len(trapped) == 1  # said by both outlets: picked once, citing both
    assert {c.article for c in trapped[0].citations} == {"old", "new"}
    everything = run(ITEMS, n=10)
    assert not any("Short line" in t.text for t in everything)
    assert len([t for t in everything if "most districts" in t.text]) == 1  # reworded repeat
    assert run(ITEMS, n=0) == []


def test_summary_shows_a_restored_lowercased_report_in_its_reading_form():
    given = "dorn front fighters took the last districts of velmora on wednesday, officials said."
    reading = "Dorn Front fighters took the last districts of Velmora on Wednesday, officials said."
    article = Article("restored", given, published=dt.date(2030, 3, 4))
    analysis = ArticleAnalysis("restored", reading, form={"lowercased": True},
                               offsets=OffsetMap.identity(len(given)).to_json(), sentences=sentences(given))
    shown = [s for s in run([*ITEMS, (article, analysis)], n=10) if s.citations[0].article == "restored"]
    assert [s.text for s in shown] == [reading]
    ref = shown[0].citations[0]
    assert ref.article == "restored" and given[ref.start:ref.end].lower() == reading.lower()


def test_summary_is_deterministic():
    assert run(ITEMS) == run(list(reversed(ITEMS)))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_every_citation_holds_its_sentence_and_mere_overlap_is_not_cited():
    texts = {a.id: a.text for a, _ in ITEMS}
    summary = run(ITEMS, n=10)
    for sentence in summary:
        for ref in sentence.citations:
            held = words(sentence.text) & words(texts[ref.article][ref.start:ref.end])
            assert len(held) >= SUPPORT_MIN * len(words(sentence.text)), (sentence.text, ref)
    # "The Dorn Front now held most districts of Velmora before the final push, officials said."
    # shares most content words with the older report's "said it now held most districts" sentence
    # but does not say the same thing: neither cites the other.
    for sentence in summary:
        if "most districts" in sentence.text:
            assert [c.article for c in sentence.citations] == [sentence.citations[0].article]


def wire(aid: str, published: dt.date, lead: str, *rest: str) -> tuple[Article, ArticleAnalysis]:
    text = " ".join((lead, *rest))
    return (Article(aid, text, published=published),
            ArticleAnalysis(aid, text, sentences=sentences(text)))


SHARED = "Engineers reopened the harbour bridge at Velmora on Monday after three weeks of repairs."


def test_what_most_reports_say_leads_and_cites_every_report_saying_it():
    items = [wire("a", dt.date(2030, 3, 1), SHARED,
                  "A baker in the old quarter of Velmora sold the last bread of the week."),
             wire("b", dt.date(2030, 3, 2), "Fishing boats at Velmora stayed in port because of the storm warnings.",
                  "Engineers reopened the harbour bridge at Velmora on Monday after three weeks of repair work."),
             wire("c", dt.date(2030, 3, 3), SHARED,
                  "A new mayor of Velmora was sworn in at the town hall by the judges.")]
    first = run(items, n=2)[0]
    assert first.text == SHARED
    assert first.citations[0].article == "a"  # the same words twice: the earlier report's is shown
    assert [c.article for c in first.citations] == ["a", "b", "c"]


def test_a_glued_headline_byline_and_dateline_fragment_are_never_summary_sentences():
    text = ("Velmora Harbour Bridge Reopens After Repairs\n"
            "Engineers reopened the harbour bridge at Velmora on Monday after three weeks of repairs.\n"
            "VELMORA, Dornland (Wire) _\n"
            "Traffic was light in the first hours, police officers at the bridge said.\n"
            "Eds: UPDATES with traffic figures\nBy JOHN SMITHSON, Wire Writer\n"
            "Ferries kept running for the people who had got used to them during the closure.\n")
    spans = [(0, text.index("\nVELMORA")), (text.index("VELMORA"), text.index("\nTraffic")),
             (text.index("Traffic"), text.index("\nEds")), (text.index("Eds"), len(text))]
    item = (Article("h", text, published=dt.date(2030, 3, 1)),
            ArticleAnalysis("h", text, sentences=tuple(Sentence(s, e) for s, e in spans)))
    shown = [s.text for s in run([item], n=10)]
    assert shown[0] == SHARED
    assert "Ferries kept running for the people who had got used to them during the closure." in shown
    assert not any("Reopens" in t or "VELMORA" in t or "Eds" in t or "SMITHSON" in t for t in shown)
    assert all(text[c.start:c.end] in shown for s in run([item], n=10) for c in s.citations)


def test_a_hard_wrapped_report_keeps_its_sentences_whole():
    text = ("Engineers reopened the harbour bridge at Velmora\non Monday after three weeks of repairs, and\n"
            "traffic was light in the first hours, police said.\nFerries kept running all\nweek.\n")
    cut = text.index("\nFerries")
    item = (Article("w", text), ArticleAnalysis("w", text, sentences=(Sentence(0, cut), Sentence(cut + 1, len(text)))))
    assert run([item])[0].text == " ".join(text[:cut].split())


def test_summary_stops_at_the_word_budget():
    full = run(ITEMS, n=10)
    short = summarize(ITEMS, canonical_entities(ITEMS), max_sentences=10, max_words=20)
    assert len(full) > 2
    assert len(short) == 2 and short == full[:2]


def test_summary_copies_count_once_in_what_most_reports_say():
    def report(aid: str, lead: str) -> tuple[Article, ArticleAnalysis]:
        text = f"{lead} Officials gave no further details on Tuesday evening."
        return (Article(aid, text, outlet=aid.upper(), published=dt.date(2030, 3, 4)),
                ArticleAnalysis(aid, text, sentences=(Sentence(0, len(lead)), Sentence(len(lead) + 1, len(text)))))
    wire = "The harbour bridge reopened to traffic after repairs that took three weeks."
    own = "Ferry crossings to the island were cancelled as storm winds reached the coast."
    items = [report("w1", wire), report("w2", wire), report("w3", wire), report("o1", own), report("o2", own)]
    assert summarize(items, max_sentences=1)[0].text == wire  # three reports against two
    copies = {"w2": "w1", "w3": "w1"}
    assert summarize(items, max_sentences=1, copies=copies)[0].text == own  # one source against two


def test_summary_of_a_storyline_is_drawn_from_its_core_reports_only():
    # a storyline's one-report event of the same days (another story on the page) is weighed, never quoted,
    # however much of what the storyline shares it says
    other = item("other", "The Dorn Front held Velmora, aid groups said.", dt.date(2030, 3, 4))
    everything = [*ITEMS[:2], other]
    core = {"old", "new"}
    picked = summarize(everything, canonical_entities(everything), max_sentences=5, core=core)
    assert picked and all(s.citations[0].article in core for s in picked)
    assert any(s.citations[0].article == "other"
               for s in summarize(everything, canonical_entities(everything), max_sentences=5))
