"""A third-party GraphQL client (`gql`) against a real server: uvicorn on 127.0.0.1 and a free
port, stopped at the end. It introspects the schema, validates the contract's queries against
it locally, and runs them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport

from relgraph.api.app import create_app
from relgraph.api.auth import create_key
from relgraph.config import Settings
from relgraph.store import GraphStore

CONTRACT_QUERIES = {
    "account": ('query($id: ID!) { account(id: $id) { id name tier } }', {"id": "acc-n"}),
    "accounts": ("query($tier: Tier, $first: Int, $after: String) { accounts(tier: $tier, "
                 "first: $first, after: $after) { totalCount edges { cursor node { id } } "
                 "pageInfo { hasNextPage endCursor } } }", {"tier": "S", "first": 10}),
    "contact": ('query($id: ID!) { contact(id: $id) { id name title } }', {"id": "c-cto"}),
    "staffMember": ('query($id: ID!) { staffMember(id: $id) { id name } }', {"id": "s-am"}),
    "influencePaths": (
        "query($target: ID!, $from: [ID!], $maxHops: Int = 4, $limit: Int = 5) { "
        "influencePaths(target: $target, from: $from, maxHops: $maxHops, limit: $limit) { "
        "strength hops nodes { id name side } links { type from to strength } } }",
        {"target": "c-cto", "from": ["s-am"]}),
    "coaches": ("query($accountId: ID!, $opportunityId: ID) { coaches(accountId: $accountId, "
                "opportunityId: $opportunityId) { contact { id name } reachesDecisionMaker } }",
                {"accountId": "acc-n"}),
    "coverageGaps": ("query($accountId: ID, $kinds: [GapKind!], $asOf: Date) { coverageGaps("
                     "accountId: $accountId, kinds: $kinds, asOf: $asOf) { kind severity "
                     "subjectId subjectName accountId message suggestion } }",
                     {"accountId": "acc-n", "kinds": ["OPPOSED_DECISION_MAKER"],
                      "asOf": "2026-11-01"}),
    "powerMap": ('query($accountId: ID!) { powerMap(accountId: $accountId) { accountId '
                 "contacts { id attitude } links { type from to } } }", {"accountId": "acc-n"}),
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture()
def server(graph: GraphStore) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(Settings(), graph), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    try:
        yield url
    finally:
        running.should_exit = True
        thread.join(timeout=10)


def test_gql_introspects_and_runs_the_contract_queries(server: str, graph: GraphStore) -> None:
    _, secret = create_key(graph, "reader")
    transport = HTTPXTransport(url=f"{server}/graphql",
                               headers={"Authorization": f"Bearer {secret}"})
    client = Client(transport=transport, fetch_schema_from_transport=True)
    with client as session:
        assert client.schema is not None
        query_type = client.schema.query_type
        assert query_type is not None
        for name in CONTRACT_QUERIES:
            assert name in query_type.fields, name
        gap_kind = client.schema.get_type("GapKind")
        assert sorted(gap_kind.values) == sorted([  # type: ignore[union-attr]
            "OWNER_MISSING_A", "OWNER_MISSING_B", "OWNER_MISSING_C", "OWNER_DUPLICATE",
            "OWNER_INACTIVE", "OWNER_OVERLOADED", "SPONSOR_MISSING", "SPONSOR_RANK_MISMATCH",
            "TRIANGLE_ROLE_MISSING", "DECISION_CHAIN_UNKNOWN", "NO_COACH",
            "OPPOSED_DECISION_MAKER", "COMPETITOR_CAPTURED", "STALE_CONTACT", "DARK_ORG_UNIT",
            "SINGLE_THREADED", "PLAN_MISSING", "PLAN_REVIEW_OVERDUE", "PLAN_OFF_TRACK",
            "PLAN_SPONSOR_MISSING", "COMMITMENT_OVERDUE", "ORG_ACTION_MISSING",
            "DEPARTMENT_OBSTRUCTS", "ASSESSMENT_OUTDATED", "RETIER_OVERDUE"])
        assert sorted(client.schema.get_type("Severity").values) == [  # type: ignore[union-attr]
            "HIGH", "LOW", "MEDIUM"]
        results = {name: session.execute(GraphQLRequest(query, variable_values=variables))
                   for name, (query, variables) in CONTRACT_QUERIES.items()}
    assert results["account"] == {"account": {"id": "acc-n", "name": "Northwind Telecom",
                                              "tier": "S"}}
    assert [e["node"]["id"] for e in results["accounts"]["accounts"]["edges"]] == ["acc-n"]
    assert results["contact"]["contact"]["title"] == "CTO"
    assert results["staffMember"] == {"staffMember": {"id": "s-am", "name": "Li Wei"}}
    assert [p["strength"] for p in results["influencePaths"]["influencePaths"]] == [
        0.45, 0.36, 0.1125]
    assert results["coaches"] == {"coaches": [
        {"contact": {"id": "c-cto", "name": "Ana Ruiz"}, "reachesDecisionMaker": True}]}
    assert [(g["kind"], g["subjectId"]) for g in results["coverageGaps"]["coverageGaps"]] == [
        ("OPPOSED_DECISION_MAKER", "c-ceo")]
    assert results["powerMap"]["powerMap"]["accountId"] == "acc-n"
