"""SIGKILL in the middle of a bulk update leaves the round exactly as it was before the upload.

The worker is a real separate process on an SQLite file in WAL mode, as `tiltak serve` runs;
it is killed while it is inside the bulk update's transaction, after 20 of 131 entries were
written, and the database is then read by a fresh process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
DJANGO = (
    "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tiltak.settings');"
    "django.setup()\n"
)
SETUP = (
    DJANGO
    + f"""
import json
from datetime import date
from django.contrib.auth.models import User
from tiltak.plans.models import Plan
from tiltak.plans.services.exchange import import_exchange, read_exchange
from tiltak.rounds import services
path = {str(ROOT / "samples" / (PLAN + ".csv"))!r}
import_exchange(read_exchange(open(path, "rb").read(), source=path), source_name=path)
admin = User.objects.create_superuser("admin", "admin@example.org", "x")
plan = Plan.objects.get(slug={PLAN!r})
rnd = services.create_round(admin, plan, title="Status høsten 2026", as_of="2026-12")
rnd = services.open_round(admin, rnd, deadline=date(2026, 12, 1))
changes = [
    dict(entry_id=e.pk, number=e.measure.number, version=e.version,
         before=services.entry_values(e),
         after=dict(services.entry_values(e), narrative="Ny tekst fra opplastingen."))
    for e in rnd.entries.select_related("measure")
]
print(json.dumps(dict(round=rnd.pk, changes=changes)))
"""
)
APPLY = (
    DJANGO
    + """
import json, sys, time
from django.contrib.auth.models import User
from tiltak.plans.models import ReportingRound, StatusEntry
from tiltak.rounds.bulk import apply_changes
data = json.load(open(sys.argv[1]))
saves = 0
original = StatusEntry.save
def save(self, *args, **kwargs):
    global saves
    original(self, *args, **kwargs)
    saves += 1
    if saves == 20:
        print("inside the transaction", flush=True)
        time.sleep(60)
StatusEntry.save = save
apply_changes(User.objects.get(username="admin"),
              ReportingRound.objects.get(pk=data["round"]), data["changes"])
print("finished", flush=True)
"""
)
SNAPSHOT = (
    DJANGO
    + """
import json, sys
from django.db import connection
from tiltak.plans.models import StatusEntry
from tiltak.rounds.models import AuditEvent
with connection.cursor() as cursor:
    cursor.execute("PRAGMA integrity_check")
    integrity = cursor.fetchone()[0]
entries = sorted(StatusEntry.objects.filter(round_id=int(sys.argv[1]))
                 .values_list("id", "version", "narrative", "workflow_state"))
print(json.dumps(dict(integrity=integrity, entries=entries,
                      bulk_audit=AuditEvent.objects.filter(action="bulk_update").count())))
"""
)


def _python(env: dict[str, str], script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.skipif(
    not (ROOT / "samples" / f"{PLAN}.csv").exists(), reason="the sample plan is missing"
)
def test_sigkill_during_a_bulk_update_changes_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TILTAK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tiltak.sqlite3'}",
        "TILTAK_WARM_REPORTS_ON_PUBLISH": "0",
    }
    subprocess.run(
        [sys.executable, "-m", "tiltak.cli", "migrate"], env=env, check=True, capture_output=True
    )
    upload = json.loads(_python(env, SETUP))
    (tmp_path / "upload.json").write_text(json.dumps(upload))
    rnd = str(upload["round"])
    before = json.loads(_python(env, SNAPSHOT, rnd))
    assert len(before["entries"]) == 131

    worker = subprocess.Popen(
        [sys.executable, "-c", APPLY, str(tmp_path / "upload.json")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        assert line.strip() == "inside the transaction", (
            worker.stderr.read() if worker.stderr else ""
        )
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()

    after = json.loads(_python(env, SNAPSHOT, rnd))
    assert after["integrity"] == "ok"
    assert after["entries"] == before["entries"]
    assert after["bulk_audit"] == before["bulk_audit"] == 0
