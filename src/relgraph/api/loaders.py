"""Per-request DataLoaders: every nested field loads through one of these, so each kind of
nested data costs one statement per query level, whatever the page size.

Two shapes: `by_id` (id -> the record's row, or None) over `api_*_by_ids`, and `grouped`
(key -> the rows `{key, item, ...}` of an `api_*_of_*` statement, in the statement's order).
Loaders whose answer depends on a date take `(key, asOfIso)` and batch per date.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from relgraph.cypher import Statement, statement
from relgraph.model import OPEN_STAGES
from relgraph.store.base import Row

if TYPE_CHECKING:
    from relgraph.api.context import Context

Rows = list[Row]


# Bound at import, so that a misspelt name fails at start-up.
STATEMENTS: dict[str, Statement] = {name: statement(name) for name in (
    "api_account_counts",
    "api_accounts_by_ids",
    "api_assessments_by_ids",
    "api_assessments_of_contacts",
    "api_attendees_of_interactions",
    "api_competitors_by_ids",
    "api_contacts_by_ids",
    "api_contacts_of_accounts",
    "api_decision_chain_of_opportunities",
    "api_decision_roles_of_contacts",
    "api_favors_of_contacts",
    "api_interactions_by_ids",
    "api_key_contact_flags",
    "api_latest_assessments",
    "api_managers_of_contacts",
    "api_members_of_units",
    "api_opportunities_by_ids",
    "api_opportunities_of_accounts",
    "api_org_units_by_ids",
    "api_org_units_of_accounts",
    "api_owned_by_staff",
    "api_owners_of_contacts",
    "api_reports_of_contacts",
    "api_sponsored_accounts_of_staff",
    "api_sponsored_contacts_of_staff",
    "api_sponsors_of_accounts",
    "api_sponsors_of_contacts",
    "api_staff_by_ids",
    "api_suppliers_of_accounts",
    "api_team_of_accounts",
    "api_team_of_opportunities",
    "api_teams_of_staff",
)}


def by_id(ctx: Context, name: str) -> DataLoader[str, Row | None]:
    stmt = STATEMENTS[name]

    async def load(keys: list[str]) -> list[Row | None]:
        rows = await ctx.rows(stmt, {"ids": sorted(set(keys))})
        found = {r["item"]["id"]: r["item"] for r in rows}
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def grouped(ctx: Context, name: str, **extra: Any) -> DataLoader[str, Rows]:
    stmt = STATEMENTS[name]

    async def load(keys: list[str]) -> list[Rows]:
        rows = await ctx.rows(stmt, {"ids": sorted(set(keys)), **extra})
        return _group(rows, keys)

    return DataLoader(load_fn=load)


def grouped_as_of(ctx: Context, name: str) -> DataLoader[tuple[str, str], Rows]:
    stmt: Statement = STATEMENTS[name]

    async def load(keys: list[tuple[str, str]]) -> list[Rows]:
        per_day: dict[str, set[str]] = defaultdict(set)
        for key, day in keys:
            per_day[day].add(key)
        found: dict[tuple[str, str], Rows] = defaultdict(list)
        for day, ids in sorted(per_day.items()):
            for row in await ctx.rows(stmt, {"ids": sorted(ids), "asOf": day}):
                found[(row["key"], day)].append(row)
        return [found.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def forget(loader: DataLoader[Any, Any], key: Any) -> None:
    """Drop a cached key (after a write), whether or not it was loaded."""
    with contextlib.suppress(KeyError):
        loader.clear(key)


def _group(rows: Rows, keys: list[str]) -> list[Rows]:
    by_key: dict[str, Rows] = defaultdict(list)
    for row in rows:
        by_key[row["key"]].append(row)
    return [by_key.get(k, []) for k in keys]


class Loaders:
    """The DataLoaders of one request (created with its Context)."""

    def __init__(self, ctx: Context) -> None:
        open_stages = list(OPEN_STAGES)
        self.account = by_id(ctx, "api_accounts_by_ids")
        self.contact = by_id(ctx, "api_contacts_by_ids")
        self.staff = by_id(ctx, "api_staff_by_ids")
        self.org_unit = by_id(ctx, "api_org_units_by_ids")
        self.opportunity = by_id(ctx, "api_opportunities_by_ids")
        self.interaction = by_id(ctx, "api_interactions_by_ids")
        self.assessment = by_id(ctx, "api_assessments_by_ids")
        self.competitor = by_id(ctx, "api_competitors_by_ids")

        self.org_units_of_account = grouped(ctx, "api_org_units_of_accounts")
        self.contacts_of_account = grouped(ctx, "api_contacts_of_accounts")
        self.team_of_account = grouped(ctx, "api_team_of_accounts")
        self.sponsors_of_account = grouped(ctx, "api_sponsors_of_accounts")
        self.opportunities_of_account = grouped(ctx, "api_opportunities_of_accounts")
        self.suppliers_of_account = grouped(ctx, "api_suppliers_of_accounts")
        self.counts_of_account = grouped(ctx, "api_account_counts", openStages=open_stages)
        self.members_of_unit = grouped(ctx, "api_members_of_units")

        self.owners_of_contact = grouped(ctx, "api_owners_of_contacts")
        self.sponsors_of_contact = grouped(ctx, "api_sponsors_of_contacts")
        self.assessments_of_contact = grouped(ctx, "api_assessments_of_contacts")
        self.decision_roles_of_contact = grouped(ctx, "api_decision_roles_of_contacts")
        self.favors_of_contact = grouped(ctx, "api_favors_of_contacts")
        self.key_contact = grouped(ctx, "api_key_contact_flags", openStages=open_stages)
        self.latest_assessment = grouped_as_of(ctx, "api_latest_assessments")
        self.managers_of_contact = grouped_as_of(ctx, "api_managers_of_contacts")
        self.reports_of_contact = grouped_as_of(ctx, "api_reports_of_contacts")

        self.decision_chain_of_opportunity = grouped(ctx, "api_decision_chain_of_opportunities")
        self.team_of_opportunity = grouped(ctx, "api_team_of_opportunities")

        self.owned_by_staff = grouped(ctx, "api_owned_by_staff")
        self.teams_of_staff = grouped(ctx, "api_teams_of_staff")
        self.sponsored_contacts_of_staff = grouped(ctx, "api_sponsored_contacts_of_staff")
        self.sponsored_accounts_of_staff = grouped(ctx, "api_sponsored_accounts_of_staff")

        self.attendees_of_interaction = grouped(ctx, "api_attendees_of_interactions")

        from relgraph.api.figures import analysis_loader

        self.analysis = analysis_loader(ctx)  # (accountId, asOfIso) -> health and gaps
