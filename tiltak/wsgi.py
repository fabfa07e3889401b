"""WSGI entry point; with DEBUG off it refuses to serve unless SECRET_KEY is in the environment."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiltak.settings")

from django.conf import settings

if not settings.DEBUG and not getattr(settings, "SECRET_KEY_FROM_ENVIRONMENT", False):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment to serve with DEBUG off")

application = get_wsgi_application()
