"""The functional cores of gaps, coaches, scores and analytics on hand-built facts (no engine)."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from relgraph.config import Settings
from relgraph.intel.analytics import find_single_points_of_failure, pagerank_of, reachable
from relgraph.intel.coaches import find_coach_candidates, find_coaches
from relgraph.intel.common import AssessmentInfo, SharedInteractions, cadence_days, rank_level
from relgraph.intel.facts import (
    AccountFacts,
    ChainEntry,
    ContactInfo,
    Influence,
    OpportunityInfo,
    Portfolio,
    ReportLine,
    StaffInfo,
)
from relgraph.intel.gaps import OwnedContact, find_gaps, parse_kinds
from relgraph.intel.scores import changes_of, health_of
from relgraph.model import GapKind

DAY = dt.date(2026, 11, 1)
SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]


def facts(tier: str = "S") -> AccountFacts:
    staff = {"s1": StaffInfo("s1", "Li Wei", rank="B"), "s2": StaffInfo("s2", "Bo Chen", rank="A"),
             "s0": StaffInfo("s0", "Old Hand", active=False)}
    f = AccountFacts(id="acc-1", name="Northwind", tier=tier, partnership=None, as_of=DAY,
                     staff=staff)
    f.opportunities["o1"] = OpportunityInfo("o1", "Core", "acc-1", "opportunity")
    f.contacts["cto"] = ContactInfo(
        "cto", "Ana Ruiz", "acc-1", rank="A", owners=[("s1", "A"), ("s0", "B")],
        asserted={"s1": 0.7}, chain=[ChainEntry("o1", "decision_maker", "opportunity", "acc-1")],
        assessments=[AssessmentInfo(dt.date(2026, 1, 1), 2, 2.0, 2, 2)],
        last_interaction=dt.date(2026, 10, 1))
    f.contacts["eng"] = ContactInfo(
        "eng", "Wu Fang", "acc-1", rank="C",
        assessments=[AssessmentInfo(dt.date(2025, 1, 1), 1, 1.0),
                     AssessmentInfo(dt.date(2026, 1, 1), 3, 3.0)],
        reports_to=[ReportLine("eng", "cto", None, None, None)],
        influences=[Influence("eng", "cto", 0.6, "mentor")])
    f.derived["eng"] = {"s2": SharedInteractions(2, dt.date(2026, 10, 1), 0.45)}
    return f


def test_parse_kinds() -> None:
    assert parse_kinds(None) is None
    assert parse_kinds(["no_coach", GapKind.STALE_CONTACT]) == {GapKind.NO_COACH,
                                                                 GapKind.STALE_CONTACT}
    with pytest.raises(Exception, match="valid kinds"):
        parse_kinds(["nope"])


def test_find_gaps_on_plain_facts() -> None:
    f = facts()
    portfolio = Portfolio(DAY, {"acc-1": f}, f.staff)
    roster = [*f.staff.values(), StaffInfo("x", "Exec", rank="S")]  # every staff member
    gaps = find_gaps(portfolio, {}, roster, SETTINGS)
    found = [(g.kind, g.severity, g.subject_id) for g in gaps]
    assert ("OWNER_INACTIVE", "HIGH", "cto") in found
    assert ("OWNER_MISSING_B", "MEDIUM", "cto") in found
    assert ("SPONSOR_MISSING", "MEDIUM", "acc-1") in found
    assert [k for k, _, s in found if k == "TRIANGLE_ROLE_MISSING"] == ["TRIANGLE_ROLE_MISSING"] * 3
    assert ("NO_COACH", "HIGH", "o1") in found  # eng (attitude 3) is not on the chain
    assert not [k for k, _, _ in found if k in ("STALE_CONTACT", "DECISION_CHAIN_UNKNOWN",
                                                   "SINGLE_THREADED", "OWNER_MISSING_A")]
    # s1 already owns the CTO and s2 knows only eng: no B-owner candidate (and no team)
    [missing_b] = [g for g in gaps if g.kind == "OWNER_MISSING_B"]
    assert "Old Hand has left" in missing_b.message
    assert missing_b.candidates == []
    sponsor = next(g for g in gaps if g.kind == "SPONSOR_MISSING")
    # executives of rank A or above, those who know the account's people first
    assert [(c.staff_id, c.strength) for c in sponsor.candidates] == [("s2", 0.45), ("x", None)]
    order = [(g.severity, g.kind) for g in gaps]
    severities = [s for s, _ in order]
    assert severities == sorted(severities, key=["HIGH", "MEDIUM", "LOW"].index)


def test_overload_counts_key_contacts_across_the_portfolio() -> None:
    f = facts("B")
    owned = [OwnedContact("s1", f"k{i}", "acc-x", True) for i in range(12)]
    owned.append(OwnedContact("s1", "cto", "acc-1", True))
    portfolio = Portfolio(DAY, {"acc-1": f}, f.staff)
    gaps = find_gaps(portfolio, {"s1": owned}, [], SETTINGS, {GapKind.OWNER_OVERLOADED})
    assert [(g.kind, g.subject_id, g.account_id) for g in gaps] == [
        ("OWNER_OVERLOADED", "s1", "acc-1")]
    owned[0] = OwnedContact("s1", "k0", "acc-x", False)
    assert find_gaps(portfolio, {"s1": owned}, [], SETTINGS, {GapKind.OWNER_OVERLOADED}) == []


def test_coaches_and_candidates_core() -> None:
    f = facts()
    [coach] = find_coaches(f)
    assert (coach.contact.id, coach.reaches_decision_maker, coach.decision_makers_reached) == (
        "eng", True, ["cto"])
    assert find_coaches(f, "o1") == []
    [candidate] = find_coach_candidates(f)
    assert (candidate.contact.id, candidate.information_sharing, candidate.guidance) == (
        "cto", 2, 2)


def test_health_and_changes_core() -> None:
    f = facts()
    h = health_of(f, SETTINGS)
    # one key contact (cto): supportive (2), not fully owned (B owner left), met 31 days ago
    assert (h.key_contacts, h.supportive_share, h.owner_coverage, h.cadence_adherence,
            h.coach_present, h.health) == (1, 1.0, 0.0, 1.0, True, 0.75)
    changes = changes_of(f, dt.date(2025, 6, 1), DAY)
    assert [(c.contact.id, c.before, c.after, c.direction) for c in changes] == [
        ("eng", 1, 3, "strengthened"), ("cto", None, 2, "new")]


def test_single_points_of_failure_core() -> None:
    f = facts()
    # s1 knows the CTO directly, s2 reaches the CTO through eng (met at interactions): two
    # ways in; with a hop limit of 1 only s1's remains
    assert find_single_points_of_failure(f) == []
    assert [(x.staff_id, x.stranded_contacts)
            for x in find_single_points_of_failure(f, max_hops=1)] == [("s1", ["cto"])]
    assert reachable({"a": {"b"}, "b": {"c"}}, ["a"], {"b"}, 2) == {"b", "c"}
    assert reachable({"a": {"b"}, "b": {"c"}}, ["a"], set(), 2) == {"b"}


def test_pagerank_matches_the_definition() -> None:
    graph = nx.DiGraph()
    graph.add_edge("a", "b", weight=1.0)
    graph.add_edge("b", "c", weight=1.0)
    graph.add_edge("c", "a", weight=1.0)
    graph.add_node("d")
    ranks = pagerank_of(graph)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["a"] == pytest.approx(ranks["b"]) == pytest.approx(ranks["c"])
    # d only gets the teleport share and its share of d's own dangling mass
    assert ranks["d"] < ranks["a"]


def test_small_helpers() -> None:
    assert [rank_level(r) for r in ("S", "A", "B", "C", None, "?")] == [4, 3, 2, 1, 1, 1]
    assert [cadence_days(r, SETTINGS) for r in ("S", "A", "B", "C")] == [365, 183, 31, 31]
