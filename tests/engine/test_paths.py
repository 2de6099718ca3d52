"""Influence paths on each engine: ranking, exclusions, directions, hop limit, derived KNOWS."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support import load

from relgraph.cypher import statement
from relgraph.errors import NotFound, RelgraphError
from relgraph.intel import influence_paths, influenced_by
from relgraph.intel.common import derived_knows_strength
from relgraph.intel.projection import LOAD_STATEMENTS, projection_of
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)


def people(*ids: str, account: str = "acc-1", **extra: Any) -> list[dict[str, Any]]:
    return [{"id": i, "account": account, "name": i.upper(), **extra} for i in ids]


def staff(*ids: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"id": i, "name": i.upper(), **extra} for i in ids]


BASE: dict[str, list[dict[str, Any]]] = {
    "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S"}],
}


def seqs(paths: list[Any]) -> list[list[str]]:
    return [[n.id for n in p.nodes] for p in paths]


def test_best_paths_in_order_with_exact_strengths(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1", "s2"), contacts=people("t", "a", "b"),
         knows=[{"staff": "s1", "contact": "a", "strength": 0.9},
                {"staff": "s2", "contact": "b", "strength": 0.6},
                {"staff": "s1", "contact": "t", "strength": 0.3}],
         influences=[{"from": "a", "to": "t", "strength": 0.8, "kind": "mentor"},
                     {"from": "b", "to": "t", "strength": 0.9},
                     {"from": "a", "to": "b", "strength": 0.5}])
    before, loads = store.statements_run, projection_of(store).loads
    paths = influence_paths(store, "t", as_of=AS_OF)
    # The writes made the projection stale: it was read again, once (generation, the bulk
    # reads, generation again); the next question costs the generation check alone.
    assert projection_of(store).loads == loads + 1
    assert store.statements_run - before == 2 + len(LOAD_STATEMENTS)
    before = store.statements_run
    assert influence_paths(store, "t", as_of=AS_OF) == paths
    assert store.statements_run - before == 1
    assert seqs(paths) == [["s1", "a", "t"], ["s2", "b", "t"], ["s1", "a", "b", "t"], ["s1", "t"]]
    assert [p.strength for p in paths] == [0.72, 0.54, 0.405, 0.3]
    assert [p.hops for p in paths] == [2, 2, 3, 1]
    first = paths[0]
    assert [(x.id, x.side.value) for x in first.nodes] == [("s1", "OURS"), ("a", "THEIRS"),
                                                           ("t", "THEIRS")]
    assert [(k.type.value, k.from_, k.to, k.strength, k.source) for k in first.links] == [
        ("KNOWS", "s1", "a", 0.9, "asserted"), ("INFLUENCES", "a", "t", 0.8, "influence")]
    assert first.links[1].explanation == "A influences T (mentor, 0.80)"
    d = first.to_dict()
    assert d["links"][0]["from"] == "s1" and d["nodes"][0]["side"] == "OURS"
    # limit and from
    assert seqs(influence_paths(store, "t", limit=2, as_of=AS_OF)) == [["s1", "a", "t"],
                                                                       ["s2", "b", "t"]]
    assert seqs(influence_paths(store, "t", from_ids=["s2"], as_of=AS_OF)) == [["s2", "b", "t"]]


def test_inactive_and_opposed_people_are_never_hops(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1"),
         contacts=[*people("t", "ok"), *people("gone", active=False), *people("foe")],
         knows=[{"staff": "s1", "contact": c, "strength": 0.9} for c in ("ok", "gone", "foe")],
         influences=[{"from": c, "to": "t", "strength": 0.5} for c in ("ok", "gone", "foe")],
         assessments=[{"contact": "foe", "date": "2026-06-01", "attitude": -1},
                      {"contact": "ok", "date": "2026-06-01", "attitude": 0}])
    assert seqs(influence_paths(store, "t", as_of=AS_OF)) == [["s1", "ok", "t"]]
    # before the opposed assessment the contact's attitude was unknown: a hop again
    earlier = influence_paths(store, "t", as_of=dt.date(2026, 5, 31))
    assert seqs(earlier) == [["s1", "foe", "t"], ["s1", "ok", "t"]]
    # an opposed or inactive target can still be reached
    assert seqs(influence_paths(store, "foe", as_of=AS_OF)) == [["s1", "foe"]]
    assert seqs(influence_paths(store, "gone", as_of=AS_OF)) == [["s1", "gone"]]


def test_inactive_staff_start_nothing(store: GraphStore) -> None:
    load(store, **BASE, staff=[*staff("s1"), *staff("s0", active=False)],
         contacts=people("t"),
         knows=[{"staff": "s0", "contact": "t", "strength": 1.0},
                {"staff": "s1", "contact": "t", "strength": 0.1}])
    assert seqs(influence_paths(store, "t", as_of=AS_OF)) == [["s1", "t"]]
    with pytest.raises(RelgraphError, match="inactive"):
        influence_paths(store, "t", from_ids=["s0"], as_of=AS_OF)


def test_target_is_only_ever_the_end(store: GraphStore) -> None:
    # t would be a strong relay to x, but paths to x never pass through... x, and paths to t end
    load(store, **BASE, staff=staff("s1"), contacts=people("t", "x"),
         knows=[{"staff": "s1", "contact": "t", "strength": 1.0},
                {"staff": "s1", "contact": "x", "strength": 0.1}],
         influences=[{"from": "t", "to": "x", "strength": 1.0},
                     {"from": "x", "to": "t", "strength": 1.0}])
    to_t = influence_paths(store, "t", as_of=AS_OF)
    assert seqs(to_t) == [["s1", "t"], ["s1", "x", "t"]]
    for path in to_t:
        assert [n.id for n in path.nodes].count("t") == 1
    assert seqs(influence_paths(store, "x", as_of=AS_OF)) == [["s1", "t", "x"], ["s1", "x"]]


def test_influences_only_in_its_direction(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1"), contacts=people("t", "c"),
         knows=[{"staff": "s1", "contact": "c", "strength": 0.9}],
         influences=[{"from": "t", "to": "c", "strength": 0.9}])
    assert influence_paths(store, "t", as_of=AS_OF) == []
    assert seqs(influence_paths(store, "c", as_of=AS_OF)) == [["s1", "c"]]


def test_reporting_lines_both_ways_current_only(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1", "s2", "s3", "s4"),
         contacts=people("t", "boss", "report", "old", "future"),
         knows=[{"staff": "s1", "contact": "boss", "strength": 0.8},
                {"staff": "s2", "contact": "report", "strength": 0.6},
                {"staff": "s3", "contact": "old", "strength": 1.0},
                {"staff": "s4", "contact": "future", "strength": 1.0}],
         reportingLines=[
             {"person": "t", "manager": "boss", "since": "2020-01-01"},
             {"person": "report", "manager": "t", "strength": 0.9},
             {"person": "t", "manager": "old", "since": "2019-01-01", "until": "2026-01-01"},
             {"person": "future", "manager": "t", "since": "2027-01-01"},
         ])
    paths = influence_paths(store, "t", as_of=AS_OF)
    assert seqs(paths) == [["s2", "report", "t"], ["s1", "boss", "t"]]
    assert [p.strength for p in paths] == [0.54, 0.4]
    assert paths[0].links[1].explanation == "REPORT reports to T (reporting line, 0.90)"
    assert paths[1].links[1].explanation == "BOSS manages T (reporting line, 0.50)"
    # in 2025 the old line was current
    assert ["s3", "old", "t"] in seqs(influence_paths(store, "t", as_of=dt.date(2025, 6, 1)))


def test_hop_limit(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1"), contacts=people("t", "c1", "c2", "c3"),
         knows=[{"staff": "s1", "contact": "c1", "strength": 1.0}],
         influences=[{"from": "c1", "to": "c2", "strength": 1.0},
                     {"from": "c2", "to": "c3", "strength": 1.0},
                     {"from": "c3", "to": "t", "strength": 0.5}])
    assert influence_paths(store, "t", max_hops=3, as_of=AS_OF) == []
    assert seqs(influence_paths(store, "t", max_hops=4, as_of=AS_OF)) == [
        ["s1", "c1", "c2", "c3", "t"]]
    before = store.statements_run
    influence_paths(store, "t", max_hops=2, as_of=AS_OF)
    assert store.statements_run - before == 1


def test_derived_knows_from_shared_interactions_and_asserted_wins(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1", "s2", "s3"), contacts=people("t", "d", "e", "f"),
         influences=[{"from": c, "to": "t", "strength": 1.0} for c in ("d", "e", "f")],
         knows=[{"staff": "s2", "contact": "e", "strength": 0.2}],
         interactions=[
             {"id": "i1", "type": "formal_visit", "date": "2026-10-22", "account": "acc-1",
              "staff": ["s1", "s2"], "contacts": ["d", "e"]},
             {"id": "i2", "type": "email", "date": "2026-07-24", "account": "acc-1",
              "staff": ["s1"], "contacts": ["d"]},
             {"id": "i3", "type": "summit", "date": "2024-10-01", "account": "acc-1",
              "staff": ["s3"], "contacts": ["f"]},  # outside the 730-day window
         ])
    paths = influence_paths(store, "t", as_of=AS_OF)
    expected_d = 1 - (1 - 0.4 * 2 ** (-10 / 180)) * (1 - 0.3 * 2 ** (-100 / 180))
    expected_e = 0.4 * 2 ** (-10 / 180)  # s1 and e met once; s2's asserted 0.2 wins over 0.38
    assert seqs(paths) == [["s1", "d", "t"], ["s1", "e", "t"], ["s2", "d", "t"], ["s2", "e", "t"]]
    assert paths[0].strength == pytest.approx(expected_d, abs=1e-6)
    assert paths[1].strength == pytest.approx(expected_e, abs=1e-6)
    assert paths[2].strength == pytest.approx(expected_e, abs=1e-6)
    assert paths[3].strength == 0.2
    hop = paths[0].links[0]
    assert (hop.type.value, hop.source, hop.interactions, hop.last_interaction) == (
        "KNOWS", "derived", 2, dt.date(2026, 10, 22))
    assert hop.explanation == (
        "S1 met D 2 times in the window, last 2026-10-22 (derived KNOWS, 0.51)")
    assert paths[3].links[0].source == "asserted"
    assert derived_knows_strength([(dt.date(2026, 10, 22), "key")], AS_OF) == pytest.approx(
        expected_e)
    # a year later the same interactions are weaker; three years later they no longer count
    later = influence_paths(store, "t", as_of=dt.date(2027, 11, 1))
    assert later[0].strength < paths[0].strength
    assert influence_paths(store, "t", from_ids=["s1"], as_of=dt.date(2029, 11, 1)) == []


def test_unknown_people_are_clear_errors(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1"), contacts=people("t"))
    with pytest.raises(NotFound, match="contact 'nobody'"):
        influence_paths(store, "nobody", as_of=AS_OF)
    with pytest.raises(NotFound, match="contact 's1'"):
        influence_paths(store, "s1", as_of=AS_OF)
    with pytest.raises(NotFound, match="staff member 'x'"):
        influence_paths(store, "t", from_ids=["x"], as_of=AS_OF)
    with pytest.raises(NotFound, match="staff member 't'"):
        influence_paths(store, "t", from_ids=["t"], as_of=AS_OF)
    with pytest.raises(RelgraphError, match="max_hops"):
        influence_paths(store, "t", max_hops=0, as_of=AS_OF)


def test_influenced_by(store: GraphStore) -> None:
    load(store, **BASE, staff=staff("s1"),
         contacts=[*people("a", "b", "c", "d", "e"), *people("x", active=False)],
         influences=[{"from": "a", "to": "b", "strength": 0.8},
                     {"from": "b", "to": "c", "strength": 0.5},
                     {"from": "d", "to": "a", "strength": 0.9},   # into a: not a's influence
                     {"from": "a", "to": "x", "strength": 1.0},   # departed
                     {"from": "x", "to": "e", "strength": 1.0}],  # only via the departed
         reportingLines=[{"person": "a", "manager": "d"}])  # a reports to d: both ways
    found = influenced_by(store, "a", as_of=AS_OF)
    assert [(i.contact.id, i.strength, i.hops, i.via) for i in found] == [
        ("b", 0.8, 1, []), ("d", 0.5, 1, []), ("c", 0.4, 2, ["b"])]
    assert [i.contact.id for i in influenced_by(store, "a", max_hops=1, as_of=AS_OF)] == ["b", "d"]
    with pytest.raises(NotFound):
        influenced_by(store, "s1", as_of=AS_OF)


# --- property: the whole question (fetch, early stop, ranking) against brute force ----------

STRENGTHS = (0.2, 0.5, 0.8, 1.0)


@st.composite
def small_graphs(draw: st.DrawFn) -> dict[str, Any]:
    staff_ids = ["s0", "s1", "s2"]
    contact_ids = ["t", "c1", "c2", "c3", "c4"]
    inactive = set(draw(st.lists(st.sampled_from(["s2", "c3"]), max_size=2)))
    opposed = set(draw(st.lists(st.sampled_from(["c1", "c2"]), max_size=1)))
    pairs = [(a, b) for a in contact_ids for b in contact_ids if a != b]
    knows = draw(st.lists(st.tuples(st.sampled_from(staff_ids), st.sampled_from(contact_ids),
                                    st.sampled_from(STRENGTHS)),
                          max_size=5, unique_by=lambda x: (x[0], x[1])))
    influences = draw(st.lists(st.tuples(st.sampled_from(pairs), st.sampled_from(STRENGTHS)),
                               max_size=6, unique_by=lambda x: x[0]))
    lines = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
    return {
        "staff": [{"id": s, "name": s.upper(), "active": s not in inactive} for s in staff_ids],
        "contacts": [{"id": c, "account": "acc-1", "name": c.upper(), "active": c not in inactive}
                     for c in contact_ids],
        "knows": [{"staff": s, "contact": c, "strength": w} for s, c, w in knows],
        "influences": [{"from": a, "to": b, "strength": w} for (a, b), w in influences],
        "reportingLines": [{"person": a, "manager": b} for a, b in lines],
        "assessments": [{"contact": c, "date": "2026-01-01", "attitude": -1} for c in opposed],
        "max_hops": draw(st.integers(1, 4)), "limit": draw(st.integers(1, 4)),
    }


def brute_force(doc: dict[str, Any]) -> list[tuple[float, tuple[str, ...]]]:
    """Every simple path from an active staff member to t, by the contract's rules."""
    best: dict[tuple[str, str], float] = {}

    def link(u: str, v: str, w: float) -> None:
        best[(u, v)] = max(best.get((u, v), 0.0), w)

    for k in doc["knows"]:
        link(k["staff"], k["contact"], k["strength"])
        link(k["contact"], k["staff"], k["strength"])
    for r in doc["reportingLines"]:
        link(r["person"], r["manager"], 0.5)
        link(r["manager"], r["person"], 0.5)
    for i in doc["influences"]:
        link(i["from"], i["to"], i["strength"])
    active = {p["id"] for p in doc["staff"] + doc["contacts"] if p["active"]}
    opposed = {a["contact"] for a in doc["assessments"]}
    starts = sorted(s["id"] for s in doc["staff"] if s["active"])
    relays = [c["id"] for c in doc["contacts"]
              if c["id"] in active and c["id"] not in opposed and c["id"] != "t"]
    found = []
    for start in starts:
        for hops in range(1, doc["max_hops"] + 1):
            for inner in itertools.permutations(relays, hops - 1):
                seq = (start, *inner, "t")
                if all(p in best for p in itertools.pairwise(seq)):
                    found.append((math.prod(best[p] for p in itertools.pairwise(seq)), seq))
    found.sort(key=lambda x: (-x[0], len(x[1]), x[1]))
    return found


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(small_graphs())
def test_influence_paths_equal_brute_force(store: GraphStore, doc: dict[str, Any]) -> None:
    store.run(statement("clear_graph"))
    arrays = {k: v for k, v in doc.items() if k not in ("max_hops", "limit")}
    load(store, **BASE, **arrays)
    got = influence_paths(store, "t", max_hops=doc["max_hops"], limit=doc["limit"], as_of=AS_OF)
    every = brute_force(doc)
    want = every[:doc["limit"]]
    assert [p.strength for p in got] == pytest.approx([round(s, 6) for s, _ in want])
    strengths = [s for s, _ in every]
    if all(not math.isclose(a, b) for a, b in itertools.pairwise(strengths)):
        assert [tuple(n.id for n in p.nodes) for p in got] == [seq for _, seq in want]
