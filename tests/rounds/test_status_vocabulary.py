"""One status vocabulary: forms, bulk upload, API and importer accept the plan's labels and map
bokmål and nynorsk synonyms to them; anything else is refused naming the allowed labels."""

from __future__ import annotations

import pytest

from tiltak.rounds import bulk, services
from tiltak.rounds.exchange import COLUMNS, ExchangeError, read_exchange
from tiltak.rounds.models import StatusEntry
from tiltak.rounds.selectors import plan_status_labels

from .conftest import World

ALLOWED = "Bruk en av: Ikke startet, Under arbeid, Gjennomført, Løpende."


def _save(world: World, label: str, number: str = "1") -> StatusEntry:
    return services.save_entry(
        world.users["lead_editor"],
        world.entry(number).pk,
        expected_version=world.entry(number).version,
        status_label=label,
        narrative="",
    )


@pytest.mark.parametrize(
    ("label", "stored"),
    [
        ("Ferdig", ("completed", "Gjennomført")),
        ("ferdig", ("completed", "Gjennomført")),
        ("Byrja", ("in_progress", "Under arbeid")),
        ("Pågående", ("in_progress", "Under arbeid")),
        ("Ikkje starta", ("not_started", "Ikke startet")),
        ("Løpande", ("ongoing", "Løpende")),
        ("under arbeid", ("in_progress", "Under arbeid")),
    ],
)
def test_synonyms_map_to_the_plans_labels(world: World, label: str, stored: tuple) -> None:
    world.open()
    entry = _save(world, label)
    assert (entry.status, entry.status_label) == stored
    assert label == stored[1] or label not in dict(plan_status_labels(world.plan))


def test_ferdig_is_never_a_new_label_in_the_menu(world: World) -> None:
    world.open()
    _save(world, "Ferdig")
    # Even a label stored by an older version in a draft never reaches the menu.
    StatusEntry.objects.filter(pk=world.entry("2").pk).update(status_label="Ferdig")
    labels = [label for label, _ in plan_status_labels(world.plan)]
    assert labels == ["Ikke startet", "Under arbeid", "Gjennomført", "Løpende"]


def test_a_label_of_the_plans_published_rounds_is_kept_as_written(world: World) -> None:
    world.published.entries.filter(measure__number="1").update(status_label="Igangsatt")
    world.open()
    entry = _save(world, "igangsatt", "2")
    assert (entry.status, entry.status_label) == ("in_progress", "Igangsatt")


def test_unknown_label_names_the_allowed_labels(world: World) -> None:
    world.open()
    with pytest.raises(services.WorkflowError) as caught:
        _save(world, "Snart ferdig kanskje")
    assert str(caught.value) == f"Ukjent status «Snart ferdig kanskje». {ALLOWED}"


def _set_label(data: bytes, labels: dict[str, str]) -> bytes:
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["tiltak"]
    for row in range(2, sheet.max_row + 1):
        number = str(sheet.cell(row, 5).value)
        if number in labels:
            sheet.cell(row, COLUMNS.index("status_label") + 1).value = labels[number]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_bulk_maps_synonyms_and_names_allowed_labels(world: World) -> None:
    world.open()
    admin = world.users["admin"]
    data = _set_label(bulk.export_round(admin, world.draft), {"1": "Ferdig", "3": "Byrja"})
    preview = bulk.preview_upload(admin, world.draft, data)
    assert preview.ok
    after = {c.number: (c.after["status"], c.after["status_label"]) for c in preview.changes}
    assert after == {"1": ("completed", "Gjennomført"), "3": ("in_progress", "Under arbeid")}
    bulk.apply_changes(admin, world.draft, preview.to_session())
    assert world.entry("1").status_label == "Gjennomført"
    data = _set_label(bulk.export_round(admin, world.draft), {"2": "Snart"})
    preview = bulk.preview_upload(admin, world.draft, data)
    assert [(e.number, e.message) for e in preview.errors] == [
        ("2", f"Ukjent status «Snart». {ALLOWED}")
    ]


def test_exchange_import_refuses_unknown_labels() -> None:
    header = ",".join(COLUMNS)
    row = "p,Plan (2024–2028),Status 2026,2026-06,1,measure,1,Kap,Tittel,JD,nei,,{label},"
    ok = read_exchange(f"{header}\r\n{row.format(label='Ferdig')}\r\n".encode())
    assert ok[0].status_label == "Ferdig"
    with pytest.raises(ExchangeError, match="status_label 'Snart' is not a known status label"):
        read_exchange(f"{header}\r\n{row.format(label='Snart')}\r\n".encode())
