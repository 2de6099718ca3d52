"""`relgraph demo --replace` empties the graph by dropping and rebuilding it (store.schema
.empty_graph), on each engine: the graph answers afterwards, the API keys still work, and the
link projection of an earlier graph is not reused.

FalkorDB 4.16.3 after a `DETACH DELETE` of every node of the 12-account demo answered
"Attempted to access undefined attribute" to every later read of a label with a property (the
second `make demo` failed); a dropped and rebuilt graph does not.
"""

from __future__ import annotations

import datetime as dt

from relgraph.api.auth import create_key, key_for_secret
from relgraph.cypher import statement
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.importer import import_document
from relgraph.store import GraphStore
from relgraph.store.schema import SCHEMA_VERSION_OF, empty_graph, schema_version

AS_OF = dt.date(2026, 11, 23)
GRAPH_COUNTS = statement("graph_counts")
GENERATION = statement("graph_generation")
# The arrays whose records are nodes (the others are relationships between them).
NODE_ARRAYS = ("accounts", "orgUnits", "contacts", "staff", "interactions", "assessments",
               "competitors", "opportunities", "plans", "commitments", "planReviews",
               "orgActions", "departmentAssessments", "tierReviews")


def test_a_replaced_demo_answers_like_a_fresh_one_and_keeps_the_keys(store: GraphStore) -> None:
    key, secret = create_key(store, "editor", ["acc-0001"])
    import_document(store, generate_portfolio(accounts=12, seed=7, as_of=AS_OF))
    before = store.run(GENERATION)[0]["generation"]

    empty_graph(store)
    # only the key and the metadata are left, and the schema is the current one
    assert store.run(GRAPH_COUNTS) == [{"nodes": 3, "relationships": 0}]
    assert store.run(SCHEMA_VERSION_OF)[0]["version"] == schema_version(store.engine)
    after = store.run(GENERATION)[0]["generation"]
    assert after["epoch"] != before["epoch"]  # a projection of the old graph is never reused
    found = key_for_secret(store, secret)
    assert found is not None and (found.id, found.role, found.accounts) == (
        key.id, key.role, ["acc-0001"])

    small = generate_portfolio(accounts=2, seed=7, as_of=AS_OF)
    import_document(store, small)
    contacts = store.run(statement("api_contacts_by_ids"),
                         {"ids": [c["id"] for c in small["contacts"]]})
    assert sorted(r["item"]["id"] for r in contacts) == sorted(c["id"] for c in small["contacts"])
    assert store.run(statement("any_person"))  # the read that failed after the old clear
    nodes = store.run(GRAPH_COUNTS)[0]["nodes"]
    records = sum(len(small[a]) for a in NODE_ARRAYS)
    assert nodes == records + 3  # a node per record of these (plus key, schema, generation)
