"""Influence paths are never stale: a write through the API is seen by the very next paths
question, in the same process and in another API process on the same graph."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.api.conftest import Api

from relgraph.config import Settings
from relgraph.intel.projection import projection_of
from relgraph.store import GraphStore

PATHS = '{ influencePaths(target: "c-cto", limit: 10) { strength nodes { id } } }'
KNOWS = ('mutation { upsertKnows(input: {staff: "s-fm", contact: "c-cto", strength: 1.0}) '
         '{ records } }')
LEAVES = ('mutation { upsertContact(input: {id: "c-eng", account: "acc-n", name: "Eve Eng", '
          'orgUnit: "ou-n-net", rank: C, active: false}) { id } }')


def people(paths: list[dict[str, Any]]) -> list[list[str]]:
    return [[n["id"] for n in p["nodes"]] for p in paths]


def test_a_mutation_is_seen_by_the_next_paths_query(api: Api) -> None:
    before = people(api.data(PATHS)["influencePaths"])
    assert ["s-sm", "c-eng", "c-cto"] in before and ["s-fm", "c-cto"] not in before
    loads = projection_of(api.store).loads
    api.data(KNOWS)
    after = api.data(PATHS)["influencePaths"]
    assert after[0] == {"strength": 1.0, "nodes": [{"id": "s-fm"}, {"id": "c-cto"}]}
    assert people(after)[1:] == before
    assert projection_of(api.store).loads == loads + 1  # read again once, for the write
    api.data(LEAVES)  # a contact who left is never a hop again
    assert not any("c-eng" in path for path in people(api.data(PATHS)["influencePaths"]))
    # an unchanged graph is not read again
    loads = projection_of(api.store).loads
    assert people(api.data(PATHS)["influencePaths"]) == people(after)[:1] + [
        p for p in people(after)[1:] if "c-eng" not in p]
    assert projection_of(api.store).loads == loads


# --- two API processes on one graph --------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """`relgraph serve` in a subprocess on 127.0.0.1 (development flag: no API keys)."""

    def __init__(self, settings: Settings) -> None:
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
        env.update(settings.engine_environment())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "relgraph", "serve", "--port", str(self.port),
             "--dev-no-auth"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)

    def wait_ready(self) -> None:
        for _ in range(300):
            if self.process.poll() is not None:
                pytest.fail(f"relgraph serve exited: {self.process.stderr.read()}")  # type: ignore[union-attr]
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        pytest.fail("relgraph serve did not answer within 30 s")

    def data(self, query: str) -> dict[str, Any]:
        body = httpx.post(f"http://127.0.0.1:{self.port}/graphql", json={"query": query},
                          timeout=60).json()
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture()
def two_servers(graph: GraphStore, engine_settings: Settings) -> Iterator[tuple[Server, Server]]:
    servers = (Server(engine_settings), Server(engine_settings))
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_write_through_one_api_process_is_seen_by_another(
    two_servers: tuple[Server, Server],
) -> None:
    writer, reader = two_servers
    before = people(reader.data(PATHS)["influencePaths"])  # the reader's projection is built
    assert people(writer.data(PATHS)["influencePaths"]) == before
    assert ["s-fm", "c-cto"] not in before
    writer.data(KNOWS)
    after = reader.data(PATHS)["influencePaths"]
    assert after[0] == {"strength": 1.0, "nodes": [{"id": "s-fm"}, {"id": "c-cto"}]}
    assert people(after)[1:] == before
    writer.data(LEAVES)
    assert not any("c-eng" in path for path in people(reader.data(PATHS)["influencePaths"]))
