"""The annual review on each engine: every section finds what it must on a hand-built year and
leaves out its near misses; what is known on `asOf` bounds it; the demo has something in
every section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.support import load

from relgraph.errors import InvalidInput, NotFound
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.importer import import_document
from relgraph.intel import coverage_gaps
from relgraph.intel.org import organizational_relationship
from relgraph.intel.review import annual_review
from relgraph.store import GraphStore

SINCE, UNTIL = dt.date(2025, 11, 1), dt.date(2026, 11, 1)


def person(cid: str, rank: str = "A", **extra: Any) -> dict[str, Any]:
    return {"id": cid, "account": "acc-1", "name": cid.capitalize(), "rank": rank, **extra}


def line(cid: str, since: str, until: str | None = None) -> dict[str, Any]:
    return {"person": cid, "manager": "ceo", "since": since, "until": until}


def attitude(cid: str, date: str, value: int) -> dict[str, Any]:
    return {"contact": cid, "date": date, "attitude": value}


def plan(pid: str, contact: str, end: str) -> dict[str, Any]:
    return {"id": pid, "contact": contact, "owner": "own", "sponsor": "exec",
            "start": "2025-01-01", "end": end, "targetAttitude": 2, "goal": f"goal {pid}"}


def tier(rid: str, date: str, value: str, **extra: Any) -> dict[str, Any]:
    return {"id": rid, "account": "acc-1", "date": date, "tier": value, **extra}


@pytest.fixture()
def year(store: GraphStore) -> GraphStore:
    load(store,
         accounts=[{"id": "acc-1", "name": "Northwind", "tier": "S"}],
         staff=[{"id": "own", "name": "Li Wei", "rank": "B"},
                {"id": "exec", "name": "Eve Park", "rank": "A", "role": "executive"}],
         contacts=[person("ceo", "S"), person("up"), person("down"), person("same"),
                   person("newpos"), person("firstseen", "B", key=True), person("oldkey"),
                   person("gonevp", active=False), person("goneold", active=False),
                   person("gonestaff", "C", active=False),
                   person("star", "C", risingStar=True)],
         reportingLines=[line("up", "2019-01-01"), line("down", "2019-01-01"),
                         line("same", "2019-01-01"), line("newpos", "2026-03-01"),
                         line("firstseen", "2019-01-01"), line("oldkey", "2019-01-01"),
                         line("gonevp", "2019-01-01", "2026-04-01"),
                         line("goneold", "2019-01-01", "2025-01-01"),
                         line("gonestaff", "2019-01-01", "2026-05-01")],
         assessments=[attitude("up", "2025-06-01", 1), attitude("up", "2026-06-01", 3),
                      attitude("down", "2025-06-01", 2), attitude("down", "2026-07-01", 0),
                      attitude("same", "2025-06-01", 1), attitude("same", "2026-06-01", 1),
                      attitude("newpos", "2026-05-01", 2), attitude("firstseen", "2026-02-01", 1),
                      attitude("oldkey", "2024-03-01", 1), attitude("gonevp", "2025-03-01", 3)],
         plans=[plan("p-reached", "up", "2026-09-30"), plan("p-missed", "down", "2026-08-01"),
                plan("p-running", "same", "2027-03-31"), plan("p-before", "same", "2025-06-01")],
         tierReviews=[tier("tr-0", "2024-01-15", "A"), tier("tr-1", "2025-12-01", "A"),
                      tier("tr-2", "2026-06-01", "S", reviewedBy="exec",
                           note="growth 18%, strategic match"),
                      tier("tr-3", "2026-12-15", "A")])
    return store


def ids(items: list[Any]) -> list[str]:
    return [i.contact.id for i in items]


def test_every_section_of_the_year(year: GraphStore) -> None:
    review = annual_review(year, "acc-1", SINCE, UNTIL, as_of=UNTIL)
    assert (review.account_name, review.since, review.until, review.as_of) == (
        "Northwind", SINCE, UNTIL, UNTIL)
    assert [(c.contact.id, c.before, c.after) for c in review.strengthened] == [("up", 1, 3)]
    assert [(c.contact.id, c.before, c.after) for c in review.weakened] == [("down", 2, 0)]
    # new in position since March (also first assessed in May), first assessed in February;
    # the other key contacts were in position and assessed before the year
    assert [(p.contact.id, p.since.isoformat(), p.reason) for p in review.new_key_people] == [
        ("newpos", "2026-03-01", "new in position"),
        ("firstseen", "2026-02-01", "first assessed")]
    # newpos joined the reporting lines in the year and is now among the hidden influencers;
    # star is flagged (and has no links); everyone else was among them a year ago
    assert [(r.contact.id, r.flagged, r.hidden_rank is not None) for r in review.rising_stars] \
        == [("newpos", False, True), ("star", True, False)]
    # gonevp left in April; goneold the year before; gonestaff was never a key person
    assert [(d.contact.id, d.left_on, d.last_attitude) for d in review.departed] == [
        ("gonevp", dt.date(2026, 4, 1), 3)]
    assert [(p.plan_id, p.attitude) for p in review.plans_reached] == [("p-reached", 3)]
    assert [(p.plan_id, p.attitude) for p in review.plans_missed] == [("p-missed", 0)]
    [change] = review.tier_changes
    assert change.to_dict() == {
        "id": "tr-2", "date": "2026-06-01", "before": "A", "after": "S",
        "reviewedBy": {"id": "exec", "name": "Eve Park", "title": None, "rank": "A",
                       "active": True},
        "note": "growth 18%, strategic match"}
    assert review.counts.to_dict() == {
        "strengthened": 1, "weakened": 1, "newKeyPeople": 2, "risingStars": 2, "departed": 1,
        "plansReached": 1, "plansMissed": 1, "tierChanges": 1}
    assert review.to_dict()["plansMissed"][0]["owner"]["name"] == "Li Wei"


def test_the_review_knows_only_what_was_known_on_its_day(year: GraphStore) -> None:
    review = annual_review(year, "acc-1", SINCE, UNTIL, as_of=dt.date(2026, 5, 15))
    assert review.as_of == dt.date(2026, 5, 15) and review.until == UNTIL
    assert review.strengthened == [] and review.tier_changes == []
    assert review.plans_reached == review.plans_missed == []
    assert [d.contact.id for d in review.departed] == ["gonevp"]


def test_review_errors(year: GraphStore) -> None:
    with pytest.raises(InvalidInput, match=r"since \(2026-11-01\) must not be after until"):
        annual_review(year, "acc-1", UNTIL, SINCE, as_of=UNTIL)
    with pytest.raises(InvalidInput, match="nothing of the period is known yet"):
        annual_review(year, "acc-1", SINCE, UNTIL, as_of=SINCE - dt.timedelta(days=1))
    with pytest.raises(NotFound, match="acc-404"):
        annual_review(year, "acc-404", SINCE, UNTIL, as_of=UNTIL)


def test_the_demo_has_every_plan_finding_and_a_full_year(store: GraphStore) -> None:
    day = dt.date(2026, 11, 23)
    import_document(store, generate_portfolio(accounts=3, seed=7, as_of=day))
    kinds = {g.kind for g in coverage_gaps(store, as_of=day)}
    assert {"PLAN_MISSING", "PLAN_REVIEW_OVERDUE", "PLAN_OFF_TRACK", "PLAN_SPONSOR_MISSING",
            "COMMITMENT_OVERDUE", "ASSESSMENT_OUTDATED"} <= kinds
    review = annual_review(store, "acc-0001", day - dt.timedelta(days=365), day, as_of=day)
    counts = review.counts.to_dict()
    # tier changes come from the tier reviews of the organizational half of the cycle
    assert {k: n for k, n in counts.items() if n == 0 and k != "tierChanges"} == {}


def test_the_organizational_coverage_then_and_now(year: GraphStore) -> None:
    """An organizational action done in the year raises the coverage from then to now; the
    review's figures are the organizational relationship's own, on each day."""
    before = organizational_relationship(year, "acc-1", UNTIL)
    required = [a.action for f in before.fronts for a in f.actions if a.required]
    assert before.done == 0 and required  # an ordinary account requires some actions too
    load(year, orgActions=[{"id": "oa-1", "account": "acc-1", "action": required[0],
                            "date": "2026-05-10", "note": "done in the year"}])
    review = annual_review(year, "acc-1", SINCE, UNTIL, as_of=UNTIL)
    now = organizational_relationship(year, "acc-1", UNTIL)
    assert review.organizational_coverage_then == 0.0
    assert review.organizational_coverage_now == now.coverage == round(now.done / now.required, 6)
    assert now.done == 1 and now.required > 1
    # known only up to May 1st, the action was not done yet
    assert annual_review(year, "acc-1", SINCE, UNTIL,
                         as_of=dt.date(2026, 5, 1)).organizational_coverage_now == 0.0
