"""Django admin for plans, measures, rounds, statuses and findings."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Chapter,
    Measure,
    MeasureReference,
    MeasureResponsibility,
    Organisation,
    Plan,
    ReportingRound,
    RoundFinding,
    StatusEntry,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name", "kind", "valid_from", "valid_to", "successor")
    list_filter = ("kind",)
    search_fields = ("acronym", "name")
    autocomplete_fields = ("successor",)


class ChapterInline(admin.TabularInline):
    model = Chapter
    fields = ("order", "key", "title")
    extra = 0


class ReportingRoundInline(admin.TabularInline):
    model = ReportingRound
    fields = ("title", "as_of", "state", "published_at")
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "kind",
        "period_start",
        "period_end",
        "coordinating_organisation",
    )
    list_filter = ("kind",)
    search_fields = ("title", "slug", "subtitle")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("coordinating_organisation",)
    inlines = (ChapterInline, ReportingRoundInline)


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "plan", "order")
    list_filter = ("plan",)
    search_fields = ("title", "key")
    list_select_related = ("plan",)


class MeasureResponsibilityInline(admin.TabularInline):
    model = MeasureResponsibility
    fields = ("position", "organisation")
    autocomplete_fields = ("organisation",)
    ordering = ("position",)
    extra = 0


class MeasureReferenceInline(admin.TabularInline):
    model = MeasureReference
    fk_name = "from_measure"
    fields = ("to_measure",)
    autocomplete_fields = ("to_measure",)
    extra = 0
    verbose_name = "viser til"
    verbose_name_plural = "viser til"


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "kind", "chapter", "plan", "responsible_all")
    list_display_links = ("number", "title")
    list_filter = ("plan", "kind", "responsible_all", "responsible")
    search_fields = ("number", "title")
    list_select_related = ("plan", "chapter")
    autocomplete_fields = ("chapter",)
    inlines = (MeasureResponsibilityInline, MeasureReferenceInline)


@admin.register(MeasureReference)
class MeasureReferenceAdmin(admin.ModelAdmin):
    list_display = ("from_measure", "to_measure")
    list_filter = ("from_measure__plan",)
    search_fields = ("from_measure__number", "to_measure__number", "from_measure__title")
    autocomplete_fields = ("from_measure", "to_measure")
    list_select_related = ("from_measure", "to_measure")


class RoundFindingInline(admin.TabularInline):
    model = RoundFinding
    fields = ("severity", "code", "measure_number", "message")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "as_of", "state", "published_at", "source_name")
    list_filter = ("state", "plan")
    search_fields = ("title", "slug", "plan__title", "source_name", "source_sha256")
    list_select_related = ("plan",)
    readonly_fields = ("source_name", "source_sha256", "created_at", "updated_at")
    inlines = (RoundFindingInline,)


@admin.register(StatusEntry)
class StatusEntryAdmin(admin.ModelAdmin):
    list_display = ("measure", "round", "status", "status_label", "updated_at")
    list_filter = ("status", "round__plan", "round")
    search_fields = ("measure__number", "measure__title", "narrative")
    list_select_related = ("measure", "round", "round__plan")
    autocomplete_fields = ("measure",)
    raw_id_fields = ("round",)


@admin.register(RoundFinding)
class RoundFindingAdmin(admin.ModelAdmin):
    list_display = ("code", "severity", "measure_number", "message", "round")
    list_filter = ("severity", "code", "round__plan")
    search_fields = ("code", "message", "measure_number")
    list_select_related = ("round", "round__plan")
    raw_id_fields = ("round", "measure")
