"""The access page of a plan (/konto/tilgang/<plan>/): who may edit, coordinate and read it,
the invitations not yet answered, an invitation form, and revoking."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tiltak.plans.models import Plan
from tiltak.plans.selectors import plan_by_slug

from . import policy, selectors, services
from .models import Invitation


def _plan_or_404(request: HttpRequest, plan_slug: str) -> Plan:
    plan = plan_by_slug(plan_slug)
    if plan is None:
        raise Http404("Fant ikke planen.")
    policy.require_access_manager(request.user, plan.pk)
    return plan


@login_required
@never_cache
def access(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """Everyone with access to the plan; POST sends an invitation."""
    plan = _plan_or_404(request, plan_slug)
    organisations = selectors.plan_organisations(plan)
    values = {"email": "", "role": "", "organisation": ""}
    error, status = "", 200
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        organisation = next(
            (org for org in organisations if str(org.pk) == values["organisation"]), None
        )
        try:
            sent = services.invite(
                request.user, plan, values["email"], values["role"], organisation, request=request
            )
        except services.InvitationError as exc:
            error, status = str(exc), 400
        else:
            if sent.granted:
                text = f"{sent.invitation.email} har fått tilgangen og en e-post om det."
            else:
                text = f"Invitasjonen er sendt til {sent.invitation.email}."
            messages.success(request, text)
            return redirect("accounts:access", plan_slug=plan.slug)
    context: dict[str, Any] = {
        "plan": plan,
        "access": selectors.plan_access(plan),
        "organisations": organisations,
        "roles": Invitation.Role.choices,
        "values": values,
        "error": error,
        "days": services.invitation_days(),
    }
    return render(request, "accounts/access.html", context, status=status)


def _done(request: HttpRequest, plan: Plan, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("accounts:access", plan_slug=plan.slug)


def _failed(request: HttpRequest, plan: Plan, exc: Exception) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect("accounts:access", plan_slug=plan.slug)


@login_required
@require_POST
def revoke_role(request: HttpRequest, plan_slug: str, role_id: int) -> HttpResponse:
    """Take a coordinator's or reader's role on the plan away."""
    plan = _plan_or_404(request, plan_slug)
    try:
        role = services.revoke_plan_role(request.user, plan, role_id)
    except services.InvitationError as exc:
        return _failed(request, plan, exc)
    name = role.user.get_username()
    return _done(request, plan, f"{name} er ikke lenger {role.get_role_display().lower()}.")


@login_required
@require_POST
def revoke_editor(request: HttpRequest, plan_slug: str, profile_id: int) -> HttpResponse:
    """Stop an editor from editing."""
    plan = _plan_or_404(request, plan_slug)
    try:
        profile = services.revoke_editor(request.user, plan, profile_id)
    except services.InvitationError as exc:
        return _failed(request, plan, exc)
    return _done(request, plan, f"{profile.user.get_username()} er ikke lenger redaktør.")


@login_required
@require_POST
def withdraw(request: HttpRequest, plan_slug: str, invitation_id: int) -> HttpResponse:
    """Stop an unanswered invitation from working."""
    plan = _plan_or_404(request, plan_slug)
    try:
        invitation = services.withdraw_invitation(request.user, plan, invitation_id)
    except services.InvitationError as exc:
        return _failed(request, plan, exc)
    return _done(request, plan, f"Invitasjonen til {invitation.email} er trukket tilbake.")
