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
class PowerMapPlan(Answer):
    """A contact's active key-relationship plan, as the power map shows it."""

    id: str
    goal: str
    target_attitude: int
    current_attitude: int | None
    reached_target: bool
    next_review_due: dt.date
    owner: dict[str, str]    # {staffId, name}
    sponsor: dict[str, str]  # {staffId, name}


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
    gaps: list[str]                   # gap kinds on this contact (and on its plans)
    plan: PowerMapPlan | None = None  # the active plan (the latest started, when several)


@dataclass(frozen=True)
class PowerMapUnit(Answer):
    id: str
    name: str
    parent: str | None


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
