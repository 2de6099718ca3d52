"""What the intelligence questions answer: plain frozen records shared by the library, the CLI and
the GraphQL API. `to_dict()` gives the camelCase shape of the matching GraphQL value, which is
what `relgraph paths|gaps|coaches --format json` prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any


def _camel(name: str) -> str:
    # `from_` (a Python keyword dodge) becomes `from`.
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {_camel(f.name): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Answer:
    """Mixin: the camelCase dict of a result, as GraphQL and `--format json` show it."""

    def to_dict(self) -> dict[str, Any]:
        result = _plain(self)
        assert isinstance(result, dict)
        return result


# --- influence paths ------------------------------------------------------------------------

class Side(enum.StrEnum):
    OURS = "OURS"      # our staff
    THEIRS = "THEIRS"  # client contacts


class LinkType(enum.StrEnum):
    KNOWS = "KNOWS"
    INFLUENCES = "INFLUENCES"
    REPORTS_TO = "REPORTS_TO"


@dataclass(frozen=True)
class PathNode(Answer):
    id: str
    name: str
    side: Side
    title: str | None = None
    account: str | None = None  # the contact's account; None for our staff


@dataclass(frozen=True)
class PathLink(Answer):
    """One hop, explained: which link, how strong, and why (asserted or derived)."""

    type: LinkType
    from_: str
    to: str
    strength: float
    source: str  # "asserted", "derived" (shared interactions), "reporting", "influence"
    interactions: int | None = None  # derived KNOWS: shared interactions in the window
    last_interaction: dt.date | None = None
    explanation: str = ""


@dataclass(frozen=True)
class InfluencePath(Answer):
    strength: float
    hops: int
    nodes: list[PathNode]
    links: list[PathLink]


@dataclass(frozen=True)
class Influenced(Answer):
    """Reverse question: a person a contact influences within k hops, and how strongly."""

    contact: PathNode
    strength: float
    hops: int
    via: list[str]  # ids of the people in between


# --- coaches --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContactRef(Answer):
    """A contact in an answer; its keys are fields of the GraphQL `Contact` type."""

    id: str
    name: str
    account_id: str
    title: str | None = None
    rank: str | None = None
    org_unit_id: str | None = None
    attitude: int | None = None  # current attitude as of the question's date; None = unknown


@dataclass(frozen=True)
class Coach(Answer):
    contact: ContactRef
    reaches_decision_maker: bool
    decision_makers_reached: list[str] = field(default_factory=list)  # contact ids
    opportunities: list[str] = field(default_factory=list)  # open opportunities it is on


@dataclass(frozen=True)
class CoachCandidate(Answer):
    """Attitude 2 with information sharing >= 2 and guidance >= 2 in the latest assessment."""

    contact: ContactRef
    information_sharing: int
    guidance: int
    assessed_on: dt.date


# --- coverage gaps --------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate(Answer):
    """A staff member suggested to close a gap, with the strength of their link to the subject."""

    staff_id: str
    name: str
    rank: str | None
    strength: float | None


@dataclass(frozen=True)
class CoverageGap(Answer):
    kind: str       # a GapKind value
    severity: str   # a Severity value
    subject_id: str
    subject_name: str
    account_id: str | None
    message: str
    suggestion: str
    candidates: list[Candidate] = field(default_factory=list)


# --- the client as a company: organizational and general relationship, tiers ---------------

@dataclass(frozen=True)
class ActionEvidence(Answer):
    """What shows an organizational action done: an `orgActions` record (`type` the action) or an
    interaction of a type that counts as it (`type` the interaction type, `note` its summary)."""

    source: str  # "orgAction" or "interaction"
    id: str
    date: dt.date
    type: str
    note: str | None


@dataclass(frozen=True)
class ActionStatus(Answer):
    action: str                 # an OrgAction value
    required: bool              # by the account's partnership level
    done: bool                  # evidenced in the 365 days up to the day
    last_date: dt.date | None   # the latest evidence on or before the day (in the window or not)
    evidence: list[ActionEvidence]  # in the 365 days up to the day, latest first


@dataclass(frozen=True)
class FrontStatus(Answer):
    front: str                  # a Front value
    required: int
    done: int                   # required actions done
    coverage: float | None      # done / required; None when the front requires nothing
    actions: list[ActionStatus]


@dataclass(frozen=True)
class OrgRelationship(Answer):
    """The organizational relationship of an account on a day: the four fronts' actions."""

    account_id: str
    account_name: str
    partnership: str            # a Partnership value
    as_of: dt.date
    required: int
    done: int                   # required actions done
    coverage: float             # done / required
    fronts: list[FrontStatus]


@dataclass(frozen=True)
class UnitRef(Answer):
    """An org unit in an answer; its keys are fields of the GraphQL `OrgUnit` type."""

    id: str
    name: str
    account_id: str
    parent_id: str | None


@dataclass(frozen=True)
class DepartmentRelationship(Answer):
    """The general relationship of one client department (org unit) on a day."""

    org_unit: UnitRef
    activities: int             # interactions in the 365 days attended by a member of the unit
    process: float              # min(1, activities / target)
    result: float | None        # from the latest assessment in the 365 days; None: none there
    score: float | None         # (1 - w) * process + w * result
    key_event_support: int | None
    information_channel: int | None
    issue_spread: bool | None
    last_assessed: dt.date | None  # the latest assessment up to the day (in the window or not)
    obstructs: bool             # keyEventSupport 0 or issueSpread in that latest assessment


@dataclass(frozen=True)
class TierEffort(Answer):
    tier: str
    accounts: int
    target_share: float         # the tier's share of RELGRAPH_TIER_RESOURCES
    effort_share: float | None  # its staff attendances / all; None when there are none
    attendances: int
    deviation: float | None     # effort_share - target_share


@dataclass(frozen=True)
class PartnershipCoverage(Answer):
    partnership: str
    accounts: int
    required: int
    done: int
    coverage: float | None      # done / required over its accounts; None without accounts


@dataclass(frozen=True)
class PortfolioSummary(Answer):
    """The portfolio on a day: accounts, target and measured effort per tier; organizational
    coverage per partnership level."""

    as_of: dt.date
    tier_resources: str         # "7:3:0:0"
    attendances: int
    tiers: list[TierEffort]
    partnerships: list[PartnershipCoverage]


@dataclass(frozen=True)
class TierChange(Answer):
    """A tier review in an account's tier history, with the tier decided before it."""

    id: str
    date: dt.date
    tier: str
    previous_tier: str | None   # of the review before (None for the first)
    changed: bool               # tier differs from previous_tier (False for the first)
    reviewed_by_id: str | None
    note: str | None


@dataclass(frozen=True)
class CompanyFigures(Answer):
    """The client-as-a-company figures of one account, for BI."""

    organizational_coverage: float
    departments: int
    departments_assessed: int   # with an assessment in the 365 days (a score)
    mean_department_score: float | None
    staff_attendances: int
    effort_share: float | None  # the account's share of the attendances of the portfolio


# --- scores and trends ----------------------------------------------------------------------

@dataclass(frozen=True)
class ContactScore(Answer):
    contact: ContactRef
    score: float | None        # mean of the six dimensions of the latest assessment
    attitude: int | None
    assessed_on: dt.date | None


@dataclass(frozen=True)
class AccountHealth(Answer):
    account_id: str
    account_name: str
    tier: str
    key_contacts: int
    supportive_share: float     # key contacts with attitude >= 1
    owner_coverage: float       # key contacts with an active A and B owner
    cadence_adherence: float    # key contacts met within the cadence of their rank
    coach_present: bool
    health: float               # 0..1, the mean of the four above (coach as 0/1)


@dataclass(frozen=True)
class AttitudeChange(Answer):
    contact: ContactRef
    before: int | None
    after: int | None
    change: int | None          # after - before; None when either is unknown
    direction: str              # "strengthened", "weakened", "unchanged", "new", "departed"


# --- power map ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PowerMapContact(Answer):
    id: str
    name: str
    title: str | None
    rank: str | None
    org_unit: str | None
    attitude: int | None
    key: bool
    active: bool
    coach: bool
    rising_star: bool
    owners: list[dict[str, str]]      # [{staffId, name, role}]
    sponsors: list[dict[str, str]]    # [{staffId, name}]
    favors: list[dict[str, Any]]      # [{competitorId, name, strength}]
    last_interaction: dt.date | None
    gaps: list[str]                   # gap kinds on this contact


@dataclass(frozen=True)
class PowerMapUnit(Answer):
    id: str
    name: str
    parent: str | None
    general_score: float | None       # the unit's general-relationship score (None: unassessed)
    obstructs: bool                   # its latest assessment says it obstructs (or spread)


@dataclass(frozen=True)
class PowerMapLink(Answer):
    type: str        # REPORTS_TO, INFLUENCES, KNOWS, FAVORS
    from_: str
    to: str
    strength: float | None


@dataclass(frozen=True)
class PowerMap(Answer):
    account_id: str
    account_name: str
    tier: str
    units: list[PowerMapUnit]
    contacts: list[PowerMapContact]
    staff: list[dict[str, Any]]       # our people on the map: [{id, name, rank, role, active}]
    links: list[PowerMapLink]
    gaps: list[CoverageGap]
    partnership: str                  # with the two below: the organizational relationship
    organizational_coverage: float
    fronts: list[FrontStatus]         # the four fronts, with their coverage
    competitors: list[dict[str, Any]] = field(default_factory=list)  # [{id, name, position}]
    as_of: dt.date | None = None


# --- network analytics ----------------------------------------------------------------------

@dataclass(frozen=True)
class HiddenInfluencer(Answer):
    contact: ContactRef
    betweenness: float
    pagerank: float
    rank_level: int          # S=4 .. C=1
    influence_index: float   # centrality relative to rank: the higher, the more hidden
    rising_star: bool = False


@dataclass(frozen=True)
class SinglePointOfFailure(Answer):
    staff_id: str
    name: str
    stranded_contacts: list[str]  # key contacts with no path from our side without this person
