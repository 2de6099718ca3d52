"""The JSON Schema of a relgraph/1 document, generated from the pydantic records (model.py).

The committed copy is schema/relgraph-1.schema.json; a test fails when it drifts from the code.
Regenerate it with `python -m relgraph.ingest.jsonschema > schema/relgraph-1.schema.json`
(or `relgraph schema dataset > schema/relgraph-1.schema.json`).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import ConfigDict, Field, create_model

from relgraph.model import ARRAYS, DIMENSIONS, DOCUMENT_ORDER, FORMAT
from relgraph.paths import resource_dir

SCHEMA_ID = "https://relgraph.dev/schema/relgraph-1.schema.json"
REGENERATE = "python -m relgraph.ingest.jsonschema > schema/relgraph-1.schema.json"


def schema_path() -> Any:
    """Where the committed schema lives (the checkout's schema/, or the wheel's copy)."""
    return resource_dir("schema") / "relgraph-1.schema.json"


def dataset_schema() -> dict[str, Any]:
    """One schema for the whole document: `format` and every array, in the contract's order."""
    fields: dict[str, Any] = {
        "format": (Literal["relgraph/1"], Field(description=f"Always {FORMAT!r}.")),
    }
    for array in DOCUMENT_ORDER:
        model = ARRAYS[array]
        # A record type chosen at run time, which mypy cannot check as a type; pydantic can.
        fields[array] = (list[model] | None, None)  # type: ignore[valid-type]
    document = create_model(
        "RelgraphDocument", __config__=ConfigDict(extra="forbid"), **fields,
    )
    schema = document.model_json_schema(by_alias=True, mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "relgraph/1 dataset document",
        "description": "Accounts, their people and our relationships with them. "
                       "Every array is optional; ids are the caller's stable string ids.",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    _rules_pydantic_cannot_say(schema["$defs"])
    return schema


def _rules_pydantic_cannot_say(defs: dict[str, Any]) -> None:
    """Record rules the validator checks in code (validation.py), stated for schema users too."""
    defs["Sponsor"]["oneOf"] = [
        {"required": [given], "properties": {given: {"type": "string"}, other: {"type": "null"}}}
        for given, other in (("contact", "account"), ("account", "contact"))
    ]
    dims = [_camel(d) for d in DIMENSIONS]
    defs["Assessment"]["anyOf"] = [
        {"required": [name], "properties": {name: {"type": "integer"}}}
        for name in ("attitude", *dims)
    ]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def render() -> str:
    """The schema as committed: two-space indents, a final newline."""
    return json.dumps(dataset_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    print(render(), end="")


if __name__ == "__main__":
    main()
