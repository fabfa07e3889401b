"""API load test, client side: requests per second and p99 latency at 20 concurrent clients.

`make bench` (the lead's) starts the server and calls `run(base_url)`; this module only sends
requests, to 127.0.0.1 or localhost only, a bounded number per endpoint. Uses wrk when it is at
/usr/bin/wrk, else a small thread-pool load generator.

    python bench/api.py http://127.0.0.1:8000 [--requests 2000]
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

CONCURRENCY = 20
REQUESTS = 2000
PLAN_SLUG = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
ENDPOINTS = (
    ("measures list", "/api/plans/{plan}/measures?page_size=50"),
    ("search", "/api/search?q=vold+barn&page_size=20"),
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True, slots=True)
class Result:
    """One endpoint's figures."""

    name: str
    path: str
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def _check_local(base_url: str) -> tuple[str, int]:
    """Host and port of a local base URL; anything else is refused."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
        raise ValueError(f"only http://127.0.0.1 or localhost, not {base_url!r}")
    return parts.hostname, parts.port or 80


def _percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of the sorted values lie."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(
    base_url: str, path: str, *, requests: int = REQUESTS, concurrency: int = CONCURRENCY
) -> tuple[int, int, float, list[float]]:
    """GET `requests` times over `concurrency` connections: (sent, errors, seconds, latencies)."""
    host, port = _check_local(base_url)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=30)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors += not ok
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), errors, time.perf_counter() - began, latencies


def _wrk(base_url: str, path: str, requests: int) -> Result | None:
    """wrk's figures (for about as long as `requests` would take), or None without wrk."""
    if not shutil.which("wrk", path="/usr/bin"):
        return None
    _check_local(base_url)
    seconds = max(3, min(30, requests // 500))
    out = subprocess.run(
        ["/usr/bin/wrk", "-t2", f"-c{CONCURRENCY}", f"-d{seconds}s", "--latency", base_url + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        value = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out)
        if value is None:
            return 0.0
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[value.group(2)]
        return float(value.group(1)) * scale

    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Result("", path, total, int(bad.group(1)) if bad else 0, rps, ms("50%"), ms("99%"))


def run(
    base_url: str = "http://127.0.0.1:8000",
    *,
    requests: int = REQUESTS,
    use_wrk: bool = True,
    plan_slug: str = PLAN_SLUG,
) -> list[Result]:
    """Measure the API's measures list and search endpoints at 20 concurrent clients."""
    results = []
    for name, template in ENDPOINTS:
        path = template.format(plan=plan_slug)
        measure(base_url, path, requests=CONCURRENCY * 2)  # warm up
        found = _wrk(base_url, path, requests) if use_wrk else None
        if found is None:
            sent, errors, seconds, latencies = measure(base_url, path, requests=requests)
            found = Result(
                name,
                path,
                sent,
                errors,
                sent / seconds if seconds else 0.0,
                _percentile(latencies, 0.5) * 1000,
                _percentile(latencies, 0.99) * 1000,
            )
        results.append(
            Result(
                name,
                path,
                found.requests,
                found.errors,
                found.requests_per_second,
                found.p50_ms,
                found.p99_ms,
            )
        )
    return results


def markdown(results: Sequence[Result]) -> str:
    """The results as a Markdown table."""
    lines = [
        f"| endpoint ({CONCURRENCY} clients) | requests | errors | req/s | p50 | p99 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.name} `{r.path}` | {r.requests} | {r.errors} | {r.requests_per_second:.0f} | "
        f"{r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms |"
        for r in results
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--no-wrk", action="store_true", help="always use the Python client")
    args = parser.parse_args(argv)
    print(markdown(run(args.base_url, requests=args.requests, use_wrk=not args.no_wrk)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
