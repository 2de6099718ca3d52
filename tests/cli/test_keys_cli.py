"""`relgraph keys create|list|revoke` as an administrator runs them, checked against the API."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from relgraph.api.app import create_app
from relgraph.api.auth import delete_keys, list_keys
from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.store import GraphStore

with warnings.catch_warnings():  # starlette 1.x asks for `httpx2`; httpx works the same here
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient


@pytest.fixture()
def run(store: GraphStore, engine_settings: Settings) -> Iterator[Any]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=engine_settings.engine_environment())
    before = {k.id for k in list_keys(store)}
    yield invoke
    delete_keys(store, {k.id for k in list_keys(store)} - before)  # keys survive clear_graph


def viewer(store: GraphStore, secret: str) -> dict[str, Any]:
    with TestClient(create_app(Settings(), store)) as client:
        response = client.post("/graphql", json={"query": "{ viewer { keyId role accounts "
                                                          "sensitive } }"},
                               headers={"Authorization": f"Bearer {secret}"})
    body: dict[str, Any] = response.json()
    return body


def test_create_prints_the_secret_alone_on_the_last_line(run: Any, store: GraphStore) -> None:
    result = run("keys", "create", "--role", "reader", "--account", "acc-1", "--account",
                 "acc-2", "--sensitive")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    secret = lines[-1]
    assert secret.startswith("rg_") and " " not in secret and len(secret) > 40
    key_id = lines[0].split()[3].rstrip(":")
    assert viewer(store, secret)["data"]["viewer"] == {
        "keyId": key_id, "role": "reader", "accounts": ["acc-1", "acc-2"], "sensitive": True}
    listed = run("keys", "list")
    assert listed.exit_code == 0
    row = next(line.split() for line in listed.stdout.splitlines() if line.startswith(key_id))
    assert row[:4] == [key_id, "reader", "acc-1,acc-2", "yes"] and row[-1] == "-"
    assert secret not in listed.stdout


def test_revoke_ends_the_key_at_once(run: Any, store: GraphStore) -> None:
    created = run("keys", "create", "--role", "editor")
    assert created.exit_code == 0
    secret = created.stdout.splitlines()[-1]
    key_id = created.stdout.splitlines()[0].split()[3].rstrip(":")
    assert viewer(store, secret)["data"]["viewer"]["role"] == "editor"
    revoked = run("keys", "revoke", key_id)
    assert revoked.exit_code == 0, revoked.stderr
    assert revoked.stdout.startswith(f"revoked API key {key_id}")
    body = viewer(store, secret)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    listed = run("keys", "list").stdout
    row = next(line.split() for line in listed.splitlines() if line.startswith(key_id))
    assert row[-1] != "-"


def test_mistakes_fail_with_one_line(run: Any) -> None:
    unknown = run("keys", "revoke", "key-nope")
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().splitlines() == ["relgraph: API key 'key-nope' not found"]
    scoped_admin = run("keys", "create", "--role", "admin", "--account", "acc-1")
    assert scoped_admin.exit_code == 1
    assert "admin" in scoped_admin.stderr and len(scoped_admin.stderr.strip().splitlines()) == 1
    # an account id is taken as the import takes it: never trimmed into another id
    spaced = run("keys", "create", "--role", "reader", "--account", "acc-1 ")
    assert spaced.exit_code == 1 and "accounts[0]" in spaced.stderr, spaced.stderr
    assert "space" in spaced.stderr and "Traceback" not in spaced.stderr
    assert "acc-1 " not in run("keys", "list").stdout
    bad_role = run("keys", "create", "--role", "owner")
    assert bad_role.exit_code == 2
