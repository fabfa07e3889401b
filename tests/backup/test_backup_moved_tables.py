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
