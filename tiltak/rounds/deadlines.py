"""The round's deadline as an editor reads it: the date and the days left or gone."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format


def days_text(days: int) -> str:
    """«1 dag», «12 dager»."""
    return f"{days} dag" if days == 1 else f"{days} dager"


def deadline_text(deadline: date | None, today: date) -> str:
    """«Frist 15. mars 2026 – 12 dager igjen», «Frist i dag, 15. mars 2026» or «Fristen gikk ut
    for 3 dager siden (15. mars 2026)»; empty without a deadline. `today` is passed in so the
    text can be tested for any day."""
    if deadline is None:
        return ""
    when = date_format(deadline, "j. F Y")
    left = (deadline - today).days
    if left > 0:
        return f"Frist {when} – {days_text(left)} igjen"
    if left == 0:
        return f"Frist i dag, {when}"
    return f"Fristen gikk ut for {days_text(-left)} siden ({when})"


def reminder_days(deadline: date, days_before: int) -> list[tuple[str, date]]:
    """The scheduled reminders of a deadline: («before», its day) and («after», its day)."""
    return [("before", deadline - timedelta(days=days_before)), ("after", deadline + timedelta(1))]
