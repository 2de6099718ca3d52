"""Reads begun beside the caller's own (relgraph.store.base.read_ahead): in parallel on Neo4j,
never on FalkorDB (whose 4.x server can crash under queries on several connections at once)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from relgraph.errors import EngineUnavailable
from relgraph.store.base import parallel_reads, read_ahead


@dataclass
class Engine:
    """What read_ahead looks at: the engine's name (a real store's `engine`)."""

    engine: str


def _thread_of_read() -> threading.Thread:
    return threading.current_thread()


def test_on_falkordb_a_read_begun_ahead_runs_in_the_callers_thread() -> None:
    store = Engine("falkordb")
    assert not parallel_reads(store)  # type: ignore[arg-type]
    assert read_ahead(store, _thread_of_read).result() is threading.current_thread()  # type: ignore[arg-type]


def test_on_neo4j_a_read_begun_ahead_runs_beside_the_caller() -> None:
    store = Engine("neo4j")
    release = threading.Event()

    def waits() -> str:
        # Only returns once the caller has gone on: it really runs beside the caller.
        assert release.wait(5)
        return threading.current_thread().name

    begun = read_ahead(store, waits)  # type: ignore[arg-type]
    assert not begun.done()
    release.set()
    assert begun.result(5).startswith("relgraph-read-ahead")


@pytest.mark.parametrize("engine", ["falkordb", "neo4j"])
def test_a_failed_read_begun_ahead_fails_where_its_result_is_asked(engine: str) -> None:
    def fails() -> None:
        raise EngineUnavailable("lost the engine")

    begun = read_ahead(Engine(engine), fails)  # type: ignore[arg-type]
    with pytest.raises(EngineUnavailable, match="lost the engine"):
        begun.result(5)
