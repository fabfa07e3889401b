"""Django admin for personal API tokens: see and revoke, never create (the secret is shown only
on the user's own page) and never edit. Failed token attempts: see, and delete to let an address
in again before its window ends."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from . import tokens
from .models import ApiToken, TokenFailure


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "state")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("secret_hash",)
    actions = ["revoke"]

    @admin.display(description="tilstand")
    def state(self, obj: ApiToken) -> str:
        return obj.get_state_display()

    @admin.action(description="Tilbakekall valgte API-nøkler")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            tokens.revoke_token(request.user, token.pk)
        messages.success(request, f"{queryset.count()} nøkler er tilbakekalt.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(TokenFailure)
class TokenFailureAdmin(admin.ModelAdmin[TokenFailure]):
    list_display = ("address", "at")
    search_fields = ("address",)
    readonly_fields = ("address", "at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
