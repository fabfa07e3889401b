"""Read-only queries of the import pages."""

from __future__ import annotations

import uuid
from typing import Any

from tiltak.plans.models import Plan
from tiltak.rounds import selectors as rounds_selectors

from .models import ImportDraft


def draft_for(user: Any, draft_id: uuid.UUID | str) -> ImportDraft | None:
    """The user's own draft with this id; anyone else's is not found."""
    return ImportDraft.objects.filter(pk=draft_id, user_id=user.pk).first()


def importable_plans(user: Any) -> list[Plan]:
    """The plans the user may import a new round into: those they coordinate."""
    return rounds_selectors.coordinated_plans(user)


def plan_measures(plan: Plan) -> list[Any]:
    """The plan's measures in order, with chapter and responsible organisations."""
    return list(
        plan.measures.select_related("chapter")
        .prefetch_related("responsibilities__organisation")
        .order_by("order", "id")
    )
