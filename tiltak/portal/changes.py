"""The narratives that changed between two public rounds, as plain text ready for a word diff."""

from __future__ import annotations

from dataclasses import dataclass

from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.textdiff import changed_word_counts
from tiltak.rounds.public import Comparison, MeasureChange

LONG_NARRATIVE_WORDS = 60
"""A diff of a narrative longer than this (in words, either version) folds into <details>."""


@dataclass(frozen=True, slots=True)
class NarrativeDiff:
    """One measure's narrative before and after, as plain text, and how many words changed."""

    change: MeasureChange
    before: str
    after: str
    added: int
    removed: int

    @property
    def long(self) -> bool:
        """Whether the texts are long enough to fold the diff away behind a summary."""
        return max(len(self.before.split()), len(self.after.split())) > LONG_NARRATIVE_WORDS


def narrative_diffs(comparison: Comparison) -> list[NarrativeDiff]:
    """Every measure whose narrative changed (with or without a new status), in plan order."""
    diffs = []
    for change in comparison.new_narratives:
        before = markdown_to_text(change.narrative_before)
        after = markdown_to_text(change.narrative_after)
        added, removed = changed_word_counts(before, after)
        diffs.append(NarrativeDiff(change, before, after, added, removed))
    return diffs
