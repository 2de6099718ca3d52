"""The pure core of influence paths: link resolution of a day, strengths, exact top-k ranking."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from array import array
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.intel.common import derived_knows_strength, knows_strength
from relgraph.intel.paths import _erase_loops, influence_reach, rank_paths
from relgraph.intel.projection import (
    K_INFLUENCES,
    K_KNOWS,
    K_REPORTS_TO,
    DayView,
    Link,
    LinkTable,
    base_from_rows,
    build_arcs,
    derived_strengths,
    event_code,
)
from relgraph.intel.types import LinkType

DAY = dt.date(2026, 11, 1)
STRENGTHS = (0.1, 0.2, 0.25, 0.3, 0.5, 0.8, 0.9, 1.0)
TYPES = (LinkType.KNOWS, LinkType.REPORTS_TO, LinkType.INFLUENCES)
KIND = {LinkType.KNOWS: K_KNOWS, LinkType.REPORTS_TO: K_REPORTS_TO,
        LinkType.INFLUENCES: K_INFLUENCES}


def link(kind: LinkType, src: str, dst: str, strength: float) -> Link:
    return Link(kind, src, dst, strength, "asserted")


def arcs_of(links: list[Link], ids: list[str]) -> dict[tuple[str, str], tuple[float, LinkType]]:
    """The arcs build_arcs makes of `links`: {(u, v): (strength, type of the link chosen)}."""
    table = LinkTable()
    for x in links:
        table.add(KIND[x.type], ids.index(x.src), ids.index(x.dst), x.strength, 0)
    arcs = build_arcs(len(ids), table)
    out: dict[tuple[str, str], tuple[float, LinkType]] = {}
    for u in range(len(ids)):
        for j in range(arcs.out_start[u], arcs.out_start[u + 1]):
            number = arcs.out_link[j]
            kind = (LinkType.KNOWS, LinkType.REPORTS_TO, LinkType.INFLUENCES)[table.kind[number]]
            out[(ids[u], ids[arcs.out_nbr[j]])] = (table.strength[number], kind)
            assert arcs.out_cost[j] == pytest.approx(-math.log(table.strength[number]))
        assert list(arcs.out_nbr[arcs.out_start[u]:arcs.out_start[u + 1]]) == sorted(
            arcs.out_nbr[arcs.out_start[u]:arcs.out_start[u + 1]])
    back = {(ids[arcs.in_nbr[j]], ids[v]): arcs.in_link[j]
            for v in range(len(ids)) for j in range(arcs.in_start[v], arcs.in_start[v + 1])}
    assert back.keys() == out.keys()  # the in-arcs are the same arcs
    return out


# --- link resolution and strengths ------------------------------------------------------------

def test_arcs_respect_direction_and_keep_the_strongest() -> None:
    arcs = arcs_of([
        link(LinkType.INFLUENCES, "a", "b", 0.9),
        link(LinkType.KNOWS, "s", "a", 0.4),
        link(LinkType.REPORTS_TO, "a", "s", 0.5),
        link(LinkType.REPORTS_TO, "b", "c", 0.5),
        link(LinkType.KNOWS, "c", "c", 1.0),  # a self-link is no arc
    ], ["a", "b", "c", "s"])
    assert {k: v[0] for k, v in arcs.items()} == {
        ("a", "b"): 0.9, ("s", "a"): 0.5, ("a", "s"): 0.5, ("b", "c"): 0.5, ("c", "b"): 0.5}
    assert arcs[("s", "a")][1] is LinkType.REPORTS_TO
    # a tie goes to KNOWS, then to REPORTS_TO
    tie = arcs_of([link(LinkType.REPORTS_TO, "s", "a", 0.5), link(LinkType.KNOWS, "s", "a", 0.5),
                   link(LinkType.INFLUENCES, "s", "a", 0.5)], ["a", "s"])
    assert tie[("s", "a")][1] is LinkType.KNOWS and tie[("a", "s")][1] is LinkType.KNOWS
    tie = arcs_of([link(LinkType.INFLUENCES, "a", "s", 0.5),
                   link(LinkType.REPORTS_TO, "s", "a", 0.5)], ["a", "s"])
    assert tie[("a", "s")][1] is LinkType.REPORTS_TO


def test_derived_strength_grows_with_number_and_recency() -> None:
    one = derived_knows_strength([(DAY, "key")], DAY)
    assert one == pytest.approx(0.4)
    older = derived_knows_strength([(DAY - dt.timedelta(days=180), "key")], DAY)
    assert older == pytest.approx(0.2)  # half-life 180 days
    two = derived_knows_strength([(DAY, "key"), (DAY, "general")], DAY)
    assert two == pytest.approx(1 - 0.6 * 0.7)
    many = derived_knows_strength([(DAY, "key")] * 50, DAY)
    assert 0 < older < one < two < many < 1
    assert derived_knows_strength([(DAY + dt.timedelta(days=1), "key")], DAY) == 0.0
    assert derived_knows_strength([(DAY, "organizational")], DAY) == pytest.approx(0.2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-40, 900), st.sampled_from(["key", "general",
                                                                   "organizational"])),
                max_size=8))
def test_the_projection_derives_knows_as_the_contract_does(
    shared: list[tuple[int, str]],
) -> None:
    """derived_strengths (the projection's, over day numbers) equals derived_knows_strength
    over the interactions inside the window [DAY - 730, DAY]."""
    events = array("i", sorted(event_code(DAY.toordinal() - ago, layer) for ago, layer in shared))
    [(count, last, strength)] = derived_strengths([0, len(events)], events, DAY.toordinal(),
                                                  DAY.toordinal() - 730)
    inside = [(DAY - dt.timedelta(days=ago), layer) for ago, layer in shared if ago <= 730]
    assert count == len([d for d, _ in inside if d <= DAY])
    assert strength == pytest.approx(derived_knows_strength(inside, DAY), abs=1e-12)
    if count:
        assert dt.date.fromordinal(last) == max(d for d, _ in inside if d <= DAY)


def test_asserted_strength_wins() -> None:
    assert knows_strength(True, 0.2, 0.9) == 0.2
    assert knows_strength(True, None, None) == 0.5
    assert knows_strength(True, None, 0.7) == 0.7
    assert knows_strength(True, None, 0.3) == 0.5
    assert knows_strength(False, None, 0.3) == 0.3


def person(pid: str, staff: bool = False, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.upper(), "title": None, "account": None if staff else "acc",
            "active": True, "staff": staff, **extra}


def test_a_day_merges_asserted_and_derived_knows_and_current_lines() -> None:
    base = base_from_rows(
        ("epoch", 1),
        people=[person("s", staff=True), person("c"), person("d"), person("e"),
                person("gone", active=False), person("foe")],
        assessments=["2026-06-01|-1|foe", "2026-01-01|2|c"],
        knows=[{"src": "s", "dst": "c", "strength": 0.2}, {"src": "s", "dst": "e",
                                                             "strength": None}],
        lines=[{"src": "c", "dst": "d", "strength": None, "since": None, "until": None},
               {"src": "e", "dst": "d", "strength": 0.9, "since": "2027-01-01", "until": None},
               {"src": "d", "dst": "e", "strength": 0.7, "since": None, "until": "2026-11-01"}],
        influences=[{"src": "d", "dst": "c", "strength": 0.7, "kind": "friend"},
                    {"src": "c", "dst": "e", "strength": None, "kind": None}],
        shared=[{"staff": "s", "shared": ["2026-10-31|key|c", "2026-11-01|general|d",
                                          "2026-11-01|key|e", "2024-10-01|key|d",
                                          "2026-11-02|key|d"]}],
    )
    view = DayView.of(base, DAY, 730)
    links = {(x.type.value, x.src, x.dst): x
             for x in (view.link(n) for n in range(len(view.links)))}
    assert set(links) == {("KNOWS", "s", "c"), ("KNOWS", "s", "d"), ("KNOWS", "s", "e"),
                          ("REPORTS_TO", "c", "d"), ("INFLUENCES", "d", "c")}
    sc = links[("KNOWS", "s", "c")]
    assert (sc.strength, sc.source, sc.interactions) == (0.2, "asserted", 1)  # asserted wins
    sd = links[("KNOWS", "s", "d")]  # one interaction in the window up to the day
    assert (sd.strength, sd.source, sd.interactions, sd.last_interaction) == (
        pytest.approx(0.3), "derived", 1, DAY)
    se = links[("KNOWS", "s", "e")]  # asserted without strength: the derived 0.4 is below 0.5
    assert (se.strength, se.source) == (0.5, "asserted")
    assert links[("REPORTS_TO", "c", "d")].strength == 0.5
    assert links[("INFLUENCES", "d", "c")].kind == "friend"
    number = {pid: n for n, pid in enumerate(base.ids)}
    assert [pid for pid in base.ids if view.relay[number[pid]]] == ["c", "d", "e", "s"]
    assert [pid for pid in base.ids if view.start[number[pid]]] == ["s"]
    # earlier, the opposed assessment did not exist yet and other lines were current
    before = DayView.of(base, dt.date(2026, 5, 1), 730)
    assert before.relay[number["foe"]] == 1
    later = {(x.type.value, x.src, x.dst)
             for x in (before.link(n) for n in range(len(before.links)))}
    assert ("REPORTS_TO", "d", "e") in later and ("KNOWS", "s", "d") in later


def test_erase_loops() -> None:
    assert _erase_loops([0, 1, 2, 1, 3]) == (0, 1, 3)
    assert _erase_loops([0, 1, 0, 2]) == (0, 2)


def test_rank_paths_small_cases() -> None:
    arcs = {("s", "a"): 0.9, ("a", "t"): 0.8, ("s", "t"): 0.3, ("a", "b"): 0.5, ("b", "t"): 0.9}
    for direction in ("forward", "backward"):
        ranked = rank_paths(arcs, {"s"}, "t", set(), 4, 10, direction)
        assert [nodes for _, nodes in ranked] == [("s", "a", "t"), ("s", "a", "b", "t"),
                                                  ("s", "t")]
        assert rank_paths(arcs, {"s"}, "t", {"a"}, 4, 10, direction) == [(0.3, ("s", "t"))]
        assert rank_paths(arcs, {"s"}, "t", set(), 1, 10, direction) == [(0.3, ("s", "t"))]
        assert rank_paths(arcs, {"s"}, "nowhere", set(), 4, 10, direction) == []
        # a start is never a hop: from s2's view, s is one of ours
        two = rank_paths({("s", "a"): 1.0, ("a", "t"): 1.0, ("s2", "s"): 1.0}, {"s", "s2"}, "t",
                         set(), 4, 10, direction)
        assert [nodes for _, nodes in two] == [("s", "a", "t")]


# --- property: the ranking equals a brute-force enumeration -----------------------------------

@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Link], set[str], str, set[str], int, int]:
    n = draw(st.integers(min_value=2, max_value=7))
    nodes = [f"n{i}" for i in range(n)]
    target = nodes[0]
    starts = set(draw(st.lists(st.sampled_from(nodes[1:]), min_size=1, max_size=3)))
    blocked = set(draw(st.lists(st.sampled_from(nodes), max_size=3)))
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    raw = draw(st.lists(st.tuples(st.sampled_from(TYPES), st.sampled_from(pairs),
                                  st.sampled_from(STRENGTHS)), max_size=18))
    links = [link(kind, u, v, s) for kind, (u, v), s in raw]
    return links, starts, target, blocked, draw(st.integers(1, 4)), draw(st.integers(1, 6))


def usable(links: list[Link], u: str, v: str) -> float | None:
    """Brute force: the strongest link from u to v, by the contract's direction rules."""
    found = [x.strength for x in links
             if (x.src, x.dst) == (u, v)
             or (x.type is not LinkType.INFLUENCES and (x.src, x.dst) == (v, u))]
    return max(found) if found else None


def brute_force(links: list[Link], starts: set[str], target: str, blocked: set[str],
                max_hops: int) -> list[tuple[float, tuple[str, ...]]]:
    nodes = sorted({x.src for x in links} | {x.dst for x in links} | starts | {target})
    middle = [n for n in nodes if n != target and n not in blocked and n not in starts]
    out: list[tuple[float, tuple[str, ...]]] = []
    for start in sorted(starts - {target}):
        for hops in range(1, max_hops + 1):
            for inner in itertools.permutations(middle, hops - 1):
                if start in inner:
                    continue
                seq = (start, *inner, target)
                strength = 1.0
                for u, v in itertools.pairwise(seq):
                    s = usable(links, u, v)
                    if s is None:
                        break
                    strength *= s
                else:
                    out.append((strength, seq))
    out.sort(key=lambda item: (-item[0], len(item[1]), item[1]))
    return out


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_rank_paths_equals_brute_force(
    case: tuple[list[Link], set[str], str, set[str], int, int],
) -> None:
    links, starts, target, blocked, max_hops, limit = case
    ids = sorted({x.src for x in links} | {x.dst for x in links} | starts | {target})
    arcs = {a: strength for a, (strength, _) in arcs_of(links, ids).items()}
    got = rank_paths(arcs, starts, target, blocked, max_hops, limit)
    assert rank_paths(arcs, starts, target, blocked, max_hops, limit, "backward") == got
    every = brute_force(links, starts, target, blocked, max_hops)
    want = every[:limit]
    assert len(got) == len(want)
    lookup = {seq: s for s, seq in every}
    for (gs, gseq), (ws, _) in zip(got, want, strict=True):
        assert math.isclose(gs, ws, rel_tol=1e-9)
        assert gseq in lookup and math.isclose(lookup[gseq], gs, rel_tol=1e-9)
    assert len({seq for _, seq in got}) == len(got)
    # where strengths are distinct the very same sequences come back, in the same order
    strengths = [s for s, _ in every]
    distinct = all(not math.isclose(a, b, rel_tol=1e-9) for a, b in itertools.pairwise(strengths))
    if distinct:
        assert [seq for _, seq in got] == [seq for _, seq in want]
    # ties: fewer hops first, then by ids
    for (a, sa), (b, sb) in itertools.pairwise(got):
        if math.isclose(a, b, rel_tol=1e-9):
            assert (len(sa), sa) < (len(sb), sb)


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_influence_reach_finds_the_strongest_path_to_everyone(
    case: tuple[list[Link], set[str], str, set[str], int, int],
) -> None:
    links, _, source, blocked, max_hops, _ = case
    nodes = {x.src for x in links} | {x.dst for x in links} | {source}
    arcs = {a: strength for a, (strength, _) in arcs_of(links, sorted(nodes)).items()}
    relays = nodes - blocked
    got = influence_reach(arcs, source, relays, max_hops)
    others = sorted(relays - {source})
    for v in others:
        best = 0.0
        for hops in range(1, max_hops + 1):
            for inner in itertools.permutations([n for n in others if n != v], hops - 1):
                seq = (source, *inner, v)
                if all(p in arcs for p in itertools.pairwise(seq)):
                    best = max(best, math.prod(arcs[p] for p in itertools.pairwise(seq)))
        if best == 0.0:
            assert v not in got
        else:
            strength, path = got[v]
            assert math.isclose(strength, best, rel_tol=1e-9)
            assert path[0] == source and path[-1] == v and len(set(path)) == len(path)
            assert len(path) - 1 <= max_hops
            assert math.isclose(math.prod(arcs[p] for p in itertools.pairwise(path)), strength)
