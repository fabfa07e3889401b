"""Scale, measured: a national store on PostgreSQL against a single-plan store, same run.

Two PostgreSQL databases: the single-plan store (the 2026 corpus report imported into an empty
store) and the national store (400 plans × 150 measures × 10 published rounds, 600 000 status
entries, written by bench/national.py, and then the same 2026 report imported into it). For each
store: the generation time, the import time of the 2026 report, the publish time of one more
round of that plan (publish_round through the service, reports not rendered: they are jobs), and
the portal's and API's pages of that plan at 20 clients with wrk (as bench/portal.py), cold
(TILTAK_PAGE_CACHE_SECONDS=0: every request renders from the database) and warm (kept answers),
the two stores measured page by page in turn.

    TILTAK_SCALE_PG=postgres://postgres@127.0.0.1:5432  (server; databases tiltak_scale and
    tiltak_scale_one are dropped and made again), TILTAK_SCALE_PLANS=400, TILTAK_SCALE_REUSE=1
    (keep a national store made before; only the 2026 plan is imported again).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# Shorter runs, repeated in turn: on a shared machine the median of three is steadier.
os.environ.setdefault("TILTAK_BENCH_DURATION", "5s")
REPEATS = int(os.environ.get("TILTAK_SCALE_REPEATS", "3"))

from api import ENDPOINTS  # noqa: E402
from portal import BIN, CORPUS, PLAN_SLUG, Result, portal_urls, running, wrk  # noqa: E402

SERVER = os.environ.get("TILTAK_SCALE_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
LARGE_DB = os.environ.get("TILTAK_SCALE_DB", "tiltak_scale")
SINGLE_DB = os.environ.get("TILTAK_SCALE_SINGLE_DB", "tiltak_scale_one")
PLANS = int(os.environ.get("TILTAK_SCALE_PLANS", "400"))
REUSE = os.environ.get("TILTAK_SCALE_REUSE", "") == "1"
REPORT = CORPUS / "plan-2024-2028-status-2026.txt"

GENERATE = f"""
import sys; sys.path.insert(0, {str(HERE)!r})
from tiltak.cli_django import setup_django; setup_django()
from national import make_national_store
store = make_national_store({PLANS}, 150, 10)
print(store.seconds, store.entries)
"""

DROP_PLAN = f"""
from tiltak.cli_django import setup_django; setup_django()
from tiltak.plans.models import Plan
Plan.objects.filter(slug={PLAN_SLUG!r}).delete()
"""

PUBLISH = f"""
import time
from datetime import date
from tiltak.cli_django import setup_django; setup_django()
from django.contrib.auth import get_user_model
from tiltak.plans.models import Plan
from tiltak.rounds import services
user, _ = get_user_model().objects.get_or_create(
    username="bench-scale", defaults={{"is_superuser": True, "is_staff": True}}
)
plan = Plan.objects.get(slug={PLAN_SLUG!r})
rnd = services.create_round(user, plan, title="Status bench " + str(time.time_ns()))
rnd = services.open_round(user, rnd, deadline=date(2027, 1, 1))
start = time.perf_counter()
services.publish_round(user, rnd, override_reason="Benchmark: alt fra forrige runde.")
print(time.perf_counter() - start)
"""


def _env(database: str, directory: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{database}",
        "TILTAK_DATA_DIR": directory,
        "SECRET_KEY": "bench-only-not-secret",
        "TILTAK_WARM_REPORTS_ON_PUBLISH": "0",
        **extra,
    }


def _run(env: dict[str, str], *command: str) -> str:
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def _python(env: dict[str, str], script: str) -> str:
    lines = _run(env, str(BIN / "python"), "-c", script).strip().splitlines()
    return lines[-1] if lines else ""


def _timed(action: object, *args: object) -> float:
    start = time.perf_counter()
    action(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def _fresh_database(env: dict[str, str], database: str) -> None:
    host = SERVER.split("://", 1)[1]
    user, _, address = host.rpartition("@")
    hostname, _, port = address.partition(":")
    flags = ["-h", hostname, "-p", port or "5432", "-U", user or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *flags, database], check=True)
    subprocess.run(["createdb", *flags, database], check=True)
    _run(env, str(BIN / "tiltak"), "migrate")


def _pages(base: str) -> list[tuple[str, str]]:
    pages = portal_urls(base, PLAN_SLUG, "overgrep")
    pages += [(f"API {name}", base + path.format(plan=PLAN_SLUG)) for name, path in ENDPOINTS]
    return pages


def measure(envs: dict[str, dict[str, str]], cache: str) -> list[tuple[str, str, Result]]:
    """(page, store, result) for every page, the stores in turn, one server per store."""
    seconds = "600" if cache == "warm" else "0"
    servers = []
    for n, (label, env) in enumerate(envs.items()):
        port = 8030 + n
        command = [str(BIN / "tiltak"), "serve", "--port", str(port)]
        servers.append(
            (
                label,
                port,
                running(
                    command,
                    f"http://127.0.0.1:{port}/",
                    {**env, "TILTAK_PAGE_CACHE_SECONDS": seconds},
                ),
            )
        )
    results = []
    for _, _, server in servers:
        server.__enter__()
    try:
        for index in range(len(_pages(""))):
            for _ in range(REPEATS):
                for label, port, _ in servers:
                    name, url = _pages(f"http://127.0.0.1:{port}")[index]
                    results.append((name, label, wrk(f"{label} {cache}: {name}", url)))
    finally:
        for _, _, server in servers:
            server.__exit__(None, None, None)
    return results


def _median(results: list[Result]) -> Result:
    """The median p50 and p99 of repeated runs (errors summed); a run in which no request
    came back within wrk's timeout counts as infinitely slow."""

    def latency(value: float, result: Result) -> float:
        return value if result.requests_per_second > 0 and value > 0 else math.inf

    return Result(
        results[0].name,
        statistics.median(r.requests_per_second for r in results),
        statistics.median(latency(r.p50_ms, r) for r in results),
        statistics.median(latency(r.p99_ms, r) for r in results),
        sum(r.errors for r in results),
    )


def _ms(value: float) -> str:
    return "> 10 s" if math.isinf(value) else f"{value:.0f} ms"


def main() -> int:
    if not REPORT.is_file():
        print(f"bench: the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    single_dir = tempfile.TemporaryDirectory()
    large_dir = tempfile.TemporaryDirectory()
    single = _env(SINGLE_DB, single_dir.name)
    large = _env(LARGE_DB, large_dir.name)
    tiltak = str(BIN / "tiltak")

    _fresh_database(single, SINGLE_DB)
    if REUSE:
        _python(large, DROP_PLAN)
        generation = "(kept from before)"
    else:
        _fresh_database(large, LARGE_DB)
        seconds, entries = _python(large, GENERATE).split()
        generation = f"{float(seconds):.0f} s ({int(entries):,} status entries)"
    print(f"  generation: {generation}", flush=True)
    imports = {
        label: _timed(_run, env, tiltak, "import", str(REPORT))
        for label, env in (("1 plan", single), (f"{PLANS} plans", large))
    }
    publish = {
        label: float(_python(env, PUBLISH))
        for label, env in (("1 plan", single), (f"{PLANS} plans", large))
    }
    envs = {"1 plan": single, f"{PLANS} plans": large}
    results = measure(envs, "cold") + measure(envs, "warm")
    single_dir.cleanup()
    large_dir.cleanup()

    print(f"\nGeneration of the national store: {generation}\n")
    print(f"| step | 1 plan | {PLANS} plans |")
    print("| --- | --- | --- |")
    print(
        f"| import of the 2026 report | {imports['1 plan']:.1f} s "
        f"| {imports[f'{PLANS} plans']:.1f} s |"
    )
    print(
        f"| publish one more round | {publish['1 plan']:.2f} s "
        f"| {publish[f'{PLANS} plans']:.2f} s |"
    )
    duration = os.environ["TILTAK_BENCH_DURATION"]
    print(f"\nMedians of {REPEATS} runs of {duration} per page and store, taken in turn.")
    print(
        "\n| page (20 clients) | cache | 1 plan p50 / p99 | "
        f"{PLANS} plans p50 / p99 | p99 ratio | errors |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    failed = 0
    for cache in ("cold", "warm"):
        part = [r for r in results if f" {cache}:" in r[2].name]
        for name in dict.fromkeys(n for n, _, _ in part):
            one = _median([r for n, s, r in part if n == name and s == "1 plan"])
            big = _median([r for n, s, r in part if n == name and s != "1 plan"])
            ratio = big.p99_ms / one.p99_ms
            failed += not ratio <= 2  # also when a store timed out
            print(
                f"| {name} | {cache} | {_ms(one.p50_ms)} / {_ms(one.p99_ms)} "
                f"| {_ms(big.p50_ms)} / {_ms(big.p99_ms)} | {ratio:.2f} × "
                f"| {one.errors + big.errors} |"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
