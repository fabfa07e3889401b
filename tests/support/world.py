"""The reporting-round world (a plugin in the root conftest): a small plan, a published round,
a draft round and one account per role, as the `world` fixture and `build_world()`."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tiltak.accounts.models import PlanRole, Profile
from tiltak.plans.models import (
    Measure,
    MeasureResponsibility,
    Organisation,
    Plan,
)
from tiltak.rounds import services
from tiltak.rounds.models import ReportingRound, StatusEntry

PASSWORD = "korrekt-hest-batteri-stift"


def round_settings(settings: Any) -> None:
    """Plain static files, no report rendering on publish, e-mail kept in memory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # argon2 is slow by design; the fixtures' accounts do not need it (test_security does).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """The plan, its rounds, and one user per role."""

    plan: Plan
    published: ReportingRound
    draft: ReportingRound
    jd: Organisation
    hod: Organisation
    bfd: Organisation
    users: dict[str, User]

    def open(self, deadline: date | None = None) -> ReportingRound:
        """Open the draft round as the coordinator."""
        deadline = deadline or date.today() + timedelta(days=14)
        self.draft = services.open_round(self.users["coordinator"], self.draft, deadline=deadline)
        return self.draft

    def entry(self, number: str, rnd: ReportingRound | None = None) -> StatusEntry:
        """The entry of measure `number` in `rnd` (default the draft/open round)."""
        return StatusEntry.objects.get(round=rnd or self.draft, measure__number=number)

    def client(self, role: str) -> Client:
        """A test client signed in as `role` (anonymous for "anonymous")."""
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def _user(username: str, *, org: Organisation | None = None, **flags: Any) -> User:
    user = User.objects.create_user(
        username, email=f"{username}@example.no", password=PASSWORD, **flags
    )
    if org is not None:
        Profile.objects.create(user=user, organisation=org)
    return user


@pytest.fixture
def world(db: None) -> World:
    """The hand-built world (see build_world)."""
    return build_world()


def build_world() -> World:
    """Measures 1 (JD), 2 (JD lead, HOD), 3 (BFD); a published round and a draft round."""
    jd = Organisation.objects.create(acronym="JD", name="Justisdepartementet", kind="ministry")
    hod = Organisation.objects.create(acronym="HOD", name="Helsedepartementet", kind="ministry")
    bfd = Organisation.objects.create(
        acronym="BFD", name="Barne- og familiedepartementet", kind="ministry"
    )
    plan = Plan.objects.create(
        slug="testplan", title="Handlingsplan for prøving (2025–2028)", coordinating_organisation=jd
    )
    measures = {}
    for order, (number, title, orgs) in enumerate(
        [
            ("1", "Styrke politiets arbeid", [jd]),
            ("2", "Bedre helsetilbudet til utsatte barn", [jd, hod]),
            ("3", "Etablere flere barnehus", [bfd]),
        ]
    ):
        measure = Measure.objects.create(plan=plan, number=number, title=title, order=order)
        for position, org in enumerate(orgs):
            MeasureResponsibility.objects.create(
                measure=measure, organisation=org, position=position
            )
        measures[number] = measure
    published = ReportingRound.objects.create(
        plan=plan,
        title="Status våren 2025",
        slug="status-varen-2025",
        as_of="2025-06",
        state="published",
        published_at=datetime(2025, 6, 30, 12, tzinfo=UTC),
    )
    for number, label, status in [
        ("1", "Under arbeid", "in_progress"),
        ("2", "Ikke startet", "not_started"),
        ("3", "Gjennomført", "completed"),
    ]:
        StatusEntry.objects.create(
            round=published,
            measure=measures[number],
            status=status,
            status_label=label,
            narrative=f"Omtale av tiltak {number} i 2025.",
            workflow_state="approved",
        )
    draft = ReportingRound.objects.create(
        plan=plan, title="Status våren 2026", slug="status-varen-2026", as_of="2026-06"
    )
    users = {
        "reader": _user("leser"),
        "lead_editor": _user("jd-redaktor", org=jd),
        "co_editor": _user("hod-redaktor", org=hod),
        "unrelated_editor": _user("bfd-redaktor", org=bfd),
        "coordinator": _user("koordinator"),
        "admin": _user("admin", is_staff=True, is_superuser=True),
    }
    PlanRole.objects.create(user=users["reader"], plan=plan, role="reader")
    PlanRole.objects.create(user=users["coordinator"], plan=plan, role="coordinator")
    return World(plan, published, draft, jd, hod, bfd, users)


def edited_workbook(data: bytes, changes: dict[str, str]) -> bytes:
    """The workbook with the narrative of each measure number in `changes` replaced."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["tiltak"]
    header = [cell.value for cell in sheet[1]]
    number_col = header.index("number") + 1
    narrative_col = header.index("narrative") + 1
    for row in range(2, sheet.max_row + 1):
        number = str(sheet.cell(row, number_col).value)
        if number in changes:
            sheet.cell(row, narrative_col).value = changes[number]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
