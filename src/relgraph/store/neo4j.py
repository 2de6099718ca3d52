"""The Neo4j 5 adapter (production engine), via the official driver with managed transactions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from relgraph.config import Settings
from relgraph.cypher import Statement
from relgraph.errors import EngineUnavailable, QueryFailed
from relgraph.store.base import Row, plain


class Neo4jStore:
    """GraphStore on Neo4j: each statement in its own managed transaction.

    Managed transactions (`execute_read` / `execute_write`) retry transient errors (leader
    switches, deadlocks) for us; `neo4j://` routing URIs work because the driver routes reads
    and writes by the access mode of the transaction function.
    """

    engine = "neo4j"

    def __init__(self, settings: Settings) -> None:
        assert settings.neo4j_uri
        self._uri = settings.neo4j_uri
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.neo4j_uri,
                auth=auth,
                connection_timeout=5.0,
                max_transaction_retry_time=15.0,
                # The server's query notifications ("label does not exist" on a new database)
                # would be logged to stderr at every first read; every statement is checked by
                # Neo4j's own analyzer in the tests instead (tests/lint).
                notifications_min_severity="OFF",
            )
            self._driver.verify_connectivity()
        except (
            neo4j_errors.ServiceUnavailable,
            neo4j_errors.AuthError,
            OSError,
            ValueError,
            neo4j_errors.ConfigurationError,
        ) as exc:
            raise EngineUnavailable(
                f"cannot reach Neo4j at {settings.neo4j_uri}: {_first_line(exc)}"
            ) from exc
        self._database = settings.neo4j_database
        self._timeout_s = settings.query_timeout_ms / 1000
        self.statements_run = 0

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.statements_run += 1
        text = statement.text
        values = dict(params or {})

        @neo4j.unit_of_work(timeout=self._timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            result = tx.run(text, values)
            keys = result.keys()
            # A record is the tuple of its values: zipped with the keys once, not a dict
            # (`record.data()`) copied into another.
            return [dict(zip(keys, map(plain, record), strict=True)) for record in result]

        try:
            with self._driver.session(database=self._database) as session:
                if statement.writes:
                    return session.execute_write(work)
                return session.execute_read(work)
        except neo4j_errors.Neo4jError as exc:
            raise QueryFailed(statement.name, _first_line(exc)) from exc
        except (neo4j_errors.DriverError, OSError) as exc:
            raise EngineUnavailable(f"lost Neo4j at {self._uri}: {_first_line(exc)}") from exc

    def run_schema(self, ddl: str) -> None:
        self._auto_commit(ddl, "schema")

    def drop(self) -> None:
        """Every node deleted, in transactions of 10,000 (the indexes and constraints stay: they
        are the schema, which empty_graph applies again anyway)."""
        self._auto_commit(_DROP_ALL, "drop")

    def _auto_commit(self, text: str, name: str) -> None:
        """One engine-specific statement (DDL, the batched drop) in an auto-commit transaction
        (`CALL { } IN TRANSACTIONS` needs one)."""
        self.statements_run += 1
        try:
            with self._driver.session(database=self._database) as session:
                session.run(text).consume()  # (fixed text: no input)
        except neo4j_errors.Neo4jError as exc:
            raise QueryFailed(name, f"{text}: {_first_line(exc)}") from exc
        except (neo4j_errors.DriverError, OSError) as exc:
            raise EngineUnavailable(f"lost Neo4j at {self._uri}: {_first_line(exc)}") from exc

    def version(self) -> str:
        try:
            agent = self._driver.get_server_info().agent  # "Neo4j/5.26.30"
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise EngineUnavailable(f"lost Neo4j at {self._uri}: {_first_line(exc)}") from exc
        return f"Neo4j {agent.rpartition('/')[2]}"

    def close(self) -> None:
        self._driver.close()


_DROP_ALL = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def _first_line(exc: BaseException) -> str:
    # One line for the CLI: the driver's messages span several lines.
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())
