"""Model labels of stored events: models that moved between apps keep their history."""

from __future__ import annotations

from django.apps import apps
from django.db import models

# The label events were stored under before a model moved → the model's label since.
FORMER_LABELS: dict[str, str] = {
    "rounds.profile": "accounts.profile",
    "rounds.planrole": "accounts.planrole",
    "plans.reportinground": "rounds.reportinground",
    "plans.statusentry": "rounds.statusentry",
    "plans.roundfinding": "rounds.roundfinding",
}


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def current_label(stored: str) -> str:
    """The label a stored event's model has now (a former label only once the model moved)."""
    moved_to = FORMER_LABELS.get(stored)
    if moved_to is None or _installed(stored):
        return stored
    return moved_to


def stored_labels(model: type[models.Model] | str) -> list[str]:
    """Every label events about the model may be stored under: its label and former ones."""
    label = model if isinstance(model, str) else model._meta.label_lower
    return [label, *(old for old, new in FORMER_LABELS.items() if new == label)]
