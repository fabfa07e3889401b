"""The status and workflow vocabulary is written once: `tiltak/documents/vocabulary.py`.

Every other module, template and script takes labels from it. Migrations are history and
keep the labels they were written with.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tiltak.documents.vocabulary import ROUND_STATE_LABELS, STATUS_LABELS, WORKFLOW_LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "tiltak"
VOCABULARY = PACKAGE / "documents" / "vocabulary.py"
LABELS = frozenset(
    label
    for table in (STATUS_LABELS, WORKFLOW_LABELS, ROUND_STATE_LABELS)
    for labels in table.values()
    for label in labels.values()
)


def _sources(suffix: str) -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob(f"*{suffix}")
        if "migrations" not in path.parts and path != VOCABULARY
    ]


def _python_labels(path: Path) -> list[str]:
    """String constants in the module that are exactly a label."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in LABELS
    ]


def _template_labels(path: Path) -> list[str]:
    """Element texts in the template that are exactly a label."""
    texts = re.findall(r">\s*([^<>{}]+?)\s*<", path.read_text(encoding="utf-8"))
    return [text for text in texts if text in LABELS]


def test_the_vocabulary_has_labels_to_look_for() -> None:
    assert {"Ikke startet", "Under arbeid", "Gjennomført", "Løpende"} <= LABELS
    assert {"Ikkje starta", "Godkjent", "Sendt inn"} <= LABELS


def test_python_modules_take_labels_from_the_vocabulary() -> None:
    found = {
        str(path.relative_to(PACKAGE)): labels
        for path in _sources(".py")
        if (labels := _python_labels(path))
    }
    assert found == {}


def test_templates_take_labels_from_the_vocabulary() -> None:
    found = {
        str(path.relative_to(PACKAGE)): labels
        for suffix in (".html", ".txt", ".js")
        for path in _sources(suffix)
        if (labels := _template_labels(path))
    }
    assert found == {}
