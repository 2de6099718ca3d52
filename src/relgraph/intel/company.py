"""The client as a company: the records that the organizational relationship, the general
relationship and the tier rules read, fetched for many accounts at once.

`CompanyRecords.fetch` costs one statement per 1,000 accounts (organizational actions and the
interactions that count as one, department assessments, tier reviews); `unit_activities` and
`attendances` one each. The rest is pure: the window of a day, and which record of a list is
the latest in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from relgraph.batching import chunks
from relgraph.cypher import statement
from relgraph.intel.common import iso, to_date
from relgraph.model import ACTION_OF_INTERACTION, InteractionType, OrgAction
from relgraph.store.base import GraphStore

COMPANY_RECORDS = statement("intel_company_records")
UNIT_ACTIVITIES = statement("intel_unit_activities")
ATTENDANCES = statement("intel_attendances")
ALL_ATTENDANCES = statement("intel_all_attendances")

# "The 365 days up to D": D - 365 days ... D, both ends included.
WINDOW_DAYS = 365
BATCH_ACCOUNTS = 1_000


def window_start(as_of: dt.date) -> dt.date:
    """The first day of the 365 days up to `as_of`."""
    return as_of - dt.timedelta(days=WINDOW_DAYS)


def in_window(day: dt.date, as_of: dt.date) -> bool:
    """Whether `day` is one of the 365 days up to `as_of` (both ends included)."""
    return window_start(as_of) <= day <= as_of


class Dated(Protocol):
    """A record with a date and an id (the id breaks ties between records of one day)."""

    @property
    def id(self) -> str: ...

    @property
    def date(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)


def latest(records: Iterable[D], as_of: dt.date, *, windowed: bool = False) -> D | None:
    """The latest record dated on or before `as_of` (with `windowed`: in the 365 days up to it);
    of two on one day, the one with the greater id."""
    best: D | None = None
    for r in records:
        if r.date > as_of or (windowed and not in_window(r.date, as_of)):
            continue
        if best is None or (r.date, r.id) > (best.date, best.id):
            best = r
    return best


@dataclass(frozen=True)
class Evidence:
    """An organizational action done: an `orgActions` record, or an interaction whose type counts
    as the action (`type` is then the interaction type, `note` its summary)."""

    source: str  # "orgAction" or "interaction"
    id: str
    action: OrgAction
    date: dt.date
    type: str
    note: str | None = None


@dataclass(frozen=True)
class UnitAssessment:
    """A dated assessment of a client department (org unit)."""

    id: str
    org_unit: str
    date: dt.date
    key_event_support: int
    information_channel: int
    issue_spread: bool

    @property
    def obstructs(self) -> bool:
        """The department obstructs key events, or a serious issue spread through it."""
        return self.key_event_support == 0 or self.issue_spread


@dataclass(frozen=True)
class TierReviewInfo:
    """A dated tier decision for an account."""

    id: str
    date: dt.date
    tier: str
    reviewed_by: str | None = None
    note: str | None = None

    @staticmethod
    def from_item(item: Mapping[str, Any]) -> TierReviewInfo:
        """The review of a statement's map (the document's camelCase keys)."""
        day = to_date(item.get("date"))
        assert day is not None  # every tier review has a date (the document requires it)
        return TierReviewInfo(item["id"], day, item["tier"], item.get("reviewedBy"),
                              item.get("note"))


@dataclass
class CompanyFacts:
    """One account's records up to a day: every organizational action, the interactions that
    count as one in the window (and, before it, the latest date per action), department
    assessments and tier reviews."""

    account: str
    evidence: list[Evidence] = field(default_factory=list)
    earlier: dict[OrgAction, dt.date] = field(default_factory=dict)
    assessments: list[UnitAssessment] = field(default_factory=list)
    tier_reviews: list[TierReviewInfo] = field(default_factory=list)

    def assessments_of(self, unit: str) -> list[UnitAssessment]:
        return [a for a in self.assessments if a.org_unit == unit]


@dataclass(frozen=True)
class CompanyRecords:
    """The company records of some accounts up to `as_of`."""

    as_of: dt.date
    accounts: Mapping[str, CompanyFacts] = field(default_factory=dict)

    def of(self, account_id: str) -> CompanyFacts:
        """The records of one account (none: an empty set)."""
        return self.accounts.get(account_id) or CompanyFacts(account_id)

    @staticmethod
    def fetch(store: GraphStore, account_ids: Sequence[str], as_of: dt.date) -> CompanyRecords:
        found: dict[str, CompanyFacts] = {a: CompanyFacts(a) for a in account_ids}
        params = {"since": iso(window_start(as_of)), "asOf": iso(as_of),
                  "types": sorted(t.value for t in ACTION_OF_INTERACTION)}
        for batch in chunks(sorted(found), BATCH_ACCOUNTS):
            for row in store.run(COMPANY_RECORDS, {**params, "accounts": batch}):
                for account, item in row["found"]:
                    _add(found[account], row["source"], item)
        for facts in found.values():
            facts.evidence.sort(key=lambda e: (e.date, e.source, e.id), reverse=True)
            facts.assessments.sort(key=lambda a: (a.org_unit, a.date, a.id))
            facts.tier_reviews.sort(key=lambda t: (t.date, t.id))
        return CompanyRecords(as_of, found)


def _add(facts: CompanyFacts, source: str, item: Mapping[str, Any]) -> None:
    day = to_date(item.get("date"))
    assert day is not None  # every one of these records has a date (the document requires it)
    if source == "orgAction":
        action = OrgAction(item["action"])
        facts.evidence.append(Evidence("orgAction", item["id"], action, day, action.value,
                                       item.get("note")))
    elif source == "interaction":
        kind = InteractionType(item["type"])
        facts.evidence.append(Evidence("interaction", item["id"], ACTION_OF_INTERACTION[kind],
                                       day, kind.value, item.get("summary")))
    elif source == "interactionBefore":
        action = ACTION_OF_INTERACTION[InteractionType(item["type"])]
        facts.earlier[action] = max(day, facts.earlier.get(action, day))
    elif source == "departmentAssessment":
        facts.assessments.append(UnitAssessment(
            item["id"], item["orgUnit"], day, int(item["keyEventSupport"]),
            int(item["informationChannel"]), item.get("issueSpread") is True))
    else:
        facts.tier_reviews.append(TierReviewInfo.from_item(item))


def unit_activities(store: GraphStore, account_ids: Sequence[str],
                    as_of: dt.date) -> dict[str, int]:
    """Per org unit of these accounts: the interactions in the 365 days up to `as_of` attended
    by at least one active contact who is a member of the unit itself."""
    found: dict[str, int] = {}
    params = {"since": iso(window_start(as_of)), "asOf": iso(as_of)}
    for batch in chunks(sorted(set(account_ids)), BATCH_ACCOUNTS):
        for row in store.run(UNIT_ACTIVITIES, {**params, "accounts": batch}):
            found.update((unit, int(activities)) for unit, activities in row["found"])
    return found


def attendances(store: GraphStore, account_ids: Sequence[str] | None,
                as_of: dt.date) -> dict[str, int]:
    """Per account (of these, or of every account when None): our staff's attendances, one per
    staff member per interaction, at its interactions in the 365 days up to `as_of`."""
    window = {"since": iso(window_start(as_of)), "asOf": iso(as_of)}
    rows = (store.run(ALL_ATTENDANCES, window) if account_ids is None else
            store.run(ATTENDANCES, {"accounts": sorted(set(account_ids)), **window}))
    return {row["account"]: int(row["attendances"]) for row in rows}
