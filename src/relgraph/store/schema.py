"""Per-engine schema (schema/<engine>.cypher): unique ids for every label, and query indexes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from relgraph.cypher import statement
from relgraph.paths import resource_dir
from relgraph.store.base import GraphStore

SCHEMA_VERSION_OF = statement("schema_version")
SET_SCHEMA_VERSION = statement("set_schema_version")
API_KEYS_KEPT = statement("api_keys_kept")
API_KEYS_RESTORE = statement("api_keys_restore")
CLEAR_GRAPH = statement("clear_graph")


def ddl_file(engine: str) -> Path:
    return resource_dir("schema") / f"{engine}.cypher"


def ddl_statements(engine: str) -> list[str]:
    """The DDL statements of an engine, in file order (`//` comments dropped, split on ';')."""
    text = "\n".join(
        line
        for line in ddl_file(engine).read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("//")
    )
    return [s.strip() for s in text.split(";") if s.strip()]


def schema_version(engine: str) -> str:
    """A digest of the DDL: a changed schema file is re-applied automatically."""
    return hashlib.sha256(ddl_file(engine).read_bytes()).hexdigest()[:16]


def apply_schema(store: GraphStore) -> int:
    """Apply every DDL statement (idempotent on both engines); returns how many ran."""
    statements = ddl_statements(store.engine)
    for ddl in statements:
        store.run_schema(ddl)
    store.run(SET_SCHEMA_VERSION, {"version": schema_version(store.engine)})
    return len(statements)


def ensure_schema(store: GraphStore) -> bool:
    """Apply the schema when this database has not got the current one; True when applied."""
    rows = store.run(SCHEMA_VERSION_OF)
    if rows and rows[0]["version"] == schema_version(store.engine):
        return False
    apply_schema(store)
    return True


def empty_graph(store: GraphStore) -> None:
    """Empty the relationship graph, keeping the API keys (`relgraph demo --replace`).

    The whole graph is dropped (indexes too) and rebuilt — the schema applied, the keys written
    back, the generation begun anew — instead of deleting its nodes: on FalkorDB 4.16 a
    `DETACH DELETE` of a large graph (the 12-account demo) left it answering "Attempted to
    access undefined attribute" to every later read (docs/ENGINES.md), and dropping is also
    far faster. The keys are held in memory meanwhile (a few statements, well under a second).
    """
    keys = [row["key"] for row in store.run(API_KEYS_KEPT)]
    store.drop()
    apply_schema(store)
    if keys:
        store.run(API_KEYS_RESTORE, {"rows": keys})
    store.run(CLEAR_GRAPH)  # nothing left to delete: it starts the new generation
