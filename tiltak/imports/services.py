"""Services of the import pages: read an upload into a draft, save a reviewed draft as a new
plan or a new round, create a plan by hand and add measures to it.

Every function takes the acting user first and checks it with tiltak.rounds.permissions.
Nothing reaches a plan until `save_draft`, which calls the import service
(tiltak.rounds.importing) in one transaction with the audit log.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tiltak.accounts.models import PlanRole
from tiltak.audit import services as audit_log
from tiltak.audit.context import audit_context
from tiltak.documents import DocumentError, PlanDocument, parse_bytes
from tiltak.documents.language import as_plan_language
from tiltak.documents.model import ReportInfo
from tiltak.documents.vocabulary import as_status
from tiltak.jobs import files as job_files
from tiltak.jobs import selectors as job_selectors
from tiltak.jobs.services import jobs_run_in_the_background
from tiltak.plans.models import Chapter, Measure, MeasureResponsibility, Organisation, Plan
from tiltak.plans.naming import (
    period_from_title,
    plan_kind_from_title,
    plan_slug,
    round_slug,
    slugify_nb,
)
from tiltak.plans.signals import send_plans_changed
from tiltak.rounds import permissions
from tiltak.rounds.exchange import ExchangeError, exchange_format, read_exchange, rows_to_documents
from tiltak.rounds.importing import ImportFailed, ImportResult, import_plan_document
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.rounds.permissions import require

from .drafts import DraftInvalid, document_from_json, document_to_json, parse_responsible
from .models import ImportDraft

MAX_UPLOAD = 50 * 1024 * 1024  # the document core's own limit for any file
DRAFT_HOURS = 24
DRAFTS_PER_USER = 5
REFUSED = "Bare koordinatorer og administratorer kan importere planer."
STATUS_LABELS = {value: str(label) for value, label in StatusEntry.Status.choices}
_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ACRONYM_MAX = 32
_CORRECTABLE = ("number", "title", "chapter", "responsible", "responsible_all", "status", "period")


class ImportRefused(Exception):
    """The upload or the save cannot be done; str() is a Norwegian message for the page."""


@dataclass(frozen=True, slots=True)
class RowCorrection:
    """One row of the review table as the coordinator left it (every value as typed)."""

    number: str
    title: str
    chapter: str
    responsible: str
    status: str
    period: str
    remove: bool = False


@dataclass(frozen=True, slots=True)
class SaveTarget:
    """Where a reviewed draft goes: a new plan, or a new round of an existing plan."""

    plan_title: str
    new_plan: bool
    plan_slug: str
    round_title: str = ""
    as_of: str = ""
    language: str = ""
    """A new plan's written Norwegian («nb» or «nn»); empty keeps what the parser found."""


@dataclass(frozen=True, slots=True)
class NewMeasure:
    """A measure typed in by hand."""

    number: str
    title: str
    chapter: str = ""
    responsible: str = ""
    period: str = ""


# Upload.


def read_upload(user: Any, data: bytes, name: str) -> ImportDraft:
    """Parse an uploaded document (or read an exchange file) into a draft for review."""
    require(permissions.can_import(user), REFUSED)
    name = PurePath(name.replace("\\", "/")).name[:300] or "dokument"
    if not data:
        raise ImportRefused(f"«{name}» er tom.")
    if len(data) > MAX_UPLOAD:
        raise ImportRefused(f"«{name}» er større enn {MAX_UPLOAD // (1024 * 1024)} MB.")
    slug, document = _read(data, name)
    try:
        payload = document_to_json(document)
    except DraftInvalid as error:
        raise ImportRefused(str(error)) from None
    with transaction.atomic():
        _prune(user)
        return ImportDraft.objects.create(
            user=user,
            source_name=name,
            source_sha256=hashlib.sha256(data).hexdigest(),
            plan_slug=slug[:100],
            document=payload,
        )


def reads_as_job(size: int) -> bool:
    """Whether an upload of `size` bytes is read by the worker (larger than
    TILTAK_JOB_THRESHOLD_BYTES, with a worker to run it)."""
    return size > settings.TILTAK_JOB_THRESHOLD_BYTES and jobs_run_in_the_background()


def queue_upload(user: Any, data: bytes, name: str) -> str:
    """Read a large upload in a job, the file kept in the upload storage; the job's id."""
    from . import tasks  # the task module imports these services

    require(permissions.can_import(user), REFUSED)
    if len(data) > MAX_UPLOAD:
        raise ImportRefused(f"«{name}» er større enn {MAX_UPLOAD // (1024 * 1024)} MB.")
    kept = job_files.keep(data, PurePath(name).suffix.lower()[:10])
    result = tasks.read_upload.enqueue(user_id=user.pk, name=name, upload_file=kept)
    return str(result.id)


def read_kept_upload(user_id: int, name: str, upload_file: str) -> dict[str, str]:
    """The upload job: read the kept file into a draft as its user. A document Tiltak cannot
    read is an outcome, not a failure to retry: {"refused": why}. The file is deleted once
    read or refused (kept for the next attempt on an error)."""
    user = get_user_model().objects.get(pk=user_id)
    try:
        outcome = {"draft": str(read_upload(user, job_files.read(upload_file), name).pk)}
    except (ImportRefused, PermissionDenied) as error:
        outcome = {"refused": str(error)}
    job_files.discard(upload_file)
    return outcome


def upload_job(user: Any, job_id: str) -> job_selectors.JobRow | None:
    """The user's upload job `job_id`, for its page."""
    return job_selectors.user_job(job_id, "tiltak.imports.tasks.read_upload", user_id=user.pk)


def _read(data: bytes, name: str) -> tuple[str, PlanDocument]:
    """(the plan slug an exchange file names, or "", the document)."""
    if exchange_format(data):
        try:
            rows = read_exchange(data, source=name)
        except ExchangeError as error:
            raise ImportRefused(f"Regnearket kan ikke leses: {error}") from None
        documents = rows_to_documents(rows)
        if len(documents) > 1:
            raise ImportRefused(
                f"«{name}» har {len(documents)} planer eller runder. Her importeres én om "
                "gangen: del regnearket, eller importer det med kommandolinjen (tiltak import)."
            )
        return documents[0]
    try:
        return "", parse_bytes(data, name)
    except DocumentError as error:
        raise ImportRefused(
            f"Tiltak kunne ikke lese «{name}» ({error}). Tiltak leser PDF, Word (DOCX), "
            "nettsider (HTML), tekst og regneark i utvekslingsformatet (CSV, XLSX). Du kan "
            "også opprette planen tom og legge inn tiltakene for hånd."
        ) from None


def _prune(user: Any) -> None:
    """Forget drafts older than DRAFT_HOURS, and all but the user's newest few."""
    ImportDraft.objects.filter(
        created_at__lt=timezone.now() - timedelta(hours=DRAFT_HOURS)
    ).delete()
    keep = ImportDraft.objects.filter(user=user).values_list("pk", flat=True)[: DRAFTS_PER_USER - 1]
    ImportDraft.objects.filter(user=user).exclude(pk__in=list(keep)).delete()


def discard_draft(user: Any, draft: ImportDraft) -> None:
    """Forget a draft without saving anything."""
    require(draft.user_id == user.pk, "Importen er ikke din.")
    draft.delete()


# Save.


def draft_document(draft: ImportDraft) -> PlanDocument:
    """The draft's document, validated again (it is read back from the database)."""
    try:
        return document_from_json(draft.document)
    except DraftInvalid as error:
        raise ImportRefused(f"{error} Last opp dokumentet på nytt.") from None


def save_draft(
    user: Any, draft: ImportDraft, target: SaveTarget, rows: list[RowCorrection]
) -> ImportResult:
    """Save the reviewed draft, corrected, as a new plan or a new round; one transaction."""
    require(draft.user_id == user.pk, "Importen er ikke din.")
    plan = None if target.new_plan else Plan.objects.filter(slug=target.plan_slug).first()
    if not target.new_plan and plan is None:
        raise ImportRefused("Velg planen runden skal høre til.")
    require(permissions.can_import(user, plan), REFUSED)
    document, changes = apply_corrections(draft_document(draft), rows)
    slug = _target_slug(document, target, plan)
    with (
        transaction.atomic(),
        audit_context(actor=user, action="import", reason=f"Importert fra «{draft.source_name}»"),
    ):
        try:
            result = import_plan_document(
                document,
                source_name=draft.source_name,
                source_sha256=draft.source_sha256,
                plan_slug=slug,
                # The coordinator saw every finding, a truncated document's too, before saving.
                allow_truncated=True,
            )
        except ImportFailed as error:
            raise ImportRefused(f"Ingenting er lagret: {error}.") from None
        expected = "created" if target.new_plan else "new_round"
        if result.outcome != expected:  # someone took the slug or round meanwhile
            raise ImportRefused("Planen eller runden ble opprettet av noen andre. Prøv igjen.")
        saved = Plan.objects.get(slug=result.plan_slug)
        if target.new_plan:
            _make_coordinator(user, saved)
        audit_log.record(
            saved,
            "import_document",
            None,
            {
                "source_name": draft.source_name,
                "source_sha256": draft.source_sha256,
                "outcome": result.outcome,
                "round": result.round_slug,
                "measures": result.measures,
                "corrections": changes,
                "conflicts": result.conflicts,
            },
            actor=user,
        )
        draft.delete()
    return result


def apply_corrections(
    document: PlanDocument, rows: list[RowCorrection]
) -> tuple[PlanDocument, list[dict[str, Any]]]:
    """The document with the table's values; and what changed, per measure, for the audit."""
    if len(rows) != len(document.measures):
        raise ImportRefused("Tabellen passer ikke til importen. Last opp dokumentet på nytt.")
    chapters = {c.key for c in document.chapters} | {m.chapter for m in document.measures}
    measures = []
    changes: list[dict[str, Any]] = []
    renumbered: dict[str, str] = {}
    removed: set[str] = set()
    for measure, row in zip(document.measures, rows, strict=True):
        if row.remove:
            removed.add(measure.number)
            changes.append({"number": measure.number, "removed": True})
            continue
        acronyms, everyone = parse_responsible(row.responsible)
        try:
            status = as_status(row.status.strip())
        except ValueError:
            raise ImportRefused(f"Ukjent status for tiltak {row.number}.") from None
        chapter = row.chapter.strip() or None
        if chapter is not None and chapter not in chapters:
            raise ImportRefused(f"Tiltak {row.number} står i et kapittel dokumentet ikke har.")
        if any(len(a) > _ACRONYM_MAX for a in acronyms):
            raise ImportRefused(f"Skriv de ansvarlige for tiltak {row.number} som forkortelser.")
        corrected = dataclasses.replace(
            measure,
            number=row.number.strip(),
            title=" ".join(row.title.split()),
            chapter=chapter,
            responsible=acronyms,
            responsible_all=everyone,
            status=status,
            status_label=measure.status_label
            if status == measure.status
            else (STATUS_LABELS[status] if status else None),
            period=row.period.strip() or None,
        )
        diff = {
            name: [getattr(measure, name), getattr(corrected, name)]
            for name in _CORRECTABLE
            if getattr(measure, name) != getattr(corrected, name)
        }
        if diff:
            changes.append({"number": measure.number, **diff})
        if corrected.number != measure.number:
            renumbered[measure.number] = corrected.number
        measures.append(corrected)
    if not measures:
        raise ImportRefused("Alle tiltakene er fjernet; det er ingenting å lagre.")
    numbers = [m.number for m in measures]
    if duplicate := next((n for n in numbers if numbers.count(n) > 1), None):
        raise ImportRefused(f"Nummer {duplicate} står på flere tiltak. Rett numrene.")
    findings = [
        dataclasses.replace(f, measure=renumbered.get(f.measure, f.measure) if f.measure else None)
        for f in document.findings
        if not f.measure or f.measure not in removed
    ]
    return dataclasses.replace(document, measures=measures, findings=findings), changes


def _target_slug(document: PlanDocument, target: SaveTarget, plan: Plan | None) -> str:
    """Fill in the plan title and the round on `document`; the slug to import into."""
    title = " ".join(target.plan_title.split())
    if not title:
        raise ImportRefused("Planen må ha en tittel.")
    if len(title) > 500:
        raise ImportRefused("Planens tittel kan være høyst 500 tegn.")
    document.plan.title = title
    document.plan.period = period_from_title(title) or document.plan.period
    if target.language:
        document.language = as_plan_language(target.language)
    round_title = " ".join(target.round_title.split())
    as_of = target.as_of.strip()
    if as_of and not _AS_OF.match(as_of):
        raise ImportRefused("Skriv «Per» som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.")
    if len(round_title) > 300:
        raise ImportRefused("Rundens tittel kan være høyst 300 tegn.")
    document.report = ReportInfo(title=round_title, as_of=as_of or None) if round_title else None
    if plan is not None:
        if not round_title:
            raise ImportRefused("Skriv en tittel på runden, for eksempel «Status våren 2026».")
        if plan.rounds.filter(slug=round_slug(round_title)).exists():
            raise ImportRefused(
                f"«{plan.title}» har allerede en runde som heter «{round_title}». "
                "Velg en annen tittel."
            )
        return plan.slug
    slug = target.plan_slug.strip() or plan_slug(title, document.plan.period)
    if slugify_nb(slug) != slug or len(slug) > 100:
        raise ImportRefused(f"Kortnavnet «{slug}» kan bare ha a–z, 0–9 og bindestrek.")
    if Plan.objects.filter(slug=slug).exists():
        raise ImportRefused(
            f"Det finnes allerede en plan med kortnavnet «{slug}». Velg et annet kortnavn, "
            "eller lagre som ny runde i den planen."
        )
    return slug


def _make_coordinator(user: Any, plan: Plan) -> None:
    """The user who made a plan coordinates it (administrators already do)."""
    if not permissions.is_admin(user):
        PlanRole.objects.get_or_create(user=user, plan=plan, role=PlanRole.Role.COORDINATOR)


# By hand.


def create_empty_plan(user: Any, *, title: str, slug: str = "") -> Plan:
    """A plan with no measures yet, to add them by hand."""
    require(permissions.can_import(user), REFUSED)
    title = " ".join(title.split())
    if not title:
        raise ImportRefused("Planen må ha en tittel.")
    if len(title) > 500:
        raise ImportRefused("Planens tittel kan være høyst 500 tegn.")
    period = period_from_title(title)
    slug = slug.strip() or plan_slug(title, period)
    if slugify_nb(slug) != slug or len(slug) > 100:
        raise ImportRefused(f"Kortnavnet «{slug}» kan bare ha a–z, 0–9 og bindestrek.")
    with transaction.atomic(), audit_context(actor=user, action="create_plan"):
        if Plan.objects.filter(slug=slug).exists():
            raise ImportRefused(f"Det finnes allerede en plan med kortnavnet «{slug}».")
        plan = Plan.objects.create(
            slug=slug,
            title=title,
            kind=plan_kind_from_title(title),
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
        )
        _make_coordinator(user, plan)
        send_plans_changed([plan.pk])
    return plan


def add_measures(user: Any, plan: Plan, rows: list[NewMeasure]) -> list[Measure]:
    """Add measures typed in by hand to the plan (and to its open rounds), all or none."""
    require(permissions.can_import(user, plan), REFUSED)
    rows = [r for r in rows if r.number.strip() or r.title.strip()]
    if not rows:
        raise ImportRefused("Fyll inn minst ett tiltak: nummer og tittel.")
    taken = set(plan.measures.values_list("number", flat=True))
    for row in rows:
        number = row.number.strip()
        if not number or not row.title.strip():
            raise ImportRefused("Hvert tiltak må ha både nummer og tittel.")
        if number in taken:
            raise ImportRefused(f"Planen har allerede et tiltak nummer {number}.")
        taken.add(number)
        if any(len(a) > _ACRONYM_MAX for a in parse_responsible(row.responsible)[0]):
            raise ImportRefused(f"Skriv de ansvarlige for tiltak {number} som forkortelser.")
    created: list[Measure] = []
    with transaction.atomic(), audit_context(actor=user, action="add_measure"):
        order = (plan.measures.aggregate(last=Max("order"))["last"] or 0) + 1
        open_rounds = list(plan.rounds.filter(state=ReportingRound.State.OPEN))
        for row in rows:
            acronyms, everyone = parse_responsible(row.responsible)
            measure = Measure.objects.create(
                plan=plan,
                number=row.number.strip(),
                title=" ".join(row.title.split()),
                order=order,
                chapter=_chapter(plan, row.chapter),
                responsible_all=everyone,
                period=row.period.strip(),
            )
            order += 1
            for position, acronym in enumerate(acronyms):
                organisation, _ = Organisation.objects.get_or_create(
                    acronym=acronym, defaults={"name": acronym}
                )
                MeasureResponsibility.objects.create(
                    measure=measure, organisation=organisation, position=position
                )
            for rnd in open_rounds:
                StatusEntry.objects.create(round=rnd, measure=measure)
            created.append(measure)
        send_plans_changed([plan.pk])
    return created


def _chapter(plan: Plan, text: str) -> Chapter | None:
    """The plan's chapter with this key or title, else a new chapter with that title."""
    text = " ".join(text.split())
    if not text:
        return None
    for chapter in plan.chapters.all():
        if text.lower() in (chapter.key.lower(), chapter.title.lower()):
            return chapter
    keys = [int(k) for k in plan.chapters.values_list("key", flat=True) if k.isdigit()]
    last = plan.chapters.aggregate(last=Max("order"))["last"]
    return Chapter.objects.create(
        plan=plan,
        key=str(max(keys, default=0) + 1),
        title=text[:500],
        order=(last or 0) + 1,
    )
