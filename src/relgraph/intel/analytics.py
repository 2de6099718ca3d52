"""Network analytics over an account's projected graph (networkx): hidden influencers (high
influence centrality, low rank — the seeds' "small people" and rising stars, and brokers) and
the single points of failure on our side.

Statements per call: `hidden_influencers` 3 (account, contacts, staff directory);
`single_points_of_failure` 4 (the same and the shared interactions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

import networkx as nx

from relgraph.config import Settings
from relgraph.intel.common import (
    rank_level,
    reporting_strength,
    resolve_as_of,
    settings_or_default,
)
from relgraph.intel.facts import AccountFacts, load_facts
from relgraph.intel.types import HiddenInfluencer, SinglePointOfFailure
from relgraph.store.base import GraphStore

DIGITS = 4


def hidden_influencers(
    store: GraphStore, account_id: str, limit: int = 10, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[HiddenInfluencer]:
    """The account's contacts whose influence outweighs their rank, most hidden first."""
    portfolio = load_facts(store, [account_id], resolve_as_of(as_of),
                           settings_or_default(settings), units=False, derived=False)
    return find_hidden_influencers(portfolio.accounts[account_id], limit)


def weighted_influence_graph(facts: AccountFacts) -> nx.DiGraph:
    """Active contacts; an edge u -> v means u influences v: INFLUENCES with its strength, and a
    current reporting line from the manager to the report with its strength (0.5 by default):
    formal authority flows down. Parallel links keep the strongest."""
    graph = nx.DiGraph()
    active = {c.id for c in facts.active_contacts()}
    graph.add_nodes_from(sorted(active))

    def add(u: str, v: str, weight: float) -> None:
        if u not in active or v not in active or u == v:
            return
        if not graph.has_edge(u, v) or graph[u][v]["weight"] < weight:
            graph.add_edge(u, v, weight=weight)

    for line in facts.current_lines():
        weight = reporting_strength(line.strength)
        add(line.manager, line.person, weight)
    for link in facts.influence_links():
        add(link.src, link.dst, link.strength)
    return graph


def find_hidden_influencers(facts: AccountFacts, limit: int = 10) -> list[HiddenInfluencer]:
    """Pure core of `hidden_influencers`.

    betweenness: normalised betweenness on the undirected graph (brokers between groups);
    pagerank: PageRank on the reversed influence graph, weighted by strength (you rank high
    when you influence people who are themselves influential); centrality = the mean of the two,
    each divided by its maximum in the account; influence_index = centrality / rank level
    (S=4 .. C=1). Contacts without any link are left out.
    """
    graph = weighted_influence_graph(facts)
    connected = [n for n in graph.nodes if graph.degree(n) > 0]
    if not connected:
        return []
    betweenness: Mapping[str, float] = nx.betweenness_centrality(graph.to_undirected(),
                                                                  normalized=True)
    pagerank = pagerank_of(graph.reverse(copy=True))
    top_b = max(betweenness[n] for n in connected)
    top_p = max(pagerank[n] for n in connected)
    found: list[HiddenInfluencer] = []
    for cid in connected:
        c = facts.contacts[cid]
        b = betweenness[cid] / top_b if top_b > 0 else 0.0
        p = pagerank[cid] / top_p if top_p > 0 else 0.0
        level = rank_level(c.rank)
        found.append(HiddenInfluencer(
            contact=facts.contact_ref(cid), betweenness=round(betweenness[cid], DIGITS),
            pagerank=round(pagerank[cid], DIGITS), rank_level=level,
            influence_index=round((b + p) / 2 / level, DIGITS), rising_star=c.rising_star,
        ))
    found.sort(key=lambda h: (-h.influence_index, -h.betweenness, h.contact.id))
    return found[:max(limit, 0)]


def pagerank_of(
    graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 500,
) -> dict[str, float]:
    """Weighted PageRank by power iteration, as networkx defines it (uniform teleport, dangling
    nodes spread uniformly), in pure Python: networkx's own needs numpy and scipy."""
    nodes = sorted(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: sum(d.get("weight", 1.0) for _, _, d in graph.out_edges(u, data=True))
                  for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = sum(rank[u] for u in nodes if out_weight[u] == 0)
        base = (1.0 - alpha) / n + alpha * dangling / n
        nxt = dict.fromkeys(nodes, base)
        for u, v, d in graph.edges(data=True):
            nxt[v] += alpha * rank[u] * d.get("weight", 1.0) / out_weight[u]
        if sum(abs(nxt[u] - rank[u]) for u in nodes) < n * tol:
            return nxt
        rank = nxt
    return rank


def single_points_of_failure(
    store: GraphStore, account_id: str, max_hops: int = 4, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[SinglePointOfFailure]:
    """Active staff members without whom some key contacts of the account could no longer be
    reached from our side within `max_hops` (most stranded contacts first)."""
    portfolio = load_facts(store, [account_id], resolve_as_of(as_of),
                           settings_or_default(settings), units=False)
    return find_single_points_of_failure(portfolio.accounts[account_id], max_hops)


def reach_graph(facts: AccountFacts) -> dict[str, set[str]]:
    """Who can take the next step to whom: active staff -> contacts they know (asserted or
    derived), current reporting lines both ways and INFLUENCES among the active contacts."""
    out: dict[str, set[str]] = {}
    active = {c.id for c in facts.active_contacts()}

    def add(u: str, v: str) -> None:
        if u != v:
            out.setdefault(u, set()).add(v)

    for cid in sorted(active):
        for sid in facts.knows(cid):
            add(sid, cid)
    for line in facts.current_lines():
        if line.person in active and line.manager in active:
            add(line.person, line.manager)
            add(line.manager, line.person)
    for link in facts.influence_links():
        if link.src in active and link.dst in active:
            add(link.src, link.dst)
    return out


def reachable(
    arcs: Mapping[str, Collection[str]], sources: Collection[str], relays: Collection[str],
    max_hops: int,
) -> set[str]:
    """People reached from `sources` in 1..`max_hops` steps; only `relays` pass it on."""
    seen = set(sources)
    reached: set[str] = set()
    frontier = set(sources)
    for _ in range(max_hops):
        nxt: set[str] = set()
        for u in frontier:
            for v in arcs.get(u, ()):
                if v not in seen:
                    seen.add(v)
                    reached.add(v)
                    if v in relays:
                        nxt.add(v)
        frontier = nxt
        if not frontier:
            break
    return reached


def find_single_points_of_failure(
    facts: AccountFacts, max_hops: int = 4,
) -> list[SinglePointOfFailure]:
    """Pure core of `single_points_of_failure`: relays are active contacts whose attitude is not
    -1 (as for influence paths); a key contact is stranded by a staff member when it is reachable
    from our active staff, but not from the others once that person is gone."""
    arcs = reach_graph(facts)
    staff = sorted({s for s in arcs if s in facts.staff and facts.is_active_staff(s)})
    relays = {c.id for c in facts.active_contacts() if facts.attitude(c.id) != -1}
    keys = {c.id for c in facts.key_contacts()}
    covered = reachable(arcs, staff, relays, max_hops) & keys
    found: list[SinglePointOfFailure] = []
    for sid in staff:
        without = reachable(arcs, [s for s in staff if s != sid], relays, max_hops)
        stranded = sorted(covered - without)
        if stranded:
            found.append(SinglePointOfFailure(staff_id=sid, name=facts.staff_name(sid),
                                              stranded_contacts=stranded))
    found.sort(key=lambda x: (-len(x.stranded_contacts), x.name, x.staff_id))
    return found
