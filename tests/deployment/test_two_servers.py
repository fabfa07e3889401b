"""Two `tiltak serve` processes share one PostgreSQL database, one Redis cache, one report
folder and one SECRET_KEY (README, "Running on several servers"): what is published through
server A is served at once by server B.

The round is published through A's write API with a personal token (open, save and submit one
entry, approve it, publish); the user, the token and the draft round are made beforehand by a
script in a subprocess against the same database. B has cached the plan page and a search
before; afterwards B must show the new round, serve the report A wrote into the shared folder,
find the new text, and accept a session made by logging in on A. The test makes and drops its
own database and uses an empty Redis database number of its own (flushed at the end); it skips
when PostgreSQL or Redis does not answer. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.process_db import DJANGO, ROOT, python, tiltak

POSTGRES_URL = (
    os.environ.get("TILTAK_TEST_DATABASE_URL", "").strip()
    or "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("TILTAK_TEST_REDIS_URL", "").strip() or "redis://127.0.0.1:6379"
START_TIMEOUT = 300  # seconds for both servers to collect their static files and listen
HTTP_TIMEOUT = 60  # seconds for one request
STOP_TIMEOUT = 10

PLAN = "to-tjenere"
OLD_ROUND = "Status våren 2026"
NEW_ROUND = "Status høsten 2026"
NEW_WORD = "Sjøpapegøyetelling"  # only in the new round's text
MEASURE_1 = "Dele databasen mellom tjenerne"  # the measure whose text has NEW_WORD
PASSWORD = "to-tjenere-passord-1"
EXCHANGE = (
    "plan,plan_title,round,round_as_of,number,kind,chapter,chapter_title,title,responsible,"
    "responsible_all,status,status_label,narrative\n"
    f"{PLAN},Plan for to tjenere,{OLD_ROUND},2026-06,1,measure,1,Felles drift,"
    f"{MEASURE_1},JD,nei,in_progress,Under arbeid,Arbeidet er i gang.\n"
    f"{PLAN},Plan for to tjenere,{OLD_ROUND},2026-06,2,measure,1,Felles drift,"
    "Dele rapportene mellom tjenerne,JD,nei,not_started,Ikke startet,Ikke påbegynt.\n"
)
SETUP = f"""
import json
from django.contrib.auth.models import User
from tiltak.api import tokens
from tiltak.plans.models import Plan
from tiltak.rounds import services
user = User.objects.create_superuser("koordinator", "k@example.no", {PASSWORD!r})
plan = Plan.objects.get(slug={PLAN!r})
rnd = services.create_round(user, plan, title={NEW_ROUND!r}, as_of="2026-10")
print(json.dumps(dict(secret=tokens.create_token(user, "to tjenere")[1], round=rnd.pk,
                      slug=rnd.slug)))
"""


def _address(url: str, default_port: int) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or '127.0.0.1'}:{parts.port or default_port}"


def _answers(url: str, default_port: int) -> bool:
    """Whether something listens at the URL's host and port (a short socket check)."""
    host, port = _address(url, default_port).rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment both servers share: a new database, an empty Redis database number,
    a storage folder and a key; the database is dropped and the Redis database flushed after."""
    if not _answers(POSTGRES_URL, 5432):
        pytest.skip(f"PostgreSQL does not answer at {_address(POSTGRES_URL, 5432)}")
    if not _answers(REDIS_URL, 6379):
        pytest.skip(f"Redis does not answer at {_address(REDIS_URL, 6379)}")
    import psycopg
    import redis

    base = (
        REDIS_URL.rstrip("/").rsplit("/", 1)[0]
        if urlsplit(REDIS_URL).path.strip("/")
        else REDIS_URL
    )
    number = next(
        (n for n in range(15, 0, -1) if redis.Redis.from_url(f"{base}/{n}").dbsize() == 0), None
    )
    if number is None:
        pytest.skip("Redis has no empty database number for this test")
    cache = redis.Redis.from_url(f"{base}/{number}")
    name = f"tiltak_two_servers_{secrets.token_hex(4)}"
    admin = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tiltak.settings",
        "DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + "/" + name,
        "CACHE_URL": f"{base}/{number}",
        "TILTAK_STORAGE_URL": f"file://{tmp_path / 'shared'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "TILTAK_SERVERS": "2",
        "TILTAK_DATA_DIR": str(tmp_path / "setup"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",  # plain http on the loopback address
        "DEBUG": "0",
    }
    try:
        yield env
    finally:
        cache.flushdb()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def serving(env: dict[str, str], *data_dirs: Path) -> Iterator[list[str]]:
    """`tiltak serve` once per data directory, each on a free port, started together (each
    collects its static files first); their base URLs. Always stopped, each whole process
    group (gunicorn and its worker)."""
    processes: list[subprocess.Popen[bytes]] = []
    urls = []
    try:
        for data_dir in data_dirs:
            port = _free_port()
            data_dir.mkdir(parents=True)
            with (data_dir / "serve.log").open("w") as log:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "tiltak.cli", "serve", "--port", str(port),
                         "--workers", "1"],
                        env={**env, "TILTAK_DATA_DIR": str(data_dir)},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )  # fmt: skip
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + START_TIMEOUT
        for process, data_dir, url in zip(processes, data_dirs, urls, strict=True):
            while not _answers(url, 0):
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = (data_dir / "serve.log").read_text()
                    pytest.fail(f"tiltak serve did not start in {data_dir}:\n{log_text}")
                time.sleep(0.5)
        yield urls
    finally:
        for process in processes:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT)


def _api(session: Any, method: str, url: str, secret: str, body: Any = None) -> Any:
    """A write-API call that must succeed; its JSON."""
    response = session.request(
        method,
        url,
        json=body,
        headers={"Authorization": f"Bearer {secret}"},
        timeout=HTTP_TIMEOUT,
    )
    assert response.status_code == 200, (method, url, response.status_code, response.text[:500])
    return response.json()


def _publish_through_api(a: str, secret: str, round_id: int) -> None:
    """Open the draft round, write the new text into measure 1, submit, approve and publish."""
    import requests

    with requests.Session() as api:
        _api(api, "POST", f"{a}/api/rounds/{round_id}/open", secret, {"deadline": "2026-11-01"})
        entries = _api(api, "GET", f"{a}/api/rounds/{round_id}/entries", secret)
        entry = next(e for e in entries if e["number"] == "1")
        body = {
            "status_label": "Gjennomført",
            "narrative": f"Ferdig. {NEW_WORD} ble gjort på begge tjenerne.",
            "expected_version": entry["version"],
            "submit": True,
        }
        _api(api, "PUT", f"{a}/api/entries/{entry['id']}", secret, body)
        _api(api, "POST", f"{a}/api/entries/approve", secret, {"entry_ids": [entry["id"]]})
        published = _api(
            api,
            "POST",
            f"{a}/api/rounds/{round_id}/publish",
            secret,
            {"override_reason": "Tiltak 2 er ikke rapportert i testen."},
        )
        assert published["state"] == "published", published


def _login(a: str) -> str:
    """Log in on server A through the login form; the session cookie's value."""
    import requests

    with requests.Session() as browser:
        form = browser.get(f"{a}/konto/logg-inn/", timeout=HTTP_TIMEOUT)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert match, form.text[:500]
        answer = browser.post(
            f"{a}/konto/logg-inn/",
            data={
                "csrfmiddlewaretoken": match.group(1),
                "username": "koordinator",
                "password": PASSWORD,
            },
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
        )
        assert answer.status_code == 302, answer.text[:500]
        return str(browser.cookies["sessionid"])


def test_what_server_a_publishes_server_b_serves_at_once(
    shared: dict[str, str], tmp_path: Path
) -> None:
    import requests

    tiltak(shared, "migrate")
    exchange = tmp_path / "plan.csv"
    exchange.write_text(EXCHANGE, encoding="utf-8")
    tiltak(shared, "import", str(exchange))
    made = json.loads(python(shared, SETUP))
    reports = tmp_path / "shared" / "reports"
    plan_page = f"/planer/{PLAN}/"
    search_page = f"/planer/{PLAN}/tiltak/?q={NEW_WORD}"

    with serving(shared, tmp_path / "a", tmp_path / "b") as (a, b):

        def get_b(path: str, **kwargs: Any) -> Any:
            response = requests.get(b + path, timeout=HTTP_TIMEOUT, **kwargs)
            assert response.status_code == 200, (path, response.status_code)
            return response

        # B caches the plan page and a search that finds nothing yet.
        before = get_b(plan_page).text
        assert OLD_ROUND in before and NEW_ROUND not in before
        assert MEASURE_1 not in get_b(search_page).text  # the page repeats the query
        assert get_b(f"/api/search?q={NEW_WORD}").json()["count"] == 0
        import redis

        assert redis.Redis.from_url(shared["CACHE_URL"]).dbsize() > 0  # B's pages are cached

        _publish_through_api(a, made["secret"], made["round"])

        # The plan page B had cached is stale now: the shared data version moved on.
        assert NEW_ROUND in get_b(plan_page).text
        # Publishing queued the reports; B says so until a worker has made them.
        assert not reports.exists() or not list(reports.glob(f"{made['round']}-*"))
        pending = requests.get(f"{b}/rapporter/{PLAN}/{made['slug']}.md", timeout=HTTP_TIMEOUT)
        assert pending.status_code == 202 and "Rapporten lages" in pending.text
        tiltak(shared, "worker", "--once")
        # The report the worker wrote into the shared folder is what B serves.
        stored = sorted(reports.glob(f"{made['round']}-*.md"))
        assert len(stored) == 1, sorted(p.name for p in reports.iterdir())
        report = get_b(f"/rapporter/{PLAN}/{made['slug']}.md")
        assert report.content == stored[0].read_bytes() and NEW_WORD in report.text
        assert not (tmp_path / "b" / "reports").exists()
        # The new text is found on B, on the portal and through the API.
        assert MEASURE_1 in get_b(search_page).text
        hits = get_b(f"/api/search?q={NEW_WORD}").json()
        assert hits["count"] == 1 and hits["items"][0]["number"] == "1", hits

        # A session made on A is accepted on B.
        anonymous = requests.get(f"{b}/konto/api-nokler/", allow_redirects=False, timeout=30)
        assert anonymous.status_code == 302
        session = _login(a)
        page = get_b("/konto/api-nokler/", cookies={"sessionid": session}, allow_redirects=False)
        assert "koordinator" in page.text


# The first worker renders slowly (this test only): it marks the start of each report and waits,
# so the test can kill it in the middle of the job.
SLOW_WORKER = """
import sys, time
from pathlib import Path
import tiltak.reports.services as reports
rendered = reports.report_file
def slow_report_file(rnd, fmt):
    Path(sys.argv[1]).write_text(fmt)
    time.sleep(600)
    return rendered(rnd, fmt)
reports.report_file = slow_report_file
from tiltak.cli import main
sys.exit(main(["worker", "--interval", "0.2"]))
"""
PUBLISH = f"""
from django.contrib.auth.models import User
from tiltak.plans.models import Plan
from tiltak.rounds import services
user = User.objects.create_superuser("koordinator", "k@example.no", {PASSWORD!r})
rnd = services.create_round(user, Plan.objects.get(slug={PLAN!r}), title={NEW_ROUND!r},
                            as_of="2026-10")
services.open_round(user, rnd, deadline=__import__("datetime").date(2026, 11, 1))
rnd = services.publish_round(user, rnd, override_reason="Ingen tiltak er rapportert i testen.")
print(rnd.pk)
"""
JOB_STATE = """
from django_tasks_db.models import DBTaskResult
from tiltak.jobs import tasks
job = DBTaskResult.objects.get(task_path=tasks.render_reports.module_path)
print(job.status, len(job.worker_ids))
"""
WORKER_TIMEOUT = 120  # seconds: a hang bound for the worker's start and for its --once run


def test_a_worker_killed_mid_render_leaves_its_job_to_the_next_worker(
    shared: dict[str, str], tmp_path: Path
) -> None:
    tiltak(shared, "migrate")
    exchange = tmp_path / "plan.csv"
    exchange.write_text(EXCHANGE, encoding="utf-8")
    tiltak(shared, "import", str(exchange))
    round_id = python(shared, PUBLISH)
    assert python(shared, JOB_STATE) == "READY 0"

    marker = tmp_path / "rendering"
    with (tmp_path / "worker-1.log").open("w") as log:
        first = subprocess.Popen(
            [sys.executable, "-c", DJANGO + SLOW_WORKER, str(marker)],
            env=shared,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + WORKER_TIMEOUT
        while not marker.exists():
            assert first.poll() is None, (tmp_path / "worker-1.log").read_text()
            assert time.monotonic() < deadline, "the first worker never started rendering"
            time.sleep(0.2)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=STOP_TIMEOUT)
    assert first.returncode == -signal.SIGKILL
    # Killed in the middle of the job: it stays RUNNING, claimed by the dead worker.
    assert python(shared, JOB_STATE) == "RUNNING 1"

    time.sleep(1.5)  # longer than the next worker's job timeout below
    done = tiltak({**shared, "TILTAK_JOB_TIMEOUT": "1"}, "worker", "--once")
    assert "queued again" in done.stdout and "render_reports: done" in done.stdout, done.stdout
    assert python(shared, JOB_STATE) == "SUCCESSFUL 2"
    reports = tmp_path / "shared" / "reports"
    assert sorted(p.suffix for p in reports.glob(f"{round_id}-*")) == [
        ".docx", ".html", ".md", ".pdf"
    ]  # fmt: skip
