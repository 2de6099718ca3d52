"""The HTTP edge, against a real uvicorn server on 127.0.0.1: security headers on every page
(GraphiQL included), chunked bodies counted against the body limit, a busy server answering at
once instead of queueing, a body that never arrives stopped by the time budget, and /healthz
answering while a hostile document is processed."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from tests.api.conftest import codes
from tests.e2e.e2e_support import serve

from relgraph.api.app import create_app
from relgraph.api.edge import PAGE_POLICY
from relgraph.api.limits import Limits
from relgraph.config import Settings
from relgraph.store import GraphStore

QUERY = json.dumps({"query": "{ viewer { role } }"}).encode()


def fragment_bomb(levels: int) -> str:
    """`fragment Li on Query { ...L(i-1) ...L(i-1) }`: 2^levels spreads in ~40 bytes a level."""
    parts = [f"query Q {{ ...L{levels} }}", "fragment L0 on Query { viewer { role } }"]
    parts += [f"fragment L{i} on Query {{ ...L{i - 1} ...L{i - 1} }}" for i in range(1, levels + 1)]
    return "\n".join(parts)


@pytest.fixture()
def server(store: GraphStore) -> Iterator[str]:
    with serve(create_app(Settings(dev_no_auth=True), store)) as url:
        yield url


def _policy(response: httpx.Response) -> dict[str, str]:
    text = response.headers["content-security-policy"]
    return {d.split()[0]: d.partition(" ")[2] for d in (p.strip() for p in text.split(";")) if d}


def test_every_page_has_a_policy_that_forbids_framing(server: str) -> None:
    graphiql = httpx.get(f"{server}/graphql", headers={"accept": "text/html"})
    assert graphiql.status_code == 200 and "graphiql" in graphiql.text.lower()
    policy = _policy(graphiql)
    assert policy["frame-ancestors"] == "'none'"
    # GraphiQL's scripts and styles come from this server only (the package ships them), no
    # inline script: it works offline and nothing injected into the page runs.
    assert graphiql.headers["content-security-policy"] == PAGE_POLICY
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    for path in ("/healthz", "/map/", "/map/acc-1", "/nowhere"):
        response = httpx.get(f"{server}{path}")
        assert _policy(response)["frame-ancestors"] == "'none'", path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
    answer = httpx.post(f"{server}/graphql", content=QUERY,
                        headers={"content-type": "application/json"})
    assert answer.json() == {"data": {"viewer": {"role": "admin"}}}
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert _policy(answer)["default-src"] == "'none'"


def test_a_chunked_body_counts_against_the_body_limit(store: GraphStore) -> None:
    app = create_app(Settings(dev_no_auth=True), store, Limits(max_body_bytes=1000))
    body = json.dumps({"query": "{ viewer { role } }", "variables": {"pad": "x" * 5000}})

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body arrives in chunks
        for start in range(0, len(body), 256):
            yield body[start:start + 256].encode()

    with serve(app) as url:
        refused = httpx.post(f"{url}/graphql", content=chunks(),
                             headers={"content-type": "application/json"})
        assert "content-length" not in refused.request.headers
        assert refused.request.headers["transfer-encoding"] == "chunked"
        assert refused.status_code == 413
        assert codes(refused.json()) == ["BAD_USER_INPUT"]
        assert "above 1000 bytes" in refused.json()["errors"][0]["message"]
        small = httpx.post(f"{url}/graphql", content=iter([QUERY[:10], QUERY[10:]]),
                           headers={"content-type": "application/json"})
        assert small.json() == {"data": {"viewer": {"role": "admin"}}}


class _SlowClient:
    """A raw HTTP/1.1 request whose chunked body is sent when the test says so."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: relgraph\r\n"
                          b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                          + f"{5:x}\r\n".encode() + QUERY[:5] + b"\r\n")

    def finish(self) -> None:
        rest = QUERY[5:]
        self.sock.sendall(f"{len(rest):x}\r\n".encode() + rest + b"\r\n0\r\n\r\n")

    def answer(self) -> tuple[int, dict[str, Any]]:
        data = b""
        while b"\r\n\r\n" not in data:
            data += self.sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        length = int(headers["content-length"])
        while len(body) < length:
            body += self.sock.recv(65536)
        self.sock.close()
        return int(lines[0].split()[1]), json.loads(body)


def test_a_busy_server_answers_at_once_instead_of_queueing(store: GraphStore) -> None:
    app = create_app(Settings(dev_no_auth=True), store, Limits(max_concurrent=1))
    with serve(app) as url:
        holder = _SlowClient(url)  # holds the only place until its body is complete
        for _ in range(100):
            busy = httpx.post(f"{url}/graphql", content=QUERY,
                              headers={"content-type": "application/json"})
            if busy.status_code == 503:
                break
            threading.Event().wait(0.05)  # the held request is not counted yet
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert codes(busy.json()) == ["SERVER_BUSY"]
        assert busy.json()["errors"][0]["message"] == (
            "the server is answering 1 requests already (its maximum); try again in a moment")
        assert httpx.get(f"{url}/healthz").status_code == 200  # not a GraphQL request
        holder.finish()
        assert holder.answer() == (200, {"data": {"viewer": {"role": "admin"}}})
        again = httpx.post(f"{url}/graphql", content=QUERY,
                           headers={"content-type": "application/json"})
        assert again.json() == {"data": {"viewer": {"role": "admin"}}}


def test_a_body_that_never_arrives_is_stopped_by_the_time_budget(store: GraphStore) -> None:
    app = create_app(Settings(dev_no_auth=True), store, Limits(time_budget_s=1))
    with serve(app) as url:
        status, body = _SlowClient(url).answer()  # never finished
        assert status == 408
        assert codes(body) == ["REQUEST_TIMEOUT"]
        assert body["errors"][0]["message"] == "the request body did not arrive within 1 s"


def test_health_answers_while_a_fragment_bomb_is_rejected(store: GraphStore) -> None:
    """24 levels of `...L(i-1) ...L(i-1)` (990 bytes, no API key): 2^24 spreads, which the cost
    walk used to expand one by one on the event loop, /healthz silent for tens of minutes.
    Measured once per fragment now: rejected at once, before the key lookup, the engine
    untouched, and /healthz answers meanwhile (a slow walk would time these calls out)."""
    bomb = fragment_bomb(24)
    assert len(bomb.encode()) < 1000
    answers: dict[str, httpx.Response] = {}
    with serve(create_app(Settings(), store)) as url:
        sending = threading.Thread(target=lambda: answers.update(bomb=httpx.post(
            f"{url}/graphql", json={"query": bomb}, timeout=20)))
        before = store.statements_run
        sending.start()
        health = httpx.get(f"{url}/healthz", timeout=10)
        sending.join(timeout=30)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        rejected = answers["bomb"].json()
        assert codes(rejected) == ["GRAPHQL_VALIDATION_FAILED"]
        assert rejected["errors"][0]["extensions"]["cost"] > Limits().max_cost
        assert store.statements_run == before  # not even the API key was looked up
        # Nested spreads as deep as the limit allows are as quick to refuse.
        deepest = httpx.post(f"{url}/graphql", json={"query": fragment_bomb(99)}, timeout=20)
        assert codes(deepest.json()) == ["GRAPHQL_VALIDATION_FAILED"]
        too_deep = httpx.post(f"{url}/graphql", json={"query": fragment_bomb(120)}, timeout=20)
        assert too_deep.json()["errors"][0]["message"] == (
            "fragments are spread more than 100 deep inside each other")
