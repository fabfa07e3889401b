"""Model constraints, orderings and names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiltak.plans.models import (
    Chapter,
    Measure,
    MeasureReference,
    MeasureResponsibility,
    Organisation,
    Plan,
)
from tiltak.rounds.models import ReportingRound, RoundFinding, StatusEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.create(slug="p", title="Handlingsplan (2021–2024)")


def _fails(create: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()  # type: ignore[operator]


def test_measure_number_unique_within_plan_only(plan: Plan) -> None:
    Measure.objects.create(plan=plan, number="1", title="A")
    _fails(lambda: Measure.objects.create(plan=plan, number="1", title="B"))
    other = Plan.objects.create(slug="q", title="Q")
    assert Measure.objects.create(plan=other, number="1", title="A").pk


def test_measure_kind_and_number_checked(plan: Plan) -> None:
    _fails(lambda: Measure.objects.create(plan=plan, number="2", title="A", kind="bogus"))
    _fails(lambda: Measure.objects.create(plan=plan, number="", title="A"))


def test_plan_slug_unique_and_period_ordered(plan: Plan) -> None:
    _fails(lambda: Plan.objects.create(slug="p", title="Another"))
    _fails(lambda: Plan.objects.create(slug="r", title="R", period_start=2028, period_end=2024))
    _fails(lambda: Plan.objects.create(slug="s", title="S", kind="roadmap"))


def test_chapter_key_unique_in_plan(plan: Plan) -> None:
    Chapter.objects.create(plan=plan, key="1", title="A")
    _fails(lambda: Chapter.objects.create(plan=plan, key="1", title="B"))


def test_status_entry_unique_and_status_checked(plan: Plan) -> None:
    measure = Measure.objects.create(plan=plan, number="1", title="A")
    rnd = ReportingRound.objects.create(plan=plan, title="Status 2025", slug="status-2025")
    StatusEntry.objects.create(round=rnd, measure=measure, status="completed")
    _fails(lambda: StatusEntry.objects.create(round=rnd, measure=measure))
    other = Measure.objects.create(plan=plan, number="2", title="B")
    _fails(lambda: StatusEntry.objects.create(round=rnd, measure=other, status="done"))
    assert StatusEntry.objects.create(round=rnd, measure=other, status=None).status is None


def test_status_entry_measure_must_be_of_round_plan(plan: Plan) -> None:
    other_plan = Plan.objects.create(slug="q", title="Q")
    measure = Measure.objects.create(plan=other_plan, number="1", title="A")
    rnd = ReportingRound.objects.create(plan=plan, title="Status 2025", slug="status-2025")
    with pytest.raises(ValidationError):
        StatusEntry(round=rnd, measure=measure).full_clean()


def test_round_constraints(plan: Plan) -> None:
    ReportingRound.objects.create(plan=plan, title="Status 2025", slug="status-2025")
    _fails(
        lambda: ReportingRound.objects.create(plan=plan, title="Status 2025", slug="status-2025")
    )
    _fails(lambda: ReportingRound.objects.create(plan=plan, title="X", slug="x", state="published"))
    _fails(lambda: ReportingRound.objects.create(plan=plan, title="Y", slug="y", state="gone"))
    rnd = ReportingRound.objects.create(
        plan=plan, title="Z", slug="z", state="published", published_at=timezone.now()
    )
    rnd.as_of = "juni 2026"
    with pytest.raises(ValidationError):
        rnd.full_clean()


def test_responsibility_positions_and_organisations_unique(plan: Plan) -> None:
    measure = Measure.objects.create(plan=plan, number="1", title="A")
    jd = Organisation.objects.create(acronym="JD", name="Justis- og beredskapsdepartementet")
    bfd = Organisation.objects.create(acronym="BFD", name="Barne- og familiedepartementet")
    MeasureResponsibility.objects.create(measure=measure, organisation=bfd, position=1)
    MeasureResponsibility.objects.create(measure=measure, organisation=jd, position=0)
    assert measure.responsible_acronyms() == ["JD", "BFD"]
    _fails(
        lambda: MeasureResponsibility.objects.create(measure=measure, organisation=jd, position=2)
    )
    kud = Organisation.objects.create(acronym="KUD", name="Kultur")
    _fails(
        lambda: MeasureResponsibility.objects.create(measure=measure, organisation=kud, position=0)
    )
    _fails(lambda: Organisation.objects.create(acronym="JD", name="Another"))


def test_organisation_successor_and_kind() -> None:
    old = Organisation.objects.create(acronym="BLD", name="Barne- og likestillingsdep.")
    new = Organisation.objects.create(acronym="BFD", name="Barne- og familiedepartementet")
    old.successor = new
    old.save()
    assert list(new.predecessors.all()) == [old]
    old.successor = old
    _fails(old.save)
    _fails(lambda: Organisation.objects.create(acronym="X", name="X", kind="agency"))


def test_reference_not_to_itself_and_unique(plan: Plan) -> None:
    a = Measure.objects.create(plan=plan, number="1", title="A")
    b = Measure.objects.create(plan=plan, number="2", title="B")
    MeasureReference.objects.create(from_measure=a, to_measure=b)
    _fails(lambda: MeasureReference.objects.create(from_measure=a, to_measure=b))
    _fails(lambda: MeasureReference.objects.create(from_measure=a, to_measure=a))


def test_finding_severity_checked_and_str(plan: Plan) -> None:
    rnd = ReportingRound.objects.create(plan=plan, title="S", slug="s")
    finding = RoundFinding.objects.create(
        round=rnd, code="x", severity="warning", measure_number="3", message="m"
    )
    assert str(finding) == "x (3): m"
    _fails(lambda: RoundFinding.objects.create(round=rnd, code="x", severity="fatal", message="m"))


def test_measures_ordered_by_order(plan: Plan) -> None:
    Measure.objects.create(plan=plan, number="10", title="B", order=1)
    Measure.objects.create(plan=plan, number="9", title="A", order=0)
    assert [m.number for m in plan.measures.all()] == ["9", "10"]
    assert str(plan.measures.first()) == "9. A"
    assert Measure._meta.verbose_name == "tiltak"
