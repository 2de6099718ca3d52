"""The error types relgraph raises; each message says what is wrong and what to do."""

from __future__ import annotations


class RelgraphError(Exception):
    """Base of every error relgraph reports to a user (CLI: one line on stderr, exit 1)."""


class EngineUnavailable(RelgraphError):
    """The graph engine cannot be reached or started."""


class InvalidSettings(RelgraphError):
    """A RELGRAPH_* setting has a value relgraph cannot use; the message names the variable."""


class QueryFailed(RelgraphError):
    """A named Cypher statement failed in the engine."""

    def __init__(self, statement: str, reason: str) -> None:
        super().__init__(f"statement {statement!r} failed: {reason}")
        self.statement = statement
        self.reason = reason


class UnknownStatement(RelgraphError):
    """Code asked for a Cypher statement that is not in `cypher/`."""


class NotFound(RelgraphError):
    """A requested record (account, contact, ...) does not exist."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident!r} not found")
        self.kind = kind
        self.ident = ident


class ValidationFailed(RelgraphError):
    """Input was rejected whole; `problems` lists every problem as `path: reason`."""

    def __init__(self, problems: list[str]) -> None:
        head = f"rejected: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(head + "".join(f"\n  {p}" for p in problems))
        self.problems = problems
