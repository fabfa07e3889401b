"""Word-level differences: one function for the history, the changes page and the editor."""

from __future__ import annotations

from tiltak.documents.textdiff import WordChange, changed_word_counts, word_changes


def test_shared_removed_and_added_runs_in_order() -> None:
    assert word_changes("Arbeidet er startet i 2025.", "Arbeidet er fullført i 2026.") == [
        WordChange("same", "Arbeidet er"),
        WordChange("removed", "startet"),
        WordChange("added", "fullført"),
        WordChange("same", "i"),
        WordChange("removed", "2025."),
        WordChange("added", "2026."),
    ]


def test_whitespace_is_no_difference() -> None:
    assert word_changes("Under  arbeid\n", "Under arbeid") == [WordChange("same", "Under arbeid")]


def test_from_and_to_nothing() -> None:
    assert word_changes("", "Ny tekst") == [WordChange("added", "Ny tekst")]
    assert word_changes("Gammel tekst", "") == [WordChange("removed", "Gammel tekst")]
    assert word_changes("", "") == []


def test_counts() -> None:
    assert changed_word_counts("a b c d", "a x c d e f") == (3, 1)
