"""API fixtures: a small fixture graph on each engine, the ASGI app in-process, API keys.

The graph (written with tests.support.load: the import's write steps, no document checks):
- acc-n Northwind Telecom (S): c-ceo (S, opposed decision maker of o-core), c-cto (A, coach,
  evaluator), c-dir (B, influencer on o-core, decision maker of the won o-edge), c-eng (C);
  our s-am (AR), s-sm (SR), s-fm (FR), s-exec (executive, sponsor), s-gone (inactive B owner).
- acc-b Bluebird Bank (A): c-bcio (A, coach), c-bmgr (C); s-bank (AR), s-fm (FR, on both
  teams). c-bcio influences c-dir, attended i-1 of acc-n, and s-am knows c-bmgr: the
  cross-account links a key limited to acc-n must never show.
- acc-c Cobalt Retail (C): c-c1.
Interactions are in 2019-2020, outside the derived-KNOWS window, so paths are exact at any date.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette 1.x asks for `httpx2`; httpx works the same here
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from tests.support import load

from relgraph.api.app import create_app
from relgraph.api.auth import create_key, delete_keys, list_keys
from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)
COUNTS = statement("graph_counts")

DOC: dict[str, list[dict[str, Any]]] = {
    "accounts": [
        {"id": "acc-n", "name": "Northwind Telecom", "tier": "S",
         "partnership": "strategic_partner", "industry": "telecom", "region": "EU"},
        {"id": "acc-b", "name": "Bluebird Bank", "tier": "A", "partnership": "partner",
         "industry": "finance", "region": "APAC"},
        {"id": "acc-c", "name": "Cobalt Retail", "tier": "C", "partnership": "ordinary",
         "industry": "retail", "region": "EU"},
    ],
    "orgUnits": [
        {"id": "ou-n-tech", "account": "acc-n", "name": "Technology"},
        {"id": "ou-n-net", "account": "acc-n", "name": "Networks", "parent": "ou-n-tech"},
        {"id": "ou-b-it", "account": "acc-b", "name": "IT"},
    ],
    "staff": [
        {"id": "s-exec", "name": "Chen Exec", "title": "EVP", "rank": "S", "role": "executive"},
        {"id": "s-am", "name": "Li Wei", "title": "Account Director", "rank": "B",
         "role": "account_manager"},
        {"id": "s-sm", "name": "Maria Sol", "rank": "B", "role": "solution_manager"},
        {"id": "s-fm", "name": "Frank Ful", "rank": "C", "role": "fulfillment_manager"},
        {"id": "s-bank", "name": "Bo Banker", "rank": "B", "role": "account_manager"},
        {"id": "s-gone", "name": "Old Timer", "rank": "B", "role": "other", "active": False},
    ],
    "contacts": [
        {"id": "c-ceo", "account": "acc-n", "orgUnit": "ou-n-tech", "name": "Carl Ceo",
         "title": "CEO", "rank": "S"},
        {"id": "c-cto", "account": "acc-n", "orgUnit": "ou-n-tech", "name": "Ana Ruiz",
         "title": "CTO", "rank": "A", "key": True, "closeness": 2,
         "socialStyle": "analytical", "email": "ana@example.com"},
        {"id": "c-dir", "account": "acc-n", "orgUnit": "ou-n-net", "name": "Dan Ode",
         "title": "Director Networks", "rank": "B"},
        {"id": "c-eng", "account": "acc-n", "orgUnit": "ou-n-net", "name": "Eve Eng",
         "title": "Engineer", "rank": "C", "risingStar": True},
        {"id": "c-bcio", "account": "acc-b", "orgUnit": "ou-b-it", "name": "Bianca Cio",
         "title": "CIO", "rank": "A", "socialStyle": "expressive"},
        {"id": "c-bmgr", "account": "acc-b", "orgUnit": "ou-b-it", "name": "Ben Manager",
         "rank": "C"},
        {"id": "c-c1", "account": "acc-c", "name": "Cora Cobalt", "rank": "C"},
    ],
    "competitors": [{"id": "k-1", "name": "Rival Networks"}],
    "opportunities": [
        {"id": "o-core", "account": "acc-n", "name": "Core network 2027", "stage": "opportunity",
         "value": 1200000, "closeDate": "2027-03-31"},
        {"id": "o-edge", "account": "acc-n", "name": "Edge refresh", "stage": "won",
         "value": 300000},
        {"id": "o-bank", "account": "acc-b", "name": "Core banking", "stage": "lead",
         "value": 500000},
    ],
    "reportingLines": [
        {"person": "c-dir", "manager": "c-cto", "since": "2024-01-01"},
        {"person": "c-eng", "manager": "c-dir"},
        {"person": "c-cto", "manager": "c-ceo"},
        {"person": "c-bmgr", "manager": "c-bcio"},
    ],
    "influences": [
        {"from": "c-eng", "to": "c-cto", "strength": 0.8, "kind": "mentor"},
        {"from": "c-bcio", "to": "c-dir", "strength": 0.9, "kind": "ex-colleague"},
    ],
    "knows": [
        {"staff": "s-am", "contact": "c-dir", "strength": 0.9},
        {"staff": "s-sm", "contact": "c-eng", "strength": 0.6},
        {"staff": "s-exec", "contact": "c-ceo", "strength": 0.7},
        {"staff": "s-bank", "contact": "c-bcio", "strength": 0.7},
        {"staff": "s-am", "contact": "c-bmgr", "strength": 0.5},
    ],
    "owners": [
        {"staff": "s-am", "contact": "c-cto", "role": "A"},
        {"staff": "s-sm", "contact": "c-cto", "role": "B"},
        {"staff": "s-exec", "contact": "c-ceo", "role": "A"},
        {"staff": "s-gone", "contact": "c-ceo", "role": "B"},
        {"staff": "s-am", "contact": "c-dir", "role": "A"},
        {"staff": "s-bank", "contact": "c-bcio", "role": "A"},
    ],
    "sponsors": [{"staff": "s-exec", "contact": "c-ceo"}, {"staff": "s-exec", "account": "acc-n"}],
    "teams": [
        {"staff": "s-am", "account": "acc-n", "role": "AR"},
        {"staff": "s-sm", "account": "acc-n", "role": "SR"},
        {"staff": "s-fm", "account": "acc-n", "role": "FR"},
        {"staff": "s-bank", "account": "acc-b", "role": "AR"},
        {"staff": "s-fm", "account": "acc-b", "role": "FR"},
    ],
    "interactions": [
        {"id": "i-1", "type": "formal_visit", "date": "2019-05-01", "account": "acc-n",
         "staff": ["s-am"], "contacts": ["c-dir", "c-cto", "c-bcio"],
         "summary": "Network roadmap"},
        {"id": "i-2", "type": "summit", "date": "2019-09-10", "account": "acc-n",
         "opportunity": "o-core", "staff": ["s-exec"], "contacts": ["c-ceo"]},
        {"id": "i-3", "type": "call", "date": "2020-02-02", "account": "acc-b",
         "staff": ["s-bank"], "contacts": ["c-bcio"]},
    ],
    "assessments": [
        {"contact": "c-cto", "date": "2026-06-30", "assessedBy": "s-am", "acceptance": 3,
         "informationSharing": 3, "guidance": 3, "attitude": 3},
        {"contact": "c-dir", "date": "2026-06-30", "assessedBy": "s-am", "acceptance": 2,
         "participation": 2, "informationSharing": 2, "guidance": 2, "attitude": 2},
        {"contact": "c-eng", "date": "2026-05-01", "acceptance": 1, "participation": 2},
        {"contact": "c-ceo", "date": "2026-01-15", "attitude": -1},
        {"contact": "c-bcio", "date": "2025-03-01", "attitude": 1},
        {"contact": "c-bcio", "date": "2026-03-01", "attitude": 3},
    ],
    "supplies": [{"competitor": "k-1", "account": "acc-n", "position": "primary"}],
    "favors": [{"contact": "c-eng", "competitor": "k-1", "strength": 0.7}],
    "decisionChain": [
        {"opportunity": "o-core", "contact": "c-ceo", "role": "decision_maker"},
        {"opportunity": "o-core", "contact": "c-cto", "role": "evaluator"},
        {"opportunity": "o-core", "contact": "c-dir", "role": "influencer"},
        {"opportunity": "o-edge", "contact": "c-dir", "role": "decision_maker"},
        {"opportunity": "o-bank", "contact": "c-bcio", "role": "approver"},
    ],
    "opportunityTeam": [{"opportunity": "o-core", "staff": "s-am", "role": "AR"}],
}

# Everything of acc-b: a key limited to acc-n must never see any of these strings.
FOREIGN = ["acc-b", "Bluebird", "c-bcio", "Bianca", "c-bmgr", "Ben Manager", "s-bank",
           "Bo Banker", "o-bank", "Core banking", "i-3", "ou-b-it"]


def counts(store: GraphStore) -> dict[str, int]:
    return store.run(COUNTS)[0]


@dataclass
class Api:
    """The app in-process over the test's store, with a way to send GraphQL and count."""

    client: TestClient
    store: GraphStore
    keys: dict[str, str]

    def post(self, query: str, variables: dict[str, Any] | None = None,
             key: str | None = "admin", headers: dict[str, str] | None = None) -> dict[str, Any]:
        sent = dict(headers or {})
        if key is not None:
            sent["Authorization"] = f"Bearer {self.keys.get(key, key)}"
        response = self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                    headers=sent)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None,
             key: str | None = "admin") -> dict[str, Any]:
        body = self.post(query, variables, key)
        assert not body.get("errors"), json.dumps(body["errors"], indent=1)
        data: dict[str, Any] = body["data"]
        return data

    def statements(self, query: str, variables: dict[str, Any] | None = None,
                   key: str | None = "admin") -> tuple[int, dict[str, Any]]:
        """How many statements the request ran, and its body."""
        before = self.store.statements_run
        body = self.post(query, variables, key)
        return self.store.statements_run - before, body


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


KEY_SPECS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "admin": ("admin", (), True),
    "editor": ("editor", (), False),
    "sensitive-editor": ("editor", (), True),
    "reader": ("reader", (), False),
    "sensitive-reader": ("reader", (), True),
    "north": ("reader", ("acc-n",), False),
    "north-editor": ("editor", ("acc-n",), False),
}


@pytest.fixture()
def graph(store: GraphStore) -> GraphStore:
    load(store, DOC)
    return store


@pytest.fixture()
def api(graph: GraphStore) -> Iterator[Api]:
    keys = {name: create_key(graph, role, accounts, sensitive)[1]
            for name, (role, accounts, sensitive) in KEY_SPECS.items()}
    with TestClient(create_app(Settings(), graph)) as client:
        yield Api(client, graph, keys)


@pytest.fixture(autouse=True)
def _drop_new_keys(request: pytest.FixtureRequest) -> Iterator[None]:
    """API keys survive `clear_graph`: delete the ones a test created, once it is done."""
    if "store" not in request.fixturenames:
        yield
        return
    store: GraphStore = request.getfixturevalue("store")
    before = {k.id for k in list_keys(store)}
    yield
    delete_keys(store, {k.id for k in list_keys(store)} - before)
