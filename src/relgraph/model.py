"""The contract's vocabulary (docs/CONTRACT.md §1): enumerations and the records of a document."""

from __future__ import annotations

import datetime as dt
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
}


def assessment_score(a: Assessment) -> float | None:
    """Mean of the dimensions given (docs/CONTRACT.md §1); None when no dimension is given."""
    given = [v for v in (getattr(a, d) for d in DIMENSIONS) if v is not None]
    return sum(given) / len(given) if given else None


def assessment_attitude(a: Assessment) -> int | None:
    """The given attitude, else the score rounded down; None makes the assessment invalid."""
    if a.attitude is not None:
        return a.attitude
    score = assessment_score(a)
    return None if score is None else int(score // 1)
