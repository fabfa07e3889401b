"""Django admin for profiles and plan roles, and a read-only view of the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, PlanRole, Profile, ReminderLog


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_editor")
    list_filter = ("is_editor", "organisation")
    search_fields = ("user__username", "user__email", "organisation__acronym")
    autocomplete_fields = ("organisation",)


@admin.register(PlanRole)
class PlanRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "plan", "role")
    list_filter = ("role", "plan")
    search_fields = ("user__username", "plan__title")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("actor_name", "object_repr", "reason")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("round", "kind", "sent_on", "recipients")
