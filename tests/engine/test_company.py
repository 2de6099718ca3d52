"""The client as a company on each engine: the organizational relationship (four fronts,
required by partnership, the 365-day window), the general relationship per department (process,
result, score with both weights), the portfolio by tier (effort shares) and partnership, tier
history, and their findings ORG_ACTION_MISSING, DEPARTMENT_OBSTRUCTS, RETIER_OVERDUE — each with
its hits and near misses, on hand-built graphs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction
from typing import Any

import pytest
from tests.support import load

from relgraph.config import Settings
from relgraph.errors import NotFound
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.importer import import_document
from relgraph.intel import (
    coverage_gaps,
    general_relationship,
    organizational_relationship,
    portfolio,
    power_map,
    tier_history,
)
from relgraph.model import OrgAction, Partnership
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 23)


def ago(days: int) -> str:
    return (AS_OF - dt.timedelta(days=days)).isoformat()


def account(aid: str, tier: str, partnership: str) -> dict[str, Any]:
    return {"id": aid, "name": f"Account {aid}", "tier": tier, "partnership": partnership}


def action(oid: str, aid: str, name: str, days: int, note: str | None = None) -> dict[str, Any]:
    return {"id": oid, "account": aid, "action": name, "date": ago(days), "note": note}


def meeting(iid: str, aid: str, kind: str, days: int, staff: list[str] | None = None,
            contacts: list[str] | None = None) -> dict[str, Any]:
    return {"id": iid, "type": kind, "date": ago(days), "account": aid, "staff": staff or [],
            "contacts": contacts or [], "summary": f"{kind} {iid}"}


def findings(store: GraphStore, kind: str, aid: str | None = None,
             settings: Settings | None = None) -> list[tuple[str, str, str, str | None]]:
    return [(g.severity, g.subject_id, g.message, g.account_id)
            for g in coverage_gaps(store, aid, kinds=[kind], as_of=AS_OF, settings=settings)]


# --- the organizational relationship ----------------------------------------------------------

def test_an_action_evidenced_365_days_before_counts_and_366_does_not(store: GraphStore) -> None:
    load(store, accounts=[account("acc-1", "S", "strategic_partner")],
         orgActions=[action("oa-in", "acc-1", "strategy_alignment", 365, "5-year plan signed"),
                     action("oa-out", "acc-1", "organization_alignment", 366),
                     action("oa-later", "acc-1", "joint_business_planning", -1)],
         interactions=[meeting("i-summit", "acc-1", "summit", 365),
                       meeting("i-visit", "acc-1", "executive_visit", 366),
                       meeting("i-visit-old", "acc-1", "executive_visit", 500),
                       meeting("i-call", "acc-1", "call", 10)])
    found = organizational_relationship(store, "acc-1", AS_OF)
    statuses = {a.action: a for f in found.fronts for a in f.actions}
    assert [f.front for f in found.fronts] == ["communication", "alignment", "joint",
                                               "recognition"]
    assert [a.action for f in found.fronts for a in f.actions] == [a.value for a in OrgAction]
    assert (found.partnership, found.required, found.done) == ("strategic_partner", 12, 2)
    assert found.coverage == round(2 / 12, 6)
    strategy = statuses["strategy_alignment"]
    assert (strategy.required, strategy.done, strategy.last_date) == (True, True,
                                                                      dt.date(2025, 11, 23))
    assert [e.to_dict() for e in strategy.evidence] == [
        {"source": "orgAction", "id": "oa-in", "date": "2025-11-23", "type": "strategy_alignment",
         "note": "5-year plan signed"}]
    summit = statuses["regular_summit"]
    assert summit.done and [(e.source, e.id, e.type, e.note) for e in summit.evidence] == [
        ("interaction", "i-summit", "summit", "summit i-summit")]
    # One day too old: not done, but its date is still the last one.
    organization = statuses["organization_alignment"]
    assert (organization.done, organization.last_date, organization.evidence) == (
        False, dt.date(2025, 11, 22), [])
    visits = statuses["executive_visits"]
    assert (visits.done, visits.last_date, visits.evidence) == (False, dt.date(2025, 11, 22), [])
    # After the day: neither done nor last.
    planning = statuses["joint_business_planning"]
    assert (planning.done, planning.last_date) == (False, None)
    alignment = found.fronts[1]
    assert (alignment.required, alignment.done, alignment.coverage) == (3, 1, 0.333333)
    # One finding per required action not done, in front order, subject the account.
    gaps = findings(store, "ORG_ACTION_MISSING")
    assert [(s, subject, account) for s, subject, _, account in gaps] == [
        ("LOW", "acc-1", "acc-1")] * 10
    messages = [m for _, _, m, _ in gaps]
    assert messages[0] == ("Account acc-1 (strategic partner): no executive visits (communication "
                           "front) in the 365 days up to 2026-11-23 (last done 2025-11-22)")
    assert messages[2] == ("Account acc-1 (strategic partner): no organization alignment "
                           "(alignment front) in the 365 days up to 2026-11-23 (last done "
                           "2025-11-22)")
    assert [m.split(": no ")[1].split(" (")[0] for m in messages] == [
        "executive visits", "personal relationship", "organization alignment",
        "process alignment", "joint innovation", "joint brand csr", "joint business planning",
        "culture recognition", "management practice", "brand recognition"]
    [visit_gap] = coverage_gaps(store, "acc-1", kinds=["ORG_ACTION_MISSING"], as_of=AS_OF)[:1]
    assert visit_gap.suggestion == ("arrange exchange visits of our executives and theirs, and "
                                    "record it in orgActions (an `executive_visit` interaction "
                                    "counts too)")


def test_a_partner_missing_the_actions_it_need_not_do_raises_nothing(store: GraphStore) -> None:
    required = Partnership.PARTNER.required_actions
    assert {a.value for a in OrgAction} - {a.value for a in required} == {
        "personal_relationship", "process_alignment", "management_practice"}
    load(store, accounts=[account("acc-p", "A", "partner")],
         orgActions=[action(f"oa-{i}", "acc-p", a.value, 30 + i) for i, a in enumerate(required)])
    found = organizational_relationship(store, "acc-p", AS_OF)
    assert (found.required, found.done, found.coverage) == (9, 9, 1.0)
    process = next(a for f in found.fronts for a in f.actions if a.action == "process_alignment")
    assert (process.required, process.done) == (False, False)
    assert [(f.front, f.required, f.done) for f in found.fronts] == [
        ("communication", 2, 2), ("alignment", 2, 2), ("joint", 3, 3), ("recognition", 2, 2)]
    assert findings(store, "ORG_ACTION_MISSING") == []


def test_an_ordinary_account_needs_summits_and_visits_only(store: GraphStore) -> None:
    load(store, accounts=[account("acc-o", "S", "ordinary")],
         interactions=[meeting("i-s", "acc-o", "summit", 40)])
    found = organizational_relationship(store, "acc-o", AS_OF)
    assert (found.required, found.done, found.coverage) == (2, 1, 0.5)
    assert [(f.front, f.required, f.coverage) for f in found.fronts] == [
        ("communication", 2, 0.5), ("alignment", 0, None), ("joint", 0, None),
        ("recognition", 0, None)]
    gaps = findings(store, "ORG_ACTION_MISSING")
    assert [m for _, _, m, _ in gaps] == [
        "Account acc-o (ordinary): no executive visits (communication front) in the 365 days up "
        "to 2026-11-23 (never recorded)"]


def test_org_action_missing_only_for_resourced_tiers(store: GraphStore) -> None:
    load(store, accounts=[account("acc-b", "B", "strategic_partner"),
                          account("acc-c", "C", "ordinary")])
    assert findings(store, "ORG_ACTION_MISSING", None) == []
    # Coverage is measured whatever the tier.
    assert organizational_relationship(store, "acc-b", AS_OF).coverage == 0.0
    spread = Settings(tier_resources="4:3:2:0")  # type: ignore[arg-type]
    gaps = findings(store, "ORG_ACTION_MISSING", None, spread)
    assert [subject for _, subject, _, _ in gaps] == ["acc-b"] * 12


def test_a_reimport_that_moves_an_action_moves_its_evidence(store: GraphStore) -> None:
    doc: dict[str, Any] = {
        "format": "relgraph/1",
        "accounts": [account("acc-1", "S", "ordinary"), account("acc-2", "A", "ordinary")],
        "orgActions": [action("oa-1", "acc-1", "regular_summit", 20)]}
    import_document(store, doc)
    assert organizational_relationship(store, "acc-1", AS_OF).done == 1
    doc["orgActions"][0]["account"] = "acc-2"
    import_document(store, doc)
    assert organizational_relationship(store, "acc-1", AS_OF).done == 0
    moved = organizational_relationship(store, "acc-2", AS_OF)
    assert [(a.action, [e.id for e in a.evidence]) for a in moved.fronts[0].actions][:1] == [
        ("regular_summit", ["oa-1"])]


def test_an_unknown_account_is_not_found(store: GraphStore) -> None:
    for ask in (organizational_relationship, general_relationship, tier_history):
        with pytest.raises(NotFound, match="acc-nowhere"):
            ask(store, "acc-nowhere", AS_OF)


# --- the general relationship -----------------------------------------------------------------

def _departments(store: GraphStore) -> None:
    """ou-top (c-top active, c-gone departed) above ou-sub (c-sub); ou-quiet assessed 366 days
    ago only; ou-edge assessed exactly 365 days ago; ou-empty never assessed, no members."""
    load(store, accounts=[account("acc-1", "B", "partner")],
         orgUnits=[{"id": "ou-top", "account": "acc-1", "name": "Technology"},
                   {"id": "ou-sub", "account": "acc-1", "name": "Networks", "parent": "ou-top"},
                   {"id": "ou-quiet", "account": "acc-1", "name": "Finance"},
                   {"id": "ou-edge", "account": "acc-1", "name": "Procurement"},
                   {"id": "ou-empty", "account": "acc-1", "name": "Legal"}],
         contacts=[{"id": "c-top", "account": "acc-1", "orgUnit": "ou-top", "name": "Top"},
                   {"id": "c-gone", "account": "acc-1", "orgUnit": "ou-top", "name": "Gone",
                    "active": False},
                   {"id": "c-sub", "account": "acc-1", "orgUnit": "ou-sub", "name": "Sub"}],
         staff=[{"id": "s-1", "name": "Li Wei"}],
         knows=[{"staff": "s-1", "contact": "c-sub", "strength": 0.7}],
         interactions=[meeting("i-1", "acc-1", "business_exchange", 10, ["s-1"], ["c-top"]),
                       meeting("i-2", "acc-1", "department_social", 20, ["s-1"], ["c-gone"]),
                       meeting("i-3", "acc-1", "company_tour", 30, ["s-1"], ["c-sub"]),
                       meeting("i-4", "acc-1", "workshop", 365, ["s-1"], ["c-top", "c-sub"]),
                       meeting("i-5", "acc-1", "call", 366, ["s-1"], ["c-top"]),
                       meeting("i-6", "acc-1", "call", -2, ["s-1"], ["c-top"])],
         departmentAssessments=[
             {"id": "da-top-old", "orgUnit": "ou-top", "date": ago(300), "keyEventSupport": 0,
              "informationChannel": 0, "issueSpread": True},
             {"id": "da-top", "orgUnit": "ou-top", "date": ago(100), "keyEventSupport": 2,
              "informationChannel": 1, "issueSpread": False},
             {"id": "da-top-later", "orgUnit": "ou-top", "date": ago(-5), "keyEventSupport": 0,
              "informationChannel": 0, "issueSpread": True},
             {"id": "da-sub", "orgUnit": "ou-sub", "date": ago(50), "keyEventSupport": 1,
              "informationChannel": 0, "issueSpread": True},
             {"id": "da-quiet", "orgUnit": "ou-quiet", "date": ago(366), "keyEventSupport": 0,
              "informationChannel": 0, "issueSpread": False},
             {"id": "da-edge", "orgUnit": "ou-edge", "date": ago(365), "keyEventSupport": 0,
              "informationChannel": 2, "issueSpread": False}])


def score(process: Fraction, support: int, channel: int, spread: bool, w: Fraction) -> float:
    result = (Fraction(support, 2) + Fraction(channel, 2) + (0 if spread else 1)) / 3
    return round(float((1 - w) * process + w * result), 6)


def test_general_relationship_process_result_and_score(store: GraphStore) -> None:
    _departments(store)
    target_four = Settings(general_activity_target=4)
    found = {d.org_unit.id: d for d in general_relationship(store, "acc-1", AS_OF, target_four)}
    assert list(found) == ["ou-edge", "ou-empty", "ou-quiet", "ou-sub", "ou-top"]
    top, sub = found["ou-top"], found["ou-sub"]
    # ou-top: i-1 and i-4 (365 days before) — not i-2 (a departed member), i-3 (a member of the
    # unit below), i-5 (366 days before) or i-6 (after the day).
    assert (top.activities, top.process) == (2, 0.5)
    assert (sub.activities, sub.process) == (2, 0.5)
    # The latest assessment in the window: da-top, not the older obstructing one nor a later one.
    assert (top.key_event_support, top.information_channel, top.issue_spread,
            top.last_assessed) == (2, 1, False, dt.date(2026, 8, 15))
    assert top.result == round(5 / 6, 6)
    assert top.score == score(Fraction(1, 2), 2, 1, False, Fraction(4, 5)) == 0.766667
    assert not top.obstructs
    assert sub.result == round(1 / 6, 6)
    assert sub.score == score(Fraction(1, 2), 1, 0, True, Fraction(4, 5)) == 0.233333
    assert sub.obstructs
    weight_seven = Settings(general_activity_target=4, general_result_weight=0.7)
    again = {d.org_unit.id: d for d in general_relationship(store, "acc-1", AS_OF, weight_seven)}
    assert again["ou-top"].score == score(Fraction(1, 2), 2, 1, False, Fraction(7, 10)) \
        == 0.733333
    assert again["ou-sub"].score == score(Fraction(1, 2), 1, 0, True, Fraction(7, 10)) == 0.266667
    # With the default target of 12 a year.
    default = {d.org_unit.id: d for d in general_relationship(store, "acc-1", AS_OF)}
    assert default["ou-top"].process == round(2 / 12, 6)
    assert default["ou-top"].score == score(Fraction(2, 12), 2, 1, False, Fraction(4, 5))
    # Assessed 366 days ago: no result, no score, but the date is shown; never assessed: nothing.
    quiet, empty, edge = found["ou-quiet"], found["ou-empty"], found["ou-edge"]
    assert (quiet.result, quiet.score, quiet.key_event_support, quiet.last_assessed,
            quiet.obstructs) == (None, None, None, dt.date(2025, 11, 22), False)
    assert empty.to_dict() == {
        "orgUnit": {"id": "ou-empty", "name": "Legal", "accountId": "acc-1", "parentId": None},
        "activities": 0, "process": 0.0, "result": None, "score": None,
        "keyEventSupport": None, "informationChannel": None, "issueSpread": None,
        "lastAssessed": None, "obstructs": False}
    assert edge.score == score(Fraction(0), 0, 2, False, Fraction(4, 5)) and edge.obstructs
    assert sub.org_unit.to_dict() == {"id": "ou-sub", "name": "Networks", "accountId": "acc-1",
                                      "parentId": "ou-top"}


def test_department_obstructs(store: GraphStore) -> None:
    _departments(store)
    gaps = findings(store, "DEPARTMENT_OBSTRUCTS", "acc-1")
    assert gaps == [
        ("MEDIUM", "ou-edge", "Procurement at Account acc-1: obstructs key events (assessed "
         "2025-11-23)", "acc-1"),
        ("MEDIUM", "ou-sub", "Networks at Account acc-1: a serious issue spread through it "
         "(assessed 2026-10-04)", "acc-1")]
    by_unit = {g.subject_id: g for g in
               coverage_gaps(store, "acc-1", kinds=["DEPARTMENT_OBSTRUCTS"], as_of=AS_OF)}
    assert by_unit["ou-sub"].subject_name == "Networks"
    assert [c.staff_id for c in by_unit["ou-sub"].candidates] == ["s-1"]
    assert by_unit["ou-sub"].suggestion == (
        "repair the working relationship with the department through Li Wei (0.70)")
    assert by_unit["ou-edge"].candidates == []
    # A day later the edge assessment is 366 days old: no finding.
    later = coverage_gaps(store, "acc-1", kinds=["DEPARTMENT_OBSTRUCTS"],
                          as_of=AS_OF + dt.timedelta(days=1))
    assert [g.subject_id for g in later] == ["ou-sub"]


# --- tiers ------------------------------------------------------------------------------------

def test_retier_overdue_for_tier_s_and_a_accounts(store: GraphStore) -> None:
    load(store, accounts=[account("acc-s", "S", "strategic_partner"),
                          account("acc-a", "A", "partner"),
                          account("acc-s2", "S", "partner"),
                          account("acc-b", "B", "ordinary")],
         staff=[{"id": "s-9", "name": "Eve Park", "rank": "S"}],
         tierReviews=[{"id": "tr-s", "account": "acc-s", "date": ago(365), "tier": "S"},
                      {"id": "tr-a", "account": "acc-a", "date": ago(366), "tier": "A"},
                      {"id": "tr-a-later", "account": "acc-a", "date": ago(-3), "tier": "S"}])
    assert findings(store, "RETIER_OVERDUE") == [
        ("LOW", "acc-a", "Account acc-a (tier A): no tier review in the 365 days up to "
         "2026-11-23 (last 2025-11-22, tier A)", "acc-a"),
        ("LOW", "acc-s2", "Account acc-s2 (tier S): no tier review in the 365 days up to "
         "2026-11-23 (never reviewed)", "acc-s2")]


def test_tier_history_with_the_tier_before_each_review(store: GraphStore) -> None:
    load(store, accounts=[account("acc-1", "S", "strategic_partner")],
         staff=[{"id": "s-9", "name": "Eve Park", "rank": "S"}],
         tierReviews=[{"id": "tr-3", "account": "acc-1", "date": "2026-01-15", "tier": "S",
                       "reviewedBy": "s-9", "note": "growth 18%"},
                      {"id": "tr-1", "account": "acc-1", "date": "2024-01-10", "tier": "A"},
                      {"id": "tr-2", "account": "acc-1", "date": "2025-01-12", "tier": "A"},
                      {"id": "tr-4", "account": "acc-1", "date": "2027-01-15", "tier": "S"}])
    history = tier_history(store, "acc-1", AS_OF)
    assert [(t.id, t.tier, t.previous_tier, t.changed) for t in history] == [
        ("tr-1", "A", None, False), ("tr-2", "A", "A", False), ("tr-3", "S", "A", True)]
    assert history[-1].to_dict() == {"id": "tr-3", "date": "2026-01-15", "tier": "S",
                                     "previousTier": "A", "changed": True,
                                     "reviewedById": "s-9", "note": "growth 18%"}


def _effort(store: GraphStore) -> None:
    """Attendances in the window: S accounts 3 + 1, A 2, B 0 (only one before the window);
    an interaction of no account and a partner's orgActions."""
    staff = [{"id": f"s-{i}", "name": f"Staff {i}"} for i in range(3)]
    load(store, accounts=[account("acc-s1", "S", "strategic_partner"),
                          account("acc-s2", "S", "partner"),
                          account("acc-a", "A", "partner"),
                          account("acc-b", "B", "ordinary")],
         staff=staff,
         interactions=[meeting("i-1", "acc-s1", "formal_visit", 1, ["s-0", "s-1"]),
                       meeting("i-2", "acc-s1", "summit", 365, ["s-2"]),
                       meeting("i-3", "acc-s2", "call", 100, ["s-0"]),
                       meeting("i-4", "acc-a", "banquet", 200, ["s-1", "s-2"]),
                       meeting("i-5", "acc-b", "call", 366, ["s-0", "s-1", "s-2"]),
                       {"id": "i-6", "type": "email", "date": ago(5), "staff": ["s-0"]}],
         orgActions=[action("oa-1", "acc-a", "regular_summit", 10),
                     action("oa-2", "acc-a", "executive_visits", 10)])


def test_portfolio_effort_shares_and_coverage_per_partnership(store: GraphStore) -> None:
    _effort(store)
    found = portfolio(store, as_of=AS_OF)
    assert (found.tier_resources, found.attendances) == ("7:3:0:0", 6)
    assert [(t.tier, t.accounts, t.attendances, t.target_share, t.effort_share, t.deviation)
            for t in found.tiers] == [
        ("S", 2, 4, 0.7, round(4 / 6, 6), round(4 / 6 - 0.7, 6)),
        ("A", 1, 2, 0.3, round(2 / 6, 6), round(2 / 6 - 0.3, 6)),
        ("B", 1, 0, 0.0, 0.0, 0.0),
        ("C", 0, 0, 0.0, 0.0, 0.0)]
    assert [(p.partnership, p.accounts, p.required, p.done, p.coverage)
            for p in found.partnerships] == [
        ("strategic_partner", 1, 12, 1, round(1 / 12, 6)),
        ("partner", 2, 18, 2, round(2 / 18, 6)),
        ("ordinary", 1, 2, 0, 0.0)]
    # Only the accounts asked for are counted (a key limited to them sees this).
    mine = portfolio(store, ["acc-a", "acc-b"], AS_OF,
                     Settings(tier_resources="4:3:2:1"))  # type: ignore[arg-type]
    assert [(t.tier, t.accounts, t.target_share, t.effort_share) for t in mine.tiers] == [
        ("S", 0, 0.4, 0.0), ("A", 1, 0.3, 1.0), ("B", 1, 0.2, 0.0), ("C", 0, 0.1, 0.0)]
    assert mine.attendances == 2


def test_portfolio_without_attendances_has_no_effort_share(store: GraphStore) -> None:
    load(store, accounts=[account("acc-1", "S", "ordinary")])
    found = portfolio(store, as_of=AS_OF)
    assert [(t.tier, t.accounts, t.effort_share, t.deviation) for t in found.tiers] == [
        ("S", 1, None, None), ("A", 0, None, None), ("B", 0, None, None), ("C", 0, None, None)]
    assert portfolio(store, [], AS_OF).tiers[0].accounts == 0


# --- where users look -------------------------------------------------------------------------

def test_the_power_map_shows_unit_scores_and_the_fronts(store: GraphStore) -> None:
    _departments(store)
    load(store, orgActions=[action("oa-1", "acc-1", "regular_summit", 3)])
    pm = power_map(store, "acc-1", AS_OF)
    assert [(u.id, u.general_score, u.obstructs) for u in pm.units] == [
        ("ou-edge", score(Fraction(0), 0, 2, False, Fraction(4, 5)), True),
        ("ou-empty", None, False),
        ("ou-quiet", None, False),
        ("ou-sub", score(Fraction(2, 12), 1, 0, True, Fraction(4, 5)), True),
        ("ou-top", score(Fraction(2, 12), 2, 1, False, Fraction(4, 5)), False)]
    assert (pm.partnership, pm.organizational_coverage) == ("partner", round(1 / 9, 6))
    assert [(f.front, f.required, f.done, f.coverage) for f in pm.fronts] == [
        ("communication", 2, 1, 0.5), ("alignment", 2, 0, 0.0), ("joint", 3, 0, 0.0),
        ("recognition", 2, 0, 0.0)]
    assert {g.kind for g in pm.gaps} >= {"DEPARTMENT_OBSTRUCTS"}


def test_the_demo_has_an_answer_for_every_question(store: GraphStore) -> None:
    doc = generate_portfolio(accounts=5, seed=7, as_of=AS_OF)
    import_document(store, doc)
    kinds = Counter(g.kind for g in coverage_gaps(
        store, kinds=["ORG_ACTION_MISSING", "DEPARTMENT_OBSTRUCTS", "RETIER_OVERDUE"],
        as_of=AS_OF))
    assert set(kinds) == {"ORG_ACTION_MISSING", "DEPARTMENT_OBSTRUCTS", "RETIER_OVERDUE"}
    showcase = doc["accounts"][0]["id"]
    org = organizational_relationship(store, showcase, AS_OF)
    assert org.partnership == "strategic_partner" and 0 < org.coverage < 1
    units = general_relationship(store, showcase, AS_OF)
    assert any(u.score is None for u in units) and any(u.obstructs for u in units)
    assert any(u.score is not None and not u.obstructs for u in units)
    found = portfolio(store, as_of=AS_OF)
    assert all(t.deviation is not None for t in found.tiers)
    assert max(abs(t.deviation or 0) for t in found.tiers) > 0.1
    assert any(p.coverage is not None and 0 < p.coverage < 1 for p in found.partnerships)
    assert any(t.changed for a in doc["accounts"] for t in tier_history(store, a["id"], AS_OF))
