"""The key-relationship cycle over GraphQL: plans and the annual review (with the key's scope),
the power map's plans, the plan findings in gaps and figures, the CLI's json as the GraphQL
value, and the writes (the import's validation, the key's write scope)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from tests.api.conftest import AS_OF, Api, codes, counts
from tests.support import load

from relgraph.cli import cli
from relgraph.config import Settings

CYCLE: dict[str, list[dict[str, Any]]] = {
    "plans": [
        {"id": "p-cto", "contact": "c-cto", "owner": "s-am", "sponsor": "s-exec",
         "opportunity": "o-core", "start": "2026-07-01", "end": "2026-12-31",
         "targetAttitude": 3, "goal": "CTO backs Core network 2027", "principle": "rank parity",
         "reviewEveryDays": 61},
        {"id": "p-old", "contact": "c-cto", "owner": "s-am", "sponsor": "s-exec",
         "start": "2026-01-01", "end": "2026-06-30", "targetAttitude": 2,
         "goal": "CTO shares the roadmap"},
        {"id": "p-bank", "contact": "c-bcio", "owner": "s-bank", "sponsor": "s-exec",
         "start": "2026-06-01", "end": "2026-11-30", "targetAttitude": 3,
         "goal": "CIO stays our coach"},
    ],
    "commitments": [
        {"id": "cm-1", "plan": "p-cto", "text": "joint lab visit", "due": "2026-09-30"},
        {"id": "cm-b", "plan": "p-bank", "text": "bank workshop", "due": "2026-10-01"},
    ],
    "planReviews": [
        {"id": "pr-1", "plan": "p-cto", "date": "2026-09-01", "reviewedBy": "s-am",
         "onTrack": False, "gap": "no access since reorg", "remedy": "sponsor call"},
    ],
}
VARS = {"asOf": AS_OF.isoformat()}
CONTACT = "id name accountId title rank orgUnitId attitude(asOf: $asOf)"
STAFF = "id name title rank active"
PLAN_FIELDS = f"""id contact {{ {CONTACT} }} owner {{ {STAFF} }} sponsor {{ {STAFF} }}
  opportunity {{ id name accountId }} start end targetAttitude goal principle reviewEveryDays
  active currentAttitude reachedTarget nextReviewDue reviewOverdue
  lastReview {{ id date reviewedBy {{ {STAFF} }} onTrack gap remedy }}
  commitments {{ id text due doneOn overdue }}
  reviews {{ id date reviewedBy {{ {STAFF} }} onTrack gap remedy }}"""
OUTCOME = f"planId contact {{ {CONTACT} }} goal end targetAttitude attitude owner {{ {STAFF} }} " \
          f"sponsor {{ {STAFF} }}"
CHANGE = f"contact {{ {CONTACT} }} before after change direction"
REVIEW_FIELDS = f"""accountId accountName tier since until asOf
  counts {{ strengthened weakened newKeyPeople risingStars departed plansReached plansMissed
            tierChanges }}
  strengthened {{ {CHANGE} }} weakened {{ {CHANGE} }}
  newKeyPeople {{ contact {{ {CONTACT} }} since reason }}
  risingStars {{ contact {{ {CONTACT} }} flagged hiddenRank influenceIndex }}
  departed {{ contact {{ {CONTACT} }} leftOn lastMet lastAttitude }}
  plansReached {{ {OUTCOME} }} plansMissed {{ {OUTCOME} }}
  tierChanges {{ id date before after reviewedBy {{ {STAFF} }} note }}
  organizationalCoverageThen organizationalCoverageNow"""


@pytest.fixture()
def cycle(api: Api) -> Api:
    load(api.store, CYCLE)
    return api


def test_plans_with_their_people_as_of_a_day(cycle: Api) -> None:
    data = cycle.data("""query($asOf: Date) { plans(accountId: "acc-n", asOf: $asOf) {
        id active currentAttitude reachedTarget nextReviewDue reviewOverdue
        contact { id name } owner { id name } sponsor { id rank } opportunity { id name }
        lastReview { id onTrack gap reviewedBy { id } } commitments { id overdue } } }""", VARS)
    assert data["plans"] == [
        {"id": "p-old", "active": False, "currentAttitude": 3, "reachedTarget": True,
         "nextReviewDue": None, "reviewOverdue": False,
         "contact": {"id": "c-cto", "name": "Ana Ruiz"}, "owner": {"id": "s-am", "name": "Li Wei"},
         "sponsor": {"id": "s-exec", "rank": "S"}, "opportunity": None, "lastReview": None,
         "commitments": []},
        {"id": "p-cto", "active": True, "currentAttitude": 3, "reachedTarget": True,
         "nextReviewDue": "2026-11-01", "reviewOverdue": False,
         "contact": {"id": "c-cto", "name": "Ana Ruiz"}, "owner": {"id": "s-am", "name": "Li Wei"},
         "sponsor": {"id": "s-exec", "rank": "S"},
         "opportunity": {"id": "o-core", "name": "Core network 2027"},
         "lastReview": {"id": "pr-1", "onTrack": False, "gap": "no access since reorg",
                        "reviewedBy": {"id": "s-am"}},
         "commitments": [{"id": "cm-1", "overdue": True}]}]
    active = cycle.data('{ plans(activeOn: "2026-11-15", asOf: "2026-11-15") { id } }')
    assert [p["id"] for p in active["plans"]] == ["p-bank", "p-cto"]


def test_a_limited_key_sees_the_plans_of_its_accounts_only(cycle: Api) -> None:
    every = cycle.data("query($asOf: Date) { plans(asOf: $asOf) { id } }", VARS, key="north")
    assert [p["id"] for p in every["plans"]] == ["p-old", "p-cto"]
    for query in ('{ plans(accountId: "acc-b") { id } }', '{ plans(contactId: "c-bcio") { id } }',
                  '{ annualReview(accountId: "acc-b", since: "2025-11-01", until: "2026-11-01") '
                  '{ accountId } }'):
        assert codes(cycle.post(query, key="north")) == ["NOT_FOUND"], query
    # the plan's people are visible to it: they work on its account
    owners = cycle.data('{ plans(accountId: "acc-n") { owner { id } sponsor { id } } }',
                        key="north")
    assert owners["plans"][0] == {"owner": {"id": "s-am"}, "sponsor": {"id": "s-exec"}}


def test_annual_review_over_graphql(cycle: Api) -> None:
    data = cycle.data("""{ annualReview(accountId: "acc-n", since: "2025-11-01",
                                        until: "2026-11-01", asOf: "2026-11-01") {
        accountName asOf counts { plansReached plansMissed newKeyPeople }
        plansReached { planId contact { id } owner { name } }
        newKeyPeople { contact { id } reason } account { tier } } }""")
    review = data["annualReview"]
    assert review["accountName"] == "Northwind Telecom" and review["account"] == {"tier": "S"}
    assert review["plansReached"] == [{"planId": "p-old", "contact": {"id": "c-cto"},
                                       "owner": {"name": "Li Wei"}}]
    # the key contacts of acc-n were all first assessed in the year (the director's line
    # began in 2024, the others have no dated one)
    assert [(p["contact"]["id"], p["reason"]) for p in review["newKeyPeople"]] == [
        ("c-cto", "first assessed"), ("c-dir", "first assessed"), ("c-ceo", "first assessed")]
    assert review["counts"] == {"plansReached": 1, "plansMissed": 0, "newKeyPeople": 3}


def test_the_cli_json_is_the_graphql_value(cycle: Api, engine_settings: Settings) -> None:
    for field, args, query in (
        ("plans", ["plans", "--account", "acc-n"],
         f'query($asOf: Date) {{ plans(accountId: "acc-n", asOf: $asOf) {{ {PLAN_FIELDS} }} }}'),
        ("annualReview", ["review", "--account", "acc-n", "--since", "2025-11-01",
                          "--until", AS_OF.isoformat()],
         f"""query($asOf: Date) {{ annualReview(accountId: "acc-n", since: "2025-11-01",
               until: "{AS_OF.isoformat()}", asOf: $asOf) {{ {REVIEW_FIELDS} }} }}"""),
    ):
        from_api = cycle.data(query, VARS)[field]
        assert from_api, field
        result = CliRunner().invoke(cli, [*args, "--as-of", AS_OF.isoformat(), "--format",
                                          "json"], env=engine_settings.engine_environment())
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == from_api, field


def test_plan_findings_in_gaps_figures_and_the_power_map(cycle: Api) -> None:
    data = cycle.data("""query($asOf: Date) {
        coverageGaps(accountId: "acc-n", asOf: $asOf,
                     kinds: [PLAN_MISSING, PLAN_OFF_TRACK, COMMITMENT_OVERDUE]) {
          kind subjectId }
        account(id: "acc-n") { figures(asOf: $asOf) { gapsByKind { kind count } } }
        powerMap(accountId: "acc-n", asOf: $asOf) { contacts { id gaps plan {
          id goal targetAttitude currentAttitude reachedTarget nextReviewDue
          owner { staffId name } sponsor { staffId name } } } } }""", VARS)
    assert data["coverageGaps"] == [
        {"kind": "PLAN_MISSING", "subjectId": "c-ceo"},
        {"kind": "PLAN_OFF_TRACK", "subjectId": "p-cto"},
        {"kind": "COMMITMENT_OVERDUE", "subjectId": "cm-1"}]
    by_kind = {k["kind"]: k["count"] for k in data["account"]["figures"]["gapsByKind"]}
    assert (by_kind["PLAN_MISSING"], by_kind["PLAN_OFF_TRACK"],
            by_kind["COMMITMENT_OVERDUE"]) == (1, 1, 1)
    cto = next(c for c in data["powerMap"]["contacts"] if c["id"] == "c-cto")
    assert cto["plan"] == {
        "id": "p-cto", "goal": "CTO backs Core network 2027", "targetAttitude": 3,
        "currentAttitude": 3, "reachedTarget": True, "nextReviewDue": "2026-11-01",
        "owner": {"staffId": "s-am", "name": "Li Wei"},
        "sponsor": {"staffId": "s-exec", "name": "Chen Exec"}}
    assert {"PLAN_OFF_TRACK", "COMMITMENT_OVERDUE"} <= set(cto["gaps"])
    assert next(c for c in data["powerMap"]["contacts"] if c["id"] == "c-ceo")["plan"] is None


PLAN = """mutation($x: PlanInput!) { upsertPlan(input: $x) {
  id active contact { id } owner { id } sponsor { id } reviewEveryDays } }"""


def test_plan_writes_go_through_the_import(cycle: Api) -> None:
    today = dt.date.today()
    new = {"id": "p-ceo", "contact": "c-ceo", "owner": "s-exec", "sponsor": "s-exec",
           "start": (today - dt.timedelta(days=10)).isoformat(),
           "end": (today + dt.timedelta(days=170)).isoformat(), "targetAttitude": 1,
           "goal": "CEO no longer opposes us"}
    assert cycle.data(PLAN, {"x": new}, key="editor")["upsertPlan"] == {
        "id": "p-ceo", "active": True, "contact": {"id": "c-ceo"}, "owner": {"id": "s-exec"},
        "sponsor": {"id": "s-exec"}, "reviewEveryDays": 61}
    plan = cycle.data("""mutation {
        upsertCommitment(input: {id: "cm-2", plan: "p-ceo", text: "summit invitation",
                                 due: "2026-10-01"}) { commitments { id doneOn } }
        completeCommitment(id: "cm-2", doneOn: "2026-09-28") { commitments { id doneOn } }
        reviewPlan(planId: "p-ceo", onTrack: false, gap: "still opposed",
                   reviewedBy: "s-exec") { lastReview { id onTrack gap reviewedBy { id } } }
        upsertPlanReview(input: {id: "pr-9", plan: "p-ceo", date: "2026-09-01",
                                 onTrack: true}) { reviews { id } } }""", key="editor")
    assert plan["upsertCommitment"] == {"commitments": [{"id": "cm-2", "doneOn": None}]}
    assert plan["completeCommitment"] == {"commitments": [{"id": "cm-2",
                                                           "doneOn": "2026-09-28"}]}
    assert plan["reviewPlan"] == {"lastReview": {
        "id": f"p-ceo@{today.isoformat()}", "onTrack": False, "gap": "still opposed",
        "reviewedBy": {"id": "s-exec"}}}
    assert plan["upsertPlanReview"] == {"reviews": [{"id": "pr-9"},
                                                    {"id": f"p-ceo@{today.isoformat()}"}]}


def test_bad_plan_writes_change_nothing(cycle: Api) -> None:
    before = counts(cycle.store)
    bad = {**CYCLE["plans"][0], "id": "p-bad", "end": "2026-01-01", "sponsor": "c-ceo"}
    body = cycle.post(PLAN, {"x": bad}, key="editor")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert sorted(body["errors"][0]["extensions"]["problems"]) == [
        "plans[0].end: '2026-01-01' is before start '2026-07-01'",
        "plans[0].sponsor: 'c-ceo' is a contact, not a staff member"]
    body = cycle.post(PLAN, {"x": {**CYCLE["plans"][0], "reviewEveryDays": 29}}, key="editor")
    assert body["errors"][0]["extensions"]["problems"] == [
        "plans[0].reviewEveryDays: 29 is not in [30, 92]"]
    body = cycle.post('mutation { upsertCommitment(input: {id: "cm-z", plan: "p-404", '
                      'text: "x", due: "2026-10-01"}) { id } }', key="editor")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["problems"] == [
        "commitments[0].plan: no plan 'p-404' in the document or the graph"]
    assert codes(cycle.post('mutation { completeCommitment(id: "cm-404") { id } }',
                            key="editor")) == ["NOT_FOUND"]
    assert codes(cycle.post('mutation { reviewPlan(planId: "p-404", onTrack: true) { id } }',
                            key="editor")) == ["NOT_FOUND"]
    assert codes(cycle.post(PLAN, {"x": CYCLE["plans"][0]}, key="reader")) == ["FORBIDDEN"]
    assert counts(cycle.store) == before


def test_a_limited_editor_writes_plans_of_its_accounts_only(cycle: Api) -> None:
    before = counts(cycle.store)
    for query in ('mutation { completeCommitment(id: "cm-b") { id } }',
                  'mutation { reviewPlan(planId: "p-bank", onTrack: true) { id } }'):
        assert codes(cycle.post(query, key="north-editor")) == ["NOT_FOUND"], query
    # a commitment stored under a plan of acc-b may not be moved to a plan of acc-n
    body = cycle.post('mutation { upsertCommitment(input: {id: "cm-b", plan: "p-cto", '
                      'text: "taken over", due: "2026-10-01"}) { id } }', key="north-editor")
    assert codes(body) == ["FORBIDDEN"]
    assert body["errors"][0]["extensions"]["problems"] == [
        "commitments[0].id (stored under another account): outside the accounts this API key "
        "may write"]
    # a new plan for another account's contact: answered as for a contact that does not exist
    # (a limited key cannot tell one from the other)
    body = cycle.post(PLAN, {"x": {**CYCLE["plans"][2], "id": "p-new"}}, key="north-editor")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["problems"] == [
        "plans[0].contact: no contact 'c-bcio' in the document or the graph"]
    assert counts(cycle.store) == before
    done = cycle.data('mutation { completeCommitment(id: "cm-1", doneOn: "2026-10-02") { '
                      'commitments { id doneOn } } }', key="north-editor")
    assert done["completeCommitment"]["commitments"] == [{"id": "cm-1", "doneOn": "2026-10-02"}]
