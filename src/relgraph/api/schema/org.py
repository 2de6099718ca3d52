"""Root queries and mutations of the client as a company: the organizational relationship of an
account, the general relationship of its departments, the portfolio by tier and partnership,
and upserts of the records behind them (each an import of a one-record document)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from relgraph import intel
from relgraph.api import writes
from relgraph.api.loaders import Info
from relgraph.api.permissions import Editor
from relgraph.api.schema.questions import ask
from relgraph.api.types.inputs import record
from relgraph.api.types.org import (
    DepartmentAssessmentInput,
    DepartmentRelationship,
    OrgActionInput,
    OrganizationalRelationship,
    Portfolio,
    TierReviewInput,
)
from relgraph.api.types.results import ImportSummary


@strawberry.type
class OrgQueries:
    @strawberry.field(description=(
        "The organizational relationship of an account at `asOf` (default today): every action "
        "of the four fronts (communication, alignment, joint, recognition), whether the "
        "account's partnership level requires it, whether it is done (an `orgActions` record, "
        "or an interaction of a type that counts as it, in the 365 days up to `asOf`), its last "
        "date and evidence; coverage = required actions done / required actions."))
    async def organizational_relationship(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> OrganizationalRelationship:
        ctx = info.context
        return OrganizationalRelationship.of(await ask(
            ctx, intel.organizational_relationship, account_id, ctx.day(as_of), ctx.settings))

    @strawberry.field(description=(
        "The general relationship of each org unit of an account at `asOf` (default today), in "
        "unit id order: activities, process, result and score (units without an assessment in "
        "the 365 days up to `asOf` have a null score)."))
    async def general_relationship(
        self, info: Info, account_id: strawberry.ID, as_of: dt.date | None = None,
    ) -> list[DepartmentRelationship]:
        ctx = info.context
        found = await ask(ctx, intel.general_relationship, account_id, ctx.day(as_of),
                          ctx.settings)
        return [DepartmentRelationship.of(d) for d in found]

    @strawberry.field(description=(
        "The portfolio at `asOf` (default today): accounts, target share (RELGRAPH_TIER_"
        "RESOURCES) and measured effort share per tier, organizational coverage per partnership "
        "level. For an API key limited to some accounts, only those accounts are counted, in "
        "the effort shares too."))
    async def portfolio(self, info: Info, as_of: dt.date | None = None) -> Portfolio:
        ctx = info.context
        accounts = ctx.principal.accounts
        scope = None if accounts is None else sorted(accounts)
        return Portfolio.of(await ctx.call(intel.portfolio, ctx.store, scope, ctx.day(as_of),
                                           ctx.settings))


async def _upsert(info: Info, array: str, value: Any) -> ImportSummary:
    return ImportSummary.of(await writes.write(info.context, {array: [record(value)]}))


@strawberry.type
class OrgMutations:
    @strawberry.mutation(description=(
        "Upsert an organizational action (one of the four fronts' actions done with an account "
        "on a day) by id."), permission_classes=[Editor])
    async def upsert_org_action(self, info: Info, input: OrgActionInput) -> ImportSummary:
        return await _upsert(info, "orgActions", input)

    @strawberry.mutation(description="Upsert a department (org unit) assessment by id.",
                         permission_classes=[Editor])
    async def upsert_department_assessment(
        self, info: Info, input: DepartmentAssessmentInput,
    ) -> ImportSummary:
        return await _upsert(info, "departmentAssessments", input)

    @strawberry.mutation(description=(
        "Upsert a tier review (a dated tier decision; the account's `tier` stays the current "
        "one) by id."), permission_classes=[Editor])
    async def upsert_tier_review(self, info: Info, input: TierReviewInput) -> ImportSummary:
        return await _upsert(info, "tierReviews", input)
