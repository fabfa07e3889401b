"""Absolute links for e-mails, feeds and catalogues: one rule for the site's own address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

# Where `tiltak serve` answers by default; used only when neither the setting nor a request
# tells the address (a command sending e-mail without TILTAK_BASE_URL; a system check warns).
LOCAL_ADDRESS = "http://127.0.0.1:8000"


def site_base_url(request: HttpRequest | None = None) -> str:
    """The site's address without a trailing slash: TILTAK_BASE_URL, else the request's, else
    the local default."""
    configured = str(getattr(settings, "TILTAK_BASE_URL", "") or "").strip()
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return LOCAL_ADDRESS


def site_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (from reverse()) as an absolute address on this site."""
    return site_base_url(request) + path
