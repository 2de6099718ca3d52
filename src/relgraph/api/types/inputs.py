"""GraphQL input types mirroring the records of a relgraph/1 document (camelCase, same fields).

`record(input)` turns one into the document record the import validates and writes: enums
become the document's values, dates ISO strings, and fields left out take the record's default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

import strawberry
from pydantic.alias_generators import to_camel

from relgraph import model

Strength = float


def record(value: Any, **extra: Any) -> dict[str, Any]:
    """The document record of an input (None fields left out, so that defaults apply)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        if item is None:
            continue
        key = "from" if f.name == "from_" else to_camel(f.name)
        out[key] = _plain(item)
    out.update(extra)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@strawberry.input(description="An account record (`accounts` of the dataset document).")
class AccountInput:
    id: strawberry.ID
    name: str
    tier: model.Tier
    partnership: model.Partnership | None = None
    industry: str | None = None
    region: str | None = None


@strawberry.input(description="An org unit record (`orgUnits`).")
class OrgUnitInput:
    id: strawberry.ID
    account: strawberry.ID
    name: str
    parent: strawberry.ID | None = None


@strawberry.input(description=(
    "A contact record (`contacts`). `socialStyle` (controlling, expressive, analytical, "
    "amiable) needs the `sensitive` permission; without it the stored value is kept."))
class ContactInput:
    id: strawberry.ID
    account: strawberry.ID
    name: str
    org_unit: strawberry.ID | None = None
    title: str | None = None
    rank: model.Rank | None = None
    function: str | None = None
    key: bool | None = None
    closeness: int | None = None
    social_style: str | None = None
    rising_star: bool | None = None
    active: bool | None = None
    email: str | None = None


@strawberry.input(description="A staff member record (`staff`).")
class StaffMemberInput:
    id: strawberry.ID
    name: str
    title: str | None = None
    rank: model.Rank | None = None
    role: model.StaffRole | None = None
    active: bool | None = None


@strawberry.input(description=(
    "A formal reporting line (`reportingLines`), history kept by `since`."))
class ReportingLineInput:
    person: strawberry.ID
    manager: strawberry.ID
    since: dt.date | None = None
    until: dt.date | None = None
    strength: Strength | None = None


@strawberry.input(description="Informal influence of `from` on `to` (`influences`).")
class InfluenceInput:
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    strength: Strength
    kind: str | None = None


@strawberry.input(description="A working relationship of a staff member with a contact (`knows`).")
class KnowsInput:
    staff: strawberry.ID
    contact: strawberry.ID
    strength: Strength | None = None


@strawberry.input(description="An account-team membership (`teams`).")
class TeamMemberInput:
    staff: strawberry.ID
    account: strawberry.ID
    role: model.TeamRole


@strawberry.input(description=(
    "An interaction (`interactions`); `layer` defaults to the type's layer."))
class InteractionInput:
    id: strawberry.ID
    type: model.InteractionType
    date: dt.date
    layer: model.Layer | None = None
    account: strawberry.ID | None = None
    opportunity: strawberry.ID | None = None
    staff: list[strawberry.ID] | None = None
    contacts: list[strawberry.ID] | None = None
    summary: str | None = None


@strawberry.input(description=(
    "A dated assessment (`assessments`): the six dimensions and/or the attitude, each -1..3."))
class AssessmentInput:
    contact: strawberry.ID
    date: dt.date
    assessed_by: strawberry.ID | None = None
    acceptance: int | None = None
    participation: int | None = None
    project_support: int | None = None
    information_sharing: int | None = None
    guidance: int | None = None
    competitive_stance: int | None = None
    attitude: int | None = None


@strawberry.input(description="A competitor (`competitors`).")
class CompetitorInput:
    id: strawberry.ID
    name: str


@strawberry.input(description="A competitor supplying an account (`supplies`).")
class SuppliesInput:
    competitor: strawberry.ID
    account: strawberry.ID
    position: str | None = None


@strawberry.input(description="A contact favouring a competitor (`favors`).")
class FavorsInput:
    contact: strawberry.ID
    competitor: strawberry.ID
    strength: Strength | None = None


@strawberry.input(description="An opportunity (`opportunities`).")
class OpportunityInput:
    id: strawberry.ID
    account: strawberry.ID
    name: str
    stage: model.Stage | None = None
    value: float | None = None
    close_date: dt.date | None = None


@strawberry.input(description="A decision-chain member (`decisionChain`).")
class DecisionChainMemberInput:
    opportunity: strawberry.ID
    contact: strawberry.ID
    role: model.ChainRole


@strawberry.input(description="An opportunity-team membership (`opportunityTeam`).")
class OpportunityTeamMemberInput:
    opportunity: strawberry.ID
    staff: strawberry.ID
    role: model.TeamRole


