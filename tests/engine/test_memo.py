"""Kept answers on each engine: coverage and the account analyses asked again about an unchanged
graph cost one statement and give the same answer, and a write by any route (an import, another
store object as another process would hold, `relgraph import`) is seen by the very next
question."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.support import Slowed, load

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.ingest.importer import import_document
from relgraph.intel import coverage_gaps
from relgraph.intel.memo import memo_of
from relgraph.intel.portfolio import account_analyses
from relgraph.intel.powermap import power_map
from relgraph.store import GraphStore, open_store

AS_OF = dt.date(2026, 11, 1)
GRAPH: dict[str, list[dict[str, Any]]] = {
    "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "A"}],
    "staff": [{"id": "sa", "name": "Sam Able"}, {"id": "sb", "name": "Bea Baker"}],
    "contacts": [{"id": "k", "account": "acc-1", "name": "Kim Key", "key": True}],
    "owners": [{"staff": "sa", "contact": "k", "role": "A"}],
}
# Bea becomes the B owner of Kim: the OWNER_MISSING_B gap goes.
B_OWNER = {"format": "relgraph/1", "owners": [{"staff": "sb", "contact": "k", "role": "B"}]}


def missing_b(store: GraphStore) -> list[str]:
    return [g.subject_id for g in coverage_gaps(store, "acc-1", kinds=["OWNER_MISSING_B"],
                                                as_of=AS_OF)]


def test_asked_again_costs_one_statement_and_an_import_is_seen_next(store: GraphStore) -> None:
    load(store, **GRAPH)
    assert missing_b(store) == ["k"]
    before = store.statements_run
    assert missing_b(store) == ["k"]
    assert store.statements_run == before + 1  # the generation read, nothing else
    import_document(store, B_OWNER)
    assert missing_b(store) == []


def test_the_analyses_of_a_page_follow_a_write(store: GraphStore,
                                               engine_settings: Settings) -> None:
    load(store, **GRAPH)
    first = account_analyses(store, ["acc-1"], AS_OF, None, engine_settings)["acc-1"]
    assert "OWNER_MISSING_B" in {g.kind for g in first.gaps}
    before = store.statements_run
    assert account_analyses(store, ["acc-1"], AS_OF, None, engine_settings)["acc-1"] == first
    assert store.statements_run == before + 1
    import_document(store, B_OWNER)
    after = account_analyses(store, ["acc-1"], AS_OF, None, engine_settings)["acc-1"]
    # a second owner: no B owner missing, and the account is no longer single-threaded
    assert {g.kind for g in first.gaps} - {g.kind for g in after.gaps} == {
        "OWNER_MISSING_B", "SINGLE_THREADED"}
    assert len(after.gaps) == len(first.gaps) - 2
    assert after.health.owner_coverage is not None and first.health.owner_coverage is not None
    assert after.health.owner_coverage > first.health.owner_coverage


def test_a_write_through_another_store_is_seen(store: GraphStore,
                                              engine_settings: Settings) -> None:
    """Another store object on the same graph keeps its own answers, as another process does:
    only the generation in the graph tells this one."""
    load(store, **GRAPH)
    assert missing_b(store) == ["k"]
    other = open_store(engine_settings)
    try:
        assert memo_of(other) is not memo_of(store)
        import_document(other, B_OWNER)
    finally:
        other.close()
    assert missing_b(store) == []


def test_relgraph_import_is_seen_by_the_next_question(store: GraphStore, tmp_path: Path,
                                                     engine_settings: Settings) -> None:
    load(store, **GRAPH)
    assert missing_b(store) == ["k"]
    source = tmp_path / "owner.json"
    source.write_text(json.dumps(B_OWNER), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source)],
                                env=engine_settings.engine_environment())
    assert result.exit_code == 0, result.stderr
    assert missing_b(store) == []


def test_the_same_question_at_once_is_computed_once(store: GraphStore) -> None:
    load(store, **GRAPH)
    memo = memo_of(store)
    memo.clear()
    release = threading.Event()
    computed: list[int] = []

    def slow(_: GraphStore) -> int:
        release.wait(10)
        computed.append(1)
        return 42

    answers: list[int] = []
    askers = [threading.Thread(target=lambda: answers.append(memo.answer(store, "q", slow)))
              for _ in range(3)]
    for asker in askers:
        asker.start()
    release.set()
    for asker in askers:
        asker.join(10)
    assert answers == [42, 42, 42] and computed == [1]


def test_a_power_map_reopened_follows_a_write(store: GraphStore) -> None:
    load(store, **GRAPH)
    [kim] = power_map(store, "acc-1", AS_OF).contacts
    assert "OWNER_MISSING_B" in kim.gaps and [o["role"] for o in kim.owners] == ["A"]
    before = store.statements_run
    assert power_map(store, "acc-1", AS_OF).contacts == [kim]
    assert store.statements_run == before + 1
    import_document(store, B_OWNER)
    [kim] = power_map(store, "acc-1", AS_OF).contacts
    assert "OWNER_MISSING_B" not in kim.gaps and [o["role"] for o in kim.owners] == ["A", "B"]


def test_a_failed_computation_is_the_askers_not_the_answer(store: GraphStore) -> None:
    """An asker whose computation fails (an API request past its time budget) passes the
    failure on to no one: whoever waited for it computes the answer itself."""
    load(store, **GRAPH)
    memo = memo_of(store)
    started, release = threading.Event(), threading.Event()

    def past_its_budget(_: GraphStore) -> int:
        started.set()
        release.wait(10)
        raise TimeoutError("the request ran past its time budget")

    failures: list[BaseException] = []
    answers: list[int] = []

    def first() -> None:
        try:
            memo.answer(store, "slow", past_its_budget)
        except TimeoutError as failure:
            failures.append(failure)

    asker = threading.Thread(target=first)
    asker.start()
    assert started.wait(10)
    waiter = threading.Thread(target=lambda: answers.append(memo.answer(store, "slow",
                                                                        lambda _: 7)))
    waiter.start()
    time.sleep(0.3)  # the waiter is now waiting for the first computation
    release.set()
    asker.join(10)
    waiter.join(10)
    assert [type(f) for f in failures] == [TimeoutError] and answers == [7]
    assert memo.answer(store, "slow", lambda _: 8) == 7  # kept


def test_an_answer_that_outlasts_the_askers_budget_is_finished_and_kept(
        store: GraphStore) -> None:
    """A whole portfolio slower than one API request's budget: the request is told it is still
    being computed, the computation goes on without the deadline, and the next ask gets the
    answer, then at the cost of one statement."""
    from relgraph.api.context import BudgetedStore
    from relgraph.errors import StillComputing

    load(store, **GRAPH)
    expected = coverage_gaps(store, None, as_of=AS_OF)
    assert "OWNER_MISSING_B" in [g.kind for g in expected]  # something worth waiting for
    slow = Slowed(store, 0.1)  # about ten statements: a second, ten times the budget
    with pytest.raises(StillComputing, match="still being computed"):
        coverage_gaps(BudgetedStore(slow, time.monotonic() + 0.1, 0.1), None, as_of=AS_OF)
    patient = BudgetedStore(slow, time.monotonic() + 60, 60)
    assert coverage_gaps(patient, None, as_of=AS_OF) == expected  # waited for the same one
    before = store.statements_run
    assert coverage_gaps(BudgetedStore(slow, time.monotonic() + 0.5, 0.5), None,
                         as_of=AS_OF) == expected
    assert store.statements_run == before + 1  # kept: the generation read only


def test_past_the_budget_a_question_nobody_finishes_stops(store: GraphStore) -> None:
    """With as many computations finishing in the background as allowed, another slow question
    stops at its asker's budget as before (TimeBudgetExceeded), and nothing is kept."""
    from relgraph.api.context import BudgetedStore
    from relgraph.api.errors import TimeBudgetExceeded
    from relgraph.intel import memo as kept

    load(store, **GRAPH)
    slow = Slowed(store, 0.1)
    memo = memo_of(slow)
    memo._background = kept.BACKGROUND  # as if that many were finishing already
    try:
        with pytest.raises(TimeBudgetExceeded):
            coverage_gaps(BudgetedStore(slow, time.monotonic() + 0.1, 0.1), None, as_of=AS_OF)
    finally:
        memo._background = 0
    assert memo.hits == 0 and not memo._entries
