"""Lemmas made when a finder asks (``nlp.lemma_of``) are the lemmatizer's, and no finder reads
``token.lemma_``, which crosswire's pipeline leaves empty until asked (issue #13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from crosswire.analyze.nlp import DEFAULT_MODEL, lemma_of, load_pipeline

pytestmark = pytest.mark.issue(13)

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "Rebels said on Monday they had seized 80 percent of the city; 2,500 fighters were believed to remain.",
    "officials in vorsk counted 40 homes , the tesca valley authority said . it 's over , he told reporters .",
    "The children's hospitals were flooded and the mayors are meeting. Don't go; she'd gone, they'd been told.",
]


def test_lemma_of_gives_the_lemmatizers_lemma_of_every_token():
    reference = spacy.load(DEFAULT_MODEL)
    crosswire_nlp = load_pipeline()
    assert "lemmatizer" in reference.pipe_names and "lemmatizer" not in crosswire_nlp.pipe_names
    for text in TEXTS:
        expected = [t.lemma_ for t in reference(text)]
        doc = crosswire_nlp(text)
        assert [lemma_of(t) for t in doc] == expected
        assert [t.lemma_ for t in doc] == expected  # kept on the token once made


def test_no_code_reads_token_lemma_directly():
    """A ``.lemma_`` read anywhere but ``lemma_of`` would see an empty lemma."""
    found = []
    for folder in ("src/crosswire", "eval"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "nlp.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"\.lemma_\b", line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "read lemmas with crosswire.analyze.nlp.lemma_of:\n" + "\n".join(found)
