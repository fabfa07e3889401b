"""Selectors: functions that read plans and the database's state for views and commands."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .models import Plan


def unapplied_migrations() -> int:
    """How many migrations the database still needs (all of them for an empty database)."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return len(executor.migration_plan(targets))


def plan_by_slug(slug: str) -> Plan | None:
    """The plan with this slug, if any."""
    return Plan.objects.filter(slug=slug).first()
