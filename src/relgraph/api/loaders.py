"""Per-request DataLoaders: every nested field loads through one of these, so each kind of
nested data costs one statement per query level, whatever the page size.

What a loader returns is typed (relgraph.api.stored) and already cut to the asking key's
scope, here and nowhere else: a record of an account the key may not see is None (by id) or
left out (in a list), exactly as if it did not exist. Staff lists reached from a visible record
(its team, owners, sponsors, attendees) are the staff engaged on it, whom the key may see by
definition; staff by id are checked against `visible_staff`. Competitors are shared by every
account.

Two shapes: by id (id -> the record, or None) over `api_*_by_ids`, and grouped (key -> the
records of an `api_*_of_*` statement, in the statement's order). Loaders whose answer depends on
a date take `(key, asOfIso)` and batch per date.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from relgraph import model
from relgraph.api import stored
from relgraph.api.context import Context
from relgraph.cypher import Statement, statement
from relgraph.intel.company import TierReviewInfo
from relgraph.intel.portfolio import AccountAnalysis, account_analyses
from relgraph.model import OPEN_STAGES
from relgraph.store.base import Row

K = TypeVar("K")
T = TypeVar("T")


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Identified)

VISIBLE_STAFF = statement("api_visible_staff")
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
    "api_tier_reviews_of_accounts",
)}


def _by_id(ctx: Context[Any], name: str, build: Callable[[Row], T],
           visible: Callable[[T], Awaitable[bool]] | None = None,
           asked: Callable[[str], bool] | None = None,
           ) -> DataLoader[str, T | None]:
    """Records by id; `visible` drops loaded ones the key may not see, `asked` the ids it may
    not see before any statement runs."""
    stmt = STATEMENTS[name]

    async def load(keys: list[str]) -> list[T | None]:
        ids = sorted({k for k in keys if asked is None or asked(k)})
        rows = await ctx.rows(stmt, {"ids": ids}) if ids else []
        found = {r["item"]["id"]: build(r["item"]) for r in rows}
        if visible is not None:
            found = {k: v for k, v in found.items() if await visible(v)}
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def _grouped(ctx: Context[Any], name: str, build: Callable[[Row], T],
             visible: Callable[[T], bool] | None = None, **extra: Any,
             ) -> DataLoader[str, list[T]]:
    stmt = STATEMENTS[name]

    async def load(keys: list[str]) -> list[list[T]]:
        found: dict[str, list[T]] = defaultdict(list)
        for row in await ctx.rows(stmt, {"ids": sorted(set(keys)), **extra}):
            item = build(row)
            if visible is None or visible(item):
                found[row["key"]].append(item)
        return [found.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def _grouped_as_of(ctx: Context[Any], name: str, build: Callable[[Row], T],
                   visible: Callable[[T], bool] | None = None,
                   ) -> DataLoader[tuple[str, str], list[T]]:
    stmt = STATEMENTS[name]

    async def load(keys: list[tuple[str, str]]) -> list[list[T]]:
        per_day: dict[str, set[str]] = defaultdict(set)
        for key, day in keys:
            per_day[day].add(key)
        found: dict[tuple[str, str], list[T]] = defaultdict(list)
        for day, ids in sorted(per_day.items()):
            for row in await ctx.rows(stmt, {"ids": sorted(ids), "asOf": day}):
                item = build(row)
                if visible is None or visible(item):
                    found[(row["key"], day)].append(item)
        return [found.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def forget(loader: DataLoader[K, Any], key: K) -> None:
    """Drop a cached key (after a write), whether or not it was loaded."""
    with contextlib.suppress(KeyError):
        loader.clear(key)


def primer(loader: DataLoader[str, R | None]) -> Callable[[Sequence[R]], None]:
    """Hand records already read (a page) to a by-id loader, so nested fields need not load
    them again."""
    return lambda found: loader.prime_many({x.id: x for x in found})


async def load_one(loader: DataLoader[str, R | None], ident: str,
                   show: Callable[[R], T]) -> T | None:
    """The record of `ident`, shown as `show` makes it; None when unknown or not visible."""
    found = await loader.load(ident)
    return None if found is None else show(found)


def _item(build: Callable[[Row], T]) -> Callable[[Row], T]:
    return lambda row: build(row["item"])


def _role(build: Callable[[Row], T], kind: type[stored.E], default: stored.E,
          ) -> Callable[[Row], stored.Linked[T, stored.E]]:
    return lambda row: stored.Linked(build(row["item"]), stored.member(kind, row["role"], default))


class Loaders:
    """The DataLoaders of one request (built with its Context, by the context getter)."""

    def __init__(self, ctx: Context[Loaders]) -> None:
        self._ctx = ctx
        self._visible_staff: asyncio.Task[frozenset[str]] | None = None
        contact, staff = stored.Contact.from_row, stored.Staff.from_row
        opportunity, account = stored.Opportunity.from_row, stored.Account.from_row
        open_stages = list(OPEN_STAGES)

        async def contact_seen(c: stored.Contact) -> bool:
            return self.sees(c.account_id)

        async def unit_seen(u: stored.OrgUnit) -> bool:
            return self.sees(u.account_id)

        async def opportunity_seen(o: stored.Opportunity) -> bool:
            return self.sees(o.account_id)

        async def interaction_seen(i: stored.Interaction) -> bool:
            return self.sees(i.account_id)

        async def staff_seen(s: stored.Staff) -> bool:
            return await self.sees_staff(s.id)

        def linked_seen(link: stored.Linked[Any, Any]) -> bool:
            return self.sees(link.item.account_id)

        def seen(c: stored.Contact) -> bool:
            return self.sees(c.account_id)

        # --- by id (None: unknown, or not visible to the key) ---------------------------------
        self.account = _by_id(ctx, "api_accounts_by_ids", account, asked=self.sees)
        self.contact = _by_id(ctx, "api_contacts_by_ids", contact, contact_seen)
        self.staff = _by_id(ctx, "api_staff_by_ids", staff, staff_seen)
        self.org_unit = _by_id(ctx, "api_org_units_by_ids", stored.OrgUnit.from_row, unit_seen)
        self.opportunity = _by_id(ctx, "api_opportunities_by_ids", opportunity,
                                  opportunity_seen)
        self.interaction = _by_id(ctx, "api_interactions_by_ids", stored.Interaction.from_row,
                                  interaction_seen)
        # Reached only through a visible contact, a page cut to scope, or the key's own write.
        self.assessment = _by_id(ctx, "api_assessments_by_ids", stored.Assessment.from_row)
        self.competitor = _by_id(ctx, "api_competitors_by_ids", stored.Competitor.from_row)

        # --- of an account (a visible one: its records are of it) ----------------------------
        self.org_units_of_account = _grouped(ctx, "api_org_units_of_accounts",
                                             _item(stored.OrgUnit.from_row))
        self.contacts_of_account = _grouped(ctx, "api_contacts_of_accounts", _item(contact))
        self.team_of_account = _grouped(ctx, "api_team_of_accounts", _role(
            staff, model.TeamRole, model.TeamRole.MEMBER))
        self.sponsors_of_account = _grouped(ctx, "api_sponsors_of_accounts", _item(staff))
        self.opportunities_of_account = _grouped(ctx, "api_opportunities_of_accounts",
                                                 _item(opportunity))
        self.suppliers_of_account = _grouped(
            ctx, "api_suppliers_of_accounts",
            lambda r: stored.Linked(stored.Competitor.from_row(r["item"]), r.get("position")))
        self.counts_of_account = _grouped(ctx, "api_account_counts", stored.AccountCounts.from_row,
                                          openStages=open_stages)
        self.members_of_unit = _grouped(ctx, "api_members_of_units", _item(contact), seen)
        self.tier_reviews_of_account = _grouped(ctx, "api_tier_reviews_of_accounts",
                                                _item(TierReviewInfo.from_item))

        # --- of a contact ---------------------------------------------------------------------
        self.owners_of_contact = _grouped(ctx, "api_owners_of_contacts", _role(
            staff, model.OwnerRole, model.OwnerRole.C))
        self.sponsors_of_contact = _grouped(ctx, "api_sponsors_of_contacts", _item(staff))
        self.assessments_of_contact = _grouped(ctx, "api_assessments_of_contacts",
                                               _item(stored.Assessment.from_row))
        self.decision_roles_of_contact = _grouped(ctx, "api_decision_roles_of_contacts", _role(
            opportunity, model.ChainRole, model.ChainRole.USER), linked_seen)
        self.favors_of_contact = _grouped(
            ctx, "api_favors_of_contacts",
            lambda r: stored.Linked(stored.Competitor.from_row(r["item"]), r.get("strength")))
        self.key_contact = _grouped(ctx, "api_key_contact_flags", lambda r: bool(r["item"]),
                                    openStages=open_stages)
        self.latest_assessment = _grouped_as_of(ctx, "api_latest_assessments",
                                                _item(stored.Assessment.from_row))
        self.managers_of_contact = _grouped_as_of(ctx, "api_managers_of_contacts",
                                                  _item(contact), seen)
        self.reports_of_contact = _grouped_as_of(ctx, "api_reports_of_contacts", _item(contact),
                                                 seen)

        # --- of an opportunity, a staff member, an interaction --------------------------------
        self.decision_chain_of_opportunity = _grouped(
            ctx, "api_decision_chain_of_opportunities",
            _role(contact, model.ChainRole, model.ChainRole.USER), linked_seen)
        self.team_of_opportunity = _grouped(ctx, "api_team_of_opportunities", _role(
            staff, model.TeamRole, model.TeamRole.MEMBER))
        self.owned_by_staff = _grouped(ctx, "api_owned_by_staff", _role(
            contact, model.OwnerRole, model.OwnerRole.C), linked_seen)
        self.teams_of_staff = _grouped(ctx, "api_teams_of_staff", _role(
            account, model.TeamRole, model.TeamRole.MEMBER), lambda x: self.sees(x.item.id))
        self.sponsored_contacts_of_staff = _grouped(ctx, "api_sponsored_contacts_of_staff",
                                                    _item(contact), seen)
        self.sponsored_accounts_of_staff = _grouped(ctx, "api_sponsored_accounts_of_staff",
                                                    _item(account), lambda a: self.sees(a.id))
        self.attendees_of_interaction = _grouped(ctx, "api_attendees_of_interactions",
                                                 self._attendee, self._attendee_seen)

        # --- analyses -------------------------------------------------------------------------
        self.analysis: DataLoader[tuple[str, str], AccountAnalysis] = DataLoader(
            load_fn=self._analyses)

    # --- scope ---------------------------------------------------------------------------------

    @property
    def scoped(self) -> bool:
        """Whether the key is limited to some accounts."""
        return self._ctx.principal.scoped

    def sees(self, account_id: str | None) -> bool:
        """Whether records of this account are visible to the key (None: of no account)."""
        return self._ctx.principal.sees_account(account_id)

    async def visible_staff(self) -> frozenset[str] | None:
        """The staff a scoped key may see (None: every staff member); one statement a request."""
        who = self._ctx.principal
        if who.accounts is None:
            return None
        if self._visible_staff is None:
            self._visible_staff = asyncio.ensure_future(self._fetch_visible_staff(who.accounts))
        return await self._visible_staff

    async def _fetch_visible_staff(self, accounts: frozenset[str]) -> frozenset[str]:
        rows = await self._ctx.rows(VISIBLE_STAFF, {"accounts": sorted(accounts)})
        return frozenset(str(r["id"]) for r in rows)

    async def sees_staff(self, staff_id: str) -> bool:
        visible = await self.visible_staff()
        return visible is None or staff_id in visible

    async def sees_person(self, person_id: str) -> bool:
        """Whether a contact or staff id is one the key may see (an unknown id is not)."""
        if not self.scoped:
            return True
        if await self.contact.load(person_id) is not None:
            return True
        return await self.sees_staff(person_id)

    async def accounts(self, ids: Sequence[str]) -> list[stored.Account]:
        """The accounts of these ids that exist and that the key sees, in the order given."""
        return [a for a in await self.account.load_many(ids) if a is not None]

    # --- rows to records -------------------------------------------------------------------------

    @staticmethod
    def _attendee(row: Row) -> stored.Contact | stored.Staff:
        if row["staff"]:
            return stored.Staff.from_row(row["item"])
        return stored.Contact.from_row(row["item"])

    def _attendee_seen(self, person: stored.Contact | stored.Staff) -> bool:
        return isinstance(person, stored.Staff) or self.sees(person.account_id)

    async def attendees(self, interaction_id: str) -> stored.Attendees:
        people = await self.attendees_of_interaction.load(interaction_id)
        return stored.Attendees(staff=[p for p in people if isinstance(p, stored.Staff)],
                                contacts=[p for p in people if isinstance(p, stored.Contact)])

    async def _analyses(self, keys: list[tuple[str, str]]) -> list[AccountAnalysis]:
        """Health, gaps and company figures of the accounts asked about, one computation per
        day asked; effort shares are of the accounts the key sees."""
        per_day: dict[str, set[str]] = defaultdict(set)
        for account_id, day in keys:
            per_day[day].add(account_id)
        found: dict[tuple[str, str], AccountAnalysis] = {}
        ctx = self._ctx
        accounts = ctx.principal.accounts
        scope = None if accounts is None else sorted(accounts)
        for day, ids in sorted(per_day.items()):
            # Asked for by Account objects: the accounts exist and the key sees them.
            analyses = await ctx.call(account_analyses, ctx.store, sorted(ids),
                                      dt.date.fromisoformat(day), scope, ctx.settings)
            for aid, analysis in analyses.items():
                found[(aid, day)] = analysis
        return [found[k] for k in keys]


Info = strawberry.Info[Context[Loaders], None]
