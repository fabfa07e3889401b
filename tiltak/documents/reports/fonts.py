"""The PDF report's font, and which characters it can show (PDF/UA forbids missing glyphs).

The coverage is read from the font's own character map (the TrueType `cmap` table), so a
narrative in a script the font lacks (Chinese, emoji) prints a replacement mark instead of
failing the whole report.
"""

from __future__ import annotations

import bisect
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIRECTORIES = (Path("/usr/share/fonts/truetype/dejavu"),)
"""DejaVu Sans from Debian's fonts-dejavu-core."""
FONT_FILE = "DejaVuSans.ttf"
REPLACEMENT = "\ufffd"
_KEEP = frozenset("\n\t")


def font_directories() -> list[Path]:
    """The directories holding the report's font; empty when it is not installed."""
    return [path for path in FONT_DIRECTORIES if (path / FONT_FILE).is_file()]


@lru_cache(maxsize=1)
def _coverage() -> tuple[list[int], list[int]]:
    """Sorted (starts, ends) of the code point ranges the regular face maps to glyphs."""
    directories = font_directories()
    if not directories:
        return [], []
    return _ranges((directories[0] / FONT_FILE).read_bytes())


def _ranges(data: bytes) -> tuple[list[int], list[int]]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(count)
    }
    cmap = tables.get(b"cmap")
    if cmap is None:
        return [], []
    (subtables,) = struct.unpack_from(">H", data, cmap + 2)
    found: dict[tuple[int, int], int] = {}
    for i in range(subtables):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        found[(platform, encoding)] = cmap + offset
    pairs: list[tuple[int, int]] = []
    if (3, 10) in found:  # format 12: every plane
        start = found[(3, 10)]
        (groups,) = struct.unpack_from(">I", data, start + 12)
        for g in range(groups):
            first, last, _ = struct.unpack_from(">III", data, start + 16 + 12 * g)
            pairs.append((first, last))
    elif (3, 1) in found:  # format 4: the Basic Multilingual Plane
        start = found[(3, 1)]
        (doubled,) = struct.unpack_from(">H", data, start + 6)
        segments = doubled // 2
        ends = struct.unpack_from(f">{segments}H", data, start + 14)
        starts = struct.unpack_from(f">{segments}H", data, start + 16 + doubled)
        pairs = [(s, e) for s, e in zip(starts, ends, strict=True) if s != 0xFFFF]
    pairs.sort()
    return [s for s, _ in pairs], [e for _, e in pairs]


def covered(char: str) -> bool:
    """True when the report's font has a glyph for `char`."""
    starts, ends = _coverage()
    if not starts:
        return True  # font unknown: let Typst decide
    index = bisect.bisect_right(starts, ord(char)) - 1
    return index >= 0 and ord(char) <= ends[index]


def printable(text: str) -> str:
    """`text` with control characters dropped and characters the font lacks replaced."""
    if text.isascii() and text.isprintable():
        return text
    changes = {ord(char): _shown(char) for char in set(text)}
    changes = {code: shown for code, shown in changes.items() if shown != chr(code)}
    return text.translate(changes) if changes else text


@lru_cache(maxsize=4096)
def _shown(char: str) -> str:
    """What the report prints for `char`: itself, nothing (a control) or a replacement mark."""
    if char in _KEEP or char == " ":
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn"):
        return ""
    if category == "Cf" or covered(char):
        return char
    return REPLACEMENT if covered(REPLACEMENT) else "?"
