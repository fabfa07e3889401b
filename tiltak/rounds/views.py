"""Views of the workspace and the coordinator's pages: thin wrappers around the services,
which check every permission (tiltak.rounds.permissions)."""

from __future__ import annotations

import json
import secrets
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tiltak.accounts import oidc
from tiltak.limits import MAX_NARRATIVE_CHARS
from tiltak.plans.models import Plan, ReportingRound, StatusEntry
from tiltak.portal.narrative import render_narrative
from tiltak.safe_csv import spreadsheet_csv

from . import bulk, permissions, reminders, selectors, services
from .permissions import require

MAX_UPLOAD = 10 * 1024 * 1024
BULK_SESSION_KEY = "tiltak_bulk"


class TiltakLoginView(LoginView):
    """The login page, in Norwegian."""

    template_name = "rounds/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Adds whether OpenID Connect login is configured, and the provider's name."""
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc.oidc_enabled()
        context["oidc_provider"] = oidc.provider_name()
        return context


def logout_view(request: HttpRequest) -> HttpResponse:
    """GET asks, POST signs out (logging out needs a CSRF-protected POST)."""
    if request.method == "POST":
        logout(request)
        return redirect("portal:front")
    return render(request, "rounds/logout.html")


# The editor's workspace.


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """My measures in the open rounds, with each entry's state and the checks' findings."""
    entries = selectors.my_entries(request.user)
    rounds: dict[int, dict[str, Any]] = {}
    for entry in entries:
        group = rounds.setdefault(
            entry.round_id, {"round": entry.round, "entries": [], "numbers": set()}
        )
        group["entries"].append(entry)
        group["numbers"].add(entry.measure.number)
    for group in rounds.values():
        found = selectors.round_findings(group["round"])
        group["findings"] = found.for_numbers(group["numbers"])
        group["by_measure"] = found.by_measure
        group["can_bulk"] = permissions.can_bulk_update(request.user, group["round"])
        for entry in group["entries"]:
            entry.finding_count = len(found.by_measure.get(entry.measure.number, []))
            entry.overdue = selectors.is_overdue(group["round"], entry)
    coordinated = selectors.coordinated_plans(request.user)
    return render(
        request,
        "rounds/workspace.html",
        {"groups": list(rounds.values()), "coordinated": coordinated},
    )


def _entry_or_404(entry_id: int) -> StatusEntry:
    entry = selectors.entry_by_id(entry_id)
    if entry is None:
        raise Http404("Fant ikke tiltaket.")
    return entry


def _entry_context(request: HttpRequest, entry: StatusEntry) -> dict[str, Any]:
    """What the edit page shows besides the form."""
    user = request.user
    numbers = {entry.measure.number}
    show_findings = entry.round.state != ReportingRound.State.DRAFT
    may_see_history = permissions.can_view_measure_audit(user, entry)
    whole_history = request.GET.get("historikk") == "alle"
    return {
        "entry": entry,
        "rnd": entry.round,
        "plan": entry.round.plan,
        "measure": entry.measure,
        "responsibilities": list(entry.measure.responsibilities.all()),
        "labels": selectors.plan_status_labels(entry.round.plan),
        "can_edit": permissions.can_edit_entry(user, entry),
        "can_submit": permissions.can_submit_entry(user, entry),
        "can_review": permissions.can_review_entry(user, entry),
        "history": selectors.measure_history(
            entry.measure_id, limit=None if whole_history else selectors.HISTORY_SHOWN
        )
        if may_see_history
        else None,
        "history_total": selectors.measure_history_count(entry.measure_id)
        if may_see_history
        else 0,
        "findings": selectors.round_findings(entry.round).for_numbers(numbers)
        if show_findings
        else [],
    }


@login_required
def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The edit form: status and Markdown narrative, preview, save draft, submit."""
    entry = _entry_or_404(entry_id)
    require(permissions.can_view_entry(request.user, entry))
    context = _entry_context(request, entry)
    values = {"status_label": entry.status_label, "narrative": entry.narrative}
    version = entry.version
    if request.method == "POST":
        action = request.POST.get("action", "save")
        values = {
            "status_label": request.POST.get("status_label", ""),
            "narrative": request.POST.get("narrative", ""),
        }
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            return HttpResponse("Mangler versjon.", status=400)
        if action == "preview":
            require(permissions.can_edit_entry(request.user, entry))
            try:
                services.check_narrative(values["narrative"])
            except services.WorkflowError as error:
                context["error"] = str(error)
            else:
                context["preview"] = render_narrative(values["narrative"])
        else:
            try:
                services.save_entry(
                    request.user,
                    entry.pk,
                    expected_version=version,
                    submit=action == "submit",
                    **values,
                )
            except services.ConflictError as conflict:
                return _conflict(request, entry, conflict, values)
            except services.WorkflowError as error:
                context["error"] = str(error)
            else:
                text = "Tiltaket er sendt inn." if action == "submit" else "Utkastet er lagret."
                messages.success(request, text)
                if action == "submit":
                    return redirect("rounds:workspace")
                return redirect("rounds:edit", entry_id=entry.pk)
    # The browser stops at the limit, before a huge form meets Django's upload limit.
    context.update({"values": values, "version": version, "narrative_max": MAX_NARRATIVE_CHARS})
    return render(request, "rounds/edit.html", context, status=400 if "error" in context else 200)


def _conflict(
    request: HttpRequest,
    entry: StatusEntry,
    conflict: services.ConflictError,
    yours: dict[str, str],
) -> HttpResponse:
    """HTTP 409: yours and the saved version side by side, and a form to merge them."""
    current = conflict.current
    context = _entry_context(request, selectors.entry_by_id(entry.pk) or entry)
    context.update(
        {
            "yours": yours,
            "saved": current,
            "saved_html": render_narrative(current.narrative),
            "yours_html": render_narrative(yours["narrative"]),
            "values": yours,
            "version": current.version,
            "saved_by": selectors.last_save(current),
        }
    )
    return render(request, "rounds/conflict.html", context, status=409)


# Bulk update.


def _round_by_id(round_id: int) -> ReportingRound:
    rnd = ReportingRound.objects.select_related("plan").filter(pk=round_id).first()
    if rnd is None:
        raise Http404("Fant ikke runden.")
    return rnd


@login_required
def bulk_download(request: HttpRequest, round_id: int) -> HttpResponse:
    """The user's measures of the round as XLSX in the exchange format."""
    rnd = _round_by_id(round_id)
    data = bulk.export_round(request.user, rnd)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{rnd.plan.slug}-{rnd.slug}.xlsx"'
    return response


@login_required
def bulk_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """Upload an edited workbook: a preview of every change and every row error."""
    rnd = _round_by_id(round_id)
    require(permissions.can_bulk_update(request.user, rnd))
    context: dict[str, Any] = {"rnd": rnd, "plan": rnd.plan}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size is None or upload.size > MAX_UPLOAD:
            context["error"] = "Velg en XLSX-fil på under 10 MB."
            status = 400
        else:
            preview = bulk.preview_upload(request.user, rnd, upload.read())
            token = secrets.token_urlsafe(16)
            if preview.ok and preview.changes:
                request.session[BULK_SESSION_KEY] = {
                    "token": token,
                    "round": rnd.pk,
                    "changes": preview.to_session(),
                }
            context.update({"preview": preview, "token": token})
            status = 200 if preview.ok else 422
    return render(request, "rounds/bulk.html", context, status=status)


@login_required
@require_POST
def bulk_apply(request: HttpRequest, round_id: int) -> HttpResponse:
    """Apply the previewed upload, all or nothing."""
    rnd = _round_by_id(round_id)
    stored = request.session.get(BULK_SESSION_KEY) or {}
    if stored.get("round") != rnd.pk or stored.get("token") != request.POST.get("token"):
        messages.error(request, "Forhåndsvisningen er utløpt. Last opp filen på nytt.")
        return redirect("rounds:bulk_upload", round_id=rnd.pk)
    try:
        count = bulk.apply_changes(request.user, rnd, stored["changes"])
    except bulk.BulkRefused as error:
        messages.error(request, f"Ingenting ble endret: {error}")
        return redirect("rounds:bulk_upload", round_id=rnd.pk)
    finally:
        request.session.pop(BULK_SESSION_KEY, None)
    messages.success(request, f"{count} tiltak er oppdatert.")
    return redirect("rounds:workspace")


# The coordinator.


@login_required
def coordinator_home(request: HttpRequest) -> HttpResponse:
    """The plans the user coordinates, their rounds, and a form for a new round."""
    plans = selectors.coordinated_plans(request.user)
    require(bool(plans), "Du er ikke koordinator for noen plan.")
    rows = [(plan, list(plan.rounds.order_by("-as_of", "-id"))) for plan in plans]
    return render(request, "rounds/coordinator_home.html", {"rows": rows})


@login_required
@require_POST
def create_round(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """Create a draft round."""
    plan = Plan.objects.filter(slug=plan_slug).first()
    if plan is None:
        raise Http404("Fant ikke planen.")
    try:
        rnd = services.create_round(
            request.user,
            plan,
            title=request.POST.get("title", ""),
            as_of=request.POST.get("as_of", "").strip(),
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("rounds:coordinator")
    messages.success(request, f"Runden «{rnd.title}» er opprettet som utkast.")
    return redirect("rounds:review", plan_slug=plan.slug, round_slug=rnd.slug)


def _round_or_404(plan_slug: str, round_slug: str) -> ReportingRound:
    rnd = selectors.round_for(plan_slug, round_slug)
    if rnd is None:
        raise Http404("Fant ikke runden.")
    return rnd


@login_required
def review(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The round: lifecycle, the review queue (approve many at once), findings per measure."""
    rnd = _round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("entries") if i.isdigit()]
        try:
            done = services.approve_entries(request.user, ids)
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{len(done)} tiltak er godkjent.")
        return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    found = selectors.round_findings(rnd) if rnd.entries.exists() else None
    entries = selectors.round_entries(rnd)
    for entry in entries:
        entry.findings = found.by_measure.get(entry.measure.number, []) if found else []
    queue = [e for e in entries if e.workflow_state == StatusEntry.Workflow.SUBMITTED]
    return render(
        request,
        "rounds/review.html",
        {
            "rnd": rnd,
            "plan": rnd.plan,
            "queue": queue,
            "entries": entries,
            "found": found,
            "can_manage": permissions.can_manage_round(request.user, rnd.plan_id),
            "today": date.today().isoformat(),
        },
    )


@login_required
def review_entry(
    request: HttpRequest, plan_slug: str, round_slug: str, entry_id: int
) -> HttpResponse:
    """One submitted entry: approve, or return with a comment."""
    rnd = _round_or_404(plan_slug, round_slug)
    entry = _entry_or_404(entry_id)
    if entry.round_id != rnd.pk:
        raise Http404("Tiltaket hører ikke til runden.")
    require(permissions.is_reader(request.user, rnd.plan_id))
    context = _entry_context(request, entry)
    context["narrative_html"] = render_narrative(entry.narrative)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_entries(request.user, [entry.pk])
                messages.success(request, f"Tiltak {entry.measure.number} er godkjent.")
            elif action == "return":
                services.return_entry(
                    request.user, entry.pk, comment=request.POST.get("comment", "")
                )
                messages.success(request, f"Tiltak {entry.measure.number} er returnert.")
            else:
                return HttpResponse("Ukjent handling.", status=400)
        except services.WorkflowError as error:
            context["error"] = str(error)
            return render(request, "rounds/review_entry.html", context, status=400)
        return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    return render(request, "rounds/review_entry.html", context)


@login_required
@require_POST
def lifecycle(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Open (with a deadline), close, reopen or correct the round."""
    rnd = _round_or_404(plan_slug, round_slug)
    action = request.POST.get("action")
    target = rnd
    try:
        if action == "open":
            try:
                deadline = date.fromisoformat(request.POST.get("deadline", ""))
            except ValueError:
                raise services.WorkflowError("Skriv fristen som en dato (ÅÅÅÅ-MM-DD).") from None
            services.open_round(request.user, rnd, deadline=deadline)
            messages.success(request, "Runden er åpnet for rapportering.")
        elif action == "close":
            services.close_round(request.user, rnd)
            messages.success(request, "Runden er lukket.")
        elif action == "reopen":
            services.reopen_round(request.user, rnd)
            messages.success(request, "Runden er åpnet igjen.")
        elif action == "correct":
            target = services.correct_round(
                request.user, rnd, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Rettelsen «{target.title}» er opprettet som utkast.")
        else:
            return HttpResponse("Ukjent handling.", status=400)
    except services.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("rounds:review", plan_slug=plan_slug, round_slug=target.slug)


@login_required
def progress(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Progress per organisation as bars and as a table; send a reminder."""
    rnd = _round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    if request.method == "POST":
        try:
            count = reminders.remind_now(request.user, rnd)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Påminnelse sendt til {count} redaktører.")
        return redirect("rounds:progress", plan_slug=plan_slug, round_slug=round_slug)
    rows = selectors.round_progress(rnd)
    totals = selectors.OrganisationProgress(None)
    for row in rows:
        for name in (
            "total",
            "not_started",
            "draft",
            "submitted",
            "returned",
            "approved",
            "overdue",
        ):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
    return render(
        request,
        "rounds/progress.html",
        {
            "rnd": rnd,
            "plan": rnd.plan,
            "rows": rows,
            "totals": totals,
            "can_manage": permissions.can_manage_round(request.user, rnd.plan_id),
        },
    )


@login_required
def publish(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The findings again, and publishing (with an override reason when errors are left)."""
    rnd = _round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    context: dict[str, Any] = {"rnd": rnd, "plan": rnd.plan}
    status = 200
    if request.method == "POST":
        try:
            services.publish_round(
                request.user, rnd, override_reason=request.POST.get("override_reason", "")
            )
        except services.PublishBlocked as blocked:
            context["error"] = str(blocked)
            status = 400
        except services.WorkflowError as error:
            context["error"] = str(error)
            status = 400
        else:
            messages.success(request, "Runden er publisert.")
            return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    found = selectors.round_findings(rnd) if rnd.entries.exists() else None
    by_state = selectors.entries_by_workflow_state(rnd)
    approved = len(by_state[-1].entries)
    context.update(
        {
            "found": found,
            "by_state": by_state,
            "approved": approved,
            "unapproved": sum(len(group.entries) for group in by_state) - approved,
            "can_publish": permissions.can_publish_round(request.user, rnd),
        }
    )
    return render(request, "rounds/publish.html", context, status=status)


@login_required
def audit_csv(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The plan's audit log (this round and the plan itself) as CSV."""
    rnd = _round_or_404(plan_slug, round_slug)
    if not permissions.can_view_audit(request.user, rnd.plan_id):
        raise PermissionDenied("Bare koordinator og administrator kan laste ned loggen.")
    header = ["tidspunkt", "bruker", "handling", "objekttype", "objekt-id", "objekt",
              "tiltak-id", "før", "etter", "begrunnelse"]  # fmt: skip
    rows = (
        [
            event.at.isoformat(),
            event.actor_name,
            event.action,
            event.model,
            event.object_id,
            event.object_repr,
            str(event.measure_id or ""),
            json.dumps(event.before, ensure_ascii=False) if event.before is not None else "",
            json.dumps(event.after, ensure_ascii=False) if event.after is not None else "",
            event.reason,
        ]
        for event in selectors.plan_audit(rnd.plan, rnd.pk)
    )
    response = HttpResponse(spreadsheet_csv(header, rows), content_type="text/csv; charset=utf-8")
    name = f"logg-{rnd.plan.slug}-{rnd.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """/konto/ goes to the workspace."""
    return redirect(reverse("rounds:workspace"))
