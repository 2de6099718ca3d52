"""A bounded concurrent load on a real `relgraph serve` on 127.0.0.1 over the API fixture graph:
16 clients for a few seconds (6 s on the embedded engine, 3 s on Neo4j: the suite runs both)
mixing influence paths, coverage gaps of one account and of all, BI pages of accounts with
figures, and writes. Every answer must be the one the same request gets alone; no request may
fail. The latencies (p50 / p95) are printed, not asserted.

The writes leave the answers of the reads alone: interactions recorded after the reads' `asOf`
and upserts of a contact with its stored values, so any difference is the server's fault.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from tests.api.conftest import AS_OF, DOC

from relgraph.api.auth import create_key
from relgraph.config import Settings
from relgraph.store import GraphStore

CLIENTS = 16
SECONDS = {"falkordb": 6.0, "neo4j": 3.0}
FIGURES = ("keyContacts ownerCoverage supportiveShare cadenceAdherence health staleContacts "
           "gapsHigh gapsMedium gapsLow openPipelineValue")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def relgraph_serve(settings: Settings) -> Iterator[str]:
    """`relgraph serve` in a process of its own on a free loopback port, stopped on exit."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")}
    env.update(settings.engine_environment())
    process = subprocess.Popen(
        [sys.executable, "-m", "relgraph", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"relgraph serve exited: {process.stderr.read()}")  # type: ignore[union-attr]
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("relgraph serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Tally:
    """What the clients saw: latency of every request by kind, and every failure."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if failure is not None:
                self.failures.append(failure)


def _requests() -> list[tuple[str, str, dict[str, Any]]]:
    """The reads of the mix: (kind, query, variables)."""
    day = AS_OF.isoformat()
    accounts = [a["id"] for a in DOC["accounts"]]
    targets = ["c-cto", "c-dir", "c-ceo", "c-bcio"]
    reads: list[tuple[str, str, dict[str, Any]]] = [
        ("paths", "query($t: ID!, $d: Date) { influencePaths(target: $t, asOf: $d) { strength "
                  "hops nodes { id side } links { type from to strength } } }",
         {"t": t, "d": day}) for t in targets]
    reads += [("gaps", "query($a: ID, $d: Date) { coverageGaps(accountId: $a, asOf: $d) { kind "
                       "severity subjectId accountId suggestion } }", {"a": a, "d": day})
              for a in [*accounts, None]]
    reads.append(("bi", f"query($d: Date) {{ accounts(first: 100) {{ totalCount nodes {{ id name "
                        f"tier figures(asOf: $d) {{ {FIGURES} }} }} }} }}", {"d": day}))
    return reads


def _post(client: httpx.Client, query: str, variables: dict[str, Any]) -> tuple[Any, str | None]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    if response.status_code != 200:
        return None, f"HTTP {response.status_code}: {response.text[:200]}"
    body = response.json()
    if body.get("errors"):
        return None, json.dumps(body["errors"])[:300]
    return body["data"], None


def test_concurrent_load_answers_like_single_requests(
    graph: GraphStore, engine_settings: Settings,
) -> None:
    store = graph
    _, secret = create_key(store, "editor")
    headers = {"Authorization": f"Bearer {secret}"}
    reads = _requests()
    contact = next(c for c in DOC["contacts"] if c["id"] == "c-dir")
    upsert = ("mutation($c: ContactInput!) { upsertContact(input: $c) { id name rank "
              "accountId } }", {"c": contact})
    record = ("mutation($x: InteractionInput!) { recordInteraction(input: $x) { id type date "
              "layer accountId } }")
    seconds = SECONDS[store.engine]
    tally = Tally()
    with relgraph_serve(engine_settings) as url:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as alone:
            expected = []
            for kind, query, variables in reads:
                answer, failure = _post(alone, query, variables)
                assert failure is None, (kind, failure)
                expected.append(answer)
            upserted, failure = _post(alone, *upsert)
            assert failure is None, failure
        assert expected[-1]["accounts"]["totalCount"] == 3

        def client(number: int) -> None:
            with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
                stop = time.monotonic() + seconds
                step = 0
                while time.monotonic() < stop:
                    step += 1
                    choice = (number + step) % (len(reads) + 2)
                    started = time.monotonic()
                    if choice < len(reads):
                        kind, query, variables = reads[choice]
                        answer, failure = _post(http, query, variables)
                        want = expected[choice]
                    elif choice == len(reads):
                        kind, (query, variables) = "write", upsert
                        answer, failure = _post(http, query, variables)
                        want = upserted
                    else:
                        kind = "write"
                        interaction = {"id": f"i-load-{number}-{step}", "type": "CALL",
                                       "date": "2026-12-01", "account": contact["account"],
                                       "contacts": [contact["id"]]}
                        answer, failure = _post(http, record, {"x": interaction})
                        want = {"recordInteraction": {
                            "id": interaction["id"], "type": "CALL", "date": "2026-12-01",
                            "layer": "GENERAL", "accountId": contact["account"]}}
                    if failure is None and answer != want:
                        failure = f"{kind}: an answer differs from the single request's"
                    tally.add(kind, time.monotonic() - started, failure)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    every = sorted(t for ts in tally.latencies.values() for t in ts)
    total = len(every)

    def ms(values: list[float], q: float) -> float:
        return 1000 * statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] \
            if len(values) > 1 else 1000 * values[0]

    print(f"\nload on {store.engine}: {CLIENTS} clients x {seconds:g} s, {total} requests, "
          f"{len(tally.failures)} errors; p50 {ms(every, 50):.0f} ms, p95 {ms(every, 95):.0f} ms")
    for kind, values in sorted(tally.latencies.items()):
        print(f"  {kind:6} {len(values):5} requests  p50 {ms(values, 50):6.0f} ms  "
              f"p95 {ms(values, 95):6.0f} ms")
    assert tally.failures == [], tally.failures[:5]
    assert total >= CLIENTS  # every client was answered at least once
    assert set(tally.latencies) == {"paths", "gaps", "bi", "write"}
