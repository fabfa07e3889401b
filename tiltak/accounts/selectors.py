"""The account lookups permissions are decided from."""

from __future__ import annotations

from typing import Any

from .models import PlanRole, Profile


def editor_organisation_id(user: Any) -> int | None:
    """The organisation the user edits for, if the user's profile makes them an editor."""
    profile = Profile.objects.filter(user=user, is_editor=True).values("organisation_id").first()
    return profile["organisation_id"] if profile else None


def plan_role_names(user: Any, plan_id: int) -> set[str]:
    """The user's roles on the plan (coordinator, reader)."""
    return set(PlanRole.objects.filter(user=user, plan_id=plan_id).values_list("role", flat=True))


def coordinates_any_plan(user: Any) -> bool:
    """Whether the user is coordinator of at least one plan."""
    return PlanRole.objects.filter(user=user, role=PlanRole.Role.COORDINATOR).exists()
