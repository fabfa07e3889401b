"""App configuration for tiltak.opendata."""

from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """Downloads of published data and their DCAT-AP-NO description."""

    name = "tiltak.opendata"
    label = "opendata"
    verbose_name = "Åpne data"
