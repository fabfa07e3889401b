"""Every write endpoint refuses what the web page would refuse, for every role.

For each action with a web equivalent and each role of tests/rounds/test_permissions.py, the
action is done once through the web page (the raw POST a browser sends, as test_permissions.py
does) and once through the API with that role's token (anonymous: no token), each from the same
starting state (a savepoint rolled back in between). The expected outcome is what the web did:
there is no second table of rules here. A refused API call changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.api.write_fixtures import World, _round_settings, _test_urls, call, role_secrets
from tests.rounds.test_permissions import ROLES
from tiltak.audit.models import AuditEvent
from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Measure, Plan
from tiltak.rounds import services
from tiltak.rounds.models import ReportingRound, StatusEntry

__all__ = ["_round_settings", "_test_urls", "role_secrets"]

DEADLINE = date.today() + timedelta(days=14)
NEW_TEXT = "Ny omtale fra testen."
LATER = "senere-plan"


def _entry(world: World) -> StatusEntry:
    """Measure 2 (JD leads, HOD co-owns, BFD has nothing to do with it) in the draft round."""
    return world.entry("2")


def _round(world: World) -> ReportingRound:
    return ReportingRound.objects.get(pk=world.draft.pk)


def _base(world: World) -> str:
    return f"/koordinator/{world.plan.slug}/{world.draft.slug}/"


# Starting states.


def _opened(world: World) -> None:
    world.open(DEADLINE)


def _submitted(world: World) -> None:
    world.open(DEADLINE)
    StatusEntry.objects.filter(pk=_entry(world).pk).update(workflow_state="submitted")


def _closed(world: World) -> None:
    world.open(DEADLINE)
    services.close_round(world.users["coordinator"], _round(world))


def _draft(world: World) -> None:
    pass


def _later_plan(world: World) -> None:
    """A later plan whose measure 1 may continue measure 2 of the world's plan (links)."""
    later = Plan.objects.create(slug=LATER, title="Handlingsplan for prøving (2029–2032)")
    Measure.objects.create(plan=later, number="1", title="Bedre helsetilbudet til barn", order=0)


def _link_pair(world: World) -> tuple[Measure, Measure]:
    return (
        Measure.objects.get(plan=world.plan, number="2"),
        Measure.objects.get(plan__slug=LATER, number="1"),
    )


# The web pages' requests.


def _web_save(submit: bool) -> Callable[[Client, World], Any]:
    def web(client: Client, world: World) -> Any:
        entry = _entry(world)
        return client.post(
            f"/arbeidsflate/tiltak/{entry.pk}/",
            {
                "version": entry.version,
                "status_label": "Under arbeid",
                "narrative": NEW_TEXT,
                "action": "submit" if submit else "save",
            },
        )

    return web


def _web_approve(client: Client, world: World) -> Any:
    return client.post(_base(world), {"entries": [_entry(world).pk]})


def _web_return(client: Client, world: World) -> Any:
    url = f"{_base(world)}tiltak/{_entry(world).pk}/"
    return client.post(url, {"action": "return", "comment": "Mer."})


def _web_lifecycle(action: str) -> Callable[[Client, World], Any]:
    def web(client: Client, world: World) -> Any:
        data = {"action": action}
        if action == "open":
            data["deadline"] = DEADLINE.isoformat()
        return client.post(f"{_base(world)}livslop/", data)

    return web


def _web_publish(client: Client, world: World) -> Any:
    return client.post(f"{_base(world)}publiser/", {"override_reason": "Testen publiserer."})


def _web_link(action: str) -> Callable[[Client, World], Any]:
    def web(client: Client, world: World) -> Any:
        measure, successor = _link_pair(world)
        url = f"/koordinator/koblinger/{world.plan.slug}/til/{LATER}/avgjor/"
        data = {"action": action, "measure": measure.pk, "successor": successor.pk}
        return client.post(url, {**data, "relation": "continues", "note": "Fra testen."})

    return web


# The API's requests.


def _api_save(submit: bool) -> Callable[[str | None, World], Any]:
    def api(secret: str | None, world: World) -> Any:
        entry = _entry(world)
        body = {
            "status_label": "Under arbeid",
            "narrative": NEW_TEXT,
            "expected_version": entry.version,
            "submit": submit,
        }
        return call("PUT", f"/api/entries/{entry.pk}", secret, body)

    return api


def _api_submit(secret: str | None, world: World) -> Any:
    entry = _entry(world)
    body = {"expected_version": entry.version}
    return call("POST", f"/api/entries/{entry.pk}/submit", secret, body)


def _api_approve(secret: str | None, world: World) -> Any:
    return call("POST", "/api/entries/approve", secret, {"entry_ids": [_entry(world).pk]})


def _api_return(secret: str | None, world: World) -> Any:
    url = f"/api/entries/{_entry(world).pk}/return"
    return call("POST", url, secret, {"comment": "Mer."})


def _api_lifecycle(action: str) -> Callable[[str | None, World], Any]:
    def api(secret: str | None, world: World) -> Any:
        body = {"deadline": DEADLINE.isoformat()} if action == "open" else None
        return call("POST", f"/api/rounds/{world.draft.pk}/{action}", secret, body)

    return api


def _api_publish(secret: str | None, world: World) -> Any:
    body = {"override_reason": "Testen publiserer."}
    return call("POST", f"/api/rounds/{world.draft.pk}/publish", secret, body)


def _api_link(decision: str) -> Callable[[str | None, World], Any]:
    def api(secret: str | None, world: World) -> Any:
        body = {
            "measure": {"plan": world.plan.slug, "number": "2"},
            "successor": {"plan": LATER, "number": "1"},
            "decision": decision,
            "relation": "continues",
            "note": "Fra testen.",
        }
        return call("POST", "/api/links", secret, body)

    return api


# Whether it happened, read from the database.


def _saved(world: World) -> bool:
    after = _entry(world)
    return after.narrative == NEW_TEXT and after.workflow_state == "draft"


def _saved_and_submitted(world: World) -> bool:
    after = _entry(world)
    return after.narrative == NEW_TEXT and after.workflow_state == "submitted"


def _workflow(state: str) -> Callable[[World], bool]:
    return lambda world: _entry(world).workflow_state == state


def _round_state(state: str) -> Callable[[World], bool]:
    return lambda world: _round(world).state == state


def _link_state(state: str) -> Callable[[World], bool]:
    return lambda world: MeasureLink.objects.filter(
        measure__plan=world.plan, successor__plan__slug=LATER, state=state
    ).exists()


@dataclass(frozen=True)
class Case:
    """One action: its starting state, its web request, its API request, and how to see it
    happened."""

    name: str
    setup: Callable[[World], None]
    web: Callable[[Client, World], Any]
    api: Callable[[str | None, World], Any]
    happened: Callable[[World], bool]


CASES = [
    Case("edit", _opened, _web_save(False), _api_save(False), _saved),
    Case("submit", _opened, _web_save(True), _api_save(True), _saved_and_submitted),
    Case("submit_as_saved", _opened, _web_save(True), _api_submit, _workflow("submitted")),
    Case("approve", _submitted, _web_approve, _api_approve, _workflow("approved")),
    Case("return", _submitted, _web_return, _api_return, _workflow("returned")),
    Case("open_round", _draft, _web_lifecycle("open"), _api_lifecycle("open"),
         _round_state("open")),
    Case("close_round", _opened, _web_lifecycle("close"), _api_lifecycle("close"),
         _round_state("closed")),
    Case("reopen_round", _closed, _web_lifecycle("reopen"), _api_lifecycle("reopen"),
         _round_state("open")),
    Case("publish_round", _opened, _web_publish, _api_publish, _round_state("published")),
    Case("confirm_link", _later_plan, _web_link("confirm"), _api_link("confirm"),
         _link_state("confirmed")),
    Case("reject_link", _later_plan, _web_link("reject"), _api_link("reject"),
         _link_state("rejected")),
]  # fmt: skip


def _state() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], int]:
    """Everything an action could change: entries, rounds, links, and the audit log's length."""
    return (
        list(StatusEntry.objects.order_by("pk").values()),
        list(ReportingRound.objects.order_by("pk").values()),
        list(MeasureLink.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def _attempt(do: Callable[[], Any], happened: Callable[[], bool]) -> tuple[Any, bool, Any]:
    """Do it in a savepoint: the response, whether it happened, and the state it left; then
    roll back to where it started."""
    savepoint = transaction.savepoint()
    try:
        response = do()
        return response, happened(), _state()
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_write_endpoint_refuses_what_the_web_page_refuses(
    world: World, role_secrets: dict[str, str], case: Case
) -> None:
    case.setup(world)
    before = _state()
    outcomes: dict[str, bool] = {}
    for role in ROLES:
        web, web_done, web_after = _attempt(
            lambda role=role: case.web(world.client(role), world),
            lambda: case.happened(world),
        )
        assert _state() == before
        api, api_done, api_after = _attempt(
            lambda role=role: case.api(role_secrets.get(role), world),
            lambda: case.happened(world),
        )
        assert _state() == before
        where = (case.name, role, web.status_code, api.status_code, api.content[:200])
        assert api_done is web_done, where
        outcomes[role] = web_done
        assert api["Cache-Control"] == "no-store", where
        if web_done:
            assert api.status_code == 200, where
            continue
        assert web_after == before, where
        assert api_after == before, where  # a refused API call changes nothing
        if role == "anonymous":
            assert web.status_code == 302 and "/logg-inn/" in web["Location"], where
            assert api.status_code == 401 and api["WWW-Authenticate"].startswith("Bearer"), where
        else:
            assert web.status_code == 403, where
            # Refused: 403, or 404 when the user may not even see the entry or round.
            assert api.status_code in {403, 404}, where
    # The comparison means something: some roles may do it, and some may not.
    assert any(outcomes.values()) and not all(outcomes.values()), outcomes
    assert outcomes["admin"] and not outcomes["anonymous"], outcomes
