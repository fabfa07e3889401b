"""The API token throttle is one counter for every worker: two processes on the same database
let 30 failed attempts through from one address in all, not 30 each, and a valid token from
that address still gets in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.process_db import DJANGO, KINDS, TIMEOUT, fresh_database, python

ATTEMPTS = 25  # per process: 50 in all, more than the limit of 30
SETUP = """
from django.contrib.auth.models import User
from tiltak.api import tokens
user = User.objects.create_user("koordinator", password="x")
print(tokens.create_token(user, "test")[1])
"""
WORKER = """
import json, sys
from django.test import RequestFactory
from ninja.errors import Throttled
from tiltak.api.write.auth import TokenAuth

def attempt(secret):
    request = RequestFactory().get("/api/me", REMOTE_ADDR="192.0.2.1")
    try:
        return 401 if TokenAuth().authenticate(request, secret) is None else 200
    except Throttled:
        return 429

answers = [attempt("tiltak_00000000_feil") for _ in range(int(sys.argv[1]))]
print(json.dumps(dict(answers=answers, valid=attempt(sys.argv[2]))))
"""


@pytest.mark.parametrize("kind", KINDS)
def test_two_worker_processes_share_one_limit(tmp_path: Path, kind: str) -> None:
    with fresh_database(kind, tmp_path) as env:
        secret = python(env, SETUP)
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", DJANGO + WORKER, str(ATTEMPTS), secret],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=TIMEOUT)
            assert worker.returncode == 0, err[-2000:]
            results.append(json.loads(out.strip().splitlines()[-1]))
    answers = [a for result in results for a in result["answers"]]
    refused = answers.count(401)
    # Two processes may both count 29 and both go on: at most one extra per other process.
    assert 30 <= refused <= 31, answers
    assert answers.count(429) == 2 * ATTEMPTS - refused
    # One process may finish its 25 before the other starts; the later one ends refused.
    assert any(result["answers"][-1] == 429 for result in results)
    assert [result["valid"] for result in results] == [200, 200]
