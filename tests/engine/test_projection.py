"""The link projection of influence paths on each engine: the generation every write bumps,
and that a write by any route (an import, `relgraph import`) is seen by the very next question."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.support import Slowed, load

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.cypher import load_catalog, statement
from relgraph.ingest.importer import import_document
from relgraph.intel import influence_paths, influenced_by
from relgraph.intel.generation import graph_generation
from relgraph.intel.projection import projection_of
from relgraph.store import GraphStore
from relgraph.store.base import sent_ahead

AS_OF = dt.date(2026, 11, 1)
GRAPH = {
    "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S"}],
    "staff": [{"id": "s1", "name": "S1"}, {"id": "s2", "name": "S2"}],
    "contacts": [{"id": c, "account": "acc-1", "name": c.upper()} for c in ("t", "a", "b")],
    "knows": [{"staff": "s1", "contact": "a", "strength": 0.5}],
    "influences": [{"from": "a", "to": "t", "strength": 0.8}],
}
# The import adds a stronger way in: s2 knows b, who sways t.
MORE = {"format": "relgraph/1",
        "knows": [{"staff": "s2", "contact": "b", "strength": 0.9}],
        "influences": [{"from": "b", "to": "t", "strength": 0.9}]}


def seqs(store: GraphStore, **options: Any) -> list[list[str]]:
    return [[n.id for n in p.nodes]
            for p in influence_paths(store, "t", as_of=options.pop("as_of", AS_OF), **options)]


def test_every_write_statement_bumps_the_generation(store: GraphStore) -> None:
    start = graph_generation(store)
    assert start[0] is not None and isinstance(start[1], int)  # clear_graph bumped it
    ingest = sorted(name for name, s in load_catalog().items()
                    if s.writes and s.path.name == "ingest.cypher")
    for number, name in enumerate(ingest, start=1):
        store.run(statement(name), {"rows": []})  # even a write of nothing counts
        assert graph_generation(store) == (start[0], start[1] + number), name
    store.run(statement("clear_graph"))
    assert graph_generation(store) == (start[0], start[1] + len(ingest) + 1)


def test_an_import_is_seen_by_the_next_question(store: GraphStore) -> None:
    load(store, **GRAPH)
    assert seqs(store) == [["s1", "a", "t"]]
    loads = projection_of(store).loads
    import_document(store, MORE)
    assert seqs(store) == [["s2", "b", "t"], ["s1", "a", "t"]]
    assert projection_of(store).loads == loads + 1
    # the same graph on another day: a new day view, not another read of the graph
    assert seqs(store, as_of=dt.date(2025, 1, 1)) == [["s2", "b", "t"], ["s1", "a", "t"]]
    assert [i.contact.id for i in influenced_by(store, "b", as_of=AS_OF)] == ["t"]
    assert projection_of(store).loads == loads + 1


def test_relgraph_import_is_seen_by_the_next_question(store: GraphStore, tmp_path: Path,
                                                     engine_settings: Settings) -> None:
    load(store, **GRAPH)
    assert seqs(store, from_ids=["s2"]) == []
    source = tmp_path / "more.json"
    source.write_text(json.dumps(MORE), encoding="utf-8")
    # The CLI opens its own store: only the generation in the graph tells this one.
    result = CliRunner().invoke(cli, ["import", str(source)],
                                env=engine_settings.engine_environment())
    assert result.exit_code == 0, result.stderr
    assert seqs(store, from_ids=["s2"]) == [["s2", "b", "t"]]


def test_derived_knows_follow_the_day_asked(store: GraphStore) -> None:
    load(store, **GRAPH, interactions=[
        {"id": "i1", "type": "formal_visit", "date": "2026-10-22", "account": "acc-1",
         "staff": ["s2"], "contacts": ["a"]}])
    now = influence_paths(store, "t", from_ids=["s2"], as_of=AS_OF)
    assert [[n.id for n in p.nodes] for p in now] == [["s2", "a", "t"]]
    assert now[0].links[0].source == "derived"
    before = influence_paths(store, "t", from_ids=["s2"], as_of=dt.date(2026, 10, 21))
    assert before == []  # the day before the visit they had not met
    later = influence_paths(store, "t", from_ids=["s2"], as_of=dt.date(2027, 10, 22))
    assert later[0].strength < now[0].strength  # a year on, the same visit counts less


def test_a_load_that_outlasts_the_askers_budget_is_finished_and_kept(
        store: GraphStore) -> None:
    """After a write, the links are read again; on a graph slower than an API request's budget
    the request is told the answer is still being computed, the load goes on without the
    deadline, and the next question is answered from it (then one statement)."""
    import time

    import pytest

    from relgraph.api.context import BudgetedStore
    from relgraph.errors import StillComputing

    load(store, **GRAPH)
    slow = Slowed(store, 0.1)  # a load is about six statements: 0.6 s, six times the budget
    with pytest.raises(StillComputing, match="still being computed"):
        seqs(BudgetedStore(slow, time.monotonic() + 0.1, 0.1))
    assert seqs(BudgetedStore(slow, time.monotonic() + 60, 60)) == [["s1", "a", "t"]]
    before, loads = store.statements_run, projection_of(slow).loads
    assert seqs(BudgetedStore(slow, time.monotonic() + 0.5, 0.5)) == [["s1", "a", "t"]]
    assert store.statements_run == before + 1 and projection_of(slow).loads == loads
    import_document(store, MORE)  # through the store itself: another process, say
    with pytest.raises(StillComputing):
        seqs(BudgetedStore(slow, time.monotonic() + 0.1, 0.1))
    assert seqs(BudgetedStore(slow, time.monotonic() + 60, 60)) == [
        ["s2", "b", "t"], ["s1", "a", "t"]]


def test_a_contact_written_after_the_kept_projection_is_found_by_the_next_question(
        store: GraphStore) -> None:
    # The question is answered from the kept projection while the generation is read: an
    # answer (or a "not found") from a stale projection must never be the one given.
    load(store, **GRAPH)
    assert seqs(store) == [["s1", "a", "t"]]
    import_document(store, {"format": "relgraph/1",
                            "contacts": [{"id": "new", "account": "acc-1", "name": "New"}],
                            "knows": [{"staff": "s2", "contact": "new", "strength": 0.7}]})
    found = influence_paths(store, "new", as_of=AS_OF)
    assert [[n.id for n in p.nodes] for p in found] == [["s2", "new"]]
    # and a link removed from the kept projection's graph is gone from the next answer
    store.run(statement("clear_graph"))
    load(store, **{**GRAPH, "knows": [], "influences": []})
    assert seqs(store) == []


def test_a_read_sent_ahead_gives_the_rows_of_run_and_leaves_the_store_usable(
        store: GraphStore) -> None:
    load(store, **GRAPH)
    ids = statement("intel_account_ids")
    with sent_ahead(store, ids) as rows:
        assert rows() == store.run(ids) == [{"id": "acc-1"}]
        assert rows() == [{"id": "acc-1"}]  # asked twice: read once
    now = graph_generation(store)
    for _ in range(20):  # replies never asked for, and failures inside the block: the next
        with sent_ahead(store, ids):  # statement reads its own reply, not one left behind
            pass
        assert graph_generation(store) == now
        with pytest.raises(ZeroDivisionError), sent_ahead(store, ids):
            _ = 1 / 0
        assert graph_generation(store) == now
    assert store.run(ids) == [{"id": "acc-1"}]
    with sent_ahead(store, ids) as rows:
        assert rows() == [{"id": "acc-1"}]
