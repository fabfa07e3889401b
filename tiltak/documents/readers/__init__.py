"""Readers: every file format becomes one `BlockDocument`; the format is decided from content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..blocks import BlockDocument
from ..errors import DocumentError
from .limits import MAX_FILE_BYTES

Reader = Callable[[bytes], BlockDocument]


def detect_format(data: bytes, name: str | None = None) -> str:
    """The format of `data` ("pdf", "docx", "html", "text"), from its content first."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return "docx"
        raise DocumentError("the file is a ZIP archive but not a Word (.docx) document")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("old binary Word (.doc) files are not supported; save as .docx")
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in lowered or (b"<body" in lowered and b"</" in lowered)
    ):
        return "html"
    if name and name.lower().endswith((".html", ".htm")) and b"<" in head:
        return "html"
    return "text"


def _reader(fmt: str) -> Reader:
    # Imported lazily so that reading a text file never loads PDF or DOCX libraries.
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if fmt == "docx":
        from .docx import read_docx

        return read_docx
    if fmt == "html":
        from .html import read_html

        return read_html
    from .text import read_text

    return read_text


def read_bytes(data: bytes, name: str | None = None) -> BlockDocument:
    """Blocks of a document given as bytes; `name` is only a hint."""
    if not data.strip():
        raise DocumentError("the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(
            f"the file is {len(data) // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB"
        )
    reader = _reader(detect_format(data, name))
    try:
        return reader(data)
    except DocumentError:
        raise
    except (MemoryError, RecursionError):
        raise DocumentError("the file is too large or too deeply nested to read") from None
    except Exception as error:  # a reader's own checks missed it: still one line, no traceback
        raise DocumentError(f"the file cannot be read ({type(error).__name__})") from None


def read_path(path: str | Path) -> BlockDocument:
    """Blocks of the document at `path`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(
                f"the file is {size // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a directory, not a document") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as error:
        raise DocumentError(f"cannot be read ({error.strerror or error})") from None
    return read_bytes(data, path.name)
