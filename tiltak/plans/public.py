"""What the public may see: one definition for the portal, the API, open data and search.

A round is public when it is published and no published correction has replaced it. A plan is
public when it has a public round; its chapters, measures and organisations are public with it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from tiltak.plans.models import Plan, ReportingRound

PUBLISHED = ReportingRound.State.PUBLISHED


def public_rounds() -> QuerySet[ReportingRound]:
    """Every published round that no published correction has replaced."""
    replaced = ReportingRound.objects.filter(corrects=OuterRef("pk"), state=PUBLISHED)
    return ReportingRound.objects.filter(state=PUBLISHED).exclude(Exists(replaced))


def public_plans() -> QuerySet[Plan]:
    """Plans with at least one public round."""
    return Plan.objects.filter(Exists(public_rounds().filter(plan=OuterRef("pk"))))


def plan_public_rounds(plan: Plan) -> QuerySet[ReportingRound]:
    """The plan's public rounds, oldest first."""
    return public_rounds().filter(plan=plan).order_by("as_of", "published_at", "id")


def is_public(rnd: ReportingRound) -> bool:
    """True when the round is one the public may see."""
    return public_rounds().filter(pk=rnd.pk).exists()
