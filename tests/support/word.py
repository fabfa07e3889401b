"""A small plan as a Word document, for the import pages' tests (web and browser)."""

from __future__ import annotations

import io

PLAN_TITLE = "Handlingsplan mot testing (2025–2028)"
MEASURES = [
    ("1", "Styrke testarbeidet i skolen", "KD", "Under arbeid"),
    ("2", "Etablere et nasjonalt testsenter", "JD", "Ikke startet"),
    ("3", "Utvikle en veileder for testing", "HOD", "Gjennomført"),
    ("4", "Kartlegge testbehovet i kommunene", "KDD", "Under arbeid"),
]


def plan_docx(
    title: str = PLAN_TITLE, measures: list[tuple[str, str, str, str]] = MEASURES
) -> bytes:
    """A small plan as Word: a title, one chapter, numbered measures with their labels."""
    from docx import Document

    document = Document()
    document.add_heading(title, 0)
    document.add_heading("1 Forebygging", 1)
    for number, name, responsible, status in measures:
        document.add_paragraph(f"{number}. {name}")
        document.add_paragraph(f"Ansvarlig departement: {responsible}")
        document.add_paragraph(f"Status: {status}")
        document.add_paragraph(
            f"Tiltak {number} skal gjøre testingen bedre i hele landet og følges opp årlig."
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
