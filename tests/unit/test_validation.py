"""Whole-document validation without an engine: every problem, exact `path: reason` strings."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import pytest

from relgraph.errors import ValidationFailed
from relgraph.ingest import tabular
from relgraph.ingest.validation import validate, validate_document


def small() -> dict[str, Any]:
    """A valid document touching every array."""
    return {
        "format": "relgraph/1",
        "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S"},
                     {"id": "acc-2", "name": "Contoso", "tier": "B"}],
        "orgUnits": [{"id": "ou-1", "account": "acc-1", "name": "Technology"},
                     {"id": "ou-2", "account": "acc-1", "name": "Networks", "parent": "ou-1"},
                     {"id": "ou-9", "account": "acc-2", "name": "Board"}],
        "contacts": [{"id": "c-1", "account": "acc-1", "orgUnit": "ou-1", "name": "Ana",
                      "rank": "A", "key": True},
                     {"id": "c-2", "account": "acc-1", "orgUnit": "ou-2", "name": "Bo"}],
        "staff": [{"id": "s-1", "name": "Li", "rank": "B", "role": "account_manager"},
                  {"id": "s-9", "name": "Eve", "rank": "S", "role": "executive"}],
        "reportingLines": [{"person": "c-2", "manager": "c-1", "since": "2024-01-01"}],
        "influences": [{"from": "c-2", "to": "c-1", "strength": 0.8, "kind": "mentor"}],
        "knows": [{"staff": "s-1", "contact": "c-1", "strength": 0.6}],
        "owners": [{"staff": "s-1", "contact": "c-1", "role": "A"}],
        "sponsors": [{"staff": "s-9", "contact": "c-1"}, {"staff": "s-9", "account": "acc-1"}],
        "teams": [{"staff": "s-1", "account": "acc-1", "role": "AR"}],
        "interactions": [{"id": "i-1", "type": "formal_visit", "date": "2026-10-01",
                          "account": "acc-1", "staff": ["s-1"], "contacts": ["c-1", "c-2"]}],
        "assessments": [{"contact": "c-1", "date": "2026-06-30", "assessedBy": "s-1",
                         "acceptance": 2, "attitude": 3}],
        "competitors": [{"id": "k-1", "name": "Rival"}],
        "supplies": [{"competitor": "k-1", "account": "acc-1", "position": "primary"}],
        "favors": [{"contact": "c-2", "competitor": "k-1", "strength": 0.7}],
        "opportunities": [{"id": "o-1", "account": "acc-1", "name": "Core", "stage": "lead",
                           "value": 1200000, "closeDate": "2027-03-31"}],
        "decisionChain": [{"opportunity": "o-1", "contact": "c-1", "role": "decision_maker"}],
        "opportunityTeam": [{"opportunity": "o-1", "staff": "s-1", "role": "AR"}],
        "plans": [{"id": "p-1", "contact": "c-1", "owner": "s-1", "sponsor": "s-9",
                   "opportunity": "o-1", "start": "2026-07-01", "end": "2026-12-31",
                   "targetAttitude": 2, "goal": "CTO backs the 2027 core bid"}],
        "commitments": [{"id": "cm-1", "plan": "p-1", "text": "joint lab visit",
                         "due": "2026-09-30"}],
        "planReviews": [{"id": "pr-1", "plan": "p-1", "date": "2026-09-01", "reviewedBy": "s-1",
                         "onTrack": False, "gap": "no access since reorg"}],
        "orgActions": [{"id": "oa-1", "account": "acc-1", "action": "strategy_alignment",
                        "date": "2026-05-10"}],
        "departmentAssessments": [{"id": "da-1", "orgUnit": "ou-1", "date": "2026-06-30",
                                   "assessedBy": "s-1", "keyEventSupport": 2,
                                   "informationChannel": 1, "issueSpread": False}],
        # A review's tier may differ from the account's current one (acc-2 is B): history.
        "tierReviews": [{"id": "tr-1", "account": "acc-2", "date": "2026-01-15", "tier": "A",
                         "reviewedBy": "s-9"}],
    }


def problems(doc: Any) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_document(doc)
    return caught.value.problems


def changed(**arrays: Any) -> dict[str, Any]:
    doc = small()
    doc.update(copy.deepcopy(arrays))
    return doc


def test_the_small_document_is_valid() -> None:
    records = validate_document(small())
    assert {a: len(r) for a, r in records.items()}["contacts"] == 2
    assert validate(small()).docs["contacts"][0]["orgUnit"] == "ou-1"


def test_document_level_problems() -> None:
    assert problems([]) == ["document: expected a JSON object, got a list"]
    assert problems({"accounts": []}) == ["format: required field missing (must be 'relgraph/1')"]
    assert problems({"format": "relgraph/1", "teamz": [], "contacts": {}}) == [
        "teamz: unknown array (did you mean teams?)",
        "contacts: expected a list of records, got an object",
    ]


def test_null_array_reads_as_absent() -> None:
    assert validate_document({"format": "relgraph/1", "contacts": None}) == {}


def test_field_problems_are_readable() -> None:
    doc = small()
    doc["contacts"][0].update(rank="X", closeness=9, org_unit="ou-1", key="yes")
    doc["knows"][0]["strength"] = 0
    doc["interactions"][0].update(date="2026-1-5", staff=["s-1", ""])
    doc["opportunities"][0]["value"] = "1.2M"
    assert problems(doc) == [
        "contacts[0].rank: 'X' is not one of S, A, B, C",
        "contacts[0].key: 'yes' is not true or false",
        "contacts[0].closeness: 9 is not in [1, 5]",
        "contacts[0].org_unit: unknown field (did you mean orgUnit?)",
        "knows[0].strength: 0 is not in (0, 1]",
        "interactions[0].date: '2026-1-5' is not a date (YYYY-MM-DD)",
        "interactions[0].staff[1]: must not be empty",
        "opportunities[0].value: '1.2M' is not a number",
    ]


def test_scores_are_integers_in_range() -> None:
    doc = changed(assessments=[{"contact": "c-1", "date": "2026-06-30", "guidance": 2.0,
                                "acceptance": -2, "attitude": "3"}])
    assert problems(doc) == [
        "assessments[0].acceptance: -2 is not in [-1, 3]",
        "assessments[0].guidance: 2.0 is not an integer",
        "assessments[0].attitude: '3' is not an integer",
    ]


def test_missing_fields_and_non_object_records() -> None:
    doc = changed(accounts=[{"id": "acc-1", "tier": "S"}, "acc-2"])
    assert problems(doc)[:2] == [
        "accounts[0].name: required field missing",
        "accounts[1]: expected an object, got a string",
    ]


def test_record_rules() -> None:
    doc = changed(
        sponsors=[{"staff": "s-9"}, {"staff": "s-9", "contact": "c-1", "account": "acc-1"}],
        assessments=[{"contact": "c-1", "date": "2026-06-30", "assessedBy": "s-1"}],
        reportingLines=[{"person": "c-1", "manager": "c-1"},
                        {"person": "c-2", "manager": "c-1", "since": "2025-01-01",
                         "until": "2024-01-01"}],
        influences=[{"from": "c-1", "to": "c-1", "strength": 0.5}],
    )
    assert problems(doc) == [
        "reportingLines[0].manager: a person cannot report to themselves",
        "reportingLines[1].until: '2024-01-01' is before since '2025-01-01'",
        "influences[0].to: a person cannot influence themselves",
        "sponsors[0]: give exactly one of contact (personal sponsor) or account (account sponsor)",
        "sponsors[1]: give exactly one of contact (personal sponsor) or account (account sponsor)",
        "assessments[0]: give attitude or at least one of the six dimension scores",
    ]


def test_duplicates() -> None:
    doc = small()
    doc["contacts"].append({"id": "c-1", "account": "acc-1", "name": "Ana again"})
    doc["staff"].append({"id": "c-2", "name": "Bo on our side"})
    doc["knows"].append({"staff": "s-1", "contact": "c-1", "strength": 0.9})
    doc["owners"].append({"staff": "s-1", "contact": "c-1", "role": "B"})  # another role: fine
    assert problems(doc) == [
        "contacts[2].id: duplicate id 'c-1' (also at contacts[0])",
        "staff[2].id: duplicate person id 'c-2' (also at contacts[1])",
        "knows[1]: duplicate of knows[0] (same staff, contact)",
    ]


def test_references_name_the_right_kind() -> None:
    doc = changed(
        knows=[{"staff": "c-1", "contact": "s-1"}, {"staff": "s-1", "contact": "c-404"}],
        interactions=[{"id": "i-1", "type": "call", "date": "2026-10-01",
                       "staff": ["s-1", "s-404"], "contacts": ["c-1"], "opportunity": "acc-1"}],
        reportingLines=[{"person": "s-1", "manager": "nobody"}],
    )
    assert problems(doc) == [
        "reportingLines[0].manager: no person 'nobody' in the document or the graph",
        "knows[0].staff: 'c-1' is a contact, not a staff member",
        "knows[0].contact: 's-1' is a staff member, not a contact",
        "knows[1].contact: no contact 'c-404' in the document or the graph",
        "interactions[0].opportunity: 'acc-1' is an account, not an opportunity",
        "interactions[0].staff[1]: no staff member 's-404' in the document or the graph",
    ]


def test_org_units_belong_to_one_account() -> None:
    doc = small()
    doc["contacts"][1]["orgUnit"] = "ou-9"
    doc["orgUnits"][2]["parent"] = "ou-1"
    doc["orgUnits"].append({"id": "ou-3", "account": "acc-1", "name": "Loop", "parent": "ou-4"})
    doc["orgUnits"].append({"id": "ou-4", "account": "acc-1", "name": "Loop", "parent": "ou-3"})
    assert problems(doc) == [
        "orgUnits[2].parent: org unit 'ou-1' belongs to account 'acc-1', not 'acc-2'",
        "orgUnits[3].parent: org unit 'ou-3' would be its own ancestor",
        "orgUnits[4].parent: org unit 'ou-4' would be its own ancestor",
        "contacts[1].orgUnit: org unit 'ou-9' belongs to account 'acc-2', not 'acc-1'",
    ]


def test_a_bad_record_still_has_its_references_checked_without_cascades() -> None:
    doc = small()
    doc["contacts"][0].update(rank="X", account="acc-404")  # others refer to c-1: no cascade
    assert problems(doc) == [
        "contacts[0].rank: 'X' is not one of S, A, B, C",
        "contacts[0].account: no account 'acc-404' in the document or the graph",
    ]


def test_an_id_or_account_that_is_a_list_is_a_problem_not_a_crash() -> None:
    """Found by the fuzz test: `"id": []` reached the reference pass as a list (a TypeError)."""
    doc = small()
    doc["accounts"][0]["id"] = []
    doc["orgUnits"][0]["account"] = ["acc-1"]
    found = problems(doc)
    assert any(p.startswith("accounts[0].id: ") for p in found), found
    assert any(p.startswith("orgUnits[0].account: ") for p in found), found


# --- tables: the same checks, placed by file and line ---------------------------------------

def _write_csv(folder: Path, name: str, rows: list[list[str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_csv_cells_are_typed_by_column(tmp_path: Path) -> None:
    _write_csv(tmp_path, "accounts.csv", [["id", "name", "tier"], ["acc-1", "A", "S"]])
    _write_csv(tmp_path, "interactions.csv", [
        ["id", "type", "date", "account", "staff", "contacts", "summary"],
        ["i-1", "call", "2026-10-01", "acc-1", "", " c-1 ; c-2 ", "true"],
    ])
    _write_csv(tmp_path, "contacts.csv", [
        ["id", "account", "name", "key", "closeness", "email"],
        ["c-1", "acc-1", "Ana", "TRUE", "2", ""],
        ["", "", "", "", "", ""],  # blank rows are skipped
        ["c-2", "acc-1", "Bo", "false", "", "bo@example.com"],
    ])
    table = tabular.read(tmp_path)
    assert table.problems == []
    # An empty cell is a field not given (here: the default, no staff); text stays text.
    assert table.doc["interactions"] == [{"id": "i-1", "type": "call", "date": "2026-10-01",
                                          "account": "acc-1", "contacts": ["c-1", "c-2"],
                                          "summary": "true"}]
    assert table.doc["contacts"] == [
        {"id": "c-1", "account": "acc-1", "name": "Ana", "key": True, "closeness": 2},
        {"id": "c-2", "account": "acc-1", "name": "Bo", "key": False, "email": "bo@example.com"},
    ]
    assert table.lines["contacts"] == [2, 4]
    validate_document(table.doc, locate=table.locate, early=table.problems)


def test_csv_problems_name_file_and_line(tmp_path: Path) -> None:
    _write_csv(tmp_path, "accounts.csv", [["id", "name", "tier"], ["acc-1", "A", "S"]])
    _write_csv(tmp_path, "contacts.csv", [
        ["id", "account", "name", "rank", "closeness"],
        ["c-1", "acc-1", "Ana", "A", "2"],
        ["c-2", "acc-1", "Bo", "X", "two"],
        ["c-1", "acc-9", "Cy", "B", ""],
    ])
    _write_csv(tmp_path, "teams.csv", [["staff", "account", "rol"]])
    _write_csv(tmp_path, "contact.csv", [["id"]])
    table = tabular.read(tmp_path)
    with pytest.raises(ValidationFailed) as caught:
        validate_document(table.doc, locate=table.locate, early=table.problems)
    assert caught.value.problems == [
        "contact.csv: not a relgraph/1 array (did you mean contacts?)",
        "teams.csv:1 rol: unknown column (did you mean role?)",
        "teams.csv:1: missing required column(s) role",
        "contacts.csv:3 rank: 'X' is not one of S, A, B, C",
        "contacts.csv:3 closeness: 'two' is not an integer",
        "contacts.csv:4 id: duplicate id 'c-1' (also at contacts.csv:2)",
        "contacts.csv:4 account: no account 'acc-9' in the document or the graph",
    ]


def test_xlsx_problems_name_sheet_and_row(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "accounts"
    book.active.append(["id", "name", "tier", "partnership"])
    book.active.append([1001, "Numbered", "S", "partner"])  # a numeric id cell reads as text
    sheet = book.create_sheet("contacts")
    sheet.append(["id", "account", "name", "active", "closeness"])
    sheet.append(["c-1", "1001", "Ana", True, 2.0])
    sheet.append(["c-2", "1001", "Bo", "maybe", 2.5])
    book.save(tmp_path / "book.xlsx")
    table = tabular.read(tmp_path / "book.xlsx")
    assert table.doc["accounts"][0]["id"] == "1001"
    assert table.doc["contacts"][0] == {"id": "c-1", "account": "1001", "name": "Ana",
                                        "active": True, "closeness": 2}
    with pytest.raises(ValidationFailed) as caught:
        validate_document(table.doc, locate=table.locate, early=table.problems)
    assert caught.value.problems == [
        "book.xlsx[contacts]:3 closeness: 2.5 is not an integer",
        "book.xlsx[contacts]:3 active: 'maybe' is not true or false",
    ]


def test_numbers_are_finite() -> None:
    doc = small()
    doc["opportunities"][0]["value"] = float("nan")
    doc["favors"][0]["strength"] = float("inf")
    assert problems(doc) == [
        "favors[0].strength: Infinity is not in (0, 1]",
        "opportunities[0].value: NaN is not a finite number",
    ]


# --- the management cycle: plans, commitments, reviews, org actions, departments, tiers -------

def test_cycle_records_take_their_defaults() -> None:
    valid = validate(small())
    assert valid.docs["plans"][0]["reviewEveryDays"] == 61
    assert valid.docs["plans"][0]["principle"] is None
    assert valid.docs["commitments"][0]["doneOn"] is None
    assert valid.docs["tierReviews"][0]["tier"] == "A"


def test_plan_problems() -> None:
    plan = small()["plans"][0]
    doc = changed(plans=[
        {**plan, "id": "p-1", "start": "2026-07-01", "end": "2026-06-30"},
        {**plan, "id": "p-2", "reviewEveryDays": 29, "targetAttitude": 4},
        {**plan, "id": "p-3", "reviewEveryDays": 93, "targetAttitude": -2},
        {**plan, "id": "p-4", "owner": "c-2", "sponsor": "c-1", "contact": "s-1"},
        {**plan, "id": "p-5", "opportunity": "o-404", "sponsor": "s-404"},
        {"id": "p-6", "contact": "c-1", "owner": "s-1", "sponsor": "s-9", "start": "2026-07-01",
         "end": "2026-12-31", "targetAttitude": 1.5, "reviewEveryDays": "61"},
        {**plan, "id": "p-1"},
    ])
    assert problems(doc) == [
        "plans[0].end: '2026-06-30' is before start '2026-07-01'",
        "plans[1].targetAttitude: 4 is not in [-1, 3]",
        "plans[1].reviewEveryDays: 29 is not in [30, 92]",
        "plans[2].targetAttitude: -2 is not in [-1, 3]",
        "plans[2].reviewEveryDays: 93 is not in [30, 92]",
        "plans[3].contact: 's-1' is a staff member, not a contact",
        "plans[3].owner: 'c-2' is a contact, not a staff member",
        "plans[3].sponsor: 'c-1' is a contact, not a staff member",
        "plans[4].sponsor: no staff member 's-404' in the document or the graph",
        "plans[4].opportunity: no opportunity 'o-404' in the document or the graph",
        "plans[5].targetAttitude: 1.5 is not an integer",
        "plans[5].goal: required field missing",
        "plans[5].reviewEveryDays: '61' is not an integer",
        "plans[6].id: duplicate id 'p-1' (also at plans[0])",
    ]


def test_commitment_and_review_problems() -> None:
    doc = changed(
        commitments=[{"id": "cm-1", "plan": "p-404", "text": "lab visit", "due": "2026-09-31"},
                     {"id": "cm-2", "plan": "acc-1", "text": "lab visit", "due": "2026-09-30",
                      "doneOn": "soon"},
                     {"id": "cm-3", "plan": "p-1", "due": "2026-09-30"}],
        planReviews=[{"id": "pr-1", "plan": "p-1", "date": "2026-09-01", "reviewedBy": "c-1",
                      "onTrack": "no"},
                     {"id": "pr-2", "plan": "p-404", "date": "2026-09-01"}],
    )
    assert problems(doc) == [
        "commitments[0].due: '2026-09-31' is not a date (YYYY-MM-DD)",
        "commitments[0].plan: no plan 'p-404' in the document or the graph",
        "commitments[1].doneOn: 'soon' is not a date (YYYY-MM-DD)",
        "commitments[1].plan: 'acc-1' is an account, not a plan",
        "commitments[2].text: required field missing",
        "planReviews[0].onTrack: 'no' is not true or false",
        "planReviews[0].reviewedBy: 'c-1' is a contact, not a staff member",
        "planReviews[1].onTrack: required field missing",
        "planReviews[1].plan: no plan 'p-404' in the document or the graph",
    ]


def test_org_action_department_and_tier_problems() -> None:
    doc = changed(
        orgActions=[{"id": "oa-1", "account": "acc-1", "action": "summit", "date": "2026-05-10"},
                    {"id": "oa-2", "account": "acc-404", "action": "joint_brand_csr",
                     "date": "2026-05-10"}],
        departmentAssessments=[
            {"id": "da-1", "orgUnit": "ou-1", "date": "2026-06-30", "assessedBy": "c-1",
             "keyEventSupport": 3, "informationChannel": -1, "issueSpread": "yes"},
            {"id": "da-2", "orgUnit": "ou-404", "date": "2026-06-30", "keyEventSupport": 0,
             "informationChannel": 2, "issueSpread": True},
            {"id": "da-3", "orgUnit": "acc-1", "date": "2026-06-30", "keyEventSupport": 1,
             "informationChannel": 1.0}],
        tierReviews=[{"id": "tr-1", "account": "acc-1", "date": "2026-01-15", "tier": "X",
                      "reviewedBy": "c-2"},
                     {"id": "tr-2", "account": "acc-404", "date": "2026-01-15", "tier": "s"}],
    )
    assert problems(doc) == [
        "orgActions[0].action: 'summit' is not one of regular_summit, executive_visits, "
        "personal_relationship, strategy_alignment, organization_alignment, process_alignment, "
        "joint_innovation, joint_brand_csr, joint_business_planning, culture_recognition, "
        "management_practice, brand_recognition",
        "orgActions[1].account: no account 'acc-404' in the document or the graph",
        "departmentAssessments[0].keyEventSupport: 3 is not in [0, 2]",
        "departmentAssessments[0].informationChannel: -1 is not in [0, 2]",
        "departmentAssessments[0].issueSpread: 'yes' is not true or false",
        "departmentAssessments[0].assessedBy: 'c-1' is a contact, not a staff member",
        "departmentAssessments[1].orgUnit: no org unit 'ou-404' in the document or the graph",
        "departmentAssessments[2].informationChannel: 1.0 is not an integer",
        "departmentAssessments[2].issueSpread: required field missing",
        "departmentAssessments[2].orgUnit: 'acc-1' is an account, not an org unit",
        "tierReviews[0].tier: 'X' is not one of S, A, B, C",
        "tierReviews[0].reviewedBy: 'c-2' is a contact, not a staff member",
        "tierReviews[1].tier: 's' is not one of S, A, B, C",
        "tierReviews[1].account: no account 'acc-404' in the document or the graph",
    ]


def test_cycle_csv_cells_are_typed_by_column(tmp_path: Path) -> None:
    _write_csv(tmp_path, "planReviews.csv", [
        ["id", "plan", "date", "reviewedBy", "onTrack", "gap", "remedy"],
        ["pr-1", "p-1", "2026-09-01", "", "FALSE", "no access, since reorg", ""],
    ])
    _write_csv(tmp_path, "departmentAssessments.csv", [
        ["id", "orgUnit", "date", "keyEventSupport", "informationChannel", "issueSpread"],
        ["da-1", "ou-1", "2026-06-30", "2", "one", "true"],
    ])
    _write_csv(tmp_path, "plans.csv", [["id", "contact", "owner", "sponsor", "start", "end",
                                        "targetAttitude", "goal", "reviewEveryDays"],
                                       ["p-1", "c-1", "s-1", "s-9", "2026-07-01", "2026-12-31",
                                        "2", "backs the bid", "92"]])
    table = tabular.read(tmp_path)
    assert table.doc["planReviews"] == [{"id": "pr-1", "plan": "p-1", "date": "2026-09-01",
                                         "onTrack": False, "gap": "no access, since reorg"}]
    assert table.doc["plans"][0]["targetAttitude"] == 2
    assert table.doc["plans"][0]["reviewEveryDays"] == 92
    with pytest.raises(ValidationFailed) as caught:
        validate_document({**small(), **{k: v for k, v in table.doc.items() if k != "format"}},
                          locate=table.locate, early=table.problems)
    assert caught.value.problems == [
        "departmentAssessments.csv:2 informationChannel: 'one' is not an integer",
    ]


def test_reading_tables_reports_their_rows_as_they_come(tmp_path: Path) -> None:
    """A large CSV folder or workbook is not read in silence: every READ_STEP rows of a table,
    and its total at its end (the notes sheet of the user's own is left out, with no report)."""
    _write_csv(tmp_path, "accounts.csv", [["id", "name", "tier"], ["acc-1", "A", "S"]])
    _write_csv(tmp_path, "contacts.csv", [["id", "account", "name"]] + [
        [f"c-{i}", "acc-1", f"Name {i}"] for i in range(12_000)])
    _write_csv(tmp_path, "notes.csv", [["text"], ["call Ana"]])
    reports: list[tuple[str, int, int | None]] = []
    table = tabular.read(tmp_path, lambda *report: reports.append(report))
    step = tabular.READ_STEP
    assert reports == [("accounts.csv", 1, 1),
                       *[("contacts.csv", n, None) for n in range(step, 12_000, step)],
                       ("contacts.csv", 12_000, 12_000)]
    assert len(table.doc["contacts"]) == 12_000
    assert table.skipped == ["notes.csv: not a relgraph/1 array; left out"]
