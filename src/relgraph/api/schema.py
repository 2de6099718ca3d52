"""The GraphQL schema: root queries (CONTRACT.md §2 and the BI lists), mutations, key admin.

Access rules (API keys, relgraph.api.auth):
- Every operation needs a valid key (`Authorization: Bearer SECRET`), except on a server started
  with the development flag (loopback only). Missing, unknown or revoked: UNAUTHENTICATED.
- `reader` reads; `editor` also writes (FORBIDDEN otherwise); `admin` also manages keys.
- A key limited to accounts sees only those accounts and their records (org units, contacts,
  opportunities, interactions whose `account` is one of them, assessments of their contacts):
  in lists and their `totalCount`, in nested fields, in every analysis. A record it may not see
  answers like one that does not exist: null for `account(id)`, `contact(id)`,
  `staffMember(id)`, NOT_FOUND for the id an analysis is about.
- Staff are our own people. A limited key sees the staff members engaged on its accounts: on
  the account team, account or personal sponsor, owner or asserted KNOWS of one of its contacts,
  on an opportunity team, or attendee of an interaction about one of its accounts or with one of
  its contacts; and of them only what concerns its accounts (owns, teams, sponsorships). An
  influence path is withheld when any person on it is not visible to the key. Gap findings of
  a visible account are shown whole: their suggestions may name any of our staff members.
- Sensitive personal attributes (`Contact.socialStyle`) need the key's `sensitive` permission:
  without it the field is null with a FORBIDDEN error, writing it is FORBIDDEN, and an upsert
  keeps the stored value.
"""

# strawberry.field(description=...) is typed as returning Any: allow it as a decorator.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.scalars import JSON

from relgraph import intel, model
from relgraph.api import writes
from relgraph.api.auth import ApiKeyInfo, Role, create_key, list_keys, revoke_key
from relgraph.api.context import Context
from relgraph.api.inputs import (
    AccountInput,
    AssessmentInput,
    CompetitorInput,
    ContactInput,
    DecisionChainMemberInput,
    FavorsInput,
    InfluenceInput,
    InteractionInput,
    KnowsInput,
    OpportunityInput,
    OpportunityTeamMemberInput,
    OrgUnitInput,
    ReportingLineInput,
    StaffMemberInput,
    SuppliesInput,
    TeamMemberInput,
    record,
)
from relgraph.api.loaders import forget
from relgraph.api.objects import (
    Account,
    Assessment,
    C,
    Coach,
    Competitor,
    Connection,
    Contact,
    CoverageGap,
    Edge,
    GapKind,
    Influenced,
    InfluencePath,
    Info,
    Interaction,
    InteractionType,
    Layer,
    Opportunity,
    OrgUnit,
    OwnerRole,
    PageInfo,
    Partnership,
    Rank,
    StaffMember,
    StaffRole,
    Stage,
    Tier,
    decode_cursor,
    encode_cursor,
)
from relgraph.api.powermap import PowerMap, power_map_of
from relgraph.cypher import Statement, statement
from relgraph.errors import Forbidden, InvalidInput, NotFound
from relgraph.ingest.importer import ImportSummary as Summary
from relgraph.intel import gaps as gaps_lib
from relgraph.intel import paths as paths_lib
from relgraph.intel import types as answers
from relgraph.model import OPEN_STAGES
from relgraph.store.base import Row

T = TypeVar("T")

PAGES: dict[str, tuple[Statement, Statement]] = {
    kind: (statement(f"api_{kind}_page"), statement(f"api_{kind}_count"))
    for kind in ("accounts", "contacts", "staff", "interactions", "opportunities", "assessments")
}


# --- pagination -------------------------------------------------------------------------------

async def paginate(
    ctx: Context, kind: str, params: dict[str, Any], first: int | None, after: str | None,
    make: Callable[[Row], T], prime: Any = None,
) -> Connection[T]:
    limits = ctx.api.limits
    size = limits.default_page_size if first is None else first
    if size < 0 or size > limits.max_page_size:
        raise InvalidInput(f"`first` must be from 0 to {limits.max_page_size}")
    after_id = decode_cursor(kind, after) if after else None
    page_stmt, count_stmt = PAGES[kind]
    rows = await ctx.rows(page_stmt, {**params, "after": after_id, "limit": size + 1})
    items = [r["item"] for r in rows[:size]]
    if prime is not None:
        prime.prime_many({item["id"]: item for item in items})
    edges = [Edge(cursor=encode_cursor(kind, item["id"]), node=make(item)) for item in items]

    async def count() -> int:
        found = await ctx.rows(count_stmt, params)
        return int(found[0]["total"]) if found else 0

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size, has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


def _value(item: Any) -> Any:
    return None if item is None else item.value


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


# --- results of the key admin and the writes --------------------------------------------------

@strawberry.type(description="An API key (its secret is only ever shown when created).")
class ApiKey:
    id: strawberry.ID
    role: str
    accounts: list[strawberry.ID] = strawberry.field(
        description="The accounts the key is limited to (empty: every account).")
    sensitive: bool
    created_at: str
    revoked_at: str | None


@strawberry.type(description="A new API key and its secret: store the secret now.")
class NewApiKey:
    key: ApiKey
    secret: str


@strawberry.type(description="Who the request acts as.")
class Viewer:
    key_id: strawberry.ID | None
    role: str
    accounts: list[strawberry.ID] | None = strawberry.field(
        description="The accounts the key is limited to (null: every account).")
    sensitive: bool


@strawberry.type(description="What an import did to the records of one array.")
class ArrayCounts:
    array: str
    created: int
    updated: int
    unchanged: int


@strawberry.type(description="What an import or upsert did, per array of the document.")
class ImportSummary:
    records: int
    seconds: float
    arrays: list[ArrayCounts]

    @staticmethod
    def of(summary: Summary) -> ImportSummary:
        return ImportSummary(
            records=summary.records, seconds=round(summary.seconds, 3),
            arrays=[ArrayCounts(array=a, created=c.created, updated=c.updated,
                                unchanged=c.unchanged) for a, c in summary.arrays.items()],
        )


def _key(key: ApiKeyInfo) -> ApiKey:
    return ApiKey(id=strawberry.ID(key.id), role=key.role.value,
                  accounts=[strawberry.ID(a) for a in key.accounts], sensitive=key.sensitive,
                  created_at=key.created_at, revoked_at=key.revoked_at)


# --- more answers -----------------------------------------------------------------------------

@strawberry.type(description="A strong supporter who could become a coach.")
class CoachCandidate:
    contact: Contact
    information_sharing: int
    guidance: int
    assessed_on: dt.date


@strawberry.type(description="A contact's relationship score from its latest assessment.")
class ContactScore:
    contact: Contact
    score: float | None
    attitude: int | None
    assessed_on: dt.date | None


@strawberry.type(description="How a contact's attitude moved over a period.")
class AttitudeChange:
    contact: Contact
    before: int | None
    after: int | None
    change: int | None
    direction: str = strawberry.field(
        description="strengthened, weakened, unchanged, new or departed.")


@strawberry.type(description="A contact whose influence outweighs their rank.")
class HiddenInfluencer:
    contact: Contact
    betweenness: float
    pagerank: float
    rank_level: int
    influence_index: float


@strawberry.type(description="One of our people without whom some key contacts are unreachable.")
class SinglePointOfFailure:
    staff: StaffMember
    stranded_contacts: list[Contact]


async def _contacts(ctx: Context, ids: list[str]) -> dict[str, Contact]:
    rows = await ctx.loaders.contact.load_many(ids)
    return {r["id"]: Contact.from_row(r) for r in rows
            if r is not None and ctx.sees_account(r.get("account"))}


# --- checks -----------------------------------------------------------------------------------

async def visible_account(ctx: Context, account_id: str) -> Row:
    row = await ctx.loaders.account.load(account_id) if ctx.sees_account(account_id) else None
    if row is None:
        raise NotFound("account", account_id)
    return row


async def visible_contact(ctx: Context, contact_id: str) -> Row:
    row = await ctx.loaders.contact.load(contact_id)
    if row is None or not ctx.sees_account(row.get("account")):
        raise NotFound("contact", contact_id)
    return row


async def visible_person(ctx: Context, person_id: str) -> bool:
    """Whether a contact or staff id is one the key may see (unknown ids: harmless, True)."""
    if not ctx.principal.scoped:
        return True
    row = await ctx.loaders.contact.load(person_id)
    if row is not None:
        return ctx.sees_account(row.get("account"))
    staff = await ctx.loaders.staff.load(person_id)
    return staff is None or await ctx.sees_staff(person_id)


def _as_of(ctx: Context, as_of: dt.date | None) -> dt.date:
    return as_of or ctx.today()


async def _library(ctx: Context, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await ctx.call(fn, ctx.store, *args, **kwargs)


# --- queries ----------------------------------------------------------------------------------

@strawberry.type(description="Read the relationship graph and ask the MCR questions.")
class Query:
    @strawberry.field(description="Who this request acts as (role, account limit, sensitive).")
    def viewer(self, info: Info) -> Viewer:
        who = C(info).principal
        return Viewer(key_id=strawberry.ID(who.key_id) if who.key_id else None,
                      role=who.role.value,
                      accounts=None if who.accounts is None
                      else [strawberry.ID(a) for a in sorted(who.accounts)],
                      sensitive=who.sensitive)

    @strawberry.field(description="An account by id (null when unknown or not visible).")
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        ctx = C(info)
        if not ctx.sees_account(id):
            return None
        row = await ctx.loaders.account.load(id)
        return Account.from_row(row) if row else None

    @strawberry.field(description="Accounts, a Relay connection in id order, with filters.")
    async def accounts(
        self, info: Info, tier: Tier | None = None,  # type: ignore[valid-type]
        partnership: Partnership | None = None,  # type: ignore[valid-type]
        industry: str | None = None, region: str | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Account]:
        ctx = C(info)
        params = {**ctx.principal.scope_params(), "tier": _value(tier),
                  "partnership": _value(partnership), "industry": industry, "region": region}
        return await paginate(ctx, "accounts", params, first, after, Account.from_row,
                              ctx.loaders.account)

    @strawberry.field(description="A contact by id (null when unknown or not visible).")
    async def contact(self, info: Info, id: strawberry.ID) -> Contact | None:
        ctx = C(info)
        row = await ctx.loaders.contact.load(id)
        if row is None or not ctx.sees_account(row.get("account")):
            return None
        return Contact.from_row(row)

    @strawberry.field(description=(
        "Contacts, a Relay connection in id order. `keyContact`: the contract's key-contact "
        "rule; `attitudeMin`/`attitudeMax`: a range of current attitude at `asOf` (default "
        "today; never-assessed contacts do not match a range)."))
    async def contacts(
        self, info: Info, account_id: strawberry.ID | None = None,
        org_unit_id: strawberry.ID | None = None,
        rank: Rank | None = None,  # type: ignore[valid-type]
        key_contact: bool | None = None, active: bool | None = None,
        attitude_min: int | None = None, attitude_max: int | None = None,
        as_of: dt.date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Contact]:
        ctx = C(info)
        params = {**ctx.principal.scope_params(), "account": account_id,
                  "orgUnit": org_unit_id, "rank": _value(rank), "keyContact": key_contact,
                  "active": active, "attitudeMin": attitude_min, "attitudeMax": attitude_max,
                  "asOf": _as_of(ctx, as_of).isoformat(), "openStages": list(OPEN_STAGES)}
        return await paginate(ctx, "contacts", params, first, after, Contact.from_row,
                              ctx.loaders.contact)

    @strawberry.field(description="One of our staff members by id (null when not visible).")
    async def staff_member(self, info: Info, id: strawberry.ID) -> StaffMember | None:
        ctx = C(info)
        if not await ctx.sees_staff(id):
            return None
        row = await ctx.loaders.staff.load(id)
        return StaffMember.from_row(row) if row else None

    @strawberry.field(description="Our staff, a Relay connection in id order, with filters.")
    async def staff(
        self, info: Info, role: StaffRole | None = None,  # type: ignore[valid-type]
        rank: Rank | None = None,  # type: ignore[valid-type]
        active: bool | None = None, account_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[StaffMember]:
        ctx = C(info)
        visible = await ctx.visible_staff()
        if account_id is not None and not ctx.sees_account(account_id):
            visible = frozenset()  # the team of an account the key cannot see: nobody
        params = {"scoped": visible is not None, "visible": sorted(visible or ()),
                  "role": _value(role), "rank": _value(rank), "active": active,
                  "account": account_id}
        return await paginate(ctx, "staff", params, first, after, StaffMember.from_row,
                              ctx.loaders.staff)

    @strawberry.field(description="An opportunity by id (null when unknown or not visible).")
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity | None:
        ctx = C(info)
        row = await ctx.loaders.opportunity.load(id)
        if row is None or not ctx.sees_account(row.get("account")):
            return None
        return Opportunity.from_row(row)

    @strawberry.field(description="Opportunities, a Relay connection in id order, with filters.")
    async def opportunities(
        self, info: Info, account_id: strawberry.ID | None = None,
        stage: Stage | None = None,  # type: ignore[valid-type]
        open: bool | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Opportunity]:
        ctx = C(info)
        params = {**ctx.principal.scope_params(), "account": account_id, "stage": _value(stage),
                  "open": open, "openStages": list(OPEN_STAGES)}
        return await paginate(ctx, "opportunities", params, first, after, Opportunity.from_row,
                              ctx.loaders.opportunity)

    @strawberry.field(description=(
        "Interactions, a Relay connection in id order: by account, opportunity, type, layer, "
        "date range (`from`/`to` inclusive) and attendee (`personId`, staff or contact)."))
    async def interactions(
        self, info: Info, account_id: strawberry.ID | None = None,
        opportunity_id: strawberry.ID | None = None,
        type: InteractionType | None = None,  # type: ignore[valid-type]
        layer: Layer | None = None,  # type: ignore[valid-type]
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None, person_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Interaction]:
        ctx = C(info)
        scope = ctx.principal.scope_params()
        if person_id is not None and not await visible_person(ctx, person_id):
            scope = {"scoped": True, "accounts": []}  # someone the key cannot see: nothing
        params = {**scope, "account": account_id,
                  "opportunity": opportunity_id, "type": _value(type), "layer": _value(layer),
                  "dateFrom": _iso(from_), "dateTo": _iso(to), "person": person_id}
        return await paginate(ctx, "interactions", params, first, after, Interaction.from_row,
                              ctx.loaders.interaction)

    @strawberry.field(description=(
        "Assessments, a Relay connection in id order (contact@date): by contact, account and "
        "date range (`from`/`to` inclusive)."))
    async def assessments(
        self, info: Info, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Assessment]:
        ctx = C(info)
        params = {**ctx.principal.scope_params(), "contact": contact_id,
                  "account": account_id, "dateFrom": _iso(from_), "dateTo": _iso(to)}
        return await paginate(ctx, "assessments", params, first, after, Assessment.from_row,
                              ctx.loaders.assessment)

    # --- the MCR questions ------------------------------------------------------------------

    @strawberry.field(description=(
        "The strongest paths from our side to the contact `target`, strongest first. `from`: "
        "staff ids to start from (empty: every active staff member). Strength is the product "
        "of the links' strengths (KNOWS and current REPORTS_TO both ways, INFLUENCES in its "
        "direction)."))
    async def influence_paths(
        self, info: Info, target: strawberry.ID,
        from_: Annotated[list[strawberry.ID] | None, strawberry.argument(name="from")] = None,
        max_hops: int | None = 4, limit: int | None = 5, as_of: dt.date | None = None,
    ) -> list[InfluencePath]:
        ctx = C(info)
        max_hops = 4 if max_hops is None else max_hops
        limit = 5 if limit is None else limit
        if not 1 <= max_hops <= paths_lib.MAX_HOPS_LIMIT:
            raise InvalidInput(f"maxHops must be from 1 to {paths_lib.MAX_HOPS_LIMIT}")
        if not 1 <= limit <= paths_lib.MAX_PATHS:
            raise InvalidInput(f"limit must be from 1 to {paths_lib.MAX_PATHS}")
        await visible_contact(ctx, target)
        starts = [str(s) for s in from_ or []]
        for sid in starts:
            if not await ctx.sees_staff(sid):
                raise NotFound("staff member", sid)
        who = ctx.principal
        # A limited key gets the strongest paths it may see: ask for more, keep the visible.
        wanted = paths_lib.MAX_PATHS if who.scoped else limit
        found = await _library(ctx, intel.influence_paths, target, starts, max_hops, wanted,
                               as_of, ctx.settings)
        if who.scoped:
            visible = await ctx.visible_staff() or frozenset()
            found = [p for p in found if all(
                (n.id in visible) if n.side == answers.Side.OURS else who.sees_account(n.account)
                for n in p.nodes)][:limit]
        return [InfluencePath.from_answer(p) for p in found]

    @strawberry.field(description="Whom a contact influences within `maxHops`, strongest first.")
    async def influenced_by(
        self, info: Info, contact_id: strawberry.ID, max_hops: int = 3,
        as_of: dt.date | None = None,
    ) -> list[Influenced]:
        ctx = C(info)
        if not 1 <= max_hops <= paths_lib.MAX_HOPS_LIMIT:
            raise InvalidInput(f"maxHops must be from 1 to {paths_lib.MAX_HOPS_LIMIT}")
        await visible_contact(ctx, contact_id)
        found = await _library(ctx, intel.influenced_by, contact_id, max_hops, as_of)
        who = ctx.principal
        # Withheld when the person or anyone on the way belongs to an account the key cannot see.
        if who.scoped:
            accounts = {n.contact.id: n.contact.account for n in found}
            found = [n for n in found if who.sees_account(n.contact.account)
                     and all(who.sees_account(accounts.get(v)) for v in n.via)]
        return [Influenced.from_answer(n) for n in found]

    @strawberry.field(description=(
        "The coaches of an account (attitude 3; with `opportunityId`: those on its decision "
        "chain), and whether each reaches a decision maker."))
    async def coaches(
        self, info: Info, account_id: strawberry.ID, opportunity_id: strawberry.ID | None = None,
        as_of: dt.date | None = None,
    ) -> list[Coach]:
        ctx = C(info)
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.coaches, account_id, opportunity_id, as_of,
                               ctx.settings)
        contacts = await _contacts(ctx, [c.contact.id for c in found])
        return [Coach(contact=contacts[c.contact.id],
                      reaches_decision_maker=c.reaches_decision_maker,
                      decision_makers_reached=[strawberry.ID(x) for x in c.decision_makers_reached],
                      opportunities=[strawberry.ID(x) for x in c.opportunities])
                for c in found if c.contact.id in contacts]

    @strawberry.field(description=(
        "Strong supporters who could become coaches (attitude 2, information sharing and "
        "guidance at least 2)."))
    async def coach_candidates(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> list[CoachCandidate]:
        ctx = C(info)
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.coach_candidates, account_id, as_of, ctx.settings)
        contacts = await _contacts(ctx, [c.contact.id for c in found])
        return [CoachCandidate(contact=contacts[c.contact.id],
                               information_sharing=c.information_sharing, guidance=c.guidance,
                               assessed_on=c.assessed_on)
                for c in found if c.contact.id in contacts]

    @strawberry.field(description=(
        "Coverage gaps of one account, or of every account the key sees, at `asOf` (default "
        "today), optionally of some kinds; ordered by severity, account, kind, subject."))
    async def coverage_gaps(
        self, info: Info, account_id: strawberry.ID | None = None,
        kinds: list[GapKind] | None = None,  # type: ignore[valid-type]
        as_of: dt.date | None = None,
    ) -> list[CoverageGap]:
        ctx = C(info)
        who = ctx.principal
        wanted = [model.GapKind(k).value for k in kinds] if kinds else None
        if account_id is not None:
            await visible_account(ctx, account_id)
            found = await _library(ctx, intel.coverage_gaps, account_id, wanted, as_of,
                                   ctx.settings)
        elif who.accounts is None:
            found = await _library(ctx, intel.coverage_gaps, None, wanted, as_of, ctx.settings)
        else:
            rows = await ctx.loaders.account.load_many(sorted(who.accounts))
            existing = [r["id"] for r in rows if r is not None]
            found = await _library(ctx, _gaps_of_accounts, existing, wanted,
                                   _as_of(ctx, as_of), ctx.settings) if existing else []
        return [CoverageGap.from_answer(g) for g in found if who.sees_account(g.account_id)]

    @strawberry.field(description=(
        "An account's power map: org units, contacts with attitudes, owners, sponsors and "
        "gaps; our people on it; reporting, influence, KNOWS and FAVORS links; the gaps."))
    async def power_map(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> PowerMap:
        ctx = C(info)
        await visible_account(ctx, account_id)
        return await power_map_of(ctx, account_id, as_of)

    @strawberry.field(description="Each active contact's relationship score, highest first.")
    async def contact_scores(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> list[ContactScore]:
        ctx = C(info)
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.contact_scores, account_id, as_of, ctx.settings)
        contacts = await _contacts(ctx, [s.contact.id for s in found])
        return [ContactScore(contact=contacts[s.contact.id], score=s.score, attitude=s.attitude,
                             assessed_on=s.assessed_on)
                for s in found if s.contact.id in contacts]

    @strawberry.field(description="How each contact's attitude moved from `since` to `until`.")
    async def attitude_changes(
        self, info: Info, account_id: strawberry.ID, since: dt.date,
        until: dt.date | None = None,
    ) -> list[AttitudeChange]:
        ctx = C(info)
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.attitude_changes, account_id, since,
                               _as_of(ctx, until), ctx.settings)
        contacts = await _contacts(ctx, [a.contact.id for a in found])
        return [AttitudeChange(contact=contacts[a.contact.id], before=a.before, after=a.after,
                               change=a.change, direction=a.direction)
                for a in found if a.contact.id in contacts]

    @strawberry.field(description=(
        "Contacts whose influence outweighs their rank, most hidden first."))
    async def hidden_influencers(
        self, info: Info, account_id: strawberry.ID, limit: int = 10,
        as_of: dt.date | None = None,
    ) -> list[HiddenInfluencer]:
        ctx = C(info)
        if not 1 <= limit <= 100:
            raise InvalidInput("limit must be from 1 to 100")
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.hidden_influencers, account_id, limit, as_of,
                               ctx.settings)
        contacts = await _contacts(ctx, [h.contact.id for h in found])
        return [HiddenInfluencer(contact=contacts[h.contact.id], betweenness=h.betweenness,
                                 pagerank=h.pagerank, rank_level=h.rank_level,
                                 influence_index=h.influence_index)
                for h in found if h.contact.id in contacts]

    @strawberry.field(description=(
        "Our people without whom some key contacts of the account could no longer be reached "
        "within `maxHops`."))
    async def single_points_of_failure(
        self, info: Info, account_id: strawberry.ID, max_hops: int = 4,
        as_of: dt.date | None = None,
    ) -> list[SinglePointOfFailure]:
        ctx = C(info)
        if not 1 <= max_hops <= paths_lib.MAX_HOPS_LIMIT:
            raise InvalidInput(f"maxHops must be from 1 to {paths_lib.MAX_HOPS_LIMIT}")
        await visible_account(ctx, account_id)
        found = await _library(ctx, intel.single_points_of_failure, account_id, max_hops,
                               as_of, ctx.settings)
        staff = await ctx.loaders.staff.load_many([s.staff_id for s in found])
        contacts = await _contacts(ctx, [c for s in found for c in s.stranded_contacts])
        return [SinglePointOfFailure(staff=StaffMember.from_row(row),
                                     stranded_contacts=[contacts[c] for c in s.stranded_contacts
                                                        if c in contacts])
                for s, row in zip(found, staff, strict=True) if row is not None]

    @strawberry.field(description="Every API key (admin only).")
    async def api_keys(self, info: Info) -> list[ApiKey]:
        ctx = C(info)
        ctx.require(Role.ADMIN)
        return [_key(k) for k in await ctx.call(list_keys, ctx.store)]


def _gaps_of_accounts(
    store: Any, account_ids: list[str], kinds: list[str] | None, day: dt.date, settings: Any,
) -> list[answers.CoverageGap]:
    """Gaps of several accounts (the accounts of a limited key) from one load of their facts."""
    from relgraph.intel.facts import load_facts

    portfolio = load_facts(store, account_ids, day, settings)
    return gaps_lib.gaps_of(store, portfolio, settings, gaps_lib.parse_kinds(kinds))


# --- mutations --------------------------------------------------------------------------------

async def _upsert(ctx: Context, array: str, value: Any, **extra: Any) -> str:
    await writes.write(ctx, {array: [record(value, **extra)]})
    return str(getattr(value, "id", ""))


async def _summary(ctx: Context, array: str, value: Any) -> ImportSummary:
    return ImportSummary.of(await writes.write(ctx, {array: [record(value)]}))


async def _found(
    ctx: Context, loader: Any, kind: str, ident: str, account_key: str | None = "account",
) -> Row:
    """The row of a record just written (fresh, not a cached one), when the key may see it."""
    forget(loader, ident)
    row: Row | None = await loader.load(ident)
    if row is None or (account_key is not None and not ctx.sees_account(row.get(account_key))):
        raise NotFound(kind, ident)
    return row


@strawberry.type(description=(
    "Write the graph (editor keys): upserts validated exactly like an import (every problem "
    "listed in `extensions.problems`, nothing written on error), owner and sponsor changes, "
    "whole documents, and key management (admin keys)."))
class Mutation:
    @strawberry.mutation(description="Upsert an account by id.")
    async def upsert_account(self, info: Info, input: AccountInput) -> Account:
        ctx = C(info)
        await _upsert(ctx, "accounts", input)
        return Account.from_row(await _found(ctx, ctx.loaders.account, "account", input.id, "id"))

    @strawberry.mutation(description="Upsert an org unit by id.")
    async def upsert_org_unit(self, info: Info, input: OrgUnitInput) -> OrgUnit:
        ctx = C(info)
        await _upsert(ctx, "orgUnits", input)
        return OrgUnit.from_row(await _found(ctx, ctx.loaders.org_unit, "org unit", input.id))

    @strawberry.mutation(description="Upsert a contact by id.")
    async def upsert_contact(self, info: Info, input: ContactInput) -> Contact:
        ctx = C(info)
        await _upsert(ctx, "contacts", input)
        return Contact.from_row(await _found(ctx, ctx.loaders.contact, "contact", input.id))

    @strawberry.mutation(description="Upsert one of our staff members by id (unlimited keys).")
    async def upsert_staff_member(self, info: Info, input: StaffMemberInput) -> StaffMember:
        ctx = C(info)
        await _upsert(ctx, "staff", input)
        return StaffMember.from_row(
            await _found(ctx, ctx.loaders.staff, "staff member", input.id, None))

    @strawberry.mutation(description="Upsert a competitor by id (unlimited keys).")
    async def upsert_competitor(self, info: Info, input: CompetitorInput) -> Competitor:
        ctx = C(info)
        await _upsert(ctx, "competitors", input)
        return Competitor.from_row(
            await _found(ctx, ctx.loaders.competitor, "competitor", input.id, None))

    @strawberry.mutation(description="Upsert an opportunity by id.")
    async def upsert_opportunity(self, info: Info, input: OpportunityInput) -> Opportunity:
        ctx = C(info)
        await _upsert(ctx, "opportunities", input)
        return Opportunity.from_row(
            await _found(ctx, ctx.loaders.opportunity, "opportunity", input.id))

    @strawberry.mutation(description="Upsert a reporting line (by person, manager, since).")
    async def upsert_reporting_line(self, info: Info, input: ReportingLineInput) -> ImportSummary:
        return await _summary(C(info), "reportingLines", input)

    @strawberry.mutation(description="Upsert an influence (by from, to).")
    async def upsert_influence(self, info: Info, input: InfluenceInput) -> ImportSummary:
        return await _summary(C(info), "influences", input)

    @strawberry.mutation(description="Upsert a KNOWS (by staff, contact).")
    async def upsert_knows(self, info: Info, input: KnowsInput) -> ImportSummary:
        return await _summary(C(info), "knows", input)

    @strawberry.mutation(description="Upsert an account-team membership.")
    async def upsert_team_member(self, info: Info, input: TeamMemberInput) -> ImportSummary:
        return await _summary(C(info), "teams", input)

    @strawberry.mutation(description="Upsert which competitor supplies an account.")
    async def upsert_supplies(self, info: Info, input: SuppliesInput) -> ImportSummary:
        return await _summary(C(info), "supplies", input)

    @strawberry.mutation(description="Upsert a contact's favour for a competitor.")
    async def upsert_favors(self, info: Info, input: FavorsInput) -> ImportSummary:
        return await _summary(C(info), "favors", input)

    @strawberry.mutation(description="Upsert a decision-chain member.")
    async def upsert_decision_chain_member(
        self, info: Info, input: DecisionChainMemberInput,
    ) -> ImportSummary:
        return await _summary(C(info), "decisionChain", input)

    @strawberry.mutation(description="Upsert an opportunity-team membership.")
    async def upsert_opportunity_team_member(
        self, info: Info, input: OpportunityTeamMemberInput,
    ) -> ImportSummary:
        return await _summary(C(info), "opportunityTeam", input)

    @strawberry.mutation(description="Record (upsert) an interaction by id.")
    async def record_interaction(self, info: Info, input: InteractionInput) -> Interaction:
        ctx = C(info)
        await _upsert(ctx, "interactions", input)
        return Interaction.from_row(
            await _found(ctx, ctx.loaders.interaction, "interaction", input.id))

    @strawberry.mutation(description="Record (upsert) a dated assessment of a contact.")
    async def record_assessment(self, info: Info, input: AssessmentInput) -> Assessment:
        ctx = C(info)
        await writes.write(ctx, {"assessments": [record(input)]})
        ident = f"{input.contact}@{input.date.isoformat()}"
        return Assessment.from_row(
            await _found(ctx, ctx.loaders.assessment, "assessment", ident, None))

    @strawberry.mutation(description="Make a staff member an owner (A, B or C) of a contact.")
    async def assign_owner(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID,
        role: OwnerRole,  # type: ignore[valid-type]
    ) -> Contact:
        ctx = C(info)
        await writes.write(ctx, {"owners": [
            {"staff": staff_id, "contact": contact_id, "role": model.OwnerRole(role).value}]})
        forget(ctx.loaders.contact, contact_id)
        forget(ctx.loaders.owners_of_contact, contact_id)
        return Contact.from_row(await visible_contact(ctx, contact_id))

    @strawberry.mutation(description="Remove an owner role (no error when it was not held).")
    async def remove_owner(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID,
        role: OwnerRole,  # type: ignore[valid-type]
    ) -> Contact:
        ctx = C(info)
        await writes.remove_owner(ctx, staff_id, contact_id, model.OwnerRole(role).value)
        forget(ctx.loaders.owners_of_contact, contact_id)
        return Contact.from_row(await visible_contact(ctx, contact_id))

    @strawberry.mutation(description=(
        "Pair an executive sponsor with a contact (`contactId`) or an account (`accountId`)."))
    async def pair_sponsor(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
    ) -> ImportSummary:
        if (contact_id is None) == (account_id is None):
            raise InvalidInput("give exactly one of `contactId` (personal sponsor) or "
                               "`accountId` (account sponsor)")
        rec: dict[str, Any] = {"staff": staff_id}
        rec.update({"contact": contact_id} if contact_id else {"account": account_id})
        return ImportSummary.of(await writes.write(C(info), {"sponsors": [rec]}))

    @strawberry.mutation(description="Remove a sponsorship; returns how many were removed (0/1).")
    async def unpair_sponsor(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
    ) -> int:
        return await writes.unpair_sponsor(C(info), staff_id, contact_id, account_id)

    @strawberry.mutation(description=(
        "Erase the sensitive personal attributes of contacts (on request); needs the "
        "`sensitive` permission. Returns the ids erased."))
    async def erase_sensitive(
        self, info: Info, contact_ids: list[strawberry.ID],
    ) -> list[strawberry.ID]:
        erased = await writes.erase_sensitive(C(info), [str(c) for c in contact_ids])
        return [strawberry.ID(x) for x in erased]

    @strawberry.mutation(description=(
        "Import a whole relgraph/1 document: the summary, or BAD_USER_INPUT with every problem "
        "in `extensions.problems` (nothing written)."))
    async def import_document(self, info: Info, document: JSON) -> ImportSummary:
        return ImportSummary.of(await writes.import_whole(C(info), document))

    @strawberry.mutation(description=(
        "Create an API key (admin); the secret is in the answer and nowhere else."))
    async def create_api_key(
        self, info: Info, role: str, accounts: list[strawberry.ID] | None = None,
        sensitive: bool = False,
    ) -> NewApiKey:
        ctx = C(info)
        who = ctx.require(Role.ADMIN)
        try:
            chosen = Role(role)
        except ValueError:
            raise InvalidInput("role must be reader, editor or admin") from None
        if sensitive and not who.sensitive:
            raise Forbidden("only a key with the `sensitive` permission can grant it")
        key, secret = await ctx.call(create_key, ctx.store, chosen, list(accounts or []),
                                     sensitive)
        return NewApiKey(key=_key(key), secret=secret)

    @strawberry.mutation(description="Revoke an API key (admin); revoking twice is harmless.")
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> ApiKey:
        ctx = C(info)
        ctx.require(Role.ADMIN)
        key = await ctx.call(revoke_key, ctx.store, id)
        if key is None:
            raise NotFound("API key", id)
        return _key(key)


def build_schema() -> strawberry.Schema:
    """The schema without per-app extensions (for printing the SDL)."""
    return strawberry.Schema(query=Query, mutation=Mutation)
