"""The store port on each engine: plain values, errors naming the statement, idempotent schema."""

from __future__ import annotations

import pytest

from relgraph.cypher import statement
from relgraph.errors import QueryFailed
from relgraph.ingest.importer import write_unchecked
from relgraph.model import Account, Contact, Record
from relgraph.store import GraphStore, apply_schema, ensure_schema
from relgraph.store.base import run_each

NAMES = statement("account_names")
UPSERT_STAFF = statement("upsert_staff")


def test_strings_round_trip_exactly(store: GraphStore) -> None:
    tricky = ["Bo 'Quote' \"D\" 王 \\ x", "Ünïcödé — Ltd.", "line\nbreak", "emoji 🚀"]
    accounts: list[Record] = [
        Account(id=f"acc-{i}", name=n, tier="S")  # type: ignore[arg-type]
        for i, n in enumerate(tricky)
    ]
    write_unchecked(store, {"accounts": accounts})
    assert [r["name"] for r in store.run(NAMES)] == sorted(tricky)


def test_schema_apply_is_idempotent(store: GraphStore) -> None:
    first = apply_schema(store)
    assert first > 0 and apply_schema(store) == first
    assert ensure_schema(store) is False  # already current: nothing re-applied


def test_an_engine_error_names_the_statement_and_writes_nothing(store: GraphStore) -> None:
    write_unchecked(store, {
        "accounts": [Account(id="acc-1", name="Northwind", tier="S")],  # type: ignore[arg-type]
        "contacts": [Contact(id="p-1", account="acc-1", name="Ana Ruiz")],
    })
    # A staff member with a contact's id breaks the unique id of :Person.
    with pytest.raises(QueryFailed) as caught:
        store.run(UPSERT_STAFF, {"rows": [{"id": "s-new", "props": {"name": "ok"}},
                                          {"id": "p-1", "props": {"name": "clash"}}]})
    assert caught.value.statement == "upsert_staff"
    assert "upsert_staff" in str(caught.value)
    # The statement is atomic: the first row of the failed batch is not there either.
    nodes = store.run(statement("graph_counts"))[0]["nodes"]
    assert nodes == 2 + _meta_nodes(store)  # acc-1 and p-1 only


def _meta_nodes(store: GraphStore) -> int:
    """Schema marker and API keys survive clear_graph; count them to compare node totals."""
    return int(store.run(statement("meta_node_count"))[0]["count"])


def test_batches_run_in_order_each_atomic_and_stop_at_the_first_that_fails(
        store: GraphStore) -> None:
    # The import's writes: the next batch may be prepared while the engine runs one, but they
    # run in order, and a failed batch writes nothing and stops the rest.
    write_unchecked(store, {
        "accounts": [Account(id="acc-1", name="Northwind", tier="S")],  # type: ignore[arg-type]
        "contacts": [Contact(id="p-1", account="acc-1", name="Ana Ruiz")],
    })
    batches = [{"rows": [{"id": f"s-{n}", "props": {"name": f"Staff {n}"}}]} for n in range(3)]
    batches.insert(2, {"rows": [{"id": "s-x", "props": {"name": "ok"}},
                                {"id": "p-1", "props": {"name": "clash"}}]})
    done = []
    with pytest.raises(QueryFailed) as caught:
        for rows in run_each(store, UPSERT_STAFF, batches):
            done.append(rows)
    assert caught.value.statement == "upsert_staff"
    assert len(done) == 2
    # s-0 and s-1 were written; neither the failed batch's s-x nor s-2 after it
    assert store.run(statement("graph_counts"))[0]["nodes"] == 4 + _meta_nodes(store)
