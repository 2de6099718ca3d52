"""One port, two engines: open the configured graph store (starting the embedded one if needed)."""

from __future__ import annotations

from relgraph.config import Settings
from relgraph.store.base import GraphStore, Row
from relgraph.store.embedded import Announce, EmbeddedEngine
from relgraph.store.schema import apply_schema, ensure_schema

__all__ = ["EmbeddedEngine", "GraphStore", "Row", "apply_schema", "ensure_schema", "open_store"]


def open_store(settings: Settings, announce: Announce | None = None) -> GraphStore:
    """Connect to the configured engine; start the embedded one if it is not running.

    The schema is applied automatically the first time an empty database is used.
    """
    store: GraphStore
    if settings.engine == "neo4j":
        from relgraph.store.neo4j import Neo4jStore

        store = Neo4jStore(settings)
    else:
        from relgraph.store.falkordb import FalkorStore

        EmbeddedEngine(settings).ensure_running(announce)
        store = FalkorStore(settings.socket_path, settings.graph_name, settings.query_timeout_ms)
    ensure_schema(store)
    return store
