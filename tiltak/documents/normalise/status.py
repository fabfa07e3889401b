"""What a status label in a document means: our own labels and the synonyms plans use."""

from __future__ import annotations

import re

from ..vocabulary import STATUS_LABELS, STATUSES, Language, Status

_SYNONYMS: dict[Status, tuple[str, ...]] = {
    "not_started": (
        "ikkje starta opp",
        "ikke påbegynt",
        "ikkje påbyrja",
        "ikke igangsatt",
        "ikkje sett i gang",
        "ikke iverksatt",
        "ikkje iverksett",
        "ikke begynt",
        "ikkje byrja",
    ),
    "in_progress": (
        "under arbeid/pågår",
        "påbegynt",
        "begynt",
        "påbyrja",
        "pågår",
        "pågåande",
        "pågående",
        "igangsatt",
        "sett i gang",
        "iverksatt",
        "iverksett",
        "under gjennomføring",
        "under gjennomføring/pågår",
        "delvis gjennomført",
        "delvis gjennomført/pågår",
    ),
    "completed": (
        "gjennomførd",
        "gjennomført/avsluttet",
        "ferdigstilt",
        "ferdigstilt/gjennomført",
        "fullført",
        "fullførd",
        "avsluttet",
        "avslutta",
        "avslutt",
        "utført",
    ),
    "ongoing": (
        "kontinuerlig",
        "varig",
        "løpende arbeid",
        "løpande arbeid",
        "gjennomføres løpende",
        "gjennomførast løpande",
    ),
}

NORWEGIAN: tuple[Language, ...] = ("nb", "nn")

_LABELS: dict[Status, tuple[str, ...]] = {
    status: (
        *(STATUS_LABELS[language][status].lower() for language in NORWEGIAN),
        *_SYNONYMS[status],
    )
    for status in STATUSES
}
_BY_LABEL: dict[str, Status] = {
    label: status for status, labels in _LABELS.items() for label in labels
}
_NOISE = re.compile(r"[\s*¹²³⁴⁵*.:;,!]+$|^[\s*.:;,-]+")


def clean_label(label: str) -> str:
    """The label with markup, footnote marks and stray punctuation removed."""
    label = re.sub(r"</?[a-z]+>|\*\*|__", "", label)
    return " ".join(_NOISE.sub("", label).split())


def normalise_status(label: str | None) -> Status | None:
    """The normalised status of a label, or None when the label is unknown or empty."""
    if not label:
        return None
    key = clean_label(label).casefold()
    if key in _BY_LABEL:
        return _BY_LABEL[key]
    # "Gjennomført (2025)" or "Under arbeid – se også tiltak 7": the label leads.
    head = re.split(r"\s*[(–—:,]\s*|\s+-\s+", key, maxsplit=1)[0]
    return _BY_LABEL.get(head)


def known_labels() -> dict[str, Status]:
    """Every label Tiltak understands, lower case, with its status."""
    return dict(_BY_LABEL)


def looks_like_status(text: str) -> bool:
    """True when `text` is nothing but a known status label."""
    return len(text) < 40 and normalise_status(text) is not None
