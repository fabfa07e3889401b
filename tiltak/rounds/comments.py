"""The comment thread of a status entry: editors and coordinators write to each other. A
comment is audited, and the other side is told by e-mail."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tiltak.audit.context import audit_context

from . import notifications, permissions
from .models import EntryComment, StatusEntry
from .permissions import require
from .services import WorkflowError

MAX_COMMENT_CHARS = 5000


def add_comment(user: Any, entry_id: int, body: str) -> EntryComment:
    """Add `body` (plain text or Markdown) to the entry's thread as `user`."""
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise WorkflowError("Skriv en kommentar.")
    if len(body) > MAX_COMMENT_CHARS:
        raise WorkflowError(
            f"Kommentaren er for lang ({len(body)} tegn; høyst {MAX_COMMENT_CHARS})."
        )
    with transaction.atomic(), audit_context(actor=user, action="comment"):
        entry = StatusEntry.objects.select_related("round__plan", "measure").get(pk=entry_id)
        require(
            permissions.can_comment_entry(user, entry), "Du kan ikke kommentere dette tiltaket."
        )
        comment = EntryComment.objects.create(entry=entry, author=user, body=body)
        notifications.commented(comment)
    return comment
