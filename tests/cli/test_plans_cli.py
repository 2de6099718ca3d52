"""`relgraph plans` and `relgraph review` on each engine: json is exactly the library's
`to_dict()` (the GraphQL field's value), tables fit 100 columns, bad input is one line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.cli.test_intel_cli import fails, fits, ok
from tests.support import load

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.intel.plans import plans
from relgraph.intel.review import annual_review
from relgraph.store import GraphStore

AS_OF = "2026-11-01"
DAY = dt.date(2026, 11, 1)


@pytest.fixture()
def graph(store: GraphStore) -> GraphStore:
    load(store,
         accounts=[{"id": "acc-1", "name": "Northwind Telecom", "tier": "S"}],
         staff=[{"id": "s1", "name": "Li Wei", "rank": "B", "role": "account_manager"},
                {"id": "s2", "name": "Bo Chen", "rank": "A", "role": "executive"}],
         contacts=[{"id": "cto", "account": "acc-1", "name": "Ana Ruiz", "rank": "A",
                    "title": "Chief Technology Officer of the Northwind group, networks and IT"},
                   {"id": "cfo", "account": "acc-1", "name": "Cy Fox", "rank": "A"}],
         assessments=[{"contact": "cto", "date": "2025-06-01", "attitude": 0},
                      {"contact": "cto", "date": "2026-06-01", "attitude": 2},
                      {"contact": "cfo", "date": "2026-01-01", "attitude": 1}],
         plans=[{"id": "p-old", "contact": "cto", "owner": "s1", "sponsor": "s2",
                 "start": "2026-01-01", "end": "2026-06-30", "targetAttitude": 2,
                 "goal": "CTO backs the core bid"},
                {"id": "p-now", "contact": "cto", "owner": "s1", "sponsor": "s2",
                 "start": "2026-07-01", "end": "2026-12-31", "targetAttitude": 3,
                 "goal": "CTO becomes our coach for the 2027 roll-out, with a long goal that "
                         "does not fit a terminal line"},
                {"id": "p-cfo", "contact": "cfo", "owner": "s1", "sponsor": "s1",
                 "start": "2026-04-01", "end": "2026-09-30", "targetAttitude": 2,
                 "goal": "CFO signs the budget"}],
         commitments=[{"id": "cm-1", "plan": "p-now", "text": "joint lab visit",
                       "due": "2026-09-30"}],
         planReviews=[{"id": "pr-1", "plan": "p-now", "date": "2026-08-20", "onTrack": False,
                       "gap": "no access since the reorganization",
                       "remedy": "sponsor call before the next board meeting"}])
    return store


@pytest.fixture()
def run(graph: GraphStore, engine_settings: Settings) -> Any:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=engine_settings.engine_environment())
    return invoke


def test_plans_json_is_the_graphql_value_and_table_fits(run: Any, graph: GraphStore) -> None:
    out = json.loads(ok(run("plans", "--account", "acc-1", "--as-of", AS_OF, "--format", "json")))
    assert out == [c.to_dict() for c in plans(graph, ["acc-1"], as_of=DAY)]
    assert [(c["id"], c["active"], c["reachedTarget"]) for c in out] == [
        ("p-old", False, True), ("p-now", True, False), ("p-cfo", False, False)]
    table = ok(run("plans", "--as-of", AS_OF))
    fits(table)
    assert table.splitlines()[0].split() == ["PLAN", "CONTACT", "TARGET", "NOW", "NEXT",
                                             "REVIEW", "STATE"]
    assert [line.split()[0] for line in table.splitlines() if line.startswith("p-")] == [
        "p-old", "p-now", "p-cfo"]
    assert "ended, missed" in table and "ended, reached" in table
    assert "review overdue, off track" in table
    assert "late: joint lab visit (due 2026-09-30)" in table
    active = json.loads(ok(run("plans", "--active-on", AS_OF, "--as-of", AS_OF,
                               "--format", "json")))
    assert [c["id"] for c in active] == ["p-now"]
    of_cfo = json.loads(ok(run("plans", "--contact", "cfo", "--as-of", AS_OF, "--format",
                               "json")))
    assert [c["id"] for c in of_cfo] == ["p-cfo"]
    gaps = ok(run("gaps", "--kind", "PLAN_OFF_TRACK", "--kind", "COMMITMENT_OVERDUE",
                  "--as-of", AS_OF))
    fits(gaps)
    assert [line.split()[:2] for line in gaps.splitlines()[1:] if line[:1] != " "][:3] == [
        ["MEDIUM", "PLAN_OFF_TRACK"], ["MEDIUM", "PLAN_OFF_TRACK"], ["LOW", "COMMITMENT_OVERDUE"]]


def test_plans_bad_input_is_one_line(run: Any) -> None:
    fails(run("plans", "--active-on", "2026-02-30"), "--active-on must be a date")
    fails(run("plans", "--account", "acc-404"), "account 'acc-404' not found")
    fails(run("plans", "--contact", "s1"), "contact 's1' not found")
    fails(run("plans", "--format", "dot"), "--format must be table or json")


def test_review_json_is_the_graphql_value_and_table_fits(run: Any, graph: GraphStore) -> None:
    args = ("review", "--account", "acc-1", "--since", "2025-11-01", "--until", AS_OF,
            "--as-of", AS_OF)
    out = json.loads(ok(run(*args, "--format", "json")))
    assert out == annual_review(graph, "acc-1", dt.date(2025, 11, 1), DAY, DAY).to_dict()
    assert out["counts"] == {"strengthened": 1, "weakened": 0, "newKeyPeople": 1,
                             "risingStars": 0, "departed": 0, "plansReached": 1,
                             "plansMissed": 1, "tierChanges": 0}
    table = ok(run(*args))
    fits(table)
    lines = table.splitlines()
    assert lines[0] == "Northwind Telecom (acc-1, tier S) — the year 2025-11-01 .. 2026-11-01"
    assert [line for line in lines if not line.startswith("  ")][1:] == [
        "strengthened (1)", "weakened (0): none", "new key people (1)", "rising stars (0): none",
        "departed (0): none", "plans reached (1)", "plans missed (1)", "tier changes (0): none",
        "organizational coverage: 0% then, 0% now"]
    assert "  Ana Ruiz (cto): 0 → 2" in lines


def test_review_bad_input_is_one_line(run: Any) -> None:
    fails(run("review", "--account", "acc-1", "--since", "2026-13-01", "--until", AS_OF),
          "--since must be a date")
    fails(run("review", "--account", "acc-404", "--since", "2025-11-01", "--until", AS_OF,
              "--as-of", AS_OF), "account 'acc-404' not found")
    fails(run("review", "--account", "acc-1", "--since", "2025-11-01", "--until", AS_OF,
              "--as-of", "2025-10-01"), "nothing of the period is known yet")
