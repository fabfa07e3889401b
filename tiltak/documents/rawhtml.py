"""Raw HTML out of narrative Markdown before it is stored: tags and their styling go, the text
inside stays. The renderer sanitises again on every page (nh3); this keeps the stored text clean
when HTML was typed or pasted into the form without the editor."""

from __future__ import annotations

import html
import re

import nh3

from tiltak.documents.reports.markup import parser

# Office's own elements (<o:p>, <w:sdt>): CommonMark does not count them as HTML, so they would
# otherwise stay as visible text.
OFFICE_TAG = re.compile(r"</?[A-Za-z]+:[A-Za-z][\w.-]*(?:\s[^<>]*)?/?>")


def strip_raw_html(text: str) -> str:
    """`text` with its HTML blocks reduced to their text and its inline tags removed; code
    (blocks and spans) is kept as written. Text without "<" is returned unchanged."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    inline: list[tuple[range, set[str]]] = []  # the lines of a paragraph → its tags
    blocks: list[tuple[int, int, str]] = []
    for token in parser().parse(text):
        if token.type == "html_block" and token.map:
            blocks.append((token.map[0], token.map[1], token.content))
        elif token.type == "inline" and token.map and token.children:
            found = {child.content for child in token.children if child.type == "html_inline"}
            if found:
                inline.append((range(*token.map), found))
    for numbers, found in inline:
        for number in numbers:
            if "`" in lines[number]:
                continue  # a code span may show a tag on purpose
            for tag in sorted(found, key=len, reverse=True):
                lines[number] = lines[number].replace(tag, "")
    for start, end, content in reversed(blocks):
        inner = _text_of(content)
        lines[start:end] = [inner] if inner else []
    return OFFICE_TAG.sub("", "\n".join(lines)).strip()


def _text_of(fragment: str) -> str:
    """The text of an HTML fragment, one line, with no tags."""
    text = html.unescape(nh3.clean(fragment, tags=set(), clean_content_tags={"script", "style"}))
    return " ".join(text.split())
