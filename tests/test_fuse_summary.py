"""The extractive, cited story summary from invented reports with hand-built sentences."""

from __future__ import annotations

import datetime as dt
import re

from crosswire.fuse.canon import canonical_entities
from crosswire.fuse.summary import summarize
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


def test_summary_opens_with_the_newest_lead_without_its_dateline():
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
    first = run([*ITEMS, (article, analysis)])[0]
    assert first.text == reading
    ref = first.citations[0]
    assert ref.article == "restored" and given[ref.start:ref.end].lower() == reading.lower()


def test_summary_is_deterministic():
    assert run(ITEMS) == run(list(reversed(ITEMS)))
