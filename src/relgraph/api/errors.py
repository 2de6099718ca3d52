"""Errors of the GraphQL API: each carries `extensions.code`, none reveals internals.

Resolvers raise `ApiError` subclasses; `ErrorPolicy` (a schema extension) gives every error in
a response its code and replaces anything unexpected (a failed statement, a bug) by a generic
`INTERNAL_SERVER_ERROR`, logging the original on the server. Codes:

- `GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`: the document is not valid GraphQL for
  this schema, or it is deeper / costlier / has more aliases or tokens than the limits allow.
- `BAD_USER_INPUT`: an argument or input value is invalid (page size, cursor, a record the import
  validation rejects: `extensions.problems` lists every problem as `path: reason`).
- `UNAUTHENTICATED`: no, an unknown or a revoked API key.
- `FORBIDDEN`: the key's role or permissions do not allow this.
- `NOT_FOUND`: no such record, or none this key may see (the two are indistinguishable).
- `SERVICE_UNAVAILABLE`: the graph engine cannot be reached.
- `INTERNAL_SERVER_ERROR`: anything else (details only in the server log).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from relgraph.errors import (
    EngineUnavailable,
    NotFound,
    QueryFailed,
    RelgraphError,
    UnknownStatement,
    ValidationFailed,
)

log = logging.getLogger("relgraph.api")

BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
FORBIDDEN = "FORBIDDEN"
UNAUTHENTICATED = "UNAUTHENTICATED"
INTERNAL = "INTERNAL_SERVER_ERROR"
UNAVAILABLE = "SERVICE_UNAVAILABLE"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"

INTERNAL_MESSAGE = "Internal server error; the server log has the details."


class ApiError(Exception):
    """An error meant for the client: its message is shown, `code` goes to extensions."""

    code = INTERNAL

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class BadUserInput(ApiError):
    code = BAD_USER_INPUT


class Forbidden(ApiError):
    code = FORBIDDEN


class Unauthenticated(ApiError):
    code = UNAUTHENTICATED


class NotFoundError(ApiError):
    code = NOT_FOUND


def not_found(kind: str, ident: str) -> NotFoundError:
    """The same message whether the record does not exist or the key may not see it."""
    return NotFoundError(f"{kind} {ident!r} not found")


def rejected(problems: list[str]) -> BadUserInput:
    count = len(problems)
    return BadUserInput(
        f"rejected: {count} problem{'s' if count != 1 else ''}; nothing was written",
        problems=problems,
    )


def coded(error: GraphQLError, code: str, **extra: Any) -> GraphQLError:
    """`error` with `extensions.code` (kept when already set)."""
    extensions = dict(error.extensions or {})
    extensions.setdefault("code", code)
    extensions.update(extra)
    return GraphQLError(
        error.message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, original_error=None, extensions=extensions,
    )


def classify(error: GraphQLError) -> GraphQLError:
    """The client's view of an execution error: coded, with internals removed."""
    original = error.original_error
    if error.path is None and error.message.startswith("Variable '$"):
        # graphql-core could not coerce a variable to its type (bad enum, date, number...).
        return coded(error, BAD_USER_INPUT)
    if original is None:
        if error.message.startswith("Cannot return null for non-nullable field"):
            log.error("server bug: %s at %s", error.message, error.path)
            return GraphQLError(INTERNAL_MESSAGE, nodes=error.nodes, path=error.path,
                                extensions={"code": INTERNAL})
        # graphql-core's own errors: variable values that do not fit their types, and the like.
        return coded(error, BAD_USER_INPUT)
    if isinstance(original, ApiError):
        return _from_api_error(error, original)
    if isinstance(original, ValidationFailed):
        return _from_api_error(error, rejected(list(original.problems)))
    if isinstance(original, NotFound):
        return _from_api_error(error, not_found(original.kind, original.ident))
    if isinstance(original, EngineUnavailable):
        log.error("graph engine unavailable: %s", original)
        return GraphQLError("The graph engine is unavailable; try again later.",
                            nodes=error.nodes, path=error.path, extensions={"code": UNAVAILABLE})
    if isinstance(original, RelgraphError) and not isinstance(
            original, QueryFailed | UnknownStatement):
        # The library's own argument checks ("max_hops must be between 1 and 6, got 9", ...):
        # written for users, one line.
        return _from_api_error(error, BadUserInput(str(original).splitlines()[0]))
    log.error("unexpected error in %s", ".".join(map(str, error.path or [])) or "the operation",
              exc_info=original)
    return GraphQLError(INTERNAL_MESSAGE, nodes=error.nodes, path=error.path,
                        extensions={"code": INTERNAL})


def _from_api_error(error: GraphQLError, api_error: ApiError) -> GraphQLError:
    return GraphQLError(
        api_error.message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions={"code": api_error.code, **api_error.extensions},
    )


def _mark(errors: list[GraphQLError] | None, code: str) -> None:
    """Give pre-execution errors their code in place (the response holds the same objects)."""
    for error in errors or ():
        if error.original_error is None and not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": code}


class ErrorPolicy(SchemaExtension):
    """Code every error of a response; mask the unexpected ones (see the module doc)."""

    def on_parse(self) -> Iterator[None]:
        yield
        _mark(self.execution_context.pre_execution_errors, PARSE_FAILED)

    def on_validate(self) -> Iterator[None]:
        yield
        _mark(self.execution_context.pre_execution_errors, VALIDATION_FAILED)

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [
                e if (e.extensions or {}).get("code") and e.original_error is None
                else classify(e)
                for e in errors
            ]
