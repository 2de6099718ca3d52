"""What one GraphQL request carries: the app's store and settings, who asks, and its loaders.

The context is request state only: it knows nothing of GraphQL types or loaders (the getter in
relgraph.api.app builds the loaders, `relgraph.api.loaders.Loaders`, into it). Database work
runs in worker threads (the store is synchronous) and, within one request, one statement at a
time, except the few reads a question begins beside its own on Neo4j (at most three at once,
relgraph.store.base.read_ahead): a single query cannot fan out into many parallel engine
connections, and the statement count of a request is deterministic. Requests run concurrently
with each other; both engine clients are thread-safe (the FalkorDB client is a redis connection
pool, the Neo4j driver opens a session per statement).

Reads have a time budget (`Limits.time_budget_s`, from the context's creation): past it, a read
fails with TimeBudgetExceeded at once, and one still running is abandoned and stops at its next
statement (the request's store refuses statements past the deadline). A kept answer (gaps,
figures, a power map: relgraph.intel.memo) is the exception: it goes on computing in the
background past the budget, the request gets StillComputing, and the next ask gets the answer.
Writes (`write`) are never stopped halfway: they run to the end whatever the budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import anyio.to_thread
from strawberry.fastapi import BaseContext

from relgraph.api.auth import Principal
from relgraph.api.errors import TimeBudgetExceeded
from relgraph.api.limits import Limits
from relgraph.config import Settings
from relgraph.cypher import Statement
from relgraph.errors import StillComputing, Unauthenticated, UnknownStatement
from relgraph.store.base import GraphStore, Row, sent_ahead

T = TypeVar("T")
L = TypeVar("L")

# How long past its deadline a request waits for its worker thread to report why it stopped.
REPORT_GRACE_S = 0.5


@dataclass
class Api:
    """What every request of one app shares: one store, the settings and the limits."""

    store: GraphStore
    settings: Settings
    limits: Limits
    dev_no_auth: bool = False


class BudgetedStore:
    """The app's store as one request's reads see it: no statement starts past the deadline
    (`statements_run` counts the request's own)."""

    def __init__(self, store: GraphStore, deadline: float, budget_s: float) -> None:
        self._store = store
        self.underlying = store  # whose link projection this view shares (intel.projection)
        self.deadline = deadline
        self._budget_s = budget_s
        self.engine = store.engine
        self.statements_run = 0
        # when the request began waiting for a kept answer finishing in the background
        self.waiting_since: float | None = None

    def waiting_for_kept_answer(self, began: float) -> None:
        self.waiting_since = began

    def unbounded(self) -> GraphStore:
        """The app's store without this request's deadline: a kept answer (gaps, figures, a
        power map) that outlasts the budget finishes there (relgraph.intel.memo)."""
        return self._store

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        if time.monotonic() > self.deadline:
            raise TimeBudgetExceeded(self._budget_s)
        self.statements_run += 1
        return self._store.run(statement, params)

    @contextlib.contextmanager
    def send(self, statement: Statement,
             params: Mapping[str, Any] | None = None) -> Iterator[Callable[[], list[Row]]]:
        """A read begun now, its rows taken later (store.base.sent_ahead), within the budget."""
        if time.monotonic() > self.deadline:
            raise TimeBudgetExceeded(self._budget_s)
        self.statements_run += 1
        with sent_ahead(self._store, statement, params) as rows:
            yield rows

    def run_schema(self, ddl: str) -> None:
        self._store.run_schema(ddl)

    def drop(self) -> None:
        raise UnknownStatement("a request never drops the graph")

    def version(self) -> str:
        return self._store.version()

    def close(self) -> None:
        """The app closes its store, not a request."""


class Context(BaseContext, Generic[L]):
    """One request: the app (`api`), its `Authorization` header, who asks (`principal`, set by
    the Guard before any resolver runs) and its loaders (built by `loaders(self)`)."""

    def __init__(self, api: Api, authorization: str | None,
                 loaders: Callable[[Context[L]], L]) -> None:
        super().__init__()
        self.api = api
        self.authorization = authorization
        self._principal: Principal | None = None
        self._lock = asyncio.Lock()
        budget = api.limits.time_budget_s
        self.deadline = time.monotonic() + budget
        self._reads = BudgetedStore(api.store, self.deadline, budget)
        self.loaders: L = loaders(self)

    @property
    def store(self) -> GraphStore:
        """The store for reads (within the request's time budget)."""
        return self._reads

    @property
    def settings(self) -> Settings:
        return self.api.settings

    @property
    def principal(self) -> Principal:
        if self._principal is None:  # the Guard extension authenticates before execution
            raise Unauthenticated("missing or invalid API key")
        return self._principal

    @principal.setter
    def principal(self, value: Principal) -> None:
        self._principal = value

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run blocking reads in a worker thread, one at a time per request, within the time
        budget (TimeBudgetExceeded past it)."""
        async with self._lock:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeBudgetExceeded(self.api.limits.time_budget_s)
            try:
                # A little past the deadline: the reads themselves stop at it (BudgetedStore),
                # and a kept answer still being computed says so (StillComputing) itself.
                with anyio.fail_after(remaining + REPORT_GRACE_S):
                    return await anyio.to_thread.run_sync(
                        functools.partial(fn, *args, **kwargs), abandon_on_cancel=True)
            except TimeoutError:
                waiting = self._reads.waiting_since
                if waiting is not None:  # its worker could not say so in time: say it here
                    raise StillComputing(time.monotonic() - waiting) from None
                raise TimeBudgetExceeded(self.api.limits.time_budget_s) from None

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(store, *args)`, a write, in a worker thread to its end (no time budget)."""
        async with self._lock:
            return await anyio.to_thread.run_sync(functools.partial(fn, self.api.store, *args))

    async def rows(self, stmt: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self.call(self.store.run, stmt, dict(params or {}))

    async def write_rows(self, stmt: Statement, params: Mapping[str, Any]) -> list[Row]:
        """Run one write statement (no time budget)."""
        return await self.write(lambda store: store.run(stmt, dict(params)))

    def today(self) -> dt.date:
        return dt.date.today()

    def day(self, as_of: dt.date | None) -> dt.date:
        """`as_of`, or today when the argument is left out."""
        return as_of or self.today()
