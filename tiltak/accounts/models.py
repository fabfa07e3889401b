"""A user's organisation and roles on plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tiltak.plans.models import Organisation, Plan


class Profile(models.Model):
    """A user's organisation: an editor may edit the measures it is responsible for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="tiltak_profile",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisasjon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
    )
    is_editor = models.BooleanField(
        "redaktør", default=True, help_text="Kan oppdatere organisasjonens tiltak."
    )

    class Meta:
        verbose_name = "brukerprofil"
        verbose_name_plural = "brukerprofiler"

    def __str__(self) -> str:
        acronym = self.organisation.acronym if self.organisation else "–"
        return f"{self.user} ({acronym})"


class PlanRole(models.Model):
    """A role on one plan: coordinator, or reader of unpublished rounds."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "Koordinator"
        READER = "reader", "Leser"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="plan_roles",
    )
    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("rolle", max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = "rolle i plan"
        verbose_name_plural = "roller i planer"
        constraints = [
            models.UniqueConstraint(fields=["user", "plan", "role"], name="plan_role_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["coordinator", "reader"]), name="plan_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} i {self.plan.slug}"


class Invitation(models.Model):
    """An invitation by e-mail to edit for an organisation, or to coordinate or read a plan.

    Only the SHA-256 hash of the secret in the link is stored; the link works once, until
    `expires_at`, unless the invitation is withdrawn."""

    class Role(models.TextChoices):
        EDITOR = "editor", "Redaktør"
        COORDINATOR = "coordinator", "Koordinator"
        READER = "reader", "Leser"

    email = models.EmailField("e-post")
    plan = models.ForeignKey(
        Plan, verbose_name="plan", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField("rolle", max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisasjon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invitert av",
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_invitations",
    )
    token_hash = models.CharField("nøkkel (hash)", max_length=64, unique=True)
    created_at = models.DateTimeField("sendt", auto_now_add=True)
    expires_at = models.DateTimeField("utløper")
    accepted_at = models.DateTimeField("godtatt", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="godtatt av",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    withdrawn_at = models.DateTimeField("trukket tilbake", null=True, blank=True)

    class Meta:
        verbose_name = "invitasjon"
        verbose_name_plural = "invitasjoner"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["editor", "coordinator", "reader"]),
                name="invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="editor") | models.Q(organisation__isnull=False),
                name="invitation_editor_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.get_role_display()} i {self.plan.slug}"
