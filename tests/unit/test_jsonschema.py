"""The committed JSON Schema of relgraph/1 is the one the pydantic records generate."""

from __future__ import annotations

import json

from relgraph.ingest.jsonschema import REGENERATE, dataset_schema, render, schema_path
from relgraph.model import DOCUMENT_ORDER


def test_committed_schema_matches_the_code() -> None:
    path = schema_path()
    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert committed == render(), (
        f"{path} is out of date with src/relgraph/model.py; regenerate it with:\n"
        f"    .venv/bin/{REGENERATE}"
    )


def test_schema_lists_every_array_in_contract_order() -> None:
    schema = dataset_schema()
    assert list(schema["properties"]) == ["format", *DOCUMENT_ORDER]
    assert schema["required"] == ["format"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["format"]["const"] == "relgraph/1"
    contact = schema["$defs"]["Contact"]
    assert list(contact["properties"])[:4] == ["id", "account", "orgUnit", "name"]
    assert contact["properties"]["rank"]["$ref"] == "#/$defs/Rank"
    assert schema["$defs"]["Rank"]["enum"] == ["S", "A", "B", "C"]


def test_schema_states_the_rules_checked_in_code() -> None:
    defs = dataset_schema()["$defs"]
    assert [b["required"] for b in defs["Sponsor"]["oneOf"]] == [["contact"], ["account"]]
    assert [b["required"][0] for b in defs["Assessment"]["anyOf"]][:2] == ["attitude", "acceptance"]
    json.dumps(defs)  # plain JSON all the way down


def test_schema_of_the_cycle_records() -> None:
    schema = dataset_schema()
    assert list(schema["properties"])[-6:] == ["plans", "commitments", "planReviews",
                                               "orgActions", "departmentAssessments",
                                               "tierReviews"]
    defs = schema["$defs"]
    plan = defs["Plan"]
    assert list(plan["properties"]) == ["id", "contact", "owner", "sponsor", "opportunity",
                                        "start", "end", "targetAttitude", "goal", "principle",
                                        "reviewEveryDays"]
    assert plan["required"] == ["id", "contact", "owner", "sponsor", "start", "end",
                                "targetAttitude", "goal"]
    assert {k: plan["properties"]["reviewEveryDays"][k] for k in ("minimum", "maximum",
                                                                   "default")} == {
        "minimum": 30, "maximum": 92, "default": 61}
    support = defs["DepartmentAssessment"]["properties"]["keyEventSupport"]
    assert (support["minimum"], support["maximum"]) == (0, 2)
    assert defs["OrgActionRecord"]["properties"]["action"]["$ref"] == "#/$defs/OrgAction"
    assert len(defs["OrgAction"]["enum"]) == 12
    assert defs["TierReview"]["properties"]["tier"]["$ref"] == "#/$defs/Tier"
