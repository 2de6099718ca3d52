"""Fixtures shared by the suite: engines (embedded always, Neo4j where Docker answers), stores."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.store import EmbeddedEngine, GraphStore, open_store

ENGINES = ["falkordb", "neo4j"]
CLEAR_GRAPH = statement("clear_graph")


def _docker_unavailable() -> str | None:
    """Why the Neo4j leg cannot run here, or None when a Docker engine answers."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as exc:  # any failure means: no usable Docker engine
        return f"no Docker engine answers ({type(exc).__name__}), so no Neo4j 5 container"
    return None


@pytest.fixture(scope="session")
def falkordb_settings() -> Iterator[Settings]:
    """An ephemeral embedded engine in a temporary folder, stopped at the end of the session."""
    folder = Path(tempfile.mkdtemp(prefix="relgraph-test-"))
    config = Settings(data_dir=folder, _env_file=None)  # type: ignore[call-arg]
    engine = EmbeddedEngine(config)
    engine.start()
    try:
        yield config
    finally:
        engine.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Neo4j 5 in a container (testcontainers); skips with the reason where Docker is absent."""
    reason = _docker_unavailable()
    if reason:
        pytest.skip(f"Neo4j leg skipped: {reason}")
    from testcontainers.neo4j import Neo4jContainer

    with Neo4jContainer("neo4j:5") as container:
        yield Settings(
            neo4j_uri=container.get_connection_url(), neo4j_user="neo4j",
            neo4j_password=container.password,  # type: ignore[arg-type]
        )


@pytest.fixture(scope="session", params=ENGINES)
def engine_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings of each engine in turn: engine tests run once per engine."""
    config: Settings = request.getfixturevalue(f"{request.param}_settings")
    return config


@pytest.fixture(scope="session")
def _session_stores(engine_settings: Settings) -> Iterator[GraphStore]:
    graph = open_store(engine_settings)
    yield graph
    graph.close()


@pytest.fixture()
def store(_session_stores: GraphStore) -> GraphStore:
    """An empty graph on the engine under test (cleared before each test)."""
    _session_stores.run(CLEAR_GRAPH)
    return _session_stores


@pytest.fixture()
def embedded_settings(tmp_path: Path) -> Iterator[Settings]:
    """Settings for a private embedded engine of one test (lifecycle tests); stopped after it."""
    # Unix socket paths are limited to ~100 bytes: keep the folder short.
    folder = Path(tempfile.mkdtemp(prefix="rg-"))
    config = Settings(data_dir=folder)
    try:
        yield config
    finally:
        EmbeddedEngine(config).stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _isolated_environment() -> Iterator[None]:
    """Tests never touch the user's own data folder or a configured Neo4j."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("RELGRAPH_")}
    for key in saved:
        del os.environ[key]
    os.environ["RELGRAPH_DATA_DIR"] = tempfile.mkdtemp(prefix="rg-home-")
    yield
    for key in [k for k in os.environ if k.startswith("RELGRAPH_")]:
        del os.environ[key]
    os.environ.update(saved)


# --- every statement in cypher/ must run on an engine somewhere in the suite -----------------
# The store adapters are wrapped to record which named statements ran in this process; at the
# end of a full run (no selection), a statement that never ran fails the session. Statements
# run only by subprocesses (CLI tests) must also be exercised in-process by some test.
_RAN: set[str] = set()


def _record(cls: type) -> None:
    original = cls.run

    def run(self: object, statement: object, params: object = None) -> object:
        _RAN.add(statement.name)  # type: ignore[attr-defined]
        return original(self, statement, params)

    cls.run = run  # type: ignore[method-assign]


def _wrap_adapters() -> None:
    from relgraph.store.falkordb import FalkorStore
    from relgraph.store.neo4j import Neo4jStore

    _record(FalkorStore)
    _record(Neo4jStore)


_wrap_adapters()


def _is_full_run(config: pytest.Config) -> bool:
    args = [Path(a).resolve() for a in config.args]
    tests_dir = Path(__file__).resolve().parent
    return (args in ([], [tests_dir]) and not config.getoption("keyword")
            and not config.getoption("markexpr") and not config.getoption("lf", default=False))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus != 0 or not _is_full_run(session.config):
        return
    from relgraph.cypher import load_catalog

    never = sorted(set(load_catalog()) - _RAN)
    if never:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_line(
                "FAILED: statements in cypher/ that no test ran on an engine: " + ", ".join(never),
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Skips grouped by reason: one line says why the Neo4j leg (or the browser) did not run."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    if reasons:
        terminalreporter.section("skipped, by reason", sep="-")
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{count:5d}  {reason}")
