"""Text helpers shared by the rules: word differences, sentences, places in a document."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import PlanDocument


def words(text: str) -> list[str]:
    """The words of a title, list dashes and bullets left out."""
    return [word.strip(";,") for word in text.split() if word not in ("-", "–", "•")]


def word_diff(first: str, second: str) -> str:
    """The words that differ, as «removed» → «added» pairs."""
    a, b = words(first), words(second)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            changes.append(f"«{removed}» → «{added}»")
    return "; ".join(changes)


def word_similarity(first: str, second: str) -> float:
    """How much two texts share, word by word, from 0 to 1."""
    a, b = first.casefold().split(), second.casefold().split()
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


def excerpt(text: str, limit: int = 200) -> str:
    """The text on one line, cut at `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Place:
    """A piece of running text in a document, and how to name where it is."""

    measure: str | None
    where: str
    text: str


def places(document: PlanDocument) -> Iterator[Place]:
    """The introduction, every chapter's introduction and every measure's narrative."""
    if document.introduction:
        yield Place(None, "innledningen", document.introduction)
    for chapter in document.chapters:
        if chapter.introduction:
            yield Place(None, f"innledningen til kapittel {chapter.key}", chapter.introduction)
    for measure in document.measures:
        if measure.narrative:
            yield Place(measure.number, f"tiltak {measure.number}", measure.narrative)
