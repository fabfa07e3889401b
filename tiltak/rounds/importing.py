"""Import a parsed plan document: a new plan, a new reporting round, or nothing if unchanged.

Rules:
- The plan is found by `plan_slug` if given, else by its exact title, else by the slug its title
  gives (see naming.plan_slug). A plan not found is created with its chapters and measures.
- The round is found within the plan by the slug of the report title ("Status våren 2026").
  A document without a status report becomes the round "Opprinnelig plan" with no statuses.
- A round not found is created as published (the report was published, published_at = import
  time) with one status entry per measure of the plan; a measure the document leaves out gets
  an empty status.
- A published round is never changed: a document that matches it (for the measures it names)
  is "unchanged"; a newer one (a later as-of date) becomes a new round; one that differs is
  refused (ImportFailed) with what differs. The one exception: an imported round whose
  narratives a facts-only file left empty takes the narratives of a document that otherwise
  matches it. An empty narrative in an exchange file means "not given", never "clear it".
  A round being reported in Tiltak (draft, open, closed) is never changed by an import.
- A document the parser found truncated (`document-truncated`) is refused unless
  allow_truncated.
- Findings: a document's findings replace the round's when the round is created or filled in;
  an exchange file (which has none) keeps them.
- The facts of a stored plan (its measures, their numbers, titles, kinds, chapters and
  responsible organisations) are never changed by an import. Where the document disagrees,
  a measure missing from the document, a measure not in the plan, a changed title, kind or
  responsibility, the round is imported for the measures that match and each disagreement is
  stored as a finding of the round and returned in ImportResult.conflicts.
- Everything happens in one transaction; ImportFailed (one-line message) leaves the database
  untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import transaction
from django.utils import timezone

from tiltak import limits
from tiltak.documents.model import STATUSES, PlanDocument
from tiltak.documents.model import Measure as DocMeasure
from tiltak.documents.model import Organisation as DocOrganisation
from tiltak.plans.errors import InputRefused
from tiltak.plans.models import (
    Chapter,
    Measure,
    MeasureReference,
    MeasureResponsibility,
    Organisation,
    Plan,
)
from tiltak.plans.naming import (
    period_from_title,
    plan_kind_from_title,
    plan_slug,
    round_slug,
    slugify_nb,
)
from tiltak.plans.signals import send_plans_changed

from .models import ReportingRound, RoundFinding, StatusEntry

Outcome = Literal["created", "new_round", "updated", "unchanged"]
BASELINE_ROUND_TITLE = "Opprinnelig plan"
TRUNCATED_CODE = "document-truncated"
DIFFERENCES_SHOWN = 3
CONFLICT_CODES = frozenset(
    {
        "measure_missing",
        "measure_not_in_plan",
        "title_differs",
        "kind_differs",
        "responsible_differs",
        "plan_title_differs",
    }
)


class ImportFailed(InputRefused):
    """The document cannot be imported; the message is one line for the user."""


@dataclass(slots=True)
class ImportResult:
    """What one import did to one plan and round."""

    plan_slug: str
    plan_title: str
    round_slug: str
    round_title: str
    outcome: Outcome
    measures: int
    findings: int
    conflicts: list[str] = field(default_factory=list)
    source_name: str = ""
    plan_id: int | None = None

    def summary(self) -> str:
        """One line: plan/round: outcome (counts)."""
        return (
            f"{self.plan_slug} / {self.round_slug}: {self.outcome.replace('_', ' ')} "
            f"({self.measures} measures, {self.findings} findings, "
            f"{len(self.conflicts)} conflicts)"
        )


def _clean(text: str | None) -> str:
    """Text with surrounding whitespace removed; None becomes ""."""
    return (text or "").strip()


def _same_text(a: str, b: str) -> bool:
    """Equal up to whitespace."""
    return " ".join(a.split()) == " ".join(b.split())


def _unique(items: Iterable[str]) -> list[str]:
    """Items without duplicates or blanks, first occurrence kept."""
    seen: dict[str, None] = {}
    for item in items:
        if item := item.strip():
            seen.setdefault(item, None)
    return list(seen)


def _check_length(what: str, value: str, limit: int) -> None:
    """Refuse a value longer than its database column."""
    if len(value) > limit:
        raise ImportFailed(f"{what} is longer than {limit} characters: {value[:40]!r}…")


@dataclass(slots=True)
class _Finding:
    code: str
    severity: str
    measure_number: str
    message: str
    evidence: dict[str, Any]

    def key(self) -> tuple[str, str, str, str, Any]:
        return (self.code, self.severity, self.measure_number, self.message, self.evidence)


class _Importer:
    """One import of one document in the caller's transaction."""

    def __init__(
        self,
        document: PlanDocument,
        *,
        source_name: str,
        source_sha256: str,
        plan_slug: str | None,
    ) -> None:
        self.doc = document
        self.source_name = source_name
        self.source_sha256 = source_sha256
        self.plan_slug = plan_slug
        self.changed = False
        self.findings: list[_Finding] = []
        self.conflicts: list[str] = []
        self.measures: list[DocMeasure] = []
        self.owner: Organisation | None = None
        self.exchange = document.source_format == "exchange"

    # Validation before any write.

    def validate(self) -> None:
        """Check the document fits the database; ImportFailed if not."""
        doc = self.doc
        title = _clean(doc.plan.title)
        if not title:
            raise ImportFailed("the document has no plan title")
        _check_length("the plan title", title, 500)
        _check_length("the plan subtitle", _clean(doc.plan.subtitle), 500)
        if self.plan_slug is not None and (
            not self.plan_slug or slugify_nb(self.plan_slug) != self.plan_slug
        ):
            raise ImportFailed(f"--plan {self.plan_slug!r} is not a slug (a-z, 0-9 and -)")
        if doc.report is not None:
            if not _clean(doc.report.title):
                raise ImportFailed("the document's status report has no title")
            _check_length("the report title", _clean(doc.report.title), 300)
        if not doc.measures:
            raise ImportFailed("the document has no measures")
        for chapter in doc.chapters:
            _check_length("a chapter key", _clean(chapter.key), 20)
            _check_length(f"the title of chapter {chapter.key}", _clean(chapter.title), 500)
        for org in doc.organisations:
            _check_length("an organisation acronym", _clean(org.acronym), 32)
            _check_length(f"the name of {org.acronym}", _clean(org.name), 300)
        seen: set[str] = set()
        for measure in doc.measures:
            number = _clean(measure.number)
            if not number:
                raise ImportFailed("a measure has no number")
            _check_length("a measure number", number, 20)
            _check_length(f"the title of measure {number}", _clean(measure.title), 2000)
            _check_length(
                f"the status label of measure {number}", _clean(measure.status_label), 200
            )
            _check_length(f"the period of measure {number}", _clean(measure.period), 100)
            _check_length(
                f"the narrative of measure {number}",
                measure.narrative.strip(),
                limits.MAX_NARRATIVE_CHARS,
            )
            if measure.kind not in ("measure", "request"):
                raise ImportFailed(f"measure {number} has an unknown kind {measure.kind!r}")
            if measure.status is not None and measure.status not in STATUSES:
                raise ImportFailed(f"measure {number} has an unknown status {measure.status!r}")
            for acronym in measure.responsible:
                _check_length(f"a responsible acronym of measure {number}", acronym.strip(), 32)
            if number in seen:
                self.finding(
                    "duplicate_measure",
                    "error",
                    number,
                    f"Tiltak {number} står flere ganger i dokumentet; "
                    "bare det første er importert.",
                    {"title": _clean(measure.title)},
                )
                continue
            seen.add(number)
            self.measures.append(measure)

    def finding(
        self, code: str, severity: str, number: str | None, message: str, evidence: dict[str, Any]
    ) -> None:
        """Record a finding of the round; conflicts are also returned to the caller."""
        self.findings.append(_Finding(code, severity, number or "", message, evidence))
        if code in CONFLICT_CODES:
            self.conflicts.append(f"{code}: {message}")

    # Organisations.

    def upsert_organisations(self) -> dict[str, Organisation]:
        """Create missing organisations by acronym; fill in what a stored one lacks."""
        described = {_clean(o.acronym): o for o in self.doc.organisations if _clean(o.acronym)}
        wanted = _unique(a for m in self.measures for a in m.responsible)
        wanted += [
            a
            for a, o in described.items()
            if o.kind in ("ministry", "directorate") and a not in wanted
        ]
        owner = self._owner(described)
        if owner and owner not in wanted:
            wanted.append(owner)
        stored = {o.acronym: o for o in Organisation.objects.filter(acronym__in=wanted)}
        result: dict[str, Organisation] = {}
        for acronym in wanted:
            info = described.get(acronym)
            org = stored.get(acronym)
            if org is None:
                org = Organisation.objects.create(
                    acronym=acronym,
                    name=_clean(info.name) if info and _clean(info.name) else acronym,
                    kind=info.kind if info else Organisation.Kind.OTHER,
                    valid_from=str(info.valid_from) if info and info.valid_from else "",
                    valid_to=str(info.valid_to) if info and info.valid_to else "",
                )
                self.changed = True
            elif info is not None:
                self._fill_in(org, info)
            result[acronym] = org
        for acronym, org in result.items():
            info = described.get(acronym)
            successor = _clean(info.successor) if info else ""
            if successor and successor != acronym and org.successor_id is None:
                target = (
                    result.get(successor) or Organisation.objects.filter(acronym=successor).first()
                )
                if target is not None:
                    org.successor = target
                    org.save(update_fields=["successor", "updated_at"])
                    self.changed = True
        self.owner = result.get(owner) if owner else None
        return result

    def _owner(self, described: dict[str, DocOrganisation]) -> str | None:
        """The acronym of the plan's coordinating organisation, from its name."""
        name = _clean(self.doc.plan.owner)
        if not name:
            return None
        for acronym, org in described.items():
            if _same_text(org.name, name):
                return acronym
        stored = Organisation.objects.filter(name=name).first()
        return stored.acronym if stored else None

    def _fill_in(self, org: Organisation, info: DocOrganisation) -> None:
        """Fill in a stored organisation's placeholder name, unknown kind and missing years."""
        fields: list[str] = []
        if org.name == org.acronym and _clean(info.name) and info.name != org.acronym:
            org.name = _clean(info.name)
            fields.append("name")
        elif _clean(info.name) and not _same_text(org.name, info.name):
            self.finding(
                "organisation_name_differs",
                "info",
                None,
                f"{org.acronym} heter «{org.name}» i Tiltak, men «{_clean(info.name)}» "
                "i dokumentet; navnet i Tiltak er beholdt.",
                {"stored": org.name, "document": _clean(info.name)},
            )
        if org.kind == Organisation.Kind.OTHER and info.kind != "other":
            org.kind = info.kind
            fields.append("kind")
        if not org.valid_from and info.valid_from:
            org.valid_from = str(info.valid_from)
            fields.append("valid_from")
        if not org.valid_to and info.valid_to:
            org.valid_to = str(info.valid_to)
            fields.append("valid_to")
        if fields:
            org.save(update_fields=[*fields, "updated_at"])
            self.changed = True

    # Plan, chapters, measures.

    def find_plan(self) -> Plan | None:
        """The stored plan this document belongs to, if any."""
        if self.plan_slug:
            return Plan.objects.filter(slug=self.plan_slug).first()
        title = _clean(self.doc.plan.title)
        return (
            Plan.objects.filter(title=title).order_by("id").first()
            or Plan.objects.filter(slug=self.slug()).first()
        )

    def period(self) -> tuple[int, int] | None:
        """The plan's period from the document, else from its title."""
        return self.doc.plan.period or period_from_title(self.doc.plan.title)

    def slug(self) -> str:
        """The slug of a new plan."""
        return self.plan_slug or plan_slug(_clean(self.doc.plan.title), self.period())

    def kind(self) -> str:
        """The plan kind the parser found, else the one its title names."""
        kind = str(getattr(self.doc.plan, "kind", None) or "")
        valid: list[str] = Plan.Kind.values
        return kind if kind in valid else plan_kind_from_title(self.doc.plan.title)

    def create_plan(self, organisations: dict[str, Organisation]) -> Plan:
        """Create the plan with its chapters, measures, responsibilities and references."""
        title = _clean(self.doc.plan.title)
        period = self.period()
        plan = Plan.objects.create(
            slug=self.slug(),
            title=title,
            subtitle=_clean(self.doc.plan.subtitle),
            kind=self.kind(),
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            coordinating_organisation=self.owner,
            language=self.doc.language,
        )
        chapters: dict[str, Chapter] = {}
        for order, doc_chapter in enumerate(self.doc.chapters):
            key = _clean(doc_chapter.key)
            if key and key not in chapters:
                chapters[key] = Chapter.objects.create(
                    plan=plan,
                    key=key,
                    title=_clean(doc_chapter.title) or key,
                    order=order,
                    introduction=doc_chapter.introduction,
                )
        responsibilities: list[MeasureResponsibility] = []
        for order, doc_measure in enumerate(self.measures):
            number = _clean(doc_measure.number)
            chapter_key = _clean(doc_measure.chapter)
            chapter = chapters.get(chapter_key)
            if chapter_key and chapter is None:
                self.finding(
                    "chapter_unknown",
                    "info",
                    number,
                    f"Tiltak {number} står i kapittel {chapter_key}, som dokumentet ikke har.",
                    {"chapter": chapter_key},
                )
            measure = Measure.objects.create(
                plan=plan,
                number=number,
                kind=doc_measure.kind,
                title=_clean(doc_measure.title),
                order=order,
                chapter=chapter,
                responsible_all=doc_measure.responsible_all,
                period=_clean(doc_measure.period),
            )
            for position, acronym in enumerate(_unique(doc_measure.responsible)):
                responsibilities.append(
                    MeasureResponsibility(
                        measure=measure, organisation=organisations[acronym], position=position
                    )
                )
        MeasureResponsibility.objects.bulk_create(responsibilities)
        self.changed = True
        return plan

    def compare_measures(self, plan: Plan, stored: dict[str, Measure]) -> None:
        """Report where the document disagrees with the stored plan's measures."""
        if not _same_text(plan.title, self.doc.plan.title):
            self.finding(
                "plan_title_differs",
                "info",
                None,
                f"Planen heter «{plan.title}» i Tiltak, men «{_clean(self.doc.plan.title)}» "
                "i dokumentet.",
                {"stored": plan.title, "document": _clean(self.doc.plan.title)},
            )
        numbers = {_clean(m.number) for m in self.measures}
        for number, missing in stored.items():
            if number not in numbers:
                self.finding(
                    "measure_missing",
                    "warning",
                    number,
                    f"Tiltak {number} er i planen, men ikke i dokumentet; det har ingen status.",
                    {"title": missing.title},
                )
        for doc_measure in self.measures:
            number = _clean(doc_measure.number)
            title = _clean(doc_measure.title)
            measure = stored.get(number)
            if measure is None:
                self.finding(
                    "measure_not_in_plan",
                    "warning",
                    number,
                    f"Tiltak {number} er i dokumentet, men ikke i planen; det er ikke importert.",
                    {"title": title, "status": doc_measure.status or ""},
                )
                continue
            if not _same_text(measure.title, title):
                self.finding(
                    "title_differs",
                    "warning",
                    number,
                    f"Tiltak {number} har en annen tittel i dokumentet; "
                    "tittelen i planen er beholdt.",
                    {"stored": measure.title, "document": title},
                )
            if measure.kind != doc_measure.kind:
                self.finding(
                    "kind_differs",
                    "warning",
                    number,
                    f"Tiltak {number} er «{doc_measure.kind}» i dokumentet, "
                    f"men «{measure.kind}» i planen.",
                    {"stored": measure.kind, "document": doc_measure.kind},
                )
            stored_resp = _responsible_text(measure.responsible_acronyms(), measure.responsible_all)
            doc_resp = _responsible_text(
                _unique(doc_measure.responsible), doc_measure.responsible_all
            )
            if stored_resp != doc_resp:
                self.finding(
                    "responsible_differs",
                    "warning",
                    number,
                    f"Tiltak {number} har andre ansvarlige i dokumentet ({doc_resp or '–'}) "
                    f"enn i planen ({stored_resp or '–'}); planen er beholdt.",
                    {"stored": stored_resp, "document": doc_resp},
                )

    def add_references(self, stored: dict[str, Measure]) -> None:
        """Add the references the document's measures make to other measures of the plan."""
        plan_id = _plan_id(stored)
        if plan_id is None:  # no stored measures: nothing to refer from or to
            return
        existing = set(
            MeasureReference.objects.filter(from_measure__plan_id=plan_id).values_list(
                "from_measure_id", "to_measure_id"
            )
        )
        new: list[MeasureReference] = []
        for doc_measure in self.measures:
            number = _clean(doc_measure.number)
            source = stored.get(number)
            if source is None:
                continue
            for target_number in _unique(doc_measure.references):
                target = stored.get(target_number)
                if target is None:
                    self.finding(
                        "reference_unresolved",
                        "info",
                        number,
                        f"Tiltak {number} viser til tiltak {target_number}, som planen ikke har.",
                        {"reference": target_number},
                    )
                elif target.pk != source.pk and (source.pk, target.pk) not in existing:
                    existing.add((source.pk, target.pk))
                    new.append(MeasureReference(from_measure=source, to_measure=target))
        if new:
            MeasureReference.objects.bulk_create(new)
            self.changed = True

    # The round.

    def round_fields(self) -> tuple[str, str]:
        """The round's title and as-of date."""
        report = self.doc.report
        if report is None:
            period = self.period()
            return BASELINE_ROUND_TITLE, str(period[0]) if period else ""
        return _clean(report.title), _clean(report.as_of)

    def import_round(self, plan: Plan, stored: dict[str, Measure]) -> tuple[ReportingRound, bool]:
        """Create the round, or check the document against the stored one; True if created."""
        title, as_of = self.round_fields()
        slug = round_slug(title)
        introduction = self.doc.introduction if self.doc.report is not None else ""
        rnd = (
            plan.rounds.filter(title=title, as_of=as_of).order_by("id").first()
            or plan.rounds.filter(slug=slug).first()
        )
        if rnd is not None and rnd.state != ReportingRound.State.PUBLISHED:
            raise ImportFailed(
                f"{plan.slug} / {rnd.slug} is being reported in Tiltak ({rnd.state}); "
                "an import never changes it"
            )
        if rnd is not None:
            if not (as_of and rnd.as_of and as_of > rnd.as_of):
                self.check_published(rnd, stored, as_of, introduction)
                return rnd, False
            slug = _free_slug(plan, slug)  # a newer report under the same title
        rnd = ReportingRound.objects.create(
            plan=plan,
            title=title,
            slug=slug,
            as_of=as_of,
            state=ReportingRound.State.PUBLISHED,
            published_at=timezone.now(),
            source_name=self.source_name[:300],
            source_sha256=self.source_sha256,
            introduction=introduction,
        )
        self.changed = True
        by_number = {_clean(m.number): m for m in self.measures}
        StatusEntry.objects.bulk_create(
            StatusEntry(round=rnd, measure=measure, **self.values(by_number.get(number)))
            for number, measure in stored.items()
        )
        self.store_findings(rnd, stored)
        return rnd, True

    def values(self, doc_measure: DocMeasure | None) -> dict[str, Any]:
        """The entry fields the document gives a measure (empty when it leaves it out)."""
        return {
            "status": doc_measure.status if doc_measure else None,
            "status_label": _clean(doc_measure.status_label) if doc_measure else "",
            "narrative": doc_measure.narrative.strip() if doc_measure else "",
        }

    def check_published(
        self, rnd: ReportingRound, stored: dict[str, Measure], as_of: str, introduction: str
    ) -> None:
        """Leave a published round as it is when the document matches it; ImportFailed when it
        differs. An imported round with narratives left empty (by a facts-only file) takes
        the narratives of a document that otherwise matches it."""
        entries = {e.measure_id: e for e in rnd.entries.all()}
        differences: list[str] = []
        fill: list[tuple[StatusEntry, str]] = []
        for doc_measure in self.measures:
            number = _clean(doc_measure.number)
            measure = stored.get(number)
            if measure is None:
                continue  # reported as measure_not_in_plan
            entry = entries.get(measure.pk)
            if entry is None:
                differences.append(f"measure {number}: not in the round")
                continue
            wanted = self.values(doc_measure)
            changed = [
                name
                for name in ("status", "status_label")
                if (getattr(entry, name) or None) != (wanted[name] or None)
            ]
            narrative, published = wanted["narrative"], entry.narrative.strip()
            if narrative and narrative != published:
                if published:
                    changed.append("narrative")
                else:
                    fill.append((entry, narrative))
            if changed:
                differences.append(f"measure {number}: {', '.join(changed)}")
        if as_of and as_of != rnd.as_of:
            differences.insert(0, f"as-of date {as_of} (published: {rnd.as_of or 'none'})")
        fill_introduction = False
        if not self.exchange and introduction.strip() != rnd.introduction.strip():
            if rnd.introduction.strip():
                differences.insert(0, "the introduction")
            else:
                fill_introduction = True
        if (fill or fill_introduction) and not differences and not _imported(rnd):
            differences.append("narratives the published round does not have")
        if differences:
            raise ImportFailed(_refusal(rnd, differences))
        if not (fill or fill_introduction):
            return
        for entry, narrative in fill:
            entry.narrative = narrative
            entry.save(update_fields=["narrative", "updated_at"])
        if fill_introduction:
            rnd.introduction = introduction
        rnd.source_name = self.source_name[:300]
        rnd.source_sha256 = self.source_sha256
        rnd.save(update_fields=["introduction", "source_name", "source_sha256", "updated_at"])
        if not self.exchange:
            self.store_findings(rnd, stored)
        self.changed = True

    def store_findings(self, rnd: ReportingRound, stored: dict[str, Measure]) -> None:
        """Replace the round's findings if they differ from the document's and this import's.

        An exchange file has no findings of its own: it keeps the round's findings but conflicts.
        """
        existing = [
            _Finding(f.code, f.severity, f.measure_number, f.message, f.evidence)
            for f in rnd.findings.order_by("position", "id")
        ]
        if self.exchange:
            kept = [f for f in existing if f.code not in CONFLICT_CODES]
            kept_keys = [f.key() for f in kept]
            wanted = kept + [f for f in self.findings if f.key() not in kept_keys]
        else:
            wanted = [
                _Finding(
                    f.code[:64],
                    str(f.severity),
                    _clean(f.measure)[:20],
                    f.message,
                    dict(f.evidence),
                )
                for f in self.doc.findings
            ] + self.findings
        if [f.key() for f in existing] == [f.key() for f in wanted]:
            return
        rnd.findings.all().delete()
        RoundFinding.objects.bulk_create(
            RoundFinding(
                round=rnd,
                position=position,
                code=f.code,
                severity=f.severity,
                measure=stored.get(f.measure_number),
                measure_number=f.measure_number,
                message=f.message,
                evidence=f.evidence,
            )
            for position, f in enumerate(wanted)
        )
        self.changed = True

    def run(self) -> ImportResult:
        """Import the document; the caller holds the transaction."""
        self.validate()
        organisations = self.upsert_organisations()
        plan = self.find_plan()
        new_plan = plan is None
        if plan is None:
            plan = self.create_plan(organisations)
        stored = {m.number: m for m in plan.measures.order_by("order", "id")}
        if not new_plan:
            self.compare_measures(plan, stored)
        self.add_references(stored)
        rnd, created = self.import_round(plan, stored)
        outcome: Outcome
        if new_plan:
            outcome = "created"
        elif created:
            outcome = "new_round"
        else:
            outcome = "updated" if self.changed else "unchanged"
        return ImportResult(
            plan_slug=plan.slug,
            plan_title=plan.title,
            plan_id=plan.pk,
            round_slug=rnd.slug,
            round_title=rnd.title,
            outcome=outcome,
            measures=rnd.entries.count(),
            findings=rnd.findings.count(),
            conflicts=list(self.conflicts),
            source_name=self.source_name,
        )


def _imported(rnd: ReportingRound) -> bool:
    """A round made by an import, not reported and published in Tiltak."""
    return rnd.opened_at is None and rnd.published_by_id is None and rnd.corrects_id is None


def _free_slug(plan: Plan, base: str) -> str:
    """`base`, or base-2, base-3 … if the plan has a round with that slug."""
    slug, n = base[:90], 1
    while plan.rounds.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:90]}-{n}"
    return slug


def _refusal(rnd: ReportingRound, differences: list[str]) -> str:
    """One line: the published round differs, where, and how to change it."""
    shown = "; ".join(differences[:DIFFERENCES_SHOWN])
    more = len(differences) - DIFFERENCES_SHOWN
    if more > 0:
        shown += f"; and {more} more"
    return (
        f"{rnd.plan.slug} / {rnd.slug} is published and this document differs from it "
        f"({shown}); a published round is never changed by an import: to change it, make a "
        "corrected version of the round (/koordinator/, «Lag en rettet versjon»), or import "
        "a report with a later as-of date as a new round"
    )


def _plan_id(stored: dict[str, Measure]) -> int | None:
    """The plan of the stored measures."""
    return next((m.plan_id for m in stored.values()), None)


def _responsible_text(acronyms: list[str], responsible_all: bool) -> str:
    """Responsible acronyms as the exchange format writes them, "alle" last if all are."""
    return ", ".join([*acronyms, "alle"] if responsible_all else acronyms)


def import_plan_document(
    document: PlanDocument,
    *,
    source_name: str,
    source_sha256: str,
    plan_slug: str | None = None,
    allow_truncated: bool = False,
) -> ImportResult:
    """Import a parsed document in one transaction; see the module docstring for the rules."""
    if not allow_truncated:
        refuse_truncated(document, source_name)
    with transaction.atomic():
        result = _Importer(
            document, source_name=source_name, source_sha256=source_sha256, plan_slug=plan_slug
        ).run()
        send_plans_changed([result.plan_id] if result.plan_id else [])
        return result


def refuse_truncated(document: PlanDocument, source_name: str) -> None:
    """ImportFailed when the parser found the document cut off."""
    truncated = next((f for f in document.findings if f.code == TRUNCATED_CODE), None)
    if truncated is not None:
        where = f" after measure {truncated.measure}" if truncated.measure else ""
        raise ImportFailed(
            f"{source_name or 'the document'} looks truncated{where} ({TRUNCATED_CODE}); "
            "nothing imported (use --allow-truncated to import it anyway)"
        )
