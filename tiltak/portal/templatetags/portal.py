"""Template filters of the portal: status labels and colours, dates as text in the active
language; the public footer and the language switcher."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tiltak.documents import vocabulary
from tiltak.portal.language import is_public
from tiltak.portal.plan_language import declared_language, status_language

register = template.Library()

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _english() -> bool:
    """Whether the page is in English (bokmål and nynorsk write dates alike)."""
    return (get_language() or "nb") == "en"


def _month(number: int) -> str:
    """The month's name in the active language."""
    return (ENGLISH_MONTHS if _english() else MONTHS)[number - 1]


def _date(day: int, month: int, year: int | str) -> str:
    """A whole date in the active language: "1. juni 2019" or "1 June 2019"."""
    return f"{day} {_month(month)} {year}" if _english() else f"{day}. {_month(month)} {year}"


@register.filter
def status_label(status: str | None, plan_language: str | None = None) -> str:
    """The status's label in the active language, or in the plan's nynorsk (`plan_language`, else
    the plan whose page this is); a missing status is «Uten status»."""
    return vocabulary.status_label(status, status_language(plan_language))


@register.filter
def lang_attr(language: str | None) -> SafeString:
    """` lang="nn"` on an element holding a plan's own text (or labels) in `language`, when that
    is not the page's language, so screen readers pronounce it right; else nothing."""
    declared = declared_language(language)
    return format_html(' lang="{}"', declared) if declared else mark_safe("")


@register.filter
def as_written(label: str, language: str | None) -> SafeString:
    """A status as the plan's report wrote it, marked with the plan's language where that is not
    the page's."""
    return format_html("<span{}>{}</span>", lang_attr(language), label)


@register.simple_tag
def labels_lang() -> SafeString:
    """` lang="nn"` on an element holding status labels when they are not in the page's language
    (a nynorsk plan's labels on a bokmål page)."""
    return lang_attr(status_language())


@register.filter
def status_colour(status: str | None) -> str:
    """The Designsystemet colour of a status tag."""
    return vocabulary.STATUS_TAG_COLOURS.get(vocabulary.status_key(status), "neutral")


@register.filter
def as_of(value: str) -> str:
    """An ISO partial date as text: "2026-06" → "juni 2026", "2019-06-01" → "1. juni 2019"
    (in English "June 2026", "1 June 2019")."""
    parts = (value or "").split("-")
    try:
        if len(parts) == 3 and 1 <= int(parts[1]) <= 12:
            return _date(int(parts[2]), int(parts[1]), parts[0])
        if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
            return f"{_month(int(parts[1]))} {parts[0]}"
    except ValueError:
        return value
    return value


@register.filter
def day(value: datetime | None) -> str:
    """A moment as a date in the site's time zone and the active language: "30. juni 2026"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _date(local.day, local.month, local.year)


FOOTER_LINKS = (
    (_("Alle planer"), "portal:plans", "/planer/"),
    (_("Organisasjoner"), "portal:organisations", "/organisasjoner/"),
    (_("Åpne data"), "opendata:index", "/data/"),
    (_("API-dokumentasjon"), "api:openapi-view", "/api/docs"),
    (_("Tilgjengelighetserklæring"), "portal:accessibility", "/tilgjengelighet/"),
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
    links = [(str(label), _url(name, path)) for label, name, path in FOOTER_LINKS]
    links.append((str(_("Kildekode")), str(getattr(settings, "TILTAK_SOURCE_URL", ""))))
    return {"links": [(label, url) for label, url in links if url]}


def _language_url(code: str) -> str:
    """The switcher's address for one language (its usual path under any URLconf)."""
    try:
        return reverse("portal:language", args=[code])
    except NoReverseMatch:
        return f"/sprak/{code}/"


@register.inclusion_tag("portal/_language.html", takes_context=True)
def language_switcher(context: template.Context) -> dict[str, Any]:
    """Links to this page in each interface language, each named in its own language; the
    error pages may have no request, and then the links lead to the front page."""
    request = context.get("request")
    if request is not None and not is_public(request):
        return {"languages": []}
    here = request.get_full_path() if request is not None else "/"
    current = get_language() or settings.LANGUAGE_CODE
    languages = []
    for code, name in settings.LANGUAGES:
        languages.append(
            {
                "code": code,
                "name": name,
                "url": f"{_language_url(code)}?{urlencode({'neste': here})}",
                "current": code == current,
            }
        )
    return {"languages": languages}


@register.filter
def percent(count: int, total: int) -> str:
    """count/total as a whole percentage, "31 %" in Norwegian and "31%" in English."""
    sign = "%" if _english() else " %"
    if not total:
        return f"0{sign}"
    return f"{round(100 * count / total)}{sign}"


@register.filter
def get_item(mapping: dict[str, int], key: str) -> int:
    """mapping[key] in a template."""
    return mapping.get(key, 0)


@register.filter
def status_tag(status: str | None, plan_language: str | None = None) -> SafeString:
    """A Designsystemet tag with the status's label, coloured (the text says it too), with its
    `lang` where the label's language is not the page's."""
    key = vocabulary.status_key(status)
    language = status_language(plan_language)
    return mark_safe(  # the values are fixed strings
        f'<span class="ds-tag status-tag" data-color="{status_colour(status)}" '
        f'data-status="{escape(key)}"{lang_attr(language)}>'
        f"{escape(vocabulary.status_label(status, language))}</span>"
    )


# The model choices' labels are bokmål (forms and the admin use them); the public pages name
# them in the reader's language through these.
MEASURE_KINDS = {"measure": _("Tiltak"), "request": _("Anmodningsvedtak")}
ORGANISATION_KINDS = {
    "ministry": _("Departement"),
    "directorate": _("Direktorat"),
    "other": _("Annen"),
}
RELATIONS = {
    "continues": _("Videreføres i"),
    "replaces": _("Erstattes av"),
    "merged_into": _("Slått sammen med"),
}
SEVERITIES = {"error": _("Feil"), "warning": _("Advarsel"), "info": _("Merknad")}


@register.filter
def measure_kind(kind: str) -> str:
    """«Tiltak» or «Anmodningsvedtak» in the active language."""
    return str(MEASURE_KINDS.get(kind, kind))


@register.filter
def organisation_kind(kind: str) -> str:
    """An organisation's kind (ministry, directorate, other) in the active language."""
    return str(ORGANISATION_KINDS.get(kind, kind))


@register.filter
def relation_label(relation: str) -> str:
    """How a measure goes on in a later plan, in the active language."""
    return str(RELATIONS.get(relation, relation))


@register.filter
def severity_label(severity: str) -> str:
    """A finding's severity in the active language."""
    return str(SEVERITIES.get(severity, severity))
