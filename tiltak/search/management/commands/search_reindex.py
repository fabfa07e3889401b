"""`tiltak manage search_reindex [--plan SLUG]`: bring the search index up to date."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tiltak.plans.models import Plan
from tiltak.search.services import reindex


class Command(BaseCommand):
    """Reindex every plan, or one."""

    help = "Bring the search index up to date (every plan, or one with --plan)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """--plan SLUG."""
        parser.add_argument("--plan", metavar="SLUG", help="only this plan")

    def handle(self, *args: Any, **options: Any) -> None:
        """Reindex and say how many documents were written."""
        plan = None
        if options["plan"]:
            plan = Plan.objects.filter(slug=options["plan"]).first()
            if plan is None:
                raise CommandError(f"no plan {options['plan']!r}")
        written = reindex(plan)
        self.stdout.write(f"search index: {written} documents written")
