"""The write API's endpoints: each looks up what the token's user may see, calls a service and
answers through `output`; `errors.writes` turns the services' exceptions into HTTP."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Router

# ninja.Path and ninja.Query are Annotated aliases under mypy and cannot be called there; these
# are the functions they call at run time.
from ninja.params.functions import Path

from tiltak.plans.models import Measure
from tiltak.rounds import permissions, services
from tiltak.rounds import selectors as round_selectors
from tiltak.rounds.models import ReportingRound, StatusEntry

from .. import schemas, selectors
from . import output
from .auth import TokenAuth, request_token, token_user
from .errors import AUTH_ERRORS, ERRORS, NotFound, writes

write = Router(tags=["write"], auth=TokenAuth())

EntryId = Path(..., ge=1, le=schemas.MAX_ID, description="The entry's id.")
RoundId = Path(..., ge=1, le=schemas.MAX_ID, description="The round's id.")
# Operation ids as django-ninja derived them from the old module tiltak.api.write, so clients
# generated from the OpenAPI document keep their method names.
OPERATION = "tiltak_api_write_"


def _visible_entry(user: Any, entry_id: int) -> StatusEntry:
    """The entry, if the user may see it."""
    entry = round_selectors.entry_by_id(entry_id)
    if entry is None or not permissions.can_view_entry(user, entry):
        raise NotFound("Fant ikke tiltaket.")
    return entry


def _fresh_entry(user: Any, entry_id: int) -> schemas.Entry:
    """The entry as stored now, for the response."""
    entry = round_selectors.entry_by_id(entry_id)
    assert entry is not None
    return output.entry_out(user, entry)


def _visible_round(user: Any, round_id: int) -> ReportingRound:
    """The round, if the user may see it."""
    rnd = round_selectors.round_by_id(round_id)
    if rnd is None or not permissions.can_view_round(user, rnd):
        raise NotFound("Fant ikke runden.")
    return rnd


# The user.


@write.get("/me", response={200: schemas.Me, **AUTH_ERRORS}, operation_id=OPERATION + "me")
@writes
def me(request: HttpRequest, response: HttpResponse) -> schemas.Me:
    """The token's user: organisation, editor or not, administrator or not, roles per plan."""
    user = token_user(request)
    return output.me_out(
        request_token(request),
        round_selectors.user_profile(user),
        round_selectors.user_plan_roles(user),
    )


# Entries.


@write.get(
    "/rounds/{int:round_id}/entries",
    response={200: list[schemas.Entry], 404: schemas.Error, 422: schemas.ValidationError,
              **AUTH_ERRORS},
    operation_id=OPERATION + "list_entries",
)  # fmt: skip
@writes
def list_entries(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> list[schemas.Entry]:
    """The entries of a round (in any state) that the user may see, in plan order, with what
    the user may do with each: editors see their organisation's, readers and coordinators all."""
    user = token_user(request)
    rnd = _visible_round(user, round_id)
    return [
        output.entry_out(user, e)
        for e in round_selectors.round_entries(rnd)
        if permissions.can_view_entry(user, e)
    ]


@write.post(
    "/entries/approve",
    response={200: list[schemas.Entry], **ERRORS},
    operation_id=OPERATION + "approve_entries",
)
@writes
def approve_entries(
    request: HttpRequest, response: HttpResponse, body: schemas.EntryApproval
) -> list[schemas.Entry]:
    """Approve submitted entries, all or none (the plan's coordinator)."""
    user = token_user(request)
    ids = list(dict.fromkeys(body.entry_ids))
    for entry_id in ids:
        _visible_entry(user, entry_id)
    services.approve_entries(user, ids)
    return [_fresh_entry(user, i) for i in ids]


@write.put(
    "/entries/{int:entry_id}",
    response={200: schemas.Entry, 409: schemas.EntryConflict, **ERRORS},
    operation_id=OPERATION + "save_entry",
)
@writes
def save_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntryUpdate,
    entry_id: int = EntryId,
) -> schemas.Entry:
    """Save the status label and narrative as a draft, or submit them with `submit`. Refused
    with 409 when the entry is no longer at `expected_version` (the refusal is logged)."""
    user = token_user(request)
    _visible_entry(user, entry_id)
    services.save_entry(
        user,
        entry_id,
        expected_version=body.expected_version,
        status_label=body.status_label,
        narrative=body.narrative,
        submit=body.submit,
    )
    return _fresh_entry(user, entry_id)


@write.post(
    "/entries/{int:entry_id}/submit",
    response={200: schemas.Entry, 409: schemas.EntryConflict, **ERRORS},
    operation_id=OPERATION + "submit_entry",
)
@writes
def submit_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntrySubmit,
    entry_id: int = EntryId,
) -> schemas.Entry:
    """Submit the entry as it is saved (the lead organisation's editors)."""
    user = token_user(request)
    _visible_entry(user, entry_id)
    services.submit_entry(user, entry_id, expected_version=body.expected_version)
    return _fresh_entry(user, entry_id)


@write.post(
    "/entries/{int:entry_id}/return",
    response={200: schemas.Entry, **ERRORS},
    operation_id=OPERATION + "return_entry",
)
@writes
def return_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntryReturn,
    entry_id: int = EntryId,
) -> schemas.Entry:
    """Return a submitted entry to its editors with a comment (the plan's coordinator)."""
    user = token_user(request)
    _visible_entry(user, entry_id)
    services.return_entry(user, entry_id, comment=body.comment)
    return _fresh_entry(user, entry_id)


# Rounds.


@write.post(
    "/rounds/{int:round_id}/open",
    response={200: schemas.RoundInfo, **ERRORS},
    operation_id=OPERATION + "open_round",
)
@writes
def open_round(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.RoundOpening,
    round_id: int = RoundId,
) -> schemas.RoundInfo:
    """Open a draft round with a deadline: every measure gets an entry (the coordinator)."""
    user = token_user(request)
    rnd = services.open_round(user, _visible_round(user, round_id), deadline=body.deadline)
    return output.round_out(rnd)


@write.post(
    "/rounds/{int:round_id}/close",
    response={200: schemas.RoundInfo, **ERRORS},
    operation_id=OPERATION + "close_round",
)
@writes
def close_round(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> schemas.RoundInfo:
    """Close an open round for editing; review goes on (the coordinator)."""
    user = token_user(request)
    return output.round_out(services.close_round(user, _visible_round(user, round_id)))


@write.post(
    "/rounds/{int:round_id}/reopen",
    response={200: schemas.RoundInfo, **ERRORS},
    operation_id=OPERATION + "reopen_round",
)
@writes
def reopen_round(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> schemas.RoundInfo:
    """Open a closed round again (the coordinator)."""
    user = token_user(request)
    return output.round_out(services.reopen_round(user, _visible_round(user, round_id)))


@write.post(
    "/rounds/{int:round_id}/publish",
    response={200: schemas.RoundInfo, 409: schemas.PublishBlocked, **ERRORS},
    operation_id=OPERATION + "publish_round",
)
@writes
def publish_round(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.RoundPublication,
    round_id: int = RoundId,
) -> schemas.RoundInfo:
    """Publish an open or closed round (the coordinator). With errors from the checks or
    entries not approved: 409 unless override_reason says why it is published anyway."""
    user = token_user(request)
    rnd = _visible_round(user, round_id)
    return output.round_out(services.publish_round(user, rnd, override_reason=body.override_reason))


# Lineage.


def _link_measures(
    user: Any, measure_ref: schemas.MeasureRef, successor_ref: schemas.MeasureRef
) -> tuple[Measure, Measure]:
    """The two measures of a link. The coordinator of either plan sees both (as on the links
    page, where a new plan without a published round is linked to); others see public plans and
    the plans they read, and get 404 for the rest."""
    found = []
    for ref in (measure_ref, successor_ref):
        measure = selectors.measure_by_ref(ref.plan, ref.number)
        if measure is None:
            raise NotFound(f"Fant ikke tiltak {ref.number} i planen {ref.plan}.")
        found.append(measure)
    measure, successor = found
    if not permissions.can_link_plans(user, measure.plan, successor.plan):
        for item in found:
            visible = selectors.has_published_round(item.plan) or permissions.is_reader(
                user, item.plan
            )
            if not visible:
                raise NotFound(f"Fant ikke tiltak {item.number} i planen {item.plan.slug}.")
    return measure, successor


@write.post(
    "/links", response={200: schemas.Link, **ERRORS}, operation_id=OPERATION + "decide_link"
)
@writes
def decide_link(
    request: HttpRequest, response: HttpResponse, body: schemas.LinkDecision
) -> schemas.Link:
    """Confirm that a measure of a later plan continues (replaces, absorbs) a measure of an
    earlier plan, or reject the link so it is not suggested again."""
    from tiltak.lineage import services as lineage

    user = token_user(request)
    measure, successor = _link_measures(user, body.measure, body.successor)
    actor = lineage.Actor(name=user.get_username(), user=user)
    try:
        if body.decision == "confirm":
            link = lineage.confirm_link(
                measure, successor, actor=actor, relation=body.relation, note=body.note
            )
        else:
            link = lineage.reject_link(measure, successor, actor=actor, note=body.note)
    except lineage.PermissionDenied as error:
        raise PermissionDenied(str(error)) from error
    except lineage.LinkError as error:
        raise services.WorkflowError(str(error)) from error
    return output.link_out(measure, successor, link)
