"""Answers kept per graph generation: a question asked again about an unchanged graph is answered
from memory, at the cost of one statement (the generation read).

An answer computed at generation g (relgraph.intel.generation) is the answer at g: gaps, the
power map and the figures are pure functions of the graph, the as-of day, the settings and the
accounts asked. A kept answer is used only while the graph's generation is still the one it
was computed at, so it is never stale, whichever process or path (API, CLI, import) wrote. An
answer whose computation saw a write land between its statements is returned but not kept (it
may mix two generations).

Answers are kept per store object, like the link projection: the requests of one API process
share them. Bounded by entries, least recently used first out.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future
from typing import Any, TypeVar

from relgraph.collector import collector_paused
from relgraph.config import Settings
from relgraph.intel.generation import (
    Generation,
    Marker,
    graph_generation,
    graph_marker,
    per_store,
    wait_for,
)
from relgraph.store.base import GraphStore, note_waiting, read_deadline, unbounded

T = TypeVar("T")

# Answers kept per store. Kept answers are findings and figures, not the facts behind them
# (a coverage of 100 accounts of 10,000 contacts holds 39 MiB of facts; its gaps a few hundred
# KiB): the bound keeps the pages, portfolios, maps and days of several users.
ENTRIES = 64
# Per-account answers kept per store (a few KiB each: the gaps of one account).
ACCOUNT_ENTRIES = 8_000
# Computations finishing in the background at once, per store (each holds the facts it reads:
# up to a few hundred MiB for a whole portfolio of 100k contacts).
BACKGROUND = 2


def settings_key(settings: Settings) -> str:
    """What identifies the settings an answer was computed with (thresholds, cadences, ...)."""
    return settings.model_dump_json()


class Memo:
    """The answers kept for one store, each tagged with the generation it was computed at.

    Single flight: a question asked while the same one is being computed at the same generation
    waits for that computation instead of starting another (a BI tool retrying a slow page, a
    page asked by several users at once). If that computation fails, each waiter asks again
    itself: a failure is the asker's, not the answer.

    Finished in the background: an asker whose reads stop at a deadline (an API request's
    budgeted store, `store.base.read_deadline`) has its computation run on a thread of its own
    against the store without the deadline, and waits for it until the deadline. Past it the
    asker gets StillComputing, and the computation goes on and keeps its answer, so asking
    again gets it: a whole portfolio that takes longer than one request's budget is answered
    once instead of never. At most `BACKGROUND` such computations run at once; beyond that an
    asker computes within its own budget as before.
    """

    def __init__(self, entries: int = ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[Generation, Any]] = OrderedDict()
        # key -> (generation, the computation, when it began, whether in the background)
        self._running: dict[Hashable, tuple[Generation, Future[Any], float, bool]] = {}
        self._background = 0
        self._size = entries
        self.hits = 0
        self.misses = 0
        self.accounts = AccountAnswers()

    def answer(self, store: GraphStore, key: Hashable, compute: Callable[[GraphStore], T]) -> T:
        """The answer kept under `key` if the graph has not changed since, else
        `compute(store)` (with `store` without its deadline when computed in the background)."""
        deadline = read_deadline(store)
        while True:
            generation = graph_generation(store)
            with self._lock:
                kept = self._entries.get(key)
                if kept is not None and kept[0] == generation:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    value: T = kept[1]
                    return value
                running = self._running.get(key)
                if running is None or running[0] != generation or _failed(running[1]):
                    mine: Future[T] = Future()
                    detach = deadline is not None and self._background < BACKGROUND
                    self._background += detach
                    began = time.monotonic()
                    self._running[key] = (generation, mine, began, detach)
                    self.misses += 1
                    break
            _, waited, began, background = running
            if background:  # it goes on past our deadline
                note_waiting(store, began)
            failure = wait_for(waited, deadline, began)
            if failure is None:
                self.hits += 1
                answered: T = waited.result()
                return answered
            if not waited.done():
                raise failure  # StillComputing: the asker's deadline came first
            # it failed: ask again (and compute it ourselves)
        if not detach:
            self._compute(store, key, generation, compute, mine)
            return mine.result()
        note_waiting(store, began)
        threading.Thread(target=self._compute, name="relgraph-kept-answer", daemon=True,
                         args=(unbounded(store), key, generation, compute, mine, True)).start()
        failure = wait_for(mine, deadline, began)
        if failure is not None:
            raise failure
        return mine.result()

    def _compute(self, store: GraphStore, key: Hashable, generation: Generation,
                 compute: Callable[[GraphStore], T], mine: Future[T],
                 background: bool = False) -> None:
        """Compute, settle `mine` (its waiters see a failure and compute themselves) and keep
        the answer if no write landed while computing."""
        try:
            try:
                with collector_paused():
                    value = compute(store)
            except BaseException as failure:  # the asker's (and, inline, raised to it)
                mine.set_exception(failure)
                return
            try:
                unchanged = graph_generation(store) == generation
            except Exception:  # e.g. the asker's budget ran out just now: answered, not kept
                unchanged = False
            if unchanged:  # no write landed while computing; kept before anyone is answered
                self._keep(key, generation, value)
            mine.set_result(value)
        finally:
            self._finish(key, mine, background)

    def _keep(self, key: Hashable, generation: Generation, value: Any) -> None:
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def _finish(self, key: Hashable, done: Future[Any], background: bool) -> None:
        with self._lock:
            self._background -= background
            if key in self._running and self._running[key][1] is done:
                del self._running[key]

    def clear(self) -> None:
        """Forget every kept answer (the benchmark measures the first ask this way)."""
        with self._lock:
            self._entries.clear()
        self.accounts.clear()


class AccountAnswers:
    """Answers about one account each (its gaps of some kinds at a day), kept with what they
    depend on: tokens of the write log ('a:<account>', 's:<staff member>';
    relgraph.intel.generation.Marker). A kept answer is used at a later generation when every
    write since logged its tokens and none of them is one of the answer's: an answer about one
    account survives a write about another. Then it is taken as computed at the later
    generation too, so that it does not age out of the log while nothing it depends on changes.
    """

    def __init__(self, entries: int = ACCOUNT_ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[Generation, frozenset[str], Any]] = (
            OrderedDict())
        self._size = entries
        self.hits = 0
        self.misses = 0

    def get(self, marker: Marker, key: Hashable) -> tuple[bool, Any]:
        """(True, the answer) when the one kept under `key` still holds at `marker`."""
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                generation, depends, value = kept
                touched = marker.touched_since(generation)
                if touched is not None and not touched & depends:
                    self._entries[key] = (marker.generation, depends, value)
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return True, value
            self.misses += 1
            return False, None

    def keep(self, generation: Generation, key: Hashable, depends: frozenset[str],
             value: Any) -> None:
        """Keep `value`, computed at `generation`, as depending on the tokens `depends`."""
        with self._lock:
            self._entries[key] = (generation, depends, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _failed(computation: Future[Any]) -> bool:
    return computation.done() and computation.exception() is not None


_MEMOS: weakref.WeakKeyDictionary[GraphStore, Memo] = weakref.WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def memo_of(store: GraphStore) -> Memo:
    """The answers kept for the store `store` reads, shared by every user of it in this
    process."""
    return per_store(_MEMOS, _MEMOS_LOCK, store, Memo)


class AccountRound:
    """One computation's use of the answers kept per account (`AccountAnswers`): `split` the
    accounts asked into the answers still kept and the accounts to compute, `add` what was
    computed, and `finish`: the new answers are kept only if no write landed meanwhile (the
    write-log marker read before and after, one statement each)."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._kept = memo_of(store).accounts
        self.marker = graph_marker(store)
        self._new: list[tuple[Hashable, frozenset[str], Any]] = []

    def split(self, account_ids: Iterable[str],
              question: tuple[Hashable, ...]) -> tuple[dict[str, Any], list[str]]:
        """The kept answers to `question` by account, and the accounts without one."""
        found: dict[str, Any] = {}
        stale: list[str] = []
        for aid in account_ids:
            hit, value = self._kept.get(self.marker, (aid, *question))
            if hit:
                found[aid] = value
            else:
                stale.append(aid)
        return found, stale

    def shared(self, question: tuple[Hashable, ...], read: Callable[[], T]) -> T:
        """An answer about no account in particular (the roster of candidates) that only a
        write without a log can change: kept like an account's, with no token, so that it
        survives every write that logs what it touched; `read()` when it is not kept."""
        key = ("*", *question)
        hit, value = self._kept.get(self.marker, key)
        if hit:
            found: T = value
            return found
        fresh = read()
        self._new.append((key, frozenset(), fresh))
        return fresh

    def add(self, account_id: str, question: tuple[Hashable, ...], depends: frozenset[str],
            value: Any) -> None:
        """An answer computed in this round, depending on the write-log tokens `depends`."""
        self._new.append(((account_id, *question), depends, value))

    def finish(self) -> None:
        if self._new and graph_marker(self._store).generation == self.marker.generation:
            for key, depends, value in self._new:
                self._kept.keep(self.marker.generation, key, depends, value)
        self._new.clear()
