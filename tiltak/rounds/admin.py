"""Django admin for sent reminders (profiles and roles: tiltak.accounts; the audit log:
tiltak.audit)."""

from __future__ import annotations

from django.contrib import admin

from .models import ReminderLog


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("round", "kind", "sent_on", "recipients")
