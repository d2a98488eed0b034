"""Finding input files, opening them (gzip transparently) and decoding their bytes."""

from __future__ import annotations

import gzip
import io
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"

# Extensions read when a directory is walked; a file named on the command line is always tried.
ARTICLE_EXTENSIONS = {
    ".txt": "seed", ".text": "seed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}

# Single-article files are read whole; beyond this they are rejected, not loaded into memory.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as articles; the message is the reason shown to the user."""


def walk(path: Path) -> Iterator[tuple[Path, bool]]:
    """Yield `(file, walked)` for a path: the file itself, or a directory's files in sorted order.

    `walked` is True for files found inside a directory, which are only read when their
    extension is an article format (so a README or LICENSE beside the articles is skipped).
    Hidden files and folders are not entered.
    """
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name, True
    else:
        yield path, False


def format_from_name(path: Path) -> str | None:
    """The reader a file's extension asks for (`.gz` looked through), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return ARTICLE_EXTENSIONS.get(suffixes[-1]) if suffixes else None


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes, decompressing gzip (by its magic bytes, not its name)."""
    raw = open(path, "rb")
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw


def read_head(path: Path, size: int = 8192) -> bytes:
    with open_binary(path) as handle:
        try:
            return handle.read(size)
        except (OSError, EOFError) as exc:
            raise InputError(f"corrupt gzip data ({exc})") from exc


def read_document(path: Path) -> bytes:
    """All bytes of a single-article file, refusing ones too large to be one article."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"file is {size / 2**20:.1f} MB; single-article files are read up to "
            f"{MAX_DOCUMENT_BYTES // 2**20} MB (use JSON Lines or CSV for collections)"
        )
    with open_binary(path) as handle:
        try:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise InputError(f"corrupt gzip data ({exc})") from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"decompressed content exceeds {MAX_DOCUMENT_BYTES // 2**20} MB; single-article files "
            "are read up to that size (use JSON Lines or CSV for collections)"
        )
    return data


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not text (UTF-16 with a BOM is text)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    UTF-8 first (it rarely decodes non-UTF-8 German by accident), then Windows-1252, which
    covers Latin-1's printable range plus the typographic quotes German text uses, then Latin-1.
    Line endings become `\\n` and text is NFC-normalised, so offsets refer to one canonical form.
    """
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return normalise_text(data.decode(encoding)), encoding.removesuffix("-sig")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return normalise_text(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def normalise_text(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Yield `(line_number, raw_line)` from a possibly gzipped file, streaming.

    A truncated or corrupt gzip stream raises InputError naming the line where it broke, after
    every line before it has been yielded.
    """
    number = 0
    with open_binary(path) as handle:
        reader = io.BufferedReader(handle) if isinstance(handle, gzip.GzipFile) else handle
        while True:
            try:
                line = reader.readline()
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                raise InputError(f"corrupt gzip data after line {number} ({exc})") from exc
            if not line:
                return
            number += 1
            yield number, line


def decode_line(line: bytes) -> tuple[str, str]:
    """Decode one line of a streamed file; each line may fall back on its own."""
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        return normalise_text(line.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        try:
            return normalise_text(line.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            return normalise_text(line.decode("latin-1")), "latin-1"
