"""The annual review of an account: the year compared with the one before, on one page — whose
attitude strengthened or weakened, new key people, rising stars, departed people, the plans
that reached or missed their target, the tier changes, and the organizational coverage then
and now, each section counted.

Statements per call: 6 (account, contacts and the staff directory as of the end of the period;
its plans; its tier reviews) plus those of the organizational relationship, twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import InvalidInput
from relgraph.intel.analytics import find_hidden_influencers
from relgraph.intel.common import (
    attitude_at,
    iso,
    line_is_current,
    resolve_as_of,
    settings_or_default,
    to_date,
)
from relgraph.intel.facts import AccountFacts, ContactInfo, StaffInfo, load_facts
from relgraph.intel.org import organizational_relationship
from relgraph.intel.plans import PlanInfo, StaffRef, load_plans
from relgraph.intel.scores import changes_of
from relgraph.intel.types import Answer, AttitudeChange, ContactRef
from relgraph.store.base import GraphStore, Row

INTEL_TIER_REVIEWS = statement("intel_tier_reviews")

# Rising stars: the contacts new among this many of the account's most hidden influencers.
TOP_HIDDEN = 10


@dataclass(frozen=True)
class NewKeyPerson(Answer):
    """A key contact at the end of the period who took its position, or was first assessed,
    during it."""

    contact: ContactRef
    since: dt.date
    reason: str  # "new in position" or "first assessed"


@dataclass(frozen=True)
class RisingStar(Answer):
    """A contact flagged as a rising star or among the most hidden influencers at the end of
    the period, who was not among them at its start."""

    contact: ContactRef
    flagged: bool
    hidden_rank: int | None  # 1 = the most hidden influencer at the end of the period
    influence_index: float | None


@dataclass(frozen=True)
class DepartedPerson(Answer):
    """A contact who mattered and left during the period."""

    contact: ContactRef
    left_on: dt.date | None  # the day its reporting line ended (None: not recorded)
    last_met: dt.date | None
    last_attitude: int | None


@dataclass(frozen=True)
class PlanOutcome(Answer):
    """A plan that ended in the period, and the attitude its contact had on its end day."""

    plan_id: str
    contact: ContactRef
    goal: str
    end: dt.date
    target_attitude: int
    attitude: int | None
    owner: StaffRef
    sponsor: StaffRef


@dataclass(frozen=True)
class TierChange(Answer):
    """A tier review in the period that moved the account from the tier of the review before."""

    id: str
    date: dt.date
    before: str
    after: str
    reviewed_by: StaffRef | None
    note: str | None


@dataclass(frozen=True)
class ReviewCounts(Answer):
    strengthened: int
    weakened: int
    new_key_people: int
    rising_stars: int
    departed: int
    plans_reached: int
    plans_missed: int
    tier_changes: int


@dataclass(frozen=True)
class AnnualReview(Answer):
    account_id: str
    account_name: str
    tier: str
    since: dt.date
    until: dt.date
    as_of: dt.date  # what was known: records dated after this day do not count
    counts: ReviewCounts
    strengthened: list[AttitudeChange] = field(default_factory=list)
    weakened: list[AttitudeChange] = field(default_factory=list)
    new_key_people: list[NewKeyPerson] = field(default_factory=list)
    rising_stars: list[RisingStar] = field(default_factory=list)
    departed: list[DepartedPerson] = field(default_factory=list)
    plans_reached: list[PlanOutcome] = field(default_factory=list)
    plans_missed: list[PlanOutcome] = field(default_factory=list)
    tier_changes: list[TierChange] = field(default_factory=list)
    # done ÷ required organizational actions on `since` and on the last day of the period
    organizational_coverage_then: float | None = None
    organizational_coverage_now: float | None = None


def annual_review(
    store: GraphStore, account_id: str, since: dt.date, until: dt.date,
    as_of: dt.date | None = None, settings: Settings | None = None,
) -> AnnualReview:
    """The review of one account over `since` .. `until`, as it can be made on `as_of` (default
    today): a period that ends later is reviewed up to `as_of`. An unknown account raises
    NotFound."""
    known = resolve_as_of(as_of)
    if since > until:
        raise InvalidInput(f"since ({since}) must not be after until ({until})")
    if known < since:
        raise InvalidInput(f"asOf ({known}) is before since ({since}): nothing of the period "
                           "is known yet")
    end = min(until, known)
    cfg = settings_or_default(settings)
    facts = load_facts(store, [account_id], end, cfg, units=False,
                       derived=False).accounts[account_id]
    ended = [p for p in load_plans(store, [account_id], end, since).get(account_id, [])
             if since <= p.end <= end]
    tiers = store.run(INTEL_TIER_REVIEWS, {"account": account_id, "until": iso(end)})
    return review_of(facts, since, until, ended, tier_changes(tiers, since),
                     organizational_coverage(store, account_id, since, cfg),
                     organizational_coverage(store, account_id, end, cfg))


def organizational_coverage(store: GraphStore, account_id: str, day: dt.date,
                            settings: Settings) -> float | None:
    """The account's organizational coverage on `day` (done ÷ required organizational actions,
    the organizational relationship's `coverage`); None when nothing is required."""
    return organizational_relationship(store, account_id, day, settings).coverage


def review_of(
    facts: AccountFacts, since: dt.date, until: dt.date, ended: list[PlanInfo],
    changes: list[TierChange], coverage_then: float | None, coverage_now: float | None,
) -> AnnualReview:
    """Pure core of `annual_review` over the facts as of the end of the period (`facts.as_of`),
    the plans that ended in the period and its tier changes."""
    end = facts.as_of
    moved = changes_of(facts, since, end)
    strengthened = [c for c in moved if c.direction == "strengthened"]
    weakened = [c for c in moved if c.direction == "weakened"]
    new_people = new_key_people(facts, since)
    rising = rising_stars(facts, since)
    departed = departed_people(facts, since)
    reached: list[PlanOutcome] = []
    missed: list[PlanOutcome] = []
    for plan in sorted(ended, key=lambda p: (p.end, p.id)):
        outcome = PlanOutcome(
            plan_id=plan.id, contact=plan.contact.ref(end), goal=plan.goal, end=plan.end,
            target_attitude=plan.target_attitude,
            attitude=attitude_at(plan.contact.assessments, plan.end),
            owner=StaffRef.of(plan.owner), sponsor=StaffRef.of(plan.sponsor))
        (reached if plan.reached_on(plan.end, plan.contact.assessments) else missed).append(
            outcome)
    return AnnualReview(
        account_id=facts.id, account_name=facts.name, tier=facts.tier, since=since,
        until=until, as_of=end,
        counts=ReviewCounts(len(strengthened), len(weakened), len(new_people), len(rising),
                            len(departed), len(reached), len(missed), len(changes)),
        strengthened=strengthened, weakened=weakened, new_key_people=new_people,
        rising_stars=rising, departed=departed, plans_reached=reached, plans_missed=missed,
        tier_changes=changes, organizational_coverage_then=coverage_then,
        organizational_coverage_now=coverage_now)


def new_key_people(facts: AccountFacts, since: dt.date) -> list[NewKeyPerson]:
    """Key contacts at the end of the period whose current reporting line began in it (new in
    position), or, failing that, whose first assessment is in it; newest first."""
    end = facts.as_of
    found: list[NewKeyPerson] = []
    for c in facts.key_contacts():
        started = [line.since for line in c.reports_to
                   if line.since is not None and line_is_current(line.since, line.until, end)]
        first = min((a.date for a in c.assessments), default=None)
        if started and since <= max(started) <= end:
            found.append(NewKeyPerson(facts.contact_ref(c.id), max(started), "new in position"))
        elif first is not None and since <= first <= end:
            found.append(NewKeyPerson(facts.contact_ref(c.id), first, "first assessed"))
    found.sort(key=lambda p: (-p.since.toordinal(), p.contact.name, p.contact.id))
    return found


def rising_stars(facts: AccountFacts, since: dt.date) -> list[RisingStar]:
    """Active contacts flagged as rising stars or among the `TOP_HIDDEN` most hidden influencers
    at the end of the period, who were not among those at its start (reporting lines as they
    were then); the most hidden first, then the flagged ones by name."""
    now = find_hidden_influencers(facts, TOP_HIDDEN)
    then = {h.contact.id for h in find_hidden_influencers(
        dataclasses.replace(facts, as_of=since, _knows={}), TOP_HIDDEN)}
    position = {h.contact.id: (rank, h.influence_index) for rank, h in enumerate(now, start=1)}
    found: list[RisingStar] = []
    for c in facts.active_contacts():
        if c.id in then or not (c.rising_star or c.id in position):
            continue
        rank, index = position.get(c.id, (None, None))
        found.append(RisingStar(facts.contact_ref(c.id), c.rising_star, rank, index))
    found.sort(key=lambda r: (r.hidden_rank is None, r.hidden_rank or 0, r.contact.name,
                              r.contact.id))
    return found


def departed_people(facts: AccountFacts, since: dt.date) -> list[DepartedPerson]:
    """Inactive contacts who mattered (flagged key, ranked S or A, on a decision chain, or
    owned on our side) and left in the period: their reporting line ended in it, or, with no
    line ended, they were last met in it. Most recent first."""
    end = facts.as_of
    found: list[DepartedPerson] = []
    for c in facts.contacts.values():
        if c.active or not _mattered(c):
            continue
        ended = [line.until for line in c.reports_to if line.until is not None]
        left = max(ended) if ended else None
        when = left if left is not None else c.last_interaction
        if when is None or not since <= when <= end:
            continue
        found.append(DepartedPerson(facts.contact_ref(c.id), left, c.last_interaction,
                                    attitude_at(c.assessments, end)))
    found.sort(key=lambda p: (-(p.left_on or p.last_met or since).toordinal(), p.contact.name,
                              p.contact.id))
    return found


def _mattered(c: ContactInfo) -> bool:
    return c.flagged_key or c.rank in ("S", "A") or bool(c.chain) or bool(c.owners)


def tier_changes(rows: Sequence[Row], since: dt.date) -> list[TierChange]:
    """The tier reviews (oldest first, up to the end of the period) dated in the period whose
    tier differs from that of the review before them."""
    found: list[TierChange] = []
    before: str | None = None
    for row in rows:
        review, reviewers = row["review"], row.get("reviewers") or []
        day = to_date(review["date"])
        assert day is not None  # a tier review has a date (the document requires it)
        tier = str(review["tier"])
        if before is not None and tier != before and day >= since:
            found.append(TierChange(
                id=str(review["id"]), date=day, before=before, after=tier,
                reviewed_by=StaffRef.of(StaffInfo.from_row(reviewers[0])) if reviewers else None,
                note=review.get("note")))
        before = tier
    return found
