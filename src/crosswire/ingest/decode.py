"""Bytes to text: size, decompression, binary, empty and encoding checks, each failure a
``Problem`` that says what went wrong and how to fix it.

Order matters: the size is checked with ``stat`` before anything is read (a 50 GB file must not be
loaded to learn that it is too big; a stream or a gzipped file, whose size is only known once
read, is read one byte past the limit and refused if that byte arrives), the binary check runs before decoding (a NUL-padded file would
otherwise "decode" as latin-1), and UTF-8 is tried before any guessing (it is what nearly all
modern text is, and a successful strict UTF-8 decode is almost never wrong).
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO, TextIO

import charset_normalizer

from crosswire.ingest.gzipped import GZIP_ERRORS, decompressing, is_gzipped, sniff_gzip
from crosswire.model import Problem

# The longest news reports are ~100 KB; 20 MB still admits a JSONL/CSV of tens of thousands of
# articles, while stopping an accidental dump, archive or disk image before it fills memory.
MAX_BYTES = 20 * 1024 * 1024

# Bytes that never occur in text (C0 controls other than tab, newline, vertical tab, form feed,
# carriage return, escape; and DEL). Above this share of the file it is treated as binary: a few
# stray controls occur in scraped text, but a tenth of them only in binary formats.
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])
MAX_CONTROL_SHARE = 0.10

# A guessed legacy decoding is kept over cp1252 only when it reads as text in a non-Latin script
# (Cyrillic in cp1251, Greek in cp1253, ...): whole words in that script, with at most this share
# of words mixing it with ASCII letters. Mojibake of a Latin text is the opposite: single odd
# letters inside ASCII words ("naﺅve"), which is what any guess on a short Western text yields.
MAX_MIXED_WORD_SHARE = 0.1
_ASCII_PROBE = b"The 1st report, 2 quotes."

_WORD = re.compile(r"[^\W\d_]+")
_UNICODE_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _too_large(source: str, size: int | None, max_bytes: int) -> Problem:
    limit = f"the {_size(max_bytes)} limit"
    actual = f"is {_size(size)}, over {limit}" if size is not None else f"is over {limit} (uncompressed)"
    return Problem(
        source,
        f"input {actual}; split it into smaller files or pass --max-bytes",
        kind="too_large",
    )


def _read_limited(stream: BinaryIO, source: str, max_bytes: int) -> bytes | Problem:
    """At most ``max_bytes`` from a stream whose size is unknown (stdin, a decompressing file)."""
    try:
        data = stream.read(max_bytes + 1)
    except GZIP_ERRORS as err:
        return Problem(source, f"is not a complete gzip file ({err}); compress it again, or give it "
                       "uncompressed", kind="malformed")
    return _too_large(source, None, max_bytes) if len(data) > max_bytes else data


def _binary_problem(data: bytes, source: str, lines: bool = False) -> Problem | None:
    """Whether a whole input is binary. Not asked of a file of one record per line (JSONL, CSV):
    there binary bytes spoil only their own lines, which the line reader reports one by one."""
    if lines:
        return None
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or control > MAX_CONTROL_SHARE * len(data):
        return Problem(
            source,
            "looks like a binary file, not text; convert it to plain text, HTML, JSONL or CSV first",
            kind="binary",
        )
    return None


def _empty(source: str) -> Problem:
    return Problem(source, "is empty (no text); remove it or add the report's text", kind="empty")


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def _reads_as_non_latin(text: str, encoding: str) -> bool:
    try:  # UTF-16, EBCDIC and the like turn ASCII into other letters: never a plausible guess here
        if _ASCII_PROBE.decode(encoding) != _ASCII_PROBE.decode("ascii"):
            return False
    except (UnicodeDecodeError, LookupError):
        return False
    whole = mixed = 0
    for word in _WORD.findall(text):
        if all(_is_latin(c) for c in word):
            continue
        if any(c.isascii() for c in word):
            mixed += 1
        else:
            whole += 1
    return whole > 0 and mixed <= MAX_MIXED_WORD_SHARE * whole


def _decode_legacy(data: bytes) -> str | None:
    """Text that is not UTF-8: a plausible non-Latin guess, else cp1252, else any guess at all."""
    best = charset_normalizer.from_bytes(data).best()
    guessed = str(best) if best is not None else None
    if best is not None and guessed is not None and _reads_as_non_latin(guessed, best.encoding):
        return guessed
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, ...)
        return guessed


def _decode_lines(data: bytes) -> str:
    """A file of records, one per line, that is not all UTF-8 (records appended from several
    sources): lines that are UTF-8 are read as UTF-8, and the others as one legacy text (the guess
    is made on all of them together), so one record in another encoding neither spoils the others
    nor turns them into mojibake."""
    raw = data.split(b"\n")
    decoded: list[str | None] = []
    for line in raw:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    others = [line for line, text in zip(raw, decoded) if text is None]
    legacy = _decode_legacy(b"\n".join(others))
    if legacy is None or legacy.count("\n") != len(others) - 1:  # line breaks must stay line breaks
        # no encoding reads them: show what cannot be read as U+FFFD, as a browser would
        legacy = "\n".join(line.decode("utf-8", "replace") for line in others)
    guesses = iter(legacy.split("\n"))
    return "\n".join(text if text is not None else next(guesses) for text in decoded).removeprefix("\ufeff")


def decode_bytes(data: bytes, source: str, *, lines: bool = False) -> str | Problem:
    """Decode a whole input, or say why it is not text (``lines``: one record per line)."""
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                return Problem(
                    source,
                    f"starts with a {encoding.upper()} byte-order mark but does not decode "
                    f"({err.reason}); re-save it as UTF-8",
                    kind="encoding",
                )
            return check_text(text, source, lines=lines)
    if not data.strip():
        return _empty(source)
    if problem := _binary_problem(data, source, lines):
        return problem
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        legacy = _decode_lines(data) if lines else _decode_legacy(data)
        if legacy is None:
            return Problem(
                source,
                "is neither UTF-8 nor a recognisable legacy encoding; re-save it as UTF-8",
                kind="encoding",
            )
        text = legacy
    return check_text(text, source, lines=lines)


def check_text(text: str, source: str, *, lines: bool = False) -> str | Problem:
    """The checks that apply to already-decoded text (a text stream such as stdin)."""
    if not text.strip():
        return _empty(source)
    if problem := _binary_problem(text.encode("utf-8", "surrogatepass"), source, lines):
        return problem
    return text


def read_file(path: Path, max_bytes: int = MAX_BYTES, *, lines: bool = False) -> str | Problem:
    """The decoded text of ``path`` (decompressed when it is gzipped), or the Problem that stops it
    being read (``lines``: a file of one record per line, judged line by line)."""
    source = str(path)
    try:
        if is_gzipped(path):
            with path.open("rb") as raw:
                data = _read_limited(decompressing(raw), source, max_bytes)
        elif (size := path.stat().st_size) > max_bytes:
            return _too_large(source, size, max_bytes)
        else:
            data = path.read_bytes()
    except FileNotFoundError:
        return Problem(source, "does not exist; check the path", kind="missing")
    except OSError as err:
        return Problem(
            source, f"cannot be read ({err.strerror or err}); check its permissions", kind="unreadable"
        )
    return data if isinstance(data, Problem) else decode_bytes(data, source, lines=lines)


def read_stream(stream: TextIO | BinaryIO, source: str, max_bytes: int = MAX_BYTES) -> str | Problem:
    """Read a stream (stdin) up to ``max_bytes``, decompressing a binary one that is gzipped."""
    try:
        if not isinstance(stream, io.TextIOBase):
            data = _read_limited(sniff_gzip(stream), source, max_bytes)  # type: ignore[arg-type]
            return data if isinstance(data, Problem) else decode_bytes(data, source)
        text = stream.read(max_bytes + 1)
    except (OSError, UnicodeDecodeError) as err:
        return Problem(source, f"cannot be read ({err}); pipe UTF-8 text into it", kind="encoding")
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return _too_large(source, None, max_bytes)
    return check_text(text.removeprefix("\ufeff"), source)
