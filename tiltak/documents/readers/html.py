"""HTML reader: the main content of a web page (like regjeringen.no's web editions) as blocks.

The page is decoded with the charset it declares (else UTF-8, else Windows-1252) and parsed
with selectolax (Lexbor). Content comes from <main>, else a single <article>, else <body>;
navigation, headers, footers, asides, scripts and hidden elements are skipped. Headings,
paragraphs, list items (``<ol>`` items numbered "N. ", honouring ``start`` and ``value``)
and table rows become blocks; <strong>/<b>, <em>/<i> and <a href> become inline Markdown.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..blocks import Block, BlockDocument, BlockKind
from ..errors import DocumentError
from . import limits
from .docx import _markdown, _Segment

_SKIP = frozenset(
    {
        "nav",
        "header",
        "footer",
        "script",
        "style",
        "aside",
        "noscript",
        "template",
        "button",
        "select",
        "textarea",
        "input",
        "svg",
        "iframe",
        "object",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
        "dialog",
        "img",
        "video",
        "audio",
        "map",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "form",
        "hgroup",
        "html",
        "legend",
        "main",
        "section",
        "summary",
        "caption",
    }
)
_BOLD = frozenset({"strong", "b"})
_ITALIC = frozenset({"em", "i", "cite", "dfn"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\r\n\f\u200b]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")


def read_html(data: bytes) -> BlockDocument:
    """Blocks of an HTML page."""
    text = _decode(data)
    sample = text[:4096]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    if "\x00" in sample or controls > len(sample) // 100:
        raise DocumentError("the file is binary, not an HTML page")
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as error:  # pragma: no cover - a broken installation
        raise DocumentError(f"HTML support is not installed ({error.name})") from None
    try:
        tree = LexborHTMLParser(text.replace("\x00", ""))
        reader = _Reader()
        root = _content_root(tree)
        if root is not None:
            reader.walk(root)
            reader.flush()
        metadata = _metadata(tree)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError("the HTML page is nested too deeply to read") from None
    except MemoryError:
        raise DocumentError("the HTML page is too large to read") from None
    except Exception as error:
        raise DocumentError(f"the HTML page cannot be read ({type(error).__name__})") from None
    if not reader.blocks:
        raise DocumentError("the HTML page has no readable text in its main content")
    return BlockDocument(blocks=reader.blocks, source_format="html", metadata=metadata)


def _decode(data: bytes) -> str:
    """Text of `data`: BOM, then declared charset, then UTF-8, then Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match:
        name = match.group(1).decode("ascii", "ignore").lower()
        if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
            name = "cp1252"  # what browsers do
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = ""
        if codec and "utf-16" not in codec and "utf-32" not in codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _content_root(tree: Any) -> Any:
    main = tree.css_first("main") or tree.css_first('[role="main"]')
    if main is not None:
        return main
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    return tree.body if tree.body is not None else tree.root


def _metadata(tree: Any) -> dict[str, str]:
    title = tree.css_first("title")
    text = _SPACE.sub(" ", title.text() if title is not None else "").strip()
    if not text:
        og = tree.css_first('meta[property="og:title"]')
        text = _SPACE.sub(" ", (og.attributes.get("content") or "") if og is not None else "")
        text = text.strip()
    return {"title": text} if text else {}


def _hidden(node: Any) -> bool:
    attributes = node.attributes
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = (attributes.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text_of(node: Any) -> str:
    value = node.text_content
    if value is None:
        value = node.text(deep=False)
    return str(value or "")


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.segments: list[_Segment] = []
        self.urls: list[str] = []

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        if len(self.blocks) > limits.MAX_BLOCKS:
            raise DocumentError(f"the HTML page has more than {limits.MAX_BLOCKS} blocks of text")

    # inline content

    def inline(
        self, node: Any, bold: bool, italic: bool, link: int, out: list[_Segment], lists: bool
    ) -> None:
        """Segments of `node`'s content; block boundaries inside become line breaks."""
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = _SPACE.sub(" ", _text_of(child))
                if text:
                    out.append(_Segment(text, bold, italic, link))
                continue
            if not isinstance(tag, str) or tag.startswith("-") or tag in _SKIP or _hidden(child):
                continue
            if tag == "br":
                out.append(_Segment("\n", False, False, link))
            elif tag in ("ul", "ol") and not lists:
                continue
            elif tag == "a":
                href = (child.attributes.get("href") or "").strip()
                if link < 0:
                    self.urls.append(href.replace(" ", "%20") or "#")
                    inner = len(self.urls) - 1
                else:
                    inner = link
                self.inline(child, bold, italic, inner, out, lists)
            elif tag == "pre":
                out.append(_Segment("\n", False, False, link))
                out.append(_Segment(child.text(deep=True), bold, italic, link))
                out.append(_Segment("\n", False, False, link))
            else:
                block = (
                    tag in _BLOCKS
                    or tag in _HEADINGS
                    or tag
                    in (
                        "p",
                        "li",
                        "ul",
                        "ol",
                        "table",
                        "tr",
                        "hr",
                    )
                )
                if block:
                    out.append(_Segment("\n", False, False, link))
                self.inline(
                    child,
                    bold or tag in _BOLD,
                    italic or tag in _ITALIC,
                    link,
                    out,
                    lists,
                )
                if block:
                    out.append(_Segment("\n", False, False, link))
                elif tag in ("td", "th"):
                    out.append(_Segment(" ", False, False, link))

    def text(self, segments: list[_Segment], *, plain_bold: bool = False) -> str:
        if plain_bold:
            segments = [_Segment(s.text, False, s.italic, s.link) for s in segments]
        text = _CONTROL.sub("", _markdown(_tidy(segments), self.urls))
        lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        return "\n".join(line for line in lines if line)

    # blocks

    def flush(self) -> None:
        if self.segments:
            text = self.text(self.segments)
            self.segments = []
            if text:
                self.add(Block(BlockKind.PARAGRAPH, text))

    def walk(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = _SPACE.sub(" ", _text_of(child))
                if text:
                    self.segments.append(_Segment(text, False, False))
                continue
            if not isinstance(tag, str) or tag.startswith("-") or tag in _SKIP or _hidden(child):
                continue
            if tag in _HEADINGS:
                self.flush()
                out: list[_Segment] = []
                self.inline(child, False, False, -1, out, True)
                text = self.text(out, plain_bold=True)
                if text:
                    self.add(Block(BlockKind.HEADING, text, _HEADINGS[tag], style=tag))
            elif tag == "p":
                self.flush()
                out = []
                self.inline(child, False, False, -1, out, True)
                text = self.text(out)
                if text:
                    self.add(Block(BlockKind.PARAGRAPH, text))
            elif tag in ("ul", "ol"):
                self.flush()
                self.list(child, 1)
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag == "hr":
                self.flush()
            elif tag == "br":
                self.segments.append(_Segment("\n", False, False))
            elif tag in _BLOCKS or tag in ("li", "tr", "td", "th", "pre", "tbody", "thead"):
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.inline_into_buffer(child)

    def inline_into_buffer(self, node: Any) -> None:
        """An inline element in running block text: its content joins the buffer."""
        tag = node.tag
        wrapper = _Wrapper(node)
        self.inline(wrapper, tag in _BOLD, tag in _ITALIC, -1, self.segments, True)

    def list(self, node: Any, depth: int) -> None:
        ordered = node.tag == "ol"
        kind = (node.attributes.get("type") or "1").strip()
        decimal = ordered and kind == "1"
        number = _int(node.attributes.get("start"), 1)
        for item in _children(node, "li"):
            value = item.attributes.get("value")
            if value is not None:
                number = _int(value, number)
            out: list[_Segment] = []
            self.inline(item, False, False, -1, out, False)
            text = self.text(out)
            if text:
                if decimal:
                    text = f"{number}. {text}"
                self.add(Block(BlockKind.LIST_ITEM, text, depth))
            number += 1
            for nested in _descendant_lists(item):
                self.list(nested, depth + 1)

    def table(self, node: Any) -> None:
        caption = node.css_first("caption")
        if caption is not None and _same(_owner_table(caption), node):
            out: list[_Segment] = []
            self.inline(caption, False, False, -1, out, True)
            text = self.text(out)
            if text:
                self.add(Block(BlockKind.PARAGRAPH, text))
        for row in node.css("tr"):
            if not _same(_owner_table(row), node) or _hidden(row):
                continue
            cells: list[str] = []
            for cell in row.iter():
                if cell.tag not in ("td", "th") or _hidden(cell):
                    continue
                out = []
                self.inline(cell, False, False, -1, out, True)
                cells.append(self.text(out))
            if any(cells):
                self.add(Block.row(cells))


class _Wrapper:
    """Makes one node look like a parent whose only child is that node."""

    def __init__(self, node: Any) -> None:
        self.node = node

    def iter(self, include_text: bool = True) -> list[Any]:
        return [self.node]


def _tidy(segments: list[_Segment]) -> list[_Segment]:
    """Drop spaces next to line breaks and collapse repeated spaces across segments."""
    out: list[_Segment] = []
    for segment in segments:
        text = segment.text
        if out and out[-1].text.endswith((" ", "\n")) and text.startswith(" "):
            text = text.lstrip(" ")
        if text == "\n" and out and out[-1].text.endswith(" "):
            out[-1] = _Segment(out[-1].text.rstrip(" "), *_style(out[-1]))
        if text:
            out.append(_Segment(text, segment.bold, segment.italic, segment.link))
    return out


def _style(segment: _Segment) -> tuple[bool, bool, int]:
    return segment.bold, segment.italic, segment.link


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


def _children(node: Any, tag: str) -> list[Any]:
    """Elements named `tag` directly under `node` (looking through wrappers like <div>)."""
    found: list[Any] = []
    for child in node.iter():
        if child.tag == tag:
            found.append(child)
        elif child.tag in ("div", "span", "template") and not _hidden(child):
            found.extend(_children(child, tag))
    return found


def _descendant_lists(item: Any) -> list[Any]:
    lists: list[Any] = []
    for child in item.iter():
        if child.tag in ("ul", "ol"):
            lists.append(child)
        elif child.tag not in _SKIP and child.tag != "li":
            lists.extend(_descendant_lists(child))
    return lists


def _owner_table(node: Any) -> Any:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.mem_id == b.mem_id
