"""The general relationship, per client department (org unit) of an account on a day D.

- process = min(1, n / T): n = interactions in the 365 days up to D attended by at least one
  active contact who is a member of the unit itself (not of a unit below it),
  T = RELGRAPH_GENERAL_ACTIVITY_TARGET (12 a year);
- result = mean of keyEventSupport / 2, informationChannel / 2 and (0 if issueSpread else 1)
  of the unit's latest assessment in those 365 days (none: result and score are null);
- score = (1 - w) * process + w * result, w = RELGRAPH_GENERAL_RESULT_WEIGHT (0.8).

Statements per call: 4 (the account, its units, its company records, the units' activities).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound
from relgraph.intel.common import resolve_as_of, rounded, settings_or_default
from relgraph.intel.company import CompanyFacts, CompanyRecords, latest, unit_activities
from relgraph.intel.facts import UnitInfo, units_of
from relgraph.intel.types import DepartmentRelationship, UnitRef
from relgraph.store.base import GraphStore

PORTFOLIO_ACCOUNTS = statement("intel_portfolio_accounts")


def general_relationship(
    store: GraphStore, account_id: str, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[DepartmentRelationship]:
    """The general relationship of every org unit of one account on `as_of` (today by
    default), in unit id order; units never assessed have a null score. An unknown account
    raises NotFound."""
    day, cfg = resolve_as_of(as_of), settings_or_default(settings)
    if not store.run(PORTFOLIO_ACCOUNTS, {"ids": [account_id]}):
        raise NotFound("account", account_id)
    units = units_of(store, [account_id])
    records = CompanyRecords.fetch(store, [account_id], day)
    return departments_of(units, records.of(account_id),
                          unit_activities(store, [account_id], day), day, cfg)


def departments_of(units: Sequence[UnitInfo], facts: CompanyFacts, activities: Mapping[str, int],
                   as_of: dt.date, settings: Settings) -> list[DepartmentRelationship]:
    """Pure core of `general_relationship`: one answer per unit, in id order."""
    return [department(u, facts, activities.get(u.id, 0), as_of, settings)
            for u in sorted(units, key=lambda u: u.id)]


def department(unit: UnitInfo, facts: CompanyFacts, activities: int, as_of: dt.date,
               settings: Settings) -> DepartmentRelationship:
    """The general relationship of one unit (see the module's formulas)."""
    mine = facts.assessments_of(unit.id)
    current = latest(mine, as_of, windowed=True)
    ever = latest(mine, as_of)
    process = min(1.0, activities / settings.general_activity_target)
    result = score = None
    if current is not None:
        result = (current.key_event_support / 2 + current.information_channel / 2
                  + (0.0 if current.issue_spread else 1.0)) / 3
        weight = settings.general_result_weight
        score = (1 - weight) * process + weight * result
    return DepartmentRelationship(
        org_unit=UnitRef(unit.id, unit.name, unit.account, unit.parent),
        activities=activities, process=rounded(process),
        result=None if result is None else rounded(result),
        score=None if score is None else rounded(score),
        key_event_support=None if current is None else current.key_event_support,
        information_channel=None if current is None else current.information_channel,
        issue_spread=None if current is None else current.issue_spread,
        last_assessed=None if ever is None else ever.date,
        obstructs=current is not None and current.obstructs,
    )


def mean_score(departments: Sequence[DepartmentRelationship]) -> float | None:
    """The mean score of the assessed departments (None when none is)."""
    scores = [d.score for d in departments if d.score is not None]
    return rounded(sum(scores) / len(scores)) if scores else None
