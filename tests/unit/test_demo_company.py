"""The demo's client as a company: every new finding and every section has an answer — the
organizational actions partly done at every partnership level, obstructing departments and
spread issues beside departments never assessed, overdue tier reviews and tier changes, and
effort shares that are not 7:3:0:0. Each is recomputed from the document with the contract's
rules, not taken from the generator."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest

from relgraph.ingest.demo import generate_portfolio

AS_OF = dt.date(2026, 11, 23)
SINCE = (AS_OF - dt.timedelta(days=365)).isoformat()
TODAY = AS_OF.isoformat()
ALL = ("regular_summit", "executive_visits", "personal_relationship", "strategy_alignment",
       "organization_alignment", "process_alignment", "joint_innovation", "joint_brand_csr",
       "joint_business_planning", "culture_recognition", "management_practice",
       "brand_recognition")
REQUIRED = {
    "strategic_partner": set(ALL),
    "partner": set(ALL) - {"personal_relationship", "process_alignment", "management_practice"},
    "ordinary": {"regular_summit", "executive_visits"},
}
COUNTS_AS = {"summit": "regular_summit", "executive_visit": "executive_visits",
             "joint_innovation": "joint_innovation", "csr": "joint_brand_csr"}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return generate_portfolio(accounts=30, seed=7, as_of=AS_OF)


def in_window(day: str) -> bool:
    return SINCE <= day <= TODAY


def done_actions(doc: dict[str, Any]) -> dict[str, set[str]]:
    done: dict[str, set[str]] = defaultdict(set)
    for a in doc["orgActions"]:
        if in_window(a["date"]):
            done[a["account"]].add(a["action"])
    for i in doc["interactions"]:
        if i["type"] in COUNTS_AS and in_window(i["date"]):
            done[i["account"]].add(COUNTS_AS[i["type"]])
    return done


def test_organizational_actions_are_partly_done_at_every_level(doc: dict[str, Any]) -> None:
    done = done_actions(doc)
    coverage: dict[str, list[float]] = defaultdict(list)
    for a in doc["accounts"]:
        required = REQUIRED[a["partnership"]]
        coverage[a["partnership"]].append(len(required & done[a["id"]]) / len(required))
    for level, shares in coverage.items():
        assert any(0 < s < 1 for s in shares), level  # partly done somewhere
    # ORG_ACTION_MISSING: a resourced (S/A) account misses a required action.
    resourced = [a for a in doc["accounts"] if a["tier"] in ("S", "A")]
    assert any(REQUIRED[a["partnership"]] - done[a["id"]] for a in resourced)
    # Actions shown by records and by interactions alike, and some done only before the window.
    assert {a["action"] for a in doc["orgActions"] if in_window(a["date"])} >= {
        "strategy_alignment", "joint_business_planning", "brand_recognition"}
    assert any(not in_window(a["date"]) for a in doc["orgActions"])
    assert all(a["date"] <= TODAY for a in doc["orgActions"])
    # The showcase (a strategic partner) lacks process alignment; management practice is a
    # day too old.
    showcase = doc["accounts"][0]
    assert showcase["partnership"] == "strategic_partner"
    assert "process_alignment" not in done[showcase["id"]]
    practice = [a["date"] for a in doc["orgActions"]
                if a["account"] == showcase["id"] and a["action"] == "management_practice"]
    assert practice == [(AS_OF - dt.timedelta(days=366)).isoformat()]


def test_departments_obstruct_spread_and_go_unassessed(doc: dict[str, Any]) -> None:
    latest: dict[str, dict[str, Any]] = {}
    for d in doc["departmentAssessments"]:
        if in_window(d["date"]) and (d["orgUnit"] not in latest
                                     or d["date"] > latest[d["orgUnit"]]["date"]):
            latest[d["orgUnit"]] = d
    units = {u["id"] for u in doc["orgUnits"]}
    assert set(latest) <= units
    assert any(d["keyEventSupport"] == 0 for d in latest.values())  # DEPARTMENT_OBSTRUCTS
    assert any(d["issueSpread"] for d in latest.values())
    assert any(d["keyEventSupport"] == 2 and not d["issueSpread"] for d in latest.values())
    assessed_ever = {d["orgUnit"] for d in doc["departmentAssessments"]}
    assert units - assessed_ever  # never assessed: a null score
    assert assessed_ever - set(latest)  # assessed only before the window
    for d in doc["departmentAssessments"]:
        assert 0 <= d["keyEventSupport"] <= 2 and 0 <= d["informationChannel"] <= 2
    showcase = doc["accounts"][0]["id"]
    account_of = {u["id"]: u["account"] for u in doc["orgUnits"]}
    mine = [d for u, d in latest.items() if account_of[u] == showcase]
    assert any(d["keyEventSupport"] == 0 for d in mine) and any(d["issueSpread"] for d in mine)


def test_tier_reviews_overdue_and_changing(doc: dict[str, Any]) -> None:
    reviews: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in sorted(doc["tierReviews"], key=lambda r: r["date"]):
        reviews[r["account"]].append(r)
    key_accounts = [a for a in doc["accounts"] if a["tier"] in ("S", "A")]
    overdue = [a["id"] for a in key_accounts
               if not any(in_window(r["date"]) for r in reviews[a["id"]])]
    assert overdue and len(overdue) < len(key_accounts)  # RETIER_OVERDUE for some
    assert doc["accounts"][0]["id"] not in overdue
    changed = [a for a, rs in reviews.items() if len({r["tier"] for r in rs}) > 1]
    assert changed
    current = {a["id"]: a["tier"] for a in doc["accounts"]}
    assert all(rs[-1]["tier"] == current[a] for a, rs in reviews.items())
    assert all(r["date"] <= TODAY for r in doc["tierReviews"])


def test_effort_shares_deviate_from_the_target(doc: dict[str, Any]) -> None:
    tier = {a["id"]: a["tier"] for a in doc["accounts"]}
    effort: Counter[str] = Counter()
    for i in doc["interactions"]:
        if in_window(i["date"]):
            effort[tier[i["account"]]] += len(set(i["staff"]))
    total = sum(effort.values())
    shares = {t: effort[t] / total for t in "SABC"}
    target = {"S": 0.7, "A": 0.3, "B": 0.0, "C": 0.0}
    assert max(abs(shares[t] - target[t]) for t in "SABC") > 0.2
    assert shares["B"] > 0 and shares["C"] > 0  # effort on unresourced tiers


def test_the_company_records_are_drawn_on_their_own() -> None:
    """Another seed changes them; the same arguments give them again, record for record."""
    again = generate_portfolio(accounts=6, seed=5, as_of=AS_OF)
    other = generate_portfolio(accounts=6, seed=6, as_of=AS_OF)
    arrays = ("orgActions", "departmentAssessments", "tierReviews")
    first = generate_portfolio(accounts=6, seed=5, as_of=AS_OF)
    assert [first[a] for a in arrays] == [again[a] for a in arrays]
    assert [first[a] for a in arrays] != [other[a] for a in arrays]
