"""The FalkorDB adapter (embedded default engine), over the Redis protocol on a unix socket."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import redis.exceptions
from falkordb import FalkorDB

from relgraph.cypher import Statement
from relgraph.errors import EngineUnavailable, QueryFailed
from relgraph.store.base import Row, plain
from relgraph.store.embedded import describe_version


class FalkorStore:
    """GraphStore on FalkorDB: each statement is one atomic GRAPH.QUERY."""

    engine = "falkordb"

    def __init__(self, socket_path: Path, graph: str, timeout_ms: int) -> None:
        self._socket = socket_path
        try:
            self._db = FalkorDB(unix_socket_path=str(socket_path))
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise EngineUnavailable(
                f"cannot reach the embedded engine at {socket_path}: {exc}"
            ) from exc
        self._graph = self._db.select_graph(graph)
        self._timeout_ms = timeout_ms
        self.statements_run = 0

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.statements_run += 1
        query = self._graph.query if statement.writes else self._graph.ro_query
        values = dict(params or {})
        try:
            try:
                result = query(statement.text, values, timeout=self._timeout_ms)
            except redis.exceptions.ResponseError as exc:
                if "empty key" not in str(exc):
                    raise
                # A read on a graph that does not exist yet: an empty graph answers it.
                result = self._graph.query(statement.text, values, timeout=self._timeout_ms)
        except redis.exceptions.ConnectionError as exc:
            raise EngineUnavailable(
                f"lost the embedded engine at {self._socket} ({exc}); "
                "`relgraph db start` restarts it"
            ) from exc
        except redis.exceptions.ResponseError as exc:
            raise QueryFailed(statement.name, _reason(exc)) from exc
        columns = [str(h[1]) for h in result.header]
        return [
            {c: plain(v) for c, v in zip(columns, row, strict=True)} for row in result.result_set
        ]

    def run_schema(self, ddl: str) -> None:
        self.statements_run += 1
        try:
            if ddl.upper().startswith("GRAPH.CONSTRAINT"):
                # `GRAPH.CONSTRAINT CREATE <graph> ...` is a command, not Cypher.
                words = ddl.split()
                self._db.connection.execute_command(
                    words[0], words[1], self._graph.name, *words[2:]
                )
            else:
                self._graph.query(ddl)
        except redis.exceptions.ResponseError as exc:
            text = str(exc).lower()
            if "already" in text or "exists" in text:
                return  # idempotent: the index or constraint is there
            raise QueryFailed("schema", f"{ddl}: {_reason(exc)}") from exc

    def version(self) -> str:
        info = self._db.connection.info("server")
        graph = next((m for m in self._db.connection.module_list() if m["name"] == "graph"), None)
        return describe_version(str(info["redis_version"]), int(graph["ver"]) if graph else 0)

    def close(self) -> None:
        self._db.connection.close()


def _reason(exc: Exception) -> str:
    # FalkorDB prefixes messages with "errMsg:" and appends the offending context; keep it short.
    text = str(exc).replace("errMsg: ", "")
    return text.split(" errCtx:")[0].strip()
