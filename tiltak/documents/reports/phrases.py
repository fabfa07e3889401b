"""The reports' own words in bokmål and nynorsk: a report is written in its plan's language.

Status labels are not here: they come from `documents/vocabulary.py` in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import STATUS_LABELS


@dataclass(frozen=True, slots=True)
class Phrases:
    """Every fixed text of the status and change reports in one language."""

    language: str
    contents: str
    acronyms: str
    introduction: str
    requests: str
    statistics: str
    overview: str
    other_measures: str
    not_updated_note: str
    all_note: str
    responsible: str
    implementation: str
    measures_and_requests: str
    """"{measures} tiltak og {requests} …" with the plural of request resolutions."""
    applies_to: str
    count: str
    share: str
    table_per_status: str
    chart_alt: str
    chapter: str
    ministry: str
    lead: str
    co_responsible: str
    table_per_ministry: str
    lead_note: str
    overview_caption: str
    description: str
    changes_title: str
    summary: str
    changes_summary: str
    added_summary: str
    changed_status: str
    changed_status_caption: str
    no_changed_status: str
    new_narrative: str
    no_new_narrative: str
    not_updated_heading: str
    not_updated_caption: str
    all_updated: str
    new_measures: str
    new_measures_caption: str
    draft_note: str
    workflow: str

    def status(self, key: str) -> str:
        """The status's label in this language."""
        return STATUS_LABELS["nn" if self.language == "nn" else "nb"][key]


BOKMAL = Phrases(
    language="nb",
    contents="Innhold",
    acronyms="Akronymer",
    introduction="Innledning",
    requests="Anmodningsvedtak",
    statistics="Status i tall",
    overview="Oversikt over tiltakene i planen",
    other_measures="Andre tiltak",
    not_updated_note="*Ikke oppdatert i denne runden*: status og omtale er fra forrige publiserte "
    "runde.",
    all_note="* alle: alle departementene i den tverrdepartementale arbeidsgruppen deltar",
    responsible="Ansvarlig departement",
    implementation="Gjennomføring",
    measures_and_requests="{measures} tiltak og {requests} anmodningsvedtak",
    applies_to="Rapporten gjelder {what}{as_of}. Av disse {total} er {summary}.",
    count="Antall",
    share="Andel",
    table_per_status="Tabell 1 Antall per status",
    chart_alt="Stolpediagram over status per kapittel.",
    chapter="Kapittel",
    ministry="Departement",
    lead="Hovedansvar",
    co_responsible="Medansvar",
    table_per_ministry="Tabell 3 Antall per departement",
    lead_note="Hovedansvar er det departementet som står først. {everyone} tiltak har «alle» "
    "blant de ansvarlige; de er bare regnet med for departementene som er nevnt ved navn. "
    "Statuskolonnene teller alle tiltak departementet har ansvar for.",
    overview_caption="Tiltakene og anmodningsvedtakene med ansvarlig departement og status",
    description="{title}: status for {count} tiltak og anmodningsvedtak",
    changes_title="Endringer fra {since} til {until}",
    summary="Sammendrag",
    changes_summary="Denne rapporten viser hva som er endret i «{until}» siden «{since}»: "
    "{changed} tiltak har endret status, {narratives} har ny omtale og {same} er ikke oppdatert.",
    added_summary=" {added} tiltak er nye.",
    changed_status="Endret status",
    changed_status_caption="Tiltak med endret status",
    no_changed_status="Ingen tiltak har endret status.",
    new_narrative="Ny omtale",
    no_new_narrative="Ingen tiltak har ny omtale.",
    not_updated_heading="Ikke oppdatert",
    not_updated_caption="Tiltak uten endret status eller omtale",
    all_updated="Alle tiltak er oppdatert.",
    new_measures="Nye tiltak",
    new_measures_caption="Tiltak som ikke var med i forrige runde",
    draft_note=(
        "Utkast, ikke publisert. Rapporten viser hvert tiltak slik det står nå, også det som ikke "
        "er godkjent; under hvert tiltak står hvor det er i arbeidsflyten."
    ),
    workflow="Arbeidsflyt",
)

NYNORSK = Phrases(
    language="nn",
    contents="Innhald",
    acronyms="Akronym",
    introduction="Innleiing",
    requests="Oppmodingsvedtak",
    statistics="Status i tal",
    overview="Oversikt over tiltaka i planen",
    other_measures="Andre tiltak",
    not_updated_note="*Ikkje oppdatert i denne runden*: status og omtale er frå førre publiserte "
    "runde.",
    all_note="* alle: alle departementa i den tverrdepartementale arbeidsgruppa deltek",
    responsible="Ansvarleg departement",
    implementation="Gjennomføring",
    measures_and_requests="{measures} tiltak og {requests} oppmodingsvedtak",
    applies_to="Rapporten gjeld {what}{as_of}. Av desse {total} er {summary}.",
    count="Tal",
    share="Del",
    table_per_status="Tabell 1 Tal per status",
    chart_alt="Stolpediagram over status per kapittel.",
    chapter="Kapittel",
    ministry="Departement",
    lead="Hovudansvar",
    co_responsible="Medansvar",
    table_per_ministry="Tabell 3 Tal per departement",
    lead_note="Hovudansvar har det departementet som står først. {everyone} tiltak har «alle» "
    "blant dei ansvarlege; dei er berre rekna med for departementa som er nemnde ved namn. "
    "Statuskolonnane tel alle tiltak departementet har ansvar for.",
    overview_caption="Tiltaka og oppmodingsvedtaka med ansvarleg departement og status",
    description="{title}: status for {count} tiltak og oppmodingsvedtak",
    changes_title="Endringar frå {since} til {until}",
    summary="Samandrag",
    changes_summary="Denne rapporten viser kva som er endra i «{until}» sidan «{since}»: "
    "{changed} tiltak har endra status, {narratives} har ny omtale og {same} er ikkje "
    "oppdaterte.",
    added_summary=" {added} tiltak er nye.",
    changed_status="Endra status",
    changed_status_caption="Tiltak med endra status",
    no_changed_status="Ingen tiltak har endra status.",
    new_narrative="Ny omtale",
    no_new_narrative="Ingen tiltak har ny omtale.",
    not_updated_heading="Ikkje oppdatert",
    not_updated_caption="Tiltak utan endra status eller omtale",
    all_updated="Alle tiltak er oppdaterte.",
    new_measures="Nye tiltak",
    new_measures_caption="Tiltak som ikkje var med i førre runde",
    draft_note=(
        "Utkast, ikkje publisert. Rapporten viser kvart tiltak slik det står no, også det som "
        "ikkje er godkjent; under kvart tiltak står kvar det er i arbeidsflyten."
    ),
    workflow="Arbeidsflyt",
)


def phrases(language: str) -> Phrases:
    """The report's words in the plan's language: nynorsk for «nn», else bokmål."""
    return NYNORSK if language == "nn" else BOKMAL
