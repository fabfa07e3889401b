"""App configuration for tiltak.caching."""

from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The data-version counter and the page cache keyed by it; below the store, so every
    layer may use it."""

    name = "tiltak.caching"
    label = "caching"
    verbose_name = "Mellomlagring"
