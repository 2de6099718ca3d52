"""Abuse is refused before the database is touched; errors never show internals; a page of
accounts with figures and team costs the same number of statements whatever its size."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.api.conftest import AS_OF, Api, codes, counts, load

from relgraph import intel
from relgraph.cypher import statement
from relgraph.errors import QueryFailed
from relgraph.intel.memo import memo_of
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
            memo_of(store).clear()  # each a first ask, from nothing
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
    # 22 here: page, count, 5 loaders, 7 for the analysis (with the plans), its company records,
    # the units' activities of the company figures, the portfolio's account ids and their staff
    # attendances, the write-log marker before and after the analysis (whose accounts' answers
    # are kept one by one) and the graph's generation before and after it (the page's answer
    # is kept: relgraph.intel.memo)
    assert measured[100] <= 22, measured
    print(f"statements per page: {measured}")


def library_statements(store: GraphStore, ask: Any) -> int:
    before = store.statements_run
    ask()
    return store.statements_run - before


def test_an_analysis_costs_the_key_lookup_and_the_librarys_statements_only(api: Api) -> None:
    """The API looks up nothing before an analysis: the library says when the account or the
    target does not exist, and a limited key's scope is known without a statement. (Before,
    `coverageGaps(accountId)` and `influencePaths` each cost one lookup more.)"""
    memo_of(api.store).clear()
    gaps = library_statements(api.store, lambda: intel.coverage_gaps(api.store, "acc-n",
                                                                     as_of=AS_OF))
    memo_of(api.store).clear()
    query = '{ coverageGaps(accountId: "acc-n", asOf: "2026-11-01") { kind subjectId } }'
    count, body = api.statements(query)
    assert not body.get("errors") and body["data"]["coverageGaps"]
    assert count == 1 + gaps == 14  # the API key, the generation, the write-log marker, then
    # accounts, units, contacts, shared interactions, plans, staff directory, A roles, roster,
    # company records, the marker again and the generation again (unchanged: kept)
    count, again = api.statements(query)
    assert again == body and count == 2  # asked again: the key and the generation
    # paths: the first question loads the link projection; later ones, the graph unchanged,
    # read only its generation — and the API's requests share the library's projection
    intel.influence_paths(api.store, "c-cto")
    paths = library_statements(api.store, lambda: intel.influence_paths(api.store, "c-cto"))
    count, body = api.statements('{ influencePaths(target: "c-cto") { strength } }')
    assert not body.get("errors") and body["data"]["influencePaths"]
    assert count == 1 + paths == 2
    # Not found: the key, and the library's first statements (the generation, the write-log
    # marker, the accounts).
    count, body = api.statements('{ coverageGaps(accountId: "acc-zz") { kind } }')
    assert codes(body) == ["NOT_FOUND"] and count == 4
    count, body = api.statements('{ influencePaths(target: "c-zz") { strength } }')
    assert codes(body) == ["NOT_FOUND"] and count == 2
    # Another key's account: the key alone.
    count, body = api.statements('{ coverageGaps(accountId: "acc-b") { kind } }', key="north")
    assert codes(body) == ["NOT_FOUND"] and count == 1


def test_a_limited_editors_document_passes_the_input_gate_before_the_scope_check(
        api: Api) -> None:
    """A scoped key's document is checked for account scope against the stored records; ids the
    engine must never see (one ending in a space crashed FalkorDB) are refused before that."""
    doc = {"format": "relgraph/1",
           "contacts": [{"id": "c-crash ", "account": "acc-n", "name": "X"}]}
    count, body = api.statements('mutation($d: JSON!) { importDocument(document: $d) { records } }',
                                 {"d": doc}, key="north-editor")
    assert codes(body) == ["BAD_USER_INPUT"] and count == 1  # the key lookup only
    [problem] = body["errors"][0]["extensions"]["problems"]
    assert problem.startswith("contacts[0].id: ") and "space" in problem


def test_nul_characters_are_refused_before_the_database(api: Api) -> None:
    count, body = api.statements("query($id: ID!) { contact(id: $id) { id } }", {"id": "c\x00x"})
    assert codes(body) == ["BAD_USER_INPUT"] and count == 0
    count, body = api.statements('mutation($d: JSON!) { importDocument(document: $d) { records } }',
                                 {"d": {"format": "relgraph/1",
                                        "accounts": [{"id": "a\x00", "name": "x", "tier": "S"}]}},
                                 key="editor")
    assert codes(body) == ["BAD_USER_INPUT"] and count == 0


@pytest.mark.parametrize("query,variables,argument", [
    ('{ influencePaths(target: "c-cto", maxHops: 9) { strength } }', None, "maxHops"),
    ('{ influencePaths(target: "c-cto", limit: 0) { strength } }', None, "limit"),
    ("query($ids: [ID!]) { influencePaths(target: \"c-cto\", from: $ids) { strength } }",
     {"ids": [f"s-{n}" for n in range(100_000)]}, "from"),
    ('{ influencedBy(contactId: "c-dir", maxHops: 0) { hops } }', None, "maxHops"),
    ('{ singlePointsOfFailure(accountId: "acc-n", maxHops: 7) { staff { id } } }', None,
     "maxHops"),
    ('{ hiddenInfluencers(accountId: "acc-n", limit: 101) { pagerank } }', None, "limit"),
    ("{ contacts(attitudeMin: 5) { totalCount } }", None, "attitudeMin"),
    ("{ contacts(attitudeMax: -2) { totalCount } }", None, "attitudeMax"),
    ("mutation($ids: [ID!]!) { eraseSensitive(contactIds: $ids) }",
     {"ids": [f"c-{n}" for n in range(1_001)]}, "contactIds"),
    ("mutation($ids: [ID!]) { createApiKey(role: \"reader\", accounts: $ids) { secret } }",
     {"ids": [f"acc-{n}" for n in range(1_001)]}, "accounts"),
])
def test_arguments_out_of_range_are_refused_before_the_key_lookup(
    api: Api, query: str, variables: dict[str, Any] | None, argument: str,
) -> None:
    """Before, `maxHops` out of range and a 100,000-id `from` were refused inside the resolver,
    after the API key had been looked up; `contacts(attitudeMin: 5)` answered nothing."""
    count, body = api.statements(query, variables, key="rg_not-even-a-valid-key")
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["errors"][0]["extensions"]["argument"] == argument
    assert f"`{argument}` of `" in body["errors"][0]["message"]
    assert count == 0  # not the key lookup either


def test_range_messages_say_what_is_allowed(api: Api) -> None:
    def message(query: str, variables: dict[str, Any] | None = None) -> str:
        text: str = api.post(query, variables)["errors"][0]["message"]
        return text

    assert message('{ influencePaths(target: "c-cto", maxHops: 9) { strength } }') == (
        "`maxHops` of `influencePaths` must be from 1 to 6, got 9")
    assert message("{ contacts(attitudeMin: 5) { totalCount } }") == (
        "`attitudeMin` of `contacts` must be from -1 to 3, got 5")
    assert message("query($ids: [ID!]) { influencePaths(target: \"c-cto\", from: $ids) "
                   "{ strength } }", {"ids": ["s-am"] * 1_001}) == (
        "`from` of `influencePaths` lists 1001 items; at most 1000")
    # At the edges of the ranges the questions are answered.
    assert api.data('{ influencePaths(target: "c-cto", maxHops: 6, limit: 100) { hops } }')
    assert api.data("{ contacts(attitudeMin: -1, attitudeMax: 3) { totalCount } }")[
        "contacts"]["totalCount"] == 5


@pytest.mark.parametrize("query,message", [
    ('{ coverageGaps(accountId: "acc-n", asOf: "2026-13-45") { kind } }',
     '`asOf` of `coverageGaps`: Value cannot represent a Date: "2026-13-45". month must be in '
     "1..12"),
    ('{ coverageGaps(kinds: [NO_SUCH_KIND]) { kind } }',
     "`kinds[0]` of `coverageGaps`: Value 'NO_SUCH_KIND' does not exist in 'GapKind' enum."),
    ("{ accounts(tier: Z) { totalCount } }",
     "`tier` of `accounts`: Value 'Z' does not exist in 'Tier' enum. Did you mean the enum "
     "value 'A', 'B', 'C', or 'S'?"),
    ('mutation { recordAssessment(input: {contact: "c-cto", date: "2026-02-30", attitude: 2}) '
     "{ id } }",
     '`input.date` of `recordAssessment`: Value cannot represent a Date: "2026-02-30". day is '
     "out of range for month"),
])
def test_a_literal_value_that_does_not_fit_is_bad_user_input_naming_the_field(
    api: Api, query: str, message: str,
) -> None:
    """Before: GRAPHQL_VALIDATION_FAILED, naming neither the argument nor the field."""
    count, body = api.statements(query)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"] == message
    assert count == 0


def test_graphiql_introspection_fits_and_nested_introspection_does_not(api: Api) -> None:
    from graphql import get_introspection_query

    full = api.data(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert any(t["name"] == "Query" for t in full["__schema"]["types"])
    # Each level of `fields { type { fields ...` multiplies the answer by the schema's size.
    nested = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    count, body = api.statements(nested)
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"] and count == 0
    assert body["errors"][0]["message"] == (
        "introspection lists nest more than 3 deep (types, their fields, their arguments)")


def test_the_cost_walk_measures_each_fragment_once() -> None:
    """The same 2^60 spreads that once took a walk per spread: measured, and rejected, in one
    pass over the text (a walk per spread would not end within the test's timeout)."""
    from graphql import parse

    from relgraph.api.app import build_schema
    from relgraph.api.limits import Limits, check_query

    parts = ["query Q { ...L60 }", "fragment L0 on Query { viewer { role } }"]
    parts += [f"fragment L{i} on Query {{ ...L{i - 1} ...L{i - 1} }}" for i in range(1, 61)]
    schema = build_schema()._schema
    document = parse("\n".join(parts))
    unlimited = Limits(max_cost=2**70, max_depth=10**6, max_aliases=10**6)
    checked = check_query(schema, document, None, {}, unlimited)
    assert checked.errors == []
    assert checked.size.cost == 2 * 2**60  # viewer and role, 2^60 times
    stopped = check_query(schema, document, None, {}, Limits())
    # stopped at the first fragment whose total passes the limit: L(k) costs 2 * 2^k, and
    # L(k) = L(k-1) + L(k-1) is past it after its second spread
    first_past = next(2 * 2**k for k in range(61) if 2 * 2**k > Limits().max_cost)
    assert [e.extensions["cost"] for e in stopped.errors] == [first_past]


def test_reads_past_the_time_budget_stop_and_writes_do_not(store: GraphStore) -> None:
    from starlette.testclient import TestClient

    from relgraph.api.app import create_app
    from relgraph.api.limits import Limits
    from relgraph.config import Settings

    load(store, portfolio(3))
    app = create_app(Settings(dev_no_auth=True), store, Limits(time_budget_s=0))
    with TestClient(app) as client:
        before = store.statements_run
        body = client.post("/graphql", json={"query": "{ accounts { totalCount } }"}).json()
        assert codes(body) == ["REQUEST_TIMEOUT"]
        assert body["errors"][0]["message"] == (
            "the request ran past its time budget of 0 s; ask for less in one request (smaller "
            "pages, fewer analyses)")
        assert body["errors"][0]["path"] == ["accounts"]
        assert store.statements_run == before
        # A write runs to its end whatever the budget; reading it back is a read.
        body = client.post("/graphql", json={"query": 'mutation { upsertAccount(input: '
                           '{id: "acc-new", name: "New", tier: A}) { id } }'}).json()
        assert codes(body) == ["REQUEST_TIMEOUT"]
    assert store.run(statement("api_accounts_by_ids"), {"ids": ["acc-new"]})[0]["item"][
        "name"] == "New"


def test_a_portfolio_past_the_budget_is_answered_when_asked_again(store: GraphStore) -> None:
    """A BI tool asking for a whole portfolio that takes longer than the time budget: it is told
    the answer is still being computed (REQUEST_TIMEOUT, stillComputing), and asking again once
    it is done gets the same gaps as the library, at the cost of one statement."""
    import time

    from starlette.testclient import TestClient
    from tests.support import Slowed

    from relgraph.api.app import create_app
    from relgraph.api.limits import Limits
    from relgraph.config import Settings

    load(store, portfolio(3))
    expected = [{"kind": g.kind, "subjectId": g.subject_id, "accountId": g.account_id}
                for g in intel.coverage_gaps(store, as_of=AS_OF)]
    assert expected
    query = '{ coverageGaps(asOf: "' + AS_OF.isoformat() + '") { kind subjectId accountId } }'
    app = create_app(Settings(dev_no_auth=True), Slowed(store, 0.1), Limits(time_budget_s=0.3))
    with TestClient(app) as client:
        body = client.post("/graphql", json={"query": query}).json()
        assert codes(body) == ["REQUEST_TIMEOUT"]
        [error] = body["errors"]
        assert error["extensions"]["stillComputing"] is True
        assert "still being computed" in error["message"] and "ask again" in error["message"]
        for _ in range(100):  # the computation goes on: about ten statements of 0.1 s
            time.sleep(0.2)
            body = client.post("/graphql", json={"query": query}).json()
            if "errors" not in body:
                break
        assert body["data"]["coverageGaps"] == expected
        before = store.statements_run
        assert client.post("/graphql", json={"query": query}).json() == body
        assert store.statements_run == before + 1  # kept: the generation read


def test_still_computing_is_said_even_when_the_waiting_thread_is_late(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 100k contacts a background computation decodes replies of hundreds of MiB in C calls
    that hold the GIL, so the waiting worker thread may not report StillComputing before the
    request's own timeout fires; the request says it all the same."""
    import time

    from starlette.testclient import TestClient
    from tests.support import Slowed

    from relgraph.api import context
    from relgraph.api.app import create_app
    from relgraph.api.limits import Limits
    from relgraph.config import Settings
    from relgraph.intel import memo

    on_time = memo.wait_for

    def late(computation: Any, deadline: float | None, began: float) -> Any:
        if deadline is not None:  # wakes only after the request has given up on it
            time.sleep(max(0.0, deadline - time.monotonic()) + context.REPORT_GRACE_S + 0.5)
        return on_time(computation, deadline, began)

    monkeypatch.setattr(memo, "wait_for", late)
    load(store, portfolio(3))
    # The budget leaves the first statement (the generation, before the computation is handed
    # to its thread) time to spare on a loaded machine; the computation's dozen statements
    # outlast it.
    app = create_app(Settings(dev_no_auth=True), Slowed(store, 0.2), Limits(time_budget_s=0.8))
    with TestClient(app) as client:
        body = client.post("/graphql", json={"query": "{ coverageGaps { kind } }"}).json()
    assert codes(body) == ["REQUEST_TIMEOUT"]
    assert body["errors"][0]["extensions"]["stillComputing"] is True


def test_a_read_past_the_deadline_runs_no_statement(store: GraphStore) -> None:
    """What stops an analysis left running past the budget: its next statement is refused."""
    import time

    from relgraph.api.context import BudgetedStore
    from relgraph.api.errors import TimeBudgetExceeded

    load(store, portfolio(1))
    live = BudgetedStore(store, time.monotonic() + 60, 60)
    assert live.run(statement("api_accounts_by_ids"), {"ids": ["acc-000"]})
    late = BudgetedStore(store, time.monotonic() - 1, 5)
    before = store.statements_run
    with pytest.raises(TimeBudgetExceeded, match="time budget of 5 s"):
        intel.coverage_gaps(late, "acc-000")
    assert store.statements_run == before


def test_every_weight_and_range_names_a_field_of_the_schema() -> None:
    """A weight under a name the schema does not have would leave its field at cost 1."""
    from relgraph.api.app import build_schema
    from relgraph.api.limits import PORTFOLIO_WEIGHTS, RANGES, WEIGHTS

    schema = build_schema()._schema
    for key in [*WEIGHTS, *(name for name, _ in PORTFOLIO_WEIGHTS)]:
        type_name, _, field = key.partition(".")
        owner = schema.get_type(type_name)
        assert owner is not None and field in getattr(owner, "fields", {}), key
    for name, argument in PORTFOLIO_WEIGHTS:
        type_name, _, field = name.partition(".")
        assert argument in schema.get_type(type_name).fields[field].args  # type: ignore[union-attr]
    fields = {(name, arg) for t in schema.type_map.values() for name, f in
              (getattr(t, "fields", None) or {}).items() for arg in getattr(f, "args", {})}
    assert set(RANGES) <= fields


@pytest.mark.parametrize("operation,argument", [
    ('mutation { removeOwner(staffId: "s-am", contactId: "c-cto ", role: A) { id } }',
     "`contactId` of `removeOwner` ends with a space"),
    ('mutation { unpairSponsor(staffId: "s-exec\\t", contactId: "c-ceo") }',
     "`staffId` of `unpairSponsor` ends with U+0009 (a control character)"),
    ('mutation { eraseSensitive(contactIds: ["c-cto", "c-\\u0001x"]) }',
     "`contactIds[1]` of `eraseSensitive` contains"),
    ('mutation { createApiKey(role: "reader", accounts: ["acc-n\\n"]) { secret } }',
     "`accounts[0]` of `createApiKey` ends with U+000A (a control character)"),
    ('mutation { revokeApiKey(id: " key-1") { id } }',
     "`id` of `revokeApiKey` starts with a space"),
    ('{ contact(id: "c-cto\\r") { id } }',
     "`id` of `contact` ends with U+000D (a control character)"),
    ('{ influencePaths(target: "c-cto", from: ["s-am\\u200b"]) { strength } }',
     "`from[0]` of `influencePaths` contains U+200B (an invisible formatting character)"),
    ('mutation { upsertContact(input: {id: "c-crash ", account: "acc-n", name: "X"}) { id } }',
     "contacts[0].id: ends with a space"),
])
def test_ids_given_as_arguments_pass_the_input_gate(api: Api, operation: str,
                                                    argument: str) -> None:
    """An id ending in a space (or holding a control character) crashed FalkorDB 4.16 when
    written; ids given as arguments are refused before the key lookup as documents' ids are."""
    before = counts(api.store)
    count, body = api.statements(operation, key="north-editor")
    assert codes(body) == ["BAD_USER_INPUT"], body
    error = body["errors"][0]
    assert argument in error["message"] or any(
        p.startswith(argument) for p in error["extensions"].get("problems", [])), error
    assert counts(api.store) == before
    if "problems" not in error["extensions"]:
        assert count == 0  # refused before the key lookup
