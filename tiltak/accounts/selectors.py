"""The account lookups permissions are decided from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.timezone import now

from tiltak.plans.models import Organisation, Plan

from .models import Invitation, PlanRole, Profile


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


@dataclass(frozen=True, slots=True)
class PlanAccess:
    """Who has access to a plan: coordinators and readers, the editors of the organisations
    responsible for its measures, and the invitations not yet answered."""

    roles: list[PlanRole]
    editors: list[Profile]
    pending: list[Invitation]


def plan_organisations(plan: Plan) -> list[Organisation]:
    """The organisations responsible for some measure of the plan (all organisations when the
    plan has none yet), by acronym."""
    responsible = Organisation.objects.filter(responsibilities__measure__plan=plan).distinct()
    if responsible.exists():
        return list(responsible.order_by("acronym"))
    return list(Organisation.objects.order_by("acronym"))


def pending_invitations(plan: Plan) -> QuerySet[Invitation]:
    """The plan's invitations that can still be accepted, newest first."""
    return Invitation.objects.filter(
        plan=plan, accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now()
    ).select_related("organisation", "invited_by")


def plan_access(plan: Plan) -> PlanAccess:
    """Everyone with access to the plan, and the pending invitations."""
    roles = (
        PlanRole.objects.filter(plan=plan)
        .select_related("user__tiltak_profile__organisation")
        .order_by("role", "user__username")
    )
    editors = (
        Profile.objects.filter(
            is_editor=True,
            organisation__responsibilities__measure__plan=plan,
            user__is_active=True,
        )
        .distinct()
        .select_related("user", "organisation")
        .order_by("organisation__acronym", "user__username")
    )
    return PlanAccess(list(roles), list(editors), list(pending_invitations(plan)))


def invitation_by_hash(token_hash: str) -> Invitation | None:
    """The invitation whose link has this hash, any state."""
    return (
        Invitation.objects.filter(token_hash=token_hash)
        .select_related("plan", "organisation")
        .first()
    )


def account_by_email(email: str) -> Any:
    """The account with this address as username or e-mail (the oldest if several), or
    None."""
    users = (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("id")
    )
    return users.first()


def invitations_sent_since(user: Any, since: datetime) -> int:
    """How many invitations `user` has sent since `since` (for the hourly limit)."""
    return Invitation.objects.filter(invited_by=user, created_at__gte=since).count()
