"""Audit events told in people's words: one Norwegian sentence per event, without field names
or codes. The plan's audit CSV stays machine-readable; this is for the pages people read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format

from tiltak.documents import vocabulary
from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.textdiff import changed_word_counts

from .models import AuditEvent

GENERIC_ACTIONS = frozenset({"create", "update", "delete"})

# What a service called the action → the verb in the past tense.
ACTION_VERBS: dict[str, str] = {
    "create": "opprettet",
    "update": "endret",
    "delete": "slettet",
    "save_draft": "lagret utkast",
    "submit": "sendte inn",
    "approve": "godkjente",
    "return": "returnerte",
    "open_round": "åpnet runden",
    "close_round": "lukket runden",
    "reopen_round": "åpnet runden igjen",
    "publish_round": "publiserte runden",
    "correct_round": "rettet runden",
    "create_round": "opprettet runden",
    "bulk_update": "masseoppdaterte",
    "conflict_refused": "fikk lagringen avvist fordi en annen hadde endret tiltaket",
    "suggest_links": "foreslo koblinger",
    "confirm_link": "bekreftet kobling",
    "reject_link": "avviste kobling",
    "undo_link": "angret kobling",
    "oidc_create_account": "opprettet konto (OpenID Connect)",
    "oidc_login": "logget inn (OpenID Connect)",
    "import": "importerte",
    "import_document": "importerte dokument",
    "create_plan": "opprettet planen",
    "add_measure": "la til tiltak",
    "create_api_token": "opprettet en API-nøkkel",
    "revoke_api_token": "trakk tilbake en API-nøkkel",
    "comment": "kommenterte",
    "change_deadline": "endret fristen",
    "invite": "inviterte",
    "grant_access": "ga tilgang",
    "accept_invitation": "godtok invitasjonen",
    "withdraw_invitation": "trakk tilbake invitasjonen",
    "revoke_access": "fjernet tilgang",
    "acknowledge_finding": "kvitterte ut et funn",
}

# The workflow state an entry moved to → the verb that says so.
WORKFLOW_VERBS: dict[str, str] = {
    "draft": "lagret utkast",
    "submitted": "sendte inn",
    "returned": "returnerte",
    "approved": "godkjente",
}
WORKFLOW_ACTIONS = frozenset({"save_draft", "submit", "approve", "return"})

# What an event was about (model label) → the noun, definite form.
OBJECT_NOUNS: dict[str, str] = {
    "rounds.statusentry": "rapporten om tiltaket",
    "rounds.reportinground": "runden",
    "plans.measure": "tiltaket",
    "plans.measureresponsibility": "ansvaret for tiltaket",
    "plans.plan": "planen",
    "rounds.entrycomment": "kommentaren",
    "accounts.invitation": "invitasjonen",
    "accounts.planrole": "rollen i planen",
}

# Field → the word for it, definite form. The one table of field names people read.
FIELD_WORDS: dict[str, str] = {
    "status": "status",
    "status_label": "statusteksten",
    "narrative": "teksten",
    "workflow_state": "arbeidsflyten",
    "state": "tilstanden",
    "title": "tittelen",
    "number": "nummeret",
    "deadline": "fristen",
    "as_of": "rapporteringstidspunktet",
    "kind": "typen",
}

# Fields that say nothing to a reader: counters, flags for the machinery, keys.
TECHNICAL_FIELDS = frozenset(
    {"id", "version", "updated_this_round", "review_comment", "order", "slug", "position"}
)
LONG_TEXT_FIELDS = frozenset({"narrative"})
SHORT_VALUE = 80


def _date_label(value: str) -> str:
    """An ISO date as «15. mars 2026»; anything else as it is."""
    try:
        return date_format(date.fromisoformat(value), "j. F Y")
    except ValueError:
        return value


# Field → how a stored value reads (labels from the vocabulary only).
VALUE_LABELS: dict[str, Callable[[str], str]] = {
    "status": vocabulary.status_label,
    "workflow_state": vocabulary.workflow_label,
    "state": vocabulary.round_state_label,
    "deadline": _date_label,
}

NOBODY = "Systemet"
OPERATOR_PREFIX = "cli:"


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One event as people read it: when, and what happened in a sentence."""

    at: datetime
    sentence: str


def person_name(user: Any) -> str:
    """How Tiltak names a person (in the history and in e-mails): the full name, else the
    username."""
    return str(user.get_full_name()).strip() or str(user.get_username())


def actor_name(event: AuditEvent) -> str:
    """Who acted: the full name, else the username; a command's operator; else «Systemet»."""
    try:
        user: Any = event.actor
    except ObjectDoesNotExist:  # the user was deleted; the log keeps the username
        user = None
    if user is not None:
        return person_name(user)
    name = event.actor_name.strip()
    if name.startswith(OPERATOR_PREFIX):
        operator = name.removeprefix(OPERATOR_PREFIX).strip()
        return f"{operator} (kommandolinjen)" if operator else NOBODY
    return name or NOBODY


def _join(parts: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " og " + parts[-1]


def _value(field: str, value: Any) -> str:
    label = VALUE_LABELS.get(field)
    if label is not None:
        return label(str(value or ""))
    return str(value if value is not None else "").strip()


def word_summary(before: str, after: str) -> str:
    """How many words came and went, as «3 ord lagt til, 1 fjernet»; empty when none did."""
    added, removed = changed_word_counts(before, after)
    parts = []
    if added:
        parts.append(f"{added} ord lagt til")
    if removed:
        parts.append(f"{removed} {'ord ' if not added else ''}fjernet")
    return ", ".join(parts)


def _text_change(word: str, before: Any, after: Any) -> str:
    old, new = str(before or ""), str(after or "")
    if not old.strip():
        return f"skrev {word}"
    if not new.strip():
        return f"tømte {word}"
    summary = word_summary(old, new)
    return f"endret {word} ({summary})" if summary else f"endret {word}"


def _field_change(field: str, before: Any, after: Any) -> str:
    word = FIELD_WORDS[field]
    if field in LONG_TEXT_FIELDS:
        return _text_change(word, before, after)
    old, new = _value(field, before), _value(field, after)
    if len(old) > SHORT_VALUE or len(new) > SHORT_VALUE:
        return f"endret {word}"
    if not old or (field == "status" and not before):
        return f"satte {word} til «{new}»"
    if not new:
        return f"fjernet {word} «{old}»"
    return f"endret {word} fra «{old}» til «{new}»"


def _is_technical(field: str) -> bool:
    return field in TECHNICAL_FIELDS or field.endswith("_id")


def _changes(event: AuditEvent) -> list[str]:
    """The visible field changes of an update, each as a clause."""
    changed = {name: (old, new) for name, old, new in event.changed_fields()}
    if "status" in changed:
        changed.pop("status_label", None)  # the same change, as written
    clauses: list[str] = []
    unknown = False
    for name, (old, new) in changed.items():
        if _is_technical(name):
            continue
        if name == "workflow_state":
            verb = WORKFLOW_VERBS.get(str(new or ""))
            if event.action in WORKFLOW_ACTIONS:
                continue  # the action's verb says it
            if verb is not None:
                clauses.insert(0, verb)
                continue
        if name in FIELD_WORDS:
            clauses.append(_field_change(name, old, new))
        else:
            unknown = True
    if unknown:
        clauses.append("endret andre opplysninger")
    return clauses


def _action_clause(event: AuditEvent) -> str:
    verb = ACTION_VERBS.get(event.action, "gjorde en endring")
    reason = " ".join(event.reason.split())
    if event.action == "return" and reason:
        return f"{verb} med kommentaren «{reason}»"
    return verb


def sentence(
    event: AuditEvent,
    *,
    round_names: Mapping[int, str] | None = None,
    current_round_id: int | None = None,
) -> str:
    """The event as one sentence, naming its round when that is not `current_round_id`."""
    round_note = ""
    if event.round_id is not None and event.round_id != current_round_id:
        name = (round_names or {}).get(event.round_id)
        round_note = f" (runde {name})" if name else ""
    if event.action == "comment" and event.after is not None:
        body = " ".join(markdown_to_text(str(event.after.get("body", ""))).split())
        return f"{actor_name(event)} kommenterte{round_note}: «{body}»"
    noun = OBJECT_NOUNS.get(event.model, "en oppføring")
    parts: list[str] = []
    if event.action not in GENERIC_ACTIONS:
        parts.append(_action_clause(event))
    if event.after is not None and event.before is None:
        if event.action in GENERIC_ACTIONS or not parts[0].startswith("opprettet"):
            parts.append(f"opprettet {noun}")
    elif event.after is None:
        parts.append(f"slettet {noun}")
    elif event.action != "conflict_refused":
        parts.extend(clause for clause in _changes(event) if clause not in parts)
        if len(parts) > 1 and parts[1].startswith(parts[0] + " "):
            parts.pop(0)  # «endret fristen fra … til …» says what the action's verb says
        if not parts:
            parts.append(f"lagret {noun} uten endringer i innholdet")
    text = f"{actor_name(event)} {_join(parts)}"
    reason = " ".join(event.reason.split())
    if reason and event.action not in ("return", "conflict_refused"):
        text += f", med begrunnelsen «{reason}»"
    return text + round_note


def history_lines(
    events: list[AuditEvent],
    *,
    round_names: Mapping[int, str] | None = None,
    current_round_id: int | None = None,
) -> list[HistoryLine]:
    """The events as lines people read, in the order given."""
    return [
        HistoryLine(
            at=event.at,
            sentence=sentence(event, round_names=round_names, current_round_id=current_round_id),
        )
        for event in events
    ]
