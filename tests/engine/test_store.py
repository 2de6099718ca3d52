"""The store port on each engine: plain values, errors with the statement's name, schema."""

from __future__ import annotations

from relgraph.cypher import statement
from relgraph.ingest.writer import write_records
from relgraph.model import ARRAYS
from relgraph.store import GraphStore, apply_schema, ensure_schema

COUNTS = statement("graph_counts")


def _records(doc: dict[str, list[dict[str, object]]]) -> dict[str, list]:
    return {k: [ARRAYS[k].model_validate(r) for r in v] for k, v in doc.items()}


def test_values_come_back_plain_and_unicode_survives(store: GraphStore) -> None:
    name = "Bo 'Quote' \"D\" 王 \\ x"
    write_records(store, _records({
        "accounts": [{"id": "acc-1", "name": name, "tier": "S"}],
    }))
    rows = store.run(statement("graph_counts"))
    assert rows == [{"nodes": 2, "relationships": 0}]  # the account and the schema marker


def test_schema_apply_is_idempotent(store: GraphStore) -> None:
    first = apply_schema(store)
    assert apply_schema(store) == first
    assert ensure_schema(store) is False  # already current: nothing re-applied
