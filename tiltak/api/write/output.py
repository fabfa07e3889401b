"""The write API's responses, built through tiltak.api.schemas so they match the documentation."""

from __future__ import annotations

from typing import Any

from tiltak.accounts.models import PlanRole, Profile
from tiltak.documents.vocabulary import as_round_state, as_status, as_workflow_state
from tiltak.plans.models import Measure
from tiltak.rounds import permissions, services
from tiltak.rounds.models import ReportingRound, StatusEntry

from .. import schemas
from ..models import ApiToken


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def entry_out(user: Any, entry: StatusEntry) -> schemas.Entry:
    """An entry with what the user may do with it now."""
    rnd = entry.round
    return schemas.Entry(
        id=entry.pk,
        plan=rnd.plan.slug,
        round=rnd.slug,
        round_id=rnd.pk,
        number=entry.measure.number,
        title=entry.measure.title,
        responsible=[r.organisation.acronym for r in entry.measure.responsibilities.all()],
        status=as_status(entry.status),
        status_label=entry.status_label,
        narrative=entry.narrative,
        workflow_state=as_workflow_state(entry.workflow_state),
        version=entry.version,
        review_comment=entry.review_comment,
        can_edit=permissions.can_edit_entry(user, entry),
        can_submit=permissions.can_submit_entry(user, entry),
        can_review=permissions.can_review_entry(user, entry),
    )


def round_out(rnd: ReportingRound) -> schemas.RoundInfo:
    """A round in any state."""
    return schemas.RoundInfo(
        id=rnd.pk,
        plan=rnd.plan.slug,
        slug=rnd.slug,
        title=rnd.title,
        as_of=rnd.as_of,
        state=as_round_state(rnd.state),
        deadline=_iso(rnd.deadline),
        opened_at=_iso(rnd.opened_at),
        published_at=_iso(rnd.published_at),
        publish_override_reason=rnd.publish_override_reason,
    )


def me_out(token: ApiToken, profile: Profile | None, roles: list[PlanRole]) -> schemas.Me:
    """The token's user, organisation and roles per plan, and the token itself."""
    user = token.user
    org = profile.organisation if profile is not None else None
    plans: dict[int, dict[str, Any]] = {}
    for role in roles:
        row = plans.setdefault(
            role.plan_id, {"plan": role.plan.slug, "plan_title": role.plan.title, "roles": []}
        )
        row["roles"].append(role.role)
    return schemas.Me(
        username=user.get_username(),
        name=user.get_full_name(),
        email=user.email or "",
        is_admin=permissions.is_admin(user),
        organisation=schemas.OrganisationRef(acronym=org.acronym, name=org.name) if org else None,
        is_editor=bool(profile and org and profile.is_editor),
        plans=[schemas.PlanRoles(**{**p, "roles": sorted(p["roles"])}) for p in plans.values()],
        token=schemas.TokenInfo(
            name=token.name,
            prefix=token.prefix,
            created_at=token.created_at.isoformat(),
            expires_at=token.expires_at.isoformat(),
        ),
    )


def _measure_ref(measure: Measure) -> schemas.MeasureRef:
    return schemas.MeasureRef(plan=measure.plan.slug, number=measure.number)


def link_out(measure: Measure, successor: Measure, link: Any) -> schemas.Link:
    """A link as decided (link: a tiltak.lineage MeasureLink)."""
    return schemas.Link(
        measure=_measure_ref(measure),
        successor=_measure_ref(successor),
        state=link.state,
        relation=link.relation,
        note=link.note,
        decided_by=link.decided_by_name,
        decided_at=_iso(link.decided_at),
    )


def conflict_out(conflict: services.ConflictError) -> schemas.EntryConflict:
    """The refused save: the entry as saved now, and the values sent."""
    current = conflict.current
    return schemas.EntryConflict(
        detail=str(conflict),
        current=schemas.EntryValues(
            version=current.version,
            status=as_status(current.status),
            status_label=current.status_label,
            narrative=current.narrative,
            workflow_state=as_workflow_state(current.workflow_state),
        ),
        yours=schemas.YourValues(**conflict.yours),
    )


def publish_blocked_out(blocked: services.PublishBlocked) -> schemas.PublishBlocked:
    """Why publishing needs an override reason."""
    return schemas.PublishBlocked(
        detail=str(blocked), errors=blocked.errors, unapproved=blocked.unapproved
    )
