"""Failed API token attempts per client address, counted in the database.

Django's default cache is local to each worker process, so a counter there lets a client fail
`limit` times per worker (150 with 5 workers) and more with several servers. A row per failure in
the database is one counter for them all: a sliding window (the last `window` seconds), rows
older than the window deleted as new ones come, at most `limit` rows per address at a time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone

from .models import TokenFailure

# Failed token attempts per client address before it must wait (settings override both).
AUTH_FAILURE_LIMIT = 30
AUTH_FAILURE_WINDOW = 300  # seconds
MAX_ADDRESS = TokenFailure._meta.get_field("address").max_length or 64


@dataclass(frozen=True, slots=True)
class Limit:
    """How many failures an address may have in how many seconds."""

    failures: int
    seconds: int


def failure_limit() -> Limit:
    """TILTAK_API_AUTH_FAILURE_LIMIT failures in TILTAK_API_AUTH_FAILURE_WINDOW seconds."""
    return Limit(
        int(getattr(settings, "TILTAK_API_AUTH_FAILURE_LIMIT", AUTH_FAILURE_LIMIT)),
        int(getattr(settings, "TILTAK_API_AUTH_FAILURE_WINDOW", AUTH_FAILURE_WINDOW)),
    )


def wait_seconds(address: str, limit: Limit) -> int:
    """0 if the address may try a token now, else the seconds until its oldest failure in the
    window is forgotten."""
    now = timezone.now()
    recent = TokenFailure.objects.filter(
        address=address[:MAX_ADDRESS], at__gt=now - timedelta(seconds=limit.seconds)
    ).aggregate(count=Count("id"), oldest=Min("at"))
    if recent["count"] < limit.failures or recent["oldest"] is None:
        return 0
    left: timedelta = recent["oldest"] + timedelta(seconds=limit.seconds) - now
    return max(1, math.ceil(left.total_seconds()))


def record_failure(address: str, limit: Limit) -> None:
    """Count one failed attempt, and forget every address's failures older than the window."""
    now = timezone.now()
    TokenFailure.objects.filter(at__lte=now - timedelta(seconds=limit.seconds)).delete()
    TokenFailure.objects.create(address=address[:MAX_ADDRESS], at=now)
