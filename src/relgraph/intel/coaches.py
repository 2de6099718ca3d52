"""Coaches (docs/CONTRACT.md §2): contacts whose current attitude is 3, whether each reaches a
decision maker, and coach candidates.

Statements per call: 3 (the account with its opportunities, its contacts with their links, the
directory of the staff those links name).
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from relgraph.config import Settings
from relgraph.errors import NotFound
from relgraph.intel.common import rank_level, resolve_as_of, settings_or_default
from relgraph.intel.facts import AccountFacts, load_facts
from relgraph.intel.types import Coach, CoachCandidate
from relgraph.store.base import GraphStore

REACH_HOPS = 3


def coaches(
    store: GraphStore, account_id: str, opportunity_id: str | None = None,
    as_of: dt.date | None = None, settings: Settings | None = None,
) -> list[Coach]:
    """The coaches of an account (with `opportunity_id`: those on that opportunity's decision
    chain), those who reach a decision maker first."""
    facts = _facts(store, account_id, as_of, settings)
    if opportunity_id is not None and opportunity_id not in facts.opportunities:
        raise NotFound("opportunity", f"{opportunity_id}' of account '{account_id}")
    return find_coaches(facts, opportunity_id)


def coach_candidates(
    store: GraphStore, account_id: str, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[CoachCandidate]:
    """Strong supporters who could become coaches: latest assessment with attitude 2 and
    information sharing and guidance both at least 2, most forthcoming first."""
    return find_coach_candidates(_facts(store, account_id, as_of, settings))


def _facts(store: GraphStore, account_id: str, as_of: dt.date | None,
           settings: Settings | None) -> AccountFacts:
    portfolio = load_facts(store, [account_id], resolve_as_of(as_of),
                           settings_or_default(settings), units=False, derived=False)
    return portfolio.accounts[account_id]


def influence_graph(facts: AccountFacts) -> nx.DiGraph:
    """The account's active contacts; current REPORTS_TO both ways, INFLUENCES its direction."""
    graph = nx.DiGraph()
    active = {c.id for c in facts.active_contacts()}
    graph.add_nodes_from(sorted(active))
    for line in facts.current_lines():
        if line.person in active and line.manager in active and line.person != line.manager:
            graph.add_edge(line.person, line.manager)
            graph.add_edge(line.manager, line.person)
    for link in facts.influence_links():
        if link.src in active and link.dst in active and link.src != link.dst:
            graph.add_edge(link.src, link.dst)
    return graph


def decision_makers(facts: AccountFacts) -> set[str]:
    """Active contacts who are decision_maker of an open opportunity of the account."""
    return {c.id for c in facts.active_contacts() for e in c.chain
            if e.role == "decision_maker" and e.opportunity in facts.opportunities
            and facts.opportunities[e.opportunity].is_open}


def find_coaches(facts: AccountFacts, opportunity_id: str | None = None) -> list[Coach]:
    """Pure core of `coaches`."""
    graph = influence_graph(facts)
    dms = decision_makers(facts)
    found: list[Coach] = []
    for c in facts.active_contacts():
        if facts.attitude(c.id) != 3:
            continue
        if opportunity_id is not None and all(e.opportunity != opportunity_id for e in c.chain):
            continue
        near = nx.single_source_shortest_path_length(graph, c.id, cutoff=REACH_HOPS)
        reached = sorted(d for d in dms if d in near)
        opportunities = sorted({e.opportunity for e in c.chain
                                if e.opportunity in facts.opportunities
                                and facts.opportunities[e.opportunity].is_open})
        found.append(Coach(contact=facts.contact_ref(c.id), reaches_decision_maker=bool(reached),
                           decision_makers_reached=reached, opportunities=opportunities))
    found.sort(key=lambda x: (not x.reaches_decision_maker, -rank_level(x.contact.rank),
                              x.contact.name, x.contact.id))
    return found


def find_coach_candidates(facts: AccountFacts) -> list[CoachCandidate]:
    """Pure core of `coach_candidates`."""
    found: list[CoachCandidate] = []
    for c in facts.active_contacts():
        latest = facts.assessment(c.id)
        if latest is None or latest.attitude != 2:
            continue
        info, guidance = latest.information_sharing, latest.guidance
        if info is None or guidance is None or info < 2 or guidance < 2:
            continue
        found.append(CoachCandidate(contact=facts.contact_ref(c.id), information_sharing=info,
                                    guidance=guidance, assessed_on=latest.date))
    found.sort(key=lambda x: (-(x.information_sharing + x.guidance), -rank_level(x.contact.rank),
                              x.contact.name, x.contact.id))
    return found
