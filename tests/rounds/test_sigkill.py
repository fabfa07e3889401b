"""SIGKILL in the middle of an import, a bulk update or a publication leaves the database exactly
as it was before the operation; run to its end, the operation changes it. Never anything between.

The operation runs in its own process on a real database (an SQLite file in WAL mode as `tiltak
serve` uses it, or PostgreSQL with TILTAK_TEST_DATABASE_URL). It is stopped after its first
write, and again with all its writes done just before its commit, and killed
there; a fresh process then reads every table. The same operation run to its end from that
state must change what is read, so the comparison can fail.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.support.process_db import DJANGO, KINDS, ROOT, TIMEOUT, fresh_database, python, tiltak

PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
SAMPLE = ROOT / "samples" / f"{PLAN}.csv"
# Where the operation is stopped and killed: after its first write, and with every write done
# just before its transaction commits; what each prints there.
STOPS = {"first-write": "inside the transaction", "commit": "before the commit"}
OPERATIONS = ("import", "bulk_update", "publish")

SETUP = f"""
import json, sys
from datetime import date
from django.contrib.auth.models import User
from tiltak.plans.models import Plan
from tiltak.rounds import services
admin = User.objects.create_superuser("admin", "admin@example.org", "x")
plan = Plan.objects.get(slug={PLAN!r})
operation, data_file = sys.argv[1], sys.argv[2]
if operation == "import":
    from dataclasses import replace
    from tiltak.rounds.exchange import export_rounds, write_csv
    rows = [replace(row, round="Status høsten 2026", round_as_of="2026-12",
                    narrative=f"Ny omtale av tiltak {{row.number}}.")
            for row in export_rounds(plan)]
    open(data_file, "wb").write(write_csv(rows))
else:
    rnd = services.create_round(admin, plan, title="Status høsten 2026", as_of="2026-12")
    rnd = services.open_round(admin, rnd, deadline=date(2026, 12, 1))
    changes = [
        dict(entry_id=e.pk, number=e.measure.number, version=e.version,
             before=services.entry_values(e),
             after=dict(services.entry_values(e), narrative="Ny tekst fra opplastingen."))
        for e in rnd.entries.select_related("measure")
    ]
    json.dump(dict(round=rnd.pk, changes=changes), open(data_file, "w"))
"""
OPERATION = """
import json, sys, time
from django.contrib.auth.models import User
from django.db import connection
stop, operation, data_file = sys.argv[1:4]
writes = 0

def wait_to_be_killed(where):
    print(where, flush=True)
    time.sleep(600)

def count_writes(execute, sql, params, many, context):
    global writes
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        writes += 1
        if stop == "first-write" and writes == 1:
            wait_to_be_killed("inside the transaction" if connection.in_atomic_block
                              else "outside any transaction")
    return result

commit = connection.commit
def paused_commit():
    if stop == "commit" and writes:
        wait_to_be_killed(f"before the commit, after {writes} writes")
    commit()
connection.commit = paused_commit

admin = User.objects.get(username="admin")
with connection.execute_wrapper(count_writes):
    if operation == "import":
        from tiltak.cli import main
        assert main(["import", data_file]) == 0
    else:
        from tiltak.rounds.models import ReportingRound
        data = json.load(open(data_file))
        rnd = ReportingRound.objects.get(pk=data["round"])
        if operation == "bulk_update":
            from tiltak.rounds.bulk import apply_changes
            apply_changes(admin, rnd, data["changes"])
        else:
            from tiltak.rounds.services import publish_round
            publish_round(admin, rnd, override_reason="Publiseres for testen.")
print(json.dumps(dict(finished=True, writes=writes)), flush=True)
"""
SNAPSHOT = """
import hashlib, json
from django.apps import apps
from django.db import connection
tables = {}
for model in apps.get_models():
    rows = model._default_manager.order_by("pk").values_list()
    tables[model._meta.db_table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
integrity = "ok"
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        integrity = cursor.fetchone()[0]
print(json.dumps(dict(integrity=integrity, tables=tables)))
"""


def _kill_inside(env: dict[str, str], operation: str, data_file: Path, stop: str) -> str:
    """Start the operation, wait until it reaches `stop` inside its transaction, SIGKILL it;
    what it printed there."""
    worker = subprocess.Popen(
        [sys.executable, "-c", DJANGO + OPERATION, stop, operation, str(data_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    guard = threading.Timer(TIMEOUT, worker.kill)  # a hang fails the test instead of blocking
    guard.start()
    try:
        assert worker.stdout is not None
        line = worker.stdout.readline().strip()
        if not line.startswith(STOPS[stop]):
            worker.kill()
            stderr = worker.stderr.read() if worker.stderr else ""
            pytest.fail(f"{operation}, {stop}: {line or 'did not stop'}: {stderr[-2000:]}")
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=60) == -signal.SIGKILL
        return line
    finally:
        guard.cancel()
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        for stream in (worker.stdout, worker.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample plan is missing")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_sigkill_leaves_the_state_before_or_after_never_between(
    tmp_path: Path, kind: str, operation: str
) -> None:
    with fresh_database(kind, tmp_path) as env:
        tiltak(env, "import", str(SAMPLE))
        data_file = tmp_path / ("upload.csv" if operation == "import" else "upload.json")
        python(env, SETUP, operation, str(data_file))
        before = json.loads(python(env, SNAPSHOT))
        assert before["integrity"] == "ok"

        stopped: dict[str, str] = {}
        for stop in STOPS:
            stopped[stop] = _kill_inside(env, operation, data_file, stop)
            killed = json.loads(python(env, SNAPSHOT))
            assert killed["integrity"] == "ok"
            changed = [t for t in before["tables"] if killed["tables"][t] != before["tables"][t]]
            assert changed == [], f"{operation} killed at {stop} left changes in {changed}"

        # Run to its end, the same operation changes the database: the snapshot can tell.
        done = json.loads(python(env, OPERATION, "none", operation, str(data_file)))
        assert done["finished"] and done["writes"] > 1
        # Every write of the operation was in the transaction killed before its commit.
        assert stopped["commit"] == f"before the commit, after {done['writes']} writes"
        after = json.loads(python(env, SNAPSHOT))
        assert after["integrity"] == "ok" and after["tables"] != before["tables"]
