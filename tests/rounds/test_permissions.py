"""The permission matrix: every role × every action, through HTTP with the Django test client.

Each request is the raw POST a browser would send, so a form the page does not show cannot be
used to get around the rule: the services refuse it (403) and nothing changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tiltak.rounds import bulk
from tiltak.rounds.models import ReportingRound, StatusEntry

from .conftest import World, edited_workbook

ROLES = [
    "anonymous",
    "reader",
    "lead_editor",
    "co_editor",
    "unrelated_editor",
    "coordinator",
    "admin",
]
ACTIONS = ["view_draft", "edit", "submit", "approve", "return", "publish", "bulk_update", "admin"]
Y, N = True, False
# The target is measure 2: JD leads, HOD co-owns, BFD has nothing to do with it.
ALLOWED: dict[str, dict[str, bool]] = {
    "anonymous":        dict(zip(ACTIONS, [N, N, N, N, N, N, N, N], strict=True)),
    "reader":           dict(zip(ACTIONS, [Y, N, N, N, N, N, N, N], strict=True)),
    "lead_editor":      dict(zip(ACTIONS, [Y, Y, Y, N, N, N, Y, N], strict=True)),
    "co_editor":        dict(zip(ACTIONS, [Y, Y, N, N, N, N, Y, N], strict=True)),
    "unrelated_editor": dict(zip(ACTIONS, [N, N, N, N, N, N, N, N], strict=True)),
    "coordinator":      dict(zip(ACTIONS, [Y, N, N, Y, Y, Y, N, N], strict=True)),
    "admin":            dict(zip(ACTIONS, [Y, Y, Y, Y, Y, Y, Y, Y], strict=True)),
}  # fmt: skip


def _entry(world: World) -> StatusEntry:
    return world.entry("2")


def _submitted(world: World) -> StatusEntry:
    StatusEntry.objects.filter(pk=_entry(world).pk).update(workflow_state="submitted")
    return _entry(world)


def do(world: World, client: Client, action: str) -> tuple[Any, bool]:
    """Perform the action; the response and whether the database shows it happened."""
    entry = _entry(world)
    edit_url = f"/arbeidsflate/tiltak/{entry.pk}/"
    base = f"/koordinator/{world.plan.slug}/{world.draft.slug}/"
    if action == "view_draft":
        response = client.get(edit_url)
        return response, response.status_code == 200 and b"Bedre helsetilbudet" in response.content
    if action in {"edit", "submit"}:
        response = client.post(
            edit_url,
            {
                "version": entry.version,
                "status_label": "Under arbeid",
                "narrative": "Ny omtale.",
                "action": "save" if action == "edit" else "submit",
            },
        )
        after = _entry(world)
        wanted = "draft" if action == "edit" else "submitted"
        return response, after.narrative == "Ny omtale." and after.workflow_state == wanted
    if action == "approve":
        entry = _submitted(world)
        response = client.post(base, {"entries": [entry.pk]})
        return response, _entry(world).workflow_state == "approved"
    if action == "return":
        entry = _submitted(world)
        response = client.post(f"{base}tiltak/{entry.pk}/", {"action": "return", "comment": "Mer."})
        return response, _entry(world).workflow_state == "returned"
    if action == "publish":
        response = client.post(f"{base}publiser/", {"override_reason": "Testen publiserer."})
        return response, ReportingRound.objects.get(pk=world.draft.pk).state == "published"
    if action == "bulk_update":
        source = bulk.export_round(world.users["admin"], world.draft)
        data = edited_workbook(source, {"2": "Fra regnearket."})
        upload = f"/arbeidsflate/runde/{world.draft.pk}/last-opp/"
        response = client.post(upload, {"file": _file(data)})
        if response.status_code == 200 and b"token" in response.content:
            token = response.context["token"]
            response = client.post(f"{upload}bruk/", {"token": token})
        return response, _entry(world).narrative == "Fra regnearket."
    if action == "admin":
        response = client.get("/admin/plans/plan/")
        return response, response.status_code == 200
    raise AssertionError(action)


def _file(data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "runde.xlsx",
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world: World, role: str, action: str) -> None:
    world.open()
    before = list(StatusEntry.objects.order_by("pk").values())
    response, happened = do(world, world.client(role), action)
    expected = ALLOWED[role][action]
    assert happened is expected, (role, action, response.status_code)
    if expected:
        return
    if role == "anonymous":
        assert response.status_code == 302
        assert "/logg-inn/" in response["Location"] or "/admin/login/" in response["Location"]
    elif action == "admin":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif action == "bulk_update" and role == "unrelated_editor":
        # An editor may upload, but a row they may not edit refuses the whole file.
        assert response.status_code == 422
        assert b"Du kan ikke endre tiltak 2" in response.content
    else:
        assert response.status_code == 403, (role, action, response.status_code)
    if action not in {"approve", "return"}:  # those set the entry to submitted first
        assert list(StatusEntry.objects.order_by("pk").values()) == before


def test_direct_post_submit_by_co_owner_is_refused(world: World) -> None:
    """The co-owner's form has no submit button; posting action=submit anyway is refused."""
    world.open()
    client = world.client("co_editor")
    entry = _entry(world)
    page = client.get(f"/arbeidsflate/tiltak/{entry.pk}/")
    assert b'value="submit"' not in page.content
    response = client.post(
        f"/arbeidsflate/tiltak/{entry.pk}/",
        {"version": 1, "status_label": "Gjennomført", "narrative": "Sniker.", "action": "submit"},
    )
    assert response.status_code == 403
    assert _entry(world).narrative == entry.narrative and _entry(world).version == 1


def test_bulk_upload_with_one_forbidden_row_changes_nothing(world: World) -> None:
    """JD's editor uploads changes to measure 1 (theirs) and measure 3 (BFD's): all refused."""
    world.open()
    source = bulk.export_round(world.users["admin"], world.draft)
    data = edited_workbook(source, {"1": "Lovlig endring.", "3": "Ulovlig endring."})
    client = world.client("lead_editor")
    response = client.post(f"/arbeidsflate/runde/{world.draft.pk}/last-opp/", {"file": _file(data)})
    assert response.status_code == 422
    preview = response.context["preview"]
    assert [(e.number, e.message) for e in preview.errors] == [("3", "Du kan ikke endre tiltak 3.")]
    assert b"Lagre alle endringene" not in response.content
    # Even a forged apply finds nothing stored to apply.
    response = client.post(f"/arbeidsflate/runde/{world.draft.pk}/last-opp/bruk/", {"token": "x"})
    assert response.status_code == 302
    assert world.entry("1").narrative == "Omtale av tiltak 1 i 2025."
    assert world.entry("3").narrative == "Omtale av tiltak 3 i 2025."


def test_published_rounds_are_read_only_for_everyone(world: World) -> None:
    entry = world.entry("1", world.published)
    for role in ("lead_editor", "coordinator", "admin"):
        response = world.client(role).post(
            f"/arbeidsflate/tiltak/{entry.pk}/",
            {"version": entry.version, "status_label": "", "narrative": "x", "action": "save"},
        )
        assert response.status_code == 403
    assert world.entry("1", world.published).narrative == "Omtale av tiltak 1 i 2025."
