"""The client as a company through the API: the upserts of its records (validated like an
import, scoped like every write), `organizationalRelationship`, `generalRelationship`,
`portfolio`, `Account.tierHistory`, the new figures and power-map fields, each key's scope, and
the CLI printing exactly the GraphQL values."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from tests.api.conftest import AS_OF, Api, codes, counts

from relgraph.cli import cli
from relgraph.config import Settings

# Recorded through the mutations by an editor: organizational actions of both accounts, an
# obstructing department of acc-n, acc-n's two tier reviews, and interactions in the window.
UPSERTS: list[tuple[str, str, dict[str, Any]]] = [
    ("upsertOrgAction", "OrgActionInput",
     {"id": "oa-1", "account": "acc-n", "action": "strategy_alignment", "date": "2026-05-10",
      "note": "joint 5-year network plan signed"}),
    ("upsertOrgAction", "OrgActionInput",
     {"id": "oa-2", "account": "acc-b", "action": "regular_summit", "date": "2026-02-20"}),
    ("upsertDepartmentAssessment", "DepartmentAssessmentInput",
     {"id": "da-1", "orgUnit": "ou-n-net", "date": "2026-06-30", "assessedBy": "s-am",
      "keyEventSupport": 0, "informationChannel": 1, "issueSpread": False}),
    ("upsertDepartmentAssessment", "DepartmentAssessmentInput",
     {"id": "da-2", "orgUnit": "ou-b-it", "date": "2026-03-01", "keyEventSupport": 2,
      "informationChannel": 2, "issueSpread": False}),
    ("upsertTierReview", "TierReviewInput",
     {"id": "tr-1", "account": "acc-n", "date": "2025-01-10", "tier": "A",
      "reviewedBy": "s-exec"}),
    ("upsertTierReview", "TierReviewInput",
     {"id": "tr-2", "account": "acc-n", "date": "2026-01-15", "tier": "S",
      "reviewedBy": "s-exec", "note": "growth 18%, strategic match converging"}),
    ("recordInteraction", "InteractionInput",
     {"id": "i-9", "type": "BUSINESS_EXCHANGE", "date": "2026-10-01", "account": "acc-n",
      "staff": ["s-am", "s-sm"], "contacts": ["c-dir"]}),
    ("recordInteraction", "InteractionInput",
     {"id": "i-10", "type": "CALL", "date": "2026-09-01", "account": "acc-b",
      "staff": ["s-bank"], "contacts": ["c-bcio"]}),
]

ORG = """query($a: ID!, $asOf: Date) { organizationalRelationship(accountId: $a, asOf: $asOf) {
  accountId accountName partnership asOf required done coverage
  fronts { front required done coverage
           actions { action required done lastDate
                     evidence { source id date type note } } } } }"""
DEPARTMENTS = """query($a: ID!, $asOf: Date) { generalRelationship(accountId: $a, asOf: $asOf) {
  orgUnit { id name accountId parentId } activities process result score keyEventSupport
  informationChannel issueSpread lastAssessed obstructs } }"""
PORTFOLIO = """query($asOf: Date) { portfolio(asOf: $asOf) { asOf tierResources attendances
  tiers { tier accounts targetShare effortShare attendances deviation }
  partnerships { partnership accounts required done coverage } } }"""


def record_all(api: Api) -> None:
    for field, kind, value in UPSERTS:
        query = f"mutation($x: {kind}!) {{ {field}(input: $x) {{ __typename }} }}"
        api.data(query, {"x": value}, key="editor")


def test_the_organizational_relationship_of_an_account(api: Api) -> None:
    record_all(api)
    found = api.data(ORG, {"a": "acc-n", "asOf": AS_OF.isoformat()})
    org = found["organizationalRelationship"]
    assert {k: org[k] for k in ("accountId", "partnership", "required", "done", "coverage")} == {
        "accountId": "acc-n", "partnership": "strategic_partner", "required": 12, "done": 1,
        "coverage": 0.083333}
    actions = {a["action"]: a for f in org["fronts"] for a in f["actions"]}
    assert actions["strategy_alignment"] == {
        "action": "strategy_alignment", "required": True, "done": True, "lastDate": "2026-05-10",
        "evidence": [{"source": "orgAction", "id": "oa-1", "date": "2026-05-10",
                      "type": "strategy_alignment", "note": "joint 5-year network plan signed"}]}
    # The 2019 summit is the last one, long outside the 365 days.
    assert actions["regular_summit"] == {"action": "regular_summit", "required": True,
                                         "done": False, "lastDate": "2019-09-10", "evidence": []}
    assert [(f["front"], f["coverage"]) for f in org["fronts"]] == [
        ("communication", 0.0), ("alignment", 0.333333), ("joint", 0.0), ("recognition", 0.0)]


def test_the_general_relationship_figures_and_power_map(api: Api) -> None:
    record_all(api)
    found = api.data(DEPARTMENTS, {"a": "acc-n", "asOf": AS_OF.isoformat()})
    assert found["generalRelationship"] == [
        {"orgUnit": {"id": "ou-n-net", "name": "Networks", "accountId": "acc-n",
                     "parentId": "ou-n-tech"},
         "activities": 1, "process": 0.083333, "result": 0.5,
         "score": round(0.2 / 12 + 0.8 * 0.5, 6), "keyEventSupport": 0,
         "informationChannel": 1, "issueSpread": False, "lastAssessed": "2026-06-30",
         "obstructs": True},
        {"orgUnit": {"id": "ou-n-tech", "name": "Technology", "accountId": "acc-n",
                     "parentId": None},
         "activities": 0, "process": 0.0, "result": None, "score": None,
         "keyEventSupport": None, "informationChannel": None, "issueSpread": None,
         "lastAssessed": None, "obstructs": False}]
    figures = """query($k: [GapKind!]) { account(id: "acc-n") {
      figures(asOf: "2026-11-01") { organizationalCoverage departments departmentsAssessed
                                    meanDepartmentScore staffAttendances effortShare }
      coverageGaps(kinds: $k, asOf: "2026-11-01") { kind severity subjectId }
      tierHistory { id date tier previousTier changed reviewedBy { id name } note } } }"""
    kinds = ["ORG_ACTION_MISSING", "DEPARTMENT_OBSTRUCTS", "RETIER_OVERDUE"]
    account = api.data(figures, {"k": kinds})["account"]
    assert account["figures"] == {
        "organizationalCoverage": 0.083333, "departments": 2, "departmentsAssessed": 1,
        "meanDepartmentScore": 0.416667, "staffAttendances": 2, "effortShare": 0.666667}
    gaps = account["coverageGaps"]
    assert gaps[0] == {"kind": "DEPARTMENT_OBSTRUCTS", "severity": "MEDIUM",
                       "subjectId": "ou-n-net"}
    assert [g["kind"] for g in gaps[1:]] == ["ORG_ACTION_MISSING"] * 11  # reviewed this year
    assert account["tierHistory"] == [
        {"id": "tr-1", "date": "2025-01-10", "tier": "A", "previousTier": None, "changed": False,
         "reviewedBy": {"id": "s-exec", "name": "Chen Exec"}, "note": None},
        {"id": "tr-2", "date": "2026-01-15", "tier": "S", "previousTier": "A", "changed": True,
         "reviewedBy": {"id": "s-exec", "name": "Chen Exec"},
         "note": "growth 18%, strategic match converging"}]
    bank = api.data('{ coverageGaps(accountId: "acc-b", kinds: [RETIER_OVERDUE], '
                    'asOf: "2026-11-01") { subjectId message } }')["coverageGaps"]
    assert bank == [{"subjectId": "acc-b", "message": "Bluebird Bank (tier A): no tier review "
                     "in the 365 days up to 2026-11-01 (never reviewed)"}]
    pm = api.data('{ powerMap(accountId: "acc-n", asOf: "2026-11-01") { partnership '
                  'organizationalCoverage fronts { front coverage } '
                  'units { id generalScore obstructs } } }')["powerMap"]
    assert pm == {"partnership": "strategic_partner", "organizationalCoverage": 0.083333,
                  "fronts": [{"front": "communication", "coverage": 0.0},
                             {"front": "alignment", "coverage": 0.333333},
                             {"front": "joint", "coverage": 0.0},
                             {"front": "recognition", "coverage": 0.0}],
                  "units": [{"id": "ou-n-net", "generalScore": 0.416667, "obstructs": True},
                            {"id": "ou-n-tech", "generalScore": None, "obstructs": False}]}


def test_the_portfolio_counts_the_accounts_a_key_sees(api: Api) -> None:
    record_all(api)
    everything = api.data(PORTFOLIO, {"asOf": AS_OF.isoformat()}, key="reader")["portfolio"]
    assert (everything["tierResources"], everything["attendances"]) == ("7:3:0:0", 3)
    assert everything["tiers"] == [
        {"tier": "S", "accounts": 1, "targetShare": 0.7, "effortShare": 0.666667,
         "attendances": 2, "deviation": -0.033333},
        {"tier": "A", "accounts": 1, "targetShare": 0.3, "effortShare": 0.333333,
         "attendances": 1, "deviation": 0.033333},
        {"tier": "B", "accounts": 0, "targetShare": 0.0, "effortShare": 0.0, "attendances": 0,
         "deviation": 0.0},
        {"tier": "C", "accounts": 1, "targetShare": 0.0, "effortShare": 0.0, "attendances": 0,
         "deviation": 0.0}]
    assert everything["partnerships"] == [
        {"partnership": "strategic_partner", "accounts": 1, "required": 12, "done": 1,
         "coverage": 0.083333},
        {"partnership": "partner", "accounts": 1, "required": 9, "done": 1,
         "coverage": 0.111111},
        {"partnership": "ordinary", "accounts": 1, "required": 2, "done": 0, "coverage": 0.0}]
    north = api.data(PORTFOLIO, {"asOf": AS_OF.isoformat()}, key="north")["portfolio"]
    assert north["attendances"] == 2
    assert [(t["tier"], t["accounts"], t["effortShare"]) for t in north["tiers"]] == [
        ("S", 1, 1.0), ("A", 0, 0.0), ("B", 0, 0.0), ("C", 0, 0.0)]
    assert [(p["partnership"], p["accounts"]) for p in north["partnerships"]] == [
        ("strategic_partner", 1), ("partner", 0), ("ordinary", 0)]
    # The figures of a limited key: the share of its own accounts' effort.
    share = api.data('{ account(id: "acc-n") { figures(asOf: "2026-11-01") { effortShare } } }',
                     key="north")["account"]["figures"]["effortShare"]
    assert share == 1.0


def test_bad_records_are_refused_with_every_problem_and_nothing_written(api: Api) -> None:
    before = counts(api.store)
    cases = [
        ("upsertOrgAction", "OrgActionInput",
         {"id": "oa-x", "account": "acc-nowhere", "action": "golf", "date": "2026-05-10"},
         ["orgActions[0].account: no account 'acc-nowhere' in the document or the graph",
          "orgActions[0].action: 'golf' is not one of regular_summit, executive_visits, "
          "personal_relationship, strategy_alignment, organization_alignment, "
          "process_alignment, joint_innovation, joint_brand_csr, joint_business_planning, "
          "culture_recognition, management_practice, brand_recognition"]),
        ("upsertDepartmentAssessment", "DepartmentAssessmentInput",
         {"id": "da-x", "orgUnit": "ou-nowhere", "date": "2026-06-30", "keyEventSupport": 3,
          "informationChannel": -1, "issueSpread": False},
         ["departmentAssessments[0].informationChannel: -1 is not in [0, 2]",
          "departmentAssessments[0].keyEventSupport: 3 is not in [0, 2]",
          "departmentAssessments[0].orgUnit: no org unit 'ou-nowhere' in the document or the "
          "graph"]),
        ("upsertTierReview", "TierReviewInput",
         {"id": "tr-x", "account": "acc-n", "date": "2026-01-15", "tier": "S",
          "reviewedBy": "s-nobody"},
         ["tierReviews[0].reviewedBy: no staff member 's-nobody' in the document or the graph"]),
    ]
    for field, kind, value, problems in cases:
        body = api.post(f"mutation($x: {kind}!) {{ {field}(input: $x) {{ records }} }}",
                        {"x": value}, key="editor")
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert sorted(body["errors"][0]["extensions"]["problems"]) == sorted(problems)
    assert counts(api.store) == before
    body = api.post('mutation { upsertTierReview(input: {id: "tr-r", account: "acc-n", '
                    'date: "2026-01-15", tier: S}) { records } }', key="reader")
    assert codes(body) == ["FORBIDDEN"]
    assert counts(api.store) == before


def test_the_records_are_written_once_and_then_left_unchanged(api: Api) -> None:
    record_all(api)
    before = counts(api.store)
    again = api.data('mutation($x: OrgActionInput!) { upsertOrgAction(input: $x) { records '
                     'arrays { array created updated unchanged } } }', {"x": UPSERTS[0][2]},
                     key="editor")["upsertOrgAction"]
    assert again["arrays"] == [{"array": "orgActions", "created": 0, "updated": 0,
                                "unchanged": 1}]
    assert counts(api.store) == before


def test_a_limited_key_reads_and_writes_only_its_accounts(api: Api) -> None:
    record_all(api)
    for query in (ORG, DEPARTMENTS):
        body = api.post(query, {"a": "acc-b"}, key="north")
        assert codes(body) == ["NOT_FOUND"] and "Bluebird" not in json.dumps(body)
        assert codes(api.post(query, {"a": "acc-zz"}, key="north")) == ["NOT_FOUND"]
    before = counts(api.store)
    # Moving Bluebird's department assessment onto a unit of acc-n is writing a record of acc-b.
    moved = {"id": "da-2", "orgUnit": "ou-n-tech", "date": "2026-03-01", "keyEventSupport": 2,
             "informationChannel": 2, "issueSpread": False}
    body = api.post("mutation($x: DepartmentAssessmentInput!) { upsertDepartmentAssessment("
                    "input: $x) { records } }", {"x": moved}, key="north-editor")
    assert codes(body) == ["FORBIDDEN"]
    assert body["errors"][0]["extensions"]["problems"] == [
        "departmentAssessments[0].id (stored under another account): outside the accounts "
        "this API key may write"]
    body = api.post('mutation { upsertOrgAction(input: {id: "oa-9", account: "acc-b", '
                    'action: "joint_innovation", date: "2026-06-01"}) { records } }',
                    key="north-editor")
    assert codes(body) == ["FORBIDDEN"]
    assert counts(api.store) == before
    own = {**moved, "id": "da-3"}
    done = api.data("mutation($x: DepartmentAssessmentInput!) { upsertDepartmentAssessment("
                    "input: $x) { records } }", {"x": own}, key="north-editor")
    assert done["upsertDepartmentAssessment"]["records"] == 1


def cli_json(settings: Settings, args: list[str]) -> Any:
    result = CliRunner().invoke(cli, [*args, "--as-of", AS_OF.isoformat(), "--format", "json"],
                                env=settings.engine_environment())
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_cli_prints_the_graphql_values(api: Api, engine_settings: Settings) -> None:
    record_all(api)
    variables = {"a": "acc-n", "asOf": AS_OF.isoformat()}
    for args, query, field in (
        (["org-relationship", "--account", "acc-n"], ORG, "organizationalRelationship"),
        (["departments", "--account", "acc-n"], DEPARTMENTS, "generalRelationship"),
        (["portfolio"], PORTFOLIO, "portfolio"),
    ):
        value = api.data(query, variables if "$a" in query else {"asOf": AS_OF.isoformat()})
        assert value[field], field
        assert cli_json(engine_settings, args) == value[field], field
    table = CliRunner().invoke(cli, ["departments", "--account", "acc-n", "--as-of",
                                     AS_OF.isoformat()], env=engine_settings.engine_environment())
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[-1] == (
        "1 of 2 department(s) assessed in the 365 days; mean score 0.42; 1 obstruct(s) (!)")
    missing = CliRunner().invoke(cli, ["org-relationship", "--account", "acc-zz"],
                                 env=engine_settings.engine_environment())
    assert missing.exit_code == 1 and "acc-zz" in missing.stderr
