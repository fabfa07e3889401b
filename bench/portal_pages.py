"""The public pages of every type, warm and cold, at 20 concurrent clients.

A fresh store with the 2026 report; a second published round («Status høsten 2026», imported as
an exchange file with new statuses and narratives for a third of the measures) makes the data
change. Warm: wrk asks for one address again and again (the portal's page cache answers), for
every public page type, in bokmål and (for the plan page) nynorsk and English. Cold: right after
the data change, 20 clients crawl 200 distinct addresses once each (every measure page, the
lists, filters, search, changes, feed, CSV, open data), so every answer is rendered afresh.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal import BIN, CONNECTIONS, CORPUS, PLAN_SLUG, Result, print_table, running, tiltak, wrk

CRAWL_SIZE = 200
PORT = 8014


def page_types(base: str) -> list[tuple[str, str, dict[str, str]]]:
    """(name, address, headers) of every public page type."""
    plan = f"{base}/planer/{PLAN_SLUG}"
    return [
        ("front page", f"{base}/", {}),
        ("plan index", f"{base}/planer/", {}),
        ("organisation index", f"{base}/organisasjoner/", {}),
        ("plan page", f"{plan}/", {}),
        ("plan page, nynorsk", f"{plan}/", {"Accept-Language": "nn"}),
        ("plan page, English", f"{plan}/", {"Accept-Language": "en"}),
        ("measure list", f"{plan}/tiltak/", {}),
        ("measure", f"{plan}/tiltak/12/", {}),
        ("search", f"{plan}/tiltak/?q=overgrep", {}),
        ("search, misspelt («Mente du»)", f"{plan}/tiltak/?q=barnehsu", {}),
        ("search, compound", f"{plan}/tiltak/?q=nettovergrep", {}),
        ("changes with narrative diffs", f"{plan}/endringer/", {}),
        ("Atom feed", f"{plan}/atom/", {}),
        ("CSV of the measure list", f"{plan}/tiltak.csv", {}),
        ("open data page", f"{base}/data/", {}),
    ]


def crawl_addresses(base: str, numbers: list[str]) -> list[str]:
    """200 distinct public addresses: every measure, then lists, filters and searches."""
    plan = f"{base}/planer/{PLAN_SLUG}"
    addresses = [f"{plan}/tiltak/{number}/" for number in numbers]
    addresses += [
        f"{base}/",
        f"{base}/planer/",
        f"{base}/organisasjoner/",
        f"{plan}/",
        f"{plan}/endringer/",
        f"{plan}/atom/",
        f"{plan}/tiltak.csv",
        f"{base}/data/",
    ]
    words = [
        "vold",
        "overgrep",
        "barn",
        "politi",
        "barnehus",
        "nettovergrep",
        "kompetanse",
        "forskning",
        "digital",
        "helse",
        "skole",
        "rettssikkerhet",
        "voldd",
        "barnehsu",
    ]
    addresses += [f"{plan}/tiltak/?q={word}" for word in words]
    for status in ("not_started", "in_progress", "completed", "ongoing"):
        addresses += [f"{plan}/tiltak/?status={status}", f"{plan}/tiltak.csv?status={status}"]
    page = 2
    while len(addresses) < CRAWL_SIZE:
        addresses.append(f"{plan}/tiltak/?q=tiltak&side={page}")
        page += 1
    return addresses[:CRAWL_SIZE]


def fetch(url: str) -> tuple[float, int]:
    """Seconds and status of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - start, status


def crawl(name: str, addresses: list[str]) -> Result:
    """Every address once, by 20 clients at a time."""
    start = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        answers = list(pool.map(fetch, addresses))
    elapsed = time.perf_counter() - start
    seconds = sorted(s for s, _ in answers)
    p99 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))]
    failed = [
        (url, status) for url, (_, status) in zip(addresses, answers, strict=True) if status >= 400
    ]
    for url, status in failed:
        print(f"  {status} {url}", flush=True)
    errors = len(failed)
    slowest = sorted(zip(answers, addresses, strict=True), reverse=True)[:5]
    print(
        "  slowest: "
        + ", ".join(f"{s * 1000:.0f} ms {u.split('/', 3)[3]}" for (s, _), u in slowest)
    )
    return Result(
        name, len(addresses) / elapsed, statistics.median(seconds) * 1000, p99 * 1000, errors
    )


def autumn_round(env: dict[str, str], directory: Path) -> tuple[Path, list[str]]:
    """An exchange file of a second round (a third of the measures with a new status and text),
    and the measures' numbers."""
    exported = subprocess.run(
        [str(BIN / "tiltak"), "export", PLAN_SLUG, "--format", "csv"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    for index, row in enumerate(rows):
        row["round"], row["round_as_of"] = "Status høsten 2026", "2026-12"
        if index % 3 == 0:
            row["status"], row["status_label"] = "in_progress", ""
            row["narrative"] = (row["narrative"] or "") + " Arbeidet ble videreført i høst."
    path = directory / "autumn.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path, [row["number"] for row in rows]


def warm(base: str, label: str) -> list[Result]:
    results = []
    for name, url, headers in page_types(base):
        results.append(wrk(f"{label}: {name}", url, headers=headers))
    return results


def main() -> int:
    if not CORPUS.is_dir():
        print(f"bench: the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        env = {**os.environ, "TILTAK_DATA_DIR": folder, "SECRET_KEY": "bench-only-not-secret"}
        tiltak(env, "migrate")
        tiltak(env, "import", str(CORPUS / "plan-2024-2028-status-2026.txt"))
        autumn, numbers = autumn_round(env, directory)
        base = f"http://127.0.0.1:{PORT}"
        with running([str(BIN / "tiltak"), "serve", "--port", str(PORT)], f"{base}/", env):
            tiltak(env, "import", str(autumn))  # the data change: a second published round
            addresses = crawl_addresses(base, numbers)
            results.append(crawl("cold: 200 distinct addresses once each", addresses))
            results.append(crawl("the same 200 again (warm)", addresses))
            results += warm(base, "warm")
    print(f"\n{CONNECTIONS} concurrent clients; warm pages with wrk for each address\n")
    print_table("page", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
