"""The FalkorDB adapter's backstop behind the input gate: values that would crash the engine or
break its query text never leave the process. Neo4j stores the same values as given."""

from __future__ import annotations

import pytest

from relgraph.cypher import statement
from relgraph.errors import QueryFailed
from relgraph.ingest.export import export_document
from relgraph.store import GraphStore

UPSERT_STAFF = statement("upsert_staff")
KNOWN_PEOPLE = statement("known_people")
COUNTS = statement("graph_counts")


@pytest.mark.parametrize("ident", ["s-zz ", "\ts-zz", "s-\x01zz"])
def test_an_id_falkordb_cannot_index_never_reaches_it(store: GraphStore, ident: str) -> None:
    before = store.run(COUNTS)
    rows = {"rows": [{"id": ident, "props": {"name": "Written around the gate"}}]}
    if store.engine == "falkordb":
        with pytest.raises(QueryFailed) as caught:
            store.run(UPSERT_STAFF, rows)
        assert str(caught.value) == (
            "statement 'upsert_staff' failed: refused before the engine: rows[0].id has leading "
            "or trailing whitespace, U+0001 or over 4096 bytes, which FalkorDB cannot index as "
            "a unique id")
        assert store.run(COUNTS) == before  # the engine is alive and unchanged
    else:
        store.run(UPSERT_STAFF, rows)
        assert [s["id"] for s in export_document(store)["staff"]] == [ident]


def test_a_nul_character_is_refused_before_falkordb_and_harmless_to_neo4j(
        store: GraphStore) -> None:
    if store.engine == "falkordb":
        with pytest.raises(QueryFailed) as caught:
            store.run(KNOWN_PEOPLE, {"ids": ["c-1", "c-\x002"]})
        assert str(caught.value) == ("statement 'known_people' failed: refused before the "
                                     "engine: ids[1] holds a NUL character or a lone surrogate")
    else:
        assert store.run(KNOWN_PEOPLE, {"ids": ["c-1", "c-\x002"]}) == []
