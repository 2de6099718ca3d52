"""With the embedded engine stopped under a running API, every request gets SERVICE_UNAVAILABLE
in `extensions.code` and a message without the engine's socket path or any other detail (before:
the key lookup's error, socket path included, and no code); /healthz says unavailable."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator

import pytest
from tests.api.conftest import codes

from relgraph.api.app import create_app
from relgraph.api.auth import create_key
from relgraph.config import Settings
from relgraph.store import EmbeddedEngine, GraphStore, open_store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

REQUESTS = [
    "{ accounts { totalCount nodes { id } } }",
    '{ coverageGaps(accountId: "acc-1") { kind } }',
    '{ powerMap(accountId: "acc-1") { accountId } }',
    'mutation { upsertAccount(input: {id: "acc-2", name: "New", tier: A}) { id } }',
]


@pytest.fixture()
def stopped(embedded_settings: Settings) -> Iterator[tuple[Settings, GraphStore, str]]:
    """A store opened on a private engine, an admin key, then the engine stopped."""
    store = open_store(embedded_settings)
    _, secret = create_key(store, "admin")
    EmbeddedEngine(embedded_settings).stop()
    yield embedded_settings, store, secret
    store.close()


@pytest.mark.parametrize("dev_no_auth", [False, True])
def test_every_request_is_service_unavailable_without_details(
    stopped: tuple[Settings, GraphStore, str], dev_no_auth: bool,
) -> None:
    settings, store, secret = stopped
    app = create_app(settings.model_copy(update={"dev_no_auth": dev_no_auth}), store)
    with TestClient(app) as client:
        for query in REQUESTS if dev_no_auth else ["{ viewer { role } }", *REQUESTS]:
            body = client.post("/graphql", json={"query": query},
                               headers={"Authorization": f"Bearer {secret}"}).json()
            text = json.dumps(body)
            assert codes(body) == ["SERVICE_UNAVAILABLE"], (query, body)
            assert body["errors"][0]["message"] == (
                "The graph engine is unavailable; try again later.")
            assert str(settings.data_dir) not in text and "sock" not in text, text
        health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "engine": "falkordb", "reachable": False}
