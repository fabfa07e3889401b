"""System checks of presentation settings (`tiltak manage check`, and at `tiltak serve`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning

from .links import LOCAL_ADDRESS


def base_url_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warns when e-mails would link to the local address in production."""
    if settings.DEBUG or str(getattr(settings, "TILTAK_BASE_URL", "") or "").strip():
        return []
    return [
        Warning(
            f"TILTAK_BASE_URL is not set: links in e-mails point at {LOCAL_ADDRESS}.",
            hint="Set TILTAK_BASE_URL to the site's public address, e.g. https://tiltak.example.no.",
            id="tiltak.W001",
        )
    ]
