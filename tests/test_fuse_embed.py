"""The sentence embedder with the real int8 MiniLM model (skipped where the ``embed`` extra is absent)."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.fuse.embed import DIMENSIONS, EmbeddingModelMissing, _package_file

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")


@pytest.fixture(scope="module")
def embedder():
    from crosswire.fuse.embed import Embedder

    try:
        return Embedder(threads=1)
    except EmbeddingModelMissing as exc:
        pytest.skip(str(exc))


SPILL = "BP admits full responsibility for the oil spill in the Gulf of Mexico."
SPILL_PARAPHRASE = "The oil company accepted the blame for the leak off the Louisiana coast."
FLU = "Swine flu outbreak reaches Europe as Spain confirms its first case."
SINGER = "The pop singer died at his home in Los Angeles on Thursday."


def test_unit_vectors(embedder) -> None:
    vectors = embedder.embed([SPILL, FLU, ""])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrase_closer_than_unrelated(embedder) -> None:
    spill, paraphrase, flu, singer = embedder.embed([SPILL, SPILL_PARAPHRASE, FLU, SINGER])
    assert spill @ paraphrase > 0.4
    assert spill @ paraphrase > max(spill @ flu, spill @ singer, paraphrase @ flu, paraphrase @ singer) + 0.3


def test_same_vector_alone_or_in_any_batch(embedder) -> None:
    """Deterministic: a text's vector does not depend on its batch or position."""
    texts = [SPILL, FLU * 20, SINGER, SPILL_PARAPHRASE]
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.array_equal(embedder.embed(texts, batch_size=3), alone)
    assert np.array_equal(embedder.embed(texts[::-1], batch_size=2)[::-1], alone)


def test_case_and_length(embedder) -> None:
    """Corpus-form (lowercased) text embeds as cased text; only the lead of a long text counts."""
    lead = " ".join([SPILL, SPILL_PARAPHRASE] * 15)
    cased, lowered, long = embedder.embed([lead, lead.lower(), lead + " " + FLU * 5000])
    assert np.allclose(cased, lowered, atol=1e-6)
    assert np.allclose(cased, long, atol=1e-6)


def test_missing_package_says_how_to_install() -> None:
    with pytest.raises(EmbeddingModelMissing, match="--no-deps"):
        _package_file("crosswire_no_such_package", "model.onnx")
