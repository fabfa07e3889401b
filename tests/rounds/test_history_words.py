"""The entry pages tell the history in people's words: labels, not codes; the round named."""

from __future__ import annotations

import re

from tiltak.rounds import services
from tiltak.rounds.models import StatusEntry

from .conftest import World


def _history(page: str) -> str:
    start = page.index('id="historikk"')
    return page[start : page.index("</section>", start)]


def test_the_entry_pages_show_labels_and_rounds_not_codes(world: World) -> None:
    lead = world.users["lead_editor"]
    lead.first_name, lead.last_name = "Kari", "Nordmann"
    lead.save()
    earlier = StatusEntry.objects.get(round=world.published, measure__number="1")
    earlier.status, earlier.version = "completed", earlier.version + 1
    earlier.save()  # an event of the published round, shown on the new round's page
    world.open()
    entry = world.entry("1")
    entry = services.save_entry(
        lead, entry.pk, expected_version=entry.version, status_label="Under arbeid", narrative="Ny."
    )
    services.submit_entry(lead, entry.pk, expected_version=entry.version)

    for role, url in [
        ("lead_editor", f"/arbeidsflate/tiltak/{entry.pk}/"),
        (
            "coordinator",
            f"/koordinator/{world.plan.slug}/{world.draft.slug}/tiltak/{entry.pk}/",
        ),
    ]:
        page = world.client(role).get(url)
        assert page.status_code == 200, role
        history = _history(page.content.decode())
        assert "«Under arbeid»" in history and "Kari Nordmann sendte inn" in history
        assert f"(runde {world.published.title})" in history
        assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', history)
        for code in ("in_progress", "workflow_state", "version", "status_label", "narrative"):
            assert code not in history, (role, code)
