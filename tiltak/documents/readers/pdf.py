"""PDF reader: layout lines from PDFium's character boxes, grouped into blocks.

PDFium (pypdfium2) gives every character with its box; characters become runs, runs become
lines (by vertical position), and lines become headings (text clearly larger than the body
text), paragraphs (separated by vertical gaps, or by a little extra spacing after a line that
ended short), list items (a bullet at the line start) and table rows (fragments separated by
wide gaps that line up with the columns of neighbouring lines; rows told apart by cell padding
where the table has it). Paragraph text keeps each layout line on its own line ("\\n"); the
cleaner rejoins them. A paragraph ends with its page unless its last word is hyphenated there:
then the next page's first line goes on with it, for the cleaner to join like any other. A
PDF carries no inline formatting we can trust, so paragraph text has no Markdown.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..blocks import INFERRED_SPACE, Block, BlockDocument, BlockKind
from ..errors import DocumentError
from ..progress import report_page
from . import limits

# PDFium is not thread-safe: one document at a time per process.
_LOCK = threading.Lock()

_BULLETS = frozenset("•●▪■◦○‣∙·–—-*\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8")
_WEAK_BULLETS = frozenset("–—-*")
_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|[a-zæøå][.)]|[ivx]{1,4}[.)])$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?_?$", re.IGNORECASE
)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u2010": "-",
    "\u2011": "-",
}
_SOFT_HYPHEN = "\u00ad"
# PDFium reports any hyphen at a line end (soft or hard: it cannot tell) as U+0002, or
# U+FFFE in extracted text; such a line keeps "-" and its line break for the cleaner.
_HYPHEN_MARKERS = frozenset("\u0002\ufffe")
_DIGITS_BROKEN = re.compile(r"\d+(?:\n\d+)+")
_BOLD_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# A PDF whose spaces inside lines are nearly all its own space glyphs writes its word spaces;
# a gap without one is then kerning or tracking, not a word space. Producers that position
# words by offsets alone (no space glyphs) leave every space to be inferred.
_WORD_SPACE_SHARE = 0.95
_WORD_SPACE_MIN = 50


def read_pdf(data: bytes) -> BlockDocument:
    """Blocks of a PDF document."""
    try:
        import pypdfium2 as pdfium
    except ImportError as error:  # pragma: no cover - a broken installation
        raise DocumentError(f"PDF support is not installed ({error.name})") from None
    with _LOCK:
        try:
            return _read(pdfium, data)
        except DocumentError:
            raise
        except pdfium.PdfiumError as error:
            raise DocumentError(_pdfium_message(str(error))) from None
        except MemoryError:
            raise DocumentError("the PDF is too large or complex to read") from None
        except Exception as error:
            raise DocumentError(
                f"the PDF is damaged and cannot be read ({type(error).__name__})"
            ) from None


def _pdfium_message(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered:
        return "the PDF is encrypted; remove the password and try again"
    if "format" in lowered or "file" in lowered or "damaged" in lowered:
        return "the PDF is damaged or truncated"
    if "security" in lowered or "handler" in lowered:
        return "the PDF uses an unsupported encryption; remove the password and try again"
    return "the PDF is damaged or truncated"


# --- extraction --------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """Characters that follow each other on one line without a wide gap."""

    chars: list[str]
    x0: float
    x1: float
    y0: float
    y1: float
    first: int
    last: int
    font: float = 0.0
    """The font size the PDF sets; 0 when it sets none."""
    spaced: str = ""
    """The space before the run in the text: " " for a space glyph, `INFERRED_SPACE` for one
    PDFium generated, "" for none."""
    space_box: tuple[float, float] | None = None
    """Left and right of the one space glyph written just before the run, if so."""

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class _Frag:
    x0: float
    x1: float
    text: str


@dataclass(slots=True)
class _Line:
    frags: list[_Frag]
    y0: float
    y1: float
    size: float
    bold: bool
    page: int
    table: int = -1
    """Index of the table region this line belongs to, -1 if none."""
    font: float = 0.0
    """The font size as set in the PDF: what tells a heading from body text. Glyph boxes vary
    with the font's metrics and a line's letters, so `size` serves only for distances."""

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.frags)

    @property
    def x0(self) -> float:
        return self.frags[0].x0

    @property
    def x1(self) -> float:
        return self.frags[-1].x1


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)


def _read(pdfium: Any, data: bytes) -> BlockDocument:
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise DocumentError("the file is not a PDF")
    if b"%%EOF" not in data[-2048:] and b"%%EOF" not in data:
        raise DocumentError("the PDF is damaged or truncated (no end-of-file marker)")
    document = pdfium.PdfDocument(data)
    try:
        return _read_document(pdfium, document)
    finally:
        document.close()


def _read_document(pdfium: Any, document: Any) -> BlockDocument:
    raw = pdfium.raw
    count = len(document)
    if count <= 0:
        raise DocumentError("the PDF has no pages")
    if count > limits.MAX_PDF_PAGES:
        raise DocumentError(f"the PDF has {count} pages; the limit is {limits.MAX_PDF_PAGES}")
    metadata = _metadata(document)
    pages: list[_Page] = []
    for index in range(count):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                pages.append(_Page(index + 1, float(page.get_height()), []))
                pages[-1].lines = _page_lines(raw, textpage, index + 1)
            finally:
                textpage.close()
        finally:
            page.close()
        report_page(index + 1, count)
    if not any(page.lines for page in pages):
        raise DocumentError(
            "the PDF has no text layer (a scanned document?); run text recognition (OCR) first"
        )
    word_spaces = _writes_word_spaces(pages)
    _drop_running_lines(pages)
    blocks = _blocks(pages)
    if len(blocks) > limits.MAX_BLOCKS:
        raise DocumentError(f"the PDF has more than {limits.MAX_BLOCKS} blocks of text")
    return BlockDocument(
        blocks=blocks,
        source_format="pdf",
        hard_wrapped=True,
        word_spaces=word_spaces,
        pages=count,
        metadata=metadata,
    )


def _writes_word_spaces(pages: list[_Page]) -> bool:
    """True when the PDF writes its word spaces as glyphs (see `_WORD_SPACE_SHARE`); otherwise
    every inferred space becomes a plain one, as unsure as any space in extracted text."""
    written = inferred = 0
    for page in pages:
        for line in page.lines:
            for frag in line.frags:
                written += frag.text.count(" ")
                inferred += frag.text.count(INFERRED_SPACE)
    if written >= _WORD_SPACE_MIN and written >= _WORD_SPACE_SHARE * (written + inferred):
        return True
    if inferred:
        for page in pages:
            for line in page.lines:
                for frag in line.frags:
                    frag.text = frag.text.replace(INFERRED_SPACE, " ")
    return False


def _metadata(document: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        values = document.get_metadata_dict(skip_empty=True)
    except Exception:
        return out
    for key in ("Title", "Author", "Subject"):
        value = values.get(key)
        if isinstance(value, str):
            value = _clean(value).strip()
            if value:
                out[key.lower()] = value
    return out


def _clean(text: str) -> str:
    """Text without control characters, with ligatures expanded."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code < 32 or 0x7F <= code < 0xA0 or code in (0xFFFE, 0xFFFF, 0xFEFF):
            continue
        out.append(_LIGATURES.get(ch, ch))
    return "".join(out)


def _page_lines(raw: Any, textpage: Any, page_number: int) -> list[_Line]:
    count = raw.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return []
    if count > limits.MAX_PDF_PAGE_CHARS:
        raise DocumentError(
            f"page {page_number} of the PDF has {count} characters of text; "
            f"the limit is {limits.MAX_PDF_PAGE_CHARS} a page"
        )
    text: str = textpage.get_text_range(0, count)
    if len(text) != count:
        text = "".join(_unicode(raw, textpage.raw, i) for i in range(count))
    runs = _runs(raw, textpage.raw, text)
    return _lines(raw, textpage.raw, runs, page_number)


def _unicode(raw: Any, handle: Any, index: int) -> str:
    code = raw.FPDFText_GetUnicode(handle, index)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffe"


def _runs(raw: Any, handle: Any, text: str) -> list[_Run]:
    rect = raw.FS_RECTF()
    pointer = ctypes.byref(rect)
    get_box = raw.FPDFText_GetLooseCharBox
    is_generated = getattr(raw, "FPDFText_IsGenerated", None)
    runs: list[_Run] = []
    current: _Run | None = None
    # The space seen since the last glyph: " " when the PDF wrote it, INFERRED_SPACE when
    # PDFium made it up from a gap (or cannot say), "" when there was none.
    space = ""
    # The box of the one space glyph written since the last glyph: a gap it fills edge to edge
    # is a word space however wide (a monospaced font's is 0.6 em), not a column gap; a space
    # written at the end of a table cell's line does not reach the next cell.
    written_space: tuple[float, float] | None = None
    spaces = 0
    for index, ch in enumerate(text):
        if ch.isspace():
            spaces += 1
            if ch == " " and is_generated is not None and is_generated(handle, index) == 0:
                space = " "
                if get_box(handle, index, pointer):
                    written_space = (rect.left, rect.right)
            elif not space:
                space = INFERRED_SPACE
            continue
        code = ord(ch)
        if code < 32 and code != 2:
            continue
        if 0x7F <= code < 0xA0 or code in (0xFFFF, 0xFEFF):
            continue
        if not get_box(handle, index, pointer):
            continue
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        if y1 < y0:
            y0, y1 = y1, y0
        h = y1 - y0
        if h <= 0.1 or x1 < x0:
            continue
        if code in (2, 0xFFFE) and _marked_soft(raw, handle, index):
            ch = _SOFT_HYPHEN
        ch = _LIGATURES.get(ch, ch)
        if current is not None:
            ch_h = current.y1 - current.y0
            gap = x0 - current.x1
            one_space = spaces == 1 and _fills_gap(written_space, current.x1, x0, ch_h)
            if abs((y0 + y1) / 2 - (current.y0 + current.y1) / 2) < 0.3 * ch_h and (
                -0.5 * ch_h < gap < 0.6 * ch_h or one_space
            ):
                if (space or gap > 0.18 * ch_h) and not current.chars[-1].isspace():
                    current.chars.append(space or INFERRED_SPACE)
                current.chars.append(ch)
                current.x1 = max(current.x1, x1)
                current.last = index
                space, written_space, spaces = "", None, 0
                continue
        font = raw.FPDFText_GetFontSize(handle, index)
        current = _Run(
            [ch], x0, x1, y0, y1, index, index, font, space, written_space if spaces == 1 else None
        )
        runs.append(current)
        space, written_space, spaces = "", None, 0
    return runs


def _fills_gap(space: tuple[float, float] | None, left: float, right: float, h: float) -> bool:
    """True when the written space glyph `space` spans the gap from `left` to `right`: one
    word space, however wide the font sets it."""
    return (
        space is not None and abs(space[0] - left) <= 0.1 * h and abs(right - space[1]) <= 0.1 * h
    )


def _marked_soft(raw: Any, handle: Any, index: int) -> bool:
    """True when the line-end hyphen at `index` is inside marked content whose /ActualText
    says it is no text (a soft hyphen, as Typst and other tagging producers write it)."""
    get_object = getattr(raw, "FPDFText_GetTextObject", None)
    if get_object is None:  # an older PDFium
        return False
    text_object = get_object(handle, index)
    if not text_object:
        return False
    buffer = (ctypes.c_ushort * 8)()
    length = ctypes.c_ulong()
    for position in range(raw.FPDFPageObj_CountMarks(text_object)):
        mark = raw.FPDFPageObj_GetMark(text_object, position)
        if mark and raw.FPDFPageObjMark_GetParamStringValue(
            mark, b"ActualText", buffer, ctypes.sizeof(buffer), ctypes.byref(length)
        ):
            # PDFium hands the one-character string <FEFF00AD> back as a NUL character.
            value = bytes(buffer)[: max(length.value - 2, 0)].decode("utf-16-le", "replace")
            return value.strip("\x00") in ("", _SOFT_HYPHEN)
    return False


def _lines(raw: Any, handle: Any, runs: list[_Run], page_number: int) -> list[_Line]:
    groups: list[list[_Run]] = []
    bounds: list[tuple[float, float]] = []
    for run in sorted(runs, key=lambda r: -r.yc):
        if groups:
            low, high = bounds[-1]
            overlap = min(high, run.y1) - max(low, run.y0)
            if overlap >= 0.5 * min(run.h, high - low):
                groups[-1].append(run)
                bounds[-1] = (min(low, run.y0), max(high, run.y1))
                continue
        groups.append([run])
        bounds.append((run.y0, run.y1))
    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda r: r.x0)
        longest = max(group, key=lambda r: len(r.chars))
        size = round(longest.h, 1)
        font = round(longest.font, 1) if longest.font > 1.5 else size
        pieces: list[tuple[float, float, list[str]]] = []
        for run in group:
            piece = "".join(run.chars)
            if pieces:
                x0, x1, texts = pieces[-1]
                gap = run.x0 - x1
                if gap < 0.6 * size or _fills_gap(run.space_box, x1, run.x0, size):
                    if gap > 0.15 * size:
                        texts.append(" " if run.spaced == " " else INFERRED_SPACE)
                    texts.append(piece)
                    pieces[-1] = (x0, max(x1, run.x1), texts)
                    continue
            pieces.append((run.x0, run.x1, [piece]))
        frags = [_Frag(x0, x1, "".join(texts).strip()) for x0, x1, texts in pieces]
        frags = _merge_markers(frags)
        text = " ".join(f.text for f in frags).strip()
        if not text:
            continue
        lines.append(
            _Line(
                frags=frags,
                y0=min(r.y0 for r in group),
                y1=max(r.y1 for r in group),
                size=size,
                bold=_is_bold(raw, handle, group),
                page=page_number,
                font=font,
            )
        )
    return lines


def _merge_markers(frags: list[_Frag]) -> list[_Frag]:
    """A bullet or list number followed by a wide gap belongs to the text after it."""
    if len(frags) == 2 and (frags[0].text in _BULLETS or _MARKER.match(frags[0].text) is not None):
        return [_Frag(frags[0].x0, frags[1].x1, f"{frags[0].text} {frags[1].text}")]
    if len(frags) > 2 and frags[0].text in _BULLETS:
        return [_Frag(frags[0].x0, frags[1].x1, f"{frags[0].text} {frags[1].text}"), *frags[2:]]
    return frags


def _is_bold(raw: Any, handle: Any, group: list[_Run]) -> bool:
    samples: list[int] = []
    for run in group[:3]:
        samples.append(run.first)
        if run.last != run.first:
            samples.append(run.last)
    for index in samples:
        weight = raw.FPDFText_GetFontWeight(handle, index)
        if weight < _BOLD_WEIGHT and not _BOLD_NAME.search(_font_name(raw, handle, index)):
            return False
    return bool(samples)


def _font_name(raw: Any, handle: Any, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    length = raw.FPDFText_GetFontInfo(handle, index, buffer, 128, ctypes.byref(flags))
    if length <= 0:
        return ""
    return buffer.value.decode("utf-8", "replace")


# --- running headers and page numbers ----------------------------------------------------


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and headers or footers repeated on many pages."""

    def in_margin(page: _Page, line: _Line) -> bool:
        return line.y0 > page.height * 0.92 or line.y1 < page.height * 0.08

    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_running_key(line.text) for line in page.lines if in_margin(page, line)}
        counts.update(keys)
    repeated = {
        key for key, n in counts.items() if len(pages) >= 3 and n >= max(3, 0.3 * len(pages))
    }
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not (
                in_margin(page, line)
                and (
                    _PAGE_NUMBER.match(line.text.strip()) is not None
                    or _running_key(line.text) in repeated
                )
            )
        ]


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


# --- tables ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Table:
    start: int
    end: int
    columns: list[float]


def _near(x: float, columns: Iterable[float], tolerance: float) -> bool:
    return any(abs(x - c) <= tolerance for c in columns)


def _find_tables(lines: list[_Line], previous_columns: list[float] | None) -> list[_Table]:
    """Regions of lines whose fragments line up in columns."""
    tables: list[_Table] = []
    i = 0
    n = len(lines)
    while i < n:
        first = lines[i]
        if len(first.frags) < 2 and not (i == 0 and previous_columns is not None):
            i += 1
            continue
        tolerance = max(2.0, 0.25 * first.size)
        columns = [f.x0 for f in first.frags]
        multi = 1
        widest = len(first.frags)
        j = i + 1
        carried = False
        if i == 0 and previous_columns is not None:
            # A table continued from the previous page, maybe starting inside a row.
            columns = list(previous_columns)
            carried = all(_near(f.x0, columns, tolerance) for f in first.frags)
            if not carried:
                columns = [f.x0 for f in first.frags]
        while j < n:
            line = lines[j]
            if lines[j - 1].y0 - line.y1 > 2.5 * first.size:
                break
            if abs(line.size - first.size) > 0.2 * first.size:
                break
            starts = [f.x0 for f in line.frags]
            matched = [x for x in starts if _near(x, columns, tolerance)]
            if len(starts) >= 2:
                if len(matched) >= 2 or (matched and len(matched) == len(starts)):
                    columns.extend(x for x in starts if not _near(x, columns, tolerance))
                    multi += 1
                    widest = max(widest, len(starts))
                    j += 1
                    continue
                break
            if matched and abs(starts[0] - min(columns)) > tolerance:
                j += 1  # a wrapped line inside a cell
                continue
            if matched and any(
                len(later.frags) >= 2
                and sum(_near(f.x0, columns, tolerance) for f in later.frags) >= 2
                for later in lines[j + 1 : j + 3]
            ):
                j += 1  # a row spanning the table, or a wrapped first cell
                continue
            break
        columns.sort()
        if multi >= 3 or (multi >= 2 and widest >= 3) or (widest >= 3 and j - i >= 2) or carried:
            start = i
            while (
                start > 0
                and len(lines[start - 1].frags) == 1
                and abs(lines[start - 1].x0 - columns[0]) <= tolerance
                and abs(lines[start - 1].size - first.size) <= 0.1 * first.size
                and lines[start - 1].y0 - lines[start].y1 < 1.0 * first.size
                and (not tables or tables[-1].end <= start - 1)
            ):
                start -= 1
            support: Counter[int] = Counter()
            for line in lines[start:j]:
                for frag in line.frags:
                    for k, column in enumerate(columns):
                        if abs(frag.x0 - column) <= tolerance:
                            support[k] += 1
                            break
            kept = [c for k, c in enumerate(columns) if k == 0 or support[k] >= 2 or multi <= 2]
            tables.append(_Table(start, j, _dedupe(kept, tolerance)))
            i = j
        else:
            i += 1
    return tables


def _dedupe(columns: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for column in sorted(columns):
        if not out or column - out[-1] > tolerance:
            out.append(column)
    return out


def _table_rows(
    lines: list[_Line], table: _Table, continues: bool
) -> list[tuple[list[list[str]], bool, bool, int]]:
    """(cells as lists of lines, spanning, continued, page) for each row of `table`."""
    columns = table.columns
    tolerance = max(2.0, 0.25 * lines[table.start].size)
    rows: list[tuple[list[list[str]], bool, bool, int]] = []
    previous: _Line | None = None
    previous_first = False
    starts = _row_starts_by_spacing(lines[table.start : table.end], columns, tolerance)
    for position, line in enumerate(lines[table.start : table.end]):
        cells: dict[int, list[str]] = {}
        for frag in line.frags:
            k = 0
            for index, column in enumerate(columns):
                if frag.x0 >= column - tolerance:
                    k = index
            cells.setdefault(k, []).append(frag.text)
        spanning = (
            list(cells) == [0] and len(columns) > 1 and line.frags[-1].x1 > columns[1] + tolerance
        )
        wrapped_first = (
            list(cells) == [0]
            and not spanning
            and previous is not None
            and previous_first
            and previous.y0 - line.y1 < 0.3 * line.size
        )
        # Spacing, where it tells rows apart, decides; else text in the first column does.
        new_row = (position in starts) if starts is not None else (0 in cells and not wrapped_first)
        if new_row or not rows:
            continued = 0 not in cells and position == 0 and continues
            rows.append(([[] for _ in columns], spanning, continued, line.page))
        previous, previous_first = line, 0 in cells
        row = rows[-1][0]
        for k, texts in cells.items():
            row[k].append(" ".join(texts))
    return rows


def _row_starts_by_spacing(
    lines: list[_Line], columns: list[float], tolerance: float
) -> set[int] | None:
    """Positions of the lines that start a row, told by spacing; None where spacing cannot.

    Word and LibreOffice pad table cells, so rows stand further apart than the lines inside a
    cell. Where that holds for most rows of a table, spacing alone says where a row starts: a
    line set as close to the one above as wrapped lines inside cells are continues that row
    even with text in its first column (a number too wide for its column, "12" / "2"), and a
    line set a row apart starts one even without (a row broken over a page, after the header
    repeated there).
    """
    if len(columns) < 2 or len(lines) < 3:
        return None
    first_column: list[bool] = []
    gaps: list[float] = []
    for previous, line in itertools.pairwise(lines):
        gaps.append(previous.y0 - line.y1)
        first_column.append(any(frag.x0 < columns[1] - tolerance for frag in line.frags))
    inner = sorted(gap for gap, first in zip(gaps, first_column, strict=True) if not first)
    if len(inner) < 2:
        return None
    inside = inner[(len(inner) - 1) // 2]  # the usual gap between two lines of one cell
    margin = max(2.0, 0.3 * lines[0].size)
    firsts = [gap for gap, first in zip(gaps, first_column, strict=True) if first]
    apart = sum(1 for gap in firsts if gap > inside + margin)
    close = sum(1 for gap in firsts if gap <= inside + 0.5 * margin)
    if apart < 2 or apart < close:
        return None
    return {0} | {index + 1 for index, gap in enumerate(gaps) if gap > inside + 0.5 * margin}


# --- blocks ------------------------------------------------------------------------------


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.font * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _line_gap(pages: list[_Page], body: float) -> float:
    """The usual vertical gap between two lines of one body paragraph."""
    gaps: Counter[float] = Counter()
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            if abs(a.font - body) < 0.1 * body and abs(b.font - body) < 0.1 * body:
                gap = a.y0 - b.y1
                if -0.5 * body < gap < body:
                    gaps[round(gap * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else 0.2 * body


def _line_pitch(pages: list[_Page], body: float) -> float:
    """The usual distance from one body line's bottom to the next one's, within a paragraph.

    Measured between the bottoms of the lines' boxes, which sit at the same depth below the
    baseline on every line of one font, so it varies far less than the gap between two boxes
    (whose tops move with the tallest letter of each line).
    """
    pitches: Counter[float] = Counter()
    for page in pages:
        for a, b in itertools.pairwise(page.lines):
            if abs(a.font - body) < 0.05 * body and abs(b.font - body) < 0.05 * body:
                pitch = a.y0 - b.y0
                # Lines set a paragraph's spacing apart (a gap of a line or more, as for
                # `_line_gap`) are left out: in a list of one-line paragraphs they are the
                # most common pair.
                if 0.8 * body < pitch < 2.5 * body and a.y0 - b.y1 < body:
                    pitches[round(pitch, 1)] += 1
    return pitches.most_common(1)[0][0] if pitches else 0.0


def _right_edges(pages: list[_Page], body: float) -> dict[int, float]:
    """Per page, where the body text's longest lines end: the right edge of the text column."""
    edges: dict[int, float] = {}
    for page in pages:
        ends = sorted(
            line.x1
            for line in page.lines
            if abs(line.font - body) < 0.05 * body and len(line.frags) == 1
        )
        if len(ends) >= 3:
            edges[page.number] = ends[-2]  # the second longest: one stray line may overhang
    return edges


def _join_lines(lines: Iterable[str]) -> str:
    """Layout lines joined by "\\n", with soft hyphens at line ends joining the word."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith(_SOFT_HYPHEN):
            text = text[:-1] + line
        elif text[-1] in _HYPHEN_MARKERS:
            text = text[:-1] + "-\n" + line
        else:
            text += "\n" + line
    text = text.replace(_SOFT_HYPHEN, "")
    return _clean_keep_newlines(text)


def _clean_keep_newlines(text: str) -> str:
    return "\n".join(_clean(part) for part in text.split("\n")).strip()


def _blocks(pages: list[_Page]) -> list[Block]:
    builder = _Builder(pages)
    for page in pages:
        builder.page(page)
    builder.flush()
    return builder.blocks


class _Builder:
    """Turns the lines of each page into blocks."""

    def __init__(self, pages: list[_Page]) -> None:
        body = _body_size(pages)
        self.heading_min = body * 1.15
        self.normal_gap = _line_gap(pages, body)
        self.body = body
        self.normal_pitch = _line_pitch(pages, body)
        self.right_edges = _right_edges(pages, body)
        sizes = sorted(
            {
                _size_key(line.font)
                for page in pages
                for line in page.lines
                if line.font >= self.heading_min
            },
            reverse=True,
        )
        self.title_size = _title_size(pages, sizes)
        self.levels = {
            size: rank + 1 for rank, size in enumerate(s for s in sizes if s != self.title_size)
        }
        self.blocks: list[Block] = []
        self.current: list[_Line] = []
        self.kind = BlockKind.PARAGRAPH
        self.previous_columns: list[float] | None = None

    def page(self, page: _Page) -> None:
        lines = page.lines
        tables = _find_tables(lines, self.previous_columns)
        table_at = {table.start: table for table in tables}
        in_table: set[int] = set()
        for table in tables:
            in_table.update(range(table.start, table.end))
        for index, line in enumerate(lines):
            if index in in_table:
                self.flush()
                starting = table_at.get(index)
                if starting is not None:
                    self.table(lines, starting, page.number)
                continue
            self.line(line)
        if not self.hyphenated_at_page_end():
            self.flush()
        if not tables or tables[-1].end < len(lines):
            self.previous_columns = None

    def table(self, lines: list[_Line], table: _Table, page_number: int) -> None:
        last = self.blocks[-1] if self.blocks else None
        continues = (
            last is not None and last.kind is BlockKind.TABLE_ROW and (last.page or 0) < page_number
        )
        for cells, spanning, continued, row_page in _table_rows(lines, table, continues):
            texts = [_join_lines(cell) for cell in cells]
            if _DIGITS_BROKEN.fullmatch(texts[0]):
                # A number never wraps at a space: its column was too narrow for it ("12\n2").
                texts[0] = texts[0].replace("\n", "")
            if spanning:
                texts = texts[:1]
            if any(texts):
                self.blocks.append(Block.row(texts, page=row_page, continued=continued))
        self.previous_columns = table.columns

    def line(self, line: _Line) -> None:
        current = self.current
        heading = line.font >= self.heading_min and (
            any(ch.isalpha() for ch in line.text)
            or (self.kind is BlockKind.HEADING and bool(current))
        )
        kind = BlockKind.HEADING if heading else BlockKind.PARAGRAPH
        first = line.text[0]
        bullet = not heading and len(line.text) > 1 and first in _BULLETS
        if bullet and first in _WEAK_BULLETS and current:
            # A dash starts an item only after a finished line or when set apart; a line that
            # ended short ("Hvilke land … drar til") was finished too, when a capital follows.
            last = current[-1]
            rest = line.text[1:].lstrip()
            bullet = (
                last.text.rstrip().endswith((".", ":", ";", "!", "?"))
                or (abs(line.x0 - current[0].x0) > 2 and self.kind is BlockKind.LIST_ITEM)
                or (rest[:1].isupper() and self.next_word_fits(last, line, words=2) is True)
            )
        if bullet:
            kind = BlockKind.LIST_ITEM
        if current and current[-1].page != line.page:
            # Held open over the page break by a word hyphenated at the page's end: this line
            # goes on with it as a wrapped line would, when it is text in lower case.
            last = current[-1]
            if (
                kind is BlockKind.PARAGRAPH
                and line.text[:1].islower()
                and abs(line.font - last.font) <= 0.1 * last.font
                and line.bold == last.bold
            ):
                current.append(line)
                return
            self.flush()
            current = self.current
        if current:
            last = current[-1]
            gap = last.y0 - line.y1
            # Boxes are as tall as a line's tallest letter, so their gap varies; the distance
            # between the lines' bottoms does not: at the body's line pitch, a line follows.
            at_pitch = (
                bool(self.normal_pitch)
                and last.page == line.page
                and abs(last.y0 - line.y0 - self.normal_pitch) <= 0.3
            )
            same = not bullet and (gap <= self.normal_gap + max(2.0, 0.25 * last.size) or at_pitch)
            if kind is BlockKind.HEADING or self.kind is BlockKind.HEADING:
                same = (
                    same
                    and self.kind is kind
                    and abs(line.font - last.font) <= 0.05 * last.font
                    and gap <= 0.8 * last.size
                )
            elif self.kind is BlockKind.LIST_ITEM:
                # Indented under the item's text, or (a bullet typed as text, no hanging
                # indent) flush with or left of it where the item's line was full.
                same = same and (
                    line.x0 > current[0].x0 + 2
                    or (abs(line.font - last.font) <= 0.05 * last.font and self.filled(last, line))
                )
            else:
                same = (
                    same
                    and abs(line.font - last.font) <= 0.1 * last.font
                    and line.bold == last.bold
                    and line.x0 < last.x0 + 1.5 * last.size  # not a first-line indent
                    and not self.spaced_after(last, line)
                )
            if same:
                current.append(line)
                return
            self.flush()
        self.kind = kind
        self.current.append(line)

    def hyphenated_at_page_end(self) -> bool:
        """True when the text block last on a page ends in a line-end hyphen: its word (or a
        compound, "helse-" / "og omsorg") goes on at the top of the next page, so the block
        stays open for the next page's first line, to be joined as at any line end."""
        current = self.current
        if not current or self.kind is BlockKind.HEADING:
            return False
        text = current[-1].text.rstrip()
        if text[-1:] == _SOFT_HYPHEN or text[-1:] in _HYPHEN_MARKERS:
            return True
        # PDFium marks a hyphen as a line end's only when another line follows on its page.
        return text.endswith("-") and text[-2:-1].isalpha()

    def spaced_after(self, last: _Line, line: _Line) -> bool:
        """True when `last` ended a paragraph set off by a little spacing only.

        Word and LibreOffice put a few points between short paragraphs such as labelled fields
        ("Ansvarlig: JD" / "Status: Pågår"), less than the reader's tolerance for an ordinary
        paragraph gap. Two signs together tell such an end from a wrapped line: the next line
        sits lower than the body text's line pitch by a point or more, and its first word would
        have fitted on `last`, so `last` was not wrapped but ended.
        """
        body, pitch = self.body, self.normal_pitch
        if not pitch or last.page != line.page:
            return False
        if abs(last.font - body) >= 0.05 * body or abs(line.font - body) >= 0.05 * body:
            return False
        if last.y0 - line.y0 <= pitch + max(1.0, 0.08 * body):
            return False
        return self.next_word_fits(last, line) is True

    def next_word_fits(self, last: _Line, line: _Line, words: int = 1) -> bool | None:
        """Whether the first word (`words` words: a dash and the word after it) of `line`
        would have fitted at the end of `last`, so that `last` ended rather than wrapped; None
        where the page's right edge is unknown."""
        edge = self.right_edges.get(last.page)
        if edge is None:
            return None
        text = line.text
        width_per_char = (line.x1 - line.x0) / max(len(text), 1)
        first_words = len(" ".join(text.split(maxsplit=words)[:words]))
        return last.x1 + (first_words + 1) * width_per_char < edge

    def filled(self, last: _Line, line: _Line) -> bool:
        """True when `last` was wrapped: `line` follows it on the same page at the line pitch
        and its first word would not have fitted on `last`."""
        if last.page != line.page or not self.normal_pitch:
            return False
        if last.y0 - line.y0 > self.normal_pitch + max(1.0, 0.08 * self.body):
            return False
        return self.next_word_fits(last, line) is False

    def flush(self) -> None:
        current = self.current
        if not current:
            return
        text = _join_lines(line.text for line in current)
        first = current[0]
        if not text:
            pass
        elif self.kind is BlockKind.HEADING:
            size = _size_key(first.font)
            if size == self.title_size:
                block = Block(BlockKind.HEADING, text, 1, page=first.page, style="Title")
            else:
                level = self.levels.get(size, 1)
                block = Block(BlockKind.HEADING, text, level, page=first.page, style="large")
            self.blocks.append(block)
        elif self.kind is BlockKind.LIST_ITEM:
            marker = text[0] if text[0] in _BULLETS else None
            text = text[1:].lstrip() if marker else text
            if text:
                self.blocks.append(
                    Block(BlockKind.LIST_ITEM, text, 1, page=first.page, marker=marker)
                )
        else:
            style = "bold" if all(line.bold for line in current) else None
            self.blocks.append(Block(BlockKind.PARAGRAPH, text, page=first.page, style=style))
        self.current = []


def _size_key(size: float) -> float:
    return round(size * 2) / 2


def _title_size(pages: list[_Page], sizes: list[float]) -> float | None:
    """The largest text size when it is used for one heading only on the first pages."""
    if len(sizes) < 2:
        return None
    largest = sizes[0]
    holders = [
        (page.number, line)
        for page in pages
        for line in page.lines
        if _size_key(line.font) == largest
    ]
    if not holders or any(number > 2 for number, _ in holders):
        return None
    if len({number for number, _ in holders}) > 1:
        return None
    lines = [line for _, line in holders]
    for upper, lower in itertools.pairwise(lines):
        if upper.y0 - lower.y1 > 0.8 * upper.size:
            return None  # two separate blocks of the largest size
    return largest
