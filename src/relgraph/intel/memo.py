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
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar

from relgraph.config import Settings
from relgraph.intel.generation import Generation, graph_generation, per_store
from relgraph.store.base import GraphStore

T = TypeVar("T")

# Answers kept per store. Kept answers are findings and figures, not the facts behind them
# (a coverage of 100 accounts of 10,000 contacts holds 39 MiB of facts; its gaps a few hundred
# KiB): the bound keeps the pages, portfolios, maps and days of several users.
ENTRIES = 64


def settings_key(settings: Settings) -> str:
    """What identifies the settings an answer was computed with (thresholds, cadences, ...)."""
    return settings.model_dump_json()


class Memo:
    """The answers kept for one store, each tagged with the generation it was computed at.

    Single flight: a question asked while the same one is being computed at the same generation
    waits for that computation instead of starting another (a BI tool retrying a slow page, a
    page asked by several users at once). If that computation fails (an API request's ran past
    its time budget), each waiter asks again itself: a failure is the asker's, not the answer.
    """

    def __init__(self, entries: int = ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[Generation, Any]] = OrderedDict()
        self._running: dict[Hashable, tuple[Generation, Future[Any]]] = {}
        self._size = entries
        self.hits = 0
        self.misses = 0

    def answer(self, store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept under `key` if the graph has not changed since, else `compute()`."""
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
                    self._running[key] = (generation, mine)
                    self.misses += 1
                    break
            waited: Future[T] = running[1]
            if waited.exception() is None:  # waits for it; a failure: ask again
                self.hits += 1
                return waited.result()
        try:
            try:
                value = compute()
            except BaseException as failure:
                mine.set_exception(failure)
                raise
            mine.set_result(value)
            if graph_generation(store) == generation:  # no write landed while computing
                self._keep(key, generation, value)
            return value
        finally:
            self._finish(key, mine)

    def _keep(self, key: Hashable, generation: Generation, value: Any) -> None:
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def _finish(self, key: Hashable, done: Future[Any]) -> None:
        with self._lock:
            if key in self._running and self._running[key][1] is done:
                del self._running[key]

    def clear(self) -> None:
        """Forget every kept answer (the benchmark measures the first ask this way)."""
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
