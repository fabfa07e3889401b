"""Status vocabulary, responsible parsing and the organisation registry."""

from __future__ import annotations

import pytest

from tiltak.documents.normalise.organisations import OrganisationRegistry, parse_responsible
from tiltak.documents.normalise.status import normalise_status


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Ikke startet", "not_started"),
        ("ikkje starta", "not_started"),
        ("Ikke igangsatt", "not_started"),
        ("Under arbeid", "in_progress"),
        ("Påbegynt", "in_progress"),
        ("Begynt", "in_progress"),
        ("Byrja", "in_progress"),
        ("Påbyrja", "in_progress"),
        ("PÅGÅR", "in_progress"),
        ("Igangsatt", "in_progress"),
        ("Gjennomført", "completed"),
        ("Ferdig", "completed"),
        ("Fullført", "completed"),
        ("Avsluttet", "completed"),
        ("Løpende", "ongoing"),
        ("Løpande", "ongoing"),
        ("**Gjennomført**", "completed"),
        ("Gjennomført*", "completed"),
        ("Gjennomført (2025)", "completed"),
        ("Under vurdering", None),
        ("", None),
    ],
)
def test_status_vocabulary(label: str, status: str | None) -> None:
    assert normalise_status(label) == status


@pytest.mark.parametrize(
    ("raw", "acronyms", "everyone"),
    [
        ("JD, alle", ["JD"], True),
        ("JD, BFD og HOD", ["JD", "BFD", "HOD"], False),
        ("HOD, BFD og KD", ["HOD", "BFD", "KD"], False),
        ("AID (JD)", ["AID", "JD"], False),
        ("JD/Alle", ["JD"], True),
        ("Alle", [], True),
        ("AID, alle*", ["AID"], True),
        ("KUD og HOD", ["KUD", "HOD"], False),
        ("JD, UD, \nBFD og \nKMD", ["JD", "UD", "BFD", "KMD"], False),
        ("Justis- og beredskapsdepartementet og BFD", ["JD", "BFD"], False),
        ("jd", ["JD"], False),
    ],
)
def test_responsible(raw: str, acronyms: list[str], everyone: bool) -> None:
    parsed = parse_responsible(raw, OrganisationRegistry(year=2026))
    assert (parsed.acronyms, parsed.all, parsed.unknown) == (acronyms, everyone, [])


def test_unknown_acronyms_are_kept_and_reported() -> None:
    parsed = parse_responsible("JD, XYZ", OrganisationRegistry())
    assert parsed.acronyms == ["JD", "XYZ"]
    assert parsed.unknown == ["XYZ"]


@pytest.mark.parametrize(
    ("acronym", "year", "name", "successor"),
    [
        ("BLD", 2015, "Barne-, likestillings- og inkluderingsdepartementet", "BFD"),
        ("BFD", 2024, "Barne- og familiedepartementet", None),
        ("AD", 2012, "Arbeidsdepartementet", "ASD"),
        ("KMD", 2020, "Kommunal- og moderniseringsdepartementet", "KDD"),
        ("KUD", 2021, "Kulturdepartementet", "KUD"),
        ("KUD", 2024, "Kultur- og likestillingsdepartementet", None),
        ("JD", 2010, "Justis- og politidepartementet", "JD"),
        ("AID", 2026, "Arbeids- og inkluderingsdepartementet", None),
    ],
)
def test_registry_knows_ministries_by_year(
    acronym: str, year: int, name: str, successor: str | None
) -> None:
    organisation = OrganisationRegistry(year=year).resolve(acronym)
    assert organisation is not None
    assert (organisation.name, organisation.successor) == (name, successor)


def test_the_document_s_own_acronym_list_wins() -> None:
    registry = OrganisationRegistry(year=2026)
    registry.declare("NKVTS", "Nasjonalt kunnskapssenter om vold og traumatisk stress")
    assert registry.resolve("NKVTS").name.startswith("Nasjonalt")  # type: ignore[union-attr]
    assert registry.canonical("nkvts") == "NKVTS"
