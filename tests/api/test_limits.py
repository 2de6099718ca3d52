"""Abuse is refused before the database is touched; errors never show internals; a page of
accounts with figures and team costs the same number of statements whatever its size."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.api.conftest import AS_OF, Api, codes, counts, load

from relgraph import intel
from relgraph.errors import QueryFailed
from relgraph.store import GraphStore


def nested(depth: int) -> str:
    inner = "id"
    for level in range(depth):
        inner = (f"contacts {{ account {{ {inner} }} }}" if level % 2 == 0 else inner)
    return f'{{ account(id: "acc-n") {{ {inner} }} }}'


def test_a_deeply_nested_query_is_rejected_without_touching_the_database(api: Api) -> None:
    count, body = api.statements(nested(14))
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "depth" in body["errors"][0]["message"]
    assert count == 0


@pytest.mark.parametrize("query,variables", [
    ("{ accounts(first: 501) { nodes { id } } }", None),
    ("query($n: Int) { contacts(first: $n) { nodes { id } } }", {"n": 10_000}),
    ("{ staff(first: -1) { nodes { id } } }", None),
])
def test_an_oversized_page_is_rejected_without_touching_the_database(
    api: Api, query: str, variables: dict[str, Any] | None,
) -> None:
    count, body = api.statements(query, variables)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert "first" in body["errors"][0]["message"]
    assert count == 0


def test_an_expensive_query_is_rejected_without_touching_the_database(api: Api) -> None:
    query = """{ accounts(first: 500) { nodes { contacts { owners { staff {
      owns { contact { name } } } } } } } }"""
    count, body = api.statements(query)
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "cost" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["cost"] > body["errors"][0]["extensions"]["maxCost"]
    assert count == 0
    # Many analyses in one request add up too: 40 power maps (before: 15 s and 282 engine
    # commands on the demo portfolio, under the limit).
    aliases = " ".join(f'm{i}: powerMap(accountId: "acc-n") {{ accountId }}' for i in range(40))
    count, body = api.statements(f"{{ {aliases} }}")
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"] and count == 0
    assert "cost" in body["errors"][0]["message"]


def test_too_many_aliases_and_unknown_fields_are_rejected(api: Api) -> None:
    aliases = " ".join(f"a{i}: viewer {{ role }}" for i in range(60))
    count, body = api.statements(f"{{ {aliases} }}")
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"] and count == 0
    count, body = api.statements("{ accounts { nodes { secretField } } }")
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"] and count == 0
    count, body = api.statements("{ accounts { ")
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"] and count == 0


def test_a_bad_cursor_is_bad_user_input(api: Api) -> None:
    body = api.post('{ accounts(after: "not-a-cursor") { nodes { id } } }')
    assert codes(body) == ["BAD_USER_INPUT"]
    contacts = api.data("{ contacts(first: 1) { pageInfo { endCursor } } }")
    body = api.post("query($c: String) { accounts(after: $c) { nodes { id } } }",
                    {"c": contacts["contacts"]["pageInfo"]["endCursor"]})
    assert codes(body) == ["BAD_USER_INPUT"]  # a contacts cursor is not an accounts cursor


MALFORMED = [
    # (mutation, variables): each must change nothing and say BAD_USER_INPUT.
    ("mutation($c: ContactInput!) { upsertContact(input: $c) { id } }",
     {"c": {"id": "c-x", "account": "acc-nowhere", "name": "X", "closeness": 9}}),
    ("mutation($c: ContactInput!) { upsertContact(input: $c) { id } }",
     {"c": {"id": "c-x", "account": "acc-n", "name": "X", "rank": "Z"}}),
    ("mutation($c: ContactInput!) { upsertContact(input: $c) { id } }",
     {"c": {"id": "c-x", "account": "acc-n"}}),
    ("mutation($i: InfluenceInput!) { upsertInfluence(input: $i) { records } }",
     {"i": {"from": "c-eng", "to": "c-cto", "strength": 1.5}}),
    ("mutation($a: AssessmentInput!) { recordAssessment(input: $a) { id } }",
     {"a": {"contact": "c-cto", "date": "2026-10-01"}}),
    ("mutation($a: AssessmentInput!) { recordAssessment(input: $a) { id } }",
     {"a": {"contact": "c-cto", "date": "2026-13-45", "attitude": 2}}),
    ("mutation($a: AssessmentInput!) { recordAssessment(input: $a) { id } }",
     {"a": {"contact": "c-cto", "date": "2026-10-01", "attitude": 7}}),
    ("mutation($x: InteractionInput!) { recordInteraction(input: $x) { id } }",
     {"x": {"id": "i-x", "type": "CALL", "date": "2026-10-01", "account": "acc-n",
            "contacts": ["c-ghost"]}}),
    ('mutation { assignOwner(staffId: "s-ghost", contactId: "c-cto", role: A) { id } }', None),
    ('mutation { pairSponsor(staffId: "s-exec") { records } }', None),
    ('mutation { pairSponsor(staffId: "s-exec", contactId: "c-cto", accountId: "acc-n") '
     '{ records } }', None),
    ("mutation($d: JSON!) { importDocument(document: $d) { records } }", {"d": "not a document"}),
    ("mutation($d: JSON!) { importDocument(document: $d) { records } }",
     {"d": {"format": "relgraph/9", "accounts": [{"id": "a"}]}}),
]


@pytest.mark.parametrize("mutation,variables", MALFORMED)
def test_a_malformed_mutation_changes_nothing(
    api: Api, mutation: str, variables: dict[str, Any] | None,
) -> None:
    before = counts(api.store)
    body = api.post(mutation, variables, key="editor")
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert counts(api.store) == before


def test_a_rejected_document_lists_every_problem(api: Api) -> None:
    before = counts(api.store)
    document = {"format": "relgraph/1",
                "accounts": [{"id": "acc-new", "name": "New", "tier": "S"}],
                "contacts": [{"id": "c-1", "account": "acc-missing", "name": "A"},
                             {"id": "c-2", "account": "acc-new", "name": "B", "rank": "Z"}],
                "influences": [{"from": "c-1", "to": "c-2", "strength": 2}]}
    body = api.post("mutation($d: JSON!) { importDocument(document: $d) { records } }",
                    {"d": document}, key="editor")
    assert codes(body) == ["BAD_USER_INPUT"]
    problems = body["errors"][0]["extensions"]["problems"]
    assert len(problems) >= 3
    assert any(p.startswith("contacts[0].account") for p in problems)
    assert any(p.startswith("contacts[1].rank") for p in problems)
    assert any(p.startswith("influences[0].strength") for p in problems)
    assert counts(api.store) == before


def test_unexpected_errors_are_masked(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    def boom(*_: Any, **__: Any) -> Any:
        raise QueryFailed("intel_gaps", "MATCH (secret:Internal) failed at line 3")

    monkeypatch.setattr(intel, "coverage_gaps", boom)
    body = api.post("{ coverageGaps { kind } }")
    assert codes(body) == ["INTERNAL_SERVER_ERROR"]
    text = json.dumps(body)
    assert "MATCH" not in text and "secret" not in text and "Traceback" not in text
    assert "intel_gaps" in caplog.text  # logged on the server

    def crash(*_: Any, **__: Any) -> Any:
        raise KeyError("c-cto at /work/main/src/relgraph/intel/paths.py")

    monkeypatch.setattr(intel, "influence_paths", crash)
    body = api.post('{ influencePaths(target: "c-cto") { strength } }')
    assert codes(body) == ["INTERNAL_SERVER_ERROR"]
    assert "paths.py" not in json.dumps(body)


def portfolio(accounts: int) -> dict[str, list[dict[str, Any]]]:
    """`accounts` accounts, each with two contacts (one key, owned), a team of two, a deal."""
    doc: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "accounts", "staff", "contacts", "owners", "teams", "opportunities", "knows")}
    doc["staff"] = [{"id": f"s-{i}", "name": f"Staff {i}", "rank": "B",
                     "role": "account_manager"} for i in range(10)]
    for n in range(accounts):
        aid = f"acc-{n:03d}"
        doc["accounts"].append({"id": aid, "name": f"Account {n}", "tier": "SABC"[n % 4]})
        for k in range(2):
            doc["contacts"].append({"id": f"c-{n:03d}-{k}", "account": aid, "name": f"C {n} {k}",
                                    "rank": "A" if k == 0 else "C"})
        doc["owners"].append({"staff": f"s-{n % 10}", "contact": f"c-{n:03d}-0", "role": "A"})
        doc["knows"].append({"staff": f"s-{(n + 1) % 10}", "contact": f"c-{n:03d}-1",
                             "strength": 0.5})
        doc["teams"] += [{"staff": f"s-{n % 10}", "account": aid, "role": "AR"},
                         {"staff": f"s-{(n + 3) % 10}", "account": aid, "role": "SR"}]
        doc["opportunities"].append({"id": f"o-{n:03d}", "account": aid, "name": f"Deal {n}",
                                     "stage": "opportunity", "value": 1000 * n})
    return doc


PAGE = """query($n: Int) { accounts(first: $n) { totalCount
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id name tier
    figures(asOf: "2026-11-01") { keyContacts ownerCoverage health gapsHigh gapsMedium gapsLow
                                  staleContacts openOpportunities teamSize }
    team { role staff { id name rank } }
    contacts { id keyContact owners { role staff { id } } }
  } } } }"""


def test_statements_per_page_do_not_grow_with_the_page(store: GraphStore) -> None:
    from starlette.testclient import TestClient

    from relgraph.api.app import create_app
    from relgraph.api.limits import Limits
    from relgraph.config import Settings

    load(store, portfolio(120))
    # Batching, not the cost limit, is measured: nested contacts and owners of 100 accounts
    # are estimated above it.
    app = create_app(Settings(dev_no_auth=True), store, Limits(max_cost=1_000_000))
    with TestClient(app) as client:
        measured: dict[int, int] = {}
        for size in (10, 100):
            before = store.statements_run
            response = client.post("/graphql", json={"query": PAGE, "variables": {"n": size}})
            measured[size] = store.statements_run - before
            body = response.json()
            assert not body.get("errors"), body["errors"]
            edges = body["data"]["accounts"]["edges"]
            assert len(edges) == size
            assert all(len(e["node"]["team"]) == 2 for e in edges)
            assert all(e["node"]["figures"]["teamSize"] == 2 for e in edges)
    assert measured[10] == measured[100], measured
    assert measured[100] <= 15, measured  # 13 here: page, count, 5 loaders, 6 for the analysis
    print(f"statements per page: {measured}")


def library_statements(store: GraphStore, ask: Any) -> int:
    before = store.statements_run
    ask()
    return store.statements_run - before


def test_an_analysis_costs_the_key_lookup_and_the_librarys_statements_only(api: Api) -> None:
    """The API looks up nothing before an analysis: the library says when the account or the
    target does not exist, and a limited key's scope is known without a statement. (Before,
    `coverageGaps(accountId)` and `influencePaths` each cost one lookup more.)"""
    gaps = library_statements(api.store, lambda: intel.coverage_gaps(api.store, "acc-n",
                                                                     as_of=AS_OF))
    count, body = api.statements('{ coverageGaps(accountId: "acc-n", asOf: "2026-11-01") '
                                 '{ kind subjectId } }')
    assert not body.get("errors") and body["data"]["coverageGaps"]
    assert count == 1 + gaps == 8  # the API key, then accounts, units, contacts, shared
    # interactions, staff directory, A roles, executives
    paths = library_statements(api.store, lambda: intel.influence_paths(api.store, "c-cto"))
    count, body = api.statements('{ influencePaths(target: "c-cto") { strength } }')
    assert not body.get("errors") and body["data"]["influencePaths"]
    assert count == 1 + paths
    # Not found: the key, and the library's first statement.
    count, body = api.statements('{ coverageGaps(accountId: "acc-zz") { kind } }')
    assert codes(body) == ["NOT_FOUND"] and count == 2
    count, body = api.statements('{ influencePaths(target: "c-zz") { strength } }')
    assert codes(body) == ["NOT_FOUND"] and count == 2
    # Another key's account: the key alone.
    count, body = api.statements('{ coverageGaps(accountId: "acc-b") { kind } }', key="north")
    assert codes(body) == ["NOT_FOUND"] and count == 1


def test_nul_characters_are_refused_before_the_database(api: Api) -> None:
    count, body = api.statements("query($id: ID!) { contact(id: $id) { id } }", {"id": "c\x00x"})
    assert codes(body) == ["BAD_USER_INPUT"] and count == 0
    count, body = api.statements('mutation($d: JSON!) { importDocument(document: $d) { records } }',
                                 {"d": {"format": "relgraph/1",
                                        "accounts": [{"id": "a\x00", "name": "x", "tier": "S"}]}},
                                 key="editor")
    assert codes(body) == ["BAD_USER_INPUT"] and count == 0
