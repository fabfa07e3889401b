"""50 editors and 2 coordinators work in one reporting round for 5 minutes, on SQLite and on
PostgreSQL; then the entries and the audit log are compared with what the clients did.

For each database: a fresh store with the 2026 status report imported, a new round opened, 50
editor accounts spread over the responsible ministries (by their number of measures) and two
coordinators; `tiltak serve` (as `make run` starts it) on loopback; locust (bench/locust_rounds.py)
drives the clients. Afterwards, from the database:
- every save, submit, approval and return a client saw succeed is one audit row, and every
  refused save (409) is one `conflict_refused` row, and there are no others;
- each entry's version moved by exactly the number of successful actions on it (no lost update),
  and its narrative is the text of the last successful save;
- every text a client saved is in the entry's history.

Duration: TILTAK_BENCH_LOAD_DURATION (default 5m). PostgreSQL: TILTAK_BENCH_POSTGRES (default
postgres://postgres@127.0.0.1:5432/postgres; a database tiltak_load is created and dropped).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = ROOT / ".venv" / "bin"
CORPUS = ROOT.parent / "shared" / "corpus"
REPORT = CORPUS / "plan-2024-2028-status-2026.txt"
PLAN_SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
EDITORS = int(os.environ.get("TILTAK_BENCH_EDITORS", "50"))
COORDINATORS = 2
DURATION = os.environ.get("TILTAK_BENCH_LOAD_DURATION", "5m")
POSTGRES = os.environ.get("TILTAK_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
LOAD_DATABASE = "tiltak_load"
PASSWORD = "lasttest-korrekt-hest-batteri"
PORT = 8020
ENTRY = "rounds.statusentry"
# Client action → the audit log's action for it.
AUDITED = {
    "save": "save_draft",
    "submit": "submit",
    "approved": "approve",
    "returned": "return",
    "conflict": "conflict_refused",
}


# Inside the store (run as `python bench/rounds_load.py setup|verify` with Django set up).


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiltak.settings")
    django.setup()


def setup_store(out: Path) -> None:
    """Open a round and make the accounts; write what the clients need to `out`."""
    from datetime import date, timedelta

    from django.contrib.auth.models import User

    from tiltak.accounts.models import PlanRole, Profile
    from tiltak.plans.models import MeasureResponsibility, Plan
    from tiltak.rounds import services
    from tiltak.rounds.selectors import plan_status_labels

    plan = Plan.objects.get(slug=PLAN_SLUG)
    admin = User.objects.create_superuser("lastadmin", "lastadmin@example.org", PASSWORD)
    rnd = services.create_round(admin, plan, title="Status høsten 2026", as_of="2026-11")
    rnd = services.open_round(admin, rnd, deadline=date.today() + timedelta(days=14))
    entry_of = dict(rnd.entries.values_list("measure_id", "pk"))
    by_org: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for resp in MeasureResponsibility.objects.filter(measure__plan=plan).select_related(
        "organisation"
    ):
        by_org[resp.organisation].append(
            {"id": entry_of[resp.measure_id], "lead": resp.position == 0}
        )
    seats = _seats({org: len(entries) for org, entries in by_org.items()}, EDITORS)
    editors = []
    for org, count in seats.items():
        for n in range(1, count + 1):
            username = f"{org.acronym.lower()}-{n}"
            user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
            Profile.objects.create(user=user, organisation=org, is_editor=True)
            editors.append({"username": username, "password": PASSWORD, "entries": by_org[org]})
    coordinators = []
    for n in range(1, COORDINATORS + 1):
        user = User.objects.create_user(f"koordinator-{n}", "", PASSWORD)
        PlanRole.objects.create(user=user, plan=plan, role=PlanRole.Role.COORDINATOR)
        coordinators.append({"username": user.username, "password": PASSWORD})
    labels = [label for label, _ in plan_status_labels(plan)]
    setup = {
        "plan": plan.slug,
        "round": rnd.slug,
        "round_id": rnd.pk,
        "labels": labels,
        "editors": editors,
        "coordinators": coordinators,
        "organisations": {org.acronym: count for org, count in seats.items()},
    }
    out.write_text(json.dumps(setup), encoding="utf-8")


def _seats(weights: dict[Any, int], total: int) -> dict[Any, int]:
    """`total` editors over the organisations: one each, the rest by their number of measures."""
    seats = dict.fromkeys(weights, 1)
    for _ in range(max(total - len(seats), 0)):
        org = max(weights, key=lambda o: weights[o] / (seats[o] + 1))
        seats[org] += 1
    return seats


def verify_store(setup_path: Path, records_path: Path) -> dict[str, Any]:
    """Compare the clients' records with the entries and the audit log."""
    from tiltak.audit.models import AuditEvent
    from tiltak.rounds.models import StatusEntry

    setup = json.loads(setup_path.read_text(encoding="utf-8"))
    records = json.loads(records_path.read_text(encoding="utf-8"))
    round_id = setup["round_id"]
    client = Counter(
        r.get("action", r["kind"]) if r["kind"] == "saved" else r["kind"] for r in records
    )
    events = AuditEvent.objects.filter(round_id=round_id, model=ENTRY)
    audited = Counter(events.exclude(action="open_round").values_list("action", flat=True))
    mismatches = [
        f"{kind}: clients {client[kind]}, audit log {audited[action]}"
        for kind, action in AUDITED.items()
        if client[kind] != audited[action]
    ]
    extra = set(audited) - set(AUDITED.values())
    if extra:
        mismatches.append(f"unexpected audit actions: {sorted(extra)}")

    actions_on: Counter[int] = Counter()
    last_text: dict[int, tuple[int, str]] = {}
    saved_texts: dict[int, set[str]] = defaultdict(set)
    for r in records:
        if r["kind"] in {"saved", "approved", "returned"}:
            actions_on[r["entry"]] += 1
        if r["kind"] == "saved":
            saved_texts[r["entry"]].add(r["text"])
            if r["entry"] not in last_text or r["version"] > last_text[r["entry"]][0]:
                last_text[r["entry"]] = (r["version"], r["text"])
    history: dict[int, set[str]] = defaultdict(set)
    for object_id, after in events.values_list("object_id", "after"):
        if after:
            history[int(object_id)].add(after.get("narrative", ""))
    lost = 0
    for entry in StatusEntry.objects.filter(round_id=round_id):
        if entry.version - 1 != actions_on[entry.pk]:
            lost += 1
            mismatches.append(
                f"entry {entry.pk}: version {entry.version}, {actions_on[entry.pk]} actions"
            )
        if entry.pk in last_text and entry.narrative != last_text[entry.pk][1]:
            lost += 1
            mismatches.append(f"entry {entry.pk}: narrative is not the last saved text")
        missing = saved_texts[entry.pk] - history[entry.pk]
        if missing:
            mismatches.append(f"entry {entry.pk}: {len(missing)} saved texts not in the history")
    states = Counter(
        StatusEntry.objects.filter(round_id=round_id).values_list("workflow_state", flat=True)
    )
    return {
        "client": dict(client),
        "audit_rows": sum(audited.values()),
        "entries": StatusEntry.objects.filter(round_id=round_id).count(),
        "states": dict(states),
        "lost_updates": lost,
        "mismatches": mismatches,
    }


# The driver.


@dataclass
class Run:
    database: str
    requests: int
    failures: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    saves_per_second: float
    check: dict[str, Any]
    ceiling: list[dict[str, Any]]


def _locust_figures(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def run_database(label: str, env: dict[str, str], workdir: Path) -> Run:
    """Fresh store, round and accounts; the load; the comparison."""
    from portal import running, tiltak

    tiltak(env, "migrate")
    tiltak(env, "import", str(REPORT))
    setup_path, records_path = workdir / "setup.json", workdir / "records.json"
    here = str(Path(__file__).resolve())
    subprocess.run([str(BIN / "python"), here, "setup", str(setup_path)], env=env, check=True)
    setup = json.loads(setup_path.read_text(encoding="utf-8"))
    print(
        f"  {label}: {len(setup['editors'])} editors "
        f"({', '.join(f'{k} {v}' for k, v in setup['organisations'].items())}), "
        f"{len(setup['coordinators'])} coordinators, {DURATION}",
        flush=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    prefix = workdir / "locust"
    load_env = {
        **env,
        "TILTAK_LOAD_SETUP": str(setup_path),
        "TILTAK_LOAD_RECORDS": str(records_path),
    }
    with running([str(BIN / "tiltak"), "serve", "--port", str(PORT)], f"{base}/", env):
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f", str(Path(here).with_name("locust_rounds.py")),
                "--headless", "--only-summary", "--loglevel", "WARNING",
                "-u", str(len(setup["editors"]) + len(setup["coordinators"])),
                "-r", "10", "-t", DURATION, "--stop-timeout", "60",
                "--host", base, "--csv", str(prefix),
            ],
            env=load_env,
            check=False,  # locust exits 1 when any request failed; the figures say so
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    check = json.loads(
        subprocess.run(
            [str(BIN / "python"), here, "verify", str(setup_path), str(records_path)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    ceiling = json.loads(
        subprocess.run(
            [
                str(BIN / "python"),
                str(Path(here).with_name("write_ceiling.py")),
                str(setup["round_id"]),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    for row in ceiling:
        print(
            f"    {row['writers']} writers: {row['saves_per_second']:.0f} saves/s, "
            f"slowest {row['slowest_ms']:.0f} ms, {row['locked']} locked, "
            f"{row['conflicts']} conflicts",
            flush=True,
        )
    figures = _locust_figures(prefix)
    with open(f"{prefix}_failures.csv", encoding="utf-8") as failures:
        for row in csv.DictReader(failures):
            print(
                f"    failed: {row['Method']} {row['Name']}: {row['Error']} × {row['Occurrences']}"
            )
    total = figures["Aggregated"]
    seconds = _seconds(DURATION)
    saves = check["client"].get("save", 0) + check["client"].get("submit", 0)
    run = Run(
        label,
        int(total["Request Count"]),
        int(total["Failure Count"]),
        float(total["Requests/s"]),
        float(total["50%"]),
        float(total["99%"]),
        saves / seconds,
        check,
        ceiling,
    )
    for name in ("edit page", "save", "submit", "review queue", "return", "approve"):
        if name in figures:
            row = figures[name]
            print(
                f"    {name}: {row['Request Count']} requests, p50 {row['50%']} ms, "
                f"p99 {row['99%']} ms, {row['Failure Count']} failures",
                flush=True,
            )
    return run


def _seconds(duration: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    return float(duration[:-1]) * units[duration[-1]] if duration[-1] in units else float(duration)


def _postgres_url() -> str | None:
    """A fresh database tiltak_load on the PostgreSQL server, or None when there is none."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {LOAD_DATABASE}")
            connection.execute(f"CREATE DATABASE {LOAD_DATABASE}")
    except psycopg.Error:
        return None
    return POSTGRES.rsplit("/", 1)[0] + f"/{LOAD_DATABASE}"


def _drop_postgres() -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {LOAD_DATABASE} WITH (FORCE)")


def main() -> int:
    if not REPORT.is_file():
        print(f"bench: the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    runs: list[Run] = []
    only = {name.lower() for name in sys.argv[1:]}
    databases: list[tuple[str, str | None]] = []
    if not only or "sqlite" in only:
        databases.append(("SQLite", None))
    if not only or "postgresql" in only:
        postgres = _postgres_url()
        if postgres:
            databases.append(("PostgreSQL", postgres))
        else:
            print("  PostgreSQL: no server answered; SQLite only", flush=True)
    for label, url in databases:
        with tempfile.TemporaryDirectory() as directory:
            env = {
                **os.environ,
                "TILTAK_DATA_DIR": directory,
                "SECRET_KEY": "bench-only-not-secret",
                # Plain HTTP on loopback: the cookies must not be Secure-only for the clients.
                "SECURE_COOKIES": "0",
                "TILTAK_WARM_REPORTS_ON_PUBLISH": "0",
            }
            env.pop("DATABASE_URL", None)
            if url:
                env["DATABASE_URL"] = url
            try:
                runs.append(run_database(label, env, Path(directory)))
            finally:
                if url:
                    _drop_postgres()
    print()
    print(
        "| database | requests/s | p50 | p99 | failed requests | saves/s | saved · conflicts (409) "
        "· refused (403) | audit rows = client actions | lost updates |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    failed = False
    for run in runs:
        client = run.check["client"]
        saved = client.get("save", 0) + client.get("submit", 0)
        matches = "yes" if not run.check["mismatches"] else "NO"
        print(
            f"| {run.database} | {run.requests_per_second:.0f} | {run.p50_ms:.0f} ms "
            f"| {run.p99_ms:.0f} ms | {run.failures} of {run.requests} | "
            f"{run.saves_per_second:.1f} | {saved} · {client.get('conflict', 0)} · "
            f"{client.get('refused', 0)} | {matches} ({run.check['audit_rows']}) "
            f"| {run.check['lost_updates']} |"
        )
        for problem in run.check["mismatches"][:20]:
            print(f"  - {run.database}: {problem}")
        failed = failed or bool(run.failures or run.check["mismatches"])
    print()
    print(
        "Saves per second straight through the service (no HTTP), by writers at once; "
        "failures are saves that waited past SQLite's busy timeout:"
    )
    print()
    print("| writers | " + " | ".join(run.database for run in runs) + " |")
    print("|---|" + "---|" * len(runs))
    for index, row in enumerate(runs[0].ceiling if runs else []):
        cells = []
        for run in runs:
            found = run.ceiling[index]
            cells.append(
                f"{found['saves_per_second']:.0f}/s, slowest {found['slowest_ms']:.0f} ms, "
                f"{found['locked']} failed"
            )
        print(f"| {row['writers']} | " + " | ".join(cells) + " |")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "setup":
        _django()
        setup_store(Path(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "verify":
        _django()
        print(json.dumps(verify_store(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        sys.exit(main())
