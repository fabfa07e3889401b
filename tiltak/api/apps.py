"""App configuration for tiltak.api."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API; its OpenAPI schema and docs are served at /api/docs."""

    name = "tiltak.api"
    label = "tiltak_api"
    verbose_name = "API"
