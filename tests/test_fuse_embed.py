"""The sentence embedder with the real MiniLM model, rewritten for int8 arithmetic (skipped where the ``embed``
extra is absent)."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.fuse.embed import DIMENSIONS, MODEL_PACKAGE, EmbeddingModelMissing, _package_file
from crosswire.fuse.int8_model import int8_model

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
pytest.importorskip("onnx")


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


def test_same_vector_alone_or_among_others(embedder) -> None:
    """Deterministic: a text's vector does not depend on the texts embedded with it or its position
    (the int8 model scales each call's activations by what the call holds)."""
    texts = [SPILL, FLU * 20, SINGER, SPILL_PARAPHRASE]
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.array_equal(embedder.embed(texts), alone)
    assert np.array_equal(embedder.embed(texts[::-1])[::-1], alone)


def test_int8_rewrite_embeds_as_the_shipped_model(embedder) -> None:
    """The rewrite only changes the arithmetic: each vector stays within a cosine of 0.98 of the one
    the shipped float model gives the same word pieces (0.99 or more on 100 corpus leads)."""
    import onnxruntime

    shipped = onnxruntime.InferenceSession(str(_package_file(MODEL_PACKAGE, "model.onnx")),
                                           providers=["CPUExecutionProvider"])
    names = {i.name for i in shipped.get_inputs()}
    texts = [SPILL, SPILL_PARAPHRASE, FLU, SINGER, " ".join([SPILL, FLU, SINGER] * 10)]
    for text, vector in zip(texts, embedder.embed(texts)):
        ids = embedder._tokenizer.encode(text).ids
        feeds = {"input_ids": [ids], "attention_mask": [[1] * len(ids)], "token_type_ids": [[0] * len(ids)]}
        (hidden,) = shipped.run(["last_hidden_state"], {k: np.array(v, dtype=np.int64) for k, v in feeds.items()
                                                         if k in names})
        reference = hidden[0].mean(axis=0)
        assert vector @ (reference / np.linalg.norm(reference)) > 0.98


def test_int8_model_built_once_and_where_it_can_be(tmp_path, monkeypatch) -> None:
    """Built on first use into the cache folder, then read from it; where the cache cannot be
    written, in a folder of the user's in the temporary folder."""
    source = _package_file(MODEL_PACKAGE, "model.onnx")
    monkeypatch.setenv("CROSSWIRE_CACHE", str(tmp_path / "cache"))
    built = int8_model(source)
    assert built.parent == tmp_path / "cache" and built.stat().st_size > 1_000_000
    stamp = built.stat().st_mtime_ns
    assert int8_model(source) == built and built.stat().st_mtime_ns == stamp
    (tmp_path / "blocked").write_text("a file where the cache folder should be")
    monkeypatch.setenv("CROSSWIRE_CACHE", str(tmp_path / "blocked" / "cache"))
    elsewhere = int8_model(source)
    assert elsewhere.is_file() and not elsewhere.is_relative_to(tmp_path)
    assert elsewhere.read_bytes() == built.read_bytes()  # the same rewrite wherever it is built


def test_case_and_length(embedder) -> None:
    """Corpus-form (lowercased) text embeds as cased text; only the lead of a long text counts."""
    lead = " ".join([SPILL, SPILL_PARAPHRASE] * 15)
    cased, lowered, long = embedder.embed([lead, lead.lower(), lead + " " + FLU * 5000])
    assert np.allclose(cased, lowered, atol=1e-6)
    assert np.allclose(cased, long, atol=1e-6)


def test_missing_package_says_how_to_install() -> None:
    with pytest.raises(EmbeddingModelMissing, match="--no-deps"):
        _package_file("crosswire_no_such_package", "model.onnx")
