"""Locust scenario of a reporting round under load: editors save and submit, coordinators review.

Run by bench/rounds_load.py, which prepares the store and the accounts (TILTAK_LOAD_SETUP, a
JSON file) and reads back what the clients did (TILTAK_LOAD_RECORDS) to compare it with the
database. Each editor signs in through the login form and then, over and over, opens one of its
organisation's entries and saves a draft (now and then submits it) through the same form a
browser posts. A refused save is not an error: 409 means someone saved the entry since the page
was opened, 403 means it was submitted or approved meanwhile; both are counted.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

SETUP: dict[str, Any] = json.loads(Path(os.environ["TILTAK_LOAD_SETUP"]).read_text("utf-8"))
RECORDS: list[dict[str, Any]] = []
SUBMIT_SHARE = 0.05  # of the lead editor's saves
APPROVE_SHARE = 0.2  # of the coordinator's reviews; the rest are returned to the editors
VERSION = re.compile(r'name="version" value="(\d+)"')
QUEUED = re.compile(r'name="entries" value="(\d+)"')
_editors = itertools.cycle(SETUP["editors"])
_coordinators = itertools.cycle(SETUP["coordinators"])


def _record(kind: str, **fields: Any) -> None:
    RECORDS.append({"kind": kind, **fields})


@events.test_stop.add_listener
def _write_records(**_: Any) -> None:
    Path(os.environ["TILTAK_LOAD_RECORDS"]).write_text(json.dumps(RECORDS), "utf-8")


class SignedInUser(HttpUser):
    """Signs in through the login form on start."""

    abstract = True
    account: dict[str, Any]

    def sign_in(self) -> None:
        self.client.get("/konto/logg-inn/", name="login page")
        with self.client.post(
            "/konto/logg-inn/",
            data={
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self.csrf(),
            },
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Editor(SignedInUser):
    """An editor in a ministry: opens its measures, saves drafts, sometimes submits."""

    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.account = next(_editors)
        self.sequence = 0
        self.sign_in()

    @task(1)
    def workspace(self) -> None:
        self.client.get("/arbeidsflate/", name="workspace")

    @task(6)
    def update_entry(self) -> None:
        entry = random.choice(self.account["entries"])
        url = f"/arbeidsflate/tiltak/{entry['id']}/"
        with self.client.get(url, name="edit page", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"edit page: {page.status_code}")
                return
            found = VERSION.search(page.text)
            if found is None or 'value="save"' not in page.text:
                _record("not_editable", entry=entry["id"])  # submitted or approved: look only
                return
        version = int(found.group(1))
        submit = entry["lead"] and random.random() < SUBMIT_SHARE
        self.sequence += 1
        narrative = (
            f"Lasttest {self.account['username']} nr. {self.sequence}: arbeidet går videre, "
            f"og departementet rapporterer ny fremdrift (versjon {version + 1})."
        )
        action = "submit" if submit else "save"
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": self.csrf(),
                "version": version,
                "status_label": random.choice(SETUP["labels"]),
                "narrative": narrative,
                "action": action,
            },
            allow_redirects=False,
            name=action,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                _record(
                    "saved", entry=entry["id"], version=version + 1, action=action, text=narrative
                )
            elif response.status_code == 409:
                response.success()
                _record("conflict", entry=entry["id"], version=version, text=narrative)
            elif response.status_code == 403:
                response.success()
                _record("refused", entry=entry["id"])
            else:
                response.failure(f"{action}: {response.status_code}")


class Coordinator(SignedInUser):
    """The coordinating ministry: takes entries from the review queue, returns most of them
    with a comment (so the editors go on) and approves some."""

    fixed_count = len(SETUP["coordinators"])
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.account = next(_coordinators)
        self.queue: list[int] = []
        self.sign_in()

    @task
    def review(self) -> None:
        base = f"/koordinator/{SETUP['plan']}/{SETUP['round']}/"
        if not self.queue:
            page = self.client.get(base, name="review queue")
            self.queue = [int(i) for i in QUEUED.findall(page.text)]
            random.shuffle(self.queue)
            self.queue = self.queue[:5]
            return
        entry = self.queue.pop()
        self.client.get(f"{base}tiltak/{entry}/", name="review entry page")
        approve = random.random() < APPROVE_SHARE
        data = {"csrfmiddlewaretoken": self.csrf(), "action": "approve" if approve else "return"}
        if not approve:
            data["comment"] = "Oppdater omtalen med resultatene så langt."
        with self.client.post(
            f"{base}tiltak/{entry}/",
            data=data,
            allow_redirects=False,
            name=data["action"],
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                _record("approved" if approve else "returned", entry=entry)
            elif response.status_code == 403:  # the other coordinator was first
                response.success()
                _record("review_refused", entry=entry)
            else:
                response.failure(f"{data['action']}: {response.status_code}")
