"""«Glemt passord»: Django's password reset views with Norwegian pages, absolute links in the
e-mail (`site_base_url`), and a modest limit per address and client. The page after the form
says the same whether or not the address has an account, so it tells nobody who has one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy

from tiltak.display.links import site_base_url

DEFAULT_PER_HOUR = 5


def _allowed(key: str) -> bool:
    """Count one more attempt for `key` in the cache; False past the hourly limit."""
    limit = int(getattr(settings, "TILTAK_PASSWORD_RESETS_PER_HOUR", DEFAULT_PER_HOUR))
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit


class ResetView(auth_views.PasswordResetView):
    """Asks for the e-mail address and sends a link to set a new password."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        """Send the e-mail unless the address or the client asked too often; the next page
        is the same either way."""
        email = str(form.cleaned_data["email"]).strip().lower()
        client = self.request.META.get("REMOTE_ADDR", "")
        if not (_allowed(f"tiltak:reset:email:{email}") and _allowed(f"tiltak:reset:ip:{client}")):
            return HttpResponseRedirect(str(self.success_url))
        self.extra_email_context = {"base_url": site_base_url(self.request)}
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    """Tells that a link is on its way if the address has an account."""

    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: choose a new password."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    """The password is changed: log in."""

    template_name = "accounts/password_reset_complete.html"
