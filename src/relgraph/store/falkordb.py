"""The FalkorDB adapter (embedded default engine), over the Redis protocol on a unix socket.

Reads carry the query timeout; writes carry none, and the engine has no default timeout: a
write replayed from the append-only file must never be cut off (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import redis.exceptions
from falkordb import FalkorDB
from falkordb.query_result import parse_scalar

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
        return self._send(statement, self._text(statement, params))

    def run_each(self, statement: Statement,
                 batches: Iterable[Mapping[str, Any]]) -> Iterator[list[Row]]:
        """`run` once per parameters, in order; the next statement's text (its parameters
        written out, which is Python work) is built in a helper thread while the engine runs
        the one before."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="relgraph-prepare") as ahead:
            texts = (ahead.submit(self._text, statement, params) for params in batches)
            upcoming = next(texts, None)
            while upcoming is not None:
                text = upcoming.result()
                upcoming = next(texts, None)  # submitted before this one is sent
                yield self._send(statement, text)

    @contextlib.contextmanager
    def send(self, statement: Statement,
             params: Mapping[str, Any] | None = None) -> Iterator[Callable[[], list[Row]]]:
        """`run` of a read in two halves (store.base.sent_ahead): the statement is sent now, on
        a connection of the client's pool held meanwhile, and its reply read at `rows()`, so
        the engine runs it while the caller computes. One statement in flight, as `run`.
        Unlike `run` the client's own retries are not there: a connection found broken is
        opened again once, and a read that fails on the way back is run again with `run`
        (a read can be)."""
        if statement.writes:
            raise QueryFailed(statement.name, "only a read can be sent ahead of its rows")
        text = self._text(statement, params)
        words = ("GRAPH.RO_QUERY", self._graph.name, text, "--compact",
                 "timeout", self._timeout_ms)
        pool = self._db.connection.connection_pool
        self.statements_run += 1
        with _engine_errors(statement.name):
            conn = pool.get_connection()
        unread = True
        try:
            try:
                conn.send_command(*words)
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                conn.disconnect()  # e.g. the engine was restarted since it was opened
                with _engine_errors(statement.name):
                    conn.send_command(*words)
            answer: list[list[Row]] = []

            def rows() -> list[Row]:
                nonlocal unread
                if not answer:
                    unread = False
                    answer.append(self._reply_of(statement, params, conn))
                return answer[0]

            yield rows
        finally:
            if unread:
                try:
                    conn.read_response()  # the reply nobody asked for: the connection clean
                except Exception:  # any failure: the connection is not used again
                    conn.disconnect()
            pool.release(conn)

    def _reply_of(self, statement: Statement, params: Mapping[str, Any] | None,
                  conn: Any) -> list[Row]:
        """The rows of the reply to a statement `send` sent on `conn`."""
        try:
            reply = conn.read_response()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return self.run(statement, params)  # the client disconnected it: asked again
        except redis.exceptions.ResponseError as exc:
            if "empty key" not in str(exc):
                with _engine_errors(statement.name):
                    raise
            return self.run(statement, params)  # a graph not written yet: as `run` answers
        with _engine_errors(statement.name):
            return rows_of(_raise_errors(reply))

    def _text(self, statement: Statement, params: Mapping[str, Any] | None) -> str:
        """The statement with its parameters in front; refused if it holds what must not
        reach the engine."""
        values = dict(params or {})
        refused = _unsafe(values, statement.writes)
        if refused:
            raise QueryFailed(statement.name, f"refused before the engine: {refused}")
        return self._params_header(values) + statement.text

    def _send(self, statement: Statement, text: str) -> list[Row]:
        self.statements_run += 1
        command, timeout = ("GRAPH.QUERY", None) if statement.writes else (
            "GRAPH.RO_QUERY", self._timeout_ms)
        with _engine_errors(statement.name):
            try:
                reply = self._execute(command, text, timeout)
            except redis.exceptions.ResponseError as exc:
                if "empty key" not in str(exc):
                    raise
                # A read on a graph that does not exist yet: an empty graph answers it.
                reply = self._execute("GRAPH.QUERY", text, timeout)
        return rows_of(reply)

    def _params_header(self, values: dict[str, Any]) -> str:
        """The client's `CYPHER name=value ...` prefix; lists of strings (thousands of ids)
        written in one join, which gives the same text as the client's value by value."""
        ids = {k: v for k, v in values.items()
               if type(v) is list and all(type(x) is str for x in v)}
        header: str = self._graph._build_params_header(
            {k: v for k, v in values.items() if k not in ids})
        for name, items in ids.items():
            quoted = ",".join('"' + x.replace("\\", "\\\\").replace('"', '\\"') + '"'
                              for x in items)
            header += f"`{name}`=[{quoted}] "
        return header

    def _execute(self, command: str, text: str, timeout: int | None) -> Any:
        """One GRAPH.QUERY or GRAPH.RO_QUERY in the compact format; a run-time error raises."""
        words: list[Any] = [command, self._graph.name, text, "--compact"]
        if timeout is not None:
            words += ["timeout", timeout]
        return _raise_errors(self._graph.execute_command(*words))

    def run_schema(self, ddl: str) -> None:
        self.statements_run += 1
        with _engine_errors("schema"):
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

    def drop(self) -> None:
        """GRAPH.DELETE: the graph key goes, with its indexes and constraints."""
        self.statements_run += 1
        with _engine_errors("drop"):
            try:
                self._graph.delete()
            except redis.exceptions.ResponseError as exc:
                if "empty key" not in str(exc) and "invalid graph" not in str(exc).lower():
                    raise  # (a graph never written does not exist yet: nothing to drop)

    def version(self) -> str:
        with _engine_errors("version"):
            info = self._db.connection.info("server")
            modules = self._db.connection.module_list()
        graph = next((m for m in modules if m["name"] == "graph"), None)
        return describe_version(str(info["redis_version"]), int(graph["ver"]) if graph else 0)

    def close(self) -> None:
        self._db.connection.close()


def _raise_errors(reply: list[Any]) -> list[Any]:
    """The reply, unless it reports a run-time error (in its first or last part): raised."""
    for part in (reply[0], reply[-1]):
        if isinstance(part, redis.exceptions.ResponseError):
            raise part
    return reply


def rows_of(reply: list[Any]) -> list[Row]:
    """The rows of a compact reply ([header, records, statistics]; a write without RETURN has
    the statistics only), decoded straight into plain values: the client's own parser builds
    OrderedDicts cell by cell, which was most of the client's time on large answers."""
    if len(reply) < 3:
        return []
    columns = [str(h[1]) for h in reply[0]]
    return [dict(zip(columns, map(_plain_cell, row), strict=True)) for row in reply[1]]


# The compact format's scalar types (FalkorDB's VALUE_* numbering).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10
_ENTITIES = {7: "Edge", 8: "Node", 9: "Path"}


def _plain_cell(cell: Sequence[Any]) -> Any:
    kind, value = cell
    if kind == _STRING:
        return value
    if kind == _INTEGER:
        return int(value)
    if kind == _NULL:
        return None
    if kind == _DOUBLE:
        return float(value)
    if kind == _BOOLEAN:
        return value == "true"
    if kind == _ARRAY:
        # Strings and nulls (most values) decoded in place, without a call each: a third of
        # the decoding of 100 accounts' facts.
        return [v if k == _STRING else None if k == _NULL else _plain_cell((k, v))
                for k, v in value]
    if kind == _MAP:
        return {str(value[i]): _plain_cell(value[i + 1]) for i in range(0, len(value), 2)}
    if kind in _ENTITIES:
        raise TypeError(f"unsupported value from the engine: {_ENTITIES[kind]}; statements "
                        "must return plain values or maps, not nodes or paths")
    return plain(parse_scalar(cell, None))  # dates, times, points: the client's own parser


@contextlib.contextmanager
def _engine_errors(name: str) -> Iterator[None]:
    """The client's errors as relgraph's: the engine gone or busy, or the statement failed."""
    try:
        yield
    except redis.exceptions.BusyLoadingError as exc:
        raise EngineUnavailable("the embedded engine is still loading its data; "
                                "try again shortly") from exc
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
        raise EngineUnavailable(
            f"lost the embedded engine ({type(exc).__name__}); `relgraph db start` restarts it"
        ) from exc
    except redis.exceptions.RedisError as exc:
        raise QueryFailed(name, _reason(exc)) from exc


# What the client cannot send intact (it inlines parameters into the query text); and what
# crashes FalkorDB 4.16 (SIGSEGV) when written to a uniquely constrained `id`: its exact-match
# index trims ASCII whitespace and splits at U+0001 (such an id is found under another one),
# so the constraint check finds no entry for the value it checks; over 4096 bytes crash it too.
_UNSENDABLE = re.compile("[\x00\ud800-\udfff]")
_UNINDEXABLE = re.compile("^[ \t\n\r\x0b\x0c]|[ \t\n\r\x0b\x0c]$|\x01")
_INDEX_MAX_BYTES = 4096


def _unsafe(params: Mapping[str, Any], writes: bool) -> str | None:
    """Where the parameters hold a value no statement may send (the gate's backstop)."""
    if writes:
        for where, ident in _written_ids(params):
            if isinstance(ident, str) and (_UNINDEXABLE.search(ident) or (
                    len(ident) > _INDEX_MAX_BYTES // 4
                    and len(ident.encode("utf-8", "surrogatepass")) > _INDEX_MAX_BYTES)):
                return (f"{where} has leading or trailing whitespace, U+0001 or over "
                        f"{_INDEX_MAX_BYTES} bytes, which FalkorDB cannot index as a unique id")
    # One look at C speed first: `repr` writes NUL as \x00 and a lone surrogate as \udXXX
    # (a literal backslash as two, so text that merely looks so only costs the walk below).
    text = repr(params)
    if "\\x00" not in text and "\\ud" not in text:
        return None
    stack: list[tuple[str, Any]] = list(params.items())
    while stack:
        where, value = stack.pop()
        if isinstance(value, str) and _UNSENDABLE.search(value):
            return f"{where} holds a NUL character or a lone surrogate"
        if isinstance(value, Mapping):
            stack.extend((f"{where}.{key}", item) for key, item in value.items())
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return None


def _written_ids(params: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """The node ids a write statement sets: an `id` parameter, or the `id` of each row."""
    for name, value in params.items():
        if name == "id":
            yield name, value
        elif isinstance(value, list):
            yield from ((f"{name}[{i}].id", row.get("id")) for i, row in enumerate(value)
                        if isinstance(row, Mapping))


def _reason(exc: Exception) -> str:
    # FalkorDB prefixes messages with "errMsg:" and appends the offending context; keep it short.
    text = str(exc).replace("errMsg: ", "")
    return text.split(" errCtx:")[0].strip()
