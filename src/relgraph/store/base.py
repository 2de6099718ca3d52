"""The store port: the one interface the rest of relgraph uses to reach a graph engine."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from relgraph.cypher import Statement

Row = dict[str, Any]
T = TypeVar("T")


class GraphStore(Protocol):
    """Run a named statement with parameters; get rows of plain Python values.

    Values are str, int, float, bool, None, list, dict and `datetime.date`. Parameters must be
    plain JSON-like values too (dates as ISO strings; Cypher calls `date($d)` where needed).
    """

    engine: str
    statements_run: int

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement atomically and return all its rows."""
        ...

    def run_schema(self, ddl: str) -> None:
        """Run one engine-specific schema statement (idempotent)."""
        ...

    def drop(self) -> None:
        """Delete the whole database: every node, API keys and metadata too, and on FalkorDB
        its indexes and constraints (relgraph.store.schema.empty_graph rebuilds them)."""
        ...

    def version(self) -> str:
        """The engine's name and version, for `db status` and `/healthz`."""
        ...

    def close(self) -> None: ...


# Reads run beside the caller's own, on the engines that take several statements at once from
# one process: Neo4j (a session per statement, a thread per query). Not FalkorDB: its 4.x
# server can crash (SIGSEGV) under queries on several connections at once (FalkorDB issue
# #1240, open); one benchmark export with two pages in flight lost the engine that way. Small:
# the reads a question overlaps are few (at most three at once) and short.
PARALLEL_READ_ENGINES = frozenset({"neo4j"})
_READS_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="relgraph-read-ahead")


def parallel_reads(store: GraphStore) -> bool:
    """Whether reads of `store` may run on several connections at once (PARALLEL_READ_ENGINES)."""
    return store.engine in PARALLEL_READ_ENGINES


def read_ahead(store: GraphStore, reads: Callable[..., T], *args: Any) -> Future[T]:
    """`reads(*args)`, a function that only reads `store` (`store.run` of a read, or one that
    runs a few), begun in a helper thread where the engine allows (`parallel_reads`), else run
    now: its value (or its error) comes from `.result()` either way. For reads that do not
    depend on what the caller reads meanwhile."""
    if parallel_reads(store):
        return _READS_AHEAD.submit(reads, *args)
    done: Future[T] = Future()
    try:
        done.set_result(reads(*args))
    except Exception as failure:  # raised where the caller asks for the result, as threaded
        done.set_exception(failure)
    return done


@contextlib.contextmanager
def sent_ahead(store: GraphStore, statement: Statement,
               params: Mapping[str, Any] | None = None) -> Iterator[Callable[[], list[Row]]]:
    """A read begun now whose rows the caller takes later (`rows()` inside the block), so that
    the engine answers it while the caller computes something it may then throw away (a
    question answered from a kept projection while the graph's generation is read).

    A store that can send a statement and read its reply apart (FalkorStore.send: one
    connection, one statement in flight) does so; otherwise the read runs as `read_ahead`
    runs it (a helper thread on Neo4j). A reply never asked for is read and dropped. The
    block runs no statement of its own: on FalkorDB that would be two at once
    (PARALLEL_READ_ENGINES)."""
    send = getattr(store, "send", None)
    if callable(send):
        with send(statement, params) as rows:
            yield rows
        return
    future = read_ahead(store, store.run, statement, params)
    try:
        yield future.result
    finally:
        if not future.done():
            future.exception()  # wait, so that no read of this block outlives it


def read_deadline(store: GraphStore) -> float | None:
    """The `time.monotonic()` past which the reads of `store` stop, when it is a view with a
    deadline (an API request's: relgraph.api.context.BudgetedStore), else None."""
    deadline = getattr(store, "deadline", None)
    return deadline if isinstance(deadline, float) else None


def unbounded(store: GraphStore) -> GraphStore:
    """The store a view with a deadline reads, without the deadline (the store itself when it
    has none): what a kept answer finishing in the background reads (relgraph.intel.memo)."""
    found = getattr(store, "unbounded", None)
    return found() if callable(found) else store


def note_waiting(store: GraphStore, began: float) -> None:
    """Tell a view with a deadline that its asker now waits for a computation begun at `began`
    that goes on past the deadline (relgraph.intel.memo): if the asker's thread cannot report
    StillComputing in time itself (a long C call holding the GIL, as decoding a reply of
    hundreds of MiB does), the request still says so."""
    note = getattr(store, "waiting_for_kept_answer", None)
    if callable(note):
        note(began)


def run_each(store: GraphStore, statement: Statement,
             batches: Iterable[Mapping[str, Any]]) -> Iterator[list[Row]]:
    """Run `statement` once per parameters, in order, each atomically on its own; a store
    that can prepare the next one while the engine runs one (FalkorStore.run_each) does."""
    each = getattr(store, "run_each", None)
    if callable(each):
        yield from each(statement, batches)
        return
    for params in batches:
        yield store.run(statement, params)


# Exact types that are already plain: checked by `type(v) in ...`, which is several times faster
# than isinstance against a union or an ABC, and `plain` runs on every value of every row
# (bench/run.py: 10% of the client's time in influence paths before this fast path).
_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None), dt.date})


def plain(value: Any) -> Any:
    """Convert a driver value into the port's plain values (recursively)."""
    kind = type(value)
    if kind in _PLAIN_SCALARS:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): plain(v) for k, v in value.items()}
    if kind is list:
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    to_native = getattr(value, "to_native", None)  # neo4j.time.Date / DateTime
    if callable(to_native):
        return to_native()
    raise TypeError(
        f"unsupported value from the engine: {type(value).__name__}; "
        "statements must return plain values or maps, not nodes or paths"
    )
