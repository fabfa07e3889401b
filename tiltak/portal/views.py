"""Views of the public portal: thin wrappers around the selectors; only published rounds show."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tiltak.display.narrative import render_narrative
from tiltak.documents.vocabulary import status_key
from tiltak.lineage.selectors import measure_lineage
from tiltak.plans.models import Plan
from tiltak.rounds.models import ReportingRound
from tiltak.rounds.public import compare_rounds

from . import selectors
from .caching import cached_page
from .changes import narrative_diffs
from .charts import status_chart
from .downloads import measure_list_csv as filtered_csv
from .feeds import PlanFeed
from .plan_language import plan_pages
from .search import SearchResultPages

MAX_QUERY = 200


def _plan_or_404(slug: str) -> Plan:
    """The public plan with this slug, or 404."""
    plan = selectors.public_plan(slug)
    if plan is None:
        raise Http404("Fant ikke planen.")
    return plan


def _rounds_or_404(plan: Plan, slug: str | None) -> tuple[list[ReportingRound], ReportingRound]:
    """The plan's published rounds and the one asked for (default the latest), or 404."""
    rounds = selectors.plan_published_rounds(plan)
    rnd = selectors.pick_round(rounds, slug)
    if rnd is None:
        raise Http404("Fant ikke rapporteringsrunden.")
    return rounds, rnd


def _report_links(plan: Plan, rnd: ReportingRound) -> list[tuple[str, str]]:
    """Download links for the round's report, if the reports app is installed."""
    links = []
    for fmt, label in (
        ("pdf", "PDF"),
        ("docx", "Word (DOCX)"),
        ("html", "HTML"),
        ("md", "Markdown"),
    ):
        try:
            url = reverse(
                "reports:download",
                kwargs={"plan_slug": plan.slug, "round_slug": rnd.slug, "fmt": fmt},
            )
        except NoReverseMatch:
            return []
        links.append((url, label))
    return links


@cached_page
def front(request: HttpRequest) -> HttpResponse:
    """The front page: the newest plans with their latest published round and a status bar,
    and a link to every plan when there are more."""
    overviews, total = selectors.front_page(selectors.FRONT_PAGE_PLANS)
    cards = [
        {
            "overview": overview,
            "chart": status_chart(
                [overview.distribution],
                chart_id=f"plan-{overview.plan.pk}",
                title=_("Status for %(plan)s, %(round)s")
                % {"plan": overview.plan.title, "round": overview.round.title},
                show_labels=False,
                legend=False,
            ),
        }
        for overview in overviews
    ]
    return render(request, "portal/front.html", {"cards": cards, "plan_total": total})


@cached_page
def plan_index(request: HttpRequest) -> HttpResponse:
    """Every public plan: period, latest published round and its date, number of measures."""
    return render(request, "portal/plan_index.html", {"items": selectors.plan_index()})


@cached_page
def organisation_index(request: HttpRequest) -> HttpResponse:
    """The organisations responsible for measures in public plans."""
    return render(
        request, "portal/organisation_index.html", {"items": selectors.organisation_index()}
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring)."""
    context = {"contact_email": getattr(settings, "TILTAK_CONTACT_EMAIL", "")}
    return render(request, "portal/accessibility.html", context)


@cached_page
def plan_page(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """A plan's status distribution overall, per chapter and per responsible organisation."""
    plan = _plan_or_404(plan_slug)
    with plan_pages(plan.language):
        rounds, rnd = _rounds_or_404(plan, request.GET.get("runde"))
        overall = selectors.round_distribution(rnd)
        chapters = selectors.chapter_distributions(rnd)
        organisations = selectors.organisation_distributions(rnd)
        context: dict[str, Any] = {
            "plan": plan,
            "rounds": rounds,
            "round": rnd,
            "is_latest": rnd == rounds[-1],
            "overall": overall,
            "chapters": chapters,
            "organisations": organisations,
            "overall_chart": status_chart(
                [overall],
                chart_id="status-alle",
                title=_("Status for alle tiltak, %(round)s") % {"round": rnd.title},
                show_labels=False,
                legend_counts=True,
            ),
            "chapter_chart": status_chart(
                chapters,
                chart_id="status-kapittel",
                title=_("Status per kapittel, %(round)s") % {"round": rnd.title},
            ),
            "organisation_chart": status_chart(
                organisations,
                chart_id="status-ansvarlig",
                title=_("Status per ansvarlig, %(round)s") % {"round": rnd.title},
            ),
            "report_links": _report_links(plan, rnd),
            "statuses": selectors.status_labels(),
        }
        return render(request, "portal/plan.html", context)


def _filters(request: HttpRequest) -> selectors.MeasureFilters:
    """The measure list's filters from the query string."""
    get = request.GET
    return selectors.MeasureFilters(
        chapter=get.get("kapittel", "").strip(),
        organisation=get.get("departement", "").strip(),
        status=get.get("status", "").strip(),
        kind=get.get("type", "").strip(),
        query=" ".join(get.get("q", "").split())[:MAX_QUERY],
    )


@cached_page
def measure_list(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """The plan's measures in a round, filtered, searched and 50 to a page."""
    plan = _plan_or_404(plan_slug)
    with plan_pages(plan.language):
        rounds, rnd = _rounds_or_404(plan, request.GET.get("runde"))
        filters = _filters(request)
        if filters.query:
            results = SearchResultPages(filters.query, plan=plan, rnd=rnd, filters=filters)
            paginator: Paginator[Any] = Paginator(results, selectors.PAGE_SIZE)
        else:
            paginator = Paginator(selectors.round_entries(rnd, filters), selectors.PAGE_SIZE)
        page = paginator.get_page(request.GET.get("side"))
        items = list(page.object_list)
        suggestion = ""
        if filters.query:
            suggestion = results.suggestion
            selectors.with_responsible([hit.entry for hit in items])
            rows = [
                {"entry": hit.entry, "title": hit.title_html, "snippet": hit.snippet_html}
                for hit in items
            ]
        else:
            selectors.with_responsible(items)
            rows = [
                {"entry": entry, "title": entry.measure.title, "snippet": ""} for entry in items
            ]
        query = request.GET.copy()
        query.pop("side", None)
        suggestion_query = query.copy()
        suggestion_query["q"] = suggestion
        context = {
            "plan": plan,
            "rounds": rounds,
            "round": rnd,
            "filters": filters,
            "rows": rows,
            "page": page,
            "paginator": paginator,
            "page_range": list(
                paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "query_string": query.urlencode(),
            "suggestion": suggestion,
            "suggestion_query": suggestion_query.urlencode(),
            "measures_url": reverse("portal:measures", args=[plan.slug]),
            "csv_url": reverse("portal:measures_csv", args=[plan.slug]),
            "chapters": selectors.plan_chapters(plan),
            "organisations": selectors.plan_organisations(plan),
            "statuses": selectors.status_labels(),
            "kinds": (("tiltak", _("Tiltak")), ("anmodningsvedtak", _("Anmodningsvedtak"))),
        }
        return render(request, "portal/measure_list.html", context)


@cached_page
def measure_list_csv(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """The measure list as filtered, every page, as spreadsheet-safe CSV."""
    plan = _plan_or_404(plan_slug)
    rnd = _rounds_or_404(plan, request.GET.get("runde"))[1]
    response = HttpResponse(
        filtered_csv(plan, rnd, _filters(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-{rnd.slug}-tiltak.csv"'
    return response


plan_feed_view = PlanFeed()


@cached_page
def plan_feed(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """The plan's Atom feed: published rounds and the latest round's changed measures."""
    return plan_feed_view(request, plan_slug=plan_slug)


@cached_page
def measure_page(request: HttpRequest, plan_slug: str, number: str) -> HttpResponse:
    """One measure: status, responsible, narrative, references, timeline and findings."""
    plan = _plan_or_404(plan_slug)
    with plan_pages(plan.language):
        measure = selectors.public_measure(plan, number)
        if measure is None:
            raise Http404("Fant ikke tiltaket.")
        rounds, rnd = _rounds_or_404(plan, request.GET.get("runde"))
        detail = selectors.measure_detail(measure, rnd)
        context = {
            "plan": plan,
            "rounds": rounds,
            "round": rnd,
            "measure": measure,
            "detail": detail,
            "status": status_key(detail.entry.status if detail.entry else None),
            "statuses": selectors.status_labels(),
            "narrative": render_narrative(detail.entry.narrative if detail.entry else ""),
            "lineage": measure_lineage(measure),
        }
        return render(request, "portal/measure.html", context)


@cached_page
def organisation_page(request: HttpRequest, acronym: str) -> HttpResponse:
    """An organisation's measures across plans, with their latest published status."""
    organisation = selectors.organisation_by_acronym(acronym)
    if organisation is None:
        raise Http404("Fant ikke organisasjonen.")
    page = selectors.organisation_page(organisation)
    if not page.plans and organisation.successor is None and not page.predecessors:
        raise Http404("Organisasjonen har ingen publiserte tiltak.")
    context = {
        "organisation": organisation,
        "page": page,
        "statuses": selectors.status_labels(),
    }
    return render(request, "portal/organisation.html", context)


@cached_page
def changes_page(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """What changed between two published rounds of a plan (default: the last two)."""
    plan = _plan_or_404(plan_slug)
    with plan_pages(plan.language):
        rounds = selectors.plan_published_rounds(plan)
        after = selectors.pick_round(rounds, request.GET.get("til"))
        if after is None:
            raise Http404("Fant ikke rapporteringsrunden.")
        before_slug = request.GET.get("fra")
        if before_slug:
            before = selectors.pick_round(rounds, before_slug)
            if before is None:
                raise Http404("Fant ikke rapporteringsrunden.")
        else:
            index = rounds.index(after)
            before = rounds[index - 1] if index > 0 else None
        comparison = (
            compare_rounds(before, after) if before is not None and before != after else None
        )
        context = {
            "plan": plan,
            "rounds": rounds,
            "before": before,
            "after": after,
            "comparison": comparison,
            "narratives": narrative_diffs(comparison) if comparison is not None else [],
            "statuses": selectors.status_labels(),
        }
        return render(request, "portal/changes.html", context)
