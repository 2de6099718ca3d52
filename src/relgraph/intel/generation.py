"""The graph's generation, and what a process keeps per store because of it.

Every write statement adds 1 to the generation stored in the graph, in the same statement as its
write (cypher/meta.cypher): whatever is computed from the graph at generation g stays true until
the generation changes, whichever process or path (API, CLI, import) wrote. The link projection
(relgraph.intel.projection) and the kept answers (relgraph.intel.memo) rest on it.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from relgraph.cypher import statement
from relgraph.errors import StillComputing
from relgraph.store.base import GraphStore

GRAPH_GENERATION = statement("graph_generation")

Generation = tuple[Any, Any]  # (epoch, value) of the graph's generation marker
S = TypeVar("S")


def graph_generation(store: GraphStore) -> Generation:
    """The graph's generation: changes with every write of the relationship graph."""
    rows = store.run(GRAPH_GENERATION)
    marker = (rows[0]["generation"] if rows else None) or {}
    return (marker.get("epoch"), marker.get("value"))


def per_store(registry: weakref.WeakKeyDictionary[GraphStore, S], lock: threading.Lock,
              store: GraphStore, make: Callable[[], S]) -> S:
    """The object kept in `registry` for the store `store` reads, made on first use. A view of
    a store (an API request's, which only adds a time budget) names the store it reads as
    `underlying`: the requests share what is kept for that store instead of each its own."""
    shared = getattr(store, "underlying", store)
    with lock:
        found = registry.get(shared)
        if found is None:
            found = registry[shared] = make()
        return found


def wait_for(computation: Future[Any], deadline: float | None,
             began: float) -> BaseException | None:
    """Wait for `computation` (begun at `began`) until `deadline`, a `time.monotonic()` (None: as
    long as it takes). None when it gave an answer, its failure when it failed, StillComputing
    when the deadline came first (the computation goes on)."""
    timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
    try:
        return computation.exception(timeout)
    except FutureTimeout:
        return StillComputing(time.monotonic() - began)
