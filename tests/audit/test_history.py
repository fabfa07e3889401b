"""Audit events told in people's words: no field names, no codes, the round named."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from tiltak.audit.history import actor_name, sentence, word_summary
from tiltak.audit.models import AuditEvent

KARI = User(username="kari", first_name="Kari", last_name="Nordmann")
ENTRY = {
    "id": 7,
    "round_id": 2,
    "measure_id": 3,
    "status": "in_progress",
    "status_label": "Under arbeid",
    "narrative": "Arbeidet er i gang.",
    "workflow_state": "draft",
    "version": 2,
    "updated_this_round": True,
    "review_comment": "",
}
CODES = ("in_progress", "workflow_state", "version", "status_label", "narrative", "_id")


def _event(action: str, before: Any, after: Any, *, reason: str = "", **kwargs: Any) -> AuditEvent:
    event = AuditEvent(
        action=action,
        model=kwargs.pop("model", "rounds.statusentry"),
        object_id="7",
        round_id=kwargs.pop("round_id", 2),
        measure_id=3,
        before=before,
        after=after,
        reason=reason,
        actor_name=kwargs.pop("actor_name", "kari"),
    )
    event.actor = kwargs.pop("actor", KARI)
    return event


def _changed(**changes: Any) -> dict[str, Any]:
    return ENTRY | changes


def _no_codes(text: str) -> None:
    assert not [code for code in CODES if code in text], text


def test_a_status_change_reads_with_the_vocabulary_labels_and_names_an_earlier_round() -> None:
    event = _event(
        "update",
        ENTRY,
        _changed(status="completed", status_label="Gjennomført", version=3),
        round_id=1,
    )
    text = sentence(event, round_names={1: "Høst 2026"}, current_round_id=2)
    assert text == (
        "Kari Nordmann endret status fra «Under arbeid» til «Gjennomført» (runde Høst 2026)"
    )


def test_an_event_of_the_current_round_does_not_repeat_the_round() -> None:
    event = _event("update", ENTRY, _changed(status="completed", version=3))
    text = sentence(event, round_names={2: "Vår 2027"}, current_round_id=2)
    assert "runde" not in text and text.endswith("til «Gjennomført»")


def test_a_narrative_change_says_the_text_changed_not_the_whole_text() -> None:
    after = _changed(narrative="Arbeidet er i gang og snart ferdig.", version=3)
    text = sentence(_event("save_draft", ENTRY, after))
    assert text == "Kari Nordmann lagret utkast og endret teksten (4 ord lagt til, 1 fjernet)"
    assert "snart ferdig" not in text


def test_word_summary_counts_words() -> None:
    assert word_summary("a b c", "a b c") == ""
    assert word_summary("a b c", "a c") == "1 ord fjernet"
    assert word_summary("a", "a b c") == "2 ord lagt til"


def test_submit_approve_and_return_are_verbs_not_states() -> None:
    submitted = _changed(workflow_state="submitted", version=3)
    approved = _changed(workflow_state="approved", version=4)
    returned = _changed(workflow_state="returned", review_comment="Mangler tall.", version=4)
    assert sentence(_event("submit", ENTRY, submitted)) == "Kari Nordmann sendte inn"
    assert sentence(_event("approve", submitted, approved)) == "Kari Nordmann godkjente"
    assert (
        sentence(_event("return", submitted, returned, reason="Mangler  tall."))
        == "Kari Nordmann returnerte med kommentaren «Mangler tall.»"
    )


def test_a_workflow_change_without_a_named_action_is_still_a_verb() -> None:
    text = sentence(_event("update", ENTRY, _changed(workflow_state="approved")))
    assert text == "Kari Nordmann godkjente"


def test_a_status_set_for_the_first_time_and_creation() -> None:
    created = _event("create", None, _changed(status=None, workflow_state="not_started"))
    assert sentence(created) == "Kari Nordmann opprettet rapporten om tiltaket"
    opened = _event("open_round", None, ENTRY, actor=None, actor_name="")
    assert sentence(opened) == "Systemet åpnet runden og opprettet rapporten om tiltaket"
    first = _event("update", _changed(status=None), ENTRY)
    assert sentence(first) == "Kari Nordmann satte status til «Under arbeid»"


def test_unknown_and_technical_fields_fall_back_politely_without_codes() -> None:
    unknown = _event("update", ENTRY, _changed(secret_code="x7", version=9), model="other.thing")
    text = sentence(unknown)
    assert text == "Kari Nordmann endret andre opplysninger"
    assert "secret_code" not in text and "x7" not in text
    only_technical = sentence(
        _event("update", ENTRY, _changed(version=9, updated_this_round=False))
    )
    assert only_technical == "Kari Nordmann lagret rapporten om tiltaket uten endringer i innholdet"
    _no_codes(only_technical)
    odd_action = sentence(_event("mystery_action", ENTRY, _changed(version=9)))
    assert odd_action == "Kari Nordmann gjorde en endring"


def test_the_actor_is_named_as_people_know_them() -> None:
    no_full_name = User(username="hod-redaktor")
    assert actor_name(_event("update", ENTRY, ENTRY, actor=no_full_name)) == "hod-redaktor"
    assert actor_name(_event("update", ENTRY, ENTRY, actor=None, actor_name="cli:alice")) == (
        "alice (kommandolinjen)"
    )
    assert actor_name(_event("update", ENTRY, ENTRY, actor=None, actor_name="")) == "Systemet"
    assert actor_name(_event("update", ENTRY, ENTRY, actor=None, actor_name="gammel")) == "gammel"


def test_a_refused_save_does_not_show_the_refused_values() -> None:
    refused = _event(
        "conflict_refused",
        {"narrative": "A", "version": 3},
        {"narrative": "B", "version": 2},
        reason="Lagring avvist: tiltaket var endret av en annen.",
    )
    text = sentence(refused)
    assert text == "Kari Nordmann fikk lagringen avvist fordi en annen hadde endret tiltaket"
