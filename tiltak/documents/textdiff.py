"""Word-level differences between two texts: one function for the history, the changes page and
the editor's comparison with last round."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

ChangeKind = Literal["same", "added", "removed"]


@dataclass(frozen=True, slots=True)
class WordChange:
    """A run of words that both texts share, or that only the new or the old text has."""

    kind: ChangeKind
    text: str


def word_changes(before: str, after: str) -> list[WordChange]:
    """The words of `after` against `before`, in order: shared runs, removed runs before the
    added runs that replace them. Whitespace is not a difference."""
    old, new = before.split(), after.split()
    changes: list[WordChange] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.append(WordChange("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            changes.append(WordChange("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(WordChange("added", " ".join(new[j1:j2])))
    return changes


def changed_word_counts(before: str, after: str) -> tuple[int, int]:
    """How many words were added and how many removed."""
    added = removed = 0
    for change in word_changes(before, after):
        count = len(change.text.split())
        if change.kind == "added":
            added += count
        elif change.kind == "removed":
            removed += count
    return added, removed
