"""How many status saves per second the database takes, with 1 to 32 writers at once.

Each writer is a process that saves drafts through `tiltak.rounds.services.save_entry` (the
transaction, the row lock, the audit row) as fast as it can, with no HTTP in between: the
ceiling of the database layer, which the web server's workers share. SQLite lets one writer in
at a time (WAL, BEGIN IMMEDIATE, busy timeout from tiltak.settings); PostgreSQL locks only the
row. A save that waits longer than the busy timeout fails with "database is locked".

Run by bench/rounds_load.py after the load test, on the same store.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import time
from typing import Any

SECONDS = float(os.environ.get("TILTAK_BENCH_WRITE_SECONDS", "10"))
WRITERS = (1, 4, 16, 32)


def _writer(args: tuple[int, int, float]) -> dict[str, Any]:
    """Save drafts for `seconds`; the counts and the slowest save."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiltak.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.db import OperationalError

    from tiltak.rounds import services
    from tiltak.rounds.models import StatusEntry

    round_id, seed, seconds = args
    rng = random.Random(seed)
    user = User.objects.get(username="lastadmin")
    entries = list(
        StatusEntry.objects.filter(
            round_id=round_id, workflow_state__in=["not_started", "draft", "returned"]
        ).values_list("pk", flat=True)
    )
    saved = conflicts = locked = 0
    slowest = 0.0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entry_id = rng.choice(entries)
        version = StatusEntry.objects.filter(pk=entry_id).values_list("version", flat=True)[0]
        start = time.monotonic()
        try:
            services.save_entry(
                user,
                entry_id,
                expected_version=version,
                status_label="Under arbeid",
                narrative=f"Skrivetest {seed} {saved}.",
            )
            saved += 1
        except services.ConflictError:
            conflicts += 1
        except OperationalError:
            locked += 1
        slowest = max(slowest, time.monotonic() - start)
    return {"saved": saved, "conflicts": conflicts, "locked": locked, "slowest": slowest}


def measure(round_id: int) -> list[dict[str, Any]]:
    """Saves per second, failures and the slowest save for each number of writers."""
    results = []
    context = multiprocessing.get_context("spawn")
    for writers in WRITERS:
        with context.Pool(writers) as pool:
            parts = pool.map(_writer, [(round_id, n, SECONDS) for n in range(writers)])
        saved = sum(p["saved"] for p in parts)
        results.append(
            {
                "writers": writers,
                "saves_per_second": saved / SECONDS,
                "conflicts": sum(p["conflicts"] for p in parts),
                "locked": sum(p["locked"] for p in parts),
                "slowest_ms": max(p["slowest"] for p in parts) * 1000,
            }
        )
    return results


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
