"""DOCX reader: the body of a Word document in order, as blocks with inline Markdown.

The archive is checked with `zipfile` before python-docx opens it (size, compression ratio,
main part). The body is walked as XML: paragraphs and tables interleaved, runs turned into
``**bold**``/``*italic*``, hyperlinks (relationships, anchors and HYPERLINK fields) into
``[text](url)``. Headings come from heading/title styles or outline levels, list items from
numbering or list styles; decimal Word numbering is counted so "5." survives as text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..blocks import Block, BlockDocument, BlockKind
from ..errors import DocumentError
from . import limits
from .typed_lists import typed_item

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_RATIO_CHECK_MIN_BYTES = 2**20
_MAX_MEMBERS = 10_000


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _R_TAG = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r")
_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "tittel"})
_LIST_NAME = re.compile(r"list|liste|punkt|bullet|number|nummer", re.IGNORECASE)
_BOLD_STYLES = frozenset({"strong", "sterk"})
_ITALIC_STYLES = frozenset({"emphasis", "utheving", "intense emphasis", "sterk utheving"})
_TRANSPARENT = frozenset(
    {"ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"}
)
_FALSE = frozenset({"0", "false", "off", "none"})
_QUOTED = re.compile(r'"([^"]*)"')


def read_docx(data: bytes) -> BlockDocument:
    """Blocks of a Word (.docx) document."""
    main = _check_archive(data)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - a broken installation
        raise DocumentError(f"DOCX support is not installed ({error.name})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise DocumentError("the DOCX archive is damaged (no Word package found)") from None
    except ValueError as error:
        if "content type" in str(error):
            raise DocumentError(
                "the file is an Office archive but not a Word document (.docx)"
            ) from None
        raise DocumentError("the DOCX archive is damaged") from None
    except (zipfile.BadZipFile, KeyError, EOFError):
        raise DocumentError("the DOCX archive is damaged") from None
    except MemoryError:
        raise DocumentError("the DOCX is too large to read") from None
    except Exception as error:
        if type(error).__name__ == "XMLSyntaxError":
            raise DocumentError(f"the DOCX is damaged: {main} is not valid XML") from None
        raise DocumentError(
            f"the DOCX archive is damaged and cannot be read ({type(error).__name__})"
        ) from None
    try:
        return _Reader(document).read()
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError("the DOCX is too large to read") from None
    except Exception as error:
        raise DocumentError(
            f"the DOCX content cannot be read ({type(error).__name__}: {error})".splitlines()[0]
        ) from None


def _check_archive(data: bytes) -> str:
    """Refuse archives that are not Word documents or that would expand too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError("the DOCX archive is damaged (not a valid ZIP file)") from None
    except NotImplementedError:  # a damaged header can name an unknown ZIP version or method
        raise DocumentError("the DOCX archive is damaged (an unknown ZIP format)") from None
    except Exception:
        raise DocumentError("the DOCX archive is damaged") from None
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_MEMBERS:
            raise DocumentError(f"the DOCX archive has more than {_MAX_MEMBERS} files")
        total = sum(member.file_size for member in members)
        limit = limits.MAX_DOCX_UNCOMPRESSED_BYTES
        if total > limit:
            raise DocumentError(
                f"the DOCX expands to more than {limit // 2**20} MiB; refusing a possible zip bomb"
            )
        for member in members:
            if member.file_size > _RATIO_CHECK_MIN_BYTES:
                ratio = member.file_size / max(1, member.compress_size)
                if ratio > limits.MAX_DOCX_COMPRESSION_RATIO:
                    raise DocumentError(
                        f"the DOCX member {member.filename} is compressed {ratio:.0f}:1; "
                        "refusing a possible zip bomb"
                    )
        names = {member.filename for member in members}
        main = _main_part(archive, names)
        if main not in names:
            raise DocumentError(
                "the archive has no word/document.xml; it is not a Word (.docx) document"
            )
        return main


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by _rels/.rels, or word/document.xml."""
    if "_rels/.rels" not in names:
        return "word/document.xml"
    try:
        rels = archive.read("_rels/.rels")[:65536].decode("utf-8", "replace")
    except Exception:
        raise DocumentError("the DOCX archive is damaged") from None
    for match in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = match.group(0)
        if _MAIN_DOCUMENT in tag:
            target = re.search(r'Target="([^"]+)"', tag)
            if target:
                return target.group(1).lstrip("/")
    return "word/document.xml"


# --- styles and numbering ------------------------------------------------------------------


@dataclass(slots=True)
class _Style:
    name: str
    kind: str
    based_on: str | None
    outline: int | None
    num: tuple[str, int] | None
    bold: bool | None
    italic: bool | None


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """numId -> ilvl -> level definition (with start overrides applied)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The visible number of the next item of list `num_id` at `ilvl`, if decimal."""
        levels = self.levels.get(num_id)
        if levels is None:
            return None
        counters = self.counters.setdefault(num_id, {})
        level = levels.get(ilvl)
        start = level.start if level else 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level is None or level.fmt != "decimal":
            return None

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counters.get(k, levels[k].start if k in levels else 1)
            return _format_number(value, levels[k].fmt if k in levels else "decimal")

        return re.sub(r"%([1-9])", number, level.text).strip() or None


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        n = value
        for arabic, numeral in (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ):
            while n >= arabic:
                roman += numeral
                n -= arabic
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _val(element: Any, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(_w(tag))
    if child is None:
        return None
    value = child.get(_w("val"))
    return value if value is not None else ""


def _flag(props: Any, tag: str) -> bool | None:
    value = _val(props, tag)
    if value is None:
        return None
    return value.lower() not in _FALSE


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(_w("numPr"))
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    if num_id is None:
        return None
    return num_id, _int(_val(num_pr, "ilvl"), 0)


def _load_styles(document: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    try:
        root = document.styles.element
    except Exception:
        return styles
    for element in root.iterchildren(_w("style")):
        style_id = element.get(_w("styleId"))
        if not style_id:
            continue
        name = _val(element, "name") or style_id
        ppr = element.find(_w("pPr"))
        rpr = element.find(_w("rPr"))
        outline = _val(ppr, "outlineLvl")
        styles[style_id] = _Style(
            name=name,
            kind=element.get(_w("type")) or "paragraph",
            based_on=_val(element, "basedOn"),
            outline=_int(outline, 9) if outline is not None else None,
            num=_num_pr(ppr),
            bold=_flag(rpr, "b"),
            italic=_flag(rpr, "i"),
        )
    return styles


def _load_numbering(document: Any) -> _Numbering:
    numbering = _Numbering()
    try:
        root = document.part.numbering_part.element
    except Exception:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for element in root.iterchildren(_w("abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in element.iterchildren(_w("lvl")):
            ilvl = _int(lvl.get(_w("ilvl")), 0)
            levels[ilvl] = _Level(
                fmt=_val(lvl, "numFmt") or "decimal",
                text=_val(lvl, "lvlText") or "",
                start=_int(_val(lvl, "start"), 1),
            )
        abstract[element.get(_w("abstractNumId")) or ""] = levels
    for element in root.iterchildren(_w("num")):
        num_id = element.get(_w("numId"))
        if num_id is None:
            continue
        base = abstract.get(_val(element, "abstractNumId") or "", {})
        levels = {k: _Level(v.fmt, v.text, v.start) for k, v in base.items()}
        for override in element.iterchildren(_w("lvlOverride")):
            ilvl = _int(override.get(_w("ilvl")), 0)
            lvl = override.find(_w("lvl"))
            if lvl is not None:
                levels[ilvl] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    start=_int(_val(lvl, "start"), 1),
                )
            start = _val(override, "startOverride")
            if start is not None and ilvl in levels:
                levels[ilvl].start = _int(start, levels[ilvl].start)
        numbering.levels[num_id] = levels
    return numbering


# --- inline content --------------------------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    text: str
    bold: bool
    italic: bool
    link: int = -1
    """Index of the hyperlink this text belongs to, -1 outside links."""


@dataclass(slots=True)
class _Field:
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    link: int = -1


class _Inline:
    """Collects the segments of one paragraph."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.segments: list[_Segment] = []
        self.urls: list[str] = []
        self.fields: list[_Field] = []
        self.link = -1

    def new_link(self, url: str) -> int:
        self.urls.append(url or "#")
        return len(self.urls) - 1

    def current_link(self) -> int:
        for fld in reversed(self.fields):
            if fld.in_result and fld.link >= 0:
                return fld.link
        return self.link

    def hidden(self) -> bool:
        """True inside a field instruction (between begin and separate)."""
        return any(not fld.in_result for fld in self.fields)

    def add(self, text: str, bold: bool, italic: bool) -> None:
        if text and not self.hidden():
            self.segments.append(_Segment(text, bold, italic, self.current_link()))

    def walk(self, element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            if local == "r":
                self.run(child)
            elif local == "hyperlink":
                url = self.reader.hyperlink_target(child)
                outer = self.link
                self.link = self.new_link(url)
                self.walk(child)
                self.link = outer
            elif local == "fldSimple":
                instruction = child.get(_w("instr")) or ""
                outer = self.link
                target = _field_url(instruction)
                if target is not None:
                    self.link = self.new_link(target)
                self.walk(child)
                self.link = outer
            elif local in _TRANSPARENT:
                self.walk(child)
            # del, moveFrom, pPr, bookmarks, proofErr, math and drawings carry no body text

    def run(self, run: Any) -> None:
        bold, italic = self.reader.run_format(run.find(_w("rPr")))
        for child in run.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            if local == "t":
                self.add(child.text or "", bold, italic)
            elif local in ("tab", "ptab"):
                self.add(" ", bold, italic)
            elif local in ("br", "cr"):
                if child.get(_w("type")) in (None, "textWrapping"):
                    self.add("\n", False, False)
            elif local == "noBreakHyphen":
                self.add("-", bold, italic)
            elif local == "sym":
                code = child.get(_w("char")) or ""
                try:
                    value = int(code, 16)
                except ValueError:
                    continue
                if 0x20 <= value < 0xE000 or 0xF900 <= value < 0xFFFE:
                    self.add(chr(value), bold, italic)
            elif local == "instrText":
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instruction.append(child.text or "")
            elif local == "fldChar":
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    fld = self.fields[-1]
                    fld.in_result = True
                    url = _field_url("".join(fld.instruction))
                    if url is not None:
                        fld.link = self.new_link(url)
                elif kind == "end" and self.fields:
                    self.fields.pop()


def _field_url(instruction: str) -> str | None:
    """The target of a HYPERLINK field instruction, None for other fields."""
    words = instruction.strip().split(None, 1)
    if not words or words[0].upper() != "HYPERLINK":
        return None
    rest = words[1] if len(words) > 1 else ""
    anchor = re.search(r'\\l\s+"([^"]*)"', rest)
    if anchor:
        rest_without = rest[: anchor.start()] + rest[anchor.end() :]
        target = _QUOTED.search(rest_without)
        base = target.group(1) if target else ""
        return f"{base}#{anchor.group(1)}" if anchor.group(1) else base or "#"
    target = _QUOTED.search(rest)
    if target:
        return target.group(1) or "#"
    bare = rest.split()
    return bare[0] if bare and not bare[0].startswith("\\") else "#"


def _markdown(segments: list[_Segment], urls: list[str]) -> str:
    """Inline Markdown for `segments`, emphasis properly nested, links as [text](url)."""
    out: list[str] = []
    i = 0
    while i < len(segments):
        link = segments[i].link
        j = i
        while j < len(segments) and segments[j].link == link:
            j += 1
        if link < 0:
            out.append(_emphasis(segments[i:j]))
        else:
            inner = _emphasis(segments[i:j])
            if inner.strip():
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                url = urls[link] or "#"
                out.append(f"{lead}[{inner.strip()}]({url.replace(' ', '%20')}){trail}")
            else:
                out.append(inner)
        i = j
    return "".join(out)


def _emphasis(segments: list[_Segment]) -> str:
    out: list[str] = []
    stack: list[str] = []

    def close(count: int) -> None:
        text = "".join(out)
        stripped = text.rstrip(" \n")
        trailing = text[len(stripped) :]
        out.clear()
        out.append(stripped)
        for _ in range(count):
            out.append(stack.pop())
        out.append(trailing)

    for segment in segments:
        text = segment.text
        if not text.strip():
            out.append(text)
            continue
        wanted = [m for m, on in (("**", segment.bold), ("*", segment.italic)) if on]
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        if keep < len(stack):
            close(len(stack) - keep)
        missing = [m for m in wanted if m not in stack]
        if missing:
            lead = text[: len(text) - len(text.lstrip(" \n"))]
            out.append(lead)
            text = text[len(lead) :]
            for marker in missing:
                out.append(marker)
                stack.append(marker)
        out.append(text)
    if stack:
        close(len(stack))
    return "".join(out)


def _clean(text: str) -> str:
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\ufffe\uffff")
    )
    text = text.replace("\u00ad", "")
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n ")


# --- the body --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles = _load_styles(document)
        self.numbering = _load_numbering(document)
        self.blocks: list[Block] = []
        self.empty_before: set[int] = set()
        """Positions in `blocks` that an empty paragraph (a blank line) precedes."""
        self._char_format: dict[str, tuple[bool | None, bool | None]] = {}

    def read(self) -> BlockDocument:
        body = self.document.element.body
        self.walk_body(body)
        metadata: dict[str, str] = {}
        try:
            core = self.document.core_properties
            for key, value in (
                ("title", core.title),
                ("author", core.author),
                ("subject", core.subject),
            ):
                if isinstance(value, str) and value.strip():
                    metadata[key] = _clean(value).replace("\n", " ")
        except Exception:
            pass
        blocks = [
            piece
            for block in _lines_rejoined(self.blocks, self.empty_before)
            for piece in (
                _typed_list(block.text, block.style)
                if block.kind is BlockKind.PARAGRAPH
                else [block]
            )
        ]
        if len(blocks) > limits.MAX_BLOCKS:
            raise DocumentError(f"the DOCX has more than {limits.MAX_BLOCKS} blocks of text")
        return BlockDocument(blocks=blocks, source_format="docx", metadata=metadata)

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        if len(self.blocks) > limits.MAX_BLOCKS:
            raise DocumentError(f"the DOCX has more than {limits.MAX_BLOCKS} blocks of text")

    def walk_body(self, element: Any) -> None:
        for child in element.iterchildren():
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in (
                "sdt",
                "sdtContent",
                "customXml",
                "ins",
                "moveTo",
            ):
                self.walk_body(child)

    # styles

    def style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def run_format(self, rpr: Any) -> tuple[bool, bool]:
        bold = _flag(rpr, "b")
        italic = _flag(rpr, "i")
        if bold is None or italic is None:
            style_bold, style_italic = self.char_style_format(_val(rpr, "rStyle"))
            bold = style_bold if bold is None else bold
            italic = style_italic if italic is None else italic
        return bool(bold), bool(italic)

    def char_style_format(self, style_id: str | None) -> tuple[bool | None, bool | None]:
        if not style_id:
            return None, None
        cached = self._char_format.get(style_id)
        if cached is not None:
            return cached
        bold: bool | None = None
        italic: bool | None = None
        for style in self.style_chain(style_id):
            name = style.name.lower()
            if bold is None:
                bold = True if name in _BOLD_STYLES else style.bold
            if italic is None:
                italic = True if name in _ITALIC_STYLES else style.italic
        self._char_format[style_id] = (bold, italic)
        return bold, italic

    def hyperlink_target(self, element: Any) -> str:
        rel_id = element.get(f"{{{_R}}}id")
        anchor = element.get(_w("anchor"))
        url = ""
        if rel_id:
            try:
                rel = self.document.part.rels[rel_id]
                url = rel.target_ref if rel.is_external else ""
            except Exception:
                url = ""
        if anchor:
            url = f"{url}#{anchor}"
        return url or "#"

    # paragraphs

    def inline(self, paragraph: Any, *, plain_bold: bool = False) -> str:
        collector = _Inline(self)
        collector.walk(paragraph)
        segments = collector.segments
        if plain_bold:
            segments = [_Segment(s.text, False, s.italic, s.link) for s in segments]
        return _clean(_markdown(segments, collector.urls))

    def paragraph(self, element: Any) -> None:
        ppr = element.find(_w("pPr"))
        style_id = _val(ppr, "pStyle")
        chain = list(self.style_chain(style_id))
        name = chain[0].name if chain else "Normal"
        display = name[:1].upper() + name[1:]

        level = 0
        title = False
        outline = _val(ppr, "outlineLvl")
        if outline is not None and _int(outline, 9) < 9:
            level = _int(outline, 9) + 1
        for style in chain:
            if level or title:
                break
            match = _HEADING_NAME.match(style.name) or _HEADING_NAME.match(
                style.name.replace(" ", "")
            )
            if match:
                level = int(match.group(1))
            elif style.name.lower() in _TITLE_NAMES:
                title = True
            elif style.outline is not None and style.outline < 9:
                level = style.outline + 1
        if not (level or title) and style_id:
            match = _HEADING_NAME.match(style_id)
            if match:
                level = int(match.group(1))

        num = _num_pr(ppr)
        if num is None:
            num = next((style.num for style in chain if style.num is not None), None)
        if num is not None and num[0] == "0":
            num = None
        label = self.numbering.label(*num) if num is not None else None
        is_list = num is not None or any(_LIST_NAME.search(style.name) for style in chain)

        text = self.inline(element, plain_bold=bool(level or title))
        if not text:
            self.empty_before.add(len(self.blocks))
            return
        if label:
            text = f"{label} {text}"
        if title:
            self.add(Block(BlockKind.HEADING, text, 1, style="Title"))
        elif level:
            self.add(Block(BlockKind.HEADING, text, level, style=display))
        elif is_list:
            depth = num[1] + 1 if num is not None else 1
            self.add(Block(BlockKind.LIST_ITEM, text, depth, style=display))
        else:
            self.add(
                Block(BlockKind.PARAGRAPH, text, style=None if display == "Normal" else display)
            )

    # tables

    def table(self, element: Any) -> None:
        for row in self.rows(element):
            cells: list[str] = []
            for cell in self.cells(row):
                merge = None
                tcpr = cell.find(_w("tcPr"))
                if tcpr is not None:
                    merge = _val(tcpr, "vMerge")
                if merge is not None and merge != "restart":
                    cells.append("")  # the text is in the first cell of the vertical merge
                    continue
                cells.append(self.cell_text(cell))
            if any(cells):
                self.add(Block.row(cells))

    def rows(self, table: Any) -> Iterator[Any]:
        for child in table.iterchildren():
            if child.tag == _TR:
                yield child
            elif isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in (
                "sdt",
                "sdtContent",
                "customXml",
            ):
                yield from self.rows(child)

    def cells(self, row: Any) -> Iterator[Any]:
        for child in row.iterchildren():
            if child.tag == _TC:
                yield child
            elif isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in (
                "sdt",
                "sdtContent",
                "customXml",
            ):
                yield from self.cells(child)

    def cell_text(self, cell: Any) -> str:
        parts = [self.inline(p) for p in cell.iter(_P)]
        return "\n".join(part for part in parts if part)


def _typed_list(text: str, style: str | None) -> list[Block]:
    """A paragraph as its lines read, the way the text reader reads them: a line opening with a
    list marker typed as text ("• …", "* …", "– Regjeringen …") starts an item running to the
    next such line; lines before the first stay the paragraph. Word users type lists so, and
    LibreOffice's import of a text file writes one such paragraph per line."""
    blocks: list[Block] = []
    lines: list[str] = []
    marker: str | None = None

    def flush() -> None:
        if lines:
            kind = BlockKind.PARAGRAPH if marker is None else BlockKind.LIST_ITEM
            level = 0 if marker is None else 1
            blocks.append(Block(kind, "\n".join(lines), level, style=style, marker=marker))
            lines.clear()

    for line in text.split("\n"):
        opened = typed_item(line, lines[-1] if lines else "")
        if opened is not None:
            flush()
            marker, first = opened
            lines.append(first)
        else:
            lines.append(line)
    flush()
    return blocks


def _lines_rejoined(blocks: list[Block], empty_before: set[int]) -> list[Block]:
    """`blocks` with each run of one-line paragraphs between empty ones made one paragraph of
    lines, where the runs are the lines of hard-wrapped text: LibreOffice opening a PDF's text
    layer or a text file writes a paragraph per line and an empty one per blank line, and the
    text reader reads the same text as paragraphs of lines."""
    runs: list[list[int]] = []
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.PARAGRAPH or "\n" in block.text:
            continue
        previous = blocks[index - 1] if index else None
        if (
            runs
            and runs[-1][-1] == index - 1
            and index not in empty_before
            and previous is not None
            and previous.style == block.style
        ):
            runs[-1].append(index)
        else:
            runs.append([index])
    if len(empty_before) < 3 or not _wrapped_lines([[blocks[i].text for i in run] for run in runs]):
        return blocks
    first_of = {run[0]: run for run in runs if len(run) > 1}
    inside = {index for run in first_of.values() for index in run[1:]}
    rejoined: list[Block] = []
    for index, block in enumerate(blocks):
        if index in inside:
            continue
        run = first_of.get(index)
        if run is not None:
            block = Block(
                BlockKind.PARAGRAPH, "\n".join(blocks[i].text for i in run), style=block.style
            )
        rejoined.append(block)
    return rejoined


def _wrapped_lines(runs: list[list[str]]) -> bool:
    """True when most lines followed by another in their run are long for the document (near
    the width its longest lines show): a layout line broken where the column ended, not a
    paragraph, a label or a list item typed on a line of its own."""
    lines = [line for run in runs for line in run]
    followed = [line for run in runs for line in run[:-1]]
    if len(followed) < 10 or len(followed) < 0.5 * len(lines):
        return False
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width >= 100:  # longer than a line of print: these are paragraphs
        return False
    return sum(len(line) >= 0.7 * width for line in followed) >= 0.7 * len(followed)
