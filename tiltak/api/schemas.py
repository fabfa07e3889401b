"""Response schemas of the API: stable, English field names as in the exchange format."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Generic, Literal, TypeVar

from ninja import Schema
from pydantic import Field

from tiltak import limits
from tiltak.documents.vocabulary import Status, WorkflowState

T = TypeVar("T")
UPDATED_THIS_ROUND = (
    "False when the entry was not approved when the round was published: the status and "
    "narrative are the measure's previous published ones."
)
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
    updated_this_round: bool = Field(description=UPDATED_THIS_ROUND)


class RoundStatus(Schema):
    """A measure's status in one published round."""

    round: str
    round_title: str
    round_as_of: str
    status: Status | None
    status_label: str
    narrative: str
    updated_this_round: bool = Field(description=UPDATED_THIS_ROUND)


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


class SearchPage(Page[SearchHit]):
    """One page of search hits, best first."""

    count_is_exact: bool = Field(
        True,
        description=(
            "False when `count` is the database's estimate: a search over all plans that "
            "matches very many measures ranks those where the query's words weigh most."
        ),
    )


# The write API (tiltak.api.write): requests and responses of the token-authenticated endpoints.

RoundState = Literal["draft", "open", "closed", "published"]
PlanRoleName = Literal["coordinator", "reader"]
Relation = Literal["continues", "replaces", "merged_into"]
MAX_ID = 2**53  # ids beyond this are not ids (and overflow some databases)
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL


class TokenInfo(Schema):
    """The API token the request was made with."""

    name: str
    prefix: str = Field(description="The public start of the secret, e.g. 'tiltak_1a2b3c4d'.")
    created_at: str
    expires_at: str


class PlanRoles(Schema):
    """The user's roles on one plan."""

    plan: str
    plan_title: str
    roles: list[PlanRoleName]


class Me(Schema):
    """The token's user: organisation, whether they edit for it, and their roles per plan."""

    username: str
    name: str
    email: str
    is_admin: bool = Field(description="Administrators may do everything.")
    organisation: OrganisationRef | None
    is_editor: bool = Field(description="Edits the organisation's measures in open rounds.")
    plans: list[PlanRoles]
    token: TokenInfo


class RoundInfo(Schema):
    """A reporting round in any state, as the write API shows it."""

    id: int
    plan: str
    slug: str
    title: str
    as_of: str
    state: RoundState
    deadline: str | None = Field(description="YYYY-MM-DD.")
    opened_at: str | None
    published_at: str | None
    publish_override_reason: str


class Entry(Schema):
    """A measure's entry in a round: its values, workflow state, version, and what the token's
    user may do with it now."""

    id: int
    plan: str
    round: str = Field(description="The round's slug.")
    round_id: int
    number: str
    title: str
    responsible: list[str] = Field(description="Acronyms, lead first.")
    status: Status | None
    status_label: str
    narrative: str
    workflow_state: WorkflowState
    version: int = Field(description="Send it back as expected_version when saving.")
    review_comment: str
    can_edit: bool
    can_submit: bool
    can_review: bool


class EntryUpdate(Schema):
    """A draft (and, with submit, its submission) of an entry."""

    status_label: str = Field(max_length=200, pattern=NO_NUL)
    narrative: str = Field(max_length=limits.MAX_NARRATIVE_CHARS, pattern=NO_NUL)
    expected_version: int = Field(ge=0, le=MAX_ID, description="The version you loaded.")
    submit: bool = False


class EntrySubmit(Schema):
    """Submit an entry as it is saved."""

    expected_version: int = Field(ge=0, le=MAX_ID)


class EntryApproval(Schema):
    """Entries to approve, all or none."""

    entry_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=1000)


class EntryReturn(Schema):
    """Return a submitted entry to its editors."""

    comment: str = Field(max_length=5000, pattern=NO_NUL)


class EntryValues(Schema):
    """An entry's saved values."""

    version: int
    status: Status | None
    status_label: str
    narrative: str
    workflow_state: WorkflowState


class YourValues(Schema):
    """The values of a refused save."""

    status_label: str
    narrative: str


class EntryConflict(Schema):
    """The entry was saved by someone else since `expected_version`: nothing was changed."""

    detail: str
    current: EntryValues
    yours: YourValues


class RoundOpening(Schema):
    """Open a draft round with a deadline for the ministries."""

    deadline: date


class RoundPublication(Schema):
    """Publish a round; a reason is required when errors or unapproved entries remain."""

    override_reason: str = Field("", max_length=5000, pattern=NO_NUL)


class PublishBlocked(Schema):
    """Publishing needs an override_reason."""

    detail: str
    errors: int = Field(description="Errors from the round's checks.")
    unapproved: int = Field(description="Entries not approved.")


class MeasureRef(Schema):
    """A measure by plan slug and number."""

    plan: str = Field(max_length=100, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    number: str = Field(max_length=20, pattern=r"^[0-9A-Za-z][0-9A-Za-z .-]{0,19}$")


class LinkDecision(Schema):
    """Confirm that `successor` continues, replaces or absorbs `measure`, or reject the link."""

    measure: MeasureRef
    successor: MeasureRef
    decision: Literal["confirm", "reject"]
    relation: Relation = "continues"
    note: str = Field("", max_length=5000, pattern=NO_NUL)


class Link(Schema):
    """A link between measures of two plans, as decided."""

    measure: MeasureRef
    successor: MeasureRef
    state: Literal["suggested", "confirmed", "rejected"]
    relation: Relation
    note: str
    decided_by: str
    decided_at: str | None
