"""Helpers shared by the test modules (fixtures live in conftest.py files)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from relgraph.ingest.importer import write_unchecked
from relgraph.model import ARRAYS
from relgraph.store import GraphStore


def load(store: GraphStore, doc: Mapping[str, list[dict[str, Any]]] | None = None,
         **arrays: list[dict[str, Any]]) -> None:
    """Write contract-shaped records (a document's arrays) into the graph, with the import's
    own write steps.

    Records are checked one by one (pydantic) but not as a document: a test may build a graph
    that the import would refuse, e.g. to show what a rule does with it.
    """
    given = {**(doc or {}), **arrays}
    write_unchecked(store, {k: [ARRAYS[k].model_validate(r) for r in v] for k, v in given.items()})
