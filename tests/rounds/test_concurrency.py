"""No lost updates: the second of two concurrent saves gets the conflict page (HTTP 409)."""

from __future__ import annotations

from tiltak.audit.models import AuditEvent

from .conftest import World


def test_second_save_gets_409_with_both_texts_and_both_survive_in_history(world: World) -> None:
    world.open()
    entry = world.entry("2")
    url = f"/arbeidsflate/tiltak/{entry.pk}/"
    jd, hod = world.client("lead_editor"), world.client("co_editor")
    # Both open the form at version 1.
    for client in (jd, hod):
        page = client.get(url)
        assert b'name="version" value="1"' in page.content
    first = jd.post(
        url,
        {"version": 1, "status_label": "Under arbeid", "narrative": "JDs tekst.", "action": "save"},
    )
    assert first.status_code == 302
    second = hod.post(
        url,
        {"version": 1, "status_label": "Gjennomført", "narrative": "HODs tekst.", "action": "save"},
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "JDs tekst." in html and "HODs tekst." in html
    assert "Din versjon" in html and "Lagret versjon 2 av jd-redaktor" in html
    # The merge form is prefilled with HOD's text and carries the saved version.
    assert 'name="version" value="2"' in html
    assert world.entry("2").narrative == "JDs tekst."
    events = AuditEvent.objects.filter(measure_id=entry.measure_id).order_by("id")
    texts = [str(e.after) for e in events]
    assert any("JDs tekst." in t for t in texts)
    refused = events.get(action="conflict_refused")
    assert refused.after["narrative"] == "HODs tekst." and refused.actor_name == "hod-redaktor"
    # Merging: HOD saves again on top of version 2.
    merged = hod.post(
        url,
        {"version": 2, "status_label": "Gjennomført", "narrative": "JD og HOD.", "action": "save"},
    )
    assert merged.status_code == 302
    assert world.entry("2").narrative == "JD og HOD." and world.entry("2").version == 3


def test_an_entry_page_shows_the_latest_history_and_the_rest_on_request(world: World) -> None:
    world.open()
    entry = world.entry("1")
    client = world.client("lead_editor")
    url = f"/arbeidsflate/tiltak/{entry.pk}/"
    for version in range(1, 26):
        text = f"Tekst {version}."
        response = client.post(
            url, {"version": version, "status_label": "", "narrative": text, "action": "save"}
        )
        assert response.status_code == 302
    total = AuditEvent.objects.filter(measure_id=entry.measure_id).count()
    page = client.get(url).content.decode()
    assert page.count('class="history-event"') == 20
    assert f"Vis hele historikken ({total} hendelser)" in page
    whole = client.get(url, {"historikk": "alle"}).content.decode()
    assert whole.count('class="history-event"') == total
    assert "Vis hele historikken" not in whole
