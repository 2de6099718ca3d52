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
- `REQUEST_TIMEOUT`: the request's reads ran past its time budget (`RELGRAPH_API_TIME_BUDGET_S`);
  the fields not answered by then are null with this error. When the field is one whose answer
  is kept (gaps, figures, a power map), `extensions.stillComputing` is true: its computation goes
  on and asking again gets the answer.
- `SERVER_BUSY`: as many requests as the server takes at once (`RELGRAPH_API_MAX_CONCURRENT`)
  are running; answered at once with HTTP 503 and `Retry-After`, never queued.
- `INTERNAL_SERVER_ERROR`: anything else (details only in the server log).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import SKIP, GraphQLError, GraphQLInputType, ValidationContext, ValueNode
from graphql.language import ArgumentNode, FieldNode, VariableDefinitionNode
from graphql.language.visitor import VisitorAction
from graphql.utilities.validate_input_value import validate_input_literal
from graphql.validation import ValuesOfCorrectTypeRule
from strawberry.extensions import SchemaExtension

from relgraph.errors import (
    EngineUnavailable,
    Forbidden,
    InvalidInput,
    NotFound,
    QueryFailed,
    RelgraphError,
    StillComputing,
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
TIMEOUT = "REQUEST_TIMEOUT"
BUSY = "SERVER_BUSY"

INTERNAL_MESSAGE = "Internal server error; the server log has the details."


class TimeBudgetExceeded(RelgraphError):
    """A request's reads ran past its time budget."""

    def __init__(self, budget_s: float) -> None:
        super().__init__(f"the request ran past its time budget of {budget_s:g} s; ask for "
                         "less in one request (smaller pages, fewer analyses)")

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
    TimeBudgetExceeded: TIMEOUT,
    StillComputing: TIMEOUT,
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


def client_error(original: BaseException, error: GraphQLError | None = None) -> GraphQLError:
    """What the client sees of `original` (raised where `error` says, if given): its message
    and code, or only a code and a generic message for the masked codes (logged here)."""
    nodes, path = (error.nodes, error.path) if error is not None else (None, None)
    code = code_of(original)
    if code in MASKED:
        where = ".".join(map(str, path or [])) or "the operation"
        log.error("%s in %s: %s", code, where, original,
                  exc_info=original if code == INTERNAL else None)
        return GraphQLError(MASKED[code], nodes=nodes, path=path, extensions={"code": code})
    assert isinstance(original, RelgraphError)  # only they have unmasked codes
    if error is None:
        return GraphQLError(original.headline, extensions={"code": code, **original.details})
    return GraphQLError(
        original.headline, nodes=nodes, source=error.source, positions=error.positions,
        path=path, extensions={"code": code, **original.details},
    )


def classify(error: GraphQLError) -> GraphQLError:
    """The client's view of an execution error: coded, with internals removed."""
    original = error.original_error
    if original is None or (error.path is None and error.message.startswith("Variable '$")):
        return _graphql_own(error)
    return client_error(original, error)


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


class ArgumentValues(ValuesOfCorrectTypeRule):
    """graphql-core's check of literal values (a bad date, an unknown enum value, ...), with
    each error naming the argument and field it is about and coded BAD_USER_INPUT: the value is
    the client's input, not the shape of its query."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._fields: list[str] = []
        self._argument: str | None = None

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        self._fields.append(node.name.value)

    def leave_field(self, *_: Any) -> None:
        self._fields.pop()

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self._argument = node.name.value

    def leave_argument(self, *_: Any) -> None:
        self._argument = None

    def enter_variable_definition(self, node: VariableDefinitionNode, *_: Any) -> None:
        self._argument = f"${node.variable.name.value}"  # its default value

    def leave_variable_definition(self, *_: Any) -> None:
        self._argument = None

    def is_valid_value_node(self, node: ValueNode,
                            input_type: GraphQLInputType | None) -> VisitorAction:
        if input_type:
            validate_input_literal(node, input_type, self._named, None, None,
                                   self.context.hide_suggestions)
        return SKIP

    def _named(self, error: GraphQLError, path: list[str | int]) -> None:
        """Report `error` as `` `input.date` of `recordAssessment`: ...``."""
        inner = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        where = f"`{self._argument or 'value'}{inner}`"
        extensions: dict[str, Any] = {"code": BAD_USER_INPUT}
        if self._fields:
            where += f" of `{self._fields[-1]}`"
            extensions["field"] = self._fields[-1]
        if self._argument:
            extensions["argument"] = self._argument
        self.report_error(GraphQLError(f"{where}: {error.message}", error.nodes,
                                       extensions=extensions))
