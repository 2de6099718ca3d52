"""Root queries of the MCR questions: influence paths, coaches, coverage gaps, the power map,
scores and trends, network analytics. Each resolver checks the key's scope, runs the library's
question (relgraph.intel) in a worker thread, and shows the answer; the library itself says when
a record does not exist (NotFound), so no resolver looks it up first. Argument ranges (`maxHops`,
`limit`) are checked before any resolver runs (relgraph.api.limits.RANGES).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Protocol, TypeVar

import strawberry

from relgraph import intel
from relgraph.api.context import Context
from relgraph.api.loaders import Info, Loaders
from relgraph.api.types.answers import (
    AttitudeChange,
    Coach,
    CoachCandidate,
    ContactScore,
    HiddenInfluencer,
    Influenced,
    InfluencePath,
    PowerMap,
    SinglePointOfFailure,
)
from relgraph.api.types.findings import CoverageGap
from relgraph.api.types.records import Contact, StaffMember
from relgraph.errors import NotFound
from relgraph.intel import types as answers
from relgraph.intel.paths import MAX_PATHS
from relgraph.model import GapKind


def visible_account(loaders: Loaders, account_id: str) -> None:
    """NOT_FOUND for an account the key may not see (the library says so for one that does not
    exist: the same answer)."""
    if not loaders.sees(account_id):
        raise NotFound("account", account_id)


async def visible_contact(loaders: Loaders, contact_id: str) -> None:
    """NOT_FOUND for a contact of an account the key may not see; an unlimited key sees every
    contact, and the library says when one does not exist."""
    if loaders.scoped and await loaders.contact.load(contact_id) is None:
        raise NotFound("contact", contact_id)


async def contacts(ctx: Context[Loaders], ids: list[str]) -> dict[str, Contact]:
    """The contacts of these ids the key may see, by id."""
    found = await ctx.loaders.contact.load_many(ids)
    return {c.id: Contact.of(c) for c in found if c is not None}


class _AboutAContact(Protocol):
    @property
    def contact(self) -> answers.ContactRef: ...


A = TypeVar("A", bound=_AboutAContact)
T = TypeVar("T")


async def about_contacts(ctx: Context[Loaders], found: Sequence[A],
                         show: Callable[[A, Contact], T]) -> list[T]:
    """The answers about contacts the key may see, each shown with its contact record."""
    shown = await contacts(ctx, [a.contact.id for a in found])
    return [show(a, shown[a.contact.id]) for a in found if a.contact.id in shown]


async def ask(ctx: Context[Loaders], question: Callable[..., T], account_id: str,
              *args: Any) -> T:
    """The library's answer to a question about one account the key may see."""
    visible_account(ctx.loaders, account_id)
    return await ctx.call(question, ctx.store, account_id, *args)


@strawberry.type
class QuestionQueries:
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
        ctx, loaders = info.context, info.context.loaders
        max_hops = 4 if max_hops is None else max_hops  # ranges: relgraph.api.limits
        limit = 5 if limit is None else limit
        await visible_contact(loaders, target)
        starts = [str(s) for s in from_ or []]
        for sid in starts:
            if not await loaders.sees_staff(sid):
                raise NotFound("staff member", sid)
        who = ctx.principal
        # A limited key gets the strongest paths it may see: ask for more, keep the visible.
        wanted = MAX_PATHS if who.scoped else limit
        found = await ctx.call(intel.influence_paths, ctx.store, target, starts, max_hops,
                               wanted, as_of, ctx.settings)
        if who.scoped:
            visible = await loaders.visible_staff() or frozenset()
            found = [p for p in found if all(
                (n.id in visible) if n.side == answers.Side.OURS else loaders.sees(n.account)
                for n in p.nodes)][:limit]
        return [InfluencePath.of(p) for p in found]

    @strawberry.field(description="Whom a contact influences within `maxHops`, strongest first.")
    async def influenced_by(
        self, info: Info, contact_id: strawberry.ID, max_hops: int = 3,
        as_of: dt.date | None = None,
    ) -> list[Influenced]:
        ctx, loaders = info.context, info.context.loaders
        await visible_contact(loaders, contact_id)
        found = await ctx.call(intel.influenced_by, ctx.store, contact_id, max_hops, as_of)
        # Withheld when the person or anyone on the way belongs to an account the key cannot see.
        if loaders.scoped:
            accounts = {n.contact.id: n.contact.account for n in found}
            found = [n for n in found if loaders.sees(n.contact.account)
                     and all(loaders.sees(accounts.get(v)) for v in n.via)]
        return [Influenced.of(n) for n in found]

    @strawberry.field(description=(
        "The coaches of an account (attitude 3; with `opportunityId`: those on its decision "
        "chain), and whether each reaches a decision maker."))
    async def coaches(
        self, info: Info, account_id: strawberry.ID, opportunity_id: strawberry.ID | None = None,
        as_of: dt.date | None = None,
    ) -> list[Coach]:
        ctx = info.context
        found = await ask(ctx, intel.coaches, account_id, opportunity_id, as_of, ctx.settings)
        return await about_contacts(ctx, found, Coach.of)

    @strawberry.field(description=(
        "Strong supporters who could become coaches (attitude 2, information sharing and "
        "guidance at least 2)."))
    async def coach_candidates(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> list[CoachCandidate]:
        ctx = info.context
        found = await ask(ctx, intel.coach_candidates, account_id, as_of, ctx.settings)
        return await about_contacts(ctx, found, CoachCandidate.of)

    @strawberry.field(description=(
        "Coverage gaps of one account, or of every account the key sees, at `asOf` (default "
        "today), optionally of some kinds; ordered by severity, account, kind, subject."))
    async def coverage_gaps(
        self, info: Info, account_id: strawberry.ID | None = None,
        kinds: list[GapKind] | None = None, as_of: dt.date | None = None,
    ) -> list[CoverageGap]:
        ctx, loaders = info.context, info.context.loaders
        wanted = [GapKind(k).value for k in kinds] if kinds else None
        scope: str | list[str] | None = None  # every account
        if account_id is not None:
            visible_account(loaders, account_id)
            scope = account_id
        elif ctx.principal.accounts is not None:
            scope = [a.id for a in await loaders.accounts(sorted(ctx.principal.accounts))]
            if not scope:
                return []
        found = await ctx.call(intel.coverage_gaps, ctx.store, scope, wanted, ctx.day(as_of),
                               ctx.settings)
        return [CoverageGap.of(g) for g in found]

    @strawberry.field(description=(
        "An account's power map: org units, contacts with attitudes, owners, sponsors and "
        "gaps; our people on it; reporting, influence, KNOWS and FAVORS links; the gaps."))
    async def power_map(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> PowerMap:
        ctx, loaders = info.context, info.context.loaders
        pm = PowerMap.of(await ask(ctx, intel.power_map, account_id, as_of, ctx.settings))
        visible = await loaders.visible_staff()
        if visible is None:
            return pm
        # A limited key sees only the people it may see, and the links between them.
        pm.staff = [s for s in pm.staff if s.id in visible]
        for c in pm.contacts:
            c.owners = [o for o in c.owners if o.staff_id in visible]
            c.sponsors = [s for s in c.sponsors if s.staff_id in visible]
        on_map = ({c.id for c in pm.contacts} | {s.id for s in pm.staff}
                  | {k.id for k in pm.competitors})
        pm.links = [x for x in pm.links if x.from_ in on_map and x.to in on_map]
        pm.gaps = [g for g in pm.gaps if loaders.sees(g.account_id)]
        return pm

    @strawberry.field(description="Each active contact's relationship score, highest first.")
    async def contact_scores(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> list[ContactScore]:
        ctx = info.context
        found = await ask(ctx, intel.contact_scores, account_id, as_of, ctx.settings)
        return await about_contacts(ctx, found, ContactScore.of)

    @strawberry.field(description="How each contact's attitude moved from `since` to `until`.")
    async def attitude_changes(
        self, info: Info, account_id: strawberry.ID, since: dt.date,
        until: dt.date | None = None,
    ) -> list[AttitudeChange]:
        ctx = info.context
        found = await ask(ctx, intel.attitude_changes, account_id, since, ctx.day(until),
                          ctx.settings)
        return await about_contacts(ctx, found, AttitudeChange.of)

    @strawberry.field(description=(
        "Contacts whose influence outweighs their rank, most hidden first."))
    async def hidden_influencers(
        self, info: Info, account_id: strawberry.ID, limit: int = 10,
        as_of: dt.date | None = None,
    ) -> list[HiddenInfluencer]:
        ctx = info.context
        found = await ask(ctx, intel.hidden_influencers, account_id, limit, as_of,
                          ctx.settings)
        return await about_contacts(ctx, found, HiddenInfluencer.of)

    @strawberry.field(description=(
        "Our people without whom some key contacts of the account could no longer be reached "
        "within `maxHops`."))
    async def single_points_of_failure(
        self, info: Info, account_id: strawberry.ID, max_hops: int = 4,
        as_of: dt.date | None = None,
    ) -> list[SinglePointOfFailure]:
        ctx = info.context
        found = await ask(ctx, intel.single_points_of_failure, account_id, max_hops, as_of,
                          ctx.settings)
        staff = await ctx.loaders.staff.load_many([s.staff_id for s in found])
        shown = await contacts(ctx, [c for s in found for c in s.stranded_contacts])
        return [SinglePointOfFailure(staff=StaffMember.of(member),
                                     stranded_contacts=[shown[c] for c in s.stranded_contacts
                                                        if c in shown])
                for s, member in zip(found, staff, strict=True) if member is not None]
