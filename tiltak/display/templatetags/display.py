"""Template filters shared by the portal and the workspace: `{% load display %}`."""

from __future__ import annotations

from django import template

register = template.Library()

SEVERITY_COLOURS = {"error": "danger", "warning": "warning", "info": "info"}


@register.filter
def severity_colour(severity: str) -> str:
    """The Designsystemet colour of a finding's severity."""
    return SEVERITY_COLOURS.get(severity, "neutral")
