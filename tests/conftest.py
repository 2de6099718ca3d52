"""Fixtures shared by the suite: engines (embedded always; a real Neo4j 5 from an existing server,
scripts/neo4j-local or Docker), stores."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
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


REPO = Path(__file__).resolve().parents[1]
NEO4J_LOCAL = REPO / "scripts" / "neo4j-local"
# Read before `_isolated_environment` clears every RELGRAPH_* variable of the session.
_EXISTING_NEO4J = {key: os.environ.get(f"RELGRAPH_TEST_NEO4J_{key}")
                   for key in ("URI", "USER", "PASSWORD", "DATABASE")}


def _docker_unavailable() -> str | None:
    """Why no Neo4j container can run here, or None when a Docker engine answers."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as exc:  # any failure means: no usable Docker engine
        return f"no Docker engine answers ({type(exc).__name__})"
    return None


def _local_unavailable() -> str | None:
    """Why scripts/neo4j-local cannot run here, or None when Java and Maven are on PATH."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not installed" if missing else None


def _exports(line: str) -> dict[str, str]:
    """The variables of neo4j-local's last line `export A=1 B=2 ...`."""
    words = line.split()
    assert words and words[0] == "export", f"unexpected last line of neo4j-local: {line!r}"
    return dict(word.split("=", 1) for word in words[1:])


@contextlib.contextmanager
def _local_neo4j() -> Iterator[Settings]:
    """A real Neo4j 5 from Maven Central (scripts/neo4j-local), stopped when the session ends."""
    folder = Path(tempfile.mkdtemp(prefix="rg-neo4j-"))
    started = subprocess.run([sys.executable, str(NEO4J_LOCAL), "start", str(folder)],
                             capture_output=True, text=True, check=False)
    try:
        if started.returncode != 0:
            pytest.fail(f"scripts/neo4j-local could not start Neo4j: {started.stderr.strip()}")
        env = _exports(started.stdout.strip().splitlines()[-1])
        yield Settings(neo4j_uri=env["RELGRAPH_NEO4J_URI"], neo4j_user=env["RELGRAPH_NEO4J_USER"],
                       neo4j_password=env["RELGRAPH_NEO4J_PASSWORD"])  # type: ignore[arg-type]
    finally:
        subprocess.run([sys.executable, str(NEO4J_LOCAL), "stop", str(folder)],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


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
    """A real Neo4j 5, the first of: an existing server (RELGRAPH_TEST_NEO4J_URI, _USER,
    _PASSWORD, _DATABASE), the local server of scripts/neo4j-local (Java and Maven), a
    testcontainers `neo4j:5` (Docker); skipped with the reasons only when none is possible."""
    if _EXISTING_NEO4J["URI"]:
        yield Settings(neo4j_uri=_EXISTING_NEO4J["URI"],
                       neo4j_user=_EXISTING_NEO4J["USER"] or "neo4j",
                       neo4j_password=_EXISTING_NEO4J["PASSWORD"] or "",  # type: ignore[arg-type]
                       neo4j_database=_EXISTING_NEO4J["DATABASE"] or None)
        return
    local = _local_unavailable()
    if local is None:
        with _local_neo4j() as config:
            yield config
        return
    docker = _docker_unavailable()
    if docker is not None:
        pytest.skip(f"Neo4j leg skipped: no RELGRAPH_TEST_NEO4J_URI, {local} for "
                    f"scripts/neo4j-local, and {docker} for a neo4j:5 container")
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


@pytest.fixture(autouse=True)
def _no_background_work_left() -> Iterator[None]:
    """After each test, the kept answers and projection loads it left finishing in the
    background are waited for: their statements would count in the next test's."""
    yield
    from tests.support import finish_background

    finish_background()


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


# --- every statement in cypher/ must run on each engine somewhere in the suite -------------
# The store adapters are wrapped to record which named statements ran on which engine in this
# process; at the end of a full run (no selection), a statement that never ran on an engine the
# session used fails the session. Statements run only by subprocesses (CLI tests) must also be
# exercised in-process by some test.
_RAN: dict[str, set[str]] = {}


def _record(cls: type) -> None:
    original = cls.run

    def run(self: Any, statement: Any, params: object = None) -> object:
        _RAN.setdefault(self.engine, set()).add(statement.name)
        return original(self, statement, params)

    cls.run = run  # type: ignore[method-assign]
    each = getattr(cls, "run_each", None)
    if each is None:
        return

    def run_each(self: Any, statement: Any, batches: object) -> Iterator[object]:
        for rows in each(self, statement, batches):  # recorded once it has run
            _RAN.setdefault(self.engine, set()).add(statement.name)
            yield rows

    cls.run_each = run_each


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

    catalog = set(load_catalog())
    never = {engine: sorted(catalog - ran) for engine, ran in sorted(_RAN.items())}
    if any(never.values()):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            for engine, names in never.items():
                if names:
                    reporter.write_line(f"FAILED: statements in cypher/ that no test ran on "
                                        f"{engine}: " + ", ".join(names), red=True)
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
