"""The graph's records as GraphQL types (accounts, contacts, staff, ...): each is the record
the loaders return (relgraph.api.stored) plus its nested fields. Every nested field loads
through a per-request DataLoader (relgraph.api.loaders), so a page of N records costs a bounded
number of statements whatever N is; what the loaders return is already cut to the asking key's
scope (see relgraph.api.schema for the access rules).
"""

from __future__ import annotations

import datetime as dt

import strawberry

from relgraph import model
from relgraph.api import stored
from relgraph.api.loaders import Info, load_one
from relgraph.api.permissions import Sensitive
from relgraph.api.types.findings import AccountFigures, CoverageGap
from relgraph.intel import types as answers
from relgraph.intel.portfolio import tier_changes


def _iso(info: Info, as_of: dt.date | None) -> str:
    return info.context.day(as_of).isoformat()


@strawberry.type(description="A client company.")
class Account(stored.Account):
    @strawberry.field(description="The account's departments (org units), in id order.")
    async def org_units(self, info: Info) -> list[OrgUnit]:
        return [OrgUnit.of(u) for u in await info.context.loaders.org_units_of_account.load(
            self.id)]

    @strawberry.field(description="The account's contacts, in id order (`active` filters).")
    async def contacts(self, info: Info, active: bool | None = None) -> list[Contact]:
        found = await info.context.loaders.contacts_of_account.load(self.id)
        return [Contact.of(c) for c in found if active is None or c.active == active]

    @strawberry.field(description="Our account team: staff members and their iron-triangle role.")
    async def team(self, info: Info) -> list[TeamMember]:
        return [TeamMember(staff=StaffMember.of(m.item), role=m.value)
                for m in await info.context.loaders.team_of_account.load(self.id)]

    @strawberry.field(description="Our account sponsors (executives sponsoring the account).")
    async def sponsors(self, info: Info) -> list[StaffMember]:
        return [StaffMember.of(s)
                for s in await info.context.loaders.sponsors_of_account.load(self.id)]

    @strawberry.field(description="The account's opportunities (`open`: not won or lost).")
    async def opportunities(self, info: Info, open: bool | None = None) -> list[Opportunity]:
        found = await info.context.loaders.opportunities_of_account.load(self.id)
        return [Opportunity.of(o) for o in found if open is None or o.stage.is_open == open]

    @strawberry.field(description="Competitors supplying the account, with their position.")
    async def suppliers(self, info: Info) -> list[Supplier]:
        return [Supplier(competitor=Competitor.of(s.item), position=s.value)
                for s in await info.context.loaders.suppliers_of_account.load(self.id)]

    @strawberry.field(description=(
        "Flat figures for BI tools (health, coverage, gap counts) at `asOf` (default today)."))
    async def figures(self, info: Info, as_of: dt.date | None = None) -> AccountFigures:
        loaders = info.context.loaders
        day = info.context.day(as_of)
        analysis = await loaders.analysis.load((self.id, day.isoformat()))
        counts = await loaders.counts_of_account.load(self.id)
        return AccountFigures.of(day, analysis, counts[0] if counts else stored.AccountCounts())

    @strawberry.field(description="The account's coverage gaps at `asOf` (default today).")
    async def coverage_gaps(
        self, info: Info, kinds: list[model.GapKind] | None = None,
        as_of: dt.date | None = None,
    ) -> list[CoverageGap]:
        analysis = await info.context.loaders.analysis.load((self.id, _iso(info, as_of)))
        wanted = {model.GapKind(k).value for k in kinds} if kinds else None
        return [CoverageGap.of(g) for g in analysis.gaps if wanted is None or g.kind in wanted]

    @strawberry.field(description=(
        "The account's tier reviews (its tier history), oldest first, each with the tier "
        "decided before it; the account's `tier` is the current one."))
    async def tier_history(self, info: Info) -> list[TierReview]:
        reviews = await info.context.loaders.tier_reviews_of_account.load(self.id)
        return [TierReview.of(t) for t in tier_changes(reviews)]


@strawberry.type(description="A department of an account.")
class OrgUnit(stored.OrgUnit):
    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)

    @strawberry.field(description="The parent unit (null for a top unit of the account).")
    async def parent(self, info: Info) -> OrgUnit | None:
        if not self.parent_id:
            return None
        units = await info.context.loaders.org_units_of_account.load(self.account_id)
        return next((OrgUnit.of(u) for u in units if u.id == self.parent_id), None)

    @strawberry.field(description="The units directly below this one.")
    async def children(self, info: Info) -> list[OrgUnit]:
        units = await info.context.loaders.org_units_of_account.load(self.account_id)
        return [OrgUnit.of(u) for u in units if u.parent_id == self.id]

    @strawberry.field(description="The contacts of this unit.")
    async def contacts(self, info: Info) -> list[Contact]:
        return [Contact.of(c) for c in await info.context.loaders.members_of_unit.load(self.id)]


@strawberry.type(description="A client person of an account.")
class Contact(stored.Contact):
    key: bool = strawberry.field(description=(
        "The record's own `key` flag (see keyContact for the contract's key-contact rule)."))
    closeness: int | None = strawberry.field(description="1 (closest) .. 5.")
    _social_style: strawberry.Private[str | None]

    @strawberry.field(description=(
        "Sensitive personal attribute (controlling, expressive, analytical, amiable): needs an "
        "API key with the `sensitive` permission, else this field is null with a FORBIDDEN "
        "error."), permission_classes=[Sensitive])
    def social_style(self) -> str | None:
        return self._social_style

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnit | None:
        if not self.org_unit_id:
            return None
        return await load_one(info.context.loaders.org_unit, self.org_unit_id, OrgUnit.of)

    @strawberry.field(description=(
        "Whether this is a key contact: active, and flagged key, ranked S or A, or on the "
        "decision chain of an open opportunity."))
    async def key_contact(self, info: Info) -> bool:
        return any(await info.context.loaders.key_contact.load(self.id))

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
        found = await info.context.loaders.latest_assessment.load((self.id, _iso(info, as_of)))
        return Assessment.of(found[0]) if found else None

    @strawberry.field(description="Every assessment of the contact, oldest first.")
    async def assessments(self, info: Info) -> list[Assessment]:
        return [Assessment.of(a)
                for a in await info.context.loaders.assessments_of_contact.load(self.id)]

    @strawberry.field(description="Relationship owners on our side and their role (A, B, C).")
    async def owners(self, info: Info) -> list[Owner]:
        return [Owner(staff=StaffMember.of(o.item), role=o.value)
                for o in await info.context.loaders.owners_of_contact.load(self.id)]

    @strawberry.field(description="Our executives sponsoring this contact personally.")
    async def sponsors(self, info: Info) -> list[StaffMember]:
        return [StaffMember.of(s)
                for s in await info.context.loaders.sponsors_of_contact.load(self.id)]

    @strawberry.field(description="The contact's roles on decision chains, with the opportunity.")
    async def decision_roles(self, info: Info) -> list[DecisionRole]:
        return [DecisionRole(opportunity=Opportunity.of(d.item), role=d.value)
                for d in await info.context.loaders.decision_roles_of_contact.load(self.id)]

    @strawberry.field(description="Competitors the contact favours.")
    async def favors(self, info: Info) -> list[Favor]:
        return [Favor(competitor=Competitor.of(f.item), strength=f.value)
                for f in await info.context.loaders.favors_of_contact.load(self.id)]

    @strawberry.field(description="Current managers (reporting lines at `asOf`) among contacts.")
    async def managers(self, info: Info, as_of: dt.date | None = None) -> list[Contact]:
        found = await info.context.loaders.managers_of_contact.load((self.id, _iso(info, as_of)))
        return [Contact.of(c) for c in found]

    @strawberry.field(description="Current direct reports (lines at `asOf`) among contacts.")
    async def direct_reports(self, info: Info, as_of: dt.date | None = None) -> list[Contact]:
        found = await info.context.loaders.reports_of_contact.load((self.id, _iso(info, as_of)))
        return [Contact.of(c) for c in found]


@strawberry.type(description="One of our people.")
class StaffMember(stored.Staff):
    @strawberry.field(description="The contacts this staff member owns, with the owner role.")
    async def owns(self, info: Info) -> list[OwnedContact]:
        return [OwnedContact(contact=Contact.of(o.item), role=o.value)
                for o in await info.context.loaders.owned_by_staff.load(self.id)]

    @strawberry.field(description="The account teams this staff member is on, with the role.")
    async def teams(self, info: Info) -> list[TeamOfStaff]:
        return [TeamOfStaff(account=Account.of(t.item), role=t.value)
                for t in await info.context.loaders.teams_of_staff.load(self.id)]

    @strawberry.field(description="The contacts this staff member sponsors personally.")
    async def sponsored_contacts(self, info: Info) -> list[Contact]:
        return [Contact.of(c)
                for c in await info.context.loaders.sponsored_contacts_of_staff.load(self.id)]

    @strawberry.field(description="The accounts this staff member sponsors.")
    async def sponsored_accounts(self, info: Info) -> list[Account]:
        return [Account.of(a)
                for a in await info.context.loaders.sponsored_accounts_of_staff.load(self.id)]


@strawberry.type(description="A sales opportunity of an account.")
class Opportunity(stored.Opportunity):
    @strawberry.field(description="Whether the opportunity is open (not won or lost).")
    def open(self) -> bool:
        return model.Stage(self.stage).is_open

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)

    @strawberry.field(description="The decision chain: contacts and their roles.")
    async def decision_chain(self, info: Info) -> list[DecisionChainMember]:
        return [DecisionChainMember(contact=Contact.of(m.item), role=m.value)
                for m in await info.context.loaders.decision_chain_of_opportunity.load(self.id)]

    @strawberry.field(description="Our opportunity team, with each member's role.")
    async def team(self, info: Info) -> list[TeamMember]:
        return [TeamMember(staff=StaffMember.of(m.item), role=m.value)
                for m in await info.context.loaders.team_of_opportunity.load(self.id)]


@strawberry.type(description="A dated interaction (visit, summit, call, ...).")
class Interaction(stored.Interaction):
    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id) if self.account_id else None

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity | None:
        if not self.opportunity_id:
            return None
        return await load_one(info.context.loaders.opportunity, self.opportunity_id, Opportunity.of)

    @strawberry.field(description="Our staff who attended.")
    async def staff(self, info: Info) -> list[StaffMember]:
        attendees = await info.context.loaders.attendees(self.id)
        return [StaffMember.of(s) for s in attendees.staff]

    @strawberry.field(description="The client contacts who attended.")
    async def contacts(self, info: Info) -> list[Contact]:
        attendees = await info.context.loaders.attendees(self.id)
        return [Contact.of(c) for c in attendees.contacts]


@strawberry.type(description=(
    "A dated assessment of a contact on the six dimensions (-1..3); score = their mean, "
    "effectiveAttitude = the given attitude, else the score rounded to the nearest level "
    "(halves toward 0)."))
class Assessment(stored.Assessment):
    attitude: int | None = strawberry.field(description="The attitude as given (may be null).")

    @strawberry.field
    async def contact(self, info: Info) -> Contact | None:
        return await load_one(info.context.loaders.contact, self.contact_id, Contact.of)

    @strawberry.field
    async def assessed_by(self, info: Info) -> StaffMember | None:
        if not self.assessed_by_id:
            return None
        return await load_one(info.context.loaders.staff, self.assessed_by_id, StaffMember.of)


@strawberry.type(description="A dated tier decision for an account, with the tier before it.")
class TierReview:
    id: strawberry.ID
    date: dt.date
    tier: model.Tier
    previous_tier: model.Tier | None = strawberry.field(
        description="The tier of the review before (null for the first).")
    changed: bool = strawberry.field(description="Whether the tier differs from previousTier.")
    reviewed_by_id: strawberry.ID | None
    note: str | None

    @strawberry.field
    async def reviewed_by(self, info: Info) -> StaffMember | None:
        if not self.reviewed_by_id:
            return None
        return await load_one(info.context.loaders.staff, self.reviewed_by_id, StaffMember.of)

    @staticmethod
    def of(change: answers.TierChange) -> TierReview:
        return TierReview(id=strawberry.ID(change.id), date=change.date,
                          tier=model.Tier(change.tier),
                          previous_tier=model.Tier(change.previous_tier)
                          if change.previous_tier else None,
                          changed=change.changed,
                          reviewed_by_id=strawberry.ID(change.reviewed_by_id)
                          if change.reviewed_by_id else None, note=change.note)


@strawberry.type(description="A competitor.")
class Competitor(stored.Competitor):
    """A competitor (shared by every account)."""


@strawberry.type(description="A staff member on a team, with the role.")
class TeamMember:
    staff: StaffMember
    role: model.TeamRole


@strawberry.type(description="An account team a staff member is on, with the role.")
class TeamOfStaff:
    account: Account
    role: model.TeamRole


@strawberry.type(description="A relationship owner of a contact, with the role.")
class Owner:
    staff: StaffMember
    role: model.OwnerRole


@strawberry.type(description="A contact a staff member owns, with the role.")
class OwnedContact:
    contact: Contact
    role: model.OwnerRole


@strawberry.type(description="A contact's role on an opportunity's decision chain.")
class DecisionRole:
    opportunity: Opportunity
    role: model.ChainRole


@strawberry.type(description="A member of an opportunity's decision chain.")
class DecisionChainMember:
    contact: Contact
    role: model.ChainRole


@strawberry.type(description="A competitor supplying an account (e.g. primary, secondary).")
class Supplier:
    competitor: Competitor
    position: str | None


@strawberry.type(description="A competitor a contact favours.")
class Favor:
    competitor: Competitor
    strength: float | None


async def load_account(info: Info, account_id: str) -> Account | None:
    """The account, when it exists and the key sees it."""
    return await load_one(info.context.loaders.account, account_id, Account.of)
