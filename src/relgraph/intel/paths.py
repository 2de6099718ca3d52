"""Influence paths: the k strongest paths from our side to a contact, each hop explained; and the
reverse question, whom a contact influences.

Imperative shell: `influence_paths` fetches the target's neighbourhood one hop level per
statement (backward frontier expansion: `max_hops` statements plus one to check the people),
then hands plain links to the functional core: `best_arcs` (the strongest usable link between
two consecutive people, per direction) and `rank_paths` (the k strongest simple paths within the
hop limit, an exact best-first search).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound, RelgraphError
from relgraph.intel.common import (
    SharedInteractions,
    check_range,
    derived_params,
    iso,
    knows_strength,
    reporting_strength,
    resolve_as_of,
    rounded,
    settings_or_default,
    shared_from_row,
)
from relgraph.intel.types import Influenced, InfluencePath, LinkType, PathLink, PathNode, Side
from relgraph.store.base import GraphStore

PATHS_PEOPLE = statement("paths_people")
PATHS_LINKS_INTO = statement("paths_links_into")
PATHS_LINKS_FROM_START = statement("paths_links_from_start")
INFLUENCE_LINKS_OUT = statement("influence_links_out")

NO_SHARED = SharedInteractions(0, None, 0.0)
MAX_HOPS_LIMIT = 6
MAX_PATHS = 100
# Two path strengths closer than this are a tie (ordered by hops, then by the people's ids).
_TIE = 1e-9


# --- the functional core ----------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    """Someone on a path: what the exclusions need and what the answer shows."""

    id: str
    name: str
    staff: bool
    active: bool = True
    attitude: int | None = None
    title: str | None = None
    account: str | None = None

    def node(self) -> PathNode:
        return PathNode(id=self.id, name=self.name, side=Side.OURS if self.staff else Side.THEIRS,
                        title=self.title, account=None if self.staff else self.account)

    @property
    def may_relay(self) -> bool:
        """Whether this person may be an intermediate hop: active and not opposed (-1)."""
        return self.active and self.attitude != -1


@dataclass(frozen=True)
class Link:
    """One link of the graph as stored (KNOWS already merged from asserted and derived).

    KNOWS and REPORTS_TO are walked both ways, INFLUENCES only from `src` to `dst`.
    """

    type: LinkType
    src: str
    dst: str
    strength: float
    source: str  # asserted | derived | reporting | influence
    kind: str | None = None  # INFLUENCES kind (mentor, friend, ...)
    interactions: int | None = None
    last_interaction: dt.date | None = None

    def arcs(self) -> list[tuple[str, str]]:
        if self.type is LinkType.INFLUENCES:
            return [(self.src, self.dst)]
        return [(self.src, self.dst), (self.dst, self.src)]


_TYPE_PREFERENCE = {LinkType.KNOWS: 2, LinkType.REPORTS_TO: 1, LinkType.INFLUENCES: 0}


def best_arcs(links: Iterable[Link]) -> dict[tuple[str, str], Link]:
    """For each ordered pair of people, the strongest link usable in that direction.

    Ties go to KNOWS, then REPORTS_TO, then INFLUENCES.
    """
    best: dict[tuple[str, str], Link] = {}
    for link in links:
        if not link.strength > 0 or link.src == link.dst:
            continue
        for arc in link.arcs():
            held = best.get(arc)
            if held is None or _link_key(link) > _link_key(held):
                best[arc] = link
    return best


def _link_key(link: Link) -> tuple[float, int]:
    return (link.strength, _TYPE_PREFERENCE[link.type])


def path_strength(arcs: Mapping[tuple[str, str], float], nodes: Sequence[str]) -> float:
    """The product of the strengths of the consecutive arcs, multiplied in path order."""
    strength = 1.0
    for u, v in pairwise(nodes):
        strength *= arcs[(u, v)]
    return strength


def rank_paths(
    arcs: Mapping[tuple[str, str], float],
    starts: Collection[str],
    target: str,
    blocked: Collection[str],
    max_hops: int,
    limit: int,
) -> list[tuple[float, tuple[str, ...]]]:
    """The `limit` strongest simple paths from any of `starts` to `target`, strongest first.

    A path has 1..`max_hops` arcs; its intermediate people are never in `blocked`, never a start
    and never the target. Strength is the product of the arc strengths (each in (0, 1]); ties
    are ordered by fewer hops, then by the sequence of ids.

    Exact best-first (A*) search on cost = -log(strength) over the arcs. Its lower
    bound is the cheapest walk to the target within the remaining hops (a hop-bounded
    Bellman-Ford), so complete paths leave the queue strongest first. (networkx's
    `shortest_simple_paths` has no hop limit: filtering its output could walk through
    arbitrarily many over-long paths before it finds k short ones.)
    """
    if limit < 1 or max_hops < 1:
        return []
    start_set = {s for s in starts if s != target}
    no_relay = set(blocked) | start_set
    # succ[u][v] / pred[v][u]: (cost, strength) of the arc u -> v (plain dicts: building a
    # networkx DiGraph cost more than the search itself)
    succ: dict[str, dict[str, tuple[float, float]]] = {}
    pred: dict[str, dict[str, tuple[float, float]]] = {}
    for (u, v), strength in arcs.items():
        if strength > 0 and u != v and u != target and (v == target or v not in no_relay):
            arc = (-math.log(min(strength, 1.0)), strength)
            succ.setdefault(u, {})[v] = arc
            pred.setdefault(v, {})[u] = arc
    if target not in pred:
        return []
    # bound[r][v]: cheapest cost from v to the target in at most r arcs (through relays).
    bound: list[dict[str, float]] = [{target: 0.0}]
    for _ in range(max_hops):
        previous = bound[-1]
        layer = dict(previous)
        for w, cost_w in previous.items():
            for u, (cost_uw, _) in pred.get(w, {}).items():
                candidate = cost_uw + cost_w
                if candidate < layer.get(u, math.inf):
                    layer[u] = candidate
        bound.append(layer)

    heap: list[tuple[float, int, tuple[str, ...], float]] = []
    for s in sorted(start_set):
        if s in succ and s in bound[max_hops]:
            heap.append((bound[max_hops][s], 0, (s,), 0.0))
    heapq.heapify(heap)
    found: list[tuple[float, tuple[str, ...]]] = []
    kth_cost = math.inf
    while heap:
        f, hops, nodes, g = heapq.heappop(heap)
        if f > kth_cost + _TIE:
            break
        last = nodes[-1]
        if last == target:
            found.append((g, nodes))
            if len(found) == limit:
                kth_cost = g  # complete paths leave the queue cheapest first
            continue
        remaining = max_hops - hops - 1
        for w, (cost_lw, _) in succ.get(last, {}).items():
            if w in nodes:
                continue
            rest = bound[remaining].get(w)
            if rest is None:
                continue
            cost = g + cost_lw
            heapq.heappush(heap, (cost + rest, hops + 1, (*nodes, w), cost))
    strengths = {(u, v): arc[1] for u, out in succ.items() for v, arc in out.items()}
    ranked = [(path_strength(strengths, nodes), nodes) for _, nodes in found]
    ranked.sort(key=lambda item: (-item[0], len(item[1]), item[1]))
    return _order_ties(ranked)[:limit]


def _order_ties(ranked: list[tuple[float, tuple[str, ...]]]) -> list[tuple[float, tuple[str, ...]]]:
    """Re-sort so that strengths within `_TIE` of each other count as equal."""
    groups: list[list[tuple[float, tuple[str, ...]]]] = []
    for item in ranked:
        if groups and abs(groups[-1][0][0] - item[0]) <= _TIE:
            groups[-1].append(item)
        else:
            groups.append([item])
    out: list[tuple[float, tuple[str, ...]]] = []
    for group in groups:
        out.extend(sorted(group, key=lambda item: (len(item[1]), item[1])))
    return out


def explain(link: Link, u: Person, v: Person) -> str:
    """A human sentence for the hop u -> v over `link`."""
    s = f"{link.strength:.2f}"
    if link.type is LinkType.KNOWS:
        if link.source == "derived":
            times = "once" if link.interactions == 1 else f"{link.interactions} times"
            return (f"{u.name} met {v.name} {times} in the window, last {link.last_interaction} "
                    f"(derived KNOWS, {s})")
        return f"{u.name} knows {v.name} (asserted KNOWS, {s})"
    if link.type is LinkType.REPORTS_TO:
        if link.src == u.id:
            return f"{u.name} reports to {v.name} (reporting line, {s})"
        return f"{u.name} manages {v.name} (reporting line, {s})"
    kind = f"{link.kind}, " if link.kind else ""
    return f"{u.name} influences {v.name} ({kind}{s})"


def path_answer(
    nodes: Sequence[str], strength: float, people: Mapping[str, Person],
    arcs: Mapping[tuple[str, str], Link],
) -> InfluencePath:
    """The answer record of one ranked path: its people and every hop explained."""
    links: list[PathLink] = []
    for u, v in pairwise(nodes):
        link = arcs[(u, v)]
        links.append(PathLink(
            type=link.type, from_=u, to=v, strength=rounded(link.strength), source=link.source,
            interactions=link.interactions, last_interaction=link.last_interaction,
            explanation=explain(link, people[u], people[v]),
        ))
    return InfluencePath(strength=rounded(strength), hops=len(nodes) - 1,
                         nodes=[people[n].node() for n in nodes], links=links)


def links_from_rows(rows: Iterable[dict[str, Any]]) -> list[Link]:
    """Links from the rows of the expansion statements (KNOWS merged: asserted wins)."""
    asserted: dict[tuple[str, str], float | None] = {}
    shared: dict[tuple[str, str], SharedInteractions] = {}
    others: dict[tuple[str, str, str], Link] = {}
    for row in rows:
        kind, src, dst = row["type"], row["src"], row["dst"]
        if kind == "KNOWS":
            asserted[(src, dst)] = row["strength"]
        elif kind == "SHARED":
            shared.setdefault((src, dst), shared_from_row(row))
        elif kind == "REPORTS_TO":
            others[(kind, src, dst)] = Link(LinkType.REPORTS_TO, src, dst,
                                            reporting_strength(row["strength"]), "reporting")
        elif kind == "INFLUENCES" and row["strength"] is not None:
            others[(kind, src, dst)] = Link(LinkType.INFLUENCES, src, dst, float(row["strength"]),
                                            "influence", kind=row.get("kind"))
    links = list(others.values())
    for pair in sorted(set(asserted) | set(shared)):
        summary = shared.get(pair, NO_SHARED)
        derived = summary.strength if summary.count else None
        is_asserted = pair in asserted
        strength = knows_strength(is_asserted, asserted.get(pair), derived)
        if strength <= 0:
            continue
        from_derived = derived is not None and (
            not is_asserted or (asserted.get(pair) is None and derived >= strength))
        links.append(Link(
            LinkType.KNOWS, pair[0], pair[1], strength,
            "derived" if from_derived else "asserted",
            interactions=summary.count if summary.count else None,
            last_interaction=summary.last,
        ))
    return links


_LINK_FIELDS = {
    "KNOWS": ("src", "dst", "strength"),
    "REPORTS_TO": ("src", "dst", "strength"),
    "INFLUENCES": ("src", "dst", "strength", "kind"),
    "SHARED": ("src", "dst", "shared", "lastShared", "derived"),
}


def link_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat link rows (as `links_from_rows` reads them) of one expansion row: one link type
    and the other end, with that end's links of this type as lists of scalars."""
    kind = row["type"]
    names = _LINK_FIELDS[kind]
    return [{"type": kind, **dict(zip(names, values, strict=True))} for values in row["links"]]


def person_from_row(row: dict[str, Any]) -> Person:
    """A person from a flat row: id, name, title, account, active, staff, attitude (at asOf)."""
    attitude = row.get("attitude")
    return Person(
        id=row["id"], name=row.get("name") or row["id"], staff=bool(row.get("staff")),
        active=row.get("active") is not False,
        attitude=None if attitude is None else int(attitude),
        title=row.get("title"), account=row.get("account"),
    )


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
    Cost: 1 + `max_hops` statements.
    """
    day = resolve_as_of(as_of)
    cfg = settings_or_default(settings)
    check_range("max_hops", max_hops, 1, MAX_HOPS_LIMIT)
    check_range("limit", limit, 1, MAX_PATHS)
    given = list(dict.fromkeys(from_ids))
    rows = store.run(PATHS_PEOPLE, {"ids": [target, *given], "asOf": iso(day)})
    people = {p.id: p for p in (person_from_row(r) for r in rows)}
    person = people.get(target)
    if person is None or person.staff:
        raise NotFound("contact", target)
    for sid in given:
        start = people.get(sid)
        if start is None or not start.staff:
            raise NotFound("staff member", sid)
        if not start.active:
            raise RelgraphError(f"staff member {sid!r} is inactive; paths start from active staff")

    links, people = _expand(store, target, given, people, max_hops, limit, day, cfg)
    arcs = best_arcs(links)
    starts = set(given) if given else {p.id for p in people.values() if p.staff and p.active}
    blocked = {p.id for p in people.values() if not p.may_relay}
    ranked = rank_paths({a: link.strength for a, link in arcs.items()}, starts, target, blocked,
                        max_hops, limit)
    return [path_answer(nodes, strength, people, arcs) for strength, nodes in ranked]


def _expand(
    store: GraphStore, target: str, given: list[str], people: dict[str, Person], max_hops: int,
    limit: int, day: dt.date, cfg: Settings,
) -> tuple[list[Link], dict[str, Person]]:
    """Fetch every link of a path of at most `max_hops` into `target`, level by level; stop
    early once the `limit` best paths are settled."""
    people = dict(people)
    start_ids = set(given)

    def is_start(p: Person) -> bool:
        return p.id in start_ids if given else (p.staff and p.active)

    rows: list[dict[str, Any]] = []
    links: list[Link] = []
    seen = {target}
    frontier = [target]
    base = derived_params(day, cfg)
    for level in range(1, max_hops + 1):
        if not frontier:
            break
        if level == max_hops:
            found = store.run(PATHS_LINKS_FROM_START, {**base, "ids": frontier, "from": given})
        else:
            found = store.run(PATHS_LINKS_INTO, {**base, "ids": frontier})
        discovered: list[str] = []
        for row in found:
            other = person_from_row(row)
            people.setdefault(other.id, other)
            rows.extend(link_rows(row))
            if other.id not in seen:
                seen.add(other.id)
                discovered.append(other.id)
        frontier = sorted(
            pid for pid in discovered
            if people[pid].may_relay and not is_start(people[pid])
        )
        links = links_from_rows(rows)
        if frontier and level < max_hops and _settled(
                links, people, frontier, target, is_start, max_hops, limit):
            break
    return links, people


def _settled(
    links: Iterable[Link], people: Mapping[str, Person], frontier: Sequence[str], target: str,
    is_start: Callable[[Person], bool], max_hops: int, limit: int,
) -> bool:
    """Whether no path still undiscovered can beat the `limit` best paths found so far.

    Every undiscovered path enters the explored region through a frontier person y and then
    follows links already fetched, so it is at most as strong as y's best known way to the
    target. When the k-th best path found is stronger than that for every y, expanding further
    cannot change the answer (an exact cut-off, not a heuristic).
    """
    arcs = {a: link.strength for a, link in best_arcs(links).items()}
    starts = {p.id for p in people.values() if is_start(p)}
    blocked = {p.id for p in people.values() if not p.may_relay}
    found = rank_paths(arcs, starts, target, blocked, max_hops, limit)
    if len(found) < limit:
        return False
    reach = suffix_bounds(arcs, target, blocked | starts, max_hops - 1)
    best_left = max((reach.get(y, 0.0) for y in frontier), default=0.0)
    return found[-1][0] > best_left * (1 + _TIE)


def suffix_bounds(
    arcs: Mapping[tuple[str, str], float], target: str, no_relay: Collection[str], max_hops: int,
) -> dict[str, float]:
    """For each person: the strongest known way to `target` in at most `max_hops` arcs whose
    people in between are not in `no_relay` (a walk bound; the person itself may be anyone)."""
    into: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (u, v), strength in arcs.items():
        if u != target and (v == target or v not in no_relay):
            into[v].append((u, strength))
    best: dict[str, float] = {target: 1.0}
    layer = {target: 1.0}
    for _ in range(max_hops):
        nxt: dict[str, float] = {}
        for v, strength_v in layer.items():
            if v != target and v in no_relay:
                continue
            for u, strength in into.get(v, []):
                candidate = strength * strength_v
                if candidate > best.get(u, 0.0):
                    best[u] = candidate
                    nxt[u] = candidate
        layer = nxt
        if not layer:
            break
    return best


# --- the reverse question ---------------------------------------------------------------------

def influence_reach(
    arcs: Mapping[tuple[str, str], float], source: str, relays: Collection[str], max_hops: int,
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """For each person reachable from `source` in 1..`max_hops` arcs: its strongest path.

    Only people in `relays` may be reached or passed through. Exact: a DP over walks of exactly
    k arcs (k = 1..max_hops) on the product of strengths; since strengths are at most 1, the
    strongest walk is as strong as the strongest simple path, and erasing the loops of a walk
    gives that path. Returns {person: (strength, path including both ends)}.
    """
    out_arcs: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (u, v), strength in sorted(arcs.items()):
        if strength > 0 and v in relays and v != source and u != v:
            out_arcs[u].append((v, strength))
    # layers[k][v] = (strength of the strongest k-arc walk source..v, predecessor on it)
    layers: list[dict[str, tuple[float, str]]] = [{source: (1.0, "")}]
    for _ in range(max_hops):
        layer: dict[str, tuple[float, str]] = {}
        for u, (strength_u, _) in sorted(layers[-1].items()):
            for v, strength in out_arcs.get(u, []):
                candidate = strength_u * strength
                held = layer.get(v)
                if held is None or candidate > held[0] + _TIE:
                    layer[v] = (candidate, u)
        if not layer:
            break
        layers.append(layer)
    best: dict[str, tuple[float, tuple[str, ...]]] = {}
    for k in range(1, len(layers)):
        for v, (strength, _) in layers[k].items():
            known = best.get(v)
            if known is not None and strength <= known[0] + _TIE:
                continue
            walk = [v]
            for j in range(k, 0, -1):
                walk.append(layers[j][walk[-1]][1])
            path = _erase_loops(walk[::-1])
            best[v] = (path_strength(arcs, path), path)
    return best


def _erase_loops(walk: Sequence[str]) -> tuple[str, ...]:
    """The simple path left when every loop of the walk is cut out."""
    path: list[str] = []
    position: dict[str, int] = {}
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
    Cost: 1 + `max_hops` statements.
    """
    day = resolve_as_of(as_of)
    check_range("max_hops", max_hops, 1, MAX_HOPS_LIMIT)
    rows = store.run(PATHS_PEOPLE, {"ids": [contact], "asOf": iso(day)})
    if not rows or rows[0].get("staff"):
        raise NotFound("contact", contact)
    people = {contact: person_from_row(rows[0])}
    links: dict[tuple[str, str, str], Link] = {}
    frontier, seen = [contact], {contact}
    for _ in range(max_hops):
        if not frontier:
            break
        discovered: list[str] = []
        for row in store.run(INFLUENCE_LINKS_OUT, {"ids": frontier, "asOf": iso(day)}):
            other = person_from_row(row)
            people.setdefault(other.id, other)
            kind, src, dst = row["type"], row["src"], row["dst"]
            if kind == "INFLUENCES" and row["strength"] is not None:
                links[(kind, src, dst)] = Link(LinkType.INFLUENCES, src, dst,
                                               float(row["strength"]), "influence")
            elif kind == "REPORTS_TO":
                links[(kind, src, dst)] = Link(LinkType.REPORTS_TO, src, dst,
                                               reporting_strength(row["strength"]), "reporting")
            if other.id not in seen:
                seen.add(other.id)
                if other.active:
                    discovered.append(other.id)
        frontier = sorted(discovered)
    arcs = {a: link.strength for a, link in best_arcs(links.values()).items()}
    relays = {p.id for p in people.values() if p.active and not p.staff}
    reach = influence_reach(arcs, contact, relays, max_hops)
    answers = [
        Influenced(contact=people[pid].node(), strength=rounded(strength), hops=len(path) - 1,
                   via=list(path[1:-1]))
        for pid, (strength, path) in reach.items()
    ]
    answers.sort(key=lambda a: (-a.strength, a.hops, a.contact.id))
    return answers
