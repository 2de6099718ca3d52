"""Every command with the engine down, unreachable or silent: one line on stderr, no traceback."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.store import EmbeddedEngine, embedded

# Every command that needs the engine, with arguments that are fine otherwise.
COMMANDS: dict[str, list[str]] = {
    "analytics": ["--account", "acc-1"], "coaches": ["--account", "acc-1"],
    "db start": [], "db status": [], "db stop": [], "demo": ["--accounts", "1"],
    "export": ["{tmp}/out.json"], "gaps": [], "health": [], "import": ["{tmp}/doc.json"],
    "influence": ["--from", "c-1"], "keys create": ["--role", "reader"], "keys list": [],
    "keys revoke": ["key-1"], "paths": ["--to", "c-1"], "powermap": ["--account", "acc-1"],
    "review": ["--account", "acc-1", "--since", "2026-01-01", "--until", "2026-06-30"],
    "schema apply": [], "scores": ["--account", "acc-1"], "serve": ["--port", "8765"],
    "org-relationship": ["--account", "acc-1"], "departments": ["--account", "acc-1"],
    "portfolio": [], "plans": [],
}
NO_ENGINE = {"schema dataset", "schema graphql"}  # they print what the code holds


def _leaves(group: click.Group, prefix: str = "") -> Iterator[str]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _leaves(command, f"{prefix}{name} ")
        else:
            yield prefix + name


def invoke(command: str, tmp_path: Path, env: dict[str, str]) -> Result:
    (tmp_path / "doc.json").write_text(json.dumps({"format": "relgraph/1"}), encoding="utf-8")
    args = [*command.split(), *(a.format(tmp=tmp_path) for a in COMMANDS[command])]
    return CliRunner().invoke(cli, args, env=env)


def assert_one_line(result: Result, starts: str) -> None:
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(starts), result.stderr
    assert "Traceback" not in result.output


def test_every_command_that_needs_the_engine_is_listed() -> None:
    assert set(_leaves(cli)) == set(COMMANDS) | NO_ENGINE


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unreachable_neo4j(command: str, tmp_path: Path) -> None:
    result = invoke(command, tmp_path, {"RELGRAPH_NEO4J_URI": "bolt://127.0.0.1:1"})
    if command.startswith("db "):
        assert_one_line(result, "relgraph: RELGRAPH_NEO4J_URI is set (bolt://127.0.0.1:1): "
                                "Neo4j is the engine")
    else:
        assert_one_line(result, "relgraph: cannot reach Neo4j at bolt://127.0.0.1:1: ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_embedded_engine_that_cannot_start(command: str, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    result = invoke(command, tmp_path, {"RELGRAPH_DATA_DIR": str(not_a_folder)})
    if command == "db status":
        assert result.exit_code == 0 and result.stdout.startswith("state:    stopped")
    elif command == "db stop":
        assert result.exit_code == 0 and result.stdout == "not running\n"
    else:
        assert_one_line(result, f"relgraph: {not_a_folder} is not a folder; the embedded "
                                "engine keeps its data in a folder (RELGRAPH_DATA_DIR)")


@pytest.fixture()
def silent_engine(embedded_settings: Settings) -> Iterator[tuple[Settings, int]]:
    """A running embedded engine that answers nothing (SIGSTOP), resumed at the end."""
    engine = EmbeddedEngine(embedded_settings)
    engine.start()
    pid = engine.pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        yield embedded_settings, pid
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.mark.parametrize("command", ["db start", "gaps", "import"])
def test_engine_that_does_not_answer(silent_engine: tuple[Settings, int], command: str,
                                     tmp_path: Path) -> None:
    settings, pid = silent_engine
    result = invoke(command, tmp_path, {"RELGRAPH_DATA_DIR": str(settings.data_dir)})
    assert_one_line(result, f"relgraph: the embedded engine (pid {pid}) does not answer "
                            "(Timeout reading from socket); it may be busy")
    assert EmbeddedEngine(settings).pid() == pid  # no second engine on the same folder


def test_status_of_an_engine_that_does_not_answer(silent_engine: tuple[Settings, int],
                                                  tmp_path: Path) -> None:
    settings, pid = silent_engine
    result = invoke("db status", tmp_path, {"RELGRAPH_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["state:    not answering", f"pid:      {pid}"]


def test_stop_of_a_busy_engine_falls_back_to_sigterm(silent_engine: tuple[Settings, int],
                                                     tmp_path: Path) -> None:
    settings, pid = silent_engine
    # SHUTDOWN gets no answer within its 5 s; the SIGTERM sent then waits for the engine
    # to run again, as a busy engine eventually does.
    resume = threading.Timer(7, os.kill, (pid, signal.SIGCONT))
    resume.start()
    try:
        result = invoke("db stop", tmp_path, {"RELGRAPH_DATA_DIR": str(settings.data_dir)})
    finally:
        resume.cancel()
    assert (result.exit_code, result.stdout, result.stderr) == (0, "stopped\n", "")
    assert EmbeddedEngine(settings).pid() is None


def test_stop_of_an_engine_that_stays_stuck_is_one_line(
        silent_engine: tuple[Settings, int], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings, pid = silent_engine
    monkeypatch.setattr(embedded, "_STOP_S", 2.0)  # how long stop waits after its SIGTERM
    result = invoke("db stop", tmp_path, {"RELGRAPH_DATA_DIR": str(settings.data_dir)})
    assert_one_line(result, f"relgraph: the embedded engine (pid {pid}) is busy and did not "
                            "stop within 2 s; try again later")
