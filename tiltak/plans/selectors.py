"""Selectors: functions that read data for views, commands and services."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Prefetch, QuerySet

from .models import MeasureResponsibility, Plan, ReportingRound, StatusEntry


def unapplied_migrations() -> int:
    """How many migrations the database still needs (all of them for an empty database)."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return len(executor.migration_plan(targets))


def plan_by_slug(slug: str) -> Plan | None:
    """The plan with this slug, if any."""
    return Plan.objects.filter(slug=slug).first()


def plan_rounds(plan: Plan) -> QuerySet[ReportingRound]:
    """The plan's reporting rounds, oldest first."""
    return plan.rounds.order_by("as_of", "id")


def round_by_slug_or_title(plan: Plan, key: str) -> ReportingRound | None:
    """The plan's round whose slug or title is `key`."""
    return plan.rounds.filter(slug=key).first() or plan.rounds.filter(title=key).first()


def round_entries(rnd: ReportingRound) -> QuerySet[StatusEntry]:
    """The round's status entries in plan order, with measure, chapter and responsible loaded."""
    return (
        rnd.entries.select_related("measure", "measure__chapter")
        .prefetch_related(
            Prefetch(
                "measure__responsibilities",
                queryset=MeasureResponsibility.objects.select_related("organisation").order_by(
                    "position"
                ),
            )
        )
        .order_by("measure__order", "measure__id")
    )
