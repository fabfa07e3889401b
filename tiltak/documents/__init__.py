"""The document core: read plans and status reports of any format into a `PlanDocument`.

Pure Python; never imports Django. The CLI and the web application both call this.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, BlockDocument, BlockKind
from .errors import DocumentError
from .model import Chapter, Finding, Measure, Organisation, PlanDocument, Severity
from .parser import parse_document
from .readers import read_bytes, read_path

__all__ = [
    "Block",
    "BlockDocument",
    "BlockKind",
    "Chapter",
    "DocumentError",
    "Finding",
    "Measure",
    "Organisation",
    "PlanDocument",
    "Severity",
    "parse_bytes",
    "parse_document",
    "parse_path",
    "read_bytes",
    "read_path",
]


def parse_path(path: str | Path) -> PlanDocument:
    """Reads and parses the document at `path`; raises DocumentError when it cannot."""
    return parse_document(read_path(path))


def parse_bytes(data: bytes, name: str | None = None) -> PlanDocument:
    """Reads and parses a document given as bytes."""
    return parse_document(read_bytes(data, name))
