"""The write API's endpoints: what they answer, how they map the services' errors, optimistic
locking (409, both texts in the audit log), publishing with and without a reason, and links."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.api.write_fixtures import World, _round_settings, _test_urls, call, role_secrets
from tiltak.audit.models import AuditEvent
from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Measure, MeasureResponsibility, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry

__all__ = ["_round_settings", "_test_urls", "role_secrets"]


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Cache-Control"] == "no-store"
    return response.json()


def test_me_shows_organisation_and_roles(world: World, role_secrets: dict[str, str]) -> None:
    me = _ok(call("GET", "/api/me", role_secrets["lead_editor"]))
    assert me["organisation"] == {"acronym": "JD", "name": "Justisdepartementet"}
    assert me["is_editor"] is True and me["is_admin"] is False and me["plans"] == []
    me = _ok(call("GET", "/api/me", role_secrets["reader"]))
    assert me["organisation"] is None and me["plans"][0]["roles"] == ["reader"]
    assert _ok(call("GET", "/api/me", role_secrets["admin"]))["is_admin"] is True


def test_entries_of_a_round_as_each_role_sees_them(
    world: World, role_secrets: dict[str, str]
) -> None:
    url = f"/api/rounds/{world.draft.pk}/entries"
    # A draft round: readers of the plan see it (no entries yet), editors do not.
    assert _ok(call("GET", url, role_secrets["reader"])) == []
    assert call("GET", url, role_secrets["lead_editor"]).status_code == 404
    world.open()
    entries = _ok(call("GET", url, role_secrets["lead_editor"]))
    assert [e["number"] for e in entries] == ["1", "2"]
    two = entries[1]
    assert two["responsible"] == ["JD", "HOD"] and two["workflow_state"] == "not_started"
    assert two["version"] == 1 and two["narrative"] == "Omtale av tiltak 2 i 2025."
    assert (two["can_edit"], two["can_submit"], two["can_review"]) == (True, True, False)
    co = _ok(call("GET", url, role_secrets["co_editor"]))
    assert [(e["number"], e["can_edit"], e["can_submit"]) for e in co] == [("2", True, False)]
    assert [e["number"] for e in _ok(call("GET", url, role_secrets["unrelated_editor"]))] == ["3"]
    coordinator = _ok(call("GET", url, role_secrets["coordinator"]))
    assert [e["can_edit"] for e in coordinator] == [False, False, False]
    assert call("GET", "/api/rounds/999999/entries", role_secrets["admin"]).status_code == 404


def test_save_submit_return_approve(world: World, role_secrets: dict[str, str]) -> None:
    world.open()
    entry = world.entry("2")
    url = f"/api/entries/{entry.pk}"
    body = {"status_label": "Under arbeid", "narrative": "Første utkast.", "expected_version": 1}
    saved = _ok(call("PUT", url, role_secrets["co_editor"], body))
    assert saved["workflow_state"] == "draft" and saved["version"] == 2
    assert saved["status"] == "in_progress" and saved["narrative"] == "Første utkast."
    # The co-owner may not submit; the lead may.
    refused = call("POST", f"{url}/submit", role_secrets["co_editor"], {"expected_version": 2})
    assert refused.status_code == 403 and "hovedansvarlig" in refused.json()["detail"]
    submitted = _ok(call("POST", f"{url}/submit", role_secrets["lead_editor"],
                         {"expected_version": 2}))  # fmt: skip
    assert submitted["workflow_state"] == "submitted" and submitted["can_edit"] is False
    # Returning needs a comment (400 with the service's message), then goes through.
    empty = call("POST", f"{url}/return", role_secrets["coordinator"], {"comment": " "})
    assert empty.status_code == 400 and empty.json()["detail"].startswith("Skriv en kommentar")
    returned = _ok(call("POST", f"{url}/return", role_secrets["coordinator"], {"comment": "Mer."}))
    assert returned["workflow_state"] == "returned" and returned["review_comment"] == "Mer."
    body = {"status_label": "Gjennomført", "narrative": "Ferdig.", "expected_version": 4,
            "submit": True}  # fmt: skip
    assert _ok(call("PUT", url, role_secrets["lead_editor"], body))["workflow_state"] == "submitted"
    approved = _ok(call("POST", "/api/entries/approve", role_secrets["coordinator"],
                        {"entry_ids": [entry.pk]}))  # fmt: skip
    assert [e["workflow_state"] for e in approved] == ["approved"]
    events = AuditEvent.objects.filter(object_id=str(entry.pk), model="rounds.statusentry")
    assert [(e.action, e.actor_name) for e in events.order_by("at", "id")] == [
        ("open_round", "koordinator"), ("save_draft", "hod-redaktor"), ("submit", "jd-redaktor"),
        ("return", "koordinator"), ("submit", "jd-redaktor"), ("approve", "koordinator"),
    ]  # fmt: skip


def test_unknown_label_and_wrong_state_are_400(world: World, role_secrets: dict[str, str]) -> None:
    rnd = world.draft
    closed = call("POST", f"/api/rounds/{rnd.pk}/close", role_secrets["coordinator"])
    assert closed.status_code == 400 and closed.json() == {
        "detail": "Bare en åpen runde kan lukkes."
    }
    assert closed["Cache-Control"] == "no-store"
    world.open()
    entry = world.entry("1")
    body = {"status_label": "Nesten ferdig", "narrative": "x", "expected_version": 1}
    response = call("PUT", f"/api/entries/{entry.pk}", role_secrets["lead_editor"], body)
    assert response.status_code == 400 and response.json()["detail"] == (
        "Ukjent status «Nesten ferdig». Bruk en av: Ikke startet, Under arbeid, Gjennomført, "
        "Løpende."
    )
    assert world.entry("1").version == 1


def test_invalid_input_is_422_and_not_stored(world: World, role_secrets: dict[str, str]) -> None:
    world.open()
    entry = world.entry("1")
    url = f"/api/entries/{entry.pk}"
    for body in (
        {"status_label": "", "narrative": "x"},
        {"status_label": "", "narrative": "x\x00", "expected_version": 1},
        {"status_label": "", "narrative": "x", "expected_version": "en"},
    ):
        response = call("PUT", url, role_secrets["lead_editor"], body)
        assert response.status_code == 422, body
        assert response["Cache-Control"] == "no-store"
    bad_date = call("POST", f"/api/rounds/{world.draft.pk}/open", role_secrets["coordinator"],
                    {"deadline": "snart"})  # fmt: skip
    assert bad_date.status_code == 422
    empty = call("POST", "/api/entries/approve", role_secrets["coordinator"], {"entry_ids": []})
    assert empty.status_code == 422
    assert world.entry("1").version == 1


def test_conflict_two_puts_with_the_same_version(
    world: World, role_secrets: dict[str, str]
) -> None:
    """JD and HOD both loaded version 1: the second save is refused with 409, showing what is
    saved now; both texts are in the audit log."""
    world.open()
    entry = world.entry("2")
    url = f"/api/entries/{entry.pk}"
    first = {"status_label": "Under arbeid", "narrative": "JD skrev dette.", "expected_version": 1}
    second = {"status_label": "Gjennomført", "narrative": "HOD skrev dette.", "expected_version": 1}
    _ok(call("PUT", url, role_secrets["lead_editor"], first))
    conflict = call("PUT", url, role_secrets["co_editor"], second)
    assert conflict.status_code == 409 and conflict["Cache-Control"] == "no-store"
    body = conflict.json()
    assert body["current"] == {
        "version": 2,
        "status": "in_progress",
        "status_label": "Under arbeid",
        "narrative": "JD skrev dette.",
        "workflow_state": "draft",
    }
    assert body["yours"] == {"status_label": "Gjennomført", "narrative": "HOD skrev dette."}
    assert world.entry("2").narrative == "JD skrev dette."
    events = AuditEvent.objects.filter(measure_id=entry.measure_id)
    saved = events.get(action="save_draft")
    refused = events.get(action="conflict_refused")
    assert saved.after["narrative"] == "JD skrev dette." and saved.actor_name == "jd-redaktor"
    assert refused.after["narrative"] == "HOD skrev dette." and refused.actor_name == "hod-redaktor"
    # Saving again on top of the current version works.
    second["expected_version"] = body["current"]["version"]
    assert _ok(call("PUT", url, role_secrets["co_editor"], second))["version"] == 3


def test_approve_is_all_or_none(world: World, role_secrets: dict[str, str]) -> None:
    world.open()
    one, two = world.entry("1"), world.entry("2")
    StatusEntry.objects.filter(pk=one.pk).update(workflow_state="submitted")
    response = call("POST", "/api/entries/approve", role_secrets["coordinator"],
                    {"entry_ids": [one.pk, two.pk]})  # fmt: skip
    assert response.status_code == 403
    assert world.entry("1").workflow_state == "submitted"
    missing = call("POST", "/api/entries/approve", role_secrets["coordinator"],
                   {"entry_ids": [one.pk, 999999]})  # fmt: skip
    assert missing.status_code == 404 and world.entry("1").workflow_state == "submitted"


def test_round_lifecycle_and_publishing(world: World, role_secrets: dict[str, str]) -> None:
    token = role_secrets["coordinator"]
    base = f"/api/rounds/{world.draft.pk}"
    opened = _ok(call("POST", f"{base}/open", token, {"deadline": "2026-09-01"}))
    assert opened["state"] == "open" and opened["deadline"] == "2026-09-01"
    assert _ok(call("POST", f"{base}/close", token))["state"] == "closed"
    assert _ok(call("POST", f"{base}/reopen", token))["state"] == "open"
    blocked = call("POST", f"{base}/publish", token, {})
    assert blocked.status_code == 409 and blocked["Cache-Control"] == "no-store"
    assert blocked.json()["unapproved"] == 3 and blocked.json()["errors"] >= 0
    assert "begrunnelse" in blocked.json()["detail"]
    assert ReportingRound.objects.get(pk=world.draft.pk).state == "open"
    published = _ok(call("POST", f"{base}/publish", token, {"override_reason": "Vurdert."}))
    assert published["state"] == "published" and published["publish_override_reason"] == "Vurdert."
    again = call("POST", f"{base}/publish", token, {"override_reason": "Igjen."})
    assert again.status_code == 400


def _later_plan(world: World) -> Measure:
    """A second, published plan with one measure: a successor for measure 1."""
    plan = Plan.objects.create(slug="senere-plan", title="Senere plan (2029–2032)")
    measure = Measure.objects.create(plan=plan, number="1", title="Styrke politiet mer", order=0)
    MeasureResponsibility.objects.create(measure=measure, organisation=world.jd, position=0)
    ReportingRound.objects.create(plan=plan, title="Status 2029", slug="status-2029", as_of="2029",
                                  state="published", published_at=timezone.now())  # fmt: skip
    return measure


def test_links_are_decided_through_the_lineage_service(
    world: World, role_secrets: dict[str, str]
) -> None:
    successor = _later_plan(world)
    body = {
        "measure": {"plan": "testplan", "number": "1"},
        "successor": {"plan": "senere-plan", "number": "1"},
        "decision": "confirm",
        "relation": "continues",
        "note": "Samme tiltak.",
    }
    refused = call("POST", "/api/links", role_secrets["lead_editor"], body)
    assert refused.status_code == 403 and not MeasureLink.objects.exists()
    link = _ok(call("POST", "/api/links", role_secrets["coordinator"], body))
    assert link["state"] == "confirmed" and link["decided_by"] == "koordinator"
    stored = MeasureLink.objects.get(successor=successor)
    assert stored.decided_by == world.users["coordinator"] and stored.note == "Samme tiltak."
    rejected = _ok(call("POST", "/api/links", role_secrets["coordinator"],
                        {**body, "decision": "reject", "note": ""}))  # fmt: skip
    assert rejected["state"] == "rejected"
    same_plan = {**body, "successor": {"plan": "testplan", "number": "2"}}
    response = call("POST", "/api/links", role_secrets["coordinator"], same_plan)
    assert response.status_code == 400 and response["Cache-Control"] == "no-store"
    unknown = {**body, "successor": {"plan": "senere-plan", "number": "9"}}
    assert call("POST", "/api/links", role_secrets["coordinator"], unknown).status_code == 404


def test_the_openapi_schema_documents_the_write_endpoints(world: World) -> None:
    schema = call("GET", "/api/openapi.json", None).json()
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    write = {
        (path, method)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "write" in operation["tags"]
    }
    assert write == {
        ("/api/me", "get"),
        ("/api/rounds/{round_id}/entries", "get"),
        ("/api/entries/{entry_id}", "put"),
        ("/api/entries/{entry_id}/submit", "post"),
        ("/api/entries/approve", "post"),
        ("/api/entries/{entry_id}/return", "post"),
        ("/api/rounds/{round_id}/open", "post"),
        ("/api/rounds/{round_id}/close", "post"),
        ("/api/rounds/{round_id}/reopen", "post"),
        ("/api/rounds/{round_id}/publish", "post"),
        ("/api/links", "post"),
    }
    for path, method in write:
        operation = schema["paths"][path][method]
        assert operation["security"] == [{"TokenAuth": []}]
        assert {"401", "429"} <= set(operation["responses"]), path
    put = schema["paths"]["/api/entries/{entry_id}"]["put"]["responses"]
    assert set(put) == {"200", "400", "401", "403", "404", "409", "422", "429"}
    public = schema["paths"]["/api/plans"]["get"]
    assert "security" not in public
