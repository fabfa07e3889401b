"""The document core: read plans and status reports of any format into a `PlanDocument`.

Pure Python; never imports Django. The CLI and the web application both call this.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .blocks import Block, BlockDocument, BlockKind
from .errors import DocumentError
from .model import Chapter, Finding, Measure, Organisation, PlanDocument, Severity

if TYPE_CHECKING:
    from .parser import parse_document
    from .readers import read_bytes, read_path

# The parser and the readers compile many patterns when imported; they load on first use, so a
# process that only stores or renders documents (every Django start, `tiltak report`) skips them.
_LAZY = {"parse_document": ".parser", "read_bytes": ".readers", "read_path": ".readers"}


def __getattr__(name: str) -> Any:
    """`parse_document`, `read_bytes` and `read_path`, imported when first asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


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
    from .parser import parse_document
    from .readers import read_path

    return parse_document(read_path(path))


def parse_bytes(data: bytes, name: str | None = None) -> PlanDocument:
    """Reads and parses a document given as bytes."""
    from .parser import parse_document
    from .readers import read_bytes

    return parse_document(read_bytes(data, name))
