"""An import killed midway (SIGKILL) is completed by importing the same document again."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.export import export_document
from relgraph.ingest.importer import import_document
from relgraph.store import GraphStore

CLEAR = statement("clear_graph")
COUNTS = statement("graph_counts")

# The child imports in small batches and reports each one; it naps after each report so that
# the parent's SIGKILL lands between two batches of a known array, not after the import ended.
CHILD = """
import json, sys, time
from relgraph.config import Settings
from relgraph.ingest.importer import import_document
from relgraph.store import open_store

doc = json.load(open(sys.argv[1], encoding="utf-8"))
store = open_store(Settings())

def progress(array, done, total):
    print(array, done, total, flush=True)
    time.sleep(0.01)

import_document(store, doc, progress=progress, batch_size=40)
print("finished", flush=True)
"""


def kill_midway(doc_path: Path, settings: Settings, kill_in: str) -> list[str]:
    """Run the child import and SIGKILL it once it is half-way through array `kill_in`."""
    env = {**os.environ, **settings.engine_environment()}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(doc_path)], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 60
    try:
        for line in child.stdout:
            seen.append(line.strip())
            array, done, total = [*line.split(), "0", "0"][:3]
            if array == kill_in and int(done) * 2 >= int(total):
                child.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "the child import did not get there in time"
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return seen


def test_killed_import_is_completed_by_importing_again(
    store: GraphStore, engine_settings: Settings, tmp_path: Path,
) -> None:
    doc = generate_portfolio(accounts=2, as_of=dt.date(2026, 11, 1))
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    # The graph a clean import gives.
    import_document(store, doc)
    clean, clean_counts = export_document(store), store.run(COUNTS)
    store.run(CLEAR)

    # Killed in the middle of the contacts: their nodes partly written, links not yet.
    seen = kill_midway(path, engine_settings, kill_in="contacts")
    assert "finished" not in seen
    partial = store.run(COUNTS)
    assert 0 < partial[0]["nodes"] < clean_counts[0]["nodes"]

    summary = import_document(store, doc)
    assert summary.arrays["contacts"].created < len(doc["contacts"])  # some were there already
    assert store.run(COUNTS) == clean_counts
    assert export_document(store) == clean
