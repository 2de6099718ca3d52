"""The error types relgraph raises: one per failure kind, shared by the library, the CLI and the
GraphQL API. Each message says what is wrong and what to do.

    RelgraphError            every error meant for a user (CLI: one line on stderr, exit 1)
    ├── EngineUnavailable    the graph engine cannot be reached or started
    ├── QueryFailed          a named Cypher statement failed in the engine
    ├── UnknownStatement     code asked for a statement that is not in `cypher/`
    ├── InvalidInput         an argument is malformed or out of range (hops, page size, cursor)
    ├── ValidationFailed     a document was rejected whole; `problems` lists every problem
    ├── NotFound             no such record (or none the asker may see: the same answer)
    ├── Unauthenticated      no API key, or an unknown or revoked one
    ├── Forbidden            the API key's role or permissions do not allow this
    └── StillComputing       a kept answer outlasted the asker's time budget; ask again

The GraphQL API gives each kind its `extensions.code` by one table (relgraph.api.errors.CODES).
"""

from __future__ import annotations

from typing import Any


class RelgraphError(Exception):
    """Base of every error relgraph reports to a user (CLI: one line on stderr, exit 1)."""

    problems: list[str] | None = None  # each problem as `path: reason`, when there are several

    @property
    def headline(self) -> str:
        """The message in one line, as the CLI and the API show it."""
        return str(self).splitlines()[0] if str(self) else type(self).__name__

    @property
    def details(self) -> dict[str, Any]:
        """Facts a client may act on beside the message: the `problems`, when there are."""
        return {} if self.problems is None else {"problems": list(self.problems)}


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


class InvalidInput(RelgraphError):
    """An argument is malformed or out of range; the message names it and what is allowed."""


class ValidationFailed(RelgraphError):
    """Input was rejected whole; `problems` lists every problem as `path: reason`."""

    problems: list[str]

    def __init__(self, problems: list[str]) -> None:
        super().__init__(self.summary_of(problems) + "".join(f"\n  {p}" for p in problems))
        self.problems = problems

    @staticmethod
    def summary_of(problems: list[str]) -> str:
        return f"rejected: {len(problems)} problem{'s' if len(problems) != 1 else ''}"

    @property
    def headline(self) -> str:
        return f"{self.summary_of(self.problems)}; nothing was written"


class NotFound(RelgraphError):
    """A requested record (account, contact, ...) does not exist, or the asker may not see it:
    both give the same message, so that an answer never tells a hidden record exists."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident!r} not found")
        self.kind = kind
        self.ident = ident


class Unauthenticated(RelgraphError):
    """No API key, or an unknown or revoked one."""


class Forbidden(RelgraphError):
    """The API key's role or permissions do not allow this; `problems` may say what exactly."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems


class StillComputing(RelgraphError):
    """An answer that is kept (gaps, figures, a power map) takes longer than the asker's time
    budget: its computation goes on, and the answer will be kept for the next ask."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the answer is still being computed ({seconds:.0f} s so far) and will "
                         "be kept: ask again in a little while")
        self.seconds = seconds

    @property
    def details(self) -> dict[str, Any]:
        return {"stillComputing": True, "secondsSoFar": round(self.seconds, 1)}
