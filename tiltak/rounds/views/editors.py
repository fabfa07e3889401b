"""The editor's pages: the workspace, and editing, previewing and submitting an entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tiltak.display.narrative import render_narrative
from tiltak.limits import MAX_NARRATIVE_CHARS
from tiltak.rounds.models import StatusEntry

from .. import permissions, selectors, services
from ..permissions import require
from .common import entry_context, entry_or_404


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """My measures in the open rounds, what needs me first, filterable by workflow state."""
    desk = selectors.workspace(request.user, state=request.GET.get("tilstand", ""))
    return render(
        request,
        "rounds/workspace.html",
        {
            "groups": desk.groups,
            "state": desk.state,
            "state_choices": desk.choices,
            "coordinated": selectors.coordinated_plans(request.user),
        },
    )


@login_required
def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The edit form: status and Markdown narrative, preview, save draft, submit."""
    entry = entry_or_404(entry_id)
    require(permissions.can_view_entry(request.user, entry))
    context = entry_context(request, entry)
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
    context = entry_context(request, selectors.entry_by_id(entry.pk) or entry)
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
