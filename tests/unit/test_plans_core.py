"""What a plan means on a day, on hand-built plans (no engine): active, review due and overdue,
ended within the window, reached, late commitments; and the tier changes of a review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from relgraph.intel.common import AssessmentInfo
from relgraph.intel.facts import StaffInfo
from relgraph.intel.plans import CommitmentInfo, PlanContact, PlanInfo, ReviewInfo, card_of
from relgraph.intel.review import tier_changes

DAY = dt.date(2026, 11, 1)


def before(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


def plan(start: int = 100, end: int = -80, reviews: tuple[int, ...] = (),
         commitments: tuple[CommitmentInfo, ...] = ()) -> PlanInfo:
    contact = PlanContact("c", "Ana Ruiz", "acc", None, "CTO", "A", True,
                          (AssessmentInfo(before(200), 1, 1.0), AssessmentInfo(before(10), 2, 2.0)))
    return PlanInfo(
        id="p", contact=contact, owner=StaffInfo("s1", "Li Wei"), sponsor=StaffInfo("s2", "Eve"),
        opportunity=None, start=before(start), end=before(end), target_attitude=2, goal="g",
        principle=None, review_every_days=61, commitments=commitments,
        reviews=tuple(ReviewInfo(f"r{d}", before(d), None, True, None, None) for d in reviews))


def test_review_due_and_overdue_by_one_day() -> None:
    assert not plan(reviews=(61,)).review_overdue(DAY)
    assert plan(reviews=(62,)).review_overdue(DAY)
    assert plan(reviews=(62,)).next_review_due(DAY) == before(1)
    assert not plan(start=61).review_overdue(DAY) and plan(start=62).review_overdue(DAY)
    # a review after the day is not known on it; an ended plan is not reviewed any more
    assert plan(reviews=(62, -1)).review_overdue(DAY)
    assert not plan(start=400, end=1, reviews=(300,)).review_overdue(DAY)


def test_active_and_ended_windows() -> None:
    assert plan(end=0).active_on(DAY) and not plan(end=0).ended_within(DAY)
    assert plan(start=400, end=183).ended_within(DAY)
    assert not plan(start=400, end=184).ended_within(DAY)
    assert not plan(start=-1).active_on(DAY)


def test_reached_and_late_commitments_as_of_a_day() -> None:
    late = CommitmentInfo("m1", "visit", before(1), None)
    done_later = CommitmentInfo("m2", "dinner", before(5), DAY + dt.timedelta(days=2))
    on_time = CommitmentInfo("m3", "lab", before(5), before(6))
    p = plan(commitments=(late, done_later, on_time))
    assert [m.id for m in p.overdue_commitments(DAY)] == ["m1", "m2"]
    assert [m.id for m in p.overdue_commitments(DAY + dt.timedelta(days=2))] == ["m1"]
    assert p.reached_on(DAY, p.contact.assessments)
    assert not p.reached_on(before(11), p.contact.assessments)
    card = card_of(p, DAY)
    assert (card.current_attitude, card.reached_target, card.contact.attitude) == (2, True, 2)
    assert [(m.id, m.done_on, m.overdue) for m in card.commitments] == [
        ("m1", None, True), ("m2", None, True), ("m3", before(6), False)]
    assert card_of(p, before(20)).current_attitude == 1


def test_tier_changes_compare_with_the_review_before() -> None:
    def row(rid: str, day: str, tier: str) -> dict[str, Any]:
        return {"review": {"id": rid, "date": day, "tier": tier, "note": None}, "reviewers": []}

    rows = [row("t0", "2024-01-01", "A"), row("t1", "2025-12-01", "A"),
            row("t2", "2026-03-01", "S"), row("t3", "2026-06-01", "A")]
    changes = tier_changes(rows, dt.date(2025, 11, 1))
    assert [(c.id, c.before, c.after) for c in changes] == [("t2", "A", "S"), ("t3", "S", "A")]
    # the first review of all changes nothing: there is no tier before it
    assert tier_changes(rows[2:], dt.date(2025, 11, 1)) == [changes[1]]
