"""The embedded engine's lifecycle through the real `relgraph` command: persistence, crash
recovery (also on a restart slow enough that any query timeout would fire), idempotent start,
stale-state cleanup, owner-only files, and a one-line error for an unreachable Neo4j."""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relgraph.config import Settings
from relgraph.cypher import Statement, statement
from relgraph.errors import QueryFailed
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.export import export_document
from relgraph.ingest.importer import import_document, write_unchecked
from relgraph.model import Account
from relgraph.store import EmbeddedEngine, open_store
from relgraph.store.falkordb import FalkorStore

NAMES = statement("account_names")
COUNTS = statement("graph_counts")


def relgraph(settings: Settings, *args: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
    environment["RELGRAPH_DATA_DIR"] = str(settings.data_dir)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "relgraph", *args], env=environment,
                          capture_output=True, text=True, timeout=120)


def account_names(settings: Settings) -> list[str]:
    store = open_store(settings)
    try:
        return [r["name"] for r in store.run(NAMES)]
    finally:
        store.close()


def write_accounts(settings: Settings, names: list[str]) -> None:
    store = open_store(settings)
    try:
        write_unchecked(store, {"accounts": [
            Account(id=f"acc-{i}", name=n, tier="S") for i, n in enumerate(names)  # type: ignore[arg-type]
        ]})
    finally:
        store.close()


def test_data_survives_stop_and_start(embedded_settings: Settings) -> None:
    assert relgraph(embedded_settings, "db", "start").returncode == 0
    write_accounts(embedded_settings, ["Northwind Telecom", "Contoso Energy"])
    stopped = relgraph(embedded_settings, "db", "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert relgraph(embedded_settings, "db", "status").stdout.startswith("state:    stopped")
    assert relgraph(embedded_settings, "db", "start").returncode == 0
    assert account_names(embedded_settings) == ["Contoso Energy", "Northwind Telecom"]


def kill_9(engine: EmbeddedEngine) -> None:
    """SIGKILL the engine and wait until it is gone."""
    pid = engine.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while engine.pid() is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.pid() is None


def test_kill_9_loses_nothing_acknowledged(embedded_settings: Settings) -> None:
    engine = EmbeddedEngine(embedded_settings)
    engine.start()
    write_accounts(embedded_settings, [f"Account {i:03d}" for i in range(200)])
    kill_9(engine)
    # The crash left its pid file and socket behind; start detects and cleans them up.
    assert (embedded_settings.data_dir / "relgraph.pid").exists()
    started = relgraph(embedded_settings, "db", "start")
    assert started.returncode == 0, started.stderr
    assert "did not stop cleanly" in started.stderr
    assert account_names(embedded_settings) == [f"Account {i:03d}" for i in range(200)]


def test_second_start_is_harmless(embedded_settings: Settings) -> None:
    first = relgraph(embedded_settings, "db", "start")
    second = relgraph(embedded_settings, "db", "start")
    assert first.returncode == 0 and second.returncode == 0
    assert "already running" in second.stdout
    pid = EmbeddedEngine(embedded_settings).pid()
    assert f"pid {pid}" in second.stdout  # the same process, not a second server


def test_status_shows_pid_socket_size_and_version(embedded_settings: Settings) -> None:
    relgraph(embedded_settings, "db", "start")
    out = relgraph(embedded_settings, "db", "status").stdout
    pid = EmbeddedEngine(embedded_settings).pid()
    assert f"pid:      {pid}" in out
    assert f"socket:   {embedded_settings.socket_path}" in out
    assert "FalkorDB 4." in out and "Redis" in out
    assert "KiB" in out or "MiB" in out


def test_stale_pid_file_of_another_process_is_not_trusted(embedded_settings: Settings) -> None:
    embedded_settings.data_dir.mkdir(parents=True, exist_ok=True)
    # Our own pid: alive, but not a redis-server serving this socket.
    (embedded_settings.data_dir / "relgraph.pid").write_text(str(os.getpid()))
    assert EmbeddedEngine(embedded_settings).pid() is None
    started = relgraph(embedded_settings, "db", "start")
    assert started.returncode == 0, started.stderr
    assert EmbeddedEngine(embedded_settings).is_running()


def test_commands_that_need_the_engine_start_it_and_say_so(embedded_settings: Settings) -> None:
    applied = relgraph(embedded_settings, "schema", "apply")
    assert applied.returncode == 0, applied.stderr
    assert applied.stderr.count("\n") == 1 and "started the embedded engine" in applied.stderr
    assert "applied" in applied.stdout


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"])
def test_unreachable_neo4j_is_one_line_not_a_traceback(embedded_settings: Settings, uri: str
                                                       ) -> None:
    failed = relgraph(embedded_settings, "schema", "apply", env={"RELGRAPH_NEO4J_URI": uri})
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"relgraph: cannot reach Neo4j at {uri}")
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr


def test_db_commands_refuse_when_neo4j_is_configured(embedded_settings: Settings) -> None:
    failed = relgraph(embedded_settings, "db", "start",
                      env={"RELGRAPH_NEO4J_URI": "bolt://127.0.0.1:1"})
    assert failed.returncode == 1 and "Neo4j is the engine" in failed.stderr


def _readable_by_others(folder: Path) -> list[str]:
    """Folders and files under `folder` (itself included) that others may read (not sockets)."""
    loose = []
    for path in (folder, *folder.rglob("*")):
        mode = path.lstat().st_mode
        if (stat.S_ISDIR(mode) or stat.S_ISREG(mode)) and mode & 0o077:
            loose.append(f"{path.relative_to(folder)} {stat.filemode(mode)}")
    return loose


def test_the_data_folder_and_its_files_are_the_owners_only(embedded_settings: Settings) -> None:
    folder = embedded_settings.data_dir
    # A folder as an older relgraph left it: readable by every local user.
    folder.chmod(0o755)
    (folder / "engine.log").write_text("an old log\n", encoding="utf-8")
    (folder / "engine.log").chmod(0o644)
    started = relgraph(embedded_settings, "db", "start")
    assert started.returncode == 0, started.stderr
    assert started.stderr.splitlines()[0] == (
        f"relgraph: restricted {folder} to its owner (2 of its files and folders were "
        "readable by other users)")
    write_accounts(embedded_settings, ["Northwind Telecom"])  # the append-only file grows
    assert relgraph(embedded_settings, "db", "stop").returncode == 0
    again = relgraph(embedded_settings, "db", "start")
    assert "restricted" not in again.stderr  # nothing to tighten: all was created owner-only
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in (folder / "appendonlydir").iterdir())  # the files exist
    assert _readable_by_others(folder) == []


# --- recovery on a slowed restart; reads keep their own timeout ----------------------------

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
