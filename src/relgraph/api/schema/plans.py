"""The key-relationship cycle over GraphQL: the `plans` and `annualReview` questions, and the
writes of plans, commitments and reviews (`upsertPlan`, `upsertCommitment`,
`upsertPlanReview`, `reviewPlan`, `completeCommitment`). Every write is an import of a small
document (relgraph.api.writes): the import's validation, the key's write scope."""

from __future__ import annotations

import datetime as dt

import strawberry

from relgraph.api import writes
from relgraph.api.loaders import Info
from relgraph.api.permissions import Editor
from relgraph.api.schema.questions import visible_account, visible_contact
from relgraph.api.types.inputs import record
from relgraph.api.types.plans import (
    AnnualReview,
    CommitmentInput,
    Plan,
    PlanInput,
    PlanReviewInput,
)
from relgraph.errors import NotFound
from relgraph.ingest.export import fetch_records
from relgraph.intel import plans as cards
from relgraph.intel.review import annual_review


async def _card(info: Info, plan_id: str) -> Plan:
    """The plan as of today, when the key may see it (NOT_FOUND otherwise)."""
    ctx = info.context
    found = await ctx.call(cards.plans, ctx.store, plan_ids=[plan_id], as_of=ctx.today())
    if not found or not ctx.loaders.sees(found[0].contact.account_id):
        raise NotFound("plan", plan_id)
    return Plan.of(found[0])


@strawberry.type
class PlanQueries:
    @strawberry.field(description=(
        "Key-relationship plans of one account (or of every account the key sees), of one "
        "contact, optionally only those active on `activeOn`; their computed fields as of "
        "`asOf` (default today). Ordered by account, contact, start."))
    async def plans(
        self, info: Info, account_id: strawberry.ID | None = None,
        contact_id: strawberry.ID | None = None, active_on: dt.date | None = None,
        as_of: dt.date | None = None,
    ) -> list[Plan]:
        ctx, loaders = info.context, info.context.loaders
        scope: list[str] | None = None  # every account
        if account_id is not None:
            visible_account(loaders, account_id)
            scope = [account_id]
        elif ctx.principal.accounts is not None:
            scope = [a.id for a in await loaders.accounts(sorted(ctx.principal.accounts))]
            if not scope:
                return []
        if contact_id is not None:
            await visible_contact(loaders, contact_id)
        found = await ctx.call(cards.plans, ctx.store, scope, contact_id, active_on,
                               ctx.day(as_of))
        return [Plan.of(c) for c in found if loaders.sees(c.contact.account_id)]

    @strawberry.field(description=(
        "The annual review of an account over `since` .. `until`, as it can be made on `asOf` "
        "(default today; a period that ends later is reviewed up to it)."))
    async def annual_review(
        self, info: Info, account_id: strawberry.ID, since: dt.date, until: dt.date,
        as_of: dt.date | None = None,
    ) -> AnnualReview:
        ctx = info.context
        visible_account(ctx.loaders, account_id)
        found = await ctx.call(annual_review, ctx.store, account_id, since, until,
                               ctx.day(as_of), ctx.settings)
        return await AnnualReview.of(info, found)


@strawberry.type
class PlanMutations:
    @strawberry.mutation(description="Upsert a key-relationship plan by id.",
                         permission_classes=[Editor])
    async def upsert_plan(self, info: Info, input: PlanInput) -> Plan:
        await writes.write(info.context, {"plans": [record(input)]})
        return await _card(info, input.id)

    @strawberry.mutation(description="Upsert a commitment of a plan by id; returns the plan.",
                         permission_classes=[Editor])
    async def upsert_commitment(self, info: Info, input: CommitmentInput) -> Plan:
        await writes.write(info.context, {"commitments": [record(input)]})
        return await _card(info, input.plan)

    @strawberry.mutation(description="Upsert a review of a plan by id; returns the plan.",
                         permission_classes=[Editor])
    async def upsert_plan_review(self, info: Info, input: PlanReviewInput) -> Plan:
        await writes.write(info.context, {"planReviews": [record(input)]})
        return await _card(info, input.plan)

    @strawberry.mutation(description=(
        "Record the review of a plan on `date` (default today): on track or not, the gap found "
        "and the remedy. Its id is `id`, else `planId@date` (one review a day)."),
        permission_classes=[Editor])
    async def review_plan(
        self, info: Info, plan_id: strawberry.ID, on_track: bool, date: dt.date | None = None,
        gap: str | None = None, remedy: str | None = None,
        reviewed_by: strawberry.ID | None = None, id: strawberry.ID | None = None,
    ) -> Plan:
        await _card(info, plan_id)
        day = info.context.day(date)
        review = {"id": id or f"{plan_id}@{day.isoformat()}", "plan": plan_id,
                  "date": day.isoformat(), "onTrack": on_track, "gap": gap, "remedy": remedy,
                  "reviewedBy": reviewed_by}
        await writes.write(info.context, {"planReviews": [review]})
        return await _card(info, plan_id)

    @strawberry.mutation(description=(
        "Mark a commitment done on `doneOn` (default today); returns its plan."),
        permission_classes=[Editor])
    async def complete_commitment(
        self, info: Info, id: strawberry.ID, done_on: dt.date | None = None,
    ) -> Plan:
        ctx = info.context
        found = await ctx.call(fetch_records, ctx.store, "commitments", [str(id)])
        if not found:
            raise NotFound("commitment", id)
        stored = found[0]  # the commitment as the export has it
        try:
            await _card(info, stored["plan"])
        except NotFound:
            raise NotFound("commitment", id) from None
        done = {**stored, "doneOn": ctx.day(done_on).isoformat()}
        await writes.write(ctx, {"commitments": [done]})
        return await _card(info, stored["plan"])
