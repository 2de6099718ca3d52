"""The graph's generation, and what a process keeps per store because of it.

Every write statement adds 1 to the generation stored in the graph, in the same statement as its
write (cypher/meta.cypher): whatever is computed from the graph at generation g stays true until
the generation changes, whichever process or path (API, CLI, import) wrote. The link projection
(relgraph.intel.projection) and the kept answers (relgraph.intel.memo) rest on it.

Some writes also log what they touched (the `logged_bump` fragment): the accounts whose facts
they may change and the staff members whose A roles they change. `Marker.touched_since` reads
that log, so that an answer about one account survives a write about another
(relgraph.intel.memo.AccountAnswers). A generation the log does not close (a write that did not
log, or one older than the log keeps) means "everything may have changed".
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, TypeVar

from relgraph.cypher import statement
from relgraph.errors import StillComputing
from relgraph.store.base import GraphStore, Row

GRAPH_GENERATION = statement("graph_generation")
GRAPH_MARKER = statement("graph_marker")

Generation = tuple[Any, Any]  # (epoch, value) of the graph's generation marker
S = TypeVar("S")


@dataclass(frozen=True)
class Marker:
    """The graph's generation marker: its generation and the log of what recent writes touched
    (entries '<value>:<token>', and '<value>:' once a write's tokens are all logged)."""

    epoch: Any = None
    value: Any = None
    log: tuple[str, ...] = ()

    @property
    def generation(self) -> Generation:
        return (self.epoch, self.value)

    def touched_since(self, earlier: Generation) -> frozenset[str] | None:
        """The tokens of the writes after `earlier` up to this marker (empty: none), or None
        when that is not known: another epoch, or a generation between them the log does not
        close (a write that touched everything, or one the log no longer holds)."""
        epoch, value = earlier
        if epoch != self.epoch or not isinstance(value, int) or not isinstance(self.value, int):
            return None
        if value == self.value:
            return frozenset()
        if value > self.value:
            return None
        closed: set[int] = set()
        tokens: set[str] = set()
        for entry in self.log:
            number, _, token = entry.partition(":")
            if not number.isdigit() or not value < int(number) <= self.value:
                continue
            if token:
                tokens.add(token)
            else:
                closed.add(int(number))
        return frozenset(tokens) if len(closed) == self.value - value else None


def graph_marker(store: GraphStore) -> Marker:
    """The graph's generation marker with its write log (one statement)."""
    rows = store.run(GRAPH_MARKER)
    marker = (rows[0]["generation"] if rows else None) or {}
    log = marker.get("log")
    return Marker(marker.get("epoch"), marker.get("value"),
                  tuple(e for e in log if isinstance(e, str)) if isinstance(log, list) else ())


def graph_generation(store: GraphStore) -> Generation:
    """The graph's generation: changes with every write of the relationship graph."""
    return generation_of(store.run(GRAPH_GENERATION))


def generation_of(rows: list[Row]) -> Generation:
    """The generation in the rows of GRAPH_GENERATION."""
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
