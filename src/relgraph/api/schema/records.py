"""Root queries of the graph's records: one by id (null when unknown or not visible) and Relay
lists with filters, in id order; pages and their counts are cut to the key's scope in Cypher."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from relgraph import model
from relgraph.api import stored
from relgraph.api.loaders import Info, load_one, primer
from relgraph.api.types.records import (
    Account,
    Assessment,
    Contact,
    Interaction,
    Opportunity,
    StaffMember,
    load_account,
)
from relgraph.api.types.relay import Connection, paginate
from relgraph.cypher import Statement, statement
from relgraph.model import OPEN_STAGES

T = TypeVar("T", bound=stored.Stored)

PAGES: dict[str, tuple[Statement, Statement]] = {
    kind: (statement(f"api_{kind}_page"), statement(f"api_{kind}_count"))
    for kind in ("accounts", "contacts", "staff", "interactions", "opportunities", "assessments")
}
From = Annotated[dt.date | None, strawberry.argument(name="from")]


def _value(item: Enum | None) -> Any:
    return None if item is None else item.value


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


async def _page(
    info: Info, kind: str, params: dict[str, Any], first: int | None, after: str | None,
    shown: type[T], loader: DataLoader[str, Any],
) -> Connection[T]:
    """A page of `kind`, each item shown as `shown` and handed to its by-id `loader`."""
    return await paginate(info.context, kind, PAGES[kind], params, first, after,
                          shown.from_row, primer(loader))


@strawberry.type
class RecordQueries:
    @strawberry.field(description="An account by id (null when unknown or not visible).")
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        return await load_account(info, id)

    @strawberry.field(description="Accounts, a Relay connection in id order, with filters.")
    async def accounts(
        self, info: Info, tier: model.Tier | None = None,
        partnership: model.Partnership | None = None,
        industry: str | None = None, region: str | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Account]:
        params = {**info.context.principal.scope_params(), "tier": _value(tier),
                  "partnership": _value(partnership), "industry": industry, "region": region}
        return await _page(info, "accounts", params, first, after, Account,
                           info.context.loaders.account)

    @strawberry.field(description="A contact by id (null when unknown or not visible).")
    async def contact(self, info: Info, id: strawberry.ID) -> Contact | None:
        return await load_one(info.context.loaders.contact, id, Contact.of)

    @strawberry.field(description=(
        "Contacts, a Relay connection in id order. `keyContact`: the contract's key-contact "
        "rule; `attitudeMin`/`attitudeMax`: a range of current attitude at `asOf` (default "
        "today; never-assessed contacts do not match a range)."))
    async def contacts(
        self, info: Info, account_id: strawberry.ID | None = None,
        org_unit_id: strawberry.ID | None = None, rank: model.Rank | None = None,
        key_contact: bool | None = None, active: bool | None = None,
        attitude_min: int | None = None, attitude_max: int | None = None,
        as_of: dt.date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Contact]:
        ctx = info.context
        params = {**ctx.principal.scope_params(), "account": account_id,
                  "orgUnit": org_unit_id, "rank": _value(rank), "keyContact": key_contact,
                  "active": active, "attitudeMin": attitude_min, "attitudeMax": attitude_max,
                  "asOf": ctx.day(as_of).isoformat(), "openStages": list(OPEN_STAGES)}
        return await _page(info, "contacts", params, first, after, Contact,
                           ctx.loaders.contact)

    @strawberry.field(description="One of our staff members by id (null when not visible).")
    async def staff_member(self, info: Info, id: strawberry.ID) -> StaffMember | None:
        return await load_one(info.context.loaders.staff, id, StaffMember.of)

    @strawberry.field(description="Our staff, a Relay connection in id order, with filters.")
    async def staff(
        self, info: Info, role: model.StaffRole | None = None, rank: model.Rank | None = None,
        active: bool | None = None, account_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[StaffMember]:
        loaders = info.context.loaders
        visible = await loaders.visible_staff()
        if account_id is not None and not loaders.sees(account_id):
            visible = frozenset()  # the team of an account the key cannot see: nobody
        params = {"scoped": visible is not None, "visible": sorted(visible or ()),
                  "role": _value(role), "rank": _value(rank), "active": active,
                  "account": account_id}
        return await _page(info, "staff", params, first, after, StaffMember,
                           loaders.staff)

    @strawberry.field(description="An opportunity by id (null when unknown or not visible).")
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity | None:
        return await load_one(info.context.loaders.opportunity, id, Opportunity.of)

    @strawberry.field(description="Opportunities, a Relay connection in id order, with filters.")
    async def opportunities(
        self, info: Info, account_id: strawberry.ID | None = None,
        stage: model.Stage | None = None, open: bool | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Opportunity]:
        params = {**info.context.principal.scope_params(), "account": account_id,
                  "stage": _value(stage), "open": open, "openStages": list(OPEN_STAGES)}
        return await _page(info, "opportunities", params, first, after, Opportunity,
                           info.context.loaders.opportunity)

    @strawberry.field(description=(
        "Interactions, a Relay connection in id order: by account, opportunity, type, layer, "
        "date range (`from`/`to` inclusive) and attendee (`personId`, staff or contact)."))
    async def interactions(
        self, info: Info, account_id: strawberry.ID | None = None,
        opportunity_id: strawberry.ID | None = None,
        type: model.InteractionType | None = None, layer: model.Layer | None = None,
        from_: From = None, to: dt.date | None = None, person_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[Interaction]:
        ctx = info.context
        scope = ctx.principal.scope_params()
        if person_id is not None and not await ctx.loaders.sees_person(person_id):
            scope = {"scoped": True, "accounts": []}  # someone the key cannot see: nothing
        params = {**scope, "account": account_id,
                  "opportunity": opportunity_id, "type": _value(type), "layer": _value(layer),
                  "dateFrom": _iso(from_), "dateTo": _iso(to), "person": person_id}
        return await _page(info, "interactions", params, first, after, Interaction,
                           ctx.loaders.interaction)

    @strawberry.field(description=(
        "Assessments, a Relay connection in id order (contact@date): by contact, account and "
        "date range (`from`/`to` inclusive)."))
    async def assessments(
        self, info: Info, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None, from_: From = None,
        to: dt.date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[Assessment]:
        params = {**info.context.principal.scope_params(), "contact": contact_id,
                  "account": account_id, "dateFrom": _iso(from_), "dateTo": _iso(to)}
        return await _page(info, "assessments", params, first, after, Assessment,
                           info.context.loaders.assessment)
