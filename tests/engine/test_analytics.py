"""Network analytics on each engine: hidden influencers and single points of failure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.support import load

from relgraph.intel import hidden_influencers, single_points_of_failure
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)


def contact(cid: str, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "account": "acc-1", "name": f"Contact {cid}", **extra}


def test_hidden_influencers(store: GraphStore) -> None:
    # a rank-C hub steers four colleagues; the CEO and a VP only have their reporting line
    load(store, accounts=[{"id": "acc-1", "name": "One", "tier": "S"}],
         contacts=[contact("hub", risingStar=True), contact("a"), contact("b"), contact("c"),
                   contact("d"), contact("ceo", rank="S"), contact("vp", rank="A"),
                   contact("alone"), contact("gone", active=False)],
         influences=[{"from": "hub", "to": x, "strength": 0.5} for x in ("a", "b", "c", "d")]
         + [{"from": "gone", "to": "hub", "strength": 1.0}],
         reportingLines=[{"person": "vp", "manager": "ceo"}])
    found = hidden_influencers(store, "acc-1", as_of=AS_OF)
    hub = found[0]
    assert (hub.contact.id, hub.rank_level, hub.rising_star) == ("hub", 1, True)
    # hub lies on the shortest path of all 6 pairs of its 4 colleagues; 8 active contacts:
    # 6 / C(8-1, 2) = 6 / 21
    assert hub.betweenness == round(6 / 21, 4)
    assert hub.influence_index == 1.0  # the most central on both measures, and rank C
    # PageRank on the reversed influence graph: everyone gets the same base share p; hub
    # collects 0.85 * 4p more, the CEO 0.85 * p from the VP reporting to them. Index =
    # (betweenness / max + pagerank / max) / 2 / rank level.
    assert [(h.contact.id, h.influence_index) for h in found] == [
        ("hub", 1.0),
        *[(x, round(0.5 * (1 / 4.4), 4)) for x in ("a", "b", "c", "d")],
        ("ceo", round(0.5 * (1.85 / 4.4) / 4, 4)),
        ("vp", round(0.5 * (1 / 4.4) / 3, 4)),
    ]  # "alone" has no link, "gone" has left
    assert [h.contact.id for h in hidden_influencers(store, "acc-1", limit=1, as_of=AS_OF)] == [
        "hub"]


def test_single_points_of_failure(store: GraphStore) -> None:
    load(store, accounts=[{"id": "acc-1", "name": "One", "tier": "S"}],
         staff=[{"id": f"s{i}", "name": f"Staff s{i}"} for i in (1, 2, 3)]
         + [{"id": "s0", "name": "Staff s0", "active": False}],
         contacts=[contact("k1", key=True), contact("k2", key=True), contact("k3", key=True),
                   contact("c4"), contact("k5", key=True), contact("foe"),
                   contact("k6", key=True)],
         knows=[{"staff": "s1", "contact": "k1"}, {"staff": "s2", "contact": "k1"},
                {"staff": "s1", "contact": "c4"}, {"staff": "s3", "contact": "k3"},
                {"staff": "s0", "contact": "k3"}, {"staff": "s2", "contact": "foe"}],
         influences=[{"from": "c4", "to": "k2", "strength": 0.5},
                     {"from": "foe", "to": "k6", "strength": 0.9}],
         assessments=[{"contact": "foe", "date": "2026-01-01", "attitude": -1}])
    found = single_points_of_failure(store, "acc-1", as_of=AS_OF)
    assert [(x.staff_id, x.name, x.stranded_contacts) for x in found] == [
        ("s1", "Staff s1", ["k2"]), ("s3", "Staff s3", ["k3"])]
    short = single_points_of_failure(store, "acc-1", max_hops=1, as_of=AS_OF)
    assert [(x.staff_id, x.stranded_contacts) for x in short] == [("s3", ["k3"])]
    # before foe turned against us, foe was a relay too and s2 the only way to k6
    earlier = single_points_of_failure(store, "acc-1", as_of=dt.date(2025, 6, 1))
    assert [(x.staff_id, x.stranded_contacts) for x in earlier] == [
        ("s1", ["k2"]), ("s2", ["k6"]), ("s3", ["k3"])]
