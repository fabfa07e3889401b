"""The data version: one counter that every change to stored data moves on."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """A single row; public pages are cached per value, so a change makes them fresh at once."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.PositiveBigIntegerField("versjon", default=0)

    class Meta:
        verbose_name = "dataversjon"
        verbose_name_plural = "dataversjon"

    def __str__(self) -> str:
        return str(self.value)
