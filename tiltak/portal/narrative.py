"""Narratives (Markdown) as safe HTML: markdown-it-py renders, nh3 sanitises."""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset(
    {
        "a", "p", "br", "ul", "ol", "li", "em", "strong", "i", "b", "u", "sub", "sup",
        "blockquote", "code", "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
        "tr", "th", "td", "caption", "hr", "abbr", "q", "s",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EMPTY_TARGETS = frozenset({"", "#"})
HEADING_SHIFT = 2  # a narrative's "#" heading sits under the page's h2


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """The Markdown parser: CommonMark with tables, raw HTML passed on to the sanitiser."""
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def _drop_empty_links(tokens: list[Token]) -> None:
    """Turn links without a target (`[her](#)`) into their plain text, in place."""
    for token in tokens:
        if token.children:
            children: list[Token] = []
            dropping: list[bool] = []
            for child in token.children:
                if child.type == "link_open":
                    empty = str(child.attrGet("href") or "").strip() in EMPTY_TARGETS
                    dropping.append(empty)
                    if empty:
                        continue
                elif child.type == "link_close" and dropping and dropping.pop():
                    continue
                children.append(child)
            token.children = children


def _shift_headings(tokens: list[Token]) -> None:
    """Demote headings so a narrative's h1 becomes h3."""
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            level = min(int(token.tag[1]) + HEADING_SHIFT, 6)
            token.tag = f"h{level}"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Drops hrefs with no target, also in raw HTML links."""
    if tag == "a" and attribute == "href" and value.strip() in EMPTY_TARGETS:
        return None
    return value


def render_narrative(text: str) -> SafeString:
    """The narrative as sanitised HTML: no scripts or styles, links with rel="noopener"."""
    if not text.strip():
        return mark_safe("")
    md = _markdown()
    tokens = md.parse(text)
    _drop_empty_links(tokens)
    _shift_headings(tokens)
    html = md.renderer.render(tokens, md.options, {})
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
    return mark_safe(clean)  # sanitised by nh3 above
