"""App configuration for tiltak.portal."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public, read-only web portal."""

    name = "tiltak.portal"
    label = "portal"
    verbose_name = "Portal"
