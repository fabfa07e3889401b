"""Response schemas of the API: stable, English field names as in the exchange format."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")
Status = Literal["not_started", "in_progress", "completed", "ongoing"]
MeasureKind = Literal["measure", "request"]


class Page(Schema, Generic[T]):
    """One page of a list, with the total count."""

    count: int = Field(description="Items in the whole list.")
    page: int
    page_size: int
    pages: int
    items: list[T]


class Error(Schema):
    """An error: what was not found or not allowed."""

    detail: str


class ValidationErrorItem(Schema):
    """One invalid parameter."""

    type: str | None = None
    loc: list[str | int] = Field(default_factory=list)
    msg: str | None = None


class ValidationError(Schema):
    """The parameters are invalid."""

    detail: list[ValidationErrorItem]


class OrganisationRef(Schema):
    """An organisation by acronym and name."""

    acronym: str
    name: str


class Organisation(OrganisationRef):
    """A ministry, directorate or other body that owns measures."""

    kind: Literal["ministry", "directorate", "other"]
    valid_from: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.")
    valid_to: str
    successor: str | None = Field(description="Acronym of the successor organisation.")
    measure_count: int = Field(description="Measures of public plans it is responsible for.")


class RoundSummary(Schema):
    """A published reporting round."""

    slug: str
    title: str
    as_of: str = Field(description="The date the statuses are as of: YYYY, YYYY-MM or YYYY-MM-DD.")
    published_at: str | None


class Round(RoundSummary):
    """A published round with its plan and status counts."""

    plan: str
    introduction: str
    status_counts: dict[str, int] = Field(
        description="Measures per status; 'none' counts measures without a status."
    )


class Chapter(Schema):
    """A chapter or focus area of a plan."""

    chapter: str = Field(description="The chapter's key, e.g. '1'.")
    chapter_title: str
    introduction: str
    measure_count: int


class PlanSummary(Schema):
    """A public plan."""

    plan: str = Field(description="The plan's slug.")
    plan_title: str
    subtitle: str
    kind: Literal["opptrappingsplan", "handlingsplan", "strategi", "other"]
    period_start: int | None
    period_end: int | None
    coordinating_organisation: OrganisationRef | None
    measure_count: int
    round_count: int = Field(description="Published rounds.")


class Plan(PlanSummary):
    """A public plan with its chapters and published rounds."""

    storting_references: str
    chapters: list[Chapter]
    rounds: list[RoundSummary]


class MeasureStatus(Schema):
    """A measure with its status in one round: one row of the exchange format."""

    plan: str
    round: str = Field(description="The round's slug.")
    round_as_of: str
    number: str
    kind: MeasureKind
    chapter: str
    chapter_title: str
    title: str
    responsible: list[str] = Field(description="Acronyms, lead first.")
    responsible_all: bool = Field(description="All ministries are responsible too.")
    period: str
    status: Status | None
    status_label: str
    narrative: str


class RoundStatus(Schema):
    """A measure's status in one published round."""

    round: str
    round_title: str
    round_as_of: str
    status: Status | None
    status_label: str
    narrative: str


class LinkedMeasure(Schema):
    """A measure of another plan that this one continues or is continued by."""

    plan: str
    number: str
    title: str
    relation: Literal["continues", "replaces", "merged_into"]
    round: str | None = Field(description="Latest published round of that plan.")
    status: Status | None
    status_label: str


class Measure(Schema):
    """A measure with its status in every published round, oldest first, and its lineage."""

    plan: str
    number: str
    kind: MeasureKind
    chapter: str
    chapter_title: str
    title: str
    responsible: list[str]
    responsible_all: bool
    period: str
    statuses: list[RoundStatus]
    predecessors: list[LinkedMeasure]
    successors: list[LinkedMeasure]


class MeasureChange(Schema):
    """How a measure differs between two rounds."""

    number: str
    title: str
    chapter: str
    change: Literal["status_changed", "narrative_changed", "added", "removed"]
    status_before: Status | None
    status_after: Status | None
    status_label_before: str
    status_label_after: str


class Changes(Schema):
    """The changes between two published rounds of a plan."""

    plan: str
    round_before: str | None
    round_after: str
    count: int
    items: list[MeasureChange]


class SearchHit(Schema):
    """A measure found by search, with its status in the round searched."""

    plan: str
    round: str | None
    number: str
    title: str
    chapter: str
    status: Status | None
    status_label: str
    rank: float
    title_html: str = Field(description="The title, HTML-escaped, with matches in <mark>.")
    snippet_html: str = Field(description="Text around the matches, HTML-escaped, with <mark>.")
