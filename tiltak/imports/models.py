"""An uploaded document's parse, kept on the server between upload and save."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportDraft(models.Model):
    """What the parser read from one upload, for its uploader to review; deleted once saved.

    The document is the parse as JSON (tiltak.imports.drafts), never anything the browser sent.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lastet opp av",
        on_delete=models.CASCADE,
        related_name="import_drafts",
    )
    created_at = models.DateTimeField("lastet opp", default=timezone.now, db_index=True)
    source_name = models.CharField("filnavn", max_length=300)
    source_sha256 = models.CharField("SHA-256", max_length=64)
    plan_slug = models.CharField("kortnavn fra filen", max_length=100, blank=True)
    document = models.JSONField("dokument")

    class Meta:
        verbose_name = "import til gjennomgang"
        verbose_name_plural = "importer til gjennomgang"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.user})"
