"""restore(): the reading text, and every offset of it still pointing at the text as given."""

import random
from pathlib import Path

import pytest

from crosswire.restore import Lexicon, OffsetMap, Restored, restore

PUBLISHED = ('OSKVAR - The dam on the Tarn gave way on Monday, officials said. '
             '"We had no warning," said Lena Moor, 34. The U.S.-based group didn\'t comment.')
CORPUS = ("oskvar , tarnland ( meridian ) - the dam gave way on monday , officials said .\n"
          "lena moor , 34 , said she had no warning and did n't know the u.s.-based "
          "group 's plan .\n"
          "the group declined to comment , a spokesman told meridian .\n")


def assert_offsets_read_back(given: str, restored: Restored, spans: int = 300) -> None:
    """Each reading character comes from the given character at its offset (ignoring case),
    and a span maps to a given span with the same characters once whitespace is dropped."""
    reading, offsets = restored.text, restored.offsets
    assert offsets.reading_length == len(reading) and offsets.given_length == len(given)
    for i, c in enumerate(reading):
        assert given[offsets.given_offset(i)].lower() == c.lower()
    rng = random.Random(7)
    for _ in range(spans):
        start = rng.randrange(len(reading))
        end = rng.randrange(start, len(reading) + 1)
        gs, ge = offsets.to_given(start, end)
        assert "".join(reading[start:end].split()).lower() == "".join(given[gs:ge].split()).lower()


def cased_lexicon(texts, nlp) -> Lexicon:
    lex = Lexicon()
    for text in texts:
        lex.observe_text(text)
        for ent in nlp(text).ents:
            lex.observe_name(ent.text, ent.label_)
    return lex


def test_restore_published_text_is_identity():
    r = restore(PUBLISHED, Lexicon(), proper=["oskvar"])
    assert r.text == PUBLISHED and r.offsets == OffsetMap.identity(len(PUBLISHED))
    assert not any(r.form.as_dict().values())


def test_restore_corpus_text_detokenizes_and_truecases():
    r = restore(CORPUS, proper=["lena moor"])
    assert r.form.lowercased and r.form.tokenized and r.form.quotes_stripped
    assert r.text.splitlines() == [
        "Oskvar, Tarnland (Meridian) - The dam gave way on Monday, officials said.",
        "Lena Moor, 34, said she had no warning and didn't know the U.S.-based group's plan.",
        "The group declined to comment, a spokesman told Meridian.",
    ]
    assert_offsets_read_back(CORPUS, r)


def test_restore_lowercased_untokenized_keeps_every_offset():
    given = "the dam gave way on monday, officials said."
    r = restore(given)
    assert r.text == "The dam gave way on Monday, officials said."
    assert r.offsets == OffsetMap.identity(len(given))


def test_restore_cased_tokenized_text_keeps_its_case():
    given = "The dam gave way on monday , officials said . They did n't know ."
    r = restore(given)
    assert r.text == "The dam gave way on monday, officials said. They didn't know."
    assert_offsets_read_back(given, r)


@pytest.mark.slow
def test_restore_bundled_corpus_example(examples_dir: Path, nlp):
    cased = [p.read_text() for p in sorted(examples_dir.glob("levee_*.txt"))
             if p.name != "levee_corpus.txt"]
    given = (examples_dir / "levee_corpus.txt").read_text()
    r = restore(given, cased_lexicon(cased, nlp))
    assert r.text.startswith("Korvashin, Veldra (Meridian) - Between 1,500 and 2,000 people")
    for name in ("Mirela Dascu, spokeswoman for the NWA", "National Water Authority",
                 "Vessa River", "Tomas Vrain", "\nDascu said", "\nVrain said", "on Wednesday"):
        assert name in r.text
    assert_offsets_read_back(given, r)


@pytest.mark.slow
def test_restore_seed_reports(seeds_dir: Path, nlp):
    afp = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    reuters = next(seeds_dir.glob("003_*.txt")).read_text(encoding="utf-8")
    lex = cased_lexicon([afp], nlp)
    assert restore(afp, lex).text == afp
    r = restore(reuters, lex, proper=["raqqa", "syria"])
    assert r.text.startswith("Raqqa, Syria (Reuters) - U.S.-backed militias")
    # Names the cased report spells the same way come out as it spells them.
    afp_names = [name for name, label in lex.names() if label == "PERSON" and " " in name]
    shared = [n for n in afp_names if n.lower() in reuters and n not in reuters]
    assert shared and all(n in r.text for n in shared)
    assert_offsets_read_back(reuters, r)
