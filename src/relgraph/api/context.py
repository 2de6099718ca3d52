"""What one GraphQL request carries: the app's store and settings, who asks, and its loaders.

The context is request state only: it knows nothing of GraphQL types or loaders (the getter in
relgraph.api.app builds the loaders, `relgraph.api.loaders.Loaders`, into it). Database work
runs in worker threads (the store is synchronous) and, within one request, one statement at a
time: a single query cannot fan out into many parallel engine connections, and the statement
count of a request is deterministic. Requests run concurrently with each other; both engine
clients are thread-safe (the FalkorDB client is a redis connection pool, the Neo4j driver opens
a session per statement).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import anyio.to_thread
from strawberry.fastapi import BaseContext

from relgraph.api.auth import Principal
from relgraph.api.limits import Limits
from relgraph.config import Settings
from relgraph.cypher import Statement
from relgraph.errors import Unauthenticated
from relgraph.store.base import GraphStore, Row

T = TypeVar("T")
L = TypeVar("L")


@dataclass
class Api:
    """What every request of one app shares: one store, the settings and the limits."""

    store: GraphStore
    settings: Settings
    limits: Limits
    dev_no_auth: bool = False


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
        self.loaders: L = loaders(self)

    @property
    def store(self) -> GraphStore:
        return self.api.store

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
        """Run blocking store work in a worker thread, one at a time per request."""
        async with self._lock:
            return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    async def rows(self, stmt: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self.call(self.store.run, stmt, dict(params or {}))

    def today(self) -> dt.date:
        return dt.date.today()

    def day(self, as_of: dt.date | None) -> dt.date:
        """`as_of`, or today when the argument is left out."""
        return as_of or self.today()
