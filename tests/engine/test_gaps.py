"""Coverage gaps on each engine: every kind of the contract's table fires, and its near miss
does not (kind, severity, subjectId and accountId exactly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.support import load

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound, RelgraphError
from relgraph.intel import coverage_gaps
from relgraph.intel.facts import load_facts
from relgraph.intel.gaps import coverage
from relgraph.intel.memo import memo_of
from relgraph.model import OPEN_STAGES, GapKind
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)
Finding = tuple[str, str, str, str | None]


def found(store: GraphStore, kind: str, account: str | None = "acc-1",
          as_of: dt.date = AS_OF, settings: Settings | None = None) -> list[Finding]:
    return [(g.kind, g.severity, g.subject_id, g.account_id)
            for g in coverage_gaps(store, account, kinds=[kind], as_of=as_of, settings=settings)]


def account(tier: str = "B", aid: str = "acc-1") -> dict[str, Any]:
    return {"id": aid, "name": f"Account {aid}", "tier": tier}


def contact(cid: str, account: str = "acc-1", **extra: Any) -> dict[str, Any]:
    return {"id": cid, "account": account, "name": f"Contact {cid}", **extra}


def member(sid: str, **extra: Any) -> dict[str, Any]:
    return {"id": sid, "name": f"Staff {sid}", **extra}


def own(staff: str, contact: str, role: str) -> dict[str, Any]:
    return {"staff": staff, "contact": contact, "role": role}


# --- owners -----------------------------------------------------------------------------------

def test_owner_missing_b_when_the_b_owner_is_inactive(store: GraphStore) -> None:
    load(store, accounts=[account("A")], contacts=[contact("k", key=True)],
         staff=[member("sa"), member("sb", active=False), member("sc")],
         owners=[own("sa", "k", "A"), own("sb", "k", "B")],
         knows=[{"staff": "sc", "contact": "k", "strength": 0.62},
                {"staff": "sa", "contact": "k", "strength": 0.9}])
    assert found(store, "OWNER_MISSING_B") == [("OWNER_MISSING_B", "MEDIUM", "k", "acc-1")]
    assert found(store, "OWNER_MISSING_A") == []
    assert found(store, "OWNER_INACTIVE") == [("OWNER_INACTIVE", "HIGH", "k", "acc-1")]
    [gap] = coverage_gaps(store, "acc-1", kinds=["OWNER_MISSING_B"], as_of=AS_OF)
    assert gap.subject_name == "Contact k"
    assert "Staff sb has left" in gap.message
    # the candidate knows the contact and owns nothing yet; the A owner is not suggested
    assert [(c.staff_id, c.strength) for c in gap.candidates] == [("sc", 0.62)]
    assert gap.suggestion == "assign a B owner — candidates: Staff sc (0.62)"


def test_owner_roles_held_by_active_staff_raise_nothing(store: GraphStore) -> None:
    load(store, accounts=[account()], contacts=[contact("k", key=True)],
         staff=[member("sa"), member("sb")], owners=[own("sa", "k", "A"), own("sb", "k", "B")])
    for kind in ("OWNER_MISSING_A", "OWNER_MISSING_B", "OWNER_INACTIVE", "OWNER_DUPLICATE"):
        assert found(store, kind) == []


def test_owner_missing_a_on_every_kind_of_key_contact(store: GraphStore) -> None:
    load(store, accounts=[account("A")],
         contacts=[contact("flagged", key=True), contact("senior", rank="A"),
                   contact("chain"), contact("closed-chain"), contact("plain"),
                   contact("gone", key=True, rank="S", active=False)],
         opportunities=[{"id": "o1", "account": "acc-1", "name": "Core", "stage": "opportunity"},
                        {"id": "o2", "account": "acc-1", "name": "Old", "stage": "won"}],
         decisionChain=[{"opportunity": "o1", "contact": "chain", "role": "user"},
                        {"opportunity": "o2", "contact": "closed-chain", "role": "user"}])
    expected = [("OWNER_MISSING_A", "HIGH", c, "acc-1") for c in ("chain", "flagged", "senior")]
    assert found(store, "OWNER_MISSING_A") == expected
    assert found(store, "OWNER_MISSING_B") == [
        ("OWNER_MISSING_B", "MEDIUM", c, "acc-1") for c in ("chain", "flagged", "senior")]


def test_owner_missing_c_only_for_rank_s_of_tier_s(store: GraphStore) -> None:
    load(store, accounts=[account("S"), account("A", "acc-2")],
         contacts=[contact("ceo", rank="S"), contact("cto", rank="A"),
                   contact("ceo2", "acc-2", rank="S"), contact("chair", rank="S")],
         staff=[member("s1"), member("s2"), member("s3")],
         owners=[own("s1", "ceo", "A"), own("s2", "ceo", "B"),
                 own("s1", "chair", "A"), own("s2", "chair", "B"), own("s3", "chair", "C")])
    assert found(store, "OWNER_MISSING_C") == [("OWNER_MISSING_C", "LOW", "ceo", "acc-1")]
    assert found(store, "OWNER_MISSING_C", "acc-2") == []


def test_owner_duplicate(store: GraphStore) -> None:
    load(store, accounts=[account()], contacts=[contact("k", key=True), contact("j", key=True),
                                                contact("m", key=True)],
         staff=[member("s1"), member("s2"), member("s0", active=False)],
         owners=[own("s1", "k", "A"), own("s1", "k", "B"),
                 own("s1", "j", "A"), own("s2", "j", "B"),
                 own("s0", "m", "A"), own("s0", "m", "B")])
    assert found(store, "OWNER_DUPLICATE") == [("OWNER_DUPLICATE", "MEDIUM", "k", "acc-1")]
    # the inactive one owns nothing for the rules, except OWNER_INACTIVE (once per role)
    assert found(store, "OWNER_INACTIVE") == [("OWNER_INACTIVE", "HIGH", "m", "acc-1")] * 2


def test_owner_inactive_is_not_raised_for_a_departed_contact(store: GraphStore) -> None:
    load(store, accounts=[account()], contacts=[contact("k", key=True, active=False)],
         staff=[member("s0", active=False)], owners=[own("s0", "k", "A")])
    assert found(store, "OWNER_INACTIVE") == []
    assert coverage_gaps(store, "acc-1", as_of=AS_OF) == []


def _overload(store: GraphStore, keys: int, extra: list[dict[str, Any]] | None = None) -> None:
    contacts = [contact(f"k{i:02d}", key=True) for i in range(keys)] + (extra or [])
    load(store, accounts=[account()], contacts=contacts, staff=[member("s1"), member("s2")],
         owners=[own("s1", c["id"], "A") for c in contacts]
         + [own("s2", c["id"], "B") for c in contacts])


def test_owner_overloaded_above_twelve_key_contacts(store: GraphStore) -> None:
    _overload(store, 13)
    assert found(store, "OWNER_OVERLOADED") == [("OWNER_OVERLOADED", "LOW", "s1", "acc-1")]
    [gap] = coverage_gaps(store, "acc-1", kinds=["OWNER_OVERLOADED"], as_of=AS_OF)
    assert [c.staff_id for c in gap.candidates] == ["s2"]


def test_owner_overloaded_near_misses(store: GraphStore) -> None:
    _overload(store, 12, [contact("plain")])  # 12 key contacts and one that is not key
    assert found(store, "OWNER_OVERLOADED") == []
    tight = Settings(overloaded_owner_threshold=11)
    assert found(store, "OWNER_OVERLOADED", settings=tight) == [
        ("OWNER_OVERLOADED", "LOW", "s1", "acc-1")]


def test_owner_overloaded_counts_across_accounts(store: GraphStore) -> None:
    contacts = [contact(f"a{i}", key=True) for i in range(7)]
    contacts += [contact(f"b{i}", "acc-2", key=True) for i in range(6)]
    load(store, accounts=[account(), account("B", "acc-2")], contacts=contacts,
         staff=[member("s1")], owners=[own("s1", c["id"], "A") for c in contacts])
    assert found(store, "OWNER_OVERLOADED") == [("OWNER_OVERLOADED", "LOW", "s1", "acc-1")]
    assert found(store, "OWNER_OVERLOADED", None) == [
        ("OWNER_OVERLOADED", "LOW", "s1", "acc-1"), ("OWNER_OVERLOADED", "LOW", "s1", "acc-2")]


# --- sponsors and the iron triangle -----------------------------------------------------------

def test_sponsor_missing_for_account_and_rank_s_contact(store: GraphStore) -> None:
    load(store, accounts=[account("S"), account("A", "acc-2"), account("B", "acc-3")],
         contacts=[contact("ceo", rank="S"), contact("ceo2", "acc-2", rank="S"),
                   contact("ceo3", rank="S")],
         staff=[member("x1", rank="S"), member("x2", rank="S", active=False),
                member("x3", rank="A")],
         sponsors=[{"staff": "x2", "account": "acc-1"}, {"staff": "x1", "account": "acc-2"},
                   {"staff": "x1", "contact": "ceo3"}],
         knows=[{"staff": "x1", "contact": "ceo", "strength": 0.7}])
    assert found(store, "SPONSOR_MISSING") == [
        ("SPONSOR_MISSING", "MEDIUM", "acc-1", "acc-1"),
        ("SPONSOR_MISSING", "MEDIUM", "ceo", "acc-1")]
    assert found(store, "SPONSOR_MISSING", "acc-2") == []  # tier A: no personal sponsor rule
    assert found(store, "SPONSOR_MISSING", "acc-3") == []
    by_subject = {g.subject_id: g for g in
                  coverage_gaps(store, "acc-1", kinds=["SPONSOR_MISSING"], as_of=AS_OF)}
    # rank parity: only the rank-S executive is suggested for the CEO
    assert [c.staff_id for c in by_subject["ceo"].candidates] == ["x1"]
    assert [c.staff_id for c in by_subject["acc-1"].candidates] == ["x1", "x3"]


def test_sponsor_rank_mismatch(store: GraphStore) -> None:
    load(store, accounts=[account()],
         contacts=[contact("cto", rank="A"), contact("cfo", rank="A"), contact("coo", rank="A")],
         staff=[member("b", rank="B"), member("a", rank="A"), member("old", rank="C",
                                                                     active=False)],
         sponsors=[{"staff": "b", "contact": "cto"}, {"staff": "a", "contact": "cfo"},
                   {"staff": "old", "contact": "coo"}])
    assert found(store, "SPONSOR_RANK_MISMATCH") == [
        ("SPONSOR_RANK_MISMATCH", "MEDIUM", "cto", "acc-1")]


def test_triangle_role_missing_one_finding_per_role(store: GraphStore) -> None:
    load(store, accounts=[account("A"), account("S", "acc-2"), account("B", "acc-3")],
         staff=[member("ar"), member("sr"), member("fr", active=False),
                member("fm", role="fulfillment_manager")],
         contacts=[contact("c1")],
         knows=[{"staff": "fm", "contact": "c1", "strength": 0.3}],
         teams=[{"staff": "ar", "account": "acc-1", "role": "AR"},
                {"staff": "sr", "account": "acc-1", "role": "SR"},
                {"staff": "fr", "account": "acc-1", "role": "FR"}])
    assert found(store, "TRIANGLE_ROLE_MISSING") == [
        ("TRIANGLE_ROLE_MISSING", "MEDIUM", "acc-1", "acc-1")]
    [gap] = coverage_gaps(store, "acc-1", kinds=["TRIANGLE_ROLE_MISSING"], as_of=AS_OF)
    assert "FR" in gap.message and [c.staff_id for c in gap.candidates] == ["fm"]
    assert found(store, "TRIANGLE_ROLE_MISSING", "acc-2") == [
        ("TRIANGLE_ROLE_MISSING", "MEDIUM", "acc-2", "acc-2")] * 3
    assert found(store, "TRIANGLE_ROLE_MISSING", "acc-3") == []



def test_candidates_come_from_the_whole_roster_whichever_accounts_are_asked(
        store: GraphStore) -> None:
    """The fulfillment manager and the rank-A executive are named only by the other account:
    asked alone, acc-1 is offered them all the same (before, only with the portfolio)."""
    load(store, accounts=[account("S"), account("B", "acc-2")],
         staff=[member("ar"), member("sr"), member("fm", role="fulfillment_manager"),
                member("gone", role="fulfillment_manager", active=False),
                member("boss", rank="A"), member("junior", rank="C")],
         contacts=[contact("cto", rank="A"), contact("c2", "acc-2")],
         sponsors=[{"staff": "junior", "contact": "cto"}],
         teams=[{"staff": "ar", "account": "acc-1", "role": "AR"},
                {"staff": "sr", "account": "acc-1", "role": "SR"},
                {"staff": "fm", "account": "acc-2", "role": "FR"},
                {"staff": "gone", "account": "acc-2", "role": "FR"}],
         owners=[own("boss", "c2", "A")])
    alone = coverage_gaps(store, "acc-1", kinds=["TRIANGLE_ROLE_MISSING",
                                                  "SPONSOR_RANK_MISMATCH"], as_of=AS_OF)
    by_kind = {g.kind: [c.staff_id for c in g.candidates] for g in alone}
    assert by_kind == {"TRIANGLE_ROLE_MISSING": ["fm"], "SPONSOR_RANK_MISMATCH": ["boss"]}
    every = coverage_gaps(store, as_of=AS_OF)
    for aid in ("acc-1", "acc-2"):
        assert coverage_gaps(store, aid, as_of=AS_OF) == [
            g for g in every if g.account_id == aid]

# --- decision chain ---------------------------------------------------------------------------

def _chain(store: GraphStore) -> None:
    load(store, accounts=[account()],
         contacts=[contact(c) for c in ("dm", "ev", "known", "by-gone", "owned", "met",
                                        "closed", "ap", "opp-ev", "fan", "fan-closed")],
         staff=[member("s1"), member("s0", active=False)],
         opportunities=[{"id": "o1", "account": "acc-1", "name": "Core", "stage": "lead"},
                        {"id": "o2", "account": "acc-1", "name": "Old", "stage": "lost"}],
         decisionChain=[
             {"opportunity": "o1", "contact": "dm", "role": "decision_maker"},
             {"opportunity": "o1", "contact": "ev", "role": "evaluator"},
             {"opportunity": "o1", "contact": "known", "role": "decision_maker"},
             {"opportunity": "o1", "contact": "by-gone", "role": "approver"},
             {"opportunity": "o1", "contact": "owned", "role": "approver"},
             {"opportunity": "o1", "contact": "met", "role": "user"},
             {"opportunity": "o2", "contact": "closed", "role": "decision_maker"},
             {"opportunity": "o1", "contact": "ap", "role": "approver"},
             {"opportunity": "o1", "contact": "opp-ev", "role": "evaluator"},
             {"opportunity": "o1", "contact": "fan", "role": "influencer"},
             {"opportunity": "o2", "contact": "fan-closed", "role": "influencer"},
         ],
         knows=[{"staff": "s1", "contact": c} for c in ("known", "ap", "opp-ev", "fan")]
         + [{"staff": "s0", "contact": "by-gone", "strength": 0.9}],
         owners=[own("s1", "owned", "A")],
         interactions=[{"id": "i1", "type": "call", "date": "2026-10-01", "staff": ["s1"],
                        "contacts": ["met"]}],
         assessments=[
             {"contact": "dm", "date": "2026-01-01", "attitude": -1},
             {"contact": "ap", "date": "2026-01-01", "attitude": -1},
             {"contact": "opp-ev", "date": "2026-01-01", "attitude": -1},
             {"contact": "closed", "date": "2026-01-01", "attitude": -1},
             {"contact": "known", "date": "2026-01-01", "attitude": -1},
             {"contact": "known", "date": "2026-06-01", "attitude": 1},
         ],
         competitors=[{"id": "k1", "name": "Rival"}],
         favors=[{"contact": "fan", "competitor": "k1", "strength": 0.7},
                 {"contact": "fan-closed", "competitor": "k1"}])


def test_decision_chain_unknown(store: GraphStore) -> None:
    _chain(store)
    assert found(store, "DECISION_CHAIN_UNKNOWN") == [
        ("DECISION_CHAIN_UNKNOWN", "HIGH", "by-gone", "acc-1"),
        ("DECISION_CHAIN_UNKNOWN", "HIGH", "dm", "acc-1"),
        ("DECISION_CHAIN_UNKNOWN", "MEDIUM", "ev", "acc-1"),
    ]


def test_opposed_decision_maker(store: GraphStore) -> None:
    _chain(store)
    assert found(store, "OPPOSED_DECISION_MAKER") == [
        ("OPPOSED_DECISION_MAKER", "HIGH", "ap", "acc-1"),
        ("OPPOSED_DECISION_MAKER", "HIGH", "dm", "acc-1"),
    ]
    # before the 2026-06-01 assessment, `known` was opposed too
    assert ("OPPOSED_DECISION_MAKER", "HIGH", "known", "acc-1") in found(
        store, "OPPOSED_DECISION_MAKER", as_of=dt.date(2026, 5, 1))
    # before any assessment, nobody's attitude is known
    assert found(store, "OPPOSED_DECISION_MAKER", as_of=dt.date(2025, 12, 31)) == []


def test_competitor_captured(store: GraphStore) -> None:
    _chain(store)
    assert found(store, "COMPETITOR_CAPTURED") == [
        ("COMPETITOR_CAPTURED", "MEDIUM", "fan", "acc-1")]
    [gap] = coverage_gaps(store, "acc-1", kinds=["COMPETITOR_CAPTURED"], as_of=AS_OF)
    assert "Rival" in gap.message


def test_no_coach(store: GraphStore) -> None:
    load(store, accounts=[account()],
         contacts=[contact("sup"), contact("coach"), contact("late"),
                   contact("gone", active=False)],
         opportunities=[
             {"id": "o1", "account": "acc-1", "name": "One", "stage": "opportunity"},
             {"id": "o2", "account": "acc-1", "name": "Two", "stage": "contract_execution"},
             {"id": "o3", "account": "acc-1", "name": "Three", "stage": "won"},
             {"id": "o4", "account": "acc-1", "name": "Four", "stage": "lead"},
             {"id": "o5", "account": "acc-1", "name": "Five", "stage": "payment_collection"},
             {"id": "o6", "account": "acc-1", "name": "Six", "stage": "lead"}],
         decisionChain=[{"opportunity": "o1", "contact": "sup", "role": "decision_maker"},
                        {"opportunity": "o2", "contact": "coach", "role": "user"},
                        {"opportunity": "o3", "contact": "sup", "role": "user"},
                        {"opportunity": "o4", "contact": "gone", "role": "user"},
                        {"opportunity": "o6", "contact": "late", "role": "user"}],
         assessments=[{"contact": "sup", "date": "2026-01-01", "attitude": 2},
                      {"contact": "coach", "date": "2026-01-01", "attitude": 3},
                      {"contact": "gone", "date": "2026-01-01", "attitude": 3},
                      {"contact": "late", "date": "2026-10-01", "attitude": 3}])
    assert found(store, "NO_COACH") == [("NO_COACH", "HIGH", o, "acc-1")
                                        for o in ("o1", "o4", "o5")]
    [first] = [g for g in coverage_gaps(store, "acc-1", kinds=["NO_COACH"], as_of=AS_OF)
               if g.subject_id == "o1"]
    assert first.subject_name == "One" and "Contact sup (attitude 2)" in first.suggestion
    assert found(store, "NO_COACH", as_of=dt.date(2026, 9, 30))[-1] == (
        "NO_COACH", "HIGH", "o6", "acc-1")


# --- cadence, dark units, single thread -------------------------------------------------------

def test_stale_contact_by_one_day(store: GraphStore) -> None:
    def day(days_before: int) -> str:
        return (AS_OF - dt.timedelta(days=days_before)).isoformat()

    cases = {"a-ok": ("A", 183), "a-stale": ("A", 184), "s-ok": ("S", 365),
             "s-stale": ("S", 366), "b-ok": ("B", 31), "b-stale": ("B", 32)}
    contacts = [contact(cid, rank=rank, key=True) for cid, (rank, _) in cases.items()]
    contacts += [contact("never", rank="A"), contact("future", rank="A"),
                 contact("not-key", rank="C"), contact("gone", rank="A", active=False)]
    interactions = [{"id": f"i-{cid}", "type": "formal_visit", "date": day(before),
                     "contacts": [cid]} for cid, (_, before) in cases.items()]
    interactions.append({"id": "i-future", "type": "call", "date": day(-1),
                         "contacts": ["future"]})
    load(store, accounts=[account("A")], contacts=contacts, interactions=interactions)
    assert found(store, "STALE_CONTACT") == [
        ("STALE_CONTACT", "MEDIUM", c, "acc-1")
        for c in ("a-stale", "b-stale", "future", "never", "s-stale")]
    # a day later the interaction after asOf counts, and the "ok" ones go stale
    later = {s for _, _, s, _ in found(store, "STALE_CONTACT", as_of=AS_OF + dt.timedelta(1))}
    assert "future" not in later and {"a-ok", "b-ok", "s-ok"} <= later


def test_dark_org_unit(store: GraphStore) -> None:
    load(store, accounts=[account("S"), account("B", "acc-2")],
         orgUnits=[{"id": "u-dark", "account": "acc-1", "name": "Finance"},
                   {"id": "u-lit", "account": "acc-1", "name": "Technology"},
                   {"id": "u-gone", "account": "acc-1", "name": "Legal"},
                   {"id": "u-empty", "account": "acc-1", "name": "Empty"},
                   {"id": "u-old", "account": "acc-1", "name": "Ops"},
                   {"id": "u-b", "account": "acc-2", "name": "Finance B"}],
         contacts=[contact("f1", orgUnit="u-dark"), contact("f2", orgUnit="u-dark"),
                   contact("t1", orgUnit="u-lit"), contact("t2", orgUnit="u-lit"),
                   contact("l1", orgUnit="u-gone", active=False),
                   contact("o1", orgUnit="u-old"), contact("b1", "acc-2", orgUnit="u-b")],
         staff=[member("s1"), member("s0", active=False)],
         knows=[{"staff": "s1", "contact": "t1"}, {"staff": "s0", "contact": "o1"},
                {"staff": "s1", "contact": "l1"}])
    assert found(store, "DARK_ORG_UNIT") == [
        ("DARK_ORG_UNIT", "LOW", "u-dark", "acc-1"), ("DARK_ORG_UNIT", "LOW", "u-old", "acc-1")]
    assert found(store, "DARK_ORG_UNIT", "acc-2") == []


def test_single_threaded(store: GraphStore) -> None:
    load(store, accounts=[account("S"), account("A", "acc-2"), account("S", "acc-3"),
                          account("B", "acc-4")],
         contacts=[contact("c1"), contact("c2"), contact("d1", "acc-2"), contact("d2", "acc-2"),
                   contact("e1", "acc-3"), contact("f1", "acc-4")],
         staff=[member("s1"), member("s2"), member("s0", active=False)],
         knows=[{"staff": "s1", "contact": "c1"}, {"staff": "s0", "contact": "c2"},
                {"staff": "s1", "contact": "d1"}, {"staff": "s1", "contact": "f1"}],
         owners=[own("s2", "d2", "A"), own("s1", "c2", "B")])
    assert found(store, "SINGLE_THREADED") == [("SINGLE_THREADED", "HIGH", "acc-1", "acc-1")]
    assert found(store, "SINGLE_THREADED", "acc-2") == []  # two threads
    assert found(store, "SINGLE_THREADED", "acc-3") == []  # no thread at all
    assert found(store, "SINGLE_THREADED", "acc-4") == []  # tier B


# --- the whole list ---------------------------------------------------------------------------

def test_order_errors_and_batched_portfolio_scan(store: GraphStore) -> None:
    # acc-3 is of a tier without resources (7:3:0:0): only rules that demand no investment
    # apply to it, such as OWNER_INACTIVE
    load(store, accounts=[account("S"), account("A", "acc-2"), account("B", "acc-3")],
         contacts=[contact("k1", key=True), contact("k2", "acc-2", rank="A"),
                   contact("k3", "acc-3", key=True)],
         staff=[member("s0", active=False)], owners=[own("s0", "k3", "A")],
         knows=[{"staff": "s0", "contact": "k1"}])
    gaps = coverage_gaps(store, as_of=AS_OF)
    order = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}
    kinds = list(GapKind)
    keys = [(order[g.severity], g.account_id or "", kinds.index(GapKind(g.kind)), g.subject_id)
            for g in gaps]
    assert keys == sorted(keys)
    assert {g.account_id for g in gaps} == {"acc-1", "acc-2", "acc-3"}
    assert {g.kind for g in gaps if g.account_id == "acc-3"} == {"OWNER_INACTIVE"}
    assert all(isinstance(g.to_dict()["subjectId"], str) for g in gaps)
    # A first ask costs a few statements, the same for the whole portfolio as for one account
    # but for the account ids (8 reads; the generation and the write-log marker, each before
    # and after them); asked again, one.
    memo_of(store).clear()
    before = store.statements_run
    assert coverage_gaps(store, as_of=AS_OF) == gaps
    scan = store.statements_run - before
    before = store.statements_run
    assert coverage_gaps(store, as_of=AS_OF) == gaps
    assert store.statements_run - before == 1
    # one account of it: another question, but the account's findings are kept (the
    # generation, the marker, the generation again)
    before = store.statements_run
    assert coverage_gaps(store, "acc-1", as_of=AS_OF) == [g for g in gaps
                                                          if g.account_id == "acc-1"]
    assert store.statements_run - before == 3
    memo_of(store).clear()
    before = store.statements_run
    coverage_gaps(store, "acc-1", as_of=AS_OF)
    assert scan - 1 == store.statements_run - before <= 12
    with pytest.raises(NotFound):
        coverage_gaps(store, "acc-404", as_of=AS_OF)
    with pytest.raises(RelgraphError, match="valid kinds: OWNER_MISSING_A"):
        coverage_gaps(store, "acc-1", kinds=["NOPE"], as_of=AS_OF)
    assert found(store, "owner_missing_a") == [("OWNER_MISSING_A", "HIGH", "k1", "acc-1")]


# --- resourced tiers ------------------------------------------------------------------------

DEFAULT_SHARES = Settings(tier_resources="7:3:0:0")
EVERY_TIER = Settings(tier_resources="4:3:2:1")
NOT_S = Settings(tier_resources="0:3:2:1")


def _unattended_ceo(store: GraphStore, tier: str) -> None:
    """A rank-S decision maker of an open deal: no owner, never met, never assessed, no plan;
    a former colleague still holds a role (OWNER_INACTIVE, which demands no investment)."""
    load(store, accounts=[account(tier)], contacts=[contact("ceo", rank="S")],
         staff=[member("s0", active=False)], owners=[own("s0", "ceo", "C")],
         opportunities=[{"id": "o1", "account": "acc-1", "name": "Core", "stage": "opportunity"}],
         decisionChain=[{"opportunity": "o1", "contact": "ceo", "role": "decision_maker"}])


@pytest.mark.parametrize(("kind", "severity", "tier", "unresourced", "resourced"), [
    ("OWNER_MISSING_A", "HIGH", "B", DEFAULT_SHARES, EVERY_TIER),
    ("OWNER_MISSING_B", "MEDIUM", "B", DEFAULT_SHARES, EVERY_TIER),
    ("OWNER_MISSING_C", "LOW", "S", NOT_S, DEFAULT_SHARES),
    ("STALE_CONTACT", "MEDIUM", "B", DEFAULT_SHARES, EVERY_TIER),
    ("PLAN_MISSING", "MEDIUM", "B", DEFAULT_SHARES, EVERY_TIER),
    ("ASSESSMENT_OUTDATED", "LOW", "B", DEFAULT_SHARES, EVERY_TIER),
])
def test_an_investment_rule_applies_only_to_resourced_tiers(
    store: GraphStore, kind: str, severity: str, tier: str, unresourced: Settings,
    resourced: Settings,
) -> None:
    _unattended_ceo(store, tier)
    assert found(store, kind, settings=unresourced) == []
    assert found(store, kind, settings=resourced) == [(kind, severity, "ceo", "acc-1")]


def test_rules_that_demand_no_investment_apply_to_every_tier(store: GraphStore) -> None:
    _unattended_ceo(store, "B")
    kinds = {g.kind for g in coverage_gaps(store, "acc-1", as_of=AS_OF,
                                           settings=DEFAULT_SHARES)}
    assert kinds == {"OWNER_INACTIVE", "DECISION_CHAIN_UNKNOWN", "NO_COACH"}


# --- one computation, one key-contact rule ----------------------------------------------------

def test_the_key_contact_rule_is_the_same_in_cypher_and_in_python(store: GraphStore) -> None:
    """The Cypher fragment (`key_contact`, what the API's lists filter by) and the Python
    predicate (what the rules count) pick the same contacts, whatever makes them key."""
    load(store, accounts=[account()],
         contacts=[contact("flagged", key=True), contact("senior", rank="S"),
                   contact("vp", rank="A"), contact("chain"), contact("closed-chain"),
                   contact("plain"), contact("gone", key=True, rank="S", active=False),
                   contact("gone-chain", active=False)],
         opportunities=[{"id": "o1", "account": "acc-1", "name": "Core", "stage": "opportunity"},
                        {"id": "o2", "account": "acc-1", "name": "Old", "stage": "lost"}],
         decisionChain=[{"opportunity": "o1", "contact": "chain", "role": "user"},
                        {"opportunity": "o2", "contact": "closed-chain", "role": "user"},
                        {"opportunity": "o1", "contact": "gone-chain", "role": "approver"}])
    ids = ["chain", "closed-chain", "flagged", "gone", "gone-chain", "plain", "senior", "vp"]
    in_cypher = {r["key"]: r["item"] for r in store.run(
        statement("api_key_contact_flags"), {"ids": ids, "openStages": list(OPEN_STAGES)})}
    facts = load_facts(store, ["acc-1"], AS_OF, Settings()).accounts["acc-1"]
    in_python = {cid: facts.contacts[cid].is_key for cid in ids}
    assert in_cypher == in_python == {
        "chain": True, "closed-chain": False, "flagged": True, "gone": False,
        "gone-chain": False, "plain": False, "senior": True, "vp": True}


def test_one_computation_for_one_account_several_or_all(store: GraphStore) -> None:
    load(store, accounts=[account("S"), account("A", "acc-2"), account("B", "acc-3")],
         contacts=[contact("k1", key=True), contact("k2", "acc-2", rank="A"),
                   contact("k3", "acc-3", key=True)])
    every = coverage_gaps(store, as_of=AS_OF)
    two = coverage_gaps(store, ["acc-3", "acc-1"], as_of=AS_OF)
    assert two == [g for g in every if g.account_id in ("acc-1", "acc-3")]
    assert coverage_gaps(store, "acc-2", as_of=AS_OF) == [
        g for g in every if g.account_id == "acc-2"]
    found_all = coverage(store, None, AS_OF, Settings())
    assert found_all.gaps == every
    assert sorted(found_all.portfolio.accounts) == ["acc-1", "acc-2", "acc-3"]
    assert found_all.of_account("acc-3") == [g for g in every if g.account_id == "acc-3"]
