"""The contract's vocabulary (docs/CONTRACT.md §1): enumerations and the records of a document."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

FORMAT = "relgraph/1"


class Tier(StrEnum):
    S = "S"
    A = "A"
    B = "B"
    C = "C"


class Partnership(StrEnum):
    STRATEGIC_PARTNER = "strategic_partner"
    PARTNER = "partner"
    ORDINARY = "ordinary"

    @property
    def required_actions(self) -> tuple[OrgAction, ...]:
        """The organizational actions an account of this level must have done."""
        return REQUIRED_ACTIONS[self]


class Rank(StrEnum):
    """Position rank, for contacts and staff alike (S chairman/CEO ... C manager/staff)."""

    S = "S"
    A = "A"
    B = "B"
    C = "C"

    @property
    def level(self) -> int:
        """Higher is more senior: S=4 ... C=1, so rank parity is a comparison."""
        return {"S": 4, "A": 3, "B": 2, "C": 1}[self.value]


class StaffRole(StrEnum):
    EXECUTIVE = "executive"
    ACCOUNT_MANAGER = "account_manager"
    SOLUTION_MANAGER = "solution_manager"
    FULFILLMENT_MANAGER = "fulfillment_manager"
    OTHER = "other"


class TeamRole(StrEnum):
    """Iron-triangle roles on an account or opportunity team."""

    AR = "AR"
    SR = "SR"
    FR = "FR"
    MEMBER = "member"


class OwnerRole(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Stage(StrEnum):
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    CONTRACT_EXECUTION = "contract_execution"
    PAYMENT_COLLECTION = "payment_collection"
    WON = "won"
    LOST = "lost"

    @property
    def is_open(self) -> bool:
        return self not in (Stage.WON, Stage.LOST)


OPEN_STAGES: tuple[str, ...] = tuple(s.value for s in Stage if s.is_open)


class ChainRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    APPROVER = "approver"
    EVALUATOR = "evaluator"
    INFLUENCER = "influencer"
    USER = "user"
    GATEKEEPER = "gatekeeper"


class Layer(StrEnum):
    ORGANIZATIONAL = "organizational"
    KEY = "key"
    GENERAL = "general"


class InteractionType(StrEnum):
    """Interaction kinds of the method (docs/DOMAIN.md); the member order groups them by layer."""

    SUMMIT = "summit"
    EXECUTIVE_VISIT = "executive_visit"
    STRATEGY_WORKSHOP = "strategy_workshop"
    WORKSHOP = "workshop"
    JOINT_INNOVATION = "joint_innovation"
    SERVICE_ANNUAL_MEETING = "service_annual_meeting"
    ROADMAP_EXCHANGE = "roadmap_exchange"
    CSR = "csr"
    FORMAL_VISIT = "formal_visit"
    BANQUET = "banquet"
    ENTERTAINMENT = "entertainment"
    CARE = "care"
    EXPERT_ADVISORY = "expert_advisory"
    BUSINESS_EXCHANGE = "business_exchange"
    COMPANY_TOUR = "company_tour"
    REFERENCE_SITE_VISIT = "reference_site_visit"
    SPECIAL_INSPECTION = "special_inspection"
    MANAGEMENT_TRAINING = "management_training"
    DELIVERY_MILESTONE = "delivery_milestone"
    DEPARTMENT_SOCIAL = "department_social"
    ROUTINE_CARE = "routine_care"
    CALL = "call"
    EMAIL = "email"

    @property
    def default_layer(self) -> Layer:
        """The layer the method files this kind under, used when a record gives none."""
        return _DEFAULT_LAYER[self]


_ORGANIZATIONAL = {
    "summit",
    "executive_visit",
    "strategy_workshop",
    "workshop",
    "joint_innovation",
    "service_annual_meeting",
    "roadmap_exchange",
    "csr",
}
_KEY = {"formal_visit", "banquet", "entertainment", "care", "expert_advisory"}
_DEFAULT_LAYER = {
    t: Layer.ORGANIZATIONAL
    if t.value in _ORGANIZATIONAL
    else Layer.KEY
    if t.value in _KEY
    else Layer.GENERAL
    for t in InteractionType
}


class Front(StrEnum):
    """The four fronts on which the relationship with the client company is worked."""

    COMMUNICATION = "communication"
    ALIGNMENT = "alignment"
    JOINT = "joint"
    RECOGNITION = "recognition"

    @property
    def actions(self) -> tuple[OrgAction, ...]:
        """The front's three actions, in their order."""
        return tuple(a for a in OrgAction if a.front is self)


class OrgAction(StrEnum):
    """The twelve organizational actions, three per front, in front order."""

    REGULAR_SUMMIT = "regular_summit"
    EXECUTIVE_VISITS = "executive_visits"
    PERSONAL_RELATIONSHIP = "personal_relationship"
    STRATEGY_ALIGNMENT = "strategy_alignment"
    ORGANIZATION_ALIGNMENT = "organization_alignment"
    PROCESS_ALIGNMENT = "process_alignment"
    JOINT_INNOVATION = "joint_innovation"
    JOINT_BRAND_CSR = "joint_brand_csr"
    JOINT_BUSINESS_PLANNING = "joint_business_planning"
    CULTURE_RECOGNITION = "culture_recognition"
    MANAGEMENT_PRACTICE = "management_practice"
    BRAND_RECOGNITION = "brand_recognition"

    @property
    def front(self) -> Front:
        return _FRONT_OF[self]

    @property
    def interaction_types(self) -> tuple[InteractionType, ...]:
        """Interaction types that count as doing this action (none for most actions)."""
        return tuple(t for t, a in ACTION_OF_INTERACTION.items() if a is self)

    def required_for(self, partnership: Partnership | str) -> bool:
        """Whether an account of this partnership level must have this action done."""
        return self in REQUIRED_ACTIONS[Partnership(partnership)]


_FRONT_OF: dict[OrgAction, Front] = {
    action: front
    for front, actions in (
        (Front.COMMUNICATION, ("regular_summit", "executive_visits", "personal_relationship")),
        (Front.ALIGNMENT, ("strategy_alignment", "organization_alignment", "process_alignment")),
        (Front.JOINT, ("joint_innovation", "joint_brand_csr", "joint_business_planning")),
        (Front.RECOGNITION, ("culture_recognition", "management_practice", "brand_recognition")),
    )
    for action in map(OrgAction, actions)
}

# What each partnership level requires: a strategic partner all twelve; a partner all but
# personal relationship, process alignment and management practice; an ordinary account
# summits and executive visits (communication).
REQUIRED_ACTIONS: dict[Partnership, tuple[OrgAction, ...]] = {
    Partnership.STRATEGIC_PARTNER: tuple(OrgAction),
    Partnership.PARTNER: tuple(
        a for a in OrgAction
        if a not in (OrgAction.PERSONAL_RELATIONSHIP, OrgAction.PROCESS_ALIGNMENT,
                     OrgAction.MANAGEMENT_PRACTICE)
    ),
    Partnership.ORDINARY: (OrgAction.REGULAR_SUMMIT, OrgAction.EXECUTIVE_VISITS),
}

# Interactions of an account that also count as doing an organizational action.
ACTION_OF_INTERACTION: dict[InteractionType, OrgAction] = {
    InteractionType.SUMMIT: OrgAction.REGULAR_SUMMIT,
    InteractionType.EXECUTIVE_VISIT: OrgAction.EXECUTIVE_VISITS,
    InteractionType.JOINT_INNOVATION: OrgAction.JOINT_INNOVATION,
    InteractionType.CSR: OrgAction.JOINT_BRAND_CSR,
}


class GapKind(StrEnum):
    OWNER_MISSING_A = "OWNER_MISSING_A"
    OWNER_MISSING_B = "OWNER_MISSING_B"
    OWNER_MISSING_C = "OWNER_MISSING_C"
    OWNER_DUPLICATE = "OWNER_DUPLICATE"
    OWNER_INACTIVE = "OWNER_INACTIVE"
    OWNER_OVERLOADED = "OWNER_OVERLOADED"
    SPONSOR_MISSING = "SPONSOR_MISSING"
    SPONSOR_RANK_MISMATCH = "SPONSOR_RANK_MISMATCH"
    TRIANGLE_ROLE_MISSING = "TRIANGLE_ROLE_MISSING"
    DECISION_CHAIN_UNKNOWN = "DECISION_CHAIN_UNKNOWN"
    NO_COACH = "NO_COACH"
    OPPOSED_DECISION_MAKER = "OPPOSED_DECISION_MAKER"
    COMPETITOR_CAPTURED = "COMPETITOR_CAPTURED"
    STALE_CONTACT = "STALE_CONTACT"
    DARK_ORG_UNIT = "DARK_ORG_UNIT"
    SINGLE_THREADED = "SINGLE_THREADED"
    # The management cycle: plans, organizational and general relationship, tiers.
    PLAN_MISSING = "PLAN_MISSING"
    PLAN_REVIEW_OVERDUE = "PLAN_REVIEW_OVERDUE"
    PLAN_OFF_TRACK = "PLAN_OFF_TRACK"
    PLAN_SPONSOR_MISSING = "PLAN_SPONSOR_MISSING"
    COMMITMENT_OVERDUE = "COMMITMENT_OVERDUE"
    ORG_ACTION_MISSING = "ORG_ACTION_MISSING"
    DEPARTMENT_OBSTRUCTS = "DEPARTMENT_OBSTRUCTS"
    ASSESSMENT_OUTDATED = "ASSESSMENT_OUTDATED"
    RETIER_OVERDUE = "RETIER_OVERDUE"


class Severity(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


# --- records of the dataset document -------------------------------------------------------

Strength = Annotated[float, Field(gt=0, le=1)]
Score = Annotated[int, Field(ge=-1, le=3)]
Id = Annotated[str, Field(min_length=1, max_length=200)]


class Record(BaseModel):
    """A record of the document: camelCase keys, unknown keys rejected (typos are errors)."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        use_enum_values=True,
    )

    def to_doc(self) -> dict[str, Any]:
        """The record as it appears in a relgraph/1 document (camelCase, ISO dates)."""
        return self.model_dump(mode="json", by_alias=True)


class Account(Record):
    id: Id
    name: str
    tier: Tier
    partnership: Partnership = Partnership.ORDINARY
    industry: str | None = None
    region: str | None = None


class OrgUnit(Record):
    id: Id
    account: Id
    name: str
    parent: Id | None = None


class Contact(Record):
    id: Id
    account: Id
    org_unit: Id | None = None  # before `name`: fields follow the contract's key order
    name: str
    title: str | None = None
    rank: Rank = Rank.C
    function: str | None = None
    key: bool = False
    closeness: Annotated[int, Field(ge=1, le=5)] | None = None
    # Sensitive personal attribute (docs/DOMAIN.md): readable only with the `sensitive` permission.
    social_style: Literal["controlling", "expressive", "analytical", "amiable"] | None = None
    rising_star: bool = False
    active: bool = True
    email: str | None = None


class StaffMember(Record):
    id: Id
    name: str
    title: str | None = None
    rank: Rank = Rank.C
    role: StaffRole = StaffRole.OTHER
    active: bool = True


class ReportingLine(Record):
    person: Id
    manager: Id
    since: dt.date | None = None
    until: dt.date | None = None
    strength: Strength | None = None


class Influence(Record):
    from_: Id = Field(alias="from")
    to: Id
    strength: Strength
    kind: str | None = None


class Knows(Record):
    staff: Id
    contact: Id
    strength: Strength | None = None


class Owner(Record):
    staff: Id
    contact: Id
    role: OwnerRole


class Sponsor(Record):
    """Exactly one of `contact` (personal sponsor) or `account` (account sponsor)."""

    staff: Id
    contact: Id | None = None
    account: Id | None = None


class TeamMember(Record):
    staff: Id
    account: Id
    role: TeamRole


class Interaction(Record):
    id: Id
    type: InteractionType
    date: dt.date
    layer: Layer | None = None
    account: Id | None = None
    opportunity: Id | None = None
    staff: list[Id] = Field(default_factory=list)
    contacts: list[Id] = Field(default_factory=list)
    summary: str | None = None


class Assessment(Record):
    contact: Id
    date: dt.date
    assessed_by: Id | None = None
    acceptance: Score | None = None
    participation: Score | None = None
    project_support: Score | None = None
    information_sharing: Score | None = None
    guidance: Score | None = None
    competitive_stance: Score | None = None
    attitude: Score | None = None


DIMENSIONS: tuple[str, ...] = (
    "acceptance",
    "participation",
    "project_support",
    "information_sharing",
    "guidance",
    "competitive_stance",
)


class Competitor(Record):
    id: Id
    name: str


class Supplies(Record):
    competitor: Id
    account: Id
    position: str | None = None


class Favors(Record):
    contact: Id
    competitor: Id
    strength: Strength | None = None


class Opportunity(Record):
    id: Id
    account: Id
    name: str
    stage: Stage = Stage.LEAD
    value: float | None = None
    close_date: dt.date | None = None


class DecisionChainMember(Record):
    opportunity: Id
    contact: Id
    role: ChainRole


class OpportunityTeamMember(Record):
    opportunity: Id
    staff: Id
    role: TeamRole


# --- records of the management cycle --------------------------------------------------------

# A department's result indicators (keyEventSupport, informationChannel): 0, 1 or 2.
Grade = Annotated[int, Field(ge=0, le=2)]
DEFAULT_REVIEW_EVERY_DAYS = 61  # about two months: plans are reviewed bimonthly or quarterly


class Plan(Record):
    """A key-relationship plan (card) for one contact, owned and sponsored by staff members.

    `end` is not before `start`; the plan is active on day D when start <= D <= end.
    """

    id: Id
    contact: Id
    owner: Id
    sponsor: Id
    opportunity: Id | None = None
    start: dt.date
    end: dt.date
    target_attitude: Score
    goal: str
    principle: str | None = None
    review_every_days: Annotated[int, Field(ge=30, le=92)] = DEFAULT_REVIEW_EVERY_DAYS


class Commitment(Record):
    """A measurable commitment of a plan; done when `doneOn` is set (and not after the day)."""

    id: Id
    plan: Id
    text: str
    due: dt.date
    done_on: dt.date | None = None


class PlanReview(Record):
    """A periodic review of a plan: on track or not, the gap found and the remedy."""

    id: Id
    plan: Id
    date: dt.date
    reviewed_by: Id | None = None
    on_track: bool
    gap: str | None = None
    remedy: str | None = None


class OrgActionRecord(Record):
    """An organizational action done with an account on a day (one of the four fronts)."""

    id: Id
    account: Id
    action: OrgAction
    date: dt.date
    note: str | None = None


class DepartmentAssessment(Record):
    """How a client department (org unit) behaved when it mattered: keyEventSupport 0
    obstructs, 1 cooperates without supporting, 2 supports key decisions; informationChannel 0
    closed, 1 partly open, 2 open; issueSpread: a serious issue spread through it."""

    id: Id
    org_unit: Id
    date: dt.date
    assessed_by: Id | None = None
    key_event_support: Grade
    information_channel: Grade
    issue_spread: bool


class TierReview(Record):
    """A dated tier decision for an account (history: the account's `tier` is the current one)."""

    id: Id
    account: Id
    date: dt.date
    tier: Tier
    reviewed_by: Id | None = None
    note: str | None = None


# The document's arrays in the contract's order (docs/CONTRACT.md §1): how exports and schemas
# list them.
DOCUMENT_ORDER: tuple[str, ...] = (
    "accounts",
    "orgUnits",
    "contacts",
    "staff",
    "reportingLines",
    "influences",
    "knows",
    "owners",
    "sponsors",
    "teams",
    "interactions",
    "assessments",
    "competitors",
    "supplies",
    "favors",
    "opportunities",
    "decisionChain",
    "opportunityTeam",
    "plans",
    "commitments",
    "planReviews",
    "orgActions",
    "departmentAssessments",
    "tierReviews",
)

# The document's arrays in dependency order (an array only refers to arrays before it),
# which is also the order in which an import writes them.
ARRAYS: dict[str, type[Record]] = {
    "accounts": Account,
    "orgUnits": OrgUnit,
    "staff": StaffMember,
    "contacts": Contact,
    "competitors": Competitor,
    "opportunities": Opportunity,
    "reportingLines": ReportingLine,
    "influences": Influence,
    "knows": Knows,
    "owners": Owner,
    "sponsors": Sponsor,
    "teams": TeamMember,
    "interactions": Interaction,
    "assessments": Assessment,
    "supplies": Supplies,
    "favors": Favors,
    "decisionChain": DecisionChainMember,
    "opportunityTeam": OpportunityTeamMember,
    "plans": Plan,
    "commitments": Commitment,
    "planReviews": PlanReview,
    "orgActions": OrgActionRecord,
    "departmentAssessments": DepartmentAssessment,
    "tierReviews": TierReview,
}


def assessment_score(a: Assessment) -> float | None:
    """Mean of the dimensions given (docs/CONTRACT.md §1); None when no dimension is given."""
    given = [v for v in (getattr(a, d) for d in DIMENSIONS) if v is not None]
    return sum(given) / len(given) if given else None


def assessment_attitude(a: Assessment) -> int | None:
    """The given attitude, else the score rounded to the nearest level with halves toward 0
    (-0.17 -> 0, 2.5 -> 2, -1.5 -> -1); None makes the assessment invalid."""
    if a.attitude is not None:
        return a.attitude
    score = assessment_score(a)
    return None if score is None else nearest_level(score)


def nearest_level(score: float) -> int:
    """`score` rounded to the nearest integer, exact halves toward 0 (2.5 -> 2, -0.5 -> 0)."""
    # |score| - 0.5 is exact for |score| >= 0.5 and negative below it, so ceil() decides halves
    # exactly: a mean of integers is an exact half only when it truly is one.
    return int(math.copysign(math.ceil(abs(score) - 0.5), score))
