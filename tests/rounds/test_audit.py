"""The audit log: a row for every change, never updated or deleted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction

from tiltak.accounts.models import PlanRole
from tiltak.audit.models import AppendOnlyError, AuditEvent
from tiltak.plans.models import Measure
from tiltak.rounds import services

from .conftest import World


def test_changes_to_plans_measures_rounds_entries_and_accounts_are_logged(world: World) -> None:
    start = AuditEvent.objects.count()
    world.plan.title = "Ny tittel"
    world.plan.save()
    measure = Measure.objects.get(plan=world.plan, number="1")
    measure.title = "Endret tittel"
    measure.save()
    world.open()
    entry = world.entry("1")
    services.save_entry(
        world.users["lead_editor"], entry.pk, expected_version=1, status_label="", narrative="Ny."
    )
    user = User.objects.create_user("ny", password="x")
    PlanRole.objects.create(user=user, plan=world.plan, role="reader")
    user.delete()
    events = list(AuditEvent.objects.order_by("id")[start:])
    kinds = [(e.model, e.action) for e in events]
    assert ("plans.plan", "update") in kinds
    assert ("plans.measure", "update") in kinds
    assert ("rounds.reportinground", "open_round") in kinds
    assert kinds.count(("rounds.statusentry", "open_round")) == 3
    assert ("rounds.statusentry", "save_draft") in kinds
    assert ("auth.user", "create") in kinds and ("auth.user", "delete") in kinds
    assert ("accounts.planrole", "create") in kinds
    plan_event = next(e for e in events if e.model == "plans.plan")
    assert plan_event.before["title"] != "Ny tittel" and plan_event.after["title"] == "Ny tittel"
    save = next(e for e in events if e.action == "save_draft")
    assert save.actor_name == "jd-redaktor" and save.measure_id == entry.measure_id
    assert (
        save.before["narrative"] == "Omtale av tiltak 1 i 2025."
        and save.after["narrative"] == "Ny."
    )
    created = next(e for e in events if e.model == "auth.user")
    assert created.after["password"] == "(satt)"  # never the hash


def test_the_application_refuses_to_update_or_delete_audit_rows(world: World) -> None:
    world.plan.save()
    event = AuditEvent.objects.create(action="test", model="x", object_id="1")
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="endret")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_update_and_delete(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only (SQLite has none)")
    event = AuditEvent.objects.create(action="test", model="x", object_id="1")
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET action = 'endret' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


def test_history_on_the_measure_page_and_csv_export(world: World) -> None:
    world.open()
    entry = world.entry("2")
    services.save_entry(
        world.users["co_editor"],
        entry.pk,
        expected_version=1,
        status_label="",
        narrative="Historie.",
    )
    page = world.client("lead_editor").get(f"/arbeidsflate/tiltak/{entry.pk}/")
    assert (
        "Historikk" in page.content.decode()
        and "hod-redaktor lagret utkast" in page.content.decode()
    )
    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/logg.csv"
    assert world.client("lead_editor").get(url).status_code == 403
    csv = world.client("coordinator").get(url)
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.startswith("tidspunkt,bruker,handling") and "Historie." in text
