"""GraphiQL at `GET /graphql` in a browser: relgraph's own page (`static/graphiql/`) over the
React and GraphiQL files the package ships (relgraph.api.assets), instead of strawberry's page,
which loads them from a public CDN and hangs without internet."""

from __future__ import annotations

import functools

from fastapi import Request
from fastapi.responses import HTMLResponse
from strawberry.fastapi import GraphQLRouter

from relgraph.api.assets import GRAPHIQL_DIR
from relgraph.api.context import Context
from relgraph.api.edge import PAGE_HEADERS
from relgraph.api.loaders import Loaders

__all__ = ["Router", "graphiql_html"]


@functools.cache
def graphiql_html() -> str:
    return (GRAPHIQL_DIR / "index.html").read_text(encoding="utf-8")


class Router(GraphQLRouter[Context[Loaders], None]):
    """strawberry's router, with GraphiQL served from this server under the pages' policy."""

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql_html(), headers=PAGE_HEADERS)
