"""Open data files: published rounds in the exchange format (CSV, XLSX, JSON) and DCAT-AP-NO.

JSON is {"header": {...}, "rows": [{column: text, ...}, ...]} with the exchange format's
columns and values, so it re-imports exactly like the CSV (read_json).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tiltak.api.selectors import public_plans, published_rounds
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import (
    COLUMNS,
    ExchangeError,
    ExchangeRow,
    RowError,
    export_rounds,
    validate_rows,
    write_csv,
    write_xlsx,
)
from tiltak.rounds.models import ReportingRound, StatusEntry

NLOD = "http://data.norge.no/nlod/no/2.0"
JSON_FORMAT = "tiltak-exchange"
JSON_VERSION = 1
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
THEMES = (EU + "data-theme/JUST", EU + "data-theme/SOCI")
FREQUENCY = EU + "frequency/ANNUAL_2"  # semi-annual; rounds are published once or twice a year
LANGUAGE = EU + "language/NOB"
ACCESS_PUBLIC = EU + "access-right/PUBLIC"


@dataclass(frozen=True, slots=True)
class FileFormat:
    """A download format: suffix, media type, EU file type and writer."""

    suffix: str
    media_type: str
    eu_file_type: str
    label: str
    write: Callable[[Plan, list[ExchangeRow]], bytes]


def _write_json(plan: Plan, rows: list[ExchangeRow]) -> bytes:
    """The rows as JSON objects after a small header; each row also says whether it was
    updated_this_round (false: the previous round's status, carried forward)."""
    rounds: dict[str, str] = {}
    for row in rows:
        rounds.setdefault(row.round, row.round_as_of)
    carried = set(
        StatusEntry.objects.filter(round__plan=plan, updated_this_round=False).values_list(
            "round__title", "measure__number"
        )
    )
    document = {
        "header": {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "plan": plan.slug,
            "plan_title": plan.title,
            "rounds": [{"round": title, "round_as_of": as_of} for title, as_of in rounds.items()],
            "columns": list(COLUMNS),
            "license": data_license(),
            "rows": len(rows),
        },
        "rows": [
            dict(zip(COLUMNS, row.values(), strict=True))
            | {"updated_this_round": (row.round, row.number) not in carried}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


FORMATS: dict[str, FileFormat] = {
    "csv": FileFormat(
        "csv", "text/csv", EU + "file-type/CSV", "CSV", lambda plan, rows: write_csv(rows)
    ),
    "xlsx": FileFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EU + "file-type/XLSX",
        "Excel (XLSX)",
        lambda plan, rows: write_xlsx(rows),
    ),
    "json": FileFormat("json", "application/json", EU + "file-type/JSON", "JSON", _write_json),
}


def data_license() -> str:
    """The licence URI: setting or environment TILTAK_DATA_LICENSE, else NLOD 2.0."""
    return (
        getattr(settings, "TILTAK_DATA_LICENSE", None)
        or os.environ.get("TILTAK_DATA_LICENSE", "").strip()
        or NLOD
    )


def render(plan: Plan, rnd: ReportingRound | None, fmt: str) -> bytes:
    """The published round (or all the plan's published rounds) in the format."""
    rounds = [rnd] if rnd is not None else list(published_rounds(plan))
    return FORMATS[fmt].write(plan, export_rounds(plan, rounds))


def read_json(data: bytes, *, source: str = "file") -> list[ExchangeRow]:
    """Read and validate an open-data JSON file as exchange rows."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExchangeError(source, [RowError(0, f"not valid JSON: {error}")]) from None
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise ExchangeError(source, [RowError(0, "the JSON has no list 'rows'")])
    records: list[list[str]] = []
    for index, row in enumerate(rows, start=2):
        if not isinstance(row, dict) or set(row) - {"updated_this_round"} != set(COLUMNS):
            raise ExchangeError(source, [RowError(index, "a row must have exactly the columns")])
        records.append([str(row[c]) if row[c] is not None else "" for c in COLUMNS])
    return validate_rows(records, source=source)


# DCAT-AP-NO


@dataclass(frozen=True, slots=True)
class Download:
    """One distribution: a file of a plan (one round, or all rounds) in one format."""

    plan: Plan
    rnd: ReportingRound | None
    fmt: FileFormat
    url: str


Resolver = Callable[[Plan, ReportingRound | None, str], str]


def downloads(plan: Plan, url: Resolver) -> list[Download]:
    """The plan's files: all rounds, then each published round, in every format."""
    items: list[Download] = []
    for rnd in [None, *published_rounds(plan)]:
        for fmt in FORMATS.values():
            items.append(Download(plan, rnd, fmt, url(plan, rnd, fmt.suffix)))
    return items


# The page for people at /data/

LICENSE_NAMES: dict[str, Promise] = {NLOD: _("Norsk lisens for offentlige data (NLOD) 2.0")}
COLUMN_DESCRIPTIONS: dict[str, Promise] = {
    "plan": _("planens kortnavn (som i adressen)"),
    "plan_title": _("planens tittel"),
    "round": _("rapporteringsrundens navn"),
    "round_as_of": _("datoen statusen gjelder per (år, år-måned eller dato)"),
    "number": _("tiltakets nummer i planen"),
    "kind": _("measure (tiltak) eller request (anmodningsvedtak fra Stortinget)"),
    "chapter": _("kapittelets nummer"),
    "chapter_title": _("kapittelets tittel"),
    "title": _("tiltakets tittel"),
    "responsible": _("ansvarlige organisasjoner (forkortelser), den ledende først"),
    "responsible_all": _("ja når alle departementene er ansvarlige"),
    "status": _("statusnøkkel (for eksempel completed eller in_progress), tom uten status"),
    "status_label": _("statusen i ord, slik den vises i portalen"),
    "narrative": _("departementets omtale av arbeidet (Markdown)"),
}


@dataclass(frozen=True, slots=True)
class FileSet:
    """One file offered in every format: a plan's rounds together, or one round."""

    rnd: ReportingRound | None
    links: list[tuple[str, str]]  # (format label, absolute URL)
    changed: datetime | None


@dataclass(frozen=True, slots=True)
class PlanFiles:
    """A public plan's files for the open data page."""

    plan: Plan
    files: list[FileSet]


def license_name(uri: str) -> str:
    """A licence's name for people (its URI when we do not know the name)."""
    return str(LICENSE_NAMES.get(uri, uri))


def plan_files(url: Resolver) -> list[PlanFiles]:
    """Every public plan's files: all rounds together, then each published round, newest first."""
    result: list[PlanFiles] = []
    for plan in public_plans():
        rounds = list(published_rounds(plan))
        latest = max((r.published_at for r in rounds if r.published_at), default=None)
        sets = [FileSet(None, _links(plan, None, url), latest)]
        sets += [FileSet(r, _links(plan, r, url), r.published_at) for r in reversed(rounds)]
        result.append(PlanFiles(plan, sets))
    return result


def _links(plan: Plan, rnd: ReportingRound | None, url: Resolver) -> list[tuple[str, str]]:
    """(label, URL) of the file in every format."""
    return [(fmt.label, url(plan, rnd, fmt.suffix)) for fmt in FORMATS.values()]


def _text(value: str) -> dict[str, str]:
    """A Norwegian bokmål literal."""
    return {"@value": value, "@language": "nb"}


def _iri(value: str) -> dict[str, str]:
    """An IRI reference."""
    return {"@id": value}


def _keywords(plan: Plan) -> list[dict[str, str]]:
    """Norwegian keywords: the plan's kind, what the data is, and the title's main words."""
    skip = {"mot", "og", "i", "for", "av", "til", "med", "om", "på", "nære", "alle"}
    words = ["tiltak", "statusrapportering", "oppfølging", plan.get_kind_display().lower()]
    for word in plan.title.replace("(", " ").replace(")", " ").split():
        word = word.strip(",.–-").lower()
        if len(word) > 3 and word not in skip and not word[:1].isdigit() and word not in words:
            words.append(word)
    return [_text(w) for w in words]


def _agent(base: str, plan: Plan) -> dict[str, Any]:
    """The plan's publisher: its coordinating organisation (or the catalogue's publisher)."""
    org = plan.coordinating_organisation
    name = org.name if org else catalogue_publisher_name()
    key = org.acronym if org else "tiltak"
    return {
        "@id": f"{base}/data/dcat.jsonld#publisher-{key.lower()}",
        "@type": "foaf:Agent",
        "foaf:name": _text(name),
    }


def catalogue_publisher_name() -> str:
    """The catalogue's publisher: setting TILTAK_DATA_PUBLISHER, else the first plan's owner."""
    configured = getattr(settings, "TILTAK_DATA_PUBLISHER", None) or os.environ.get(
        "TILTAK_DATA_PUBLISHER", ""
    )
    if configured:
        return str(configured)
    plan = public_plans().filter(coordinating_organisation__isnull=False).first()
    return (
        plan.coordinating_organisation.name if plan and plan.coordinating_organisation else "Tiltak"
    )


def dcat_catalogue(base: str, url: Resolver, plans: Sequence[Plan] | None = None) -> dict[str, Any]:
    """The DCAT-AP-NO catalogue of the public plans as a JSON-LD document.

    base is the site's absolute URL without a trailing slash; url(plan, round, suffix) gives a
    file's absolute URL.
    """
    plans = list(public_plans()) if plans is None else list(plans)
    licence = data_license()
    datasets: list[dict[str, Any]] = []
    for plan in plans:
        files = downloads(plan, url)
        rounds = list(published_rounds(plan))
        modified = max((r.published_at for r in rounds if r.published_at), default=None)
        dataset_id = f"{base}/data/{plan.slug}"
        dataset: dict[str, Any] = {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "dct:identifier": dataset_id,
            "dct:title": _text(f"Tiltak og status: {plan.title}"),
            "dct:description": _text(
                f"Tiltakene i {plan.title} med status per publiserte rapporteringsrunde "
                f"({len(rounds)} runder): én rad per tiltak per runde, med nummer, kapittel, "
                "tittel, ansvarlige departementer, status og omtale."
            ),
            "dct:publisher": _agent(base, plan),
            "dcat:contactPoint": {
                "@type": "vcard:Organization",
                "vcard:fn": _text(
                    plan.coordinating_organisation.name
                    if plan.coordinating_organisation
                    else catalogue_publisher_name()
                ),
            },
            "dcat:theme": [_iri(t) for t in THEMES],
            "dcat:keyword": _keywords(plan),
            "dct:language": _iri(LANGUAGE),
            "dct:accessRights": _iri(ACCESS_PUBLIC),
            "dct:accrualPeriodicity": _iri(FREQUENCY),
            "dcat:distribution": [_distribution(d, licence) for d in files],
        }
        if plan.period_start and plan.period_end:
            dataset["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": {"@value": f"{plan.period_start}-01-01", "@type": "xsd:date"},
                "dcat:endDate": {"@value": f"{plan.period_end}-12-31", "@type": "xsd:date"},
            }
        if modified is not None:
            dataset["dct:modified"] = {"@value": modified.isoformat(), "@type": "xsd:dateTime"}
        datasets.append(dataset)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{base}/data/dcat.jsonld#catalog",
        "@type": "dcat:Catalog",
        "dct:title": _text("Tiltak: åpne data om handlingsplaner og status for tiltak"),
        "dct:description": _text(
            "Regjeringens handlingsplaner, strategier og opptrappingsplaner med status for hvert "
            "tiltak per publiserte rapporteringsrunde, som CSV, Excel og JSON."
        ),
        "dct:publisher": {
            "@id": f"{base}/data/dcat.jsonld#catalog-publisher",
            "@type": "foaf:Agent",
            "foaf:name": _text(catalogue_publisher_name()),
        },
        "dct:language": _iri(LANGUAGE),
        "dct:license": _iri(licence),
        "dcat:dataset": datasets,
    }


def _distribution(item: Download, licence: str) -> dict[str, Any]:
    """One file as a dcat:Distribution."""
    what = item.rnd.title if item.rnd is not None else "Alle publiserte runder"
    return {
        "@id": item.url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _text(f"{what} ({item.fmt.label})"),
        "dct:description": _text(
            f"{what} av {item.plan.title} i utvekslingsformatet, én rad per tiltak per runde."
        ),
        "dcat:accessURL": _iri(item.url),
        "dcat:downloadURL": _iri(item.url),
        "dcat:mediaType": _iri(IANA + item.fmt.media_type),
        "dct:format": _iri(item.fmt.eu_file_type),
        "dct:license": _iri(licence),
    }


def dcat_turtle(document: dict[str, Any]) -> str:
    """The JSON-LD catalogue as Turtle (rdflib; the context is inline, nothing is fetched)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix, uri in document["@context"].items():
        graph.bind(prefix, uri)
    return str(graph.serialize(format="turtle"))
