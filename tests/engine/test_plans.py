"""Key-relationship plans on each engine: every plan kind (and ASSESSMENT_OUTDATED) fires on a
hand-built graph and its near miss does not; `asOf` travels in time; the `plans` answer and the
power map show the cards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.support import load

from relgraph.config import Settings
from relgraph.errors import NotFound
from relgraph.intel import coverage_gaps, power_map
from relgraph.intel.plans import plans
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)
EVERY_TIER = Settings(tier_resources="4:3:2:1")


def day(before: int) -> str:
    """The ISO day `before` days before AS_OF (negative: after it)."""
    return (AS_OF - dt.timedelta(days=before)).isoformat()


def found(store: GraphStore, kind: str, as_of: dt.date = AS_OF,
          settings: Settings | None = None) -> list[tuple[str, str, str, str | None]]:
    return [(g.kind, g.severity, g.subject_id, g.account_id)
            for g in coverage_gaps(store, None, kinds=[kind], as_of=as_of, settings=settings)]


def gap(store: GraphStore, kind: str, subject: str) -> Any:
    [one] = [g for g in coverage_gaps(store, None, kinds=[kind], as_of=AS_OF)
             if g.subject_id == subject]
    return one


def plan(pid: str, contact: str = "cto", start: int = 200, end: int = -100,
         **extra: Any) -> dict[str, Any]:
    """A plan of Li Wei sponsored by Eve Park, from `start` to `end` days before AS_OF."""
    return {"id": pid, "contact": contact, "owner": "own", "sponsor": "exec",
            "start": day(start), "end": day(end), "targetAttitude": 2,
            "goal": "CTO backs the 2027 core bid", **extra}


def review(rid: str, pid: str, before: int, on_track: bool = True,
           **extra: Any) -> dict[str, Any]:
    return {"id": rid, "plan": pid, "date": day(before), "onTrack": on_track, **extra}


def graph(**arrays: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Northwind (tier S) with its CTO Ana Ruiz, decision maker on Core 2027, and Contoso
    (tier B); our account manager Li Wei, executives Eve Park (A) and Sam Gold (S), a former
    executive and a director."""
    base: dict[str, list[dict[str, Any]]] = {
        "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S"},
                     {"id": "acc-2", "name": "Contoso", "tier": "B"}],
        "staff": [{"id": "own", "name": "Li Wei", "rank": "B", "role": "account_manager"},
                  {"id": "exec", "name": "Eve Park", "rank": "A", "role": "executive"},
                  {"id": "boss", "name": "Sam Gold", "rank": "S", "role": "executive"},
                  {"id": "gone", "name": "Old Hand", "rank": "S", "role": "executive",
                   "active": False},
                  {"id": "low", "name": "Bo Low", "rank": "B", "role": "other"}],
        "contacts": [{"id": "cto", "account": "acc-1", "name": "Ana Ruiz", "title": "CTO",
                      "rank": "A"}],
        "opportunities": [{"id": "o1", "account": "acc-1", "name": "Core 2027",
                           "stage": "opportunity"}],
        "decisionChain": [{"opportunity": "o1", "contact": "cto", "role": "decision_maker"}],
    }
    for name, records in arrays.items():
        base[name] = base.get(name, []) + records
    return base


# --- PLAN_REVIEW_OVERDUE ----------------------------------------------------------------------

def test_plan_review_overdue_by_one_day(store: GraphStore) -> None:
    load(store, graph(
        plans=[plan("p60", reviewEveryDays=61), plan("p61", reviewEveryDays=61),
               plan("p62", reviewEveryDays=61), plan("p62s", start=62, reviewEveryDays=61),
               plan("p61s", start=61, reviewEveryDays=61), plan("p62x", reviewEveryDays=61),
               plan("ended", start=400, end=2, reviewEveryDays=30)],
        planReviews=[review("r60", "p60", 60), review("r61", "p61", 61),
                     review("r62", "p62", 62), review("r62x", "p62x", 62),
                     review("r62x-later", "p62x", -1), review("r-ended", "ended", 300)],
        assessments=[{"contact": "cto", "date": day(100), "attitude": 1}]))
    # reviewed 60 or 61 days ago (or started 61 days ago) with reviewEveryDays 61: nothing;
    # 62 days: LOW. A review dated after asOf is not known yet; an ended plan is not reviewed.
    assert found(store, "PLAN_REVIEW_OVERDUE") == [
        ("PLAN_REVIEW_OVERDUE", "LOW", p, "acc-1") for p in ("p62", "p62s", "p62x")]
    g = gap(store, "PLAN_REVIEW_OVERDUE", "p62")
    assert g.subject_name == "Ana Ruiz: CTO backs the 2027 core bid"
    assert g.message == ("the plan for Ana Ruiz (CTO, rank A) was last reviewed 2026-08-31, "
                         "62 days ago; it is reviewed every 61 days")
    assert g.suggestion == ("Li Wei (plan owner) to review it with Eve Park (sponsor): did the "
                            "attitude move as planned (attitude now 1, target 2)?")
    assert gap(store, "PLAN_REVIEW_OVERDUE", "p62s").message.startswith(
        "the plan for Ana Ruiz (CTO, rank A) was not reviewed since it started 2026-08-31")
    # a day earlier nothing is overdue yet; once the later review is known, p62x is reviewed
    assert found(store, "PLAN_REVIEW_OVERDUE", AS_OF - dt.timedelta(days=1)) == []
    assert "p62x" not in {s for _, _, s, _ in found(store, "PLAN_REVIEW_OVERDUE",
                                                    AS_OF + dt.timedelta(days=1))}


# --- PLAN_OFF_TRACK ---------------------------------------------------------------------------

def test_plan_off_track_by_its_latest_review_or_its_end(store: GraphStore) -> None:
    load(store, graph(
        contacts=[{"id": "arch", "account": "acc-1", "name": "Wu Fang", "rank": "C"}],
        plans=[plan("p-off"), plan("p-back"), plan("p-later"),
               plan("p-missed", start=400, end=183), plan("p-old", start=400, end=184),
               plan("p-reached", start=300, end=10),
               plan("p-unknown", "arch", start=300, end=10, targetAttitude=1)],
        planReviews=[review("a1", "p-off", 90), review("a2", "p-off", 30, False,
                                                       gap="no access since reorg",
                                                       remedy="sponsor call",
                                                       reviewedBy="own"),
                     review("b1", "p-back", 90, False), review("b2", "p-back", 30),
                     review("c1", "p-later", 30), review("c2", "p-later", -5, False)],
        assessments=[{"contact": "cto", "date": day(300), "attitude": 1},
                     {"contact": "cto", "date": day(50), "attitude": 2}]))
    assert found(store, "PLAN_OFF_TRACK") == [
        ("PLAN_OFF_TRACK", "MEDIUM", p, "acc-1") for p in ("p-missed", "p-off", "p-unknown")]
    off = gap(store, "PLAN_OFF_TRACK", "p-off")
    assert off.message == ("the latest review of the plan for Ana Ruiz (2026-10-02 by Li Wei) "
                           "found it off track: no access since reorg (attitude now 2, target 2)")
    assert off.suggestion == ("Li Wei (plan owner) to carry out the remedy agreed (sponsor call) "
                              "with Eve Park (sponsor)")
    # ended exactly 183 days ago with attitude 1 on its end day: the later 2 does not count
    missed = gap(store, "PLAN_OFF_TRACK", "p-missed")
    assert missed.message == (
        "the plan for Ana Ruiz (CTO, rank A) ended 2026-05-02 without reaching its target "
        "(attitude 1 on its end day, target 2)")
    assert missed.suggestion == ("Li Wei (plan owner) and Eve Park (sponsor) to review why, and "
                                 "write a new plan card for Ana Ruiz")
    assert "attitude unknown on its end day" in gap(store, "PLAN_OFF_TRACK", "p-unknown").message
    # the off-track review dated after asOf counts once it is known
    later = AS_OF + dt.timedelta(days=5)
    assert "p-later" in {s for _, _, s, _ in found(store, "PLAN_OFF_TRACK", later)}


# --- PLAN_SPONSOR_MISSING ---------------------------------------------------------------------

def test_plan_sponsor_inactive_or_ranked_below_the_contact(store: GraphStore) -> None:
    load(store, graph(
        plans=[plan("p-gone", sponsor="gone"), plan("p-low", sponsor="low"),
               plan("p-peer"), plan("p-ended", start=400, end=10, sponsor="gone")],
        knows=[{"staff": "boss", "contact": "cto", "strength": 0.8}]))
    assert found(store, "PLAN_SPONSOR_MISSING") == [
        ("PLAN_SPONSOR_MISSING", "MEDIUM", p, "acc-1") for p in ("p-gone", "p-low")]
    gone = gap(store, "PLAN_SPONSOR_MISSING", "p-gone")
    assert gone.message == "Old Hand, the sponsor of the plan for Ana Ruiz (CTO, rank A), has left"
    assert gone.suggestion == ("name a sponsor of rank A or above — candidates: Sam Gold (0.80), "
                               "Eve Park")
    low = gap(store, "PLAN_SPONSOR_MISSING", "p-low")
    assert low.message == ("Bo Low, the sponsor of the plan for Ana Ruiz (CTO, rank A), is ranked "
                           "B, below Ana Ruiz (rank A)")
    assert [c.staff_id for c in low.candidates] == ["boss", "exec"]


# --- COMMITMENT_OVERDUE -----------------------------------------------------------------------

def test_commitment_overdue_until_done(store: GraphStore) -> None:
    def commitment(cid: str, pid: str, due: int, done: int | None = None) -> dict[str, Any]:
        return {"id": cid, "plan": pid, "text": f"do {cid}", "due": day(due),
                "doneOn": None if done is None else day(done)}

    load(store, graph(
        plans=[plan("p1"), plan("p-old", start=400, end=10)],
        commitments=[commitment("cm-late", "p1", 1), commitment("cm-done-late", "p1", 10, -2),
                     commitment("cm-done", "p1", 10, 0), commitment("cm-today", "p1", 0),
                     commitment("cm-future", "p1", -5), commitment("cm-ended", "p-old", 300)]))
    assert found(store, "COMMITMENT_OVERDUE") == [
        ("COMMITMENT_OVERDUE", "LOW", c, "acc-1") for c in ("cm-done-late", "cm-late")]
    late = gap(store, "COMMITMENT_OVERDUE", "cm-late")
    assert (late.subject_name, late.message, late.suggestion) == (
        "do cm-late",
        "'do cm-late' of the plan for Ana Ruiz was due 2026-10-31, 1 day(s) ago, and is not done",
        "Li Wei (plan owner) to do it, or agree a new date at the next review")
    # done two days after asOf: no longer overdue from that day on
    assert found(store, "COMMITMENT_OVERDUE", AS_OF + dt.timedelta(days=2)) == [
        ("COMMITMENT_OVERDUE", "LOW", c, "acc-1") for c in ("cm-late", "cm-today")]


# --- PLAN_MISSING -----------------------------------------------------------------------------

def test_plan_missing_names_the_a_owner_and_sponsor_candidates(store: GraphStore) -> None:
    load(store, graph(
        contacts=[{"id": "ceo", "account": "acc-1", "name": "Rui Gomes", "rank": "S"},
                  {"id": "cfo", "account": "acc-1", "name": "Cy Fox", "rank": "A"},
                  {"id": "dir", "account": "acc-1", "name": "Di Rector", "rank": "B"},
                  {"id": "old", "account": "acc-1", "name": "Ol Deal", "rank": "A"},
                  {"id": "vp2", "account": "acc-2", "name": "Vi Two", "rank": "A"}],
        opportunities=[{"id": "o2", "account": "acc-1", "name": "Old deal", "stage": "won"},
                       {"id": "o3", "account": "acc-2", "name": "Edge", "stage": "lead"}],
        decisionChain=[{"opportunity": "o1", "contact": c, "role": "approver"}
                       for c in ("ceo", "cfo", "dir")]
        + [{"opportunity": "o2", "contact": "old", "role": "decision_maker"},
           {"opportunity": "o3", "contact": "vp2", "role": "decision_maker"}],
        owners=[{"staff": "own", "contact": "cto", "role": "A"}],
        knows=[{"staff": "own", "contact": "cto", "strength": 0.95},
               {"staff": "boss", "contact": "cto", "strength": 0.8},
               {"staff": "exec", "contact": "cto", "strength": 0.6},
               {"staff": "low", "contact": "cto", "strength": 0.9}],
        plans=[plan("p-ceo", "ceo", start=10, end=-100), plan("p-cfo", "cfo", start=400, end=5),
               plan("p-cto", "cto", start=-3, end=-200)]))
    # the CEO has an active plan; the CFO's ended; the director is rank B; the other rank-A
    # contact is only on a closed deal; Contoso is tier B (no resources under 7:3:0:0); the
    # CTO's plan starts in three days
    assert found(store, "PLAN_MISSING") == [
        ("PLAN_MISSING", "MEDIUM", c, "acc-1") for c in ("cfo", "cto")]
    cto = gap(store, "PLAN_MISSING", "cto")
    assert cto.message == ("Ana Ruiz (CTO, rank A), decision maker on Core 2027, has no active "
                           "key-relationship plan")
    assert cto.suggestion == (
        "write a plan card (goal, target attitude, commitments) — owner Li Wei (A owner); "
        "sponsor candidates of rank A or above who know them: Sam Gold (0.80), Eve Park (0.60)")
    assert gap(store, "PLAN_MISSING", "cfo").suggestion == (
        "write a plan card (goal, target attitude, commitments) — no active A owner to own it "
        "yet: assign one first; no one of rank A or above on our side knows Cy Fox yet; find an "
        "introduction with `relgraph paths --to cfo`")
    assert {s for _, _, s, _ in found(store, "PLAN_MISSING", AS_OF + dt.timedelta(days=3))} == {
        "cfo"}
    assert [s for _, _, s, a in found(store, "PLAN_MISSING", settings=EVERY_TIER)
            if a == "acc-2"] == ["vp2"]


# --- ASSESSMENT_OUTDATED ----------------------------------------------------------------------

def test_assessment_outdated_after_365_days(store: GraphStore) -> None:
    def key(cid: str, **extra: Any) -> dict[str, Any]:
        return {"id": cid, "account": "acc-1", "name": f"Contact {cid}", "key": True, **extra}

    load(store, graph(
        contacts=[key("k365"), key("k366"), key("never"), key("future"),
                  key("left", active=False),
                  {"id": "plain", "account": "acc-1", "name": "Plain", "rank": "C"}],
        owners=[{"staff": "own", "contact": "k366", "role": "A"}],
        assessments=[{"contact": "cto", "date": day(10), "attitude": 1},
                     {"contact": "k365", "date": day(365), "attitude": 1},
                     {"contact": "k366", "date": day(366), "attitude": 1},
                     {"contact": "future", "date": day(-1), "attitude": 1}]))
    assert found(store, "ASSESSMENT_OUTDATED") == [
        ("ASSESSMENT_OUTDATED", "LOW", c, "acc-1") for c in ("future", "k366", "never")]
    stale = gap(store, "ASSESSMENT_OUTDATED", "k366")
    assert stale.message == ("Contact k366 (rank C) at Northwind: last assessed 2025-10-31, 366 "
                             "days ago (a key contact is assessed at least every 365 days)")
    assert stale.suggestion == "assess their attitude on the six dimensions — Li Wei"
    assert gap(store, "ASSESSMENT_OUTDATED", "never").message.startswith(
        "Contact never (rank C) at Northwind: never assessed")
    # the assessment dated after asOf is known a day later
    assert "future" not in {s for _, _, s, _ in found(store, "ASSESSMENT_OUTDATED",
                                                      AS_OF + dt.timedelta(days=1))}


# --- the plans answer and the power map -------------------------------------------------------

def _card_graph(store: GraphStore) -> None:
    load(store, graph(
        plans=[plan("p1", start=100, end=-80, opportunity="o1", principle="rank parity",
                    reviewEveryDays=61),
               plan("p0", start=500, end=200, targetAttitude=1)],
        commitments=[{"id": "cm-1", "plan": "p1", "text": "joint lab visit", "due": day(20),
                      "doneOn": day(25)},
                     {"id": "cm-2", "plan": "p1", "text": "roadmap session", "due": day(5)},
                     {"id": "cm-3", "plan": "p1", "text": "executive dinner", "due": day(10),
                      "doneOn": day(-3)}],
        planReviews=[review("r1", "p1", 70, reviewedBy="own"),
                     review("r2", "p1", 10, False, gap="no access since reorg",
                            remedy="sponsor call", reviewedBy="exec"),
                     review("r3", "p1", -2)],
        assessments=[{"contact": "cto", "date": day(300), "attitude": 1},
                     {"contact": "cto", "date": day(40), "attitude": 2}]))


def test_plans_answer_on_a_day(store: GraphStore) -> None:
    _card_graph(store)
    cards = plans(store, ["acc-1"], as_of=AS_OF)
    assert [c.id for c in cards] == ["p0", "p1"]
    card = cards[1].to_dict()
    assert card["contact"] == {"id": "cto", "name": "Ana Ruiz", "accountId": "acc-1",
                               "title": "CTO", "rank": "A", "orgUnitId": None, "attitude": 2}
    assert card["owner"] == {"id": "own", "name": "Li Wei", "title": None, "rank": "B",
                             "active": True}
    assert card["sponsor"]["id"] == "exec"
    assert card["opportunity"] == {"id": "o1", "name": "Core 2027", "accountId": "acc-1"}
    assert {k: card[k] for k in ("start", "end", "targetAttitude", "goal", "principle",
                                 "reviewEveryDays", "active", "currentAttitude",
                                 "reachedTarget", "nextReviewDue", "reviewOverdue")} == {
        "start": "2026-07-24", "end": "2027-01-20", "targetAttitude": 2,
        "goal": "CTO backs the 2027 core bid", "principle": "rank parity",
        "reviewEveryDays": 61, "active": True, "currentAttitude": 2, "reachedTarget": True,
        "nextReviewDue": "2026-12-22", "reviewOverdue": False}
    # the review two days later is not known yet; the dinner is done after asOf
    assert card["lastReview"] == {
        "id": "r2", "date": "2026-10-22", "onTrack": False, "gap": "no access since reorg",
        "remedy": "sponsor call",
        "reviewedBy": {"id": "exec", "name": "Eve Park", "title": None, "rank": "A",
                       "active": True}}
    assert [r["id"] for r in card["reviews"]] == ["r1", "r2"]
    assert card["commitments"] == [
        {"id": "cm-1", "text": "joint lab visit", "due": "2026-10-12", "doneOn": "2026-10-07",
         "overdue": False},
        {"id": "cm-3", "text": "executive dinner", "due": "2026-10-22", "doneOn": None,
         "overdue": True},
        {"id": "cm-2", "text": "roadmap session", "due": "2026-10-27", "doneOn": None,
         "overdue": True}]
    old = cards[0]
    assert (old.active, old.next_review_due, old.reached_target, old.current_attitude) == (
        False, None, True, 2)


def test_plans_filters_and_errors(store: GraphStore) -> None:
    _card_graph(store)
    assert [c.id for c in plans(store, active_on=AS_OF, as_of=AS_OF)] == ["p1"]
    assert [c.id for c in plans(store, active_on=dt.date.fromisoformat(day(300)),
                                as_of=AS_OF)] == ["p0"]
    assert [c.id for c in plans(store, contact_id="cto", as_of=AS_OF)] == ["p0", "p1"]
    assert plans(store, ["acc-2"], as_of=AS_OF) == []
    later = plans(store, ["acc-1"], as_of=AS_OF + dt.timedelta(days=3), plan_ids=["p1"])
    assert [r.id for r in later[0].reviews] == ["r1", "r2", "r3"]
    assert [m.overdue for m in later[0].commitments] == [False, False, True]
    with pytest.raises(NotFound, match="acc-404"):
        plans(store, ["acc-1", "acc-404"])
    with pytest.raises(NotFound, match="contact"):
        plans(store, contact_id="own")


def test_the_power_map_shows_the_active_plan_and_its_gaps(store: GraphStore) -> None:
    _card_graph(store)
    pm = power_map(store, "acc-1", as_of=AS_OF)
    [cto] = pm.contacts
    assert cto.plan is not None
    assert cto.plan.to_dict() == {
        "id": "p1", "goal": "CTO backs the 2027 core bid", "targetAttitude": 2,
        "currentAttitude": 2, "reachedTarget": True, "nextReviewDue": "2026-12-22",
        "owner": {"staffId": "own", "name": "Li Wei"},
        "sponsor": {"staffId": "exec", "name": "Eve Park"}}
    assert {"COMMITMENT_OVERDUE", "PLAN_OFF_TRACK"} <= set(cto.gaps)
    assert {g.subject_id for g in pm.gaps if g.kind == "COMMITMENT_OVERDUE"} == {"cm-2", "cm-3"}
    # before the plan started, the map shows no plan
    assert power_map(store, "acc-1", as_of=AS_OF - dt.timedelta(days=101)).contacts[0].plan \
        is None
