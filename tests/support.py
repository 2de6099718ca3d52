"""Helpers shared by the test modules (fixtures live in conftest.py files)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from relgraph.cypher import Statement
from relgraph.ingest.importer import write_unchecked
from relgraph.model import ARRAYS
from relgraph.store import GraphStore
from relgraph.store.base import Row


def load(store: GraphStore, doc: Mapping[str, list[dict[str, Any]]] | None = None,
         **arrays: list[dict[str, Any]]) -> None:
    """Write contract-shaped records (a document's arrays) into the graph, with the import's
    own write steps.

    Records are checked one by one (pydantic) but not as a document: a test may build a graph
    that the import would refuse, e.g. to show what a rule does with it.
    """
    given = {**(doc or {}), **arrays}
    write_unchecked(store, {k: [ARRAYS[k].model_validate(r) for r in v] for k, v in given.items()})


def cycle_document() -> dict[str, Any]:
    """A small valid relgraph/1 document with every array of the management cycle (plans,
    commitments, reviews, organizational actions, department assessments, tier reviews)."""
    return {
        "format": "relgraph/1",
        "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S",
                      "partnership": "strategic_partner"},
                     {"id": "acc-2", "name": "Contoso", "tier": "B", "partnership": "partner"}],
        "orgUnits": [{"id": "ou-1", "account": "acc-1", "name": "Technology"},
                     {"id": "ou-2", "account": "acc-1", "name": "Networks", "parent": "ou-1"}],
        "contacts": [{"id": "c-1", "account": "acc-1", "orgUnit": "ou-1", "name": "Ana Ruiz",
                      "rank": "A", "key": True},
                     {"id": "c-2", "account": "acc-1", "orgUnit": "ou-2", "name": "Bo Chen",
                      "rank": "B"}],
        "staff": [{"id": "s-1", "name": "Li Wei", "rank": "B", "role": "account_manager"},
                  {"id": "s-2", "name": "Mo Sato", "rank": "B", "role": "solution_manager"},
                  {"id": "s-9", "name": "Eve Park", "rank": "S", "role": "executive"}],
        "opportunities": [{"id": "o-1", "account": "acc-1", "name": "Core 2027",
                           "stage": "opportunity"}],
        "plans": [{"id": "p-1", "contact": "c-1", "owner": "s-1", "sponsor": "s-9",
                   "opportunity": "o-1", "start": "2026-07-01", "end": "2026-12-31",
                   "targetAttitude": 2, "goal": "CTO backs the 2027 core bid",
                   "principle": "rank parity, technical match", "reviewEveryDays": 92},
                  {"id": "p-2", "contact": "c-2", "owner": "s-2", "sponsor": "s-1",
                   "start": "2026-01-01", "end": "2026-06-30", "targetAttitude": 1,
                   "goal": "Networks shares the roll-out plan"}],
        "commitments": [{"id": "cm-1", "plan": "p-1", "text": "joint lab visit",
                         "due": "2026-09-30", "doneOn": "2026-09-12"},
                        {"id": "cm-2", "plan": "p-1", "text": 'roadmap session; "2027", part 2',
                         "due": "2026-11-15"}],
        "planReviews": [{"id": "pr-1", "plan": "p-1", "date": "2026-09-01", "reviewedBy": "s-1",
                         "onTrack": False, "gap": "no access since reorg",
                         "remedy": "sponsor call"},
                        {"id": "pr-2", "plan": "p-2", "date": "2026-03-01", "onTrack": True}],
        "orgActions": [{"id": "oa-1", "account": "acc-1", "action": "strategy_alignment",
                        "date": "2026-05-10", "note": "joint 5-year network plan signed"},
                       {"id": "oa-2", "account": "acc-2", "action": "regular_summit",
                        "date": "2026-02-20", "note": "=CEO summit (text, not a formula)"}],
        "departmentAssessments": [{"id": "da-1", "orgUnit": "ou-1", "date": "2026-06-30",
                                   "assessedBy": "s-1", "keyEventSupport": 2,
                                   "informationChannel": 1, "issueSpread": False},
                                  {"id": "da-2", "orgUnit": "ou-2", "date": "2026-06-30",
                                   "keyEventSupport": 0, "informationChannel": 0,
                                   "issueSpread": True}],
        "tierReviews": [{"id": "tr-1", "account": "acc-1", "date": "2026-01-15", "tier": "S",
                         "reviewedBy": "s-9", "note": "growth 18%, strategic match converging"},
                        {"id": "tr-2", "account": "acc-2", "date": "2026-01-15", "tier": "A"}],
    }


class Slowed:
    """A store whose every statement takes `delay` seconds longer: a graph that is slow to
    answer, so that a question outlasts a small time budget on any machine."""

    def __init__(self, store: GraphStore, delay: float) -> None:
        self._store = store
        self._delay = delay
        self.engine = store.engine

    def run(self, statement: Statement, params: Mapping[str, Any] | None = None) -> list[Row]:
        time.sleep(self._delay)
        return self._store.run(statement, params)

    @property
    def statements_run(self) -> int:
        return self._store.statements_run

    def __getattr__(self, name: str) -> Any:  # run_schema, version, close: as the store's
        return getattr(self._store, name)


def finish_background(timeout: float = 60.0) -> None:
    """Wait for the kept answers and projection loads still finishing in the background, so
    that a test leaves no statements running into the next one's counts."""
    import threading

    for thread in threading.enumerate():
        if thread.name in ("relgraph-kept-answer", "relgraph-projection-load"):
            thread.join(timeout)
            assert not thread.is_alive(), f"{thread.name} still running after {timeout} s"
