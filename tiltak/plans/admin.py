"""Django admin for organisations, plans, chapters and measures (rounds: tiltak.rounds.admin)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin

from .models import Chapter, Measure, MeasureReference, MeasureResponsibility, Organisation, Plan


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("acronym", "name", "kind", "valid_from", "valid_to", "successor")
    list_filter = ("kind",)
    search_fields = ("acronym", "name")
    autocomplete_fields = ("successor",)


class ChapterInline(admin.TabularInline[Chapter, Plan]):
    model = Chapter
    fields = ("order", "key", "title")
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = (
        "title",
        "slug",
        "kind",
        "period_start",
        "period_end",
        "coordinating_organisation",
        "language",
    )
    list_filter = ("kind", "language")
    search_fields = ("title", "slug", "subtitle")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("coordinating_organisation",)
    # Any length: tiltak.rounds.admin adds the rounds to the plan's page.
    inlines: ClassVar[tuple[type[admin.options.InlineModelAdmin[Any, Any]], ...]] = (ChapterInline,)


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin[Chapter]):
    list_display = ("key", "title", "plan", "order")
    list_filter = ("plan",)
    search_fields = ("title", "key")
    list_select_related = ("plan",)


class MeasureResponsibilityInline(admin.TabularInline[MeasureResponsibility, Measure]):
    model = MeasureResponsibility
    fields = ("position", "organisation")
    autocomplete_fields = ("organisation",)
    ordering = ("position",)
    extra = 0


class MeasureReferenceInline(admin.TabularInline[MeasureReference, Measure]):
    model = MeasureReference
    fk_name = "from_measure"
    fields = ("to_measure",)
    autocomplete_fields = ("to_measure",)
    extra = 0
    verbose_name = "viser til"
    verbose_name_plural = "viser til"


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin[Measure]):
    list_display = ("number", "title", "kind", "chapter", "plan", "responsible_all")
    list_display_links = ("number", "title")
    list_filter = ("plan", "kind", "responsible_all", "responsible")
    search_fields = ("number", "title")
    list_select_related = ("plan", "chapter")
    autocomplete_fields = ("chapter",)
    inlines = (MeasureResponsibilityInline, MeasureReferenceInline)


@admin.register(MeasureReference)
class MeasureReferenceAdmin(admin.ModelAdmin[MeasureReference]):
    list_display = ("from_measure", "to_measure")
    list_filter = ("from_measure__plan",)
    search_fields = ("from_measure__number", "to_measure__number", "from_measure__title")
    autocomplete_fields = ("from_measure", "to_measure")
    list_select_related = ("from_measure", "to_measure")
