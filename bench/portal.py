"""Portal throughput and latency at 20 concurrent clients, beside Datasette on the same data.

Starts `tiltak serve` on a fresh store (the corpus report and strategy imported with their
narratives) and Datasette on an SQLite file holding the same measures table, measures each page
with wrk (20 connections, 2 threads) and prints a Markdown table. Then does the same for a
synthetic store of 100 plans × 150 measures × 10 rounds.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = ROOT / ".venv" / "bin"
CORPUS = ROOT.parent / "shared" / "corpus"
PLAN_SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
CONNECTIONS = 20
DURATION = os.environ.get("TILTAK_BENCH_DURATION", "10s")
# Plans, measures per plan and rounds per plan of the synthetic store.
SYNTHETIC = os.environ.get("TILTAK_BENCH_SYNTHETIC", "100, 150, 10")


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _milliseconds(value: str) -> float:
    match = re.match(r"[\d.]+", value)
    if match is None:  # wrk prints "-nan" when nothing came back
        return float("nan")
    number = float(match.group(0))
    if value.endswith("us"):
        return number / 1000
    if value.endswith("ms"):
        return number
    if value.endswith("s"):
        return number * 1000
    return number


def wrk(name: str, url: str, headers: dict[str, str] | None = None) -> Result:
    """wrk's figures for one URL (with these request headers), after a short warm-up run that
    fills every worker's cache."""
    extra = [
        option for key, value in (headers or {}).items() for option in ("-H", f"{key}: {value}")
    ]
    subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", "-d3s", *extra, url], capture_output=True, check=True
    )
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--timeout",
            "10s",
            "--latency",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    # Anchored: "50%" also ends figures such as "65.50%" in the thread statistics.
    p50 = _milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    print(f"  {name}: {rps:.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms", flush=True)
    errors_match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    errors = int(errors_match.group(1)) if errors_match else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Result(name, rps, p50, p99, errors)


def print_table(first_column: str, results: list[Result]) -> None:
    """The results as a Markdown table."""
    print(f"| {first_column} | requests/s | p50 | p99 | errors |")
    print("| --- | --- | --- | --- | --- |")
    for result in results:
        print(
            f"| {result.name} | {result.requests_per_second:.0f} | {result.p50_ms:.1f} ms "
            f"| {result.p99_ms:.1f} ms | {result.errors} |"
        )


def _wait_for(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def running(command: list[str], url: str, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(url)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def tiltak(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "tiltak"), *args], env=env, capture_output=True, text=True, check=True
    ).stdout


def datasette_database(env: dict[str, str], path: Path) -> None:
    """The plan's measures as one table with full-text search, as a data team would publish it."""
    rows = list(csv.DictReader(io.StringIO(tiltak(env, "export", PLAN_SLUG).lstrip("\ufeff"))))
    connection = sqlite3.connect(path)
    columns = list(rows[0])
    connection.execute(f"create table measures ({', '.join(columns)})")
    connection.executemany(
        f"insert into measures values ({', '.join('?' for _ in columns)})",
        [tuple(row[column] for column in columns) for row in rows],
    )
    connection.execute(
        "create virtual table measures_fts using fts5(title, narrative, content=measures)"
    )
    connection.execute(
        "insert into measures_fts (rowid, title, narrative) select rowid, title, narrative "
        "from measures"
    )
    connection.commit()
    connection.close()


def portal_urls(base: str, plan_slug: str, query: str) -> list[tuple[str, str]]:
    return [
        ("plan page", f"{base}/planer/{plan_slug}/"),
        ("measure list", f"{base}/planer/{plan_slug}/tiltak/"),
        ("search", f"{base}/planer/{plan_slug}/tiltak/?q={query}"),
    ]


def measure_store(label: str, env: dict[str, str], plan_slug: str, port: int) -> list[Result]:
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "tiltak"), "serve", "--port", str(port)]
    results = []
    with running(command, f"{base}/", env):
        for name, url in portal_urls(base, plan_slug, "overgrep"):
            results.append(wrk(f"Tiltak {label}: {name}", url))
        for found in import_module("api").run(base, plan_slug=plan_slug):
            results.append(
                Result(
                    f"Tiltak API {label}: {found.name}",
                    found.requests_per_second,
                    found.p50_ms,
                    found.p99_ms,
                    found.errors,
                )
            )
    return results


def synthetic_store(env: dict[str, str]) -> str:
    """Builds the synthetic store in the data directory of `env`; returns one plan's slug."""
    script = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r});"
        "from tiltak.cli_django import setup_django; setup_django();"
        "from synthetic import make_synthetic_store;"
        f"store = make_synthetic_store({SYNTHETIC});"
        "from tiltak.plans.models import Plan; print(Plan.objects.order_by('id').first().slug)"
    )
    output = subprocess.run(
        [str(BIN / "python"), "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return output.stdout.strip().splitlines()[-1]


def main() -> int:
    if not CORPUS.is_dir():
        print(f"bench: the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "TILTAK_DATA_DIR": directory, "SECRET_KEY": "bench-only-not-secret"}
        tiltak(env, "migrate")
        tiltak(env, "import", str(CORPUS / "plan-2024-2028-status-2026.txt"))
        tiltak(env, "import", str(CORPUS / "strategy-2021-internet-related-abuse.txt"))
        results += measure_store("(1 plan)", env, PLAN_SLUG, 8010)

        database = Path(directory) / "measures.db"
        datasette_database(env, database)
        base = "http://127.0.0.1:8011"
        command = [str(BIN / "datasette"), "serve", str(database), "-p", "8011"]
        with running(command, f"{base}/", env):
            for name, url in (
                ("table page", f"{base}/measures/measures?_size=50"),
                ("filtered", f"{base}/measures/measures?chapter=2"),
                ("search", f"{base}/measures/measures?_search=overgrep"),
            ):
                results.append(wrk(f"Datasette: {name}", url))

    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "TILTAK_DATA_DIR": directory, "SECRET_KEY": "bench-only-not-secret"}
        tiltak(env, "migrate")
        slug = synthetic_store(env)
        results += measure_store("(100 plans × 150 × 10 rounds)", env, slug, 8012)

    print(f"\n{CONNECTIONS} concurrent clients, wrk, {DURATION} per page\n")
    print_table("server and page", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
