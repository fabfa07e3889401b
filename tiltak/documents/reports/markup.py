"""Narrative Markdown for the renderers: markdown-it-py parses, nh3 sanitises the HTML."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset(
    {
        "a", "p", "br", "ul", "ol", "li", "em", "strong", "i", "b", "u", "sub", "sup",
        "blockquote", "code", "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
        "tr", "th", "td", "hr", "abbr", "q", "s",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EMPTY_TARGETS = frozenset({"", "#"})
# markdown-it scans from every "[" to its "]", so unmatched or deeply nested brackets cost time
# quadratic in the text; past this many brackets those that cannot make a link are escaped.
MANY_BRACKETS = 100
MAX_BRACKET_DEPTH = 3  # "[![bilde](a.png)](lenke)" is 2
# Longer text (only data stored before the narrative limit) is shown as plain paragraphs:
# markdown-it's cost per character is too high to parse megabytes on a page view.
MAX_MARKDOWN_CHARS = 100_000
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)  # an escaped character, or a bracket


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML is passed on to the sanitiser."""
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


@lru_cache(maxsize=1)
def plain_parser() -> MarkdownIt:
    """Paragraphs of plain text, no other Markdown: for text too long to parse."""
    return MarkdownIt("zero")


def tokens(text: str) -> list[Token]:
    """The block tokens of `text`, links without a target turned into their text."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return plain_parser().parse(text)
    result = parser().parse(_defuse_brackets(text))
    for token in result:
        if token.children:
            token.children = _without_empty_links(token.children)
    return result


def _defuse_brackets(text: str) -> str:
    """The text with brackets escaped that are unmatched or nested deeper than
    MAX_BRACKET_DEPTH, when it has more than MANY_BRACKETS: linear work for markdown-it."""
    if text.count("[") + text.count("]") <= MANY_BRACKETS:
        return text
    escape_at: set[int] = set()
    open_at: list[int] = []
    closing: dict[int, int] = {}  # the position of each matched "[" → that of its "]"
    for match in _BRACKET.finditer(text):
        if match.group() == "[":
            open_at.append(match.start())
        elif match.group() == "]":
            if open_at:
                closing[open_at.pop()] = match.start()
            else:
                escape_at.add(match.start())
    escape_at.update(open_at)
    # Matched pairs nest properly, so their depth is counted in one more pass.
    ends: list[int] = []
    for start in sorted(closing):
        while ends and ends[-1] < start:
            ends.pop()
        ends.append(closing[start])
        if len(ends) > MAX_BRACKET_DEPTH:
            escape_at.update((start, closing[start]))
    if not escape_at:
        return text
    pieces: list[str] = []
    last = 0
    for index in sorted(escape_at):
        pieces += [text[last:index], "\\"]
        last = index
    pieces.append(text[last:])
    return "".join(pieces)


def _without_empty_links(children: list[Token]) -> list[Token]:
    """A link to nowhere (`[tekst](#)`) is read as plain text: screen readers announce it."""
    kept: list[Token] = []
    dropping: list[bool] = []
    for child in children:
        if child.type == "link_open":
            empty = str(child.attrGet("href") or "").strip() in EMPTY_TARGETS
            dropping.append(empty)
            if empty:
                continue
        elif child.type == "link_close" and dropping and dropping.pop():
            continue
        kept.append(child)
    return kept


def _shift_headings(result: list[Token], shift: int) -> None:
    for token in result:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and value.strip() in EMPTY_TARGETS:
        return None
    return value


def to_html(
    text: str,
    heading_shift: int = 3,
    *,
    link_rel: str | None = None,
    extra_tags: frozenset[str] = frozenset(),
) -> str:
    """Sanitised HTML of block Markdown; its own headings sit below the report's h3 (or
    `heading_shift` levels down). The portal adds rel="noopener" to links."""
    md = parser()
    result = tokens(text)
    _shift_headings(result, heading_shift)
    rendered = md.renderer.render(result, md.options, {})
    return nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS | extra_tags),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_attribute_filter,
        link_rel=link_rel,
    )


def escape(text: str) -> str:
    """Text for HTML element content and attribute values."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Plain text safe inside a Markdown paragraph or heading."""
    out = []
    for char in text:
        if char in "\\`*_[]<>":
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    if escaped[:1] in ("#", "+", "-", ">") or escaped[:2] == "= ":
        escaped = "\\" + escaped
    return escaped
