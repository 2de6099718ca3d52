"""The power map on each engine: units, contacts, our people, links and gaps, exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.support import load

from relgraph.errors import NotFound
from relgraph.intel import power_map, power_map_dot
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)


@pytest.fixture()
def northwind(store: GraphStore) -> GraphStore:
    load(store,
         accounts=[{"id": "acc-1", "name": "Northwind", "tier": "S"}],
         orgUnits=[{"id": "u1", "account": "acc-1", "name": "Technology"},
                   {"id": "u2", "account": "acc-1", "name": "Network", "parent": "u1"}],
         contacts=[{"id": "cto", "account": "acc-1", "orgUnit": "u1", "name": "Ana Ruiz",
                    "title": "CTO", "rank": "A"},
                   {"id": "eng", "account": "acc-1", "orgUnit": "u2", "name": "Wu Fang",
                    "rank": "C", "risingStar": True},
                   {"id": "gone", "account": "acc-1", "orgUnit": "u2", "name": "Old Hand",
                    "active": False}],
         staff=[{"id": "s1", "name": "Li Wei", "rank": "B", "role": "account_manager"},
                {"id": "s2", "name": "Bo Chen", "rank": "A", "role": "executive"}],
         owners=[{"staff": "s1", "contact": "cto", "role": "A"}],
         sponsors=[{"staff": "s2", "contact": "cto"}, {"staff": "s2", "account": "acc-1"}],
         teams=[{"staff": "s1", "account": "acc-1", "role": "AR"}],
         knows=[{"staff": "s1", "contact": "cto", "strength": 0.7}],
         interactions=[{"id": "i1", "type": "formal_visit", "date": "2026-10-01",
                        "staff": ["s1"], "contacts": ["eng"]}],
         reportingLines=[{"person": "eng", "manager": "cto"},
                         {"person": "gone", "manager": "cto", "until": "2025-01-01"}],
         influences=[{"from": "eng", "to": "cto", "strength": 0.6, "kind": "ex-colleague"}],
         competitors=[{"id": "k1", "name": "Rival"}],
         supplies=[{"competitor": "k1", "account": "acc-1", "position": "primary"}],
         favors=[{"contact": "eng", "competitor": "k1", "strength": 0.4}],
         assessments=[{"contact": "cto", "date": "2026-06-01", "attitude": 3},
                      {"contact": "eng", "date": "2026-06-01", "attitude": 1}])
    return store


def test_power_map(northwind: GraphStore) -> None:
    before = northwind.statements_run
    pm = power_map(northwind, "acc-1", as_of=AS_OF)
    assert northwind.statements_run - before <= 11  # 9 reads, the generation before and after
    assert (pm.account_id, pm.account_name, pm.tier, pm.as_of) == ("acc-1", "Northwind", "S",
                                                                    AS_OF)
    assert [(u.id, u.name, u.parent) for u in pm.units] == [("u1", "Technology", None),
                                                            ("u2", "Network", "u1")]
    by_id = {c.id: c for c in pm.contacts}
    assert list(by_id) == ["cto", "eng", "gone"]
    cto, eng, gone = by_id["cto"], by_id["eng"], by_id["gone"]
    assert (cto.attitude, cto.key, cto.coach, cto.rank, cto.org_unit) == (3, True, True, "A",
                                                                         "u1")
    assert cto.owners == [{"staffId": "s1", "name": "Li Wei", "role": "A"}]
    assert cto.sponsors == [{"staffId": "s2", "name": "Bo Chen"}]
    assert cto.gaps == ["OWNER_MISSING_B", "STALE_CONTACT"]
    assert cto.last_interaction is None
    assert (eng.attitude, eng.key, eng.coach, eng.rising_star, eng.gaps) == (1, False, False,
                                                                            True, [])
    assert eng.favors == [{"competitorId": "k1", "name": "Rival", "strength": 0.4}]
    assert eng.last_interaction == dt.date(2026, 10, 1)
    assert (gone.active, gone.key, gone.gaps) == (False, False, [])
    derived = round(0.4 * 2 ** (-31 / 180), 6)
    assert [(x.type, x.from_, x.to, x.strength) for x in pm.links] == [
        ("FAVORS", "eng", "k1", 0.4),
        ("INFLUENCES", "eng", "cto", 0.6),
        ("KNOWS", "s1", "cto", 0.7),
        ("KNOWS", "s1", "eng", derived),
        ("REPORTS_TO", "eng", "cto", 0.5),
    ]
    assert pm.staff == [
        {"id": "s1", "name": "Li Wei", "title": None, "rank": "B", "role": "account_manager",
         "active": True, "teamRoles": ["AR"], "accountSponsor": False},
        {"id": "s2", "name": "Bo Chen", "title": None, "rank": "A", "role": "executive",
         "active": True, "teamRoles": [], "accountSponsor": True},
    ]
    assert pm.competitors == [{"id": "k1", "name": "Rival", "position": "primary"}]
    assert sorted({(g.kind, g.subject_id) for g in pm.gaps}) == [
        ("ORG_ACTION_MISSING", "acc-1"), ("OWNER_MISSING_B", "cto"), ("RETIER_OVERDUE", "acc-1"),
        ("SINGLE_THREADED", "acc-1"), ("STALE_CONTACT", "cto"), ("TRIANGLE_ROLE_MISSING", "acc-1")]
    d = pm.to_dict()
    assert d["contacts"][0]["lastInteraction"] is None and d["links"][0]["from"] == "eng"
    dot = power_map_dot(pm)
    assert dot.startswith('digraph "acc-1" {')
    assert '"u1" -> "u2" [arrowhead=none' in dot  # Network under Technology
    assert '"u2":p1 -> "u1":p0 [style=dashed, constraint=false, label="0.60"]' in dot  # influence
    assert '"u2":p1 -> "k1" [style=bold, constraint=false, label="0.40"]' in dot  # favour


def test_power_map_time_travel_and_errors(northwind: GraphStore) -> None:
    pm = power_map(northwind, "acc-1", as_of=dt.date(2024, 6, 1))
    assert {c.id: c.attitude for c in pm.contacts} == {"cto": None, "eng": None, "gone": None}
    assert ("REPORTS_TO", "gone", "cto") in {(x.type, x.from_, x.to) for x in pm.links}
    assert not [x for x in pm.links if x.type == "KNOWS" and x.to == "eng"]
    with pytest.raises(NotFound):
        power_map(northwind, "acc-404", as_of=AS_OF)
