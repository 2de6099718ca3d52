"""The GraphQL object types of the graph's records (accounts, contacts, staff, ...) and their
nested fields. Every nested list goes through a per-request DataLoader, so a page of N records
costs a bounded number of statements whatever N is. Everything a scoped key reaches through a
nested field is filtered to its accounts (see relgraph.api.schema for the access rules).
"""

# strawberry.field(description=...) is typed as returning Any: allow it as a decorator.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import strawberry

from relgraph import model
from relgraph.api.context import Context
from relgraph.errors import Forbidden, InvalidInput
from relgraph.intel import types as answers
from relgraph.intel.common import to_date
from relgraph.store.base import Row

# The contract's vocabularies as GraphQL enums: the GraphQL value is the member's name
# (STRATEGIC_PARTNER for the document's `strategic_partner`, DECISION_MAKER, FORMAL_VISIT, ...).
Tier = strawberry.enum(model.Tier, description="Account tier: S strategic, A partner, B, C.")
Partnership = strawberry.enum(model.Partnership, description="Partnership level of an account.")
Rank = strawberry.enum(
    model.Rank, description="Position rank: S chairman/CEO/board, A CXO/VP, B director, C manager.")
StaffRole = strawberry.enum(model.StaffRole, description="What one of our staff members does.")
TeamRole = strawberry.enum(model.TeamRole, description="Iron-triangle role on a team.")
OwnerRole = strawberry.enum(model.OwnerRole, description="Relationship-owner role (A, B, C).")
Stage = strawberry.enum(model.Stage, description="Opportunity stage (LTC); open = not WON/LOST.")
ChainRole = strawberry.enum(model.ChainRole, description="Role on an opportunity's decision chain.")
Layer = strawberry.enum(model.Layer, description="Relationship layer of an interaction.")
InteractionType = strawberry.enum(model.InteractionType, description="Kind of interaction.")
GapKind = strawberry.enum(model.GapKind, description="Kind of coverage gap (CONTRACT.md §1).")
Severity = strawberry.enum(model.Severity, description="Severity of a coverage gap.")
Side = strawberry.enum(answers.Side, description="OURS: our staff; THEIRS: a client contact.")
LinkType = strawberry.enum(answers.LinkType, description="Kind of link on an influence path.")

Info = strawberry.Info[Context, None]
Item = TypeVar("Item")


def C(info: Info) -> Context:
    return info.context


def day(value: Any) -> dt.date | None:
    """A stored ISO date (or a date) as a date; an empty cell is no date."""
    return None if value == "" else to_date(value)


def iso_or_today(ctx: Context, as_of: dt.date | None) -> str:
    return (as_of or ctx.today()).isoformat()


def _enum(kind: Any, value: Any, default: Any = None) -> Any:
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        return default


# --- Relay connections ------------------------------------------------------------------------

@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page and its cursor (pass it as `after`).")
class Edge(Generic[Item]):
    cursor: str
    node: Item


@strawberry.type(description="A Relay connection: one page of items, in id order.")
class Connection(Generic[Item]):
    edges: list[Edge[Item]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match the filters (all pages together).")
    async def total_count(self) -> int:
        return await self._count()

    @strawberry.field(description="The items of this page (the edges' nodes, for BI tools).")
    def nodes(self) -> list[Item]:
        return [edge.node for edge in self.edges]


def encode_cursor(kind: str, ident: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{ident}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raw = ""
    prefix, _, ident = raw.partition(":")
    if prefix != kind or not ident:
        raise InvalidInput(f"`after` is not a cursor of this list: {cursor!r}")
    return ident


# --- records ----------------------------------------------------------------------------------

@strawberry.type(description="A client company.")
class Account:
    id: strawberry.ID
    name: str
    tier: Tier  # type: ignore[valid-type]
    partnership: Partnership  # type: ignore[valid-type]
    industry: str | None
    region: str | None

    @staticmethod
    def from_row(row: Row) -> Account:
        return Account(
            id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
            tier=_enum(model.Tier, row.get("tier"), model.Tier.C),
            partnership=_enum(model.Partnership, row.get("partnership"),
                              model.Partnership.ORDINARY),
            industry=row.get("industry"), region=row.get("region"),
        )

    @strawberry.field(description="The account's departments (org units), in id order.")
    async def org_units(self, info: Info) -> list[OrgUnit]:
        rows = await C(info).loaders.org_units_of_account.load(self.id)
        return [OrgUnit.from_row(r["item"]) for r in rows]

    @strawberry.field(description="The account's contacts, in id order (`active` filters).")
    async def contacts(self, info: Info, active: bool | None = None) -> list[Contact]:
        rows = await C(info).loaders.contacts_of_account.load(self.id)
        found = [Contact.from_row(r["item"]) for r in rows]
        return [c for c in found if active is None or c.active == active]

    @strawberry.field(description="Our account team: staff members and their iron-triangle role.")
    async def team(self, info: Info) -> list[TeamMember]:
        rows = await C(info).loaders.team_of_account.load(self.id)
        return [TeamMember(staff=StaffMember.from_row(r["item"]),
                           role=_enum(model.TeamRole, r["role"], model.TeamRole.MEMBER))
                for r in rows]

    @strawberry.field(description="Our account sponsors (executives sponsoring the account).")
    async def sponsors(self, info: Info) -> list[StaffMember]:
        rows = await C(info).loaders.sponsors_of_account.load(self.id)
        return [StaffMember.from_row(r["item"]) for r in rows]

    @strawberry.field(description="The account's opportunities (`open`: not won or lost).")
    async def opportunities(self, info: Info, open: bool | None = None) -> list[Opportunity]:
        rows = await C(info).loaders.opportunities_of_account.load(self.id)
        found = [Opportunity.from_row(r["item"]) for r in rows]
        return [o for o in found if open is None or model.Stage(o.stage).is_open == open]

    @strawberry.field(description="Competitors supplying the account, with their position.")
    async def suppliers(self, info: Info) -> list[Supplier]:
        rows = await C(info).loaders.suppliers_of_account.load(self.id)
        return [Supplier(competitor=Competitor.from_row(r["item"]), position=r.get("position"))
                for r in rows]

    @strawberry.field(description=(
        "Flat figures for BI tools (health, coverage, gap counts) at `asOf` (default today)."))
    async def figures(self, info: Info, as_of: dt.date | None = None) -> AccountFigures:
        from relgraph.api.figures import account_figures

        return await account_figures(C(info), self.id, as_of)

    @strawberry.field(description="The account's coverage gaps at `asOf` (default today).")
    async def coverage_gaps(
        self, info: Info, kinds: list[GapKind] | None = None,  # type: ignore[valid-type]
        as_of: dt.date | None = None,
    ) -> list[CoverageGap]:
        from relgraph.api.figures import gaps_of_account

        gaps = await gaps_of_account(C(info), self.id, as_of)
        wanted = {model.GapKind(k).value for k in kinds} if kinds else None
        return [CoverageGap.from_answer(g) for g in gaps if wanted is None or g.kind in wanted]


@strawberry.type(description="Flat per-account figures: what a BI tool charts without computing.")
class AccountFigures:
    as_of: dt.date
    key_contacts: int = strawberry.field(description="Key contacts (CONTRACT definition).")
    key_contacts_supportive: int = strawberry.field(
        description="Key contacts whose current attitude is 1 or more.")
    supportive_share: float = strawberry.field(description="keyContactsSupportive / keyContacts.")
    owner_coverage: float = strawberry.field(
        description="Share of key contacts with an active A and an active B owner.")
    cadence_adherence: float = strawberry.field(
        description="Share of key contacts met within the cadence of their rank.")
    coach_present: bool = strawberry.field(description="Whether the account has a coach.")
    health: float = strawberry.field(description="0..1, the mean of the four measures above.")
    contacts: int
    active_contacts: int
    open_opportunities: int
    open_pipeline_value: float
    team_size: int = strawberry.field(description="Distinct staff members on the account team.")
    stale_contacts: int = strawberry.field(description="STALE_CONTACT gaps.")
    gaps_high: int
    gaps_medium: int
    gaps_low: int
    gaps_total: int
    gaps_by_kind: list[GapCount] = strawberry.field(
        description="Gap counts per kind (kinds without gaps omitted), in kind order.")


@strawberry.type(description="How many gaps of one kind.")
class GapCount:
    kind: GapKind  # type: ignore[valid-type]
    count: int


@strawberry.type(description="A department of an account.")
class OrgUnit:
    id: strawberry.ID
    name: str
    account_id: strawberry.ID
    parent_id: strawberry.ID | None

    @staticmethod
    def from_row(row: Row) -> OrgUnit:
        parent = row.get("parent")
        return OrgUnit(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
                       account_id=strawberry.ID(row["account"]),
                       parent_id=strawberry.ID(parent) if parent else None)

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(C(info), self.account_id)

    @strawberry.field(description="The parent unit (null for a top unit of the account).")
    async def parent(self, info: Info) -> OrgUnit | None:
        if not self.parent_id:
            return None
        rows = await C(info).loaders.org_units_of_account.load(self.account_id)
        return next((OrgUnit.from_row(r["item"]) for r in rows
                     if r["item"]["id"] == self.parent_id), None)

    @strawberry.field(description="The units directly below this one.")
    async def children(self, info: Info) -> list[OrgUnit]:
        rows = await C(info).loaders.org_units_of_account.load(self.account_id)
        return [OrgUnit.from_row(r["item"]) for r in rows if r["item"].get("parent") == self.id]

    @strawberry.field(description="The contacts of this unit.")
    async def contacts(self, info: Info) -> list[Contact]:
        rows = await C(info).loaders.members_of_unit.load(self.id)
        ctx = C(info)
        return [Contact.from_row(r["item"]) for r in rows
                if ctx.sees_account(r["item"].get("account"))]


@strawberry.type(description="A client person of an account.")
class Contact:
    id: strawberry.ID
    name: str
    account_id: strawberry.ID
    org_unit_id: strawberry.ID | None
    title: str | None
    rank: Rank  # type: ignore[valid-type]
    function: str | None
    key: bool = strawberry.field(description=(
        "The record's own `key` flag (see keyContact for the contract's key-contact rule)."))
    closeness: int | None = strawberry.field(description="1 (closest) .. 5.")
    rising_star: bool
    active: bool
    email: str | None
    _social_style: strawberry.Private[str | None]

    @staticmethod
    def from_row(row: Row) -> Contact:
        unit = row.get("orgUnit")
        return Contact(
            id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
            account_id=strawberry.ID(row["account"]),
            org_unit_id=strawberry.ID(unit) if unit else None, title=row.get("title"),
            rank=_enum(model.Rank, row.get("rank"), model.Rank.C), function=row.get("function"),
            key=bool(row.get("key")), closeness=row.get("closeness"),
            rising_star=bool(row.get("risingStar")), active=row.get("active") is not False,
            email=row.get("email"), _social_style=row.get("socialStyle"),
        )

    @strawberry.field(description=(
        "Sensitive personal attribute (controlling, expressive, analytical, amiable): needs an "
        "API key with the `sensitive` permission, else this field is null with a FORBIDDEN "
        "error."))
    def social_style(self, info: Info) -> str | None:
        if not C(info).principal.sensitive:
            raise Forbidden("socialStyle is sensitive personal data: this API key lacks the "
                            "`sensitive` permission")
        return self._social_style

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(C(info), self.account_id)

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnit | None:
        if not self.org_unit_id:
            return None
        row = await C(info).loaders.org_unit.load(self.org_unit_id)
        return OrgUnit.from_row(row) if row else None

    @strawberry.field(description=(
        "Whether this is a key contact: active, and flagged key, ranked S or A, or on the "
        "decision chain of an open opportunity."))
    async def key_contact(self, info: Info) -> bool:
        flags = await C(info).loaders.key_contact.load(self.id)
        return bool(flags and flags[0]["item"])

    @strawberry.field(description=(
        "Current attitude at `asOf` (default today): that of the latest assessment, -1 opposed "
        ".. 3 coach; null when never assessed (unknown, not neutral)."))
    async def attitude(self, info: Info, as_of: dt.date | None = None) -> int | None:
        latest = await self.latest_assessment(info, as_of)
        return latest.effective_attitude if latest else None

    @strawberry.field(description="The latest assessment dated on or before `asOf`.")
    async def latest_assessment(
        self, info: Info, as_of: dt.date | None = None,
    ) -> Assessment | None:
        ctx = C(info)
        rows = await ctx.loaders.latest_assessment.load((self.id, iso_or_today(ctx, as_of)))
        return Assessment.from_row(rows[0]["item"]) if rows else None

    @strawberry.field(description="Every assessment of the contact, oldest first.")
    async def assessments(self, info: Info) -> list[Assessment]:
        rows = await C(info).loaders.assessments_of_contact.load(self.id)
        return [Assessment.from_row(r["item"]) for r in rows]

    @strawberry.field(description="Relationship owners on our side and their role (A, B, C).")
    async def owners(self, info: Info) -> list[Owner]:
        rows = await C(info).loaders.owners_of_contact.load(self.id)
        return [Owner(staff=StaffMember.from_row(r["item"]),
                      role=_enum(model.OwnerRole, r["role"], model.OwnerRole.C)) for r in rows]

    @strawberry.field(description="Our executives sponsoring this contact personally.")
    async def sponsors(self, info: Info) -> list[StaffMember]:
        rows = await C(info).loaders.sponsors_of_contact.load(self.id)
        return [StaffMember.from_row(r["item"]) for r in rows]

    @strawberry.field(description="The contact's roles on decision chains, with the opportunity.")
    async def decision_roles(self, info: Info) -> list[DecisionRole]:
        ctx = C(info)
        rows = await ctx.loaders.decision_roles_of_contact.load(self.id)
        return [DecisionRole(opportunity=Opportunity.from_row(r["item"]),
                             role=_enum(model.ChainRole, r["role"], model.ChainRole.USER))
                for r in rows if ctx.sees_account(r["item"].get("account"))]

    @strawberry.field(description="Competitors the contact favours.")
    async def favors(self, info: Info) -> list[Favor]:
        rows = await C(info).loaders.favors_of_contact.load(self.id)
        return [Favor(competitor=Competitor.from_row(r["item"]), strength=r.get("strength"))
                for r in rows]

    @strawberry.field(description="Current managers (reporting lines at `asOf`) among contacts.")
    async def managers(self, info: Info, as_of: dt.date | None = None) -> list[Contact]:
        ctx = C(info)
        rows = await ctx.loaders.managers_of_contact.load((self.id, iso_or_today(ctx, as_of)))
        return [Contact.from_row(r["item"]) for r in rows
                if ctx.sees_account(r["item"].get("account"))]

    @strawberry.field(description="Current direct reports (lines at `asOf`) among contacts.")
    async def direct_reports(self, info: Info, as_of: dt.date | None = None) -> list[Contact]:
        ctx = C(info)
        rows = await ctx.loaders.reports_of_contact.load((self.id, iso_or_today(ctx, as_of)))
        return [Contact.from_row(r["item"]) for r in rows
                if ctx.sees_account(r["item"].get("account"))]


@strawberry.type(description="One of our people.")
class StaffMember:
    id: strawberry.ID
    name: str
    title: str | None
    rank: Rank  # type: ignore[valid-type]
    role: StaffRole  # type: ignore[valid-type]
    active: bool

    @staticmethod
    def from_row(row: Row) -> StaffMember:
        return StaffMember(
            id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
            title=row.get("title"), rank=_enum(model.Rank, row.get("rank"), model.Rank.C),
            role=_enum(model.StaffRole, row.get("role"), model.StaffRole.OTHER),
            active=row.get("active") is not False,
        )

    @strawberry.field(description="The contacts this staff member owns, with the owner role.")
    async def owns(self, info: Info) -> list[OwnedContact]:
        ctx = C(info)
        rows = await ctx.loaders.owned_by_staff.load(self.id)
        return [OwnedContact(contact=Contact.from_row(r["item"]),
                             role=_enum(model.OwnerRole, r["role"], model.OwnerRole.C))
                for r in rows if ctx.sees_account(r["item"].get("account"))]

    @strawberry.field(description="The account teams this staff member is on, with the role.")
    async def teams(self, info: Info) -> list[TeamOfStaff]:
        ctx = C(info)
        rows = await ctx.loaders.teams_of_staff.load(self.id)
        return [TeamOfStaff(account=Account.from_row(r["item"]),
                            role=_enum(model.TeamRole, r["role"], model.TeamRole.MEMBER))
                for r in rows if ctx.sees_account(r["item"]["id"])]

    @strawberry.field(description="The contacts this staff member sponsors personally.")
    async def sponsored_contacts(self, info: Info) -> list[Contact]:
        ctx = C(info)
        rows = await ctx.loaders.sponsored_contacts_of_staff.load(self.id)
        return [Contact.from_row(r["item"]) for r in rows
                if ctx.sees_account(r["item"].get("account"))]

    @strawberry.field(description="The accounts this staff member sponsors.")
    async def sponsored_accounts(self, info: Info) -> list[Account]:
        ctx = C(info)
        rows = await ctx.loaders.sponsored_accounts_of_staff.load(self.id)
        return [Account.from_row(r["item"]) for r in rows if ctx.sees_account(r["item"]["id"])]


@strawberry.type(description="A sales opportunity of an account.")
class Opportunity:
    id: strawberry.ID
    name: str
    account_id: strawberry.ID
    stage: Stage  # type: ignore[valid-type]
    value: float | None
    close_date: dt.date | None

    @staticmethod
    def from_row(row: Row) -> Opportunity:
        return Opportunity(
            id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
            account_id=strawberry.ID(row["account"]),
            stage=_enum(model.Stage, row.get("stage"), model.Stage.LEAD),
            value=None if row.get("value") is None else float(row["value"]),
            close_date=day(row.get("closeDate")),
        )

    @strawberry.field(description="Whether the opportunity is open (not won or lost).")
    def open(self) -> bool:
        return model.Stage(self.stage).is_open

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(C(info), self.account_id)

    @strawberry.field(description="The decision chain: contacts and their roles.")
    async def decision_chain(self, info: Info) -> list[DecisionChainMember]:
        ctx = C(info)
        rows = await ctx.loaders.decision_chain_of_opportunity.load(self.id)
        return [DecisionChainMember(contact=Contact.from_row(r["item"]),
                                    role=_enum(model.ChainRole, r["role"], model.ChainRole.USER))
                for r in rows if ctx.sees_account(r["item"].get("account"))]

    @strawberry.field(description="Our opportunity team, with each member's role.")
    async def team(self, info: Info) -> list[TeamMember]:
        rows = await C(info).loaders.team_of_opportunity.load(self.id)
        return [TeamMember(staff=StaffMember.from_row(r["item"]),
                           role=_enum(model.TeamRole, r["role"], model.TeamRole.MEMBER))
                for r in rows]


@strawberry.type(description="A dated interaction (visit, summit, call, ...).")
class Interaction:
    id: strawberry.ID
    type: InteractionType  # type: ignore[valid-type]
    layer: Layer  # type: ignore[valid-type]
    date: dt.date
    account_id: strawberry.ID | None
    opportunity_id: strawberry.ID | None
    summary: str | None

    @staticmethod
    def from_row(row: Row) -> Interaction:
        kind = _enum(model.InteractionType, row.get("type"), model.InteractionType.CALL)
        date = day(row.get("date"))
        assert date is not None
        return Interaction(
            id=strawberry.ID(row["id"]), type=kind,
            layer=_enum(model.Layer, row.get("layer"), kind.default_layer), date=date,
            account_id=strawberry.ID(row["account"]) if row.get("account") else None,
            opportunity_id=(strawberry.ID(row["opportunity"]) if row.get("opportunity")
                            else None),
            summary=row.get("summary"),
        )

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(C(info), self.account_id) if self.account_id else None

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity | None:
        if not self.opportunity_id:
            return None
        ctx = C(info)
        row = await ctx.loaders.opportunity.load(self.opportunity_id)
        return Opportunity.from_row(row) if row and ctx.sees_account(row.get("account")) else None

    @strawberry.field(description="Our staff who attended.")
    async def staff(self, info: Info) -> list[StaffMember]:
        ctx = C(info)
        rows = await ctx.loaders.attendees_of_interaction.load(self.id)
        ids = [r["person"] for r in rows if r["staff"]]
        found = await ctx.loaders.staff.load_many(ids)
        return [StaffMember.from_row(r) for r in found if r is not None]

    @strawberry.field(description="The client contacts who attended.")
    async def contacts(self, info: Info) -> list[Contact]:
        ctx = C(info)
        rows = await ctx.loaders.attendees_of_interaction.load(self.id)
        ids = [r["person"] for r in rows if not r["staff"] and ctx.sees_account(r.get("account"))]
        found = await ctx.loaders.contact.load_many(ids)
        return [Contact.from_row(r) for r in found if r is not None]


@strawberry.type(description=(
    "A dated assessment of a contact on the six dimensions (-1..3); score = their mean, "
    "effectiveAttitude = the given attitude, else the score rounded down."))
class Assessment:
    id: strawberry.ID
    contact_id: strawberry.ID
    date: dt.date
    assessed_by_id: strawberry.ID | None
    acceptance: int | None
    participation: int | None
    project_support: int | None
    information_sharing: int | None
    guidance: int | None
    competitive_stance: int | None
    attitude: int | None = strawberry.field(description="The attitude as given (may be null).")
    score: float | None
    effective_attitude: int | None

    @staticmethod
    def from_row(row: Row) -> Assessment:
        date = day(row.get("date"))
        assert date is not None
        by = row.get("assessedBy")
        return Assessment(
            id=strawberry.ID(row["id"]), contact_id=strawberry.ID(row["contact"]), date=date,
            assessed_by_id=strawberry.ID(by) if by else None,
            acceptance=row.get("acceptance"), participation=row.get("participation"),
            project_support=row.get("projectSupport"),
            information_sharing=row.get("informationSharing"), guidance=row.get("guidance"),
            competitive_stance=row.get("competitiveStance"), attitude=row.get("attitude"),
            score=None if row.get("score") is None else float(row["score"]),
            effective_attitude=row.get("effectiveAttitude"),
        )

    @strawberry.field
    async def contact(self, info: Info) -> Contact | None:
        ctx = C(info)
        row = await ctx.loaders.contact.load(self.contact_id)
        return Contact.from_row(row) if row and ctx.sees_account(row.get("account")) else None

    @strawberry.field
    async def assessed_by(self, info: Info) -> StaffMember | None:
        if not self.assessed_by_id:
            return None
        ctx = C(info)
        if not await ctx.sees_staff(self.assessed_by_id):
            return None
        row = await ctx.loaders.staff.load(self.assessed_by_id)
        return StaffMember.from_row(row) if row else None


@strawberry.type(description="A competitor.")
class Competitor:
    id: strawberry.ID
    name: str

    @staticmethod
    def from_row(row: Row) -> Competitor:
        return Competitor(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"])


@strawberry.type(description="A staff member on a team, with the role.")
class TeamMember:
    staff: StaffMember
    role: TeamRole  # type: ignore[valid-type]


@strawberry.type(description="An account team a staff member is on, with the role.")
class TeamOfStaff:
    account: Account
    role: TeamRole  # type: ignore[valid-type]


@strawberry.type(description="A relationship owner of a contact, with the role.")
class Owner:
    staff: StaffMember
    role: OwnerRole  # type: ignore[valid-type]


@strawberry.type(description="A contact a staff member owns, with the role.")
class OwnedContact:
    contact: Contact
    role: OwnerRole  # type: ignore[valid-type]


@strawberry.type(description="A contact's role on an opportunity's decision chain.")
class DecisionRole:
    opportunity: Opportunity
    role: ChainRole  # type: ignore[valid-type]


@strawberry.type(description="A member of an opportunity's decision chain.")
class DecisionChainMember:
    contact: Contact
    role: ChainRole  # type: ignore[valid-type]


@strawberry.type(description="A competitor supplying an account (e.g. primary, secondary).")
class Supplier:
    competitor: Competitor
    position: str | None


@strawberry.type(description="A competitor a contact favours.")
class Favor:
    competitor: Competitor
    strength: float | None


async def load_account(ctx: Context, account_id: str) -> Account | None:
    if not ctx.sees_account(account_id):
        return None
    row = await ctx.loaders.account.load(account_id)
    return Account.from_row(row) if row else None


# --- answers of the intelligence library ------------------------------------------------------
# Field names follow `to_dict()` of relgraph.intel.types, which is also what the CLI prints.

@strawberry.type(description="Someone on an influence path.")
class PathNode:
    id: strawberry.ID
    name: str
    side: Side  # type: ignore[valid-type]
    title: str | None
    account: strawberry.ID | None = strawberry.field(
        description="The contact's account id (null for our staff).")

    @staticmethod
    def from_answer(node: answers.PathNode) -> PathNode:
        return PathNode(id=strawberry.ID(node.id), name=node.name, side=answers.Side(node.side),
                        title=node.title,
                        account=strawberry.ID(node.account) if node.account else None)


@strawberry.type(description="One hop of an influence path, explained.")
class PathLink:
    type: LinkType  # type: ignore[valid-type]
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    strength: float
    source: str = strawberry.field(
        description="asserted, derived (shared interactions), reporting or influence.")
    interactions: int | None = strawberry.field(
        description="Derived KNOWS: shared interactions in the window.")
    last_interaction: dt.date | None
    explanation: str

    @staticmethod
    def from_answer(link: answers.PathLink) -> PathLink:
        return PathLink(type=answers.LinkType(link.type), from_=strawberry.ID(link.from_),
                        to=strawberry.ID(link.to), strength=link.strength, source=link.source,
                        interactions=link.interactions, last_interaction=link.last_interaction,
                        explanation=link.explanation)


@strawberry.type(description="A path from our side to a contact; strength = product of links.")
class InfluencePath:
    strength: float
    hops: int
    nodes: list[PathNode]
    links: list[PathLink]

    @staticmethod
    def from_answer(path: answers.InfluencePath) -> InfluencePath:
        return InfluencePath(strength=path.strength, hops=path.hops,
                             nodes=[PathNode.from_answer(n) for n in path.nodes],
                             links=[PathLink.from_answer(x) for x in path.links])


@strawberry.type(description="Someone a contact influences, and how strongly.")
class Influenced:
    contact: PathNode
    strength: float
    hops: int
    via: list[strawberry.ID]

    @staticmethod
    def from_answer(answer: answers.Influenced) -> Influenced:
        return Influenced(contact=PathNode.from_answer(answer.contact), strength=answer.strength,
                          hops=answer.hops, via=[strawberry.ID(v) for v in answer.via])


@strawberry.type(description="A coach (a contact whose current attitude is 3).")
class Coach:
    contact: Contact
    reaches_decision_maker: bool
    decision_makers_reached: list[strawberry.ID]
    opportunities: list[strawberry.ID] = strawberry.field(
        description="Open opportunities whose decision chain the coach is on.")


@strawberry.type(description="A staff member suggested to close a gap.")
class GapCandidate:
    staff_id: strawberry.ID
    name: str
    rank: str | None
    strength: float | None


@strawberry.type(description="A coverage gap: a typed finding with severity, subject and fix.")
class CoverageGap:
    kind: GapKind  # type: ignore[valid-type]
    severity: Severity  # type: ignore[valid-type]
    subject_id: strawberry.ID
    subject_name: str
    account_id: strawberry.ID | None
    message: str
    suggestion: str
    candidates: list[GapCandidate]

    @staticmethod
    def from_answer(gap: answers.CoverageGap) -> CoverageGap:
        return CoverageGap(
            kind=model.GapKind(gap.kind), severity=model.Severity(gap.severity),
            subject_id=strawberry.ID(gap.subject_id), subject_name=gap.subject_name,
            account_id=strawberry.ID(gap.account_id) if gap.account_id else None,
            message=gap.message, suggestion=gap.suggestion,
            candidates=[GapCandidate(staff_id=strawberry.ID(c.staff_id), name=c.name,
                                     rank=c.rank, strength=c.strength) for c in gap.candidates],
        )
