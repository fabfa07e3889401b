"""The coordinator's pages for links between plans (/koordinator/koblinger/): choose an earlier
plan A and a later plan B, then confirm, reject or undo the suggested successors of A's measures.

Thin: lineage.selectors reads, lineage.services changes and checks every permission
(tiltak.rounds.permissions.can_link_measures); a refusal is HTTP 403.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tiltak.plans.models import Plan
from tiltak.plans.selectors import plan_by_slug
from tiltak.rounds import permissions
from tiltak.rounds import selectors as rounds_selectors
from tiltak.rounds.permissions import require

from . import selectors, services
from .models import MeasureLink

REFUSED = "Bare koordinator for en av planene eller en administrator kan koble tiltakene."
UNSETTLED = "uavklarte"  # ?vis=uavklarte: only the measures not settled yet
MAX_NOTE = 2000
TOP_CHOICES = (1, 2, 3, 4, 5)


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    """Choose plan A (earlier) and plan B (later); the pairs that already have links."""
    coordinated = rounds_selectors.coordinated_plans(request.user)
    require(bool(coordinated), "Du er ikke koordinator for noen plan.")
    plans = list(Plan.objects.order_by("period_start", "title"))
    chosen_a, chosen_b = request.GET.get("a", ""), request.GET.get("b", "")
    error = ""
    if chosen_a or chosen_b:
        plan_a, plan_b = plan_by_slug(chosen_a), plan_by_slug(chosen_b)
        if plan_a is None or plan_b is None:
            error = "Velg både en tidligere plan (A) og en senere plan (B)."
        elif plan_a.pk == plan_b.pk:
            error = "Velg to ulike planer: A er den tidligere planen, B den senere."
        elif not permissions.can_link_plans(request.user, plan_a, plan_b):
            error = "Du er ikke koordinator for noen av de to planene."
        else:
            return redirect("lineage:review", plan_a=plan_a.slug, plan_b=plan_b.slug)
    else:
        chosen_b, chosen_a = _default_pair(coordinated, plans)
    context = {
        "plans": plans,
        "chosen_a": chosen_a,
        "chosen_b": chosen_b,
        "error": error,
        "pairs": selectors.plan_pairs(coordinated),
    }
    return render(request, "lineage/choose.html", context, status=400 if error else 200)


def _default_pair(coordinated: list[Plan], plans: list[Plan]) -> tuple[str, str]:
    """(B, A) to preselect: the newest plan the user coordinates, and the plan before it."""

    def start(plan: Plan) -> tuple[int, int]:
        return plan.period_start or 0, plan.pk

    newest = max(coordinated, key=start)
    earlier = [p for p in plans if p.pk != newest.pk and start(p)[0] <= start(newest)[0]]
    before = max(earlier, key=start) if earlier else None
    return newest.slug, before.slug if before else ""


def _pair(request: HttpRequest, plan_a: str, plan_b: str) -> tuple[Plan, Plan]:
    """The two plans (404 if either is unknown or they are the same), for a permitted user."""
    a, b = plan_by_slug(plan_a), plan_by_slug(plan_b)
    if a is None or b is None or a.pk == b.pk:
        raise Http404("Fant ikke planene.")
    require(permissions.can_link_plans(request.user, a, b), REFUSED)
    return a, b


def _actor(request: HttpRequest) -> services.Actor:
    return services.Actor(name=request.user.get_username(), user=request.user)


@login_required
def review(request: HttpRequest, plan_a: str, plan_b: str) -> HttpResponse:
    """Plan A's measures by chapter, each with its suggested and decided successors in B."""
    a, b = _pair(request, plan_a, plan_b)
    unsettled_only = request.GET.get("vis") == UNSETTLED
    keep = request.GET.get("sist", "")
    data = selectors.link_review(
        a, b, unsettled_only=unsettled_only, keep=int(keep) if keep.isdigit() else None
    )
    notices: list[Any] = []
    by_measure: dict[str, list[Any]] = {}
    for message in messages.get_messages(request):
        if message.extra_tags.startswith("tiltak-"):
            by_measure.setdefault(message.extra_tags, []).append(message)
        else:
            notices.append(message)
    for row in data.rows:
        row.notices = by_measure.pop(f"tiltak-{row.measure.pk}", [])
    notices.extend(m for ms in by_measure.values() for m in ms)  # about rows not shown
    context = {
        "plan_a": a,
        "plan_b": b,
        "review": data,
        "notices": notices,
        "unsettled_only": unsettled_only,
        "relations": MeasureLink.Relation.choices,
        "top_choices": TOP_CHOICES,
        "default_top": services.DEFAULT_TOP,
    }
    return render(request, "lineage/review.html", context)


def _back(a: Plan, b: Plan, request: HttpRequest, measure_pk: int | None = None) -> HttpResponse:
    """Back to the page, with the same filter, at the measure's card."""
    url = reverse("lineage:review", kwargs={"plan_a": a.slug, "plan_b": b.slug})
    query: dict[str, Any] = {}
    if request.POST.get("vis") == UNSETTLED:
        query["vis"] = UNSETTLED
        if measure_pk is not None:
            query["sist"] = measure_pk
    if query:
        url += "?" + urlencode(query)
    if measure_pk is not None:
        url += f"#tiltak-{measure_pk}"
    return HttpResponseRedirect(url)


@login_required
@require_POST
def decide(request: HttpRequest, plan_a: str, plan_b: str) -> HttpResponse:
    """Confirm (with a relation and a note), reject, undo, or link a measure chosen by number."""
    a, b = _pair(request, plan_a, plan_b)
    action = request.POST.get("action", "")
    measure = selectors.plan_measure(a, pk=request.POST.get("measure"))
    if measure is None:
        messages.error(request, f"Velg et tiltak i «{a.title}».")
        return _back(a, b, request)
    tag = f"tiltak-{measure.pk}"
    if action == "link":
        number = request.POST.get("number", "").strip()
        successor = selectors.plan_measure(b, number=number)
        if successor is None:
            text = (
                f"«{b.title}» har ikke noe tiltak med nummer «{number}»."
                if number
                else "Skriv nummeret på tiltaket i den senere planen."
            )
            messages.error(request, text, extra_tags=tag)
            return _back(a, b, request, measure.pk)
    else:
        successor = selectors.plan_measure(b, pk=request.POST.get("successor"))
        if successor is None:
            messages.error(request, "Fant ikke forslaget. Last siden på nytt.", extra_tags=tag)
            return _back(a, b, request, measure.pk)
    relation = request.POST.get("relation", MeasureLink.Relation.CONTINUES)
    note = request.POST.get("note", "").strip()
    pair = f"tiltak {measure.number} → tiltak {successor.number}"
    actor = _actor(request)
    try:
        if action in {"confirm", "link"}:
            if relation not in MeasureLink.Relation.values:
                raise services.LinkError("Velg hvordan tiltakene henger sammen.")
            if len(note) > MAX_NOTE:
                raise services.LinkError(f"Merknaden kan være høyst {MAX_NOTE} tegn.")
            link = services.confirm_link(
                measure, successor, actor=actor, relation=relation, note=note
            )
            text = f"Bekreftet: {pair} ({link.get_relation_display().lower()})."
        elif action == "reject":
            if len(note) > MAX_NOTE:
                raise services.LinkError(f"Merknaden kan være høyst {MAX_NOTE} tegn.")
            services.reject_link(measure, successor, actor=actor, note=note)
            text = f"Avvist: {pair}."
        elif action == "undo":
            kept = services.undo_link(measure, successor, actor=actor)
            text = f"Angret: {pair} er {'et forslag igjen' if kept else 'fjernet'}."
        else:
            raise services.LinkError("Ukjent handling.")
    except services.PermissionDenied:
        raise
    except services.LinkError as error:
        messages.error(request, str(error), extra_tags=tag)
    else:
        messages.success(request, text, extra_tags=tag)
    return _back(a, b, request, measure.pk)


@login_required
@require_POST
def suggest(request: HttpRequest, plan_a: str, plan_b: str) -> HttpResponse:
    """Compute suggestions for every measure of A and store the new ones; decisions are kept."""
    a, b = _pair(request, plan_a, plan_b)
    top = request.POST.get("top", "")
    top_n = int(top) if top.isdigit() and int(top) in TOP_CHOICES else services.DEFAULT_TOP
    try:
        found, created = services.generate_suggestions(a, b, actor=_actor(request), top=top_n)
    except services.PermissionDenied:
        raise
    except services.LinkError as error:
        messages.error(request, f"Kunne ikke lage forslag: {error}")
    else:
        messages.success(
            request,
            f"{created} nye forslag er lagret ({found} funnet; "
            "forslag som fantes fra før og avgjørelser er beholdt).",
        )
    return _back(a, b, request)
