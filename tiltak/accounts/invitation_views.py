"""Accepting an invitation: the link from the e-mail, then a password to choose (or login with
OpenID Connect when it is configured)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import oidc, selectors, services
from .views import landing_url

SESSION_KEY = "tiltak_invitation"
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
def invitation_link(request: HttpRequest, token: str) -> HttpResponseRedirect:
    """Keep the secret in the session and show the page without it in the address, so it
    does not leak through the browser's history or the Referer header."""
    request.session[SESSION_KEY] = token[:100]  # a real one has 43 characters
    return redirect("accounts:accept")


@never_cache
def accept(request: HttpRequest) -> HttpResponse:
    """The invitation: choose a password (a new account) or accept (an existing one)."""
    token = str(request.session.get(SESSION_KEY, ""))
    try:
        invitation = services.open_invitation(token)
    except services.InvitationError as exc:
        return render(request, "accounts/invitation.html", {"error": str(exc)}, status=400)
    account = selectors.account_by_email(invitation.email)
    form = SetPasswordForm(
        account or get_user_model()(username=invitation.email, email=invitation.email),
        request.POST if request.method == "POST" and "new_password1" in request.POST else None,
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "oidc" and oidc.oidc_enabled():
                services.accept_invitation(token, None)
                return _signed_in_elsewhere(request)
            if action == "accept" and account is not None:
                return _accepted(request, services.accept_invitation(token, None))
            if form.is_valid():
                user = services.accept_invitation(token, form.cleaned_data["new_password1"])
                login(request, user, backend=PASSWORD_BACKEND)
                return _accepted(request, user)
        except services.InvitationError as exc:
            return render(request, "accounts/invitation.html", {"error": str(exc)}, status=400)
    context: dict[str, Any] = {
        "invitation": invitation,
        "account": account,
        "form": form,
        "oidc_enabled": oidc.oidc_enabled(),
        "oidc_provider": oidc.provider_name(),
    }
    return render(request, "accounts/invitation.html", context, status=400 if form.errors else 200)


def _accepted(request: HttpRequest, user: Any) -> HttpResponse:
    """To the person's start page when signed in as them, else to the login page."""
    request.session.pop(SESSION_KEY, None)
    if request.user.is_authenticated and request.user.pk == user.pk:
        messages.success(request, "Velkommen! Tilgangen din er klar.")
        return redirect(landing_url(user))
    messages.success(request, "Tilgangen er gitt. Logg inn for å begynne.")
    return redirect("accounts:login")


def _signed_in_elsewhere(request: HttpRequest) -> HttpResponse:
    """To the identity provider; back here the account with the address is signed in."""
    request.session.pop(SESSION_KEY, None)
    query = urlencode({"next": reverse("accounts:account")})
    return redirect(reverse("oidc_authentication_init") + "?" + query)
