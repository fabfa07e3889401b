"""Markdown to plain text: one set of rules for the search index, snippets, checks and reports.

Plain Python and linear in the text (tests/documents/test_limits.py holds it to that), so it is
safe on any narrative; markdown-it-py is not used here because it parses text over its size limit
as plain paragraphs, markers and all, and costs far more per character than these patterns.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left

# Every pattern is linear in the text: no nested or adjacent quantifiers that can
# split one run of characters several ways, and possessive quantifiers where a failed match
# would otherwise try every shorter run. Paired markers (**, __, ~~) are paired by _unwrap_pairs
# with a sorted list of closers instead of a lazy `.+?` that rescans the rest of the text.

_LINK_TEXT = r"\[((?:[^\[\]\\]|\\.)*+)\]"
_LINK_TARGET = r"\((?:[^()]|\([^()]*+\))*+\)"
_IMAGE = re.compile(r"!" + _LINK_TEXT + _LINK_TARGET)
_LINK = re.compile(_LINK_TEXT + _LINK_TARGET)
_REF_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)++)\]\[[^\]\n]*+\]")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]++\]:[ \t]*+\S.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]++)>")
_INLINE_TAG = re.compile(r"</?(?:i|em|b|strong|u|s|sup|sub|mark|small|span|br)\b[^<>]*+>", re.I)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]++(.*)$", re.MULTILINE)
_QUOTE = re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE)
_LIST_MARKER = re.compile(r"^[ \t]*+(?:[-*+•]|\d{1,3}[.)])[ \t]++", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*+\1){2,}+[ \t]*+$", re.MULTILINE)
_TABLE_CELL = r"[ \t]*+:?-{3,}+:?[ \t]*+"
_TABLE_RULE = re.compile(
    r"^[ \t]*+\|?" + _TABLE_CELL + r"(?:\|" + _TABLE_CELL + r")*+\|?[ \t]*+$", re.MULTILINE
)
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?!\*)")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)")
_CODE = re.compile(r"`+([^`]*+)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_ESCAPED = 0xE100  # an escaped character stands in as U+E100 + its code until the end
_UNESCAPE = {_ESCAPED + ord(c): c for c in "\\`*_{}[]()#+-.!>|~"}


def _heading_text(match: re.Match[str]) -> str:
    return match.group(1).rstrip(" \t#")


def _unwrap_pairs(text: str, markers: tuple[str, ...], *, one_line: bool = False) -> str:
    """Text with each marker pair (`**fet**`) replaced by what it encloses.

    An opener is followed by a non-space, a closer preceded by one, with at least one character
    between them; each opener takes the first closer of the same marker after it (on the same
    line with `one_line`). Unpaired markers stay.
    """
    closers = {
        m: [i for i in _find_all(text, m) if i > 0 and not text[i - 1].isspace()] for m in markers
    }
    openers = sorted(i for m in markers for i in _find_all(text, m))
    line_ends = _find_all(text, "\n") if one_line else []
    out: list[str] = []
    position = 0
    for start in openers:
        if start < position:
            continue
        marker = next(m for m in markers if text.startswith(m, start))
        inner = start + len(marker)
        if inner >= len(text) or text[inner].isspace():
            continue
        found = closers[marker]
        index = bisect_left(found, inner + 1)
        if index == len(found):
            continue
        end = found[index]
        if one_line and bisect_left(line_ends, inner) != bisect_left(line_ends, end):
            continue
        out += [text[position:start], text[inner:end]]
        position = end + len(marker)
    out.append(text[position:])
    return "".join(out)


def _find_all(text: str, marker: str) -> list[int]:
    """Every position where `marker` starts, overlapping ones included."""
    found = []
    index = text.find(marker)
    while index != -1:
        found.append(index)
        index = text.find(marker, index + 1)
    return found


def markdown_to_text(text: str, *, inline: bool = False) -> str:
    """Plain text of Markdown: links and images keep their text, markers go, entities are
    decoded; `inline` keeps block syntax (headings, lists, quotes, tables) as it is written.

    HTML other than simple inline formatting is left as text, to be escaped where shown.
    """
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))), text)
    if "[" in text:
        text = _REF_DEFINITION.sub("", text)
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _INLINE_TAG.sub("", text)
    if not inline:
        text = _strip_blocks(text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _unwrap_pairs(text, ("**", "__"))
        text = _EMPHASIS_STAR.sub(r"\1", text)
        text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    if "~" in text:
        text = _unwrap_pairs(text, ("~~",), one_line=True)
    text = text.translate(_UNESCAPE)
    return html.unescape(text) if "&" in text else text


def _strip_blocks(text: str) -> str:
    """The text without table rules and pipes, rules, heading, quote and list markers."""
    if "|" in text:
        text = _TABLE_RULE.sub("", text).replace("|", " ")
    text = _RULE.sub("", text)
    if "#" in text:
        text = _HEADING.sub(_heading_text, text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    return _LIST_MARKER.sub("", text)
