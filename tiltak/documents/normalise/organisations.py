"""Norwegian ministries and agencies, current and historical, and responsible-field parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Organisation, OrganisationKind

# (acronym, name, kind, valid_from, valid_to, successor). Years are inclusive; None is open.
_REGISTRY: tuple[tuple[str, str, OrganisationKind, int | None, int | None, str | None], ...] = (
    # Ministries today (from 2024).
    ("AID", "Arbeids- og inkluderingsdepartementet", "ministry", 2022, None, None),
    ("BFD", "Barne- og familiedepartementet", "ministry", 2019, None, None),
    ("DFD", "Digitaliserings- og forvaltningsdepartementet", "ministry", 2024, None, None),
    ("ED", "Energidepartementet", "ministry", 2024, None, None),
    ("FIN", "Finansdepartementet", "ministry", None, None, None),
    ("FD", "Forsvarsdepartementet", "ministry", None, None, None),
    ("HOD", "Helse- og omsorgsdepartementet", "ministry", 2002, None, None),
    ("JD", "Justis- og beredskapsdepartementet", "ministry", 2012, None, None),
    ("KLD", "Klima- og miljødepartementet", "ministry", 2014, None, None),
    ("KDD", "Kommunal- og distriktsdepartementet", "ministry", 2022, None, None),
    ("KUD", "Kultur- og likestillingsdepartementet", "ministry", 2022, None, None),
    ("KD", "Kunnskapsdepartementet", "ministry", 2006, None, None),
    ("LMD", "Landbruks- og matdepartementet", "ministry", 2004, None, None),
    ("NFD", "Nærings- og fiskeridepartementet", "ministry", 2014, None, None),
    ("SD", "Samferdselsdepartementet", "ministry", None, None, None),
    ("SMK", "Statsministerens kontor", "ministry", None, None, None),
    ("UD", "Utenriksdepartementet", "ministry", None, None, None),
    # Ministries of earlier governments, with the ministry that took over their work.
    ("AID", "Arbeids- og inkluderingsdepartementet", "ministry", 2006, 2009, "AD"),
    ("AD", "Arbeidsdepartementet", "ministry", 2010, 2013, "ASD"),
    ("ASD", "Arbeids- og sosialdepartementet", "ministry", 2014, 2021, "AID"),
    ("BLD", "Barne-, likestillings- og inkluderingsdepartementet", "ministry", 2010, 2018, "BFD"),
    ("BLD", "Barne- og likestillingsdepartementet", "ministry", 2006, 2009, "BLD"),
    ("FAD", "Fornyings-, administrasjons- og kirkedepartementet", "ministry", 2010, 2013, "KMD"),
    ("FKD", "Fiskeri- og kystdepartementet", "ministry", 2004, 2013, "NFD"),
    ("JD", "Justis- og politidepartementet", "ministry", None, 2011, "JD"),
    ("KMD", "Kommunal- og moderniseringsdepartementet", "ministry", 2014, 2021, "KDD"),
    ("KRD", "Kommunal- og regionaldepartementet", "ministry", 2006, 2013, "KMD"),
    ("KUD", "Kulturdepartementet", "ministry", 2010, 2021, "KUD"),
    ("MD", "Miljøverndepartementet", "ministry", None, 2013, "KLD"),
    ("NHD", "Nærings- og handelsdepartementet", "ministry", None, 2013, "NFD"),
    ("OED", "Olje- og energidepartementet", "ministry", 1978, 2023, "ED"),
    ("UFD", "Utdannings- og forskningsdepartementet", "ministry", 2002, 2005, "KD"),
    # Directorates and agencies that plans name as responsible.
    ("Bufdir", "Barne-, ungdoms- og familiedirektoratet", "directorate", 2013, None, None),
    ("Hdir", "Helsedirektoratet", "directorate", 2002, None, None),
    ("Udir", "Utdanningsdirektoratet", "directorate", 2004, None, None),
    ("IMDi", "Integrerings- og mangfoldsdirektoratet", "directorate", 2006, None, None),
    ("POD", "Politidirektoratet", "directorate", 2001, None, None),
    ("KDI", "Kriminalomsorgsdirektoratet", "directorate", 2013, None, None),
    ("UDI", "Utlendingsdirektoratet", "directorate", None, None, None),
    ("NAV", "Arbeids- og velferdsforvaltningen", "directorate", 2006, None, None),
    ("SfK", "Sekretariatet for konfliktrådene", "directorate", None, None, None),
    ("FHI", "Folkehelseinstituttet", "directorate", None, None, None),
    ("SSB", "Statistisk sentralbyrå", "directorate", None, None, None),
    ("Digdir", "Digitaliseringsdirektoratet", "directorate", 2020, None, None),
    ("KS", "Kommunesektorens organisasjon", "other", None, None, None),
)


@dataclass(slots=True)
class OrganisationRegistry:
    """Acronyms a document may use, its own acronym list first, then the built-in registry."""

    year: int | None = None
    """A year the document is about; picks the name an acronym had then."""
    declared: dict[str, Organisation] = field(default_factory=dict)

    def declare(self, acronym: str, name: str) -> None:
        """Adds an acronym the document itself defines."""
        known = self._builtin(acronym)
        kind = known.kind if known else _guess_kind(name)
        self.declared[acronym] = Organisation(acronym, name, kind)

    def canonical(self, token: str) -> str | None:
        """The acronym as registered for `token` ("jd" → "JD"), or None when unknown."""
        if token in self.declared or self._builtin(token):
            return token
        folded = token.casefold()
        for acronym in (*self.declared, *(row[0] for row in _REGISTRY)):
            if acronym.casefold() == folded:
                return acronym
        return self.by_name(token)

    def by_name(self, name: str) -> str | None:
        """The acronym of an organisation written out in full."""
        folded = " ".join(name.split()).casefold()
        for organisation in self.declared.values():
            if organisation.name.casefold() == folded:
                return organisation.acronym
        for acronym, full, *_ in _REGISTRY:
            if full.casefold() == folded:
                return acronym
        return None

    def resolve(self, acronym: str) -> Organisation | None:
        """The organisation an acronym (or a directorate's name) stands for in this document."""
        found = self.declared.get(acronym) or self._builtin(acronym)
        if found is None and (by_name := self.by_name(acronym)):
            known = self.declared.get(by_name) or self._builtin(by_name)
            if known:
                found = Organisation(acronym, acronym, known.kind)
        return found

    def _builtin(self, acronym: str) -> Organisation | None:
        rows = [row for row in _REGISTRY if row[0] == acronym]
        if not rows:
            return None
        if self.year is not None:
            dated = [
                row
                for row in rows
                if (row[3] is None or row[3] <= self.year)
                and (row[4] is None or self.year <= row[4])
            ]
            rows = dated or rows
        acronym_, name, kind, valid_from, valid_to, successor = rows[0]
        return Organisation(acronym_, name, kind, valid_from, valid_to, successor)


def _guess_kind(name: str) -> OrganisationKind:
    lowered = name.casefold()
    if lowered.endswith("departementet") or lowered == "statsministerens kontor":
        return "ministry"
    if "direktorat" in lowered or lowered.endswith(("tilsynet", "etaten", "forvaltningen")):
        return "directorate"
    return "other"


def builtin_organisations() -> list[Organisation]:
    """Every organisation in the built-in registry, current and historical."""
    return [Organisation(*row) for row in _REGISTRY]


@dataclass(slots=True)
class Responsible:
    acronyms: list[str]
    all: bool
    unknown: list[str]


_ALL = re.compile(r"^(alle|alle (?:berørte |involverte )?departement(?:er|ene|a)?)\W*$", re.I)
# "og" separates owners, but not inside "Justis- og beredskapsdepartementet".
# Nor does a comma after a hyphen: "Barne-, ungdoms- og familiedirektoratet".
_SEPARATORS = re.compile(r"\s*(?:(?<!-)[,;/&+]|(?<!-)\s+og\s+|\s+and\s+)\s*", re.I)


def parse_responsible(raw: str, registry: OrganisationRegistry) -> Responsible:
    """Acronyms in document order, the "alle" flag, and tokens that are not known organisations.

    Handles "JD, alle", "JD, BFD og HOD", "AID (JD)", "JD/Alle", "Alle" and "AID, alle*".
    """
    text = re.sub(r"</?[a-z]+>|\*\*", "", raw)
    text = re.sub(r"[*¹²³⁴⁵⁶⁷⁸⁹]+", "", text)
    text = text.replace("(", ",").replace(")", ",").replace("\n", " ")
    acronyms: list[str] = []
    unknown: list[str] = []
    everyone = False
    for token in _SEPARATORS.split(text):
        token = token.strip(" .:–-")
        if not token:
            continue
        if _ALL.match(token):
            everyone = True
            continue
        acronym = registry.canonical(token)
        organisation = registry.resolve(acronym) if acronym and acronym != token else None
        if organisation and organisation.kind != "ministry" and registry.by_name(token):
            # A directorate written out is kept as written; only ministries become acronyms.
            acronym = " ".join(token.split())
        if acronym is None:
            unknown.append(token)
            acronym = token
        if acronym not in acronyms:
            acronyms.append(acronym)
    return Responsible(acronyms, everyone, unknown)
