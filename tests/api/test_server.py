"""The server's shape: the development flag only on loopback, health, the printed SDL."""

from __future__ import annotations

import subprocess
import sys
import warnings
from typing import Any

import pytest
from click.testing import CliRunner
from tests.api.conftest import codes

from relgraph.api.app import create_app, is_loopback
from relgraph.api.sdl import document, sdl_path
from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.errors import RelgraphError
from relgraph.store import GraphStore

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.10", False),
    ("example.com", False),
])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_no_keys_only_on_loopback(store: GraphStore) -> None:
    with pytest.raises(RelgraphError, match="only allowed on a loopback address"):
        create_app(Settings(dev_no_auth=True, host="0.0.0.0"), store)
    with TestClient(create_app(Settings(dev_no_auth=True), store)) as client:
        body = client.post("/graphql", json={"query": "{ viewer { role sensitive } }"}).json()
    assert body == {"data": {"viewer": {"role": "admin", "sensitive": True}}}


def test_serve_refuses_no_keys_off_loopback_before_starting() -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--dev-no-auth"])
    assert result.exit_code == 1
    assert result.stderr.startswith("relgraph: refusing to serve without API keys on 0.0.0.0")
    env = CliRunner().invoke(cli, ["serve", "--host", "10.0.0.5"],
                             env={"RELGRAPH_DEV_NO_AUTH": "1"})
    assert env.exit_code == 1 and "loopback" in env.stderr


class _Unreachable:
    """A store whose engine does not answer (for the health check only)."""

    engine = "falkordb"
    statements_run = 0

    def version(self) -> str:
        raise ConnectionError("socket gone: /secret/path")

    def run(self, *_: Any) -> Any:
        raise ConnectionError("socket gone")

    def close(self) -> None:
        pass


def test_health_reports_an_unreachable_engine_without_details() -> None:
    with TestClient(create_app(Settings(), _Unreachable())) as client:  # type: ignore[arg-type]
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "engine": "falkordb", "reachable": False}


def test_an_oversized_body_is_refused(store: GraphStore) -> None:
    from relgraph.api.limits import Limits

    app = create_app(Settings(dev_no_auth=True), store, Limits(max_body_bytes=1000))
    with TestClient(app) as client:
        response = client.post("/graphql", json={"query": "{ viewer { role } }",
                                                  "variables": {"pad": "x" * 2000}})
    assert response.status_code == 413
    assert codes(response.json()) == ["BAD_USER_INPUT"]


def test_the_printed_sdl_is_current() -> None:
    assert sdl_path().read_text(encoding="utf-8") == document(), (
        "schema/schema.graphql drifted from the code: run `relgraph schema graphql`")
    check = subprocess.run([sys.executable, "-m", "relgraph.api.sdl", "--check"],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr


def test_the_sdl_has_the_contract_fields() -> None:
    text = document()
    for line in (
        "account(id: ID!): Account",
        "contact(id: ID!): Contact",
        "staffMember(id: ID!): StaffMember",
        "influencePaths(target: ID!, from: [ID!] = null, maxHops: Int = 4, limit: Int = 5",
        "coaches(accountId: ID!, opportunityId: ID = null",
        "coverageGaps(accountId: ID = null, kinds: [GapKind!] = null, asOf: Date = null)",
        "powerMap(accountId: ID!",
        "accounts(tier: Tier = null",
    ):
        assert line in text, line
    for block in ("enum Side {\n  OURS\n  THEIRS\n}",
                  "enum LinkType {\n  KNOWS\n  INFLUENCES\n  REPORTS_TO\n}",
                  "enum Severity {\n  HIGH\n  MEDIUM\n  LOW\n}"):
        assert block in text, block
