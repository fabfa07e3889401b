"""Template filters for the workspace and coordinator pages."""

from __future__ import annotations

import json
from typing import Any

from django import template

from tiltak.accounts.selectors import coordinates_any_plan
from tiltak.audit.history import ACTION_VERBS
from tiltak.documents import vocabulary
from tiltak.documents.model import Finding
from tiltak.rounds.findings import without_prefix

register = template.Library()

STATE_COLOURS = vocabulary.WORKFLOW_TAG_COLOURS
SEVERITY_NAMES = {"error": "Feil", "warning": "Advarsel", "info": "Merknad"}
ACTION_NAMES = ACTION_VERBS


@register.filter
def coordinates(user: Any) -> bool:
    """Whether the signed-in user coordinates a plan (the header then links the desk)."""
    return bool(user.is_authenticated and (user.is_superuser or coordinates_any_plan(user)))


@register.filter
def state_colour(state: str) -> str:
    """The Designsystemet colour of a workflow state."""
    return STATE_COLOURS.get(state, "neutral")


@register.filter
def workflow_label(state: str) -> str:
    """The workflow state's label."""
    return vocabulary.workflow_label(state)


@register.filter
def severity_name(severity: Any) -> str:
    """A finding's severity in Norwegian."""
    return SEVERITY_NAMES.get(str(severity), str(severity))


@register.filter
def action_name(action: str) -> str:
    """An audit action in Norwegian."""
    return ACTION_NAMES.get(action, action)


@register.filter
def as_json(value: Any) -> str:
    """A value as readable JSON text."""
    return json.dumps(value, ensure_ascii=False, indent=1)


@register.filter
def finding_text(finding: Finding) -> str:
    """A finding's message without a leading «tiltak N:» (the page names the measure)."""
    return without_prefix(finding)
