"""Template filters for the workspace and coordinator pages."""

from __future__ import annotations

import json
from typing import Any

from django import template

from tiltak.audit.history import ACTION_VERBS
from tiltak.documents import vocabulary

register = template.Library()

STATE_COLOURS = vocabulary.WORKFLOW_TAG_COLOURS
SEVERITY_NAMES = {"error": "Feil", "warning": "Advarsel", "info": "Merknad"}
ACTION_NAMES = ACTION_VERBS


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
