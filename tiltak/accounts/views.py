"""Login and logout, and /konto/ itself."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from tiltak.accounts import oidc_config
from tiltak.accounts.selectors import coordinates_any_plan


def landing_url(user: Any) -> str:
    """Where a signed-in person starts: coordinators at their desk, editors at their measures."""
    if user.is_authenticated and (user.is_superuser or coordinates_any_plan(user)):
        return reverse("rounds:coordinator")
    return reverse("rounds:workspace")


class TiltakLoginView(LoginView):
    """The login page, in Norwegian."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """Without a `next` address: the coordinator's desk or the editor's workspace."""
        return landing_url(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Adds whether OpenID Connect login is configured, and the provider's name."""
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_config.oidc_enabled()
        context["oidc_provider"] = oidc_config.provider_name()
        return context


def logout_view(request: HttpRequest) -> HttpResponse:
    """GET asks, POST signs out (logging out needs a CSRF-protected POST)."""
    if request.method == "POST":
        logout(request)
        return redirect("portal:front")
    return render(request, "accounts/logout.html")


def login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """/konto/ goes to where the person starts (see `landing_url`)."""
    return redirect(landing_url(request.user))
