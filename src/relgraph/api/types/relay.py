"""Relay connections: one page of items in id order, keyset-paginated by an opaque cursor."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import strawberry

from relgraph.api.context import Context
from relgraph.cypher import Statement
from relgraph.errors import InvalidInput
from relgraph.store.base import Row

Item = TypeVar("Item")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page and its cursor (pass it as `after`).")
class Edge(Generic[Item]):
    cursor: str
    node: Item


@strawberry.type(description="A Relay connection: one page of items, in id order.")
class Connection(Generic[Item]):
    edges: list[Edge[Item]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match the filters (all pages together).")
    async def total_count(self) -> int:
        return await self._count()

    @strawberry.field(description="The items of this page (the edges' nodes, for BI tools).")
    def nodes(self) -> list[Item]:
        return [edge.node for edge in self.edges]


def encode_cursor(kind: str, ident: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{ident}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raw = ""
    prefix, _, ident = raw.partition(":")
    if prefix != kind or not ident:
        raise InvalidInput(f"`after` is not a cursor of this list: {cursor!r}")
    return ident


async def paginate(
    ctx: Context[Any], kind: str, statements: tuple[Statement, Statement],
    params: Mapping[str, Any], first: int | None, after: str | None,
    build: Callable[[Row], Item], prime: Callable[[Sequence[Item]], None],
) -> Connection[Item]:
    """One page of `kind` (page and count statements) after the cursor `after`: each row's item
    built (`build`) and handed to the loaders (`prime`, so nested fields need not load it
    again); `totalCount` runs its statement only when asked for."""
    limits = ctx.api.limits
    size = limits.default_page_size if first is None else first
    if size < 0 or size > limits.max_page_size:
        raise InvalidInput(f"`first` must be from 0 to {limits.max_page_size}")
    after_id = decode_cursor(kind, after) if after else None
    page_stmt, count_stmt = statements
    rows = await ctx.rows(page_stmt, {**params, "after": after_id, "limit": size + 1})
    items = [build(r["item"]) for r in rows[:size]]
    prime(items)
    ids = [r["item"]["id"] for r in rows[:size]]
    edges = [Edge(cursor=encode_cursor(kind, ident), node=item)
             for ident, item in zip(ids, items, strict=True)]

    async def count() -> int:
        found = await ctx.rows(count_stmt, params)
        return int(found[0]["total"]) if found else 0

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size, has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )
