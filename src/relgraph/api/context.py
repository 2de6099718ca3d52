"""What one GraphQL request carries: the store, who asks, its DataLoaders and caches.

Database work runs in worker threads (the store is synchronous) and, within one request, one
statement at a time: a single query cannot fan out into many parallel engine connections, and
the statement count of a request is deterministic. Requests run concurrently with each other;
both engine clients are thread-safe (the FalkorDB client is a redis connection pool, the Neo4j
driver opens a session per statement).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio.to_thread
from strawberry.fastapi import BaseContext

from relgraph.api.auth import Principal, Role
from relgraph.api.limits import Limits
from relgraph.config import Settings
from relgraph.cypher import Statement, statement
from relgraph.errors import Forbidden, Unauthenticated
from relgraph.store.base import GraphStore, Row

T = TypeVar("T")

VISIBLE_STAFF = statement("api_visible_staff")


@dataclass
class Api:
    """What every request of one app shares: one store, the settings and the limits."""

    store: GraphStore
    settings: Settings
    limits: Limits
    dev_no_auth: bool = False


class Context(BaseContext):
    def __init__(self, api: Api, authorization: str | None) -> None:
        super().__init__()
        self.api = api
        self.authorization = authorization
        self._principal: Principal | None = None
        self._lock = asyncio.Lock()
        self._memo: dict[Any, Any] = {}
        self._memo_locks: dict[Any, asyncio.Lock] = {}
        from relgraph.api.loaders import Loaders

        self.loaders = Loaders(self)

    # --- who asks ---------------------------------------------------------------------------

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

    def require(self, role: Role) -> Principal:
        who = self.principal
        if not who.role.allows(role):
            raise Forbidden(f"this API key's role ({who.role.value}) cannot do this; "
                            f"it needs {role.value}")
        return who

    # --- the database -----------------------------------------------------------------------

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run blocking store work in a worker thread, one at a time per request."""
        async with self._lock:
            return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    async def rows(self, stmt: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self.call(self.store.run, stmt, dict(params or {}))

    async def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """Compute an awaitable once per request (e.g. the gaps of all accounts at a date)."""
        lock = self._memo_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._memo:
                self._memo[key] = await compute()
            return self._memo[key]

    # --- scope ------------------------------------------------------------------------------

    def sees_account(self, account_id: str | None) -> bool:
        return self.principal.sees_account(account_id)

    async def visible_staff(self) -> frozenset[str] | None:
        """The staff a scoped key may see (None: every staff member); once per request."""
        who = self.principal
        if who.accounts is None:
            return None
        accounts = sorted(who.accounts)

        async def fetch() -> frozenset[str]:
            rows = await self.rows(VISIBLE_STAFF, {"accounts": accounts})
            return frozenset(str(r["id"]) for r in rows)

        visible: frozenset[str] = await self.memo(("visible-staff",), fetch)
        return visible

    async def sees_staff(self, staff_id: str) -> bool:
        visible = await self.visible_staff()
        return visible is None or staff_id in visible

    def today(self) -> dt.date:
        return dt.date.today()
