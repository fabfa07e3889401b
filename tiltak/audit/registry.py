"""The models whose every change is logged: each app tracks its own from `AppConfig.ready()`,
so the audit log needs to know no other app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

# (plan, round, measure) ids a change belongs to, for filtering the log.
Where = tuple[int | None, int | None, int | None]
WhereFunction = Callable[[Any], Where]

_tracked: dict[type[models.Model], WhereFunction | None] = {}


def track(model: type[models.Model], *, where: WhereFunction | None = None) -> None:
    """Log every save and delete of `model`; `where` gives the plan, round and measure ids an
    instance belongs to. Tracking a model again replaces its `where`."""
    from . import receivers

    _tracked[model] = where
    uid = f"audit.{model._meta.label_lower}"
    pre_save.connect(receivers.pre_save, sender=model, dispatch_uid=uid + ".pre")
    post_save.connect(receivers.post_save, sender=model, dispatch_uid=uid + ".post")
    post_delete.connect(receivers.post_delete, sender=model, dispatch_uid=uid + ".delete")


def tracked_models() -> list[type[models.Model]]:
    """The tracked models, in the order they were registered."""
    return list(_tracked)


def where(instance: models.Model) -> Where:
    """(plan, round, measure) ids the change to `instance` belongs to; Nones when unknown."""
    function = _tracked.get(type(instance))
    return function(instance) if function is not None else (None, None, None)
