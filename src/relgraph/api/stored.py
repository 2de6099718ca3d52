"""The graph's records as the API reads them: typed values, each built once from the map an
`api_*` statement returns (the document's camelCase keys), with the names of the GraphQL fields
(`accountId` for an account's id). The loaders hand these out; each GraphQL record type
(relgraph.api.types.records) is one of them plus its nested fields, made with `of(record)`. A
value the graph lacks takes the record's default (a contact without a rank is rank C), as in
the document.
"""

# No `from __future__ import annotations`: the GraphQL types inherit these fields, and strawberry
# reads their types from here, evaluated.
import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from strawberry import ID

from relgraph import model
from relgraph.intel.common import to_date
from relgraph.store.base import Row

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
V = TypeVar("V")


def member(kind: type[E], value: Any, default: E) -> E:
    """The enum member of a stored value; the default for a missing or unknown one."""
    try:
        return default if value is None else kind(value)
    except ValueError:
        return default


def day(value: Any) -> dt.date | None:
    """A stored ISO date (or a date) as a date; an empty cell is no date."""
    return None if value == "" else to_date(value)


def _name(row: Row) -> str:
    return str(row.get("name") or row["id"])


def _id(value: Any) -> ID | None:
    return ID(str(value)) if value else None


@dataclass
class Stored:
    """A record read from the graph."""

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """The record of a statement's map (as `cls`: a GraphQL type that shows it, too)."""
        raise NotImplementedError

    @classmethod
    def of(cls, record: "Stored") -> Self:
        """The same record as `cls`: a GraphQL type that shows it (a subclass of its kind)."""
        values: dict[str, Any] = {f.name: getattr(record, f.name)
                                  for f in dataclasses.fields(record) if f.init}
        return cls(**values)


@dataclass
class Account(Stored):
    id: ID
    name: str
    tier: model.Tier
    partnership: model.Partnership
    industry: str | None
    region: str | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(id=ID(row["id"]), name=_name(row),
                       tier=member(model.Tier, row.get("tier"), model.Tier.C),
                       partnership=member(model.Partnership, row.get("partnership"),
                                          model.Partnership.ORDINARY),
                       industry=row.get("industry"), region=row.get("region"))


@dataclass
class OrgUnit(Stored):
    id: ID
    name: str
    account_id: ID
    parent_id: ID | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(id=ID(row["id"]), name=_name(row), account_id=ID(row["account"]),
                       parent_id=_id(row.get("parent")))


@dataclass
class Contact(Stored):
    id: ID
    name: str
    account_id: ID
    org_unit_id: ID | None
    title: str | None
    rank: model.Rank
    function: str | None
    key: bool
    closeness: int | None
    rising_star: bool
    active: bool
    email: str | None
    _social_style: str | None  # sensitive: shown only to keys with the permission

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(
            id=ID(row["id"]), name=_name(row), account_id=ID(row["account"]),
            org_unit_id=_id(row.get("orgUnit")), title=row.get("title"),
            rank=member(model.Rank, row.get("rank"), model.Rank.C), function=row.get("function"),
            key=bool(row.get("key")), closeness=row.get("closeness"),
            rising_star=bool(row.get("risingStar")), active=row.get("active") is not False,
            email=row.get("email"), _social_style=row.get("socialStyle"),
        )


@dataclass
class Staff(Stored):
    id: ID
    name: str
    title: str | None
    rank: model.Rank
    role: model.StaffRole
    active: bool

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(id=ID(row["id"]), name=_name(row), title=row.get("title"),
                     rank=member(model.Rank, row.get("rank"), model.Rank.C),
                     role=member(model.StaffRole, row.get("role"), model.StaffRole.OTHER),
                     active=row.get("active") is not False)


@dataclass
class Opportunity(Stored):
    id: ID
    name: str
    account_id: ID
    stage: model.Stage
    value: float | None
    close_date: dt.date | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(
            id=ID(row["id"]), name=_name(row), account_id=ID(row["account"]),
            stage=member(model.Stage, row.get("stage"), model.Stage.LEAD),
            value=None if row.get("value") is None else float(row["value"]),
            close_date=day(row.get("closeDate")),
        )


@dataclass
class Interaction(Stored):
    id: ID
    type: model.InteractionType
    layer: model.Layer
    date: dt.date
    account_id: ID | None
    opportunity_id: ID | None
    summary: str | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        kind = member(model.InteractionType, row.get("type"), model.InteractionType.CALL)
        date = day(row.get("date"))
        assert date is not None  # every interaction has a date (the document requires it)
        return cls(id=ID(row["id"]), type=kind,
                           layer=member(model.Layer, row.get("layer"), kind.default_layer),
                           date=date, account_id=_id(row.get("account")),
                           opportunity_id=_id(row.get("opportunity")),
                           summary=row.get("summary"))


@dataclass
class Assessment(Stored):
    id: ID
    contact_id: ID
    date: dt.date
    assessed_by_id: ID | None
    acceptance: int | None
    participation: int | None
    project_support: int | None
    information_sharing: int | None
    guidance: int | None
    competitive_stance: int | None
    attitude: int | None
    score: float | None
    effective_attitude: int | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        date = day(row.get("date"))
        assert date is not None  # every assessment has a date (its id is contact@date)
        return cls(
            id=ID(row["id"]), contact_id=ID(row["contact"]), date=date,
            assessed_by_id=_id(row.get("assessedBy")), acceptance=row.get("acceptance"),
            participation=row.get("participation"), project_support=row.get("projectSupport"),
            information_sharing=row.get("informationSharing"), guidance=row.get("guidance"),
            competitive_stance=row.get("competitiveStance"), attitude=row.get("attitude"),
            score=None if row.get("score") is None else float(row["score"]),
            effective_attitude=row.get("effectiveAttitude"),
        )


@dataclass
class Competitor(Stored):
    id: ID
    name: str

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(id=ID(row["id"]), name=_name(row))


@dataclass(frozen=True)
class Linked(Generic[T, V]):
    """A record reached over a relationship, with what the relationship says (a role, a
    supplier's position, a favour's strength)."""

    item: T
    value: V


@dataclass(frozen=True)
class Attendees:
    """Who attended an interaction: our staff, and the client contacts."""

    staff: list[Staff]
    contacts: list[Contact]


@dataclass(frozen=True)
class AccountCounts:
    """Plain counts of an account for the BI figures."""

    contacts: int = 0
    active_contacts: int = 0
    open_opportunities: int = 0
    open_pipeline_value: float = 0.0
    team_size: int = 0  # distinct staff members on the account team

    @staticmethod
    def from_row(row: Row) -> "AccountCounts":
        return AccountCounts(
            contacts=int(row.get("contacts") or 0),
            active_contacts=int(row.get("activeContacts") or 0),
            open_opportunities=int(row.get("openOpportunities") or 0),
            open_pipeline_value=float(row.get("openPipelineValue") or 0.0),
            team_size=len(set(row.get("team") or [])),
        )
