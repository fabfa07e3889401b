"""Django admin for profiles and plan roles."""

from __future__ import annotations

from django.contrib import admin

from .models import PlanRole, Profile


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
