"""Coaches on each engine: who is a coach, who reaches a decision maker, per opportunity,
candidates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.support import load

from relgraph.errors import NotFound
from relgraph.intel import coach_candidates, coaches
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)


def contact(cid: str, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "account": "acc-1", "name": f"Contact {cid}", **extra}


def attitude(cid: str, value: int, date: str = "2026-06-01", **dims: int) -> dict[str, Any]:
    return {"contact": cid, "date": date, "attitude": value, **dims}


@pytest.fixture()
def account(store: GraphStore) -> GraphStore:
    """dm decides o1; c-direct is dm; c-report reports to dm; c-chain reaches dm in 3 hops
    (influence, influence, reporting); c-far needs 4; c-wrong-way is influenced by dm only;
    c-via-gone passes through a departed contact; c-old's line to dm ended."""
    load(store,
         accounts=[{"id": "acc-1", "name": "Northwind", "tier": "S"},
                   {"id": "acc-2", "name": "Other", "tier": "B"}],
         contacts=[contact(c) for c in ("dm", "c-report", "c-chain", "h1", "h2", "c-far", "f1",
                                        "f2", "f3", "c-wrong-way", "c-via-gone", "c-old",
                                        "c-cand", "c-weak", "dm2", "c-closed")]
         + [contact("gone", active=False), contact("c-departed", active=False),
            {"id": "x2", "account": "acc-2", "name": "Elsewhere"}],
         opportunities=[{"id": "o1", "account": "acc-1", "name": "Core", "stage": "opportunity"},
                        {"id": "o2", "account": "acc-1", "name": "Edge", "stage": "lead"},
                        {"id": "o3", "account": "acc-1", "name": "Done", "stage": "won"}],
         decisionChain=[{"opportunity": "o1", "contact": "dm", "role": "decision_maker"},
                        {"opportunity": "o1", "contact": "c-report", "role": "evaluator"},
                        {"opportunity": "o2", "contact": "c-chain", "role": "user"},
                        {"opportunity": "o3", "contact": "dm2", "role": "decision_maker"},
                        {"opportunity": "o3", "contact": "c-closed", "role": "user"}],
         reportingLines=[{"person": "c-report", "manager": "dm"},
                         {"person": "h2", "manager": "dm"},
                         {"person": "f3", "manager": "dm"},
                         {"person": "c-old", "manager": "dm", "until": "2026-01-01"}],
         influences=[{"from": "c-chain", "to": "h1", "strength": 0.5},
                     {"from": "h1", "to": "h2", "strength": 0.5},
                     {"from": "c-far", "to": "f1", "strength": 0.5},
                     {"from": "f1", "to": "f2", "strength": 0.5},
                     {"from": "f2", "to": "f3", "strength": 0.5},
                     {"from": "dm", "to": "c-wrong-way", "strength": 0.9},
                     {"from": "c-via-gone", "to": "gone", "strength": 0.9},
                     {"from": "gone", "to": "dm", "strength": 0.9},
                     {"from": "c-closed", "to": "dm2", "strength": 0.9}],
         assessments=[attitude(c, 3) for c in ("dm", "c-report", "c-chain", "c-far",
                                               "c-wrong-way", "c-via-gone", "c-old",
                                               "c-departed", "c-closed")]
         + [attitude("x2", 3),
            attitude("c-cand", 2, informationSharing=3, guidance=2),
            attitude("c-weak", 2, informationSharing=1, guidance=3),
            attitude("c-old", 1, "2026-10-01")])
    return store


def test_coaches_and_whether_they_reach_a_decision_maker(account: GraphStore) -> None:
    found = {c.contact.id: (c.reaches_decision_maker, c.decision_makers_reached, c.opportunities)
             for c in coaches(account, "acc-1", as_of=AS_OF)}
    assert found == {
        "dm": (True, ["dm"], ["o1"]),
        "c-report": (True, ["dm"], ["o1"]),
        "c-chain": (True, ["dm"], ["o2"]),
        "c-far": (False, [], []),
        "c-wrong-way": (False, [], []),
        "c-via-gone": (False, [], []),
        "c-closed": (False, [], []),  # dm2 decides only a won opportunity
    }
    ordered = [c.contact.id for c in coaches(account, "acc-1", as_of=AS_OF)]
    assert ordered[:3] == ["c-chain", "c-report", "dm"]  # reaching first, then by name
    # c-old was a coach in the summer (and its line to dm was current before 2026-01-01)
    summer = {c.contact.id: c.reaches_decision_maker
              for c in coaches(account, "acc-1", as_of=dt.date(2025, 12, 1))}
    assert "c-old" not in summer  # no assessment yet in 2025
    july = {c.contact.id for c in coaches(account, "acc-1", as_of=dt.date(2026, 7, 1))}
    assert "c-old" in july
    assert coaches(account, "acc-1", as_of=AS_OF)[0].to_dict()["reachesDecisionMaker"] is True


def test_coaches_per_opportunity(account: GraphStore) -> None:
    assert [c.contact.id for c in coaches(account, "acc-1", "o1", as_of=AS_OF)] == [
        "c-report", "dm"]
    assert [c.contact.id for c in coaches(account, "acc-1", "o2", as_of=AS_OF)] == ["c-chain"]
    assert [(c.contact.id, c.reaches_decision_maker)
            for c in coaches(account, "acc-1", "o3", as_of=AS_OF)] == [("c-closed", False)]
    with pytest.raises(NotFound):
        coaches(account, "acc-1", "o-nope", as_of=AS_OF)
    with pytest.raises(NotFound):
        coaches(account, "acc-2", "o1", as_of=AS_OF)
    with pytest.raises(NotFound):
        coaches(account, "acc-404", as_of=AS_OF)


def test_coach_candidates(account: GraphStore) -> None:
    found = coach_candidates(account, "acc-1", as_of=AS_OF)
    assert [(c.contact.id, c.information_sharing, c.guidance, c.assessed_on) for c in found] == [
        ("c-cand", 3, 2, dt.date(2026, 6, 1))]
    assert coach_candidates(account, "acc-1", as_of=dt.date(2026, 1, 1)) == []
