"""Reminders: before and after the deadline, once; the coordinator can send one."""

from __future__ import annotations

import argparse
from datetime import date

from django.core import mail

from tiltak.rounds import cli, services

from .conftest import World

DEADLINE = date(2026, 6, 15)


def _run(today: str, *extra: str) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["remind", "--today", today, *extra])
    return int(args.handler(args))


def test_remind_three_days_before_and_the_day_after(world: World, capsys: object) -> None:
    world.open(DEADLINE)
    assert _run("2026-06-11") == 0 and mail.outbox == []
    assert _run("2026-06-12") == 0
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "bfd-redaktor@example.no",
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    jd_mail = next(m for m in mail.outbox if m.to == ["jd-redaktor@example.no"])
    assert "Påminnelse" in jd_mail.subject and "15.06.2026" in jd_mail.body
    assert "- 1. Styrke politiets arbeid" in jd_mail.body and "- 3." not in jd_mail.body
    _run("2026-06-12")  # the same day again: nothing more
    assert len(mail.outbox) == 3
    # BFD submits; after the deadline only JD and HOD hear about it.
    entry = world.entry("3")
    services.save_entry(
        world.users["unrelated_editor"], entry.pk, expected_version=1, status_label="",
        narrative="Ferdig.", submit=True,
    )  # fmt: skip
    mail.outbox.clear()
    _run("2026-06-16")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hod-redaktor@example.no",
        "jd-redaktor@example.no",
    ]
    assert "Fristen er ute" in mail.outbox[0].subject


def test_dry_run_sends_nothing(world: World) -> None:
    world.open(DEADLINE)
    assert _run("2026-06-12", "--dry-run") == 0
    assert mail.outbox == []


def test_coordinator_sends_from_the_progress_page(world: World) -> None:
    world.open(DEADLINE)
    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/fremdrift/"
    assert world.client("lead_editor").post(url).status_code == 403
    assert world.client("reader").post(url).status_code == 403
    assert mail.outbox == []
    response = world.client("coordinator").post(url)
    assert response.status_code == 302 and len(mail.outbox) == 3


def test_reminders_link_each_measure_absolutely_and_keep_whole_titles(
    world: World, settings: object
) -> None:
    from tiltak.plans.models import Measure

    setattr(settings, "TILTAK_BASE_URL", "https://tiltak.example.no/")  # noqa: B010
    long_title = "Styrke politiets arbeid " + "med vold i nære relasjoner " * 8 + "i hele landet"
    Measure.objects.filter(plan=world.plan, number="1").update(title=long_title)
    world.open(DEADLINE)
    assert _run("2026-06-12") == 0
    jd_mail = next(m for m in mail.outbox if m.to == ["jd-redaktor@example.no"])
    entry = world.entry("1")
    assert f"- 1. {long_title}\n" in jd_mail.body
    assert f"  https://tiltak.example.no/arbeidsflate/tiltak/{entry.pk}/" in jd_mail.body
    assert "https://tiltak.example.no/arbeidsflate/" in jd_mail.body
    assert " /arbeidsflate/" not in jd_mail.body


def test_without_a_base_url_links_are_still_absolute(world: World, settings: object) -> None:
    setattr(settings, "TILTAK_BASE_URL", "")  # noqa: B010
    world.open(DEADLINE)
    assert _run("2026-06-12") == 0
    assert "http://127.0.0.1:8000/arbeidsflate/" in mail.outbox[0].body
