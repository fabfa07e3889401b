"""The import pages under /koordinator/import/: upload, review and save; a plan by hand.

Thin: imports.services reads uploads, saves and checks every permission
(tiltak.rounds.permissions.can_import); a refusal is HTTP 403, a document Tiltak cannot read
or a save it refuses is the page again with the reason (HTTP 400).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tiltak.jobs.selectors import error_message
from tiltak.plans.models import Plan
from tiltak.plans.naming import plan_slug
from tiltak.plans.selectors import plan_by_slug
from tiltak.rounds import permissions
from tiltak.rounds.models import ReportingRound
from tiltak.rounds.permissions import require

from . import selectors, services
from .drafts import general_findings, review_rows
from .forms import (
    NEW,
    ROUND,
    NewPlanForm,
    SaveForm,
    UploadForm,
    new_measure_formset,
    row_formset,
)

MIN_ROWS, MAX_ROWS = 5, 50


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; a document read is kept as a draft and reviewed on the next page."""
    require(permissions.can_import(request.user), services.REFUSED)
    form = UploadForm()
    error = ""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        upload = request.FILES.get("file")
        if not form.is_valid() or upload is None:
            error = "Velg et dokument å lese."
        elif (upload.size or 0) > services.MAX_UPLOAD:
            error = f"Dokumentet er større enn {services.MAX_UPLOAD // (1024 * 1024)} MB."
        elif services.reads_as_job(upload.size or 0):
            try:
                job_id = services.queue_upload(request.user, upload.read(), upload.name or "")
            except services.ImportRefused as refused:
                error = str(refused)
            else:
                return redirect("imports:upload_job", job_id=job_id)
        else:
            try:
                draft = services.read_upload(request.user, upload.read(), upload.name or "")
            except services.ImportRefused as refused:
                error = str(refused)
            else:
                return redirect("imports:review", draft_id=draft.pk)
    context = {"form": form, "error": error, "plans": selectors.importable_plans(request.user)}
    return render(request, "imports/upload.html", context, status=400 if error else 200)


@login_required
def upload_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """A large upload being read in the background: its state, reloadable; once read, the
    review page."""
    require(permissions.can_import(request.user), services.REFUSED)
    job = services.upload_job(request.user, job_id)
    if job is None:
        raise Http404("Fant ikke jobben.")
    if job.state == "done" and job.result.get("draft"):
        return redirect("imports:review", draft_id=job.result["draft"])
    context = {"job": job, "error": error_message(job.error)}
    response = render(request, "imports/upload_job.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _draft_or_404(request: HttpRequest, draft_id: uuid.UUID) -> Any:
    draft = selectors.draft_for(request.user, draft_id)
    if draft is None:
        raise Http404("Fant ikke importen. Den kan være lagret, forkastet eller utløpt.")
    return draft


@login_required
def review(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    """What was read, as an editable table with the findings; save it, or discard it."""
    require(permissions.can_import(request.user), services.REFUSED)
    draft = _draft_or_404(request, draft_id)
    try:
        document = services.draft_document(draft)
    except services.ImportRefused as refused:
        services.discard_draft(request.user, draft)
        messages.error(request, str(refused))
        return redirect("imports:upload")
    rows = review_rows(document)
    plans = selectors.importable_plans(request.user)
    error = ""
    problems: list[tuple[str, str]] = []
    if request.method == "POST" and request.POST.get("action") == "discard":
        services.discard_draft(request.user, draft)
        messages.success(request, f"Importen av «{draft.source_name}» er forkastet.")
        return redirect("imports:upload")
    if request.method == "POST":
        formset = row_formset(document, rows, request.POST)
        save_form = SaveForm(request.POST, plans=plans)
        if formset.is_valid() and save_form.is_valid():
            try:
                result = services.save_draft(
                    request.user,
                    draft,
                    save_form.save_target(),
                    [form.correction() for form in formset.forms],
                )
            except services.ImportRefused as refused:
                error = str(refused)
            else:
                return _saved(request, result)
        else:
            error = "Noe i skjemaet må rettes:"
            problems = _problems(save_form, formset.forms, rows)
    else:
        formset = row_formset(document, rows)
        save_form = SaveForm(initial=_save_initial(document, draft, plans), plans=plans)
    context = {
        "draft": draft,
        "document": document,
        "rows": list(zip(rows, formset.forms, strict=False)),
        "formset": formset,
        "save_form": save_form,
        "general": general_findings(document),
        "finding_count": len(document.findings),
        "plans": plans,
        "error": error,
        "problems": problems,
        "NEW": NEW,
        "ROUND": ROUND,
    }
    return render(request, "imports/review.html", context, status=400 if error else 200)


def _problems(save_form: Any, forms: list[Any], rows: list[Any]) -> list[tuple[str, str]]:
    """(field id, what is wrong) for every field with an error, in page order."""
    found = [
        (save_form[name].auto_id, f"{save_form.fields[name].label}: {' '.join(errors)}")
        for name, errors in save_form.errors.items()
        if name in save_form.fields
    ]
    for row, form in zip(rows, forms, strict=False):
        for name, errors in form.errors.items():
            if name in form.fields:
                label = form.fields[name].label
                found.append(
                    (
                        form[name].auto_id,
                        f"Tiltak {row.measure.number}, {label}: {' '.join(errors)}",
                    )
                )
    return found


def _save_initial(document: Any, draft: Any, plans: list[Plan]) -> dict[str, Any]:
    """The save form as the document suggests: a new plan, or a round of the plan it names."""
    report = document.report
    known = draft.plan_slug and any(p.slug == draft.plan_slug for p in plans)
    return {
        "plan_title": document.plan.title,
        "target": ROUND if known else NEW,
        "new_slug": draft.plan_slug or plan_slug(document.plan.title, document.plan.period),
        "plan": draft.plan_slug if known else "",
        "round_title": report.title if report else "",
        "as_of": (report.as_of or "") if report else "",
        "language": document.language,
    }


def _saved(request: HttpRequest, result: Any) -> HttpResponse:
    """After a save: say what was saved and what disagreed, then show the plan's page."""
    what = "ny plan" if result.outcome == "created" else "ny runde"
    messages.success(
        request,
        f"«{result.plan_title}» er lagret som {what}: runden «{result.round_title}» "
        f"med {result.measures} tiltak.",
    )
    for conflict in result.conflicts[:10]:
        messages.warning(request, conflict.split(": ", 1)[-1])
    return redirect("imports:plan", plan_slug=result.plan_slug)


@login_required
def new_plan(request: HttpRequest) -> HttpResponse:
    """Create an empty plan, then add its measures by hand."""
    require(permissions.can_import(request.user), services.REFUSED)
    form = NewPlanForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_empty_plan(
                request.user, title=form.cleaned_data["title"], slug=form.cleaned_data["slug"]
            )
        except services.ImportRefused as refused:
            error = str(refused)
        else:
            messages.success(request, f"Planen «{plan.title}» er opprettet. Legg inn tiltakene.")
            return redirect("imports:plan", plan_slug=plan.slug)
    elif request.method == "POST":
        error = "Noe i skjemaet må rettes."
    return render(
        request,
        "imports/new_plan.html",
        {"form": form, "error": error},
        status=400 if error else 200,
    )


@login_required
def plan_measures(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """A plan's measures, and blank rows to add more by hand."""
    plan = plan_by_slug(plan_slug)
    if plan is None:
        raise Http404("Fant ikke planen.")
    require(permissions.can_import(request.user, plan), services.REFUSED)
    try:
        count = min(max(int(request.GET.get("rader", MIN_ROWS)), MIN_ROWS), MAX_ROWS)
    except ValueError:
        count = MIN_ROWS
    error = ""
    formset = new_measure_formset(request.POST if request.method == "POST" else None, count)
    if request.method == "POST":
        if formset.is_valid():
            try:
                added = services.add_measures(
                    request.user, plan, [form.new_measure() for form in formset.forms]
                )
            except services.ImportRefused as refused:
                error = str(refused)
            else:
                messages.success(request, f"{len(added)} tiltak er lagt til.")
                return redirect("imports:plan", plan_slug=plan.slug)
        else:
            error = "Noe i skjemaet må rettes. Se feltene som er merket."
    context = {
        "plan": plan,
        "measures": selectors.plan_measures(plan),
        "published": plan.rounds.filter(state=ReportingRound.State.PUBLISHED).exists(),
        "formset": formset,
        "error": error,
        "more_rows": min(count + MIN_ROWS, MAX_ROWS),
        "can_add_rows": count < MAX_ROWS,
    }
    return render(request, "imports/plan.html", context, status=400 if error else 200)
