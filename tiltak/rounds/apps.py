"""The rounds app: round workflow, bulk update, reminders."""

from typing import Any

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    """Tracks rounds and their entries in the audit log when Django starts."""

    name = "tiltak.rounds"
    verbose_name = "Rapporteringsrunder"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Track rounds, status entries, their comments and acknowledged findings in the audit
        log; tell accounts who manages access to a plan."""
        from tiltak.accounts import policy
        from tiltak.audit.registry import track

        from . import permissions
        from .models import EntryComment, FindingAcknowledgement, ReportingRound, StatusEntry

        policy.register(permissions.can_manage_access)

        track(ReportingRound, where=lambda rnd: (rnd.plan_id, rnd.pk, None))
        track(StatusEntry, where=_entry_where)
        track(EntryComment, where=_comment_where)
        track(FindingAcknowledgement, where=lambda ack: (ack.plan_id, ack.round_id, ack.measure_id))


def _entry_where(entry: Any) -> tuple[int | None, int | None, int | None]:
    """An entry belongs to its round's plan, its round and its measure."""
    from .models import ReportingRound, StatusEntry

    if StatusEntry.round.is_cached(entry):  # bulk changes load the round once for all
        return entry.round.plan_id, entry.round_id, entry.measure_id
    plan_id = ReportingRound.objects.filter(pk=entry.round_id).values_list("plan_id", flat=True)
    return plan_id.first(), entry.round_id, entry.measure_id


def _comment_where(comment: Any) -> tuple[int | None, int | None, int | None]:
    """A comment belongs where its entry does."""
    from .models import StatusEntry

    row = (
        StatusEntry.objects.filter(pk=comment.entry_id)
        .values_list("round__plan_id", "round_id", "measure_id")
        .first()
    )
    return row if row is not None else (None, None, None)
