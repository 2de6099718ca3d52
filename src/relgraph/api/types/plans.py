"""The key-relationship cycle as GraphQL types: plans (cards) with their commitments and
reviews, the annual review of an account, and the inputs that write plans, commitments and
reviews. Field names follow `to_dict()` of the library's answers (relgraph.intel.plans,
relgraph.intel.review), which is what the CLI prints; the people and the opportunity they name
are the graph's records, loaded and cut to the key's scope."""

from __future__ import annotations

import datetime as dt

import strawberry

from relgraph.api.loaders import Info, load_one
from relgraph.api.types.answers import AttitudeChange
from relgraph.api.types.records import Account, Contact, Opportunity, StaffMember, load_account
from relgraph.intel import plans as cards
from relgraph.intel import review as answers
from relgraph.intel.types import ContactRef


async def _staff(info: Info, staff_id: str | None) -> StaffMember | None:
    if staff_id is None:
        return None
    return await load_one(info.context.loaders.staff, staff_id, StaffMember.of)


async def _contact(info: Info, contact_id: str) -> Contact | None:
    return await load_one(info.context.loaders.contact, contact_id, Contact.of)


@strawberry.type(description="A measurable commitment of a plan.")
class PlanCommitment:
    id: strawberry.ID
    text: str
    due: dt.date
    done_on: dt.date | None = strawberry.field(
        description="When it was done (null: not done by the plan's day).")
    overdue: bool = strawberry.field(description="Due before the plan's day and not done by it.")

    @staticmethod
    def of(m: cards.PlanCommitment) -> PlanCommitment:
        return PlanCommitment(id=strawberry.ID(m.id), text=m.text, due=m.due, done_on=m.done_on,
                              overdue=m.overdue)


@strawberry.type(description="A periodic review of a plan: on track or not, the gap, the remedy.")
class PlanReview:
    id: strawberry.ID
    date: dt.date
    on_track: bool
    gap: str | None
    remedy: str | None
    _reviewed_by: strawberry.Private[str | None]

    @strawberry.field(description="Who reviewed it.")
    async def reviewed_by(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._reviewed_by)

    @staticmethod
    def of(r: cards.PlanReview) -> PlanReview:
        return PlanReview(id=strawberry.ID(r.id), date=r.date, on_track=r.on_track, gap=r.gap,
                          remedy=r.remedy,
                          _reviewed_by=r.reviewed_by.id if r.reviewed_by else None)


@strawberry.type(description=(
    "A key-relationship plan (card) for one contact, as of a day: the goal and target "
    "attitude, the owner and senior sponsor, commitments and reviews, and what they say on "
    "that day."))
class Plan:
    id: strawberry.ID
    start: dt.date
    end: dt.date
    target_attitude: int
    goal: str
    principle: str | None
    review_every_days: int
    active: bool = strawberry.field(description="start <= the day <= end.")
    current_attitude: int | None = strawberry.field(
        description="The contact's attitude on the day (null: unknown).")
    reached_target: bool = strawberry.field(
        description="Whether the contact's attitude on the day is at least the target.")
    last_review: PlanReview | None = strawberry.field(
        description="The latest review dated on or before the day.")
    next_review_due: dt.date | None = strawberry.field(
        description="reviewEveryDays after the latest review (or the start); null once ended.")
    review_overdue: bool = strawberry.field(
        description="Active, and its next review was due before the day (PLAN_REVIEW_OVERDUE).")
    commitments: list[PlanCommitment]
    reviews: list[PlanReview] = strawberry.field(
        description="The reviews dated on or before the day, oldest first.")
    _contact: strawberry.Private[str]
    _owner: strawberry.Private[str]
    _sponsor: strawberry.Private[str]
    _opportunity: strawberry.Private[str | None]

    @strawberry.field(description="The contact the plan is for.")
    async def contact(self, info: Info) -> Contact | None:
        return await _contact(info, self._contact)

    @strawberry.field(description="Our staff member who owns the plan.")
    async def owner(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._owner)

    @strawberry.field(description="Our senior sponsor of the plan.")
    async def sponsor(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._sponsor)

    @strawberry.field(description="The opportunity the plan serves, if any.")
    async def opportunity(self, info: Info) -> Opportunity | None:
        if self._opportunity is None:
            return None
        return await load_one(info.context.loaders.opportunity, self._opportunity,
                              Opportunity.of)

    @staticmethod
    def of(card: cards.PlanCard) -> Plan:
        return Plan(
            id=strawberry.ID(card.id), start=card.start, end=card.end,
            target_attitude=card.target_attitude, goal=card.goal, principle=card.principle,
            review_every_days=card.review_every_days, active=card.active,
            current_attitude=card.current_attitude, reached_target=card.reached_target,
            last_review=PlanReview.of(card.last_review) if card.last_review else None,
            next_review_due=card.next_review_due, review_overdue=card.review_overdue,
            commitments=[PlanCommitment.of(m) for m in card.commitments],
            reviews=[PlanReview.of(r) for r in card.reviews], _contact=card.contact.id,
            _owner=card.owner.id, _sponsor=card.sponsor.id,
            _opportunity=card.opportunity.id if card.opportunity else None)


# --- the annual review ------------------------------------------------------------------------

@strawberry.type(description="A key contact who took its position, or was first assessed, in "
                             "the period.")
class NewKeyPerson:
    contact: Contact
    since: dt.date
    reason: str = strawberry.field(description="new in position, or first assessed.")


@strawberry.type(description=(
    "A contact flagged as a rising star or among the most hidden influencers at the end of "
    "the period, who was not among those at its start."))
class RisingStar:
    contact: Contact
    flagged: bool
    hidden_rank: int | None = strawberry.field(
        description="Its place among the most hidden influencers (1: the most hidden).")
    influence_index: float | None


@strawberry.type(description="A contact who mattered and left during the period.")
class DepartedPerson:
    contact: Contact
    left_on: dt.date | None = strawberry.field(
        description="The day its reporting line ended (null: not recorded).")
    last_met: dt.date | None
    last_attitude: int | None


@strawberry.type(description="A plan that ended in the period, with its contact's attitude on "
                             "its end day.")
class PlanOutcome:
    plan_id: strawberry.ID
    contact: Contact
    goal: str
    end: dt.date
    target_attitude: int
    attitude: int | None
    _owner: strawberry.Private[str]
    _sponsor: strawberry.Private[str]

    @strawberry.field
    async def owner(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._owner)

    @strawberry.field
    async def sponsor(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._sponsor)


@strawberry.type(description="A tier review in the period that changed the account's tier.")
class TierChange:
    id: strawberry.ID
    date: dt.date
    before: str
    after: str
    note: str | None
    _reviewed_by: strawberry.Private[str | None]

    @strawberry.field
    async def reviewed_by(self, info: Info) -> StaffMember | None:
        return await _staff(info, self._reviewed_by)

    @staticmethod
    def of(change: answers.TierChange) -> TierChange:
        return TierChange(id=strawberry.ID(change.id), date=change.date, before=change.before,
                          after=change.after, note=change.note,
                          _reviewed_by=change.reviewed_by.id if change.reviewed_by else None)


@strawberry.type(description="How many entries each section of an annual review has.")
class ReviewCounts:
    strengthened: int
    weakened: int
    new_key_people: int
    rising_stars: int
    departed: int
    plans_reached: int
    plans_missed: int
    tier_changes: int


@strawberry.type(description=(
    "The year of an account on one page: whose attitude strengthened or weakened, new key "
    "people, rising stars, departed people, plans reached and missed, tier changes, the "
    "organizational coverage then and now, each section counted."))
class AnnualReview:
    account_id: strawberry.ID
    account_name: str
    tier: str
    since: dt.date
    until: dt.date
    as_of: dt.date = strawberry.field(
        description="What was known: records dated after this day do not count.")
    counts: ReviewCounts
    strengthened: list[AttitudeChange]
    weakened: list[AttitudeChange]
    new_key_people: list[NewKeyPerson]
    rising_stars: list[RisingStar]
    departed: list[DepartedPerson]
    plans_reached: list[PlanOutcome]
    plans_missed: list[PlanOutcome]
    tier_changes: list[TierChange]
    organizational_coverage_then: float | None = strawberry.field(
        description="Done ÷ required organizational actions on `since`.")
    organizational_coverage_now: float | None = strawberry.field(
        description="Done ÷ required organizational actions on the last day of the period.")

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)

    @staticmethod
    async def of(info: Info, review: answers.AnnualReview) -> AnnualReview:
        """The review shown with the contact records it names (loaded in one batch)."""
        loaders = info.context.loaders
        named: list[ContactRef] = [x.contact for section in (
            review.strengthened, review.weakened, review.new_key_people, review.rising_stars,
            review.departed, review.plans_reached, review.plans_missed) for x in section]
        found = await loaders.contact.load_many(sorted({c.id for c in named}))
        shown: dict[str, Contact] = {c.id: Contact.of(c) for c in found if c is not None}

        def outcomes(found: list[answers.PlanOutcome]) -> list[PlanOutcome]:
            return [PlanOutcome(plan_id=strawberry.ID(p.plan_id), contact=shown[p.contact.id],
                                goal=p.goal, end=p.end, target_attitude=p.target_attitude,
                                attitude=p.attitude, _owner=p.owner.id, _sponsor=p.sponsor.id)
                    for p in found if p.contact.id in shown]

        return AnnualReview(
            account_id=strawberry.ID(review.account_id), account_name=review.account_name,
            tier=review.tier, since=review.since, until=review.until, as_of=review.as_of,
            counts=ReviewCounts(**{f: getattr(review.counts, f) for f in (
                "strengthened", "weakened", "new_key_people", "rising_stars", "departed",
                "plans_reached", "plans_missed", "tier_changes")}),
            strengthened=[AttitudeChange.of(c, shown[c.contact.id]) for c in review.strengthened
                          if c.contact.id in shown],
            weakened=[AttitudeChange.of(c, shown[c.contact.id]) for c in review.weakened
                      if c.contact.id in shown],
            new_key_people=[NewKeyPerson(contact=shown[p.contact.id], since=p.since,
                                         reason=p.reason)
                            for p in review.new_key_people if p.contact.id in shown],
            rising_stars=[RisingStar(contact=shown[r.contact.id], flagged=r.flagged,
                                     hidden_rank=r.hidden_rank,
                                     influence_index=r.influence_index)
                          for r in review.rising_stars if r.contact.id in shown],
            departed=[DepartedPerson(contact=shown[d.contact.id], left_on=d.left_on,
                                     last_met=d.last_met, last_attitude=d.last_attitude)
                      for d in review.departed if d.contact.id in shown],
            plans_reached=outcomes(review.plans_reached),
            plans_missed=outcomes(review.plans_missed),
            tier_changes=[TierChange.of(t) for t in review.tier_changes],
            organizational_coverage_then=review.organizational_coverage_then,
            organizational_coverage_now=review.organizational_coverage_now)


# --- inputs -----------------------------------------------------------------------------------

@strawberry.input(description=(
    "A key-relationship plan (`plans`): for a contact, owned and sponsored by staff members; "
    "`end` not before `start`, `targetAttitude` -1..3, `reviewEveryDays` 30..92 (default 61)."))
class PlanInput:
    id: strawberry.ID
    contact: strawberry.ID
    owner: strawberry.ID
    sponsor: strawberry.ID
    start: dt.date
    end: dt.date
    target_attitude: int
    goal: str
    opportunity: strawberry.ID | None = None
    principle: str | None = None
    review_every_days: int | None = None


@strawberry.input(description="A commitment of a plan (`commitments`); done when `doneOn` is set.")
class CommitmentInput:
    id: strawberry.ID
    plan: strawberry.ID
    text: str
    due: dt.date
    done_on: dt.date | None = None


@strawberry.input(description="A review of a plan (`planReviews`).")
class PlanReviewInput:
    id: strawberry.ID
    plan: strawberry.ID
    date: dt.date
    on_track: bool
    reviewed_by: strawberry.ID | None = None
    gap: str | None = None
    remedy: str | None = None
