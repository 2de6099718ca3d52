"""The pure core of influence paths: link selection, strengths, exact top-k ranking."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.intel.common import derived_knows_strength, knows_strength
from relgraph.intel.paths import (
    Link,
    _erase_loops,
    best_arcs,
    influence_reach,
    links_from_rows,
    rank_paths,
)
from relgraph.intel.types import LinkType

DAY = dt.date(2026, 11, 1)
STRENGTHS = (0.1, 0.2, 0.25, 0.3, 0.5, 0.8, 0.9, 1.0)
TYPES = (LinkType.KNOWS, LinkType.REPORTS_TO, LinkType.INFLUENCES)


def link(kind: LinkType, src: str, dst: str, strength: float) -> Link:
    return Link(kind, src, dst, strength, "asserted")


# --- link selection and strengths -------------------------------------------------------------

def test_best_arcs_respect_direction_and_keep_the_strongest() -> None:
    arcs = best_arcs([
        link(LinkType.INFLUENCES, "a", "b", 0.9),
        link(LinkType.KNOWS, "s", "a", 0.4),
        link(LinkType.REPORTS_TO, "a", "s", 0.5),
        link(LinkType.REPORTS_TO, "b", "c", 0.5),
    ])
    assert {k: v.strength for k, v in arcs.items()} == {
        ("a", "b"): 0.9, ("s", "a"): 0.5, ("a", "s"): 0.5, ("b", "c"): 0.5, ("c", "b"): 0.5}
    assert arcs[("s", "a")].type is LinkType.REPORTS_TO
    # a tie goes to KNOWS
    tie = best_arcs([link(LinkType.REPORTS_TO, "s", "a", 0.5), link(LinkType.KNOWS, "s", "a", 0.5)])
    assert tie[("s", "a")].type is LinkType.KNOWS


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


def test_asserted_strength_wins() -> None:
    assert knows_strength(True, 0.2, 0.9) == 0.2
    assert knows_strength(True, None, None) == 0.5
    assert knows_strength(True, None, 0.7) == 0.7
    assert knows_strength(True, None, 0.3) == 0.5
    assert knows_strength(False, None, 0.3) == 0.3


def test_links_from_rows_merge_asserted_and_derived() -> None:
    rows = [
        {"type": "KNOWS", "src": "s", "dst": "c", "strength": 0.2},
        {"type": "SHARED", "src": "s", "dst": "c", "strength": None,
         "shared": 1, "lastShared": "2026-10-31", "derived": 0.39},
        {"type": "SHARED", "src": "s", "dst": "d", "strength": None,
         "shared": 1, "lastShared": "2026-11-01", "derived": 0.4},
        {"type": "REPORTS_TO", "src": "c", "dst": "d", "strength": None},
        {"type": "INFLUENCES", "src": "d", "dst": "c", "strength": 0.7, "kind": "friend"},
    ]
    links = {(x.type.value, x.src, x.dst): x for x in links_from_rows(rows)}
    assert links[("KNOWS", "s", "c")].strength == 0.2
    assert links[("KNOWS", "s", "c")].source == "asserted"
    assert links[("KNOWS", "s", "d")].strength == 0.4
    assert links[("KNOWS", "s", "d")].source == "derived"
    assert links[("REPORTS_TO", "c", "d")].strength == 0.5
    assert links[("INFLUENCES", "d", "c")].kind == "friend"


def test_erase_loops() -> None:
    assert _erase_loops(["a", "b", "c", "b", "d"]) == ("a", "b", "d")
    assert _erase_loops(["a", "b", "a", "c"]) == ("a", "c")


def test_rank_paths_small_cases() -> None:
    arcs = {("s", "a"): 0.9, ("a", "t"): 0.8, ("s", "t"): 0.3, ("a", "b"): 0.5, ("b", "t"): 0.9}
    ranked = rank_paths(arcs, {"s"}, "t", set(), 4, 10)
    assert [nodes for _, nodes in ranked] == [("s", "a", "t"), ("s", "a", "b", "t"), ("s", "t")]
    assert rank_paths(arcs, {"s"}, "t", {"a"}, 4, 10) == [(0.3, ("s", "t"))]
    assert rank_paths(arcs, {"s"}, "t", set(), 1, 10) == [(0.3, ("s", "t"))]
    assert rank_paths(arcs, {"s"}, "nowhere", set(), 4, 10) == []
    # a start is never a hop: from s2's view, s is one of ours
    two = rank_paths({("s", "a"): 1.0, ("a", "t"): 1.0, ("s2", "s"): 1.0}, {"s", "s2"}, "t",
                     set(), 4, 10)
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
    arcs = {a: x.strength for a, x in best_arcs(links).items()}
    got = rank_paths(arcs, starts, target, blocked, max_hops, limit)
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
    arcs = {a: x.strength for a, x in best_arcs(links).items()}
    nodes = {x.src for x in links} | {x.dst for x in links}
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
