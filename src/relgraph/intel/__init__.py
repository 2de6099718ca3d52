"""Relationship intelligence: influence paths, coaches, coverage gaps, scores, power map,
network analytics, and the client as a company (organizational and general relationship, the
portfolio by tier).

Each question is a few named Cypher fetches (the imperative shell) and a pure function over
plain data (the functional core). `as_of` defaults to today everywhere.
"""

from relgraph.intel.analytics import hidden_influencers, single_points_of_failure
from relgraph.intel.coaches import coach_candidates, coaches
from relgraph.intel.departments import general_relationship
from relgraph.intel.gaps import coverage_gaps
from relgraph.intel.org import organizational_relationship
from relgraph.intel.paths import influence_paths, influenced_by
from relgraph.intel.portfolio import portfolio, tier_history
from relgraph.intel.powermap import power_map, power_map_dot
from relgraph.intel.scores import account_health, attitude_changes, contact_scores

__all__ = [
    "account_health",
    "attitude_changes",
    "coach_candidates",
    "coaches",
    "contact_scores",
    "coverage_gaps",
    "general_relationship",
    "hidden_influencers",
    "influence_paths",
    "influenced_by",
    "organizational_relationship",
    "portfolio",
    "power_map",
    "power_map_dot",
    "single_points_of_failure",
    "tier_history",
]
