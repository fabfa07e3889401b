"""The round models moved from plans to rounds (issue 15): migrating back to before the move and
forward again keeps every round, entry, narrative, finding and audit event. tests/plans runs again
on PostgreSQL (Makefile DB_TESTS), where the audit log's append-only trigger must survive too."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tiltak.audit.models import AuditEvent
from tiltak.documents import parse_path
from tiltak.rounds import services
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT.parent / "shared" / "corpus" / "plan-2024-2028-status-2026.txt"
BEFORE_THE_MOVE = [
    ("plans", "0003_statusentry_updated_this_round"),
    ("rounds", "0005_accounts_audit_move_out"),
]
COLUMNS = {
    "reportinground": "id, plan_id, title, slug, as_of, state, published_at, corrects_id",
    "statusentry": "id, round_id, measure_id, status, status_label, narrative, workflow_state, "
    "version, updated_this_round, review_comment",
    "roundfinding": "id, round_id, position, code, severity, measure_id, measure_number, message",
}
AUDIT = "id, model, object_id, action, plan_id, round_id, measure_id, actor_name"


def _rows(app: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the three round tables as they are named in `app`, and of the audit log."""
    with connection.cursor() as cursor:
        found = {}
        for model, columns in COLUMNS.items():
            cursor.execute(f"SELECT {columns} FROM {app}_{model} ORDER BY id")
            found[model] = cursor.fetchall()
        cursor.execute(f"SELECT {AUDIT} FROM audit_auditevent ORDER BY id")
        found["auditevent"] = cursor.fetchall()
    return found


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _migrate(targets: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def _finished_round() -> ReportingRound:
    """The 2026 report imported, then a round opened, filled in, approved and published."""
    data = REPORT.read_bytes()
    import_plan_document(
        parse_path(REPORT),
        source_name=REPORT.name,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    plan = ReportingRound.objects.get().plan
    rnd = services.create_round(admin, plan, title="Status høsten 2026", as_of="2026-12")
    rnd = services.open_round(admin, rnd, deadline=date(2026, 12, 1))
    entries = list(rnd.entries.order_by("measure__order")[:3])
    for number, entry in enumerate(entries, 1):
        services.save_entry(
            admin,
            entry.pk,
            expected_version=entry.version,
            status_label=entry.status_label,
            narrative=f"Omtale {number} høsten 2026, med «sitat» og\n\n- et punkt",
            submit=True,
        )
    services.approve_entries(admin, [entry.pk for entry in entries])
    return services.publish_round(admin, rnd, override_reason="Ikke alle tiltak er godkjent.")


@pytest.mark.skipif(not REPORT.exists(), reason="the corpus is not there")
@pytest.mark.django_db(transaction=True)
def test_round_rows_survive_migrating_back_and_forth() -> None:
    rnd = _finished_round()
    before = _rows("rounds")
    assert len(before["reportinground"]) == 2 and before["roundfinding"]
    assert len(before["statusentry"]) > 200
    approved = [row for row in before["statusentry"] if row[1] == rnd.pk and row[6] == "approved"]
    assert [row[5] for row in approved][:1] == [
        "Omtale 1 høsten 2026, med «sitat» og\n\n- et punkt"
    ]
    assert any(row[1] == "plans.statusentry" for row in before["auditevent"]) is False
    try:
        _migrate(BEFORE_THE_MOVE)
        tables = _tables()
        assert {"plans_reportinground", "plans_statusentry", "plans_roundfinding"} <= tables
        assert not tables & {"rounds_reportinground", "rounds_statusentry", "rounds_roundfinding"}
        assert _rows("plans") == before
    finally:
        _migrate()
    assert not _tables() & {"plans_reportinground", "plans_statusentry", "plans_roundfinding"}
    assert _rows("rounds") == before
    assert StatusEntry.objects.count() == len(before["statusentry"])
    assert RoundFinding.objects.count() == len(before["roundfinding"])
    assert ReportingRound.objects.get(pk=rnd.pk).state == ReportingRound.State.PUBLISHED
    entry = StatusEntry.objects.get(pk=approved[0][0])
    assert entry.narrative == approved[0][5] and entry.round.plan_id == rnd.plan_id
    assert AuditEvent.objects.about("rounds.statusentry").filter(object_id=str(entry.pk))
    # New rows get new keys: the tables' key sequences followed the rename.
    new = ReportingRound.objects.create(plan_id=rnd.plan_id, title="Ny", slug="ny")
    assert new.pk > max(row[0] for row in before["reportinground"])
    added = StatusEntry.objects.create(round=new, measure=entry.measure, narrative="Ny rad")
    assert added.pk > max(row[0] for row in before["statusentry"])
    if connection.vendor == "postgresql":
        refused = pytest.raises(DatabaseError, match="append-only")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET reason = 'x'")
