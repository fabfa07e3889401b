"""Signals the store sends, so the apps above it (search, caches) follow without being imported."""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

# Sent with plan_ids (a list of Plan primary keys) after a service changed plans, measures,
# rounds or entries in bulk, without a model signal for every row.
plans_changed = Signal()


def send_plans_changed(plan_ids: Iterable[int]) -> None:
    """Tell the subscribers that these plans changed.

    Sent at once, inside the caller's transaction, not on commit: the receivers write to the
    same database (search index, data version), so their writes commit or roll back with the
    change, and nothing can commit the data while the index or the version stays behind.
    """
    plans_changed.send(sender=None, plan_ids=sorted(set(plan_ids)))
