"""The comment thread of an entry: one form on the editor's and the coordinator's entry page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import comments, services
from .common import entry_or_404


@login_required
@require_POST
def add_comment(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Add a comment and go back to the page it was written on, at the thread."""
    entry = entry_or_404(entry_id)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("rounds:edit", args=[entry.pk])
    try:
        comments.add_comment(request.user, entry.pk, request.POST.get("body", ""))
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Kommentaren er lagt til.")
    return redirect(back.split("#")[0] + "#kommentarer")
