"""Key-relationship plans (the plan cards of the method): each names a contact, an owner and a
senior sponsor, a goal and a target attitude, measurable commitments, and is reviewed every
`reviewEveryDays`. Here: their facts fetched in bulk, what a plan means on a day (active, its
latest review, when the next one is due, whether it reached its target, which commitments are
overdue), and the `plans` question.

Statements: `load_plans` 1 per batch of `BATCH_ACCOUNTS` accounts; `plans` 1, plus 1 for each
of an account list and a contact it is narrowed to (do they exist?).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.batching import chunks
from relgraph.cypher import Statement, statement
from relgraph.errors import NotFound
from relgraph.intel.common import (
    AssessmentInfo,
    attitude_at,
    iso,
    resolve_as_of,
    to_date,
)
from relgraph.intel.facts import BATCH_ACCOUNTS, StaffInfo
from relgraph.intel.types import Answer, ContactRef
from relgraph.store.base import GraphStore

INTEL_PLANS = statement("intel_plans")
INTEL_ACCOUNT_PLANS = statement("intel_account_plans")
KNOWN_ACCOUNTS = statement("known_accounts")
KNOWN_PEOPLE = statement("known_people")

# A plan that ended this many days before the day asked still counts for PLAN_OFF_TRACK.
ENDED_WINDOW_DAYS = 183


# --- the facts of a plan ----------------------------------------------------------------------

@dataclass(frozen=True)
class CommitmentInfo:
    id: str
    text: str
    due: dt.date
    done_on: dt.date | None

    def done_by(self, day: dt.date) -> bool:
        """Done on or before `day` (a later `doneOn` is not known yet on `day`)."""
        return self.done_on is not None and self.done_on <= day

    def overdue_on(self, day: dt.date) -> bool:
        """Due before `day` and not done by it."""
        return self.due < day and not self.done_by(day)


@dataclass(frozen=True)
class ReviewInfo:
    id: str
    date: dt.date
    reviewed_by: StaffInfo | None
    on_track: bool
    gap: str | None
    remedy: str | None


@dataclass(frozen=True)
class PlanContact:
    """The contact a plan is for, with its assessments up to the day the plans were read."""

    id: str
    name: str
    account: str
    org_unit: str | None
    title: str | None
    rank: str
    active: bool
    assessments: tuple[AssessmentInfo, ...] = ()

    def ref(self, day: dt.date) -> ContactRef:
        return ContactRef(id=self.id, name=self.name, account_id=self.account, title=self.title,
                          rank=self.rank, org_unit_id=self.org_unit,
                          attitude=attitude_at(self.assessments, day))


@dataclass(frozen=True)
class PlanInfo:
    """One plan card as stored; its reviews and commitments in date order."""

    id: str
    contact: PlanContact
    owner: StaffInfo
    sponsor: StaffInfo
    opportunity: dict[str, Any] | None  # {id, name, account}
    start: dt.date
    end: dt.date
    target_attitude: int
    goal: str
    principle: str | None
    review_every_days: int
    commitments: tuple[CommitmentInfo, ...] = ()
    reviews: tuple[ReviewInfo, ...] = ()

    @property
    def account(self) -> str:
        return self.contact.account

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def ended_within(self, day: dt.date, days: int = ENDED_WINDOW_DAYS) -> bool:
        """Ended before `day`, at most `days` days before it."""
        return day - dt.timedelta(days=days) <= self.end < day

    def last_review(self, day: dt.date) -> ReviewInfo | None:
        """The latest review dated on or before `day` (the later id on the same day)."""
        found = [r for r in self.reviews if r.date <= day]
        return max(found, key=lambda r: (r.date, r.id)) if found else None

    def next_review_due(self, day: dt.date) -> dt.date:
        """`reviewEveryDays` after the latest review up to `day`, or after the start."""
        last = self.last_review(day)
        return (last.date if last else self.start) + dt.timedelta(days=self.review_every_days)

    def review_overdue(self, day: dt.date) -> bool:
        """Active on `day`, and its latest review (or its start) is more than
        `reviewEveryDays` before it."""
        return self.active_on(day) and self.next_review_due(day) < day

    def reached_on(self, day: dt.date, assessments: Iterable[AssessmentInfo]) -> bool:
        """Whether the contact's attitude on `day` is at least the target (unknown: no)."""
        attitude = attitude_at(assessments, day)
        return attitude is not None and attitude >= self.target_attitude

    def overdue_commitments(self, day: dt.date) -> list[CommitmentInfo]:
        return [m for m in self.commitments if m.overdue_on(day)]

    def label(self) -> str:
        """'the plan for Ana Ruiz' for messages."""
        return f"the plan for {self.contact.name}"


def load_plans(store: GraphStore, account_ids: Sequence[str], as_of: dt.date,
               since: dt.date | None = None) -> dict[str, list[PlanInfo]]:
    """The plans of the contacts of these accounts (by account, in id order) that have not
    ended before `since` and have started by `as_of`; one statement per batch of accounts."""
    found: dict[str, list[PlanInfo]] = {}
    for batch in chunks(sorted(set(account_ids)), BATCH_ACCOUNTS):
        params = {"accounts": batch, "since": since, "until": as_of}
        for plan in _fetch(store, params, as_of, INTEL_ACCOUNT_PLANS):
            found.setdefault(plan.account, []).append(plan)
    return found


def _fetch(store: GraphStore, narrow: dict[str, Any], as_of: dt.date,
           read: Statement = INTEL_PLANS) -> list[PlanInfo]:
    """The plans `read` (intel_plans, or intel_account_plans) finds with the parameters
    `narrow` (the others of intel_plans null)."""
    wanted = {"accounts": None, "contact": None, "plans": None, "since": None, "until": None}
    params: dict[str, Any] = {k: v for k, v in {**wanted, **narrow}.items() if k in read.params}
    for key in ("since", "until"):
        if isinstance(params.get(key), dt.date):
            params[key] = iso(params[key])
    return [_plan(row) for row in store.run(read, {**params, "asOf": iso(as_of)})]


def _staff(row: dict[str, Any] | None, sid: str) -> StaffInfo:
    # A plan always names stored staff (the import checks it); a missing node reads as gone.
    return StaffInfo.from_row(row) if row else StaffInfo(id=sid, name=sid, active=False)


def _plan(row: dict[str, Any]) -> PlanInfo:
    p, c = row["plan"], row["contact"]
    reviewers = {r["review"]: StaffInfo.from_row(r["staff"]) for r in row.get("reviewers") or []}
    reviews = sorted((ReviewInfo(
        id=r["id"], date=_day(r["date"]), reviewed_by=reviewers.get(r["id"]),
        on_track=r.get("onTrack") is not False, gap=r.get("gap"), remedy=r.get("remedy"))
        for r in row.get("reviews") or []), key=lambda r: (r.date, r.id))
    commitments = sorted((CommitmentInfo(id=m["id"], text=m.get("text") or m["id"],
                                         due=_day(m["due"]), done_on=to_date(m.get("doneOn")))
                          for m in row.get("commitments") or []), key=lambda m: (m.due, m.id))
    contact = PlanContact(
        id=c["id"], name=c.get("name") or c["id"], account=c["account"],
        org_unit=c.get("orgUnit"), title=c.get("title"), rank=c.get("rank") or "C",
        active=c.get("active") is not False,
        assessments=tuple(sorted((AssessmentInfo.from_row(a) for a in row.get("assessments")
                                  or []), key=lambda a: a.date)))
    owners, sponsors = row.get("owners") or [], row.get("sponsors") or []
    opportunities = row.get("opportunities") or []
    return PlanInfo(
        id=p["id"], contact=contact, owner=_staff(owners[0] if owners else None, p["owner"]),
        sponsor=_staff(sponsors[0] if sponsors else None, p["sponsor"]),
        opportunity=opportunities[0] if opportunities else None, start=_day(p["start"]),
        end=_day(p["end"]), target_attitude=int(p["targetAttitude"]),
        goal=p.get("goal") or "", principle=p.get("principle"),
        review_every_days=int(p["reviewEveryDays"]), commitments=tuple(commitments),
        reviews=tuple(reviews))


def _day(value: Any) -> dt.date:
    day = to_date(value)
    assert day is not None  # the document requires these dates
    return day


# --- the plans question -----------------------------------------------------------------------

@dataclass(frozen=True)
class StaffRef(Answer):
    """One of our people in an answer; its keys are fields of the GraphQL `StaffMember` type
    (and print the same: no enumeration other than the rank)."""

    id: str
    name: str
    title: str | None
    rank: str
    active: bool

    @staticmethod
    def of(member: StaffInfo) -> StaffRef:
        return StaffRef(id=member.id, name=member.name, title=member.title, rank=member.rank,
                        active=member.active)


@dataclass(frozen=True)
class OpportunityRef(Answer):
    """An opportunity in an answer; its keys are fields of the GraphQL `Opportunity` type."""

    id: str
    name: str
    account_id: str


@dataclass(frozen=True)
class PlanCommitment(Answer):
    id: str
    text: str
    due: dt.date
    done_on: dt.date | None
    overdue: bool  # due before the day asked and not done by it


@dataclass(frozen=True)
class PlanReview(Answer):
    id: str
    date: dt.date
    reviewed_by: StaffRef | None
    on_track: bool
    gap: str | None
    remedy: str | None

    @staticmethod
    def of(review: ReviewInfo) -> PlanReview:
        return PlanReview(id=review.id, date=review.date,
                          reviewed_by=StaffRef.of(review.reviewed_by)
                          if review.reviewed_by else None,
                          on_track=review.on_track, gap=review.gap, remedy=review.remedy)


@dataclass(frozen=True)
class PlanCard(Answer):
    """A plan as of a day: the card, and what it says on that day."""

    id: str
    contact: ContactRef
    owner: StaffRef
    sponsor: StaffRef
    opportunity: OpportunityRef | None
    start: dt.date
    end: dt.date
    target_attitude: int
    goal: str
    principle: str | None
    review_every_days: int
    active: bool
    current_attitude: int | None  # the contact's attitude on the day; None = unknown
    reached_target: bool
    last_review: PlanReview | None
    next_review_due: dt.date | None  # None once the plan has ended
    review_overdue: bool  # active, and the next review was due before the day
    commitments: list[PlanCommitment] = field(default_factory=list)
    reviews: list[PlanReview] = field(default_factory=list)


def card_of(plan: PlanInfo, day: dt.date) -> PlanCard:
    """What the plan says on `day`: only reviews and assessments up to it count."""
    known = [r for r in plan.reviews if r.date <= day]
    last = plan.last_review(day)
    o = plan.opportunity
    return PlanCard(
        id=plan.id, contact=plan.contact.ref(day), owner=StaffRef.of(plan.owner),
        sponsor=StaffRef.of(plan.sponsor),
        opportunity=OpportunityRef(o["id"], o.get("name") or o["id"], o["account"])
        if o else None,
        start=plan.start, end=plan.end, target_attitude=plan.target_attitude, goal=plan.goal,
        principle=plan.principle, review_every_days=plan.review_every_days,
        active=plan.active_on(day),
        current_attitude=attitude_at(plan.contact.assessments, day),
        reached_target=plan.reached_on(day, plan.contact.assessments),
        last_review=PlanReview.of(last) if last else None,
        next_review_due=plan.next_review_due(day) if day <= plan.end else None,
        review_overdue=plan.review_overdue(day),
        commitments=[PlanCommitment(m.id, m.text, m.due, m.done_on if m.done_by(day) else None,
                                    m.overdue_on(day)) for m in plan.commitments],
        reviews=[PlanReview.of(r) for r in known],
    )


def plans(
    store: GraphStore, account_ids: Sequence[str] | None = None, contact_id: str | None = None,
    active_on: dt.date | None = None, as_of: dt.date | None = None,
    plan_ids: Sequence[str] | None = None,
) -> list[PlanCard]:
    """The plans of these accounts (every account when None), of one contact, or of some ids;
    with `active_on`, only those active that day. Their computed fields are as of `as_of`
    (default today). An unknown account or contact raises NotFound. Ordered by account,
    contact name, start, id."""
    day = resolve_as_of(as_of)
    if account_ids is not None:
        wanted = sorted(set(account_ids))
        known = {r["id"] for r in store.run(KNOWN_ACCOUNTS, {"ids": wanted})} if wanted else set()
        for aid in account_ids:
            if aid not in known:
                raise NotFound("account", aid)
        if not wanted:
            return []
    if contact_id is not None:
        rows = store.run(KNOWN_PEOPLE, {"ids": [contact_id]})
        if not any("Contact" in (r.get("labels") or []) for r in rows):
            raise NotFound("contact", contact_id)
    narrow: dict[str, Any] = {"accounts": None if account_ids is None else sorted(set(account_ids)),
                              "contact": contact_id,
                              "plans": None if plan_ids is None else sorted(set(plan_ids)),
                              "since": active_on, "until": active_on}
    found = [card_of(p, day) for p in _fetch(store, narrow, day)]
    found.sort(key=lambda c: (c.contact.account_id, c.contact.name, c.contact.id, c.start, c.id))
    return found

