"""The coordinator's page for links between plans (/koordinator/koblinger/): the permission rule,
the page for a small pair and for the corpus pair, confirm, reject, undo and link by number
through HTTP, the audit log, refusals, and the confirmed link on the public measure page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.support.api import PLAN, STRATEGY
from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit.models import AuditEvent
from tiltak.lineage import services
from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Chapter, Measure, MeasureResponsibility, Organisation, Plan
from tiltak.rounds import permissions
from tiltak.rounds.models import ReportingRound, StatusEntry

pytestmark = pytest.mark.django_db

CONFIRMED, REJECTED, SUGGESTED = "confirmed", "rejected", "suggested"


@pytest.fixture(autouse=True)
def _test_urls(settings: Any) -> None:
    """The whole site (the lineage conftest serves only the API), plain static files."""
    settings.ROOT_URLCONF = "tiltak.urls"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class Pair:
    """Plan A (2021–2025) and plan B (2024–2028), an unrelated plan C, and one user per role."""

    a: Plan
    b: Plan
    c: Plan
    users: dict[str, User]
    clients: dict[str, Client] = field(default_factory=dict)

    def measure(self, plan: Plan, number: str) -> Measure:
        return Measure.objects.get(plan=plan, number=number)

    def link(self, number_a: str, number_b: str) -> MeasureLink | None:
        return MeasureLink.objects.filter(
            measure__plan=self.a, measure__number=number_a,
            successor__plan=self.b, successor__number=number_b,
        ).first()  # fmt: skip

    def client(self, role: str) -> Client:
        """The role's browser: one per role, so messages carry over to the next page."""
        if role not in self.clients:
            self.clients[role] = Client()
            if role != "anonymous":
                self.clients[role].force_login(self.users[role])
        return self.clients[role]

    @property
    def url(self) -> str:
        return f"/koordinator/koblinger/{self.a.slug}/til/{self.b.slug}/"


def _plan(slug: str, title: str, start: int, measures: list[tuple[str, str, str]]) -> Plan:
    """A plan with chapters, measures (chapter, number, title) and a published round."""
    jd = Organisation.objects.get_or_create(acronym="JD", defaults={"name": "Justis"})[0]
    plan = Plan.objects.create(
        slug=slug, title=title, period_start=start, period_end=start + 4,
        coordinating_organisation=jd,
    )  # fmt: skip
    chapters: dict[str, Chapter] = {}
    rnd = ReportingRound.objects.create(
        plan=plan, title=f"Status {start + 1}", slug=f"status-{start + 1}", as_of=f"{start + 1}-06",
        state="published", published_at=datetime(start + 1, 6, 30, tzinfo=UTC),
    )  # fmt: skip
    for order, (chapter, number, text) in enumerate(measures):
        if chapter not in chapters:
            chapters[chapter] = Chapter.objects.create(
                plan=plan, key=chapter, title=f"Kapittel {chapter}", order=len(chapters)
            )
        measure = Measure.objects.create(
            plan=plan, number=number, title=text, order=order, chapter=chapters[chapter]
        )
        MeasureResponsibility.objects.create(measure=measure, organisation=jd, position=0)
        StatusEntry.objects.create(
            round=rnd, measure=measure, status="in_progress", status_label="Under arbeid",
            narrative=f"Arbeidet med {text.lower()} går.", workflow_state="approved",
        )  # fmt: skip
    return plan


def build_pair() -> Pair:
    a = _plan("strategi-2021", "Strategi mot overgrep på nett (2021–2025)", 2021, [
        ("1", "1", "Styrke politiets arbeid mot overgrep på internett"),
        ("1", "2", "Informere foreldre om digitale medier"),
        ("2", "3", "Fornye medlemskapet i WePROTECT"),
    ])  # fmt: skip
    b = _plan("plan-2024", "Opptrappingsplan mot vold og overgrep (2024–2028)", 2024, [
        ("1", "10", "Styrke kapasiteten i politiet mot overgrep på internett"),
        ("1", "11", "Videreutvikle foreldrehverdag.no om digitalt foreldreskap"),
        ("2", "12", "Fornye Norges medlemskap i WePROTECT"),
        ("2", "13", "Etablere flere barnehus"),
    ])  # fmt: skip
    c = _plan("annen-plan", "En annen plan (2022–2026)", 2022, [("1", "1", "Noe annet")])
    editor_org = Organisation.objects.create(acronym="HOD", name="Helse")
    users = {
        "coordinator_b": User.objects.create_user("koordinator-b"),
        "coordinator_a": User.objects.create_user("koordinator-a"),
        "coordinator_c": User.objects.create_user("koordinator-c"),
        "reader": User.objects.create_user("leser"),
        "editor": User.objects.create_user("redaktor"),
        "admin": User.objects.create_user("admin", is_staff=True, is_superuser=True),
    }
    for role, plan in (("coordinator_b", b), ("coordinator_a", a), ("coordinator_c", c)):
        PlanRole.objects.create(user=users[role], plan=plan, role="coordinator")
    PlanRole.objects.create(user=users["reader"], plan=b, role="reader")
    Profile.objects.create(user=users["editor"], organisation=editor_org)
    pair = Pair(a, b, c, users)
    for number_a, number_b, score, terms in (
        ("1", "10", 0.62, ["overgrep", "internett", "politi"]),
        ("1", "13", 0.11, ["styrke"]),
        ("2", "11", 0.48, ["foreldre", "digital"]),
        ("3", "12", 0.71, ["weprotect", "medlemskap"]),
    ):
        MeasureLink.objects.create(
            measure=pair.measure(a, number_a), successor=pair.measure(b, number_b),
            score=score, matched_terms=terms,
        )  # fmt: skip
    return pair


@pytest.fixture
def pair(db: None) -> Pair:
    return build_pair()


def _cards(html: str) -> list[str]:
    """The numbers of plan A's measures shown as cards, in order."""
    return re.findall(r'<span class="link-card__number">([^<]+)</span>\s*(?:[^<]*)</h3>', html)


def _decide(pair: Pair, role: str, action: str, a: str, b: str, **extra: str) -> Any:
    data = {"action": action, "measure": str(pair.measure(pair.a, a).pk)}
    if action == "link":
        data["number"] = b
    else:
        data["successor"] = str(pair.measure(pair.b, b).pk)
    data.update(extra)
    return pair.client(role).post(pair.url + "avgjor/", data)


# The rule.


def test_the_coordinator_of_either_plan_or_an_administrator_may_link(pair: Pair) -> None:
    measure, successor = pair.measure(pair.a, "1"), pair.measure(pair.b, "10")
    allowed = {
        "coordinator_a": True,
        "coordinator_b": True,
        "admin": True,
        "coordinator_c": False,
        "editor": False,
        "reader": False,
    }
    for role, expected in allowed.items():
        user = User.objects.get(pk=pair.users[role].pk)  # no cached roles
        assert permissions.can_link_measures(user, measure, successor) is expected, role
        assert permissions.can_link_plans(user, pair.a, pair.b) is expected, role
    assert not permissions.can_link_measures(AnonymousUser(), measure, successor)
    inactive = pair.users["coordinator_b"]
    inactive.is_active = False
    assert not permissions.can_link_measures(inactive, measure, successor)


def test_the_services_check_the_rule_for_users_and_trust_the_command_line(pair: Pair) -> None:
    measure, successor = pair.measure(pair.a, "1"), pair.measure(pair.b, "10")
    for role in ("editor", "reader", "coordinator_c"):
        actor = services.Actor(role, user=pair.users[role])
        with pytest.raises(services.PermissionDenied):
            services.confirm_link(measure, successor, actor=actor)
        with pytest.raises(services.PermissionDenied):
            services.reject_link(measure, successor, actor=actor)
        with pytest.raises(services.PermissionDenied):
            services.undo_link(measure, successor, actor=actor)
        with pytest.raises(services.PermissionDenied):
            services.generate_suggestions(pair.a, pair.b, actor=actor)
    with pytest.raises(services.PermissionDenied):
        services.confirm_link(measure, successor, actor=services.Actor("", user=AnonymousUser()))
    assert pair.link("1", "10").state == SUGGESTED  # type: ignore[union-attr]
    link = services.confirm_link(measure, successor, actor=services.Actor("cli:alice"))
    assert link.state == CONFIRMED and link.decided_by_name == "cli:alice"
    event = AuditEvent.objects.filter(model="lineage.measurelink").latest("id")
    assert (event.action, event.actor_name, event.plan_id) == (
        "confirm_link",
        "cli:alice",
        pair.b.pk,
    )


# The page.


def test_the_page_lists_plan_as_measures_by_chapter_with_ranked_suggestions(pair: Pair) -> None:
    response = pair.client("coordinator_b").get(pair.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert _cards(html) == ["1", "2", "3"]
    assert html.index("Kapittel 1") < html.index("Informere foreldre") < html.index("Kapittel 2")
    card = html[html.index('id="tiltak-' + str(pair.measure(pair.a, "1").pk)) :]
    card = card[: card.index("</article>")]
    # Best first, with the score as a percentage, the matched words and B's latest status.
    assert card.index("Styrke kapasiteten i politiet") < card.index("Etablere flere barnehus")
    assert "62 %" in card and "11 %" in card
    assert 'overgrep</span>, <span class="link-term">internett' in card
    assert "Under arbeid" in card
    assert 'value="confirm"' in card and 'value="reject"' in card
    assert (
        "Videreføres i 10" in card and "Erstattes av 10" in card and "Slått sammen med 10" in card
    )
    assert "3 tiltak i A" in html and "0 avklart" in html
    assert 'name="csrfmiddlewaretoken"' in html
    home = pair.client("coordinator_b").get("/koordinator/")
    assert b'href="/koordinator/koblinger/"' in home.content


def test_confirm_reject_undo_and_link_by_number(pair: Pair) -> None:
    start = AuditEvent.objects.order_by("id").last().pk  # type: ignore[union-attr]
    response = _decide(pair, "coordinator_b", "confirm", "1", "10", relation="replaces",
                       note="Samme tiltak med ny tittel.")  # fmt: skip
    pk1 = pair.measure(pair.a, "1").pk
    assert response.status_code == 302 and response["Location"].endswith(f"#tiltak-{pk1}")
    link = pair.link("1", "10")
    assert link is not None and (link.state, link.relation) == (CONFIRMED, "replaces")
    assert link.note == "Samme tiltak med ny tittel."
    assert link.decided_by == pair.users["coordinator_b"] and link.decided_at is not None
    assert _decide(pair, "coordinator_b", "reject", "1", "13").status_code == 302
    assert pair.link("1", "13").state == REJECTED  # type: ignore[union-attr]
    # The page shows the decisions, and the message next to the measure.
    html = pair.client("coordinator_b").get(response["Location"]).content.decode()
    assert "Bekreftet: erstattes av 10" in html and "Avvist" in html
    assert "Bekreftet: tiltak 1 → tiltak 10 (erstattes av)." in html
    assert "«Samme tiltak med ny tittel.»" in html and "1 avklart" in html
    # A measure of B that was not suggested, chosen by its number; the coordinator of A may too.
    assert (
        _decide(pair, "coordinator_a", "link", "2", "13", relation="merged_into").status_code == 302
    )
    manual = pair.link("2", "13")
    assert manual is not None and manual.state == CONFIRMED and manual.score is None
    # Undo: a suggestion is suggested again, a link made by hand is removed.
    _decide(pair, "coordinator_b", "undo", "1", "10")
    link = pair.link("1", "10")
    assert link is not None and link.state == SUGGESTED and link.decided_at is None
    _decide(pair, "coordinator_b", "undo", "2", "13")
    assert pair.link("2", "13") is None
    # Every change is in the audit log, with the later plan and the coordinator.
    events = AuditEvent.objects.filter(model="lineage.measurelink", pk__gt=start).order_by("id")
    assert [e.action for e in events] == [
        "confirm_link", "reject_link", "confirm_link", "undo_link", "undo_link",
    ]  # fmt: skip
    first = events[0]
    assert first.actor_name == "koordinator-b" and first.plan_id == pair.b.pk
    assert first.before["state"] == SUGGESTED and first.after["state"] == CONFIRMED
    assert first.reason == "Samme tiltak med ny tittel."
    assert events[4].after is None  # the manual link deleted


def test_bad_input_gets_a_message_not_an_error(pair: Pair) -> None:
    client = pair.client("coordinator_b")
    url = pair.url + "avgjor/"
    pk1, pk10 = pair.measure(pair.a, "1").pk, pair.measure(pair.b, "10").pk
    confirm = {"action": "confirm", "measure": pk1, "successor": pk10}
    cases = [
        ({"action": "link", "measure": pk1, "number": "999"}, "har ikke noe tiltak med nummer"),
        ({"action": "link", "measure": pk1, "number": ""}, "Skriv nummeret på tiltaket"),
        ({**confirm, "relation": "arver"}, "Velg hvordan tiltakene henger sammen"),
        ({**confirm, "successor": "x"}, "Fant ikke forslaget"),
        ({**confirm, "measure": pk10}, "Velg et tiltak i"),
        ({**confirm, "action": "slett"}, "Ukjent handling"),
        ({**confirm, "note": "x" * 2001}, "høyst 2000"),
    ]
    for data, text in cases:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, data
        assert text in response.content.decode(), data
    assert pair.link("1", "10").state == SUGGESTED  # type: ignore[union-attr]
    assert client.get(url).status_code == 405
    assert client.get(f"/koordinator/koblinger/{pair.a.slug}/til/finnes-ikke/").status_code == 404
    assert client.get(f"/koordinator/koblinger/{pair.a.slug}/til/{pair.a.slug}/").status_code == 404


def test_only_unsettled_and_keeping_the_one_just_decided(pair: Pair) -> None:
    client = pair.client("coordinator_b")
    response = _decide(pair, "coordinator_b", "confirm", "1", "10", vis="uavklarte")
    pk1 = pair.measure(pair.a, "1").pk
    assert response["Location"] == f"{pair.url}?vis=uavklarte&sist={pk1}#tiltak-{pk1}"
    assert _cards(client.get(response["Location"]).content.decode()) == ["1", "2", "3"]
    html = client.get(pair.url + "?vis=uavklarte").content.decode()
    assert _cards(html) == ["2", "3"] and 'aria-current="page">Bare uavklarte (2)' in html
    # Rejecting every suggestion settles a measure too.
    _decide(pair, "coordinator_b", "reject", "3", "12")
    assert _cards(client.get(pair.url + "?vis=uavklarte").content.decode()) == ["2"]


def test_generating_suggestions_from_the_page_keeps_decisions(pair: Pair) -> None:
    _decide(pair, "coordinator_b", "reject", "3", "12")
    MeasureLink.objects.filter(state=SUGGESTED).delete()
    response = pair.client("coordinator_b").post(pair.url + "forslag/", {"top": "2"}, follow=True)
    assert response.status_code == 200
    assert "nye forslag er lagret" in response.content.decode()
    assert pair.link("3", "12").state == REJECTED  # type: ignore[union-attr]
    assert MeasureLink.objects.filter(state=SUGGESTED).count() >= 3
    assert (
        MeasureLink.objects.filter(measure__plan=pair.a).exclude(successor__plan=pair.b).count()
        == 0
    )
    assert AuditEvent.objects.filter(model="lineage.measurelink", action="suggest_links").exists()


@pytest.mark.parametrize("role", ["anonymous", "editor", "reader", "coordinator_c"])
def test_others_are_refused_and_nothing_changes(pair: Pair, role: str) -> None:
    client = pair.client(role)
    before = list(MeasureLink.objects.order_by("id").values_list("id", "state"))
    audit_before = AuditEvent.objects.count()
    expected = 302 if role == "anonymous" else 403
    responses = [
        client.get(pair.url),
        client.get("/koordinator/koblinger/"),
        _decide(pair, role, "confirm", "1", "10"),
        _decide(pair, role, "reject", "1", "10"),
        _decide(pair, role, "link", "2", "13"),
        _decide(pair, role, "undo", "1", "10"),
        client.post(pair.url + "forslag/", {"top": "3"}),
    ]
    if role == "coordinator_c":  # coordinates a plan, so may open the chooser, not this pair
        assert responses.pop(1).status_code == 200
    for response in responses:
        assert response.status_code == expected
        if role == "anonymous":
            assert response["Location"].startswith("/konto/logg-inn/")
    assert list(MeasureLink.objects.order_by("id").values_list("id", "state")) == before
    assert AuditEvent.objects.count() == audit_before


def test_the_chooser_goes_to_the_pair_and_explains_wrong_choices(pair: Pair) -> None:
    client = pair.client("coordinator_b")
    response = client.get("/koordinator/koblinger/")
    html = response.content.decode()
    assert response.status_code == 200
    # Preselected: the newest plan the user coordinates as B, the plan before it as A.
    assert f'<option value="{pair.b.slug}" selected>' in html
    assert f'<option value="{pair.c.slug}" selected>' in html
    assert "Strategi mot overgrep på nett" in html  # the pair with links
    response = client.get("/koordinator/koblinger/", {"a": pair.a.slug, "b": pair.b.slug})
    assert response.status_code == 302 and response["Location"] == pair.url
    for data, text in (
        ({"a": pair.a.slug, "b": pair.a.slug}, "Velg to ulike planer"),
        ({"a": pair.a.slug, "b": ""}, "Velg både en tidligere plan"),
        ({"a": pair.a.slug, "b": pair.c.slug}, "ikke koordinator for noen av de to"),
    ):
        response = client.get("/koordinator/koblinger/", data)
        assert response.status_code == 400 and text in response.content.decode()


def test_a_confirmed_link_shows_on_the_public_measure_pages(pair: Pair) -> None:
    public = Client()
    page_a = f"/planer/{pair.a.slug}/tiltak/1/"
    page_b = f"/planer/{pair.b.slug}/tiltak/10/"
    assert "Styrke kapasiteten" not in public.get(page_a).content.decode()  # cached now
    _decide(pair, "coordinator_b", "confirm", "1", "10")
    html_a = public.get(page_a).content.decode()
    assert "Videreføres i" in html_a and "Styrke kapasiteten i politiet" in html_a
    html_b = public.get(page_b).content.decode()
    assert "Viderefører" in html_b and "Styrke politiets arbeid" in html_b
    _decide(pair, "coordinator_b", "undo", "1", "10")
    assert "Styrke kapasiteten" not in public.get(page_a).content.decode()


def _grow(pair: Pair, count: int) -> None:
    """Add measures to plan A, each with three suggestions in plan B."""
    successors = list(pair.b.measures.all()[:3])
    chapter = pair.a.chapters.first()
    for i in range(count):
        measure = Measure.objects.create(
            plan=pair.a, number=f"{100 + i}", title=f"Tiltak {i}", order=100 + i, chapter=chapter
        )
        for rank, successor in enumerate(successors):
            MeasureLink.objects.create(
                measure=measure, successor=successor, score=0.5 - rank / 10, matched_terms=["ord"]
            )


def test_the_page_needs_the_same_queries_for_3_and_60_measures(pair: Pair) -> None:
    client = pair.client("coordinator_b")
    client.get(pair.url)  # session, roles and the like warmed
    with CaptureQueriesContext(connection) as small:
        assert client.get(pair.url).status_code == 200
    _grow(pair, 60)
    with CaptureQueriesContext(connection) as large:
        response = client.get(pair.url)
    assert len(_cards(response.content.decode())) == 63
    assert len(large) == len(small) <= 12, [q["sql"] for q in large.captured_queries]


# The corpus pair.


def test_the_corpus_strategy_and_plan_on_the_page(
    corpus: Any, django_assert_max_num_queries: Any
) -> None:
    strategy, plan = Plan.objects.get(slug=STRATEGY), Plan.objects.get(slug=PLAN)
    coordinator = User.objects.create_user("koordinator")
    PlanRole.objects.create(user=coordinator, plan=plan, role="coordinator")
    client = Client()
    client.force_login(coordinator)
    url = f"/koordinator/koblinger/{strategy.slug}/til/{plan.slug}/"
    html = client.get(url).content.decode()
    assert "Lag forslag" in html and "Ingen forslag til etterfølger i B" in html
    response = client.post(url + "forslag/", {"top": "3"}, follow=True)
    assert "90 nye forslag er lagret" in response.content.decode()
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    cards = _cards(html)
    assert len(cards) == 30 and cards[0] == "1" and sorted(cards, key=int) == cards
    assert html.count('value="confirm"') == 90
    # «Sikre et sterkere samarbeid mellom internettselskaper og myndighetene» (10) → 11.
    link = MeasureLink.objects.get(
        measure__plan=strategy, measure__number="10", successor__number="11"
    )
    assert f'name="successor" value="{link.successor_id}"' in html
    data = {"action": "confirm", "measure": link.measure_id, "successor": link.successor_id}
    client.post(url + "avgjor/", data)
    link.refresh_from_db()
    assert link.state == CONFIRMED
    assert "29 uavklarte" in client.get(url).content.decode()
