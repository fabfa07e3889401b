"""Signal receivers that reindex a status entry or a measure's entries when they are saved."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from tiltak.plans.models import Measure, StatusEntry


def entry_saved(sender: type[StatusEntry], instance: StatusEntry, raw: bool, **_: Any) -> None:
    """Reindex a saved status entry."""
    if not raw:
        from .services import reindex_entries

        reindex_entries([instance.pk])


def measure_saved(
    sender: type[Measure], instance: Measure, created: bool, raw: bool, **_: Any
) -> None:
    """Reindex the entries of a measure saved again (its title may have changed)."""
    if not raw and not created:
        from .services import reindex_entries

        reindex_entries(instance.status_entries.values_list("pk", flat=True))


def connect() -> None:
    """Connect the receivers (once)."""
    post_save.connect(entry_saved, sender=StatusEntry, dispatch_uid="search.entry_saved")
    post_save.connect(measure_saved, sender=Measure, dispatch_uid="search.measure_saved")
