"""Scores, account health and attitude changes on each engine, with exact answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.support import load

from relgraph.errors import NotFound, RelgraphError
from relgraph.intel import account_health, attitude_changes, contact_scores
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)


def contact(cid: str, account: str = "acc-1", **extra: Any) -> dict[str, Any]:
    return {"id": cid, "account": account, "name": f"Contact {cid}", **extra}


@pytest.fixture()
def portfolio(store: GraphStore) -> GraphStore:
    load(store,
         accounts=[{"id": "acc-1", "name": "One", "tier": "S"},
                   {"id": "acc-2", "name": "Two", "tier": "A"},
                   {"id": "acc-3", "name": "Three", "tier": "C"}],
         staff=[{"id": "s1", "name": "Li"}, {"id": "s2", "name": "Bo"},
                {"id": "s0", "name": "Old", "active": False}],
         contacts=[contact("a", rank="A"), contact("b", key=True, rank="B"),
                   contact("c", rank="C"), contact("d", rank="S"),
                   contact("gone", rank="A", active=False), contact("z", "acc-2", rank="A")],
         owners=[{"staff": "s1", "contact": "a", "role": "A"},
                 {"staff": "s2", "contact": "a", "role": "B"},
                 {"staff": "s1", "contact": "b", "role": "A"},
                 {"staff": "s0", "contact": "b", "role": "B"}],
         interactions=[{"id": "i1", "type": "formal_visit", "date": "2026-09-30",
                        "staff": ["s1"], "contacts": ["a", "b"]},
                       {"id": "i2", "type": "summit", "date": "2025-12-01",
                        "staff": ["s1"], "contacts": ["d"]}],
         assessments=[
             {"contact": "a", "date": "2025-06-01", "acceptance": 1, "participation": 1,
              "attitude": 1},
             # mean 2.5: an exact half goes toward 0, so attitude 2 (supportive, no coach)
             {"contact": "a", "date": "2026-06-01", "acceptance": 3, "participation": 2,
              "projectSupport": 2, "informationSharing": 3, "guidance": 3,
              "competitiveStance": 2},
             {"contact": "b", "date": "2025-06-01", "attitude": 2},
             {"contact": "b", "date": "2026-06-01", "acceptance": 0, "guidance": 1,
              "attitude": 0},
             {"contact": "c", "date": "2026-03-01", "acceptance": 1},
             {"contact": "d", "date": "2025-01-01", "attitude": 1},
             {"contact": "d", "date": "2026-01-01", "attitude": 1},
             {"contact": "gone", "date": "2025-01-01", "attitude": 2},
         ])
    return store


def test_contact_scores(portfolio: GraphStore) -> None:
    found = [(s.contact.id, s.score, s.attitude, s.assessed_on)
             for s in contact_scores(portfolio, "acc-1", as_of=AS_OF)]
    assert found == [
        ("a", 2.5, 2, dt.date(2026, 6, 1)),
        ("c", 1.0, 1, dt.date(2026, 3, 1)),
        ("b", 0.5, 0, dt.date(2026, 6, 1)),
        ("d", None, 1, dt.date(2026, 1, 1)),
    ]
    earlier = {s.contact.id: s.score for s in contact_scores(portfolio, "acc-1",
                                                              as_of=dt.date(2025, 7, 1))}
    assert earlier == {"a": 1.0, "b": None, "c": None, "d": None}
    with pytest.raises(NotFound):
        contact_scores(portfolio, "acc-404", as_of=AS_OF)


def test_account_health(portfolio: GraphStore) -> None:
    before = portfolio.statements_run
    health = account_health(portfolio, as_of=AS_OF)
    assert portfolio.statements_run - before == 3  # accounts, contacts, staff directory
    by_id = {h.account_id: h for h in health}
    assert [h.account_id for h in health] == ["acc-1", "acc-2", "acc-3"]
    one = by_id["acc-1"]
    # key contacts: a (rank A), b (flagged), d (rank S); gone is inactive, c is rank C
    assert one.key_contacts == 3
    assert one.supportive_share == round(2 / 3, 4)   # a (2) and d (1); b is 0
    assert one.owner_coverage == round(1 / 3, 4)     # only a has an active A and B owner
    assert one.cadence_adherence == round(2 / 3, 4)  # a (A: 183 d) and d (S: 365 d); b stale
    assert one.coach_present is False
    assert one.health == round((2 / 3 + 1 / 3 + 2 / 3 + 0) / 4, 4)
    two = by_id["acc-2"]
    assert (two.key_contacts, two.supportive_share, two.owner_coverage, two.cadence_adherence,
            two.health) == (1, 0.0, 0.0, 0.0, 0.0)
    assert by_id["acc-3"].key_contacts == 0 and by_id["acc-3"].health == 0.0
    assert [h.account_id for h in account_health(portfolio, ["acc-2"], as_of=AS_OF)] == ["acc-2"]
    assert one.to_dict()["supportiveShare"] == one.supportive_share


def test_attitude_changes(portfolio: GraphStore) -> None:
    changes = attitude_changes(portfolio, "acc-1", dt.date(2025, 12, 31), dt.date(2026, 12, 31))
    assert [(c.contact.id, c.before, c.after, c.change, c.direction) for c in changes] == [
        ("a", 1, 2, 1, "strengthened"),
        ("b", 2, 0, -2, "weakened"),
        ("c", None, 1, None, "new"),
        ("gone", 2, None, None, "departed"),
        ("d", 1, 1, 0, "unchanged"),
    ]
    with pytest.raises(RelgraphError, match="since"):
        attitude_changes(portfolio, "acc-1", dt.date(2026, 1, 2), dt.date(2026, 1, 1))
