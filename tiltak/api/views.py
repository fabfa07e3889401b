"""The page where signed-in users make, see and revoke their personal API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import tokens
from .models import ApiToken


@login_required
@never_cache
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens; POST makes a new one and shows its secret, this once."""
    context: dict[str, Any] = {
        "default_days": tokens.default_days(),
        "max_days": tokens.MAX_DAYS,
        "values": {"name": "", "days": tokens.default_days()},
    }
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "")
        days_text = request.POST.get("days", "").strip()
        context["values"] = {"name": name, "days": days_text}
        try:
            days = int(days_text) if days_text else None
        except ValueError:
            context["error"] = "Skriv antall dager som et tall."
            status = 400
        else:
            try:
                token, secret = tokens.create_token(request.user, name, days)
            except tokens.TokenError as error:
                context["error"] = str(error)
                status = 400
            else:
                context.update({"new_token": token, "secret": secret})
                context["values"] = {"name": "", "days": tokens.default_days()}
    context["tokens"] = list(tokens.user_tokens(request.user))
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's tokens."""
    try:
        token = tokens.revoke_token(request.user, token_id)
    except ApiToken.DoesNotExist:
        raise Http404("Fant ikke nøkkelen.") from None
    messages.success(request, f"Nøkkelen «{token.name}» er tilbakekalt og virker ikke lenger.")
    return redirect("api_tokens:list")
