"""Time search on a synthetic store: `python bench/search.py [--plans 100] [--reuse]`.

Uses the database of DATABASE_URL / TILTAK_DATA_DIR, as the console script does. Prints the
time to build and index the store and per-query median, p99 and max in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from tiltak.cli_django import call_management_command

QUERIES = [
    "vold",
    "barn",
    "arbeid",
    "overgrepet",
    "barnehusene",
    "kommunale handlingsplaner",
    '"vold i nære relasjoner"',
    "barnehus OR overgrep -vold",
    "barneh",
    "kompetanse politi",
    "digitale plattformer",
    "samisk",
    "forskning utsatte barn",
    "ikke finnes xyzzy",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Build (or reuse) the synthetic store, then time the queries."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--measures", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="use the store already there")
    args = parser.parse_args()
    call_management_command("migrate", verbosity=0)
    from synthetic import make_synthetic_store

    from tiltak.plans.models import Plan
    from tiltak.rounds.models import StatusEntry
    from tiltak.search.selectors import search_measures

    if not args.reuse:
        started = time.perf_counter()
        store = make_synthetic_store(args.plans, args.measures, args.rounds)
        print(f"built and indexed {store.entries} entries in {time.perf_counter() - started:.1f} s")
    print(f"entries in the database: {StatusEntry.objects.count()}")
    plan = Plan.objects.filter(slug="syntetisk-7").first()
    cases: list[tuple[str, Callable[[str], Any]]] = [
        ("all plans", lambda q: search_measures(q)),
        ("one plan", lambda q: search_measures(q, plan=plan)),
        ("status+kind", lambda q: search_measures(q, status="in_progress", kind="measure")),
        ("internal", lambda q: search_measures(q, public=False)),
        ("page 3", lambda q: search_measures(q, offset=100)),
    ]
    overall: list[float] = []
    print(f"{'case':12} {'query':30} {'hits':>6} {'median':>8} {'p99':>8} {'max':>8}")
    for name, run in cases:
        for query in QUERIES:
            results = run(query)  # warm
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                run(query)
                times.append((time.perf_counter() - started) * 1000)
            overall += times
            print(
                f"{name:12} {query:30} {results.total:6} {statistics.median(times):8.1f} "
                f"{_percentile(times, 0.99):8.1f} {max(times):8.1f}"
            )
    print(
        f"all {len(overall)} searches: median {statistics.median(overall):.1f} ms, "
        f"p99 {_percentile(overall, 0.99):.1f} ms, max {max(overall):.1f} ms"
    )


if __name__ == "__main__":
    main()
