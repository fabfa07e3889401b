"""The status vocabulary: keys, order, labels in bokmål, nynorsk and English, and colours.

Every status label Tiltak shows is written here and nowhere else: model choices and constraints,
API schemas, the portal, the reports, the templates, the summary and the exchange files all
take them from this module. The parser's extra spellings (normalise/status.py) add to these.
"""

from __future__ import annotations

from typing import Literal, TypeVar

Status = Literal["not_started", "in_progress", "completed", "ongoing"]
STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "completed", "ongoing")
"""The statuses in their natural order, from not started to done; also the storage order."""

NO_STATUS = "none"
"""The key of a measure without a status (filters, counts and charts show it as a status)."""
StatusOrNone = Literal[Status, "none"]

DISPLAY_ORDER: tuple[Status, ...] = ("completed", "in_progress", "ongoing", "not_started")
"""How reports, charts and the portal list the statuses: the finished work first."""
DISPLAY_ORDER_WITH_NONE: tuple[str, ...] = (*DISPLAY_ORDER, NO_STATUS)

Language = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "nn", "en")

STATUS_LABELS: dict[Language, dict[str, str]] = {
    "nb": {
        "not_started": "Ikke startet",
        "in_progress": "Under arbeid",
        "completed": "Gjennomført",
        "ongoing": "Løpende",
        NO_STATUS: "Uten status",
    },
    "nn": {
        "not_started": "Ikkje starta",
        "in_progress": "Byrja",
        "completed": "Ferdig",
        "ongoing": "Løpande",
        NO_STATUS: "Utan status",
    },
    "en": {
        "not_started": "Not started",
        "in_progress": "In progress",
        "completed": "Completed",
        "ongoing": "Ongoing",
        NO_STATUS: "No status",
    },
}

STATUS_COLOURS: dict[str, str] = {
    "completed": "#1b6a37",
    "in_progress": "#1a5ca3",
    "ongoing": "#6a3d9a",
    "not_started": "#8a4a06",
    NO_STATUS: "#56606b",
}
"""Chart fills; each has a contrast of at least 4.5:1 against white, the colour of text on it."""

STATUS_TAG_COLOURS: dict[str, str] = {
    "completed": "success",
    "in_progress": "info",
    "ongoing": "accent",
    "not_started": "warning",
    NO_STATUS: "neutral",
}
"""Designsystemet's colour (`data-color`) of a status tag."""

WorkflowState = Literal["not_started", "draft", "submitted", "returned", "approved"]
WORKFLOW_STATES: tuple[WorkflowState, ...] = (
    "not_started",
    "draft",
    "submitted",
    "returned",
    "approved",
)
"""Where an entry is in a reporting round, in the order work moves."""

WORKFLOW_ATTENTION_ORDER: tuple[WorkflowState, ...] = (
    "returned",
    "not_started",
    "draft",
    "submitted",
    "approved",
)
"""The editor's workspace order: what needs the editor first, approved last."""

WORKFLOW_LABELS: dict[Language, dict[str, str]] = {
    "nb": {
        "not_started": "Ikke påbegynt",
        "draft": "Utkast",
        "submitted": "Sendt inn",
        "returned": "Returnert",
        "approved": "Godkjent",
    },
    "nn": {
        "not_started": "Ikkje påbyrja",
        "draft": "Utkast",
        "submitted": "Sendt inn",
        "returned": "Returnert",
        "approved": "Godkjend",
    },
    "en": {
        "not_started": "Not begun",
        "draft": "Draft",
        "submitted": "Submitted",
        "returned": "Returned",
        "approved": "Approved",
    },
}

WORKFLOW_TAG_COLOURS: dict[str, str] = {
    "not_started": "neutral",
    "draft": "info",
    "submitted": "warning",
    "returned": "danger",
    "approved": "success",
}


RoundState = Literal["draft", "open", "closed", "published"]
ROUND_STATES: tuple[RoundState, ...] = ("draft", "open", "closed", "published")
"""Where a reporting round is, in the order it moves."""

ROUND_STATE_LABELS: dict[Language, dict[str, str]] = {
    "nb": {
        "draft": "Utkast",
        "open": "Åpen for rapportering",
        "closed": "Lukket",
        "published": "Publisert",
    },
    "nn": {
        "draft": "Utkast",
        "open": "Open for rapportering",
        "closed": "Lukka",
        "published": "Publisert",
    },
    "en": {
        "draft": "Draft",
        "open": "Open for reporting",
        "closed": "Closed",
        "published": "Published",
    },
}

# Background jobs (tiltak.jobs) as the coordinator sees them; bokmål only, like the workspace.
JOB_STATE_LABELS: dict[str, str] = {
    "waiting": "Venter",
    "running": "Kjører",
    "retrying": "Prøves igjen",
    "done": "Fullført",
    "failed": "Feilet",
}
JOB_STATE_COLOURS: dict[str, str] = {
    "waiting": "info",
    "running": "info",
    "retrying": "warning",
    "done": "success",
    "failed": "danger",
}


def _language(language: str) -> Language:
    """One of our interface languages: bokmål when `language` is not one of them."""
    for known in LANGUAGES:
        if known == language:
            return known
    return "nb"


_Key = TypeVar("_Key", bound=str)


def as_key(value: str, keys: tuple[_Key, ...]) -> _Key:
    """`value` as one of `keys`, typed as their Literal; ValueError when it is none of them.

    The one place where strings from storage (model fields, query values) become Literal types.
    """
    for key in keys:
        if key == value:
            return key
    raise ValueError(f"{value!r} is not one of {', '.join(keys)}")


def as_status(value: str | None) -> Status | None:
    """A stored status as a `Status`: the empty string (no status) and None give None."""
    return as_key(value, STATUSES) if value else None


def as_workflow_state(value: str) -> WorkflowState:
    """A stored workflow state as a `WorkflowState`."""
    return as_key(value, WORKFLOW_STATES)


def as_round_state(value: str) -> RoundState:
    """A stored reporting round state as a `RoundState`."""
    return as_key(value, ROUND_STATES)


def status_key(status: str | None) -> str:
    """The status as a key of the label tables: a missing status is `NO_STATUS`."""
    return status or NO_STATUS


def labels_language(interface: str, plan: str | None = None) -> Language:
    """The language of status labels on a page in `interface` about a plan written in `plan`.

    English pages say them in English. Norwegian pages say them in nynorsk when the reader's
    interface or the plan is nynorsk: a nynorsk plan keeps its own vocabulary («Byrja»), and a
    reader who chose nynorsk gets it everywhere; otherwise in bokmål.
    """
    language = _language(interface)
    if language == "en":
        return "en"
    return "nn" if "nn" in (language, plan) else "nb"


def status_label(status: str | None, language: str = "nb") -> str:
    """The status's label in the language (bokmål when the language is not one of ours)."""
    labels = STATUS_LABELS[_language(language)]
    return labels.get(status_key(status), labels[NO_STATUS])


def workflow_label(state: str, language: str = "nb") -> str:
    """The workflow state's label in the language."""
    return WORKFLOW_LABELS[_language(language)].get(state, state)


def round_state_label(state: str, language: str = "nb") -> str:
    """The reporting round state's label in the language."""
    return ROUND_STATE_LABELS[_language(language)].get(state, state)
