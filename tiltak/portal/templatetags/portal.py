"""Template filters of the portal: status labels and colours, dates as Norwegian text; the
public footer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tiltak.documents import vocabulary

register = template.Library()

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


@register.filter
def status_label(status: str | None) -> str:
    """The status's Norwegian label; a missing status is «Uten status»."""
    return vocabulary.status_label(status)


@register.filter
def status_colour(status: str | None) -> str:
    """The Designsystemet colour of a status tag."""
    return vocabulary.STATUS_TAG_COLOURS.get(vocabulary.status_key(status), "neutral")


@register.filter
def as_of(value: str) -> str:
    """An ISO partial date as text: "2026-06" → "juni 2026", "2019-06-01" → "1. juni 2019"."""
    parts = (value or "").split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])}. {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


@register.filter
def day(value: datetime | None) -> str:
    """A moment as a Norwegian date in the site's time zone: "30. juni 2026"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.day}. {MONTHS[local.month - 1]} {local.year}"


FOOTER_LINKS = (
    ("Alle planer", "portal:plans", "/planer/"),
    ("Organisasjoner", "portal:organisations", "/organisasjoner/"),
    ("Åpne data", "opendata:index", "/data/"),
    ("API-dokumentasjon", "api:openapi-view", "/api/docs"),
    ("Tilgjengelighetserklæring", "portal:accessibility", "/tilgjengelighet/"),
)


def _url(name: str, path: str) -> str:
    """The named URL, or its usual path where the URLconf lacks it (the error pages must render
    under any URLconf)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return path


@register.inclusion_tag("portal/_footer.html")
def site_footer() -> dict[str, Any]:
    """The footer of every public page: the index pages, open data, API documentation, the
    accessibility statement and the source code."""
    links = [(label, _url(name, path)) for label, name, path in FOOTER_LINKS]
    links.append(("Kildekode", str(getattr(settings, "TILTAK_SOURCE_URL", ""))))
    return {"links": [(label, url) for label, url in links if url]}


@register.filter
def percent(count: int, total: int) -> str:
    """count/total as a whole percentage with a Norwegian percent sign: "31 %"."""
    if not total:
        return "0 %"
    return f"{round(100 * count / total)} %"


@register.filter
def get_item(mapping: dict[str, int], key: str) -> int:
    """mapping[key] in a template."""
    return mapping.get(key, 0)


@register.filter
def status_tag(status: str | None) -> SafeString:
    """A Designsystemet tag with the status's label, coloured (the text says it too)."""
    key = vocabulary.status_key(status)
    return mark_safe(  # the values are fixed strings
        f'<span class="ds-tag status-tag" data-color="{status_colour(status)}" '
        f'data-status="{escape(key)}">{escape(vocabulary.status_label(status))}</span>'
    )
