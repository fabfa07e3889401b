"""`tiltak backup` and `tiltak restore`: a restored database serves the same pages and API
answers and has the same audit log; a file that is not a backup is refused with one line and
the database stays as it was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.process_db import KINDS, ROOT, TIMEOUT, fresh_database, python, tiltak

PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
SAMPLE = ROOT / "samples" / f"{PLAN}.csv"
SETUP = f"""
from datetime import date
from django.contrib.auth.models import User
from tiltak.plans.models import Plan
from tiltak.rounds import services
admin = User.objects.create_superuser("admin", "admin@example.org", "x")
plan = Plan.objects.get(slug={PLAN!r})
rnd = services.create_round(admin, plan, title="Status høsten 2026", as_of="2026-12")
rnd = services.open_round(admin, rnd, deadline=date(2026, 12, 1))
entry = rnd.entries.order_by("id").first()
services.save_entry(admin, entry.pk, expected_version=entry.version, status_label="",
                    narrative="Før sikkerhetskopien.")
"""
CHANGE = f"""
from django.contrib.auth.models import User
from tiltak.plans.models import Plan
from tiltak.audit.context import audit_context
admin = User.objects.get(username="admin")
with audit_context(actor=admin):
    plan = Plan.objects.get(slug={PLAN!r})
    plan.title = "Endret etter sikkerhetskopien"
    plan.save()
    plan.measures.get(number="1").delete()
"""
SNAPSHOT = f"""
import hashlib, json
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from tiltak.audit.models import AuditEvent
settings.STORAGES = {{**settings.STORAGES, "staticfiles": {{
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
cache.clear()
client = Client(HTTP_HOST="localhost")
def get(url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return hashlib.sha256(response.content).hexdigest()
audit = list(AuditEvent.objects.order_by("id").values_list(
    "id", "at", "actor_name", "action", "model", "object_id", "before", "after", "reason"))
print(json.dumps(dict(
    portal=get("/planer/{PLAN}/"), measure=get("/planer/{PLAN}/tiltak/1/"),
    api=json.loads(client.get("/api/plans/{PLAN}/measures/1").content),
    audit=[[str(value) for value in row] for row in audit])))
"""


def _refused(env: dict[str, str], path: Path, command: str = "restore") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tiltak.cli", command, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample plan is missing")
@pytest.mark.parametrize("kind", KINDS)
def test_a_restored_database_serves_the_same_pages_and_audit_log(tmp_path: Path, kind: str) -> None:
    with fresh_database(kind, tmp_path) as env:
        tiltak(env, "import", str(SAMPLE))
        python(env, SETUP)
        before = json.loads(python(env, SNAPSHOT))
        assert len(before["audit"]) > 3 and before["api"]["number"] == "1"

        backup = tmp_path / "kopi" / "tiltak.backup"
        done = tiltak(env, "backup", str(backup))
        assert done.stdout.startswith(f"{backup}: {kind} backup written (")
        python(env, CHANGE)
        changed = json.loads(python(env, SNAPSHOT.replace("/tiltak/1/", "/tiltak/2/")))
        assert changed["portal"] != before["portal"] and changed["audit"] != before["audit"]

        done = tiltak(env, "restore", str(backup))
        assert "backup restored" in done.stdout and done.stderr == ""
        assert json.loads(python(env, SNAPSHOT)) == before
        # A second restore of the same file gives the same again.
        tiltak(env, "restore", str(backup))
        assert json.loads(python(env, SNAPSHOT)) == before

        # What is not a backup is refused with one line, and the database stays as it is.
        text = tmp_path / "notater.txt"
        text.write_text("Dette er ikke en sikkerhetskopi.\n")
        assert "not a Tiltak backup" in _refused(env, text)
        assert "No such file" in _refused(env, tmp_path / "mangler.backup")
        cut = tmp_path / "avkuttet.backup"
        cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
        assert "not a readable" in _refused(env, cut)
        other = tmp_path / "annen.sqlite3"
        with closing(sqlite3.connect(other)) as database:
            database.execute("CREATE TABLE notes (text TEXT)")
        message = _refused(env, other)
        if kind == "sqlite":
            assert "not a Tiltak backup (no table django_migrations)" in message
            database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
            assert "is the database itself" in _refused(env, database)
            assert "is the database itself" in _refused(env, database, "backup")
        else:
            assert "this is a backup of SQLite and the database is PostgreSQL" in message
        assert json.loads(python(env, SNAPSHOT)) == before


# A database from before the data version moved to tiltak.caching (its table portal_dataversion).
OLD_LAYOUT = """
from django.core.management import call_command
from django.db import connection
call_command("migrate", "caching", "zero", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("INSERT INTO portal_dataversion (id, value) VALUES (1, 5)")
"""
COUNTER = """
from tiltak.caching.version import data_version
print(data_version())
"""


@pytest.mark.parametrize("kind", KINDS)
def test_a_backup_from_before_the_data_version_moved_restores(tmp_path: Path, kind: str) -> None:
    with fresh_database(kind, tmp_path) as env:
        python(env, OLD_LAYOUT)
        backup = tmp_path / "gammel.backup"
        # `tiltak backup` asks for a migrated database; the service made such backups then.
        python(env, f"from pathlib import Path\nfrom tiltak.backup.services import backup\n"
                    f"backup(Path({str(backup)!r}))")  # fmt: skip
        tiltak(env, "migrate")
        python(env, "from tiltak.caching.models import DataVersion\n"
                    "DataVersion.objects.filter(pk=1).update(value=9)")  # fmt: skip
        assert python(env, COUNTER) == "9"

        done = tiltak(env, "restore", str(backup))
        assert "backup restored" in done.stdout and done.stderr == ""
        # The restored database is from before the move until `tiltak migrate` moves it on.
        tiltak(env, "migrate")
        assert python(env, COUNTER) == "10"
