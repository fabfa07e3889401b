"""Personal API tokens: a user's secret for the write endpoints, stored only as a SHA-256 hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A personal API token. The secret is shown once when created; only its hash is kept, with
    a short public prefix that names the token in lists and logs."""

    class State(models.TextChoices):
        ACTIVE = "active", "Aktiv"
        EXPIRED = "expired", "Utløpt"
        REVOKED = "revoked", "Tilbakekalt"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("navn", max_length=100)
    prefix = models.CharField(
        "prefiks", max_length=20, unique=True, help_text="Den offentlige starten på nøkkelen."
    )
    secret_hash = models.CharField("SHA-256 av nøkkelen", max_length=64, unique=True)
    created_at = models.DateTimeField("opprettet", default=timezone.now)
    expires_at = models.DateTimeField("utløper")
    last_used_at = models.DateTimeField("sist brukt", null=True, blank=True)
    revoked_at = models.DateTimeField("tilbakekalt", null=True, blank=True)

    class Meta:
        verbose_name = "API-nøkkel"
        verbose_name_plural = "API-nøkler"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def state(self) -> str:
        """Active, expired or revoked, now."""
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.ACTIVE

    def get_state_display(self) -> str:
        """The state in Norwegian."""
        return str(self.State(self.state).label)


class TokenFailure(models.Model):
    """One failed API token attempt from a client address. Kept in the database, not the
    per-process cache, so the limit holds across every worker and server."""

    address = models.CharField("adresse", max_length=64)
    at = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "mislykket API-nøkkel"
        verbose_name_plural = "mislykkede API-nøkler"
        indexes = [models.Index(fields=["address", "at"], name="api_failure_address_at")]

    def __str__(self) -> str:
        return f"{self.address} {self.at:%Y-%m-%d %H:%M:%S}"
