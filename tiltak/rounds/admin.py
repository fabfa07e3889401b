"""Django admin for rounds, status entries, findings (and the rounds on a plan's page), sent
reminders, comments and acknowledged findings (profiles and roles: tiltak.accounts; the audit
log: tiltak.audit)."""

from __future__ import annotations

from django.contrib import admin

from tiltak.plans.admin import PlanAdmin
from tiltak.plans.models import Plan

from .models import (
    EntryComment,
    FindingAcknowledgement,
    ReminderLog,
    ReportingRound,
    RoundFinding,
    StatusEntry,
)


class ReportingRoundInline(admin.TabularInline[ReportingRound, Plan]):
    model = ReportingRound
    fields = ("title", "as_of", "state", "published_at")
    extra = 0
    show_change_link = True


# The plans app sits below rounds and cannot name them: the plan's page gets its rounds here.
admin.site.unregister(Plan)


@admin.register(Plan)
class PlanWithRoundsAdmin(PlanAdmin):
    inlines = (*PlanAdmin.inlines, ReportingRoundInline)


class RoundFindingInline(admin.TabularInline[RoundFinding, ReportingRound]):
    model = RoundFinding
    fields = ("severity", "code", "measure_number", "message")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin[ReportingRound]):
    list_display = ("title", "plan", "as_of", "state", "published_at", "source_name")
    list_filter = ("state", "plan")
    search_fields = ("title", "slug", "plan__title", "source_name", "source_sha256")
    list_select_related = ("plan",)
    readonly_fields = ("source_name", "source_sha256", "created_at", "updated_at")
    inlines = (RoundFindingInline,)


@admin.register(StatusEntry)
class StatusEntryAdmin(admin.ModelAdmin[StatusEntry]):
    list_display = ("measure", "round", "status", "status_label", "updated_at")
    list_filter = ("status", "round__plan", "round")
    search_fields = ("measure__number", "measure__title", "narrative")
    list_select_related = ("measure", "round", "round__plan")
    autocomplete_fields = ("measure",)
    raw_id_fields = ("round",)


@admin.register(RoundFinding)
class RoundFindingAdmin(admin.ModelAdmin[RoundFinding]):
    list_display = ("code", "severity", "measure_number", "message", "round")
    list_filter = ("severity", "code", "round__plan")
    search_fields = ("code", "message", "measure_number")
    list_select_related = ("round", "round__plan")
    raw_id_fields = ("round", "measure")


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin[ReminderLog]):
    list_display = ("round", "kind", "sent_on", "recipients")


@admin.register(EntryComment)
class EntryCommentAdmin(admin.ModelAdmin[EntryComment]):
    list_display = ("entry", "author", "created")
    list_filter = ("entry__round__plan", "entry__round")
    search_fields = ("body", "entry__measure__number", "author__username")
    list_select_related = ("entry", "entry__measure", "author")
    raw_id_fields = ("entry", "author")


@admin.register(FindingAcknowledgement)
class FindingAcknowledgementAdmin(admin.ModelAdmin[FindingAcknowledgement]):
    list_display = (
        "plan",
        "measure_number",
        "code",
        "reason",
        "acknowledged_by",
        "acknowledged_at",
    )
    list_filter = ("plan", "code")
    search_fields = ("message", "reason", "measure_number")
    list_select_related = ("plan", "acknowledged_by")
    raw_id_fields = ("measure", "round", "acknowledged_by")
