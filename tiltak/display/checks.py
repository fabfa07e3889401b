"""System checks of presentation settings (`tiltak manage check`, and at `tiltak serve`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning

from .links import LOCAL_ADDRESS

LOCAL_MAIL_HOSTS = ("", "localhost", "127.0.0.1")


def base_url_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warns when e-mail goes out (an EMAIL_HOST other than this machine) with DEBUG off and
    no TILTAK_BASE_URL: the links in it would point at the local address."""
    sends_mail = str(getattr(settings, "EMAIL_HOST", "") or "") not in (
        "",
        "localhost",
        "127.0.0.1",
    )
    configured = str(getattr(settings, "TILTAK_BASE_URL", "") or "").strip()
    if settings.DEBUG or configured or not sends_mail:
        return []
    return [
        Warning(
            f"TILTAK_BASE_URL is not set: links in e-mails point at {LOCAL_ADDRESS}.",
            hint="Set TILTAK_BASE_URL to the site's public address, e.g. https://tiltak.example.no.",
            id="tiltak.W001",
        )
    ]
