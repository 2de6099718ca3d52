"""The API server: FastAPI with the strawberry schema at `/graphql` (relgraph.api.graphiql's
GraphiQL in a browser), `/healthz`, the power map under `/map/` and the pages' libraries under
`/static/`. `create_app(settings, store=None)` builds it; without a store it opens the
configured one at start-up (one store per app) and closes it at shutdown.

Order of checks for each GraphQL request, all before any resolver runs:
1. the HTTP edge (relgraph.api.edge): the concurrency cap, the body limit, security headers;
2. parse (at most `max_tokens` tokens);
3. limits (relgraph.api.limits): depth, aliases, estimated cost, page sizes, argument ranges
   and list lengths, in one linear walk of the document, no database access;
4. graphql-core's validation (a literal value that does not fit its argument: BAD_USER_INPUT);
5. authentication: the API key (one statement), or the development principal.

Each operation runs in a worker thread on an event loop of its own (`Schema.execute`): parsing,
validating and executing a large document, or completing a large answer, never holds up the
server's loop, which keeps accepting requests and answering `/healthz`.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
import strawberry
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from graphql.validation import ValuesOfCorrectTypeRule
from strawberry.extensions import MaxTokensLimiter, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult

from relgraph.api.assets import mount_assets
from relgraph.api.auth import DEVELOPER, Principal, bearer_secret, key_for_secret
from relgraph.api.context import Api, Context
from relgraph.api.edge import Edge
from relgraph.api.errors import ArgumentValues, ErrorPolicy, client_error
from relgraph.api.graphiql import Router
from relgraph.api.limits import Limits, check_query
from relgraph.api.loaders import Loaders
from relgraph.api.map_page import mount_map
from relgraph.api.schema import Mutation, Query
from relgraph.config import Settings
from relgraph.errors import RelgraphError, Unauthenticated
from relgraph.store import GraphStore, open_store

log = logging.getLogger("relgraph.api")

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """Whether binding to `host` only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_dev_no_auth(settings: Settings) -> None:
    if settings.dev_no_auth and not is_loopback(settings.host):
        raise RelgraphError(
            f"refusing to serve without API keys on {settings.host}: the development flag "
            "(--dev-no-auth / RELGRAPH_DEV_NO_AUTH) is only allowed on a loopback address "
            "such as 127.0.0.1"
        )


async def authenticate(ctx: Context[Loaders]) -> Principal:
    if ctx.api.dev_no_auth:
        return DEVELOPER
    secret = bearer_secret(ctx.authorization)
    if secret is None:
        raise Unauthenticated("missing API key: send `Authorization: Bearer SECRET` "
                              "(create one with `relgraph keys create`)")
    key = await ctx.call(key_for_secret, ctx.store, secret)
    if key is None:
        raise Unauthenticated("unknown or revoked API key")
    return key.principal()


class Checks(SchemaExtension):
    """The limits of the document (relgraph.api.limits) before graphql-core validates it; the
    values of its arguments checked by ArgumentValues (BAD_USER_INPUT naming the argument)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        run = self.execution_context
        if run.graphql_document is not None and run.pre_execution_errors is None:
            checked = check_query(run.schema._schema, run.graphql_document, run.operation_name,
                                  run.variables, self.limits)
            if checked.errors:
                run.pre_execution_errors = checked.errors  # graphql-core does not run then
            run.validation_rules = tuple(
                ArgumentValues if rule is ValuesOfCorrectTypeRule else rule
                for rule in run.validation_rules)
        yield


class Guard(SchemaExtension):
    """Authentication before the operation executes (a document past the checks only)."""

    async def on_execute(self) -> AsyncIterator[None]:
        run = self.execution_context
        ctx = run.context
        assert isinstance(ctx, Context)
        try:
            ctx.principal = await authenticate(ctx)
        except Exception as exc:  # any failure: its code, masked when internal
            run.result = GraphQLExecutionResult(data=None, errors=[client_error(exc)])
        yield


class Schema(strawberry.Schema):
    """The schema, each operation run in a worker thread on an event loop of its own."""

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        operation = super().execute(*args, **kwargs)
        return await anyio.to_thread.run_sync(asyncio.run, operation)

    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        """Clients' errors are not the server's: ErrorPolicy logs the masked ones (bugs, the
        engine down), not every rejected request with a traceback."""


def build_schema(limits: Limits | None = None) -> Schema:
    """The schema with the request guards of `limits` (defaults: Limits())."""
    chosen = limits or Limits()
    extensions: list[Callable[[], SchemaExtension]] = [
        functools.partial(MaxTokensLimiter, max_token_count=chosen.max_tokens),
        functools.partial(Checks, chosen),
        Guard,
        ErrorPolicy,
    ]
    return Schema(query=Query, mutation=Mutation, extensions=extensions,
                  config=StrawberryConfig(auto_camel_case=True))


def create_app(
    settings: Settings, store: GraphStore | None = None, limits: Limits | None = None,
) -> FastAPI:
    """The ASGI app. With `store` given, the caller owns it (tests); else it is opened here."""
    check_dev_no_auth(settings)
    chosen = limits or Limits()
    state: dict[str, Api] = {}
    if store is not None:
        state["api"] = Api(store, settings, chosen, settings.dev_no_auth)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        opened: GraphStore | None = None
        if "api" not in state:
            opened = await anyio.to_thread.run_sync(open_store, settings)
            state["api"] = Api(opened, settings, chosen, settings.dev_no_auth)
        if settings.dev_no_auth:
            log.warning("serving WITHOUT API keys (development flag) on %s", settings.host)
        try:
            yield
        finally:
            if opened is not None:
                opened.close()
                state.pop("api", None)

    def api() -> Api:
        if "api" not in state:
            raise RelgraphError("the API is not started (its store is not open)")
        return state["api"]

    async def context(request: Request) -> Context[Loaders]:
        """The request's context, with its loaders (one set per request)."""
        return Context(api(), request.headers.get("authorization"), Loaders)

    router = Router(
        build_schema(chosen), context_getter=context, graphql_ide="graphiql",
        subscription_protocols=(),
    )
    app = FastAPI(title="relgraph", summary="Relationship intelligence over GraphQL",
                  lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(router, prefix="/graphql")
    app.add_middleware(Edge, limits=chosen)

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        current = state.get("api")
        if current is None:
            return JSONResponse({"status": "starting", "reachable": False}, status_code=503)
        try:
            version = await anyio.to_thread.run_sync(current.store.version)
        except Exception as exc:  # any failure means: not reachable
            log.warning("health check: engine unreachable: %s", exc)
            return JSONResponse({"status": "unavailable", "engine": current.store.engine,
                                 "reachable": False}, status_code=503)
        return JSONResponse({"status": "ok", "engine": current.store.engine,
                             "version": version, "reachable": True})

    mount_assets(app)  # the browser libraries the pages load, shipped in the package
    mount_map(app)  # the power map page (/map/{accountId}) over this same API
    return app
