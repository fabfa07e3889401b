"""A backup made before profiles, plan roles and the audit log moved to tiltak.accounts and
tiltak.audit (tables rounds_profile, rounds_planrole, rounds_auditevent) restores into a
migrated database, and migrating it again keeps the rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.process_db import KINDS, fresh_database, python, tiltak

BEFORE_THE_MOVE = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
call_command("migrate", "audit", "zero", verbosity=0)
call_command("migrate", "accounts", "zero", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(("rounds", "0002_audit_append_only")).apps
user = old.get_model("auth", "User").objects.create(username="kari")
plan = old.get_model("plans", "Plan").objects.create(title="Planen", slug="planen")
old.get_model("rounds", "Profile").objects.create(user=user)
old.get_model("rounds", "PlanRole").objects.create(user=user, plan=plan, role="reader")
old.get_model("rounds", "AuditEvent").objects.create(
    action="create", model="rounds.profile", object_id="1")
print(sorted(t for t in connection.introspection.table_names() if t.startswith("rounds_")))
"""
ROWS = """
import json
from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit.models import AuditEvent
print(json.dumps([Profile.objects.get().user.username, PlanRole.objects.get().role,
                  [e.model for e in AuditEvent.objects.all()]]))
"""


@pytest.mark.parametrize("kind", KINDS)
def test_a_backup_from_before_the_move_restores(tmp_path: Path, kind: str) -> None:
    with fresh_database(kind, tmp_path) as env:
        tables = python(env, BEFORE_THE_MOVE)
        assert "rounds_auditevent" in tables and "rounds_profile" in tables
        backup = tmp_path / "gammel.backup"
        # The command refuses a database that is not fully migrated; the service does not.
        python(env, "import sys; from pathlib import Path; from tiltak.backup import services;"
                    "services.backup(Path(sys.argv[1]))", str(backup))  # fmt: skip
        tiltak(env, "migrate")
        python(env, "from tiltak.accounts.models import Profile; Profile.objects.all().delete()")

        done = tiltak(env, "restore", str(backup))
        assert "backup restored" in done.stdout
        tiltak(env, "migrate")
        rows = json.loads(python(env, ROWS))
        assert rows == ["kari", "reader", ["accounts.profile"]]


# A database from before the round models moved to tiltak.rounds (tables plans_reportinground,
# plans_statusentry, plans_roundfinding).
BEFORE_ROUNDS_MOVED = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
call_command("migrate", "plans", "0003_statusentry_updated_this_round", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(
    ("plans", "0003_statusentry_updated_this_round")).apps
plan = old.get_model("plans", "Plan").objects.create(title="Planen", slug="planen")
measure = old.get_model("plans", "Measure").objects.create(
    plan=plan, number="1", title="Tiltaket", order=1)
rnd = old.get_model("plans", "ReportingRound").objects.create(
    plan=plan, title="Status 2026", slug="status-2026")
old.get_model("plans", "StatusEntry").objects.create(
    round=rnd, measure=measure, narrative="Omtale «før» flyttingen.")
old.get_model("plans", "RoundFinding").objects.create(
    round=rnd, code="measure_missing", severity="warning", message="Mangler.")
print(sorted(t for t in connection.introspection.table_names() if "round" in t or "status" in t))
"""
ROUND_ROWS = """
import json
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry
print(json.dumps([ReportingRound.objects.get().slug, StatusEntry.objects.get().narrative,
                  RoundFinding.objects.get().code]))
"""


@pytest.mark.parametrize("kind", KINDS)
def test_a_backup_from_before_the_round_tables_moved_restores(tmp_path: Path, kind: str) -> None:
    with fresh_database(kind, tmp_path) as env:
        tables = python(env, BEFORE_ROUNDS_MOVED)
        assert "plans_statusentry" in tables and "rounds_statusentry" not in tables
        backup = tmp_path / "gammel.backup"
        python(env, "import sys; from pathlib import Path; from tiltak.backup import services;"
                    "services.backup(Path(sys.argv[1]))", str(backup))  # fmt: skip
        tiltak(env, "migrate")
        python(env, "from tiltak.rounds.models import ReportingRound\n"
                    "ReportingRound.objects.all().delete()")  # fmt: skip

        done = tiltak(env, "restore", str(backup))
        assert "backup restored" in done.stdout and "run `tiltak migrate`" in done.stdout
        tiltak(env, "migrate")
        rows = json.loads(python(env, ROUND_ROWS))
        assert rows == ["status-2026", "Omtale «før» flyttingen.", "measure_missing"]
