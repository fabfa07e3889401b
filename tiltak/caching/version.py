"""Reading and moving on the data version."""

from __future__ import annotations

from django.db.models import F

from .models import DataVersion


def data_version() -> int:
    """The current data version (one primary-key lookup)."""
    return DataVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def bump_data_version() -> None:
    """Moves the data version on; call after bulk changes that send no model signals."""
    if not DataVersion.objects.filter(pk=1).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"value": 1})
