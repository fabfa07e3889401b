"""The Atom feed of a plan: its published rounds, and the measures whose status or narrative
changed in the latest published round (Django's syndication framework)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.textdiff import changed_word_counts
from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound
from tiltak.rounds.public import MeasureChange, compare_rounds

from . import selectors


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a plan's feed."""

    title: str
    link: str
    summary: str
    published: datetime | None


def _round_entry(plan: Plan, rnd: ReportingRound, counts: selectors.Distribution) -> FeedEntry:
    """A published round, with how many measures have each status."""
    parts = [f"{label}: {count}" for _, label, count in counts.items() if count]
    summary = f"{rnd.title} er publisert. {counts.total} tiltak"
    summary += f" ({', '.join(parts)})." if parts else "."
    link = reverse("portal:plan", args=[plan.slug]) + f"?runde={rnd.slug}"
    return FeedEntry(rnd.title, link, summary, rnd.published_at)


def _change_summary(change: MeasureChange) -> str:
    """What changed for one measure, in a sentence or two."""
    sentences = []
    if change.status_before != change.status_after:
        before = selectors.STATUS_LABELS[change.status_before]
        after = selectors.STATUS_LABELS[change.status_after]
        sentences.append(f"Status endret fra «{before}» til «{after}».")
    if change.narrative_changed:
        added, removed = changed_word_counts(
            markdown_to_text(change.narrative_before), markdown_to_text(change.narrative_after)
        )
        sentences.append(f"Omtalen er endret ({added} ord lagt til, {removed} fjernet).")
    return " ".join(sentences)


def _change_entries(plan: Plan, rounds: list[ReportingRound]) -> list[FeedEntry]:
    """The measures whose status or narrative changed in the latest round since the one before."""
    if len(rounds) < 2:
        return []
    before, latest = rounds[-2], rounds[-1]
    entries = []
    for change in compare_rounds(before, latest).changes:
        if change.measure is None or not (
            change.change == "status_changed" or change.narrative_changed
        ):
            continue
        link = reverse("portal:measure", args=[plan.slug, change.number])
        entries.append(
            FeedEntry(
                f"{change.number}: {change.title} ({latest.title})",
                f"{link}?runde={latest.slug}",
                _change_summary(change),
                latest.published_at,
            )
        )
    return entries


def plan_feed_entries(plan: Plan) -> list[FeedEntry]:
    """The feed's entries, newest first: the latest round's changed measures, then the rounds."""
    rounds = selectors.plan_published_rounds(plan)
    counts = selectors.rounds_distributions(rounds)
    round_entries = [_round_entry(plan, rnd, counts[rnd.pk]) for rnd in reversed(rounds)]
    return _change_entries(plan, rounds) + round_entries


class PlanFeed(Feed[FeedEntry, Plan]):
    """A plan's Atom feed (only what rounds/public.py lets the public see)."""

    feed_type = Atom1Feed
    language = "nb"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Plan:
        plan = selectors.public_plan(str(kwargs.get("plan_slug", "")))
        if plan is None:
            raise Http404("Fant ikke planen.")
        return plan

    def title(self, obj: Plan) -> str:
        return f"{obj.title} – Tiltak"

    def subtitle(self, obj: Plan) -> str:
        return "Publiserte rapporteringsrunder og tiltak med ny status eller omtale."

    def link(self, obj: Plan) -> str:
        return reverse("portal:plan", args=[obj.slug])

    def feed_url(self, obj: Plan) -> str:
        return reverse("portal:feed", args=[obj.slug])

    def author_name(self, obj: Plan) -> str:
        organisation = obj.coordinating_organisation
        return organisation.name if organisation else "Tiltak"

    def items(self, obj: Plan) -> list[FeedEntry]:
        return plan_feed_entries(obj)

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.summary

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_pubdate(self, item: FeedEntry) -> datetime | None:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime | None:
        return item.published
