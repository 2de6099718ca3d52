"""Recovery of the embedded engine: every acknowledged write survives `kill -9` and a restart
on a machine slow enough that any query timeout would fire; reads keep their own timeout."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from relgraph.config import Settings
from relgraph.cypher import Statement, statement
from relgraph.errors import QueryFailed
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.export import export_document
from relgraph.ingest.importer import import_document
from relgraph.store import EmbeddedEngine, open_store
from relgraph.store.falkordb import FalkorStore

COUNTS = statement("graph_counts")


def kill_9(engine: EmbeddedEngine) -> None:
    pid = engine.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while engine.pid() is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.pid() is None


def test_every_acknowledged_write_survives_kill_9_and_a_slow_restart(
        embedded_settings: Settings) -> None:
    engine = EmbeddedEngine(embedded_settings)
    engine.start()
    store = open_store(embedded_settings)
    try:
        # Many write statements of a few hundred rows each, as an import of a portfolio does.
        import_document(store, generate_portfolio(accounts=5, as_of=dt.date(2026, 11, 1)),
                        batch_size=300)
        written, counts = export_document(store), store.run(COUNTS)
    finally:
        store.close()
    assert counts[0]["nodes"] > 5_000
    kill_9(engine)

    # Restarted with a 1 ms query timeout: an engine-wide timeout would cut off every write
    # it replays from the append-only file (FalkorDB 4.16 applied TIMEOUT_DEFAULT to them).
    slow = embedded_settings.model_copy(update={"query_timeout_ms": 1})
    EmbeddedEngine(slow).start()
    store = open_store(embedded_settings)  # read back with an ordinary timeout
    try:
        assert store.run(COUNTS) == counts
        assert export_document(store) == written
    finally:
        store.close()
    assert "timed out" not in engine.log_file.read_text(errors="replace")


def test_reads_still_time_out_on_their_own(embedded_settings: Settings) -> None:
    EmbeddedEngine(embedded_settings).start()
    store = FalkorStore(embedded_settings.socket_path, embedded_settings.graph_name,
                        timeout_ms=1)
    # Not a catalog statement: a read that surely takes longer than 1 ms.
    slow = Statement(name="slow_read", doc="", path=Path(__file__), line=0, params=(),
                     text="UNWIND range(1, 5000000) AS x WITH x WHERE x % 7 = 8 "
                          "RETURN count(x) AS n")
    try:
        with pytest.raises(QueryFailed, match="Query timed out"):
            store.run(slow)
    finally:
        store.close()
