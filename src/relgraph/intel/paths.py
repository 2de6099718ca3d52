"""Influence paths: the k strongest paths from our side to a contact, each hop explained; and the
reverse question, whom a contact influences.

Imperative shell: `influence_paths` and `influenced_by` ask the process's link projection for
the day (relgraph.intel.projection: one statement when the graph did not change) and search its
arcs in memory. Functional core: `rank_paths` (the k strongest simple paths within the hop
limit, an exact best-first search) and `influence_reach`, over plain arcs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Literal

from relgraph.config import Settings
from relgraph.errors import NotFound, RelgraphError
from relgraph.intel.common import check_range, resolve_as_of, rounded, settings_or_default
from relgraph.intel.generation import GRAPH_GENERATION, generation_of
from relgraph.intel.projection import (
    K_INFLUENCES,
    S_INFLUENCE,
    Arcs,
    DayView,
    Link,
    LinkTable,
    StartBounds,
    build_arcs,
    day_view,
    is_current,
    projection_of,
    start_bounds,
)
from relgraph.intel.types import Influenced, InfluencePath, LinkType, PathLink
from relgraph.store.base import GraphStore, sent_ahead

MAX_HOPS_LIMIT = 6
MAX_PATHS = 100
# Two path strengths closer than this are a tie (ordered by hops, then by the people's ids).
_TIE = 1e-9
# Hops around the target whose exact costs guide the search from given staff members.
_BALL = 2
_INF = math.inf
# Explained hops kept per day view (a bound on the memory of answers already given).
_HOPS_KEPT = 100_000

Path = tuple[int, ...]
Found = list[tuple[float, Path]]
# A queued path: (cost + bound, hops, people, cost, its siblings sorted (bound, last, cost), which)
Entry = tuple[float, int, Path, float, list[tuple[float, int, float]], int]


# --- the functional core ----------------------------------------------------------------------

def path_strength(strength_of: Callable[[int, int], float], nodes: Sequence[int]) -> float:
    """The product of the strengths of the consecutive arcs, multiplied in path order."""
    strength = 1.0
    for u, v in pairwise(nodes):
        strength *= strength_of(u, v)
    return strength


def search_forward(arcs: Arcs, starts: Iterable[int], target: int, relay: Sequence[int],
                   max_hops: int, limit: int) -> Found:
    """Every simple path from a start to `target` at least as cheap as the `limit`-th cheapest
    (cost = sum of -log strength), within `max_hops` arcs, its intermediate people all with
    `relay[p]` true (which must be false for the starts and the target).

    Exact best-first (A*) search from the starts. Its lower bound on the cost still to go is
    exact within `_BALL` hops of the target (a hop-bounded Bellman-Ford over the arcs into it)
    and, further out, the cheapest way into that ball, so complete paths leave the queue
    cheapest first and the search stays near the paths that can win.
    """
    radius = min(_BALL, max_hops - 1)
    layers = _ball(arcs, target, relay, radius)
    outer = layers[radius]
    if radius == 0:
        far = 0.0
    else:
        far = min((c for z, c in outer.items() if z != target and relay[z]), default=_INF)

    # Children of an expanded path go in sorted by their bound, and only the first enters the
    # queue; each one popped lets its next sibling in (no worse: the pop order is unchanged, and
    # the many children that can never win cost one sorted list, not a queue entry each).
    first = sorted((min(outer.get(s, _INF), far), s, 0.0) for s in set(starts) - {target})
    first = [kid for kid in first if kid[0] < _INF]  # max_hops > radius: any way in counts
    heap: list[Entry] = [(first[0][0], 0, (first[0][1],), 0.0, first, 0)] if first else []
    out_start, out_nbr, out_cost = arcs.out_start, arcs.out_nbr, arcs.out_cost
    push, pop = heapq.heappush, heapq.heappop
    found: Found = []
    kth = _INF
    while heap:
        f, hops, nodes, g, kids, at = pop(heap)
        worst = kth + _TIE
        if f > worst:
            break
        if at + 1 < len(kids) and kids[at + 1][0] <= worst:
            nf, nw, ng = kids[at + 1]
            push(heap, (nf, hops, (*nodes[:-1], nw), ng, kids, at + 1))
        last = nodes[-1]
        if last == target:
            found.append((g, nodes))
            if len(found) == limit:
                kth = g  # complete paths leave the queue cheapest first
            continue
        lo, hi = out_start[last], out_start[last + 1]
        mine: list[tuple[float, int, float]] = []
        at_target = bisect.bisect_left(out_nbr, target, lo, hi)
        if at_target < hi and out_nbr[at_target] == target and g + out_cost[at_target] <= worst:
            mine.append((g + out_cost[at_target], target, g + out_cost[at_target]))
        remaining = max_hops - hops - 1
        if remaining >= 1:
            near = remaining <= radius
            table = layers[remaining] if near else outer
            for w, step in zip(out_nbr[lo:hi], out_cost[lo:hi]):  # noqa: B905 (same length)
                if not relay[w] or w in nodes:
                    continue
                bound = table.get(w)
                if bound is None or (not near and bound > far):
                    if near or far == _INF:
                        continue  # the target is out of reach in the hops left
                    bound = far
                cost = g + step
                if cost + bound <= worst:
                    mine.append((cost + bound, w, cost))
        if mine:
            mine.sort()
            cf, cw, cg = mine[0]
            push(heap, (cf, hops + 1, (*nodes, cw), cg, mine, 0))
    return found


def _ball(arcs: Arcs, target: int, relay: Sequence[int], radius: int) -> list[dict[int, float]]:
    """layers[r][v]: the cheapest cost from v to `target` in at most r arcs (through relays)."""
    in_start, in_nbr, in_cost = arcs.in_start, arcs.in_nbr, arcs.in_cost
    layers = [{target: 0.0}]
    changed = {target: 0.0}
    for _ in range(radius):
        layer = dict(layers[-1])
        improved: dict[int, float] = {}
        for w, cost_w in changed.items():
            if w != target and not relay[w]:
                continue
            lo, hi = in_start[w], in_start[w + 1]
            for u, step in zip(in_nbr[lo:hi], in_cost[lo:hi]):  # noqa: B905 (same length)
                cost = step + cost_w  # never below the target's 0: costs are >= 0
                if cost < layer.get(u, _INF):
                    layer[u] = cost
                    improved[u] = cost
        layers.append(layer)
        changed = improved
    return layers


def search_backward(arcs: Arcs, start: Sequence[int], target: int, relay: Sequence[int],
                    bounds: StartBounds, max_hops: int, limit: int) -> Found:
    """As `search_forward`, for paths from every person with `start[p]` true: the same A*,
    from the target backwards over the arcs into each person, bounded by `bounds` (the
    cheapest ways from a start into each person). Paths come back in forward order."""
    one, two, anywhere = bounds.one, bounds.two, bounds.two_anywhere

    def rest(v: int, remaining: int) -> float | None:
        bound = one[v]
        if remaining >= 2 and two[v] < bound:
            bound = two[v]
        if remaining >= 3 and anywhere < bound:
            bound = anywhere
        return None if bound == _INF else bound

    first = rest(target, max_hops)
    heap: list[tuple[float, int, Path, float]] = [] if first is None else [
        (first, 0, (target,), 0.0)]
    in_start, in_nbr, in_cost = arcs.in_start, arcs.in_nbr, arcs.in_cost
    found: Found = []
    kth = _INF
    while heap:
        f, hops, nodes, g = heapq.heappop(heap)
        if f > kth + _TIE:
            break
        last = nodes[-1]
        if start[last]:
            found.append((g, nodes[::-1]))
            if len(found) == limit:
                kth = g
            continue
        remaining = max_hops - hops - 1
        for j in range(in_start[last], in_start[last + 1]):
            u = in_nbr[j]
            cost = g + in_cost[j]
            if start[u]:
                if cost <= kth + _TIE:
                    heapq.heappush(heap, (cost, hops + 1, (*nodes, u), cost))
                continue
            if remaining < 1 or not relay[u] or u in nodes:
                continue
            bound = rest(u, remaining)
            if bound is not None and cost + bound <= kth + _TIE:
                heapq.heappush(heap, (cost + bound, hops + 1, (*nodes, u), cost))
    return found


def ranked(found: Found, strength_of: Callable[[int, int], float],
           limit: int) -> list[tuple[float, Path]]:
    """The `limit` strongest of the paths found, strongest first; strengths within `_TIE` are a
    tie, ordered by fewer hops, then by the sequence of people (numbered in id order)."""
    paths = [(path_strength(strength_of, nodes), nodes) for _, nodes in found]
    paths.sort(key=lambda item: (-item[0], len(item[1]), item[1]))
    return _order_ties(paths)[:limit]


def _order_ties(paths: list[tuple[float, Path]]) -> list[tuple[float, Path]]:
    """Re-sort so that strengths within `_TIE` of each other count as equal."""
    groups: list[list[tuple[float, Path]]] = []
    for item in paths:
        if groups and abs(groups[-1][0][0] - item[0]) <= _TIE:
            groups[-1].append(item)
        else:
            groups.append([item])
    out: list[tuple[float, Path]] = []
    for group in groups:
        out.extend(sorted(group, key=lambda item: (len(item[1]), item[1])))
    return out


class _Numbered:
    """Plain arcs {(u, v): strength} between ids, as numbered Arcs (ids in sorted order)."""

    def __init__(self, arcs: Mapping[tuple[str, str], float], *more: Iterable[str]) -> None:
        names = {u for u, _ in arcs} | {v for _, v in arcs}
        for extra in more:
            names.update(extra)
        self.ids = sorted(names)
        self.index = {name: n for n, name in enumerate(self.ids)}
        table = LinkTable()
        for (u, v), strength in sorted(arcs.items()):
            table.add(K_INFLUENCES, self.index[u], self.index[v], strength, S_INFLUENCE)
        self.table = table
        self.arcs = build_arcs(len(self.ids), table)

    def strength(self, u: int, v: int) -> float:
        return self.table.strength[self.arcs.link_of(u, v)]

    def flags(self, members: Collection[str]) -> bytearray:
        return bytearray(name in members for name in self.ids)


def rank_paths(
    arcs: Mapping[tuple[str, str], float],
    starts: Collection[str],
    target: str,
    blocked: Collection[str],
    max_hops: int,
    limit: int,
    direction: Literal["forward", "backward"] = "forward",
) -> list[tuple[float, tuple[str, ...]]]:
    """The `limit` strongest simple paths from any of `starts` to `target`, strongest first.

    A path has 1..`max_hops` arcs; its intermediate people are never in `blocked`, never a start
    and never the target. Strength is the product of the arc strengths (each in (0, 1]); ties
    are ordered by fewer hops, then by the sequence of ids. `direction` picks the search
    (both give the same answer): from the starts, or from the target backwards.
    """
    if limit < 1 or max_hops < 1:
        return []
    graph = _Numbered(arcs, starts, blocked, [target])
    t = graph.index[target]
    start_set = set(starts) - {target}
    relay = graph.flags(set(graph.ids) - set(blocked) - start_set - {target})
    if direction == "forward":
        found = search_forward(graph.arcs, [graph.index[s] for s in start_set], t, relay,
                               max_hops, limit)
    else:
        start = graph.flags(start_set)
        found = search_backward(graph.arcs, start, t, relay,
                                start_bounds(graph.arcs, start, relay), max_hops, limit)
    return [(strength, tuple(graph.ids[n] for n in nodes))
            for strength, nodes in ranked(found, graph.strength, limit)]


def explain(link: Link, u: str, v: str) -> str:
    """A human sentence for the hop from the person named `u` to the one named `v`."""
    s = f"{link.strength:.2f}"
    if link.type is LinkType.KNOWS:
        if link.source == "derived":
            times = "once" if link.interactions == 1 else f"{link.interactions} times"
            return (f"{u} met {v} {times} in the window, last {link.last_interaction} "
                    f"(derived KNOWS, {s})")
        return f"{u} knows {v} (asserted KNOWS, {s})"
    if link.type is LinkType.REPORTS_TO:
        return f"{u} {'reports to' if link.forward else 'manages'} {v} (reporting line, {s})"
    kind = f"{link.kind}, " if link.kind else ""
    return f"{u} influences {v} ({kind}{s})"


def path_answer(view: DayView, nodes: Sequence[int], strength: float) -> InfluencePath:
    """The answer record of one ranked path: its people and every hop explained."""
    return InfluencePath(strength=rounded(strength), hops=len(nodes) - 1,
                         nodes=[view.base.node(n) for n in nodes],
                         links=[_hop(view, u, v) for u, v in pairwise(nodes)])


def _hop(view: DayView, u: int, v: int) -> PathLink:
    """The hop u -> v of the day, explained (kept on the view: answers repeat their hops)."""
    hop = view.hops.get((u, v))
    if hop is None:
        link = view.link(view.arcs.link_of(u, v), u)
        names, ids = view.base.names, view.base.ids
        hop = PathLink(
            type=link.type, from_=ids[u], to=ids[v], strength=rounded(link.strength),
            source=link.source, interactions=link.interactions,
            last_interaction=link.last_interaction, explanation=explain(link, names[u], names[v]),
        )
        if len(view.hops) >= _HOPS_KEPT:
            view.hops.clear()
        view.hops[(u, v)] = hop
    return hop


# --- the imperative shell ---------------------------------------------------------------------

def influence_paths(
    store: GraphStore, target: str, from_ids: Sequence[str] = (), max_hops: int = 4,
    limit: int = 5, as_of: dt.date | None = None, settings: Settings | None = None,
) -> list[InfluencePath]:
    """The `limit` strongest paths from our side to the contact `target`, strongest first.

    From `from_ids` (staff ids), or from every active staff member when empty. Links: KNOWS
    (asserted or derived from shared interactions within the window before `as_of`) and current
    REPORTS_TO both ways, INFLUENCES in its direction. Inactive people, contacts whose attitude at
    `as_of` is -1 and other start people are never intermediate hops; the target is the end.
    Cost: one statement, plus a reload of the projection when the graph changed.
    """
    day = resolve_as_of(as_of)
    cfg = settings_or_default(settings)
    check_range("max_hops", max_hops, 1, MAX_HOPS_LIMIT)
    check_range("limit", limit, 1, MAX_PATHS)
    given = list(dict.fromkeys(from_ids))
    window = cfg.derived_knows_window_days
    projection = projection_of(store)
    # Answered from the projection kept in this process while the graph's generation is read,
    # and kept only if that generation is the projection's: the engine reads it beside the
    # search instead of before it (about a third of a question's time on FalkorDB), and the
    # answer is still the graph's as it is now. A failure (an unknown contact, say) counts
    # only as the current projection's too: the contact may have been written since.
    kept = projection.kept_view(day, window)
    answer: list[InfluencePath] | RelgraphError | None = None
    with sent_ahead(store, GRAPH_GENERATION) as generation_rows:
        if kept is not None:
            try:
                answer = _paths(kept, target, given, max_hops, limit)
            except RelgraphError as failure:
                answer = failure
        generation = generation_of(generation_rows())
    if kept is None or answer is None or not is_current(kept, generation):
        answer = _paths(projection.view(store, generation, day, window), target, given,
                        max_hops, limit)
    if isinstance(answer, RelgraphError):
        raise answer
    return answer


def _paths(view: DayView, target: str, given: Sequence[str], max_hops: int,
           limit: int) -> list[InfluencePath]:
    """influence_paths on one day view."""
    base = view.base
    t = base.index.get(target)
    if t is None or base.staff[t]:
        raise NotFound("contact", target)
    starts: list[int] = []
    for sid in given:
        s = base.index.get(sid)
        if s is None or not base.staff[s]:
            raise NotFound("staff member", sid)
        if not base.active[s]:
            raise RelgraphError(f"staff member {sid!r} is inactive; paths start from active staff")
        starts.append(s)
    if starts:
        relay = bytearray(view.relay)
        for s in starts:
            relay[s] = 0
        relay[t] = 0
        found = search_forward(view.arcs, starts, t, relay, max_hops, limit)
    else:
        relay = bytearray(view.relay_not_start)
        relay[t] = 0
        found = search_backward(view.arcs, view.start, t, relay, view.start_bounds(),
                                max_hops, limit)
    strengths = view.links.strength

    def strength_of(u: int, v: int) -> float:
        return strengths[view.arcs.link_of(u, v)]

    return [path_answer(view, nodes, strength)
            for strength, nodes in ranked(found, strength_of, limit)]


# --- the reverse question ---------------------------------------------------------------------

Reach = dict[int, tuple[float, Path]]


def reach(out: Callable[[int], Iterable[tuple[int, float]]], source: int,
          strength_of: Callable[[int, int], float], max_hops: int) -> Reach:
    """For each person reachable from `source` in 1..`max_hops` arcs: its strongest path.

    `out(u)` gives u's usable arcs (v, strength) in the order of v, only to people who may be
    reached or passed through, never back to `source`. Exact: a DP over walks of exactly k
    arcs (k = 1..max_hops) on the product of strengths; since strengths are at most 1, the
    strongest walk is as strong as the strongest simple path, and erasing the loops of a walk
    gives that path. Returns {person: (strength, path including both ends)}.
    """
    # layers[k][v] = (strength of the strongest k-arc walk source..v, predecessor on it)
    layers: list[dict[int, tuple[float, int]]] = [{source: (1.0, -1)}]
    for _ in range(max_hops):
        layer: dict[int, tuple[float, int]] = {}
        for u, (strength_u, _) in sorted(layers[-1].items()):
            for v, strength in out(u):
                candidate = strength_u * strength
                held = layer.get(v)
                if held is None or candidate > held[0] + _TIE:
                    layer[v] = (candidate, u)
        if not layer:
            break
        layers.append(layer)
    best: Reach = {}
    for k in range(1, len(layers)):
        for v, (strength, _) in layers[k].items():
            known = best.get(v)
            if known is not None and strength <= known[0] + _TIE:
                continue
            walk = [v]
            for j in range(k, 0, -1):
                walk.append(layers[j][walk[-1]][1])
            path = _erase_loops(walk[::-1])
            best[v] = (path_strength(strength_of, path), path)
    return best


def influence_reach(
    arcs: Mapping[tuple[str, str], float], source: str, relays: Collection[str], max_hops: int,
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """`reach` over plain arcs {(u, v): strength} between ids; only people in `relays` may be
    reached or passed through."""
    graph = _Numbered(arcs, [source], relays)
    s = graph.index[source]
    out_arcs: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (u, v), strength in sorted(arcs.items()):
        if strength > 0 and v in relays and v != source and u != v:
            out_arcs[graph.index[u]].append((graph.index[v], strength))
    found = reach(lambda u: out_arcs.get(u, []), s, graph.strength, max_hops)
    return {graph.ids[v]: (strength, tuple(graph.ids[n] for n in path))
            for v, (strength, path) in found.items()}


def _erase_loops(walk: Sequence[int]) -> Path:
    """The simple path left when every loop of the walk is cut out."""
    path: list[int] = []
    position: dict[int, int] = {}
    for node in walk:
        if node in position:
            cut = position[node]
            for dropped in path[cut + 1:]:
                del position[dropped]
            del path[cut + 1:]
        else:
            position[node] = len(path)
            path.append(node)
    return tuple(path)


def influenced_by(
    store: GraphStore, contact: str, max_hops: int = 3, as_of: dt.date | None = None,
) -> list[Influenced]:
    """Whom `contact` influences within `max_hops`, strongest first.

    Influence flows along INFLUENCES (its direction) and along current reporting lines both ways
    (a manager steers their reports, a report briefs their manager), strength as for paths.
    Only active contacts are reached or passed through; attitude towards us does not matter.
    Cost: one statement, plus a reload of the projection when the graph changed.
    """
    day = resolve_as_of(as_of)
    check_range("max_hops", max_hops, 1, MAX_HOPS_LIMIT)
    view = day_view(store, day, settings_or_default(None))
    base = view.base
    source = base.index.get(contact)
    if source is None or base.staff[source]:
        raise NotFound("contact", contact)
    arcs, strengths, relays = view.arcs, view.links.strength, view.contact_relay

    def out(u: int) -> list[tuple[int, float]]:
        # Between two contacts the strongest link is a reporting line or INFLUENCES (KNOWS
        # joins staff and contacts), exactly the links influence flows along.
        return [(arcs.out_nbr[j], strengths[arcs.out_link[j]])
                for j in range(arcs.out_start[u], arcs.out_start[u + 1])
                if relays[arcs.out_nbr[j]] and arcs.out_nbr[j] != source]

    def strength_of(u: int, v: int) -> float:
        return strengths[arcs.link_of(u, v)]

    answers = [
        Influenced(contact=base.node(v), strength=rounded(strength),
                   hops=len(path) - 1, via=[base.ids[n] for n in path[1:-1]])
        for v, (strength, path) in reach(out, source, strength_of, max_hops).items()
    ]
    answers.sort(key=lambda a: (-a.strength, a.hops, a.contact.id))
    return answers
