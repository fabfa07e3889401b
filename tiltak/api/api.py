"""The REST API, with OpenAPI docs at /api/docs.

Routers: `public` (this module's endpoints: read-only, published data, no authentication) and
`write` (tiltak.api.write: editors' and coordinators' actions, authenticated only by a personal
API token as `Authorization: Bearer …`, calling the same services as the web pages).
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.errors import HttpError

# ninja.Path and ninja.Query are Annotated aliases under mypy and cannot be called there; these
# are the functions they call at run time.
from ninja.params.functions import Path, Query

from tiltak.documents.vocabulary import StatusOrNone
from tiltak.lineage.selectors import measure_lineage
from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound
from tiltak.rounds.public import previous_public_round

from . import schemas, selectors, serialise
from .caching import conditional
from .docs import BundledSwagger
from .search import search

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NUMBER = r"^[0-9A-Za-z][0-9A-Za-z .-]{0,19}$"
ACRONYM = r"^[0-9A-Za-zÆØÅæøå][0-9A-Za-zÆØÅæøå.-]{0,31}$"
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 200
StatusFilter = StatusOrNone
KindFilter = Literal["measure", "request"]

ERRORS: dict[int, Any] = {
    304: None,
    404: schemas.Error,
    422: schemas.ValidationError,
}

api = NinjaAPI(
    title="Tiltak API",
    version="1",
    description="Published plans, measures and their status per reporting round: read-only, "
    "every response carries an ETag (send If-None-Match for 304) and Cache-Control. The "
    "endpoints tagged `write` act for an editor or coordinator and need a personal API token "
    "(made at /konto/api-nokler/) as `Authorization: Bearer <token>`; their responses are "
    "never cached.",
    urls_namespace="api",
    docs=BundledSwagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
public = Router(tags=["public"])
# Explicit operation ids, as django-ninja once derived them from the module and function names,
# so clients generated from the OpenAPI document keep their method names.
OPERATION = "tiltak_api_api_"

PlanSlug = Path(..., pattern=SLUG, max_length=100, description="The plan's slug.")
RoundSlug = Path(..., pattern=SLUG, max_length=100, description="The round's slug.")
PageNumber = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
PageSize = Query(50, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
RoundQuery = Query(
    None, pattern=SLUG, max_length=100, description="Round slug; default the latest published."
)
ChapterQuery = Query(None, max_length=20, description="Chapter key, e.g. '2'.")
OrganisationQuery = Query(None, max_length=32, description="Acronym of a responsible body.")
StatusQuery = Query(None, description="Status; 'none' for measures without one.")
KindQuery = Query(None, description="measure or request (the Storting's requests).")


def _plan(slug: str, *, counts: bool = False) -> Plan:
    """The public plan or 404."""
    plan = selectors.public_plan(slug, counts=counts)
    if plan is None:
        raise HttpError(404, f"No published plan {slug!r}.")
    return plan


def _round(plan: Plan, slug: str | None) -> ReportingRound:
    """The plan's published round (latest when slug is None) or 404."""
    rnd = selectors.published_round(plan, slug)
    if rnd is None:
        raise HttpError(404, f"Plan {plan.slug!r} has no published round {slug!r}.")
    return rnd


def _round_named(kwargs: dict[str, Any]) -> bool:
    """Whether the request names a round explicitly (so the response is about a final round)."""
    return bool(kwargs.get("round_slug") or kwargs.get("round"))


@public.get(
    "/plans",
    response={200: schemas.Page[schemas.PlanSummary], **ERRORS},
    operation_id=OPERATION + "list_plans",
)
@conditional()
def list_plans(
    request: HttpRequest, response: HttpResponse, page: int = PageNumber, page_size: int = PageSize
) -> dict[str, Any]:
    """Plans with at least one published round, newest first."""
    result = selectors.paginate(selectors.public_plans(), page, page_size)
    result["items"] = [serialise.plan_summary(p) for p in result["items"]]
    return result


@public.get(
    "/plans/{plan}", response={200: schemas.Plan, **ERRORS}, operation_id=OPERATION + "get_plan"
)
@conditional()
def get_plan(request: HttpRequest, response: HttpResponse, plan: str = PlanSlug) -> dict[str, Any]:
    """A plan with its chapters and published rounds."""
    found = _plan(plan, counts=True)
    return serialise.plan_detail(found, list(selectors.plan_chapters(found)))


@public.get(
    "/plans/{plan}/chapters",
    response={200: list[schemas.Chapter], **ERRORS},
    operation_id=OPERATION + "list_chapters",
)
@conditional()
def list_chapters(
    request: HttpRequest, response: HttpResponse, plan: str = PlanSlug
) -> list[dict[str, Any]]:
    """The plan's chapters in order."""
    return [serialise.chapter(c) for c in selectors.plan_chapters(_plan(plan))]


@public.get(
    "/plans/{plan}/rounds",
    response={200: list[schemas.RoundSummary], **ERRORS},
    operation_id=OPERATION + "list_rounds",
)
@conditional()
def list_rounds(
    request: HttpRequest, response: HttpResponse, plan: str = PlanSlug
) -> list[dict[str, Any]]:
    """The plan's published rounds, oldest first."""
    return [serialise.round_summary(r) for r in selectors.published_rounds(_plan(plan))]


@public.get(
    "/plans/{plan}/rounds/{round_slug}",
    response={200: schemas.Round, **ERRORS},
    operation_id=OPERATION + "get_round",
)
@conditional(round_scoped=True)
def get_round(
    request: HttpRequest, response: HttpResponse, plan: str = PlanSlug, round_slug: str = RoundSlug
) -> dict[str, Any]:
    """A published round with its status counts."""
    return serialise.round_detail(_round(_plan(plan), round_slug))


@public.get(
    "/plans/{plan}/measures",
    response={200: schemas.Page[schemas.MeasureStatus], **ERRORS},
    operation_id=OPERATION + "list_measures",
)
@conditional(round_scoped=_round_named)
def list_measures(
    request: HttpRequest,
    response: HttpResponse,
    plan: str = PlanSlug,
    round: str | None = RoundQuery,
    chapter: str | None = ChapterQuery,
    organisation: str | None = OrganisationQuery,
    status: StatusFilter | None = StatusQuery,
    kind: KindFilter | None = KindQuery,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> dict[str, Any]:
    """The plan's measures with their status in one published round, in plan order."""
    found = _plan(plan)
    rnd = _round(found, round)
    filters = selectors.measure_filters(chapter, organisation, status, kind)
    result = selectors.paginate(selectors.round_measures(rnd, filters), page, page_size)
    result["items"] = [serialise.measure_status(e, found, rnd) for e in result["items"]]
    return result


@public.get(
    "/plans/{plan}/measures/{number}",
    response={200: schemas.Measure, **ERRORS},
    operation_id=OPERATION + "get_measure",
)
@conditional()
def get_measure(
    request: HttpRequest,
    response: HttpResponse,
    plan: str = PlanSlug,
    number: str = Path(..., pattern=NUMBER, description="The measure's number, e.g. '21 b'."),
) -> dict[str, Any]:
    """A measure with its status in every published round and its confirmed lineage."""
    found = _plan(plan)
    measure = selectors.public_measure(found, number)
    if measure is None:
        raise HttpError(404, f"Plan {found.slug!r} has no measure {number!r}.")
    return serialise.measure_detail(
        measure, list(selectors.measure_statuses(measure)), measure_lineage(measure)
    )


@public.get(
    "/plans/{plan}/changes",
    response={200: schemas.Changes, **ERRORS},
    operation_id=OPERATION + "list_changes",
)
@conditional(round_scoped=lambda kw: bool(kw.get("round_before") and kw.get("round_after")))
def list_changes(
    request: HttpRequest,
    response: HttpResponse,
    plan: str = PlanSlug,
    round_before: str | None = Query(
        None, alias="from", pattern=SLUG, max_length=100, description="Default: the one before."
    ),
    round_after: str | None = Query(
        None, alias="to", pattern=SLUG, max_length=100, description="Default: the latest."
    ),
) -> dict[str, Any]:
    """Measures whose status or narrative changed between two published rounds of a plan."""
    found = _plan(plan)
    after = _round(found, round_after)
    if round_before is not None:
        before: ReportingRound | None = _round(found, round_before)
    else:
        before = previous_public_round(after)
    items = selectors.round_changes(before, after)
    return {
        "plan": found.slug,
        "round_before": before.slug if before else None,
        "round_after": after.slug,
        "count": len(items),
        "items": [serialise.change(c) for c in items],
    }


@public.get(
    "/organisations",
    response={200: schemas.Page[schemas.Organisation], **ERRORS},
    operation_id=OPERATION + "list_organisations",
)
@conditional()
def list_organisations(
    request: HttpRequest, response: HttpResponse, page: int = PageNumber, page_size: int = PageSize
) -> dict[str, Any]:
    """Organisations responsible for measures of, or coordinating, published plans."""
    result = selectors.paginate(selectors.public_organisations(), page, page_size)
    result["items"] = [serialise.organisation(o) for o in result["items"]]
    return result


@public.get(
    "/organisations/{acronym}",
    response={200: schemas.Organisation, **ERRORS},
    operation_id=OPERATION + "get_organisation",
)
@conditional()
def get_organisation(
    request: HttpRequest,
    response: HttpResponse,
    acronym: str = Path(..., pattern=ACRONYM, description="e.g. JD"),
) -> dict[str, Any]:
    """One organisation."""
    org = selectors.public_organisation(acronym)
    if org is None:
        raise HttpError(404, f"No organisation {acronym!r} in published plans.")
    return serialise.organisation(org)


@public.get(
    "/search",
    response={200: schemas.SearchPage, **ERRORS},
    operation_id=OPERATION + "search_measures",
)
@conditional(round_scoped=_round_named)
def search_measures(
    request: HttpRequest,
    response: HttpResponse,
    q: str = Query("", max_length=200, description="Words to find in titles and narratives."),
    plan: str | None = Query(None, pattern=SLUG, max_length=100, description="Plan slug."),
    round: str | None = Query(None, pattern=SLUG, max_length=100, description="Needs plan."),
    chapter: str | None = ChapterQuery,
    organisation: str | None = OrganisationQuery,
    status: StatusFilter | None = StatusQuery,
    kind: KindFilter | None = KindQuery,
    page: int = PageNumber,
    page_size: int = PageSize,
) -> dict[str, Any]:
    """Search published measures (latest published round of each plan unless round is given)."""
    found = _plan(plan) if plan else None
    if round and found is None:
        # A round is named within its plan: without the plan there is no such round.
        raise HttpError(404, "No such round: the round filter needs the plan filter.")
    rnd = _round(found, round) if found is not None and round else None
    filters = selectors.measure_filters(chapter, organisation, status, kind)
    result = search(
        q, plan=found, rnd=rnd, filters=filters, limit=page_size, offset=(page - 1) * page_size
    )
    return {
        "count": result.total,
        "count_is_exact": result.total_is_exact,
        "page": page,
        "page_size": page_size,
        "pages": max(1, -(-result.total // page_size)),
        "items": [_hit(h) for h in result.hits],
    }


def _hit(hit: Any) -> dict[str, Any]:
    """A search hit as the API shows it."""
    entry = hit.entry
    measure = hit.measure
    return {
        "plan": measure.plan.slug,
        "round": entry.round.slug if entry is not None else None,
        "number": measure.number,
        "title": measure.title,
        "chapter": measure.chapter.key if measure.chapter else "",
        "status": (entry.status or None) if entry is not None else None,
        "status_label": entry.status_label if entry is not None else "",
        "rank": float(hit.rank),
        "title_html": hit.title_html,
        "snippet_html": hit.snippet_html,
    }


api.add_router("/", public)

from .write import install  # noqa: E402 - after the public routes, which it must not shadow

install(api)
