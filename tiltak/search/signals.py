"""Signal receivers that reindex a status entry or a measure's entries when they are saved, and
the plans a service changed in bulk."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from tiltak.plans.models import Measure
from tiltak.plans.signals import plans_changed
from tiltak.rounds.models import StatusEntry


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


def plans_reimported(sender: object, plan_ids: list[int], **_: Any) -> None:
    """Reindex the plans an import changed (it writes rows in bulk, without model signals)."""
    from tiltak.plans.models import Plan

    from .services import reindex

    for plan in Plan.objects.filter(pk__in=plan_ids):
        reindex(plan)


def connect() -> None:
    """Connect the receivers (once)."""
    post_save.connect(entry_saved, sender=StatusEntry, dispatch_uid="search.entry_saved")
    post_save.connect(measure_saved, sender=Measure, dispatch_uid="search.measure_saved")
    plans_changed.connect(plans_reimported, dispatch_uid="search.plans_changed")
