"""The write API: endpoints for editors and coordinators, authenticated by personal API tokens.

`Authorization: Bearer tiltak_…` (made at /konto/api-nokler/) is the only way in: session
cookies do not authenticate these endpoints, so a browser cannot be tricked into calling them
(no CSRF). Every endpoint calls the same services as the web pages (tiltak.rounds.services,
tiltak.lineage.services) as the token's user, so the permission rules live in one place
(tiltak.rounds.permissions). Errors map uniformly: no, invalid, expired or revoked token 401
(with WWW-Authenticate: Bearer); not allowed 403; not found or not visible to the user 404; the
action does not fit the state 400 with the service's Norwegian message; a stale
expected_version or a publication that needs a reason 409; invalid input 422; too many failed
token attempts from one client 429. Every response carries Cache-Control: no-store.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Path, Router, Status
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer

from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit.context import audit_context
from tiltak.plans.models import Measure, Plan, ReportingRound, StatusEntry
from tiltak.rounds import permissions, services
from tiltak.rounds import selectors as round_selectors

from . import schemas, throttle, tokens
from .models import ApiToken

NO_STORE = "no-store"


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind AXES_IPWARE_PROXY_COUNT trusted proxies (the
    login throttle's setting, AXES_PROXY_COUNT) the address they put in X-Forwarded-For. An
    X-Forwarded-For without trusted proxies is ignored: a client could choose it."""
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return str(request.META.get("REMOTE_ADDR") or "-")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>` with a personal API token; request.auth is the token.

    A valid token is always let in. A client address with TILTAK_API_AUTH_FAILURE_LIMIT failed
    attempts in TILTAK_API_AUTH_FAILURE_WINDOW seconds gets 429 for anything else until the
    oldest failure leaves the window; the failures are counted in the database (throttle), so
    the limit holds across workers and servers. Letting a valid token in while throttled gives
    nothing away: a secret has 256 random bits, so the throttle is not what stops guessing; it
    keeps floods of bad tokens cheap and must not lock out a colleague behind the same address.
    """

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate_token(token.strip())
        if found is not None:
            return found
        address = client_address(request)
        limit = throttle.failure_limit()
        wait = throttle.wait_seconds(address, limit)
        if wait:
            raise Throttled(wait=wait)
        throttle.record_failure(address, limit)
        return None


write = Router(tags=["write"], auth=TokenAuth())

AUTH_ERRORS: dict[int, Any] = {401: schemas.Error, 429: schemas.Error}
ERRORS: dict[int, Any] = {
    400: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    422: schemas.ValidationError,
    **AUTH_ERRORS,
}
EntryId = Path(..., ge=1, le=schemas.MAX_ID, description="The entry's id.")
RoundId = Path(..., ge=1, le=schemas.MAX_ID, description="The round's id.")


class NotFound(Exception):
    """Not there, or not visible to the token's user (the same answer, so ids reveal nothing)."""


def writes(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate an endpoint taking `response: HttpResponse`: no-store, the token's user as the
    audit actor, and the services' exceptions as the documented error responses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        kwargs["response"]["Cache-Control"] = NO_STORE
        try:
            with audit_context(actor=_user(request)):
                return view(request, *args, **kwargs)
        except (NotFound, ObjectDoesNotExist) as error:
            return Status(404, {"detail": str(error) or "Fant ikke det du ba om."})
        except PermissionDenied as error:
            return Status(403, {"detail": str(error) or "Du har ikke tilgang til dette."})
        except services.ConflictError as conflict:
            return Status(409, _conflict(conflict))
        except services.PublishBlocked as blocked:
            return Status(
                409,
                {
                    "detail": str(blocked),
                    "errors": blocked.errors,
                    "unapproved": blocked.unapproved,
                },
            )
        except (services.WorkflowError, tokens.TokenError) as error:
            return Status(400, {"detail": str(error)})
        except HttpError as error:
            return Status(error.status_code, {"detail": str(error)})

    return wrapper


def _user(request: HttpRequest) -> Any:
    """The token's user (never the session's)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token.user


def _conflict(conflict: services.ConflictError) -> dict[str, Any]:
    current = conflict.current
    return {
        "detail": str(conflict),
        "current": {
            "version": current.version,
            "status": current.status or None,
            "status_label": current.status_label,
            "narrative": current.narrative,
            "workflow_state": current.workflow_state,
        },
        "yours": conflict.yours,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _entry_out(user: Any, entry: StatusEntry) -> dict[str, Any]:
    rnd = entry.round
    return {
        "id": entry.pk,
        "plan": rnd.plan.slug,
        "round": rnd.slug,
        "round_id": rnd.pk,
        "number": entry.measure.number,
        "title": entry.measure.title,
        "responsible": [r.organisation.acronym for r in entry.measure.responsibilities.all()],
        "status": entry.status or None,
        "status_label": entry.status_label,
        "narrative": entry.narrative,
        "workflow_state": entry.workflow_state,
        "version": entry.version,
        "review_comment": entry.review_comment,
        "can_edit": permissions.can_edit_entry(user, entry),
        "can_submit": permissions.can_submit_entry(user, entry),
        "can_review": permissions.can_review_entry(user, entry),
    }


def _round_out(rnd: ReportingRound) -> dict[str, Any]:
    return {
        "id": rnd.pk,
        "plan": rnd.plan.slug,
        "slug": rnd.slug,
        "title": rnd.title,
        "as_of": rnd.as_of,
        "state": rnd.state,
        "deadline": _iso(rnd.deadline),
        "opened_at": _iso(rnd.opened_at),
        "published_at": _iso(rnd.published_at),
        "publish_override_reason": rnd.publish_override_reason,
    }


def _visible_entry(user: Any, entry_id: int) -> StatusEntry:
    """The entry, if the user may see it."""
    entry = round_selectors.entry_by_id(entry_id)
    if entry is None or not permissions.can_view_entry(user, entry):
        raise NotFound("Fant ikke tiltaket.")
    return entry


def _fresh_entry(user: Any, entry_id: int) -> dict[str, Any]:
    """The entry as stored now, for the response."""
    entry = round_selectors.entry_by_id(entry_id)
    assert entry is not None
    return _entry_out(user, entry)


def _visible_round(user: Any, round_id: int) -> ReportingRound:
    """The round, if the user may see it."""
    rnd = ReportingRound.objects.select_related("plan").filter(pk=round_id).first()
    if rnd is None or not permissions.can_view_round(user, rnd):
        raise NotFound("Fant ikke runden.")
    return rnd


# The user.


@write.get("/me", response={200: schemas.Me, **AUTH_ERRORS})
@writes
def me(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """The token's user: organisation, editor or not, administrator or not, roles per plan."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    user = token.user
    profile = Profile.objects.select_related("organisation").filter(user=user).first()
    org = profile.organisation if profile is not None else None
    plans: dict[int, dict[str, Any]] = {}
    for role in PlanRole.objects.filter(user=user).select_related("plan").order_by("plan__title"):
        row = plans.setdefault(
            role.plan_id, {"plan": role.plan.slug, "plan_title": role.plan.title, "roles": []}
        )
        row["roles"].append(role.role)
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "email": user.email or "",
        "is_admin": permissions.is_admin(user),
        "organisation": {"acronym": org.acronym, "name": org.name} if org else None,
        "is_editor": bool(profile and org and profile.is_editor),
        "plans": [{**p, "roles": sorted(p["roles"])} for p in plans.values()],
        "token": {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "expires_at": token.expires_at.isoformat(),
        },
    }


# Entries.


@write.get(
    "/rounds/{int:round_id}/entries",
    response={200: list[schemas.Entry], 404: schemas.Error, 422: schemas.ValidationError,
              **AUTH_ERRORS},
)  # fmt: skip
@writes
def list_entries(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> list[dict[str, Any]]:
    """The entries of a round (in any state) that the user may see, in plan order, with what
    the user may do with each: editors see their organisation's, readers and coordinators all."""
    user = _user(request)
    rnd = _visible_round(user, round_id)
    return [
        _entry_out(user, e)
        for e in round_selectors.round_entries(rnd)
        if permissions.can_view_entry(user, e)
    ]


@write.post("/entries/approve", response={200: list[schemas.Entry], **ERRORS})
@writes
def approve_entries(
    request: HttpRequest, response: HttpResponse, body: schemas.EntryApproval
) -> list[dict[str, Any]]:
    """Approve submitted entries, all or none (the plan's coordinator)."""
    user = _user(request)
    ids = list(dict.fromkeys(body.entry_ids))
    for entry_id in ids:
        _visible_entry(user, entry_id)
    services.approve_entries(user, ids)
    return [_fresh_entry(user, i) for i in ids]


@write.put(
    "/entries/{int:entry_id}",
    response={200: schemas.Entry, 409: schemas.EntryConflict, **ERRORS},
)
@writes
def save_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntryUpdate,
    entry_id: int = EntryId,
) -> dict[str, Any]:
    """Save the status label and narrative as a draft, or submit them with `submit`. Refused
    with 409 when the entry is no longer at `expected_version` (the refusal is logged)."""
    user = _user(request)
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
)
@writes
def submit_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntrySubmit,
    entry_id: int = EntryId,
) -> dict[str, Any]:
    """Submit the entry as it is saved (the lead organisation's editors)."""
    user = _user(request)
    _visible_entry(user, entry_id)
    services.submit_entry(user, entry_id, expected_version=body.expected_version)
    return _fresh_entry(user, entry_id)


@write.post("/entries/{int:entry_id}/return", response={200: schemas.Entry, **ERRORS})
@writes
def return_entry(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.EntryReturn,
    entry_id: int = EntryId,
) -> dict[str, Any]:
    """Return a submitted entry to its editors with a comment (the plan's coordinator)."""
    user = _user(request)
    _visible_entry(user, entry_id)
    services.return_entry(user, entry_id, comment=body.comment)
    return _fresh_entry(user, entry_id)


# Rounds.


@write.post("/rounds/{int:round_id}/open", response={200: schemas.RoundInfo, **ERRORS})
@writes
def open_round(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.RoundOpening,
    round_id: int = RoundId,
) -> dict[str, Any]:
    """Open a draft round with a deadline: every measure gets an entry (the coordinator)."""
    user = _user(request)
    rnd = services.open_round(user, _visible_round(user, round_id), deadline=body.deadline)
    return _round_out(rnd)


@write.post("/rounds/{int:round_id}/close", response={200: schemas.RoundInfo, **ERRORS})
@writes
def close_round(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> dict[str, Any]:
    """Close an open round for editing; review goes on (the coordinator)."""
    user = _user(request)
    return _round_out(services.close_round(user, _visible_round(user, round_id)))


@write.post("/rounds/{int:round_id}/reopen", response={200: schemas.RoundInfo, **ERRORS})
@writes
def reopen_round(
    request: HttpRequest, response: HttpResponse, round_id: int = RoundId
) -> dict[str, Any]:
    """Open a closed round again (the coordinator)."""
    user = _user(request)
    return _round_out(services.reopen_round(user, _visible_round(user, round_id)))


@write.post(
    "/rounds/{int:round_id}/publish",
    response={200: schemas.RoundInfo, 409: schemas.PublishBlocked, **ERRORS},
)
@writes
def publish_round(
    request: HttpRequest,
    response: HttpResponse,
    body: schemas.RoundPublication,
    round_id: int = RoundId,
) -> dict[str, Any]:
    """Publish an open or closed round (the coordinator). With errors from the checks or
    entries not approved: 409 unless override_reason says why it is published anyway."""
    user = _user(request)
    rnd = _visible_round(user, round_id)
    return _round_out(services.publish_round(user, rnd, override_reason=body.override_reason))


# Lineage.


def _link_measures(
    user: Any, measure_ref: schemas.MeasureRef, successor_ref: schemas.MeasureRef
) -> tuple[Measure, Measure]:
    """The two measures of a link. The coordinator of either plan sees both (as on the links
    page, where a new plan without a published round is linked to); others see public plans and
    the plans they read, and get 404 for the rest."""
    found = []
    for ref in (measure_ref, successor_ref):
        measure = (
            Measure.objects.select_related("plan")
            .filter(plan__slug=ref.plan, number=ref.number)
            .first()
        )
        if measure is None:
            raise NotFound(f"Fant ikke tiltak {ref.number} i planen {ref.plan}.")
        found.append(measure)
    measure, successor = found
    if not permissions.can_link_plans(user, measure.plan, successor.plan):
        for item in found:
            if not _plan_visible(user, item.plan):
                raise NotFound(f"Fant ikke tiltak {item.number} i planen {item.plan.slug}.")
    return measure, successor


def _plan_visible(user: Any, plan: Plan) -> bool:
    published = plan.rounds.filter(state=ReportingRound.State.PUBLISHED).exists()
    return published or permissions.is_reader(user, plan)


@write.post("/links", response={200: schemas.Link, **ERRORS})
@writes
def decide_link(
    request: HttpRequest, response: HttpResponse, body: schemas.LinkDecision
) -> dict[str, Any]:
    """Confirm that a measure of a later plan continues (replaces, absorbs) a measure of an
    earlier plan, or reject the link so it is not suggested again."""
    from tiltak.lineage import services as lineage

    user = _user(request)
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
    return {
        "measure": {"plan": measure.plan.slug, "number": measure.number},
        "successor": {"plan": successor.plan.slug, "number": successor.number},
        "state": link.state,
        "relation": link.relation,
        "note": link.note,
        "decided_by": link.decided_by_name,
        "decided_at": _iso(link.decided_at),
    }


# Errors raised before an endpoint runs.


def _unauthorised(request: HttpRequest, error: Exception, api: NinjaAPI) -> HttpResponse:
    """401 with WWW-Authenticate, as RFC 6750 says."""
    given = bool(request.headers.get("Authorization"))
    response = api.create_response(
        request,
        {"detail": "Missing, invalid, expired or revoked API token (Authorization: Bearer …)."},
        status=401,
    )
    challenge = 'Bearer realm="tiltak"'
    response["WWW-Authenticate"] = challenge + (', error="invalid_token"' if given else "")
    response["Cache-Control"] = NO_STORE
    return response


def _throttled(request: HttpRequest, error: Throttled, api: NinjaAPI) -> HttpResponse:
    """429 with Retry-After."""
    response = api.create_response(
        request, {"detail": "Too many failed token attempts; try again later."}, status=429
    )
    if error.wait:
        response["Retry-After"] = str(int(error.wait))
    response["Cache-Control"] = NO_STORE
    return response


def install(api: NinjaAPI) -> None:
    """Mount the write router on `api`, with its error responses."""
    default_validation = api._lookup_exception_handler(ValidationError(errors=[]))

    def validation(request: HttpRequest, error: ValidationError) -> HttpResponse:
        response: HttpResponse = default_validation(request, error)  # type: ignore[misc]
        if getattr(request, "auth", None) is not None:
            response["Cache-Control"] = NO_STORE
        return response

    api.add_exception_handler(AuthenticationError, lambda r, e: _unauthorised(r, e, api))
    api.add_exception_handler(Throttled, lambda r, e: _throttled(r, e, api))
    api.add_exception_handler(ValidationError, validation)
    api.add_router("/", write)
