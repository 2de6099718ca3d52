"""Errors of the GraphQL API: each carries `extensions.code`, none reveals internals.

Resolvers raise the library's own errors (relgraph.errors, one type per failure kind); `CODES`
gives each kind its code, and `ErrorPolicy` (a schema extension) gives every error in
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
    Forbidden,
    InvalidInput,
    NotFound,
    QueryFailed,
    RelgraphError,
    Unauthenticated,
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

# The code of each failure kind; an error takes the entry of its nearest class. Anything that is
# not a RelgraphError (a bug) is INTERNAL_SERVER_ERROR.
CODES: dict[type[Exception], str] = {
    RelgraphError: BAD_USER_INPUT,  # the library's other checks, written for users
    InvalidInput: BAD_USER_INPUT,
    ValidationFailed: BAD_USER_INPUT,
    NotFound: NOT_FOUND,
    Unauthenticated: UNAUTHENTICATED,
    Forbidden: FORBIDDEN,
    EngineUnavailable: UNAVAILABLE,
    QueryFailed: INTERNAL,
    UnknownStatement: INTERNAL,
}
# Codes whose errors the client never reads: it gets this message, the server log the error.
MASKED: dict[str, str] = {
    INTERNAL: INTERNAL_MESSAGE,
    UNAVAILABLE: "The graph engine is unavailable; try again later.",
}


def code_of(error: BaseException) -> str:
    """The `extensions.code` of an error (CODES, by its nearest class)."""
    return next((CODES[kind] for kind in type(error).__mro__ if kind in CODES), INTERNAL)


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
    if original is None or (error.path is None and error.message.startswith("Variable '$")):
        return _graphql_own(error)
    code = code_of(original)
    if code in MASKED:
        where = ".".join(map(str, error.path or [])) or "the operation"
        log.error("%s in %s: %s", code, where, original,
                  exc_info=original if code == INTERNAL else None)
        return GraphQLError(MASKED[code], nodes=error.nodes, path=error.path,
                            extensions={"code": code})
    assert isinstance(original, RelgraphError)  # only they have unmasked codes
    return GraphQLError(
        original.headline, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions={"code": code, **original.details},
    )


def _graphql_own(error: GraphQLError) -> GraphQLError:
    """graphql-core's own execution errors: variable values that do not fit their types (bad enum,
    date, number: BAD_USER_INPUT), or a server bug (null for a non-null field)."""
    if error.path is not None and error.message.startswith(
            "Cannot return null for non-nullable field"):
        log.error("server bug: %s at %s", error.message, error.path)
        return GraphQLError(INTERNAL_MESSAGE, nodes=error.nodes, path=error.path,
                            extensions={"code": INTERNAL})
    return coded(error, BAD_USER_INPUT)


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
