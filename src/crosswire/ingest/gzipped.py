"""Gzip-compressed inputs, read transparently: ``x.jsonl.gz`` is a JSONL file, ``x.html.gz`` an HTML
page (the format is the suffix before ``.gz``), and stdin that starts with gzip's magic bytes is
decompressed. Decompression streams, so the size limit applies to the decompressed bytes without
ever holding more than the limit (a 1 MB file of zeros that expands to 1 GB stops at the limit).
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import PurePath
from typing import BinaryIO

GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
# What reading a truncated or corrupt gzip stream raises.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def is_gzipped(path: PurePath) -> bool:
    return path.suffix.lower() == GZIP_SUFFIX


def content_name(path: PurePath) -> PurePath:
    """The name whose suffix gives the format and whose stem the default id: ``x.jsonl`` for
    ``x.jsonl.gz``, the path itself when it is not gzipped."""
    return path.with_suffix("") if is_gzipped(path) else path


def decompressing(stream: BinaryIO) -> BinaryIO:
    """``stream``, decompressed as it is read."""
    return gzip.GzipFile(fileobj=stream, mode="rb")


def sniff_gzip(stream: BinaryIO) -> BinaryIO:
    """``stream`` as it is, or decompressing when it starts with the gzip magic bytes (a stream
    has no name to tell); nothing is consumed by looking."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    return decompressing(buffered) if buffered.peek(len(GZIP_MAGIC)).startswith(GZIP_MAGIC) else buffered
