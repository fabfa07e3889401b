"""Signal receivers that record every save and delete of the tracked models."""

from __future__ import annotations

from typing import Any

from django.db import models

from .services import record, snapshot


def pre_save(sender: type[models.Model], instance: models.Model, raw: bool, **_: Any) -> None:
    """Remember the stored object before it changes."""
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool, **_: Any
) -> None:
    """Record a creation or a change (nothing when no logged field changed)."""
    if raw:
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if before == after:
        return
    record(instance, "create" if before is None else "update", before, after)
    instance._audit_before = after  # type: ignore[attr-defined]


def post_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    """Record a deletion with the object as it was."""
    record(instance, "delete", snapshot(instance), None)
