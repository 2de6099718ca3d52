"""The production engine for real: scripts/neo4j-local, and the CLI and `relgraph serve` on Neo4j
giving the same answers as on the embedded engine."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from tests.conftest import NEO4J_LOCAL

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.store import open_store

CLEAR_GRAPH = statement("clear_graph")
EXPORT_LINE = re.compile(
    r"^export RELGRAPH_NEO4J_URI=bolt://127\.0\.0\.1:(\d+) RELGRAPH_NEO4J_USER=neo4j "
    r"RELGRAPH_NEO4J_PASSWORD=(\S{16,})$")
AS_OF = "2026-11-01"

DOC: dict[str, Any] = {
    "format": "relgraph/1",
    "accounts": [{"id": "acc-1", "name": "Northwind Telecom", "tier": "S",
                  "partnership": "strategic_partner"}],
    "orgUnits": [{"id": "u1", "account": "acc-1", "name": "Technology"}],
    "staff": [{"id": "s1", "name": "Li Wei", "rank": "B", "role": "account_manager"},
              {"id": "s2", "name": "Bo Chen", "rank": "A", "role": "executive"}],
    "contacts": [
        {"id": "cto", "account": "acc-1", "orgUnit": "u1", "name": "Ana Ruiz", "rank": "A"},
        {"id": "arch", "account": "acc-1", "orgUnit": "u1", "name": "Wu Fang", "rank": "C"},
        {"id": "eng", "account": "acc-1", "orgUnit": "u1", "name": "Eve Eng", "rank": "C"}],
    "reportingLines": [{"person": "arch", "manager": "cto", "since": "2024-01-01"}],
    "knows": [{"staff": "s1", "contact": "arch", "strength": 0.8},
              {"staff": "s2", "contact": "eng"}],
    "influences": [{"from": "arch", "to": "cto", "strength": 0.5, "kind": "mentor"},
                   {"from": "eng", "to": "cto", "strength": 0.9}],
    "owners": [{"staff": "s1", "contact": "cto", "role": "A"}],
    "opportunities": [{"id": "o1", "account": "acc-1", "name": "Core 2027",
                       "stage": "opportunity", "value": 1.5e6, "closeDate": "2027-03-31"}],
    "decisionChain": [{"opportunity": "o1", "contact": "cto", "role": "decision_maker"}],
    "interactions": [{"id": "i1", "type": "formal_visit", "date": "2026-09-01",
                      "account": "acc-1", "staff": ["s2"], "contacts": ["cto", "eng"]}],
    "assessments": [{"contact": "arch", "date": "2026-06-01", "attitude": 3},
                    {"contact": "cto", "date": "2026-06-01", "acceptance": 2, "guidance": 1}],
}


def relgraph(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `relgraph` command in a subprocess, pointed at one engine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
    env.update(settings.engine_environment())
    return subprocess.run([sys.executable, "-m", "relgraph", *args], env=env,
                          capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture()
def both(falkordb_settings: Settings, neo4j_settings: Settings) -> Iterator[list[Settings]]:
    """The embedded engine and Neo4j, both emptied."""
    engines = [falkordb_settings, neo4j_settings]
    for config in engines:
        graph = open_store(config)
        graph.run(CLEAR_GRAPH)
        graph.close()
    yield engines


def test_the_cli_answers_the_same_on_neo4j_as_embedded(both: list[Settings],
                                                       tmp_path: Path) -> None:
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(DOC), encoding="utf-8")
    answers: list[dict[str, Any]] = []
    for config in both:
        imported = relgraph(config, "import", str(source))
        assert imported.returncode == 0, imported.stderr
        assert "imported" in imported.stdout
        out: dict[str, Any] = {}
        for name, args in {
            "gaps": ["gaps", "--account", "acc-1", "--as-of", AS_OF],
            "paths": ["paths", "--to", "cto", "--as-of", AS_OF],
            "coaches": ["coaches", "--account", "acc-1", "--as-of", AS_OF],
        }.items():
            run = relgraph(config, *args, "--format", "json")
            assert run.returncode == 0, (config.engine, name, run.stderr)
            out[name] = json.loads(run.stdout)
        exported = relgraph(config, "export", str(tmp_path / f"{config.engine}.json"))
        assert exported.returncode == 0, exported.stderr
        out["export"] = json.loads((tmp_path / f"{config.engine}.json").read_text())
        answers.append(out)
    embedded, neo4j = answers
    assert neo4j == embedded
    # What they agree on is the answer a strategist needs, not an empty list.
    assert embedded["paths"][0]["nodes"][0]["id"] == "s2"  # Bo Chen knows Eve, who sways Ana
    assert [n["id"] for n in embedded["paths"][0]["nodes"]] == ["s2", "eng", "cto"]
    assert {"OWNER_MISSING_B", "NO_COACH"} <= {g["kind"] for g in embedded["gaps"]}
    assert embedded["export"]["opportunities"][0]["value"] == 1.5e6


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_relgraph_serve_answers_on_neo4j(both: list[Settings], tmp_path: Path) -> None:
    _, neo4j = both
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(DOC), encoding="utf-8")
    assert relgraph(neo4j, "import", str(source)).returncode == 0
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
    env.update(neo4j.engine_environment())
    server = subprocess.Popen(
        [sys.executable, "-m", "relgraph", "serve", "--port", str(port), "--dev-no-auth"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        health = None
        for _ in range(200):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None and health.json()["engine"] == "neo4j"
        assert health.json()["version"].startswith("Neo4j 5.26")
        query = ('{ influencePaths(target: "cto") { strength nodes { id } } '
                 'coverageGaps(accountId: "acc-1", kinds: [OWNER_MISSING_B]) { subjectId } }')
        body = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": query},
                          timeout=30).json()
        assert "errors" not in body, body
        assert [n["id"] for n in body["data"]["influencePaths"][0]["nodes"]] == \
            ["s2", "eng", "cto"]
        assert body["data"]["coverageGaps"] == [{"subjectId": "cto"}]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_wrong_neo4j_password_is_one_line(neo4j_settings: Settings) -> None:
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    run = relgraph(wrong, "gaps", "--account", "acc-1")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("relgraph: cannot reach Neo4j at bolt://127.0.0.1:")
    assert "auth" in lines[0].lower()


def gone(pid: int) -> bool:
    """No such process, or only its zombie (an orphan whose exit nobody collected yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def listening_addresses(port: int) -> set[str]:
    """The addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                continue
            # IPv4 (or IPv4-mapped IPv6): the last 8 hex digits, little-endian bytes.
            found.add(".".join(str(int(address[-8:][i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


@pytest.mark.skipif(shutil.which("java") is None or shutil.which("mvn") is None,
                    reason="scripts/neo4j-local needs Java and Maven")
def test_neo4j_local_start_status_stop() -> None:
    folder = Path(tempfile.mkdtemp(prefix="rg-n4j-"))
    script = [sys.executable, str(NEO4J_LOCAL)]
    small = ["--heap", "256m", "--pagecache", "32m"]
    try:
        first = subprocess.run([*script, "start", str(folder), *small], capture_output=True,
                               text=True, check=False, timeout=240)
        assert first.returncode == 0, first.stderr
        line = first.stdout.strip().splitlines()[-1]
        match = EXPORT_LINE.match(line)
        assert match, line
        assert (folder / "conf" / "neo4j.conf").is_file() and (folder / "data").is_dir()
        assert oct((folder / "credentials.json").stat().st_mode & 0o777) == "0o600"
        again = subprocess.run([*script, "start", str(folder), *small], capture_output=True,
                               text=True, check=False, timeout=60)
        assert again.returncode == 0
        assert again.stdout.startswith("already running")
        assert again.stdout.strip().splitlines()[-1] == line
        status = subprocess.run([*script, "status", str(folder)], capture_output=True,
                                text=True, check=False)
        assert status.returncode == 0 and status.stdout.startswith("running")
        # Loopback only: every socket listening on the port is bound to 127.0.0.1.
        assert listening_addresses(int(match.group(1))) == {"127.0.0.1"}
        pid = int((folder / "neo4j.pid").read_text())
        stopped = subprocess.run([*script, "stop", str(folder)], capture_output=True, text=True,
                                 check=False, timeout=120)
        assert stopped.stdout.strip() == "stopped"
        assert gone(pid)
        after = subprocess.run([*script, "status", str(folder)], capture_output=True,
                               text=True, check=False)
        assert after.returncode == 3 and after.stdout.startswith("stopped")
    finally:
        subprocess.run([*script, "stop", str(folder)], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_neo4j_local_says_in_one_line_when_java_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    run = subprocess.run([sys.executable, str(NEO4J_LOCAL), "start", str(tmp_path / "srv")],
                         env={"PATH": str(empty)}, capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "neo4j-local: Java is missing: install OpenJDK 17 or newer (e.g. `apt-get install "
        "openjdk-17-jre-headless`)"]
