"""Forms of the import pages; they check what the browser sent, the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from tiltak.documents import PlanDocument
from tiltak.plans.models import Plan
from tiltak.rounds.models import StatusEntry

from .drafts import ReviewRow, responsible_text
from .services import NewMeasure, RowCorrection, SaveTarget

ROW_PREFIX = "m"
NEW, ROUND = "new", "round"


class UploadForm(forms.Form):
    """The document to read."""

    file = forms.FileField(label="Dokument")


class MeasureRowForm(forms.Form):
    """One row of the review table."""

    number = forms.CharField(label="Nummer", max_length=20)
    title = forms.CharField(
        label="Tittel", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    chapter = forms.ChoiceField(label="Kapittel", required=False)
    responsible = forms.CharField(label="Ansvarlig", max_length=500, required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Ingen status"), *StatusEntry.Status.choices],
    )
    period = forms.CharField(label="Periode", max_length=100, required=False)
    remove = forms.BooleanField(label="Fjern", required=False)

    def correction(self) -> RowCorrection:
        """The row as the service takes it."""
        data = self.cleaned_data
        return RowCorrection(
            number=data["number"],
            title=data["title"],
            chapter=data["chapter"],
            responsible=data["responsible"],
            status=data["status"],
            period=data["period"],
            remove=data["remove"],
        )


MeasureRowFormSet = forms.formset_factory(MeasureRowForm, extra=0, validate_max=True)


def row_formset(
    document: PlanDocument, rows: list[ReviewRow], data: Any = None
) -> forms.BaseFormSet[MeasureRowForm]:
    """The review table for the document: one form per measure, initially what was read."""
    initial = [
        {
            "number": row.measure.number,
            "title": row.measure.title,
            "chapter": row.measure.chapter or "",
            "responsible": responsible_text(row.measure),
            "status": row.measure.status or "",
            "period": row.measure.period or "",
        }
        for row in rows
    ]
    count = len(rows)
    formset = forms.formset_factory(
        MeasureRowForm,
        extra=0,
        min_num=count,
        max_num=count,
        validate_min=True,
        validate_max=True,
        absolute_max=max(count, 1),
    )(data, initial=None if data is not None else initial, prefix=ROW_PREFIX)
    chapters = [("", "Uten kapittel"), *((c.key, f"{c.key} {c.title}") for c in document.chapters)]
    known = {c.key for c in document.chapters}
    for key in dict.fromkeys(m.chapter for m in document.measures if m.chapter):
        if key not in known:  # a chapter the parser saw only in a measure: kept, never lost
            chapters.append((key, f"{key} (ikke i dokumentets kapitler)"))
    for form, row in zip(formset.forms, rows, strict=False):
        _choice_field(form, "chapter").choices = chapters
        _describe(form, f"funn-{row.index}" if row.findings or row.source else "")
    return formset


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`, typed as one (its choices are set per form)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


def _describe(form: forms.Form, described_by: str) -> None:
    """Give every input the Designsystemet class, the row's findings as its description, and
    its own error."""
    for name, field in form.fields.items():
        ids = [described_by] if described_by else []
        if form.is_bound and form.errors.get(name):
            ids.append(f"{form.prefix}-{name}-feil")
            field.widget.attrs["aria-invalid"] = "true"
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)
        field.widget.attrs.setdefault("class", "ds-input")


class SaveForm(forms.Form):
    """Where the reviewed document goes."""

    plan_title = forms.CharField(label="Planens tittel", max_length=500)
    target = forms.ChoiceField(
        label="Lagre som",
        choices=[(NEW, "Ny plan"), (ROUND, "Ny runde i en plan jeg koordinerer")],
        widget=forms.RadioSelect,
    )
    new_slug = forms.SlugField(label="Kortnavn i adressen", max_length=100, required=False)
    language = forms.ChoiceField(
        label="Målform",
        choices=Plan.Language.choices,
        required=False,
    )
    plan = forms.ChoiceField(label="Plan", required=False)
    round_title = forms.CharField(label="Rundens tittel", max_length=300, required=False)
    as_of = forms.RegexField(
        label="Per (ÅÅÅÅ-MM)",
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        max_length=10,
        required=False,
        error_messages={"invalid": "Skriv datoen som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD."},
    )

    def __init__(self, *args: Any, plans: list[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "plan").choices = [
            ("", "Velg plan"),
            *((p.slug, p.title) for p in plans),
        ]
        for name, field in self.fields.items():
            if self.is_bound and self.errors.get(name):
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"{name}-feil"
            if name != "target":
                field.widget.attrs.setdefault("class", "ds-input")

    def clean(self) -> dict[str, Any]:
        """A round needs a plan and a title."""
        data = super().clean() or {}
        if data.get("target") == ROUND:
            if not data.get("plan"):
                self.add_error("plan", "Velg planen runden skal høre til.")
            if not data.get("round_title"):
                self.add_error("round_title", "Skriv en tittel på runden.")
        return data

    def save_target(self) -> SaveTarget:
        """The target as the service takes it."""
        data = self.cleaned_data
        new_plan = data["target"] == NEW
        return SaveTarget(
            plan_title=data["plan_title"],
            new_plan=new_plan,
            plan_slug=data["new_slug"] if new_plan else data["plan"],
            round_title=data["round_title"],
            as_of=data["as_of"],
            language=data["language"] if new_plan else "",
        )


class NewPlanForm(forms.Form):
    """A plan made by hand."""

    title = forms.CharField(label="Planens tittel", max_length=500)
    slug = forms.SlugField(
        label="Kortnavn i adressen (valgfritt)",
        max_length=100,
        required=False,
        help_text="Lages av tittelen hvis du lar feltet stå tomt.",
    )


class NewMeasureForm(forms.Form):
    """A measure typed in by hand; a blank row is skipped."""

    number = forms.CharField(label="Nummer", max_length=20, required=False)
    title = forms.CharField(label="Tittel", max_length=2000, required=False)
    chapter = forms.CharField(label="Kapittel", max_length=500, required=False)
    responsible = forms.CharField(label="Ansvarlig", max_length=500, required=False)
    period = forms.CharField(label="Periode", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        """Number and title go together."""
        data = super().clean() or {}
        if data.get("number") and not data.get("title"):
            self.add_error("title", "Skriv tittelen.")
        if data.get("title") and not data.get("number"):
            self.add_error("number", "Skriv nummeret.")
        return data

    def new_measure(self) -> NewMeasure:
        """The row as the service takes it."""
        data = self.cleaned_data
        return NewMeasure(
            number=data.get("number", ""),
            title=data.get("title", ""),
            chapter=data.get("chapter", ""),
            responsible=data.get("responsible", ""),
            period=data.get("period", ""),
        )


def new_measure_formset(data: Any = None, rows: int = 5) -> forms.BaseFormSet[NewMeasureForm]:
    """`rows` blank rows for new measures."""
    formset = forms.formset_factory(NewMeasureForm, extra=rows, max_num=100, absolute_max=100)(
        data, prefix=ROW_PREFIX
    )
    for form in formset.forms:
        _describe(form, "")
    return formset
