"""Django admin for profiles, plan roles and invitations (sent from the access page)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import Invitation, PlanRole, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("user", "organisation", "is_editor")
    list_filter = ("is_editor", "organisation")
    search_fields = ("user__username", "user__email", "organisation__acronym")
    autocomplete_fields = ("organisation",)


@admin.register(PlanRole)
class PlanRoleAdmin(admin.ModelAdmin[PlanRole]):
    list_display = ("user", "plan", "role")
    list_filter = ("role", "plan")
    search_fields = ("user__username", "plan__title")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ("email", "plan", "role", "organisation", "created_at", "accepted_at")
    list_filter = ("role", "plan")
    search_fields = ("email", "plan__title")
    exclude = ("token_hash",)
    readonly_fields = ("invited_by", "accepted_by", "created_at", "accepted_at")

    def has_add_permission(self, request: Any) -> bool:
        """Invitations are sent from the plan's access page, which makes the link."""
        return False
