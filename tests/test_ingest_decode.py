"""Bytes to text: every failure is a Problem of the right kind whose message says how to fix it."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from crosswire.ingest.decode import MAX_BYTES, decode_bytes, read_file, read_stream
from crosswire.model import Problem


def _problem(value: str | Problem) -> Problem:
    assert isinstance(value, Problem), f"expected a Problem, got text {value!r}"
    return value


def test_decode_utf8_with_and_without_bom() -> None:
    text = "Le café naïf"
    assert decode_bytes(text.encode("utf-8"), "x") == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "x") == text


def test_decode_latin1_and_cp1252_give_the_right_characters() -> None:
    text = "The critic, a naïve man, ordered crème brûlée at the café in Zürich on Monday.\n"
    assert decode_bytes(text.encode("latin-1"), "x") == text
    quoted = "“Smart quotes” – and a café"
    assert decode_bytes(quoted.encode("cp1252"), "x") == quoted


def test_decode_keeps_a_non_latin_legacy_guess() -> None:
    text = "Правительство объявило о новых мерах поддержки жителей пострадавших районов.\n" * 3
    assert decode_bytes(text.encode("cp1251"), "x") == text


def test_decode_utf16_with_bom() -> None:
    assert decode_bytes("naïve report".encode("utf-16"), "x") == "naïve report"


def test_decode_empty_and_whitespace_only() -> None:
    assert _problem(decode_bytes(b"", "x")).kind == "empty"
    assert _problem(decode_bytes(b" \n\t\r\n", "x")).kind == "empty"


def test_decode_binary_by_nul_and_by_control_bytes() -> None:
    assert _problem(decode_bytes(b"PK\x03\x04\x00\x00abc", "x")).kind == "binary"
    noisy = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"some text"
    problem = _problem(decode_bytes(noisy, "x"))
    assert problem.kind == "binary" and "convert" in problem.message


def test_decode_read_file_too_large_checks_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(52 * 1024 * 1024)  # sparse: all NUL bytes, so only the size check passes it
    problem = _problem(read_file(big))
    assert problem.kind == "too_large"
    assert "52.0 MB" in problem.message and "20.0 MB" in problem.message
    assert "--max-bytes" in problem.message


def test_decode_read_file_honours_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 100)
    assert _problem(read_file(path, max_bytes=50)).kind == "too_large"
    assert read_file(path, max_bytes=100) == "x" * 100


def test_decode_read_file_missing(tmp_path: Path) -> None:
    assert _problem(read_file(tmp_path / "nope.txt")).kind == "missing"


def test_decode_read_stream_binary_and_text_streams() -> None:
    assert read_stream(io.BytesIO("café".encode("latin-1")), "<stdin>") == "café"
    assert read_stream(io.StringIO("\ufeffhello"), "<stdin>") == "hello"
    assert _problem(read_stream(io.BytesIO(b"x" * 11), "<stdin>", max_bytes=10)).kind == "too_large"
    assert _problem(read_stream(io.StringIO("é" * 6), "<stdin>", max_bytes=10)).kind == "too_large"
    assert _problem(read_stream(io.StringIO("   "), "<stdin>")).kind == "empty"


def test_decode_max_bytes_is_twenty_megabytes() -> None:
    assert MAX_BYTES == 20 * 1024 * 1024


def test_decode_read_file_gzip_limit_counts_decompressed_bytes(tmp_path: Path) -> None:
    path = tmp_path / "r.txt.gz"
    path.write_bytes(gzip.compress(b"x" * 100))
    assert read_file(path, max_bytes=100) == "x" * 100
    problem = _problem(read_file(path, max_bytes=99))
    assert problem.kind == "too_large" and "uncompressed" in problem.message


def test_decode_read_file_truncated_gzip_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "A report."}\n' * 50)[:25])
    problem = _problem(read_file(path))
    assert problem.kind == "malformed" and problem.source == str(path) and "gzip" in problem.message


def test_decode_read_stream_gzipped_binary_stream() -> None:
    assert read_stream(io.BytesIO(gzip.compress("café".encode())), "<stdin>") == "café"
    assert _problem(read_stream(io.BytesIO(gzip.compress(b"x" * 11)), "<stdin>", max_bytes=10)).kind == "too_large"
    assert _problem(read_stream(io.BytesIO(gzip.compress(b"x")[:12]), "<stdin>")).kind == "malformed"
