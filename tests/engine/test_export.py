"""Exporting the graph as a canonical relgraph/1 document, and round trips through every format."""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
from pathlib import Path
from typing import Any

import pytest
from tests.support import cycle_document

from relgraph.cypher import statement
from relgraph.ingest import tabular
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.export import FIELDS, export_document, stream_document, write_json
from relgraph.ingest.importer import import_document, import_path
from relgraph.model import DOCUMENT_ORDER
from relgraph.store import GraphStore

CLEAR = statement("clear_graph")
COUNTS = statement("graph_counts")
AS_OF = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def portfolio() -> dict[str, Any]:
    return generate_portfolio(accounts=3, as_of=AS_OF)


@pytest.fixture(scope="module")
def compact() -> dict[str, Any]:
    """One account with fewer interactions (nothing refers to them): quick to move around."""
    doc = generate_portfolio(accounts=1, as_of=AS_OF)
    return {**doc, "interactions": doc["interactions"][:300]}


def test_round_trip_is_identical(store: GraphStore, portfolio: dict[str, Any]) -> None:
    import_document(store, portfolio)
    first = export_document(store)
    counts = store.run(COUNTS)
    store.run(CLEAR)
    import_document(store, first)
    assert store.run(COUNTS) == counts
    assert export_document(store) == first
    # The export holds everything the portfolio said, record for record.
    assert {a: len(first[a]) for a in DOCUMENT_ORDER} == \
        {a: len(portfolio.get(a) or []) for a in DOCUMENT_ORDER}


def test_export_is_canonical(store: GraphStore, compact: dict[str, Any]) -> None:
    import_document(store, compact)
    doc = export_document(store)
    assert list(doc) == ["format", *DOCUMENT_ORDER]
    for array in DOCUMENT_ORDER:
        assert all(list(record) == list(FIELDS[array]) for record in doc[array]), array
    assert [a["id"] for a in doc["accounts"]] == sorted(a["id"] for a in doc["accounts"])
    owners = [(o["contact"], o["role"], o["staff"]) for o in doc["owners"]]
    assert owners == sorted(owners)
    derived = {"score", "effectiveAttitude", "key", "source"}
    assert not derived & (set(doc["assessments"][0]) | set(doc["reportingLines"][0]))


def test_paged_export_equals_one_page(store: GraphStore, compact: dict[str, Any]) -> None:
    import_document(store, compact)
    whole = export_document(store)
    assert export_document(store, page_size=13) == whole
    # ids read 31 at a time, records fetched 13 (then 5) at a time: both loops page
    assert export_document(store, page_size=13, id_page=31) == whole
    assert export_document(store, page_size=40, id_page=31) == whole


def test_streamed_json_parses_to_the_export(store: GraphStore,
                                            compact: dict[str, Any]) -> None:
    import_document(store, compact)
    out = io.StringIO()
    counts = write_json(store, out, page_size=50)
    doc = export_document(store)
    assert json.loads(out.getvalue()) == doc
    assert counts == {a: len(doc[a]) for a in DOCUMENT_ORDER}


def test_every_field_survives(store: GraphStore) -> None:
    """A record with every optional field set comes back exactly (only the layer is filled in)."""
    doc = {
        "format": "relgraph/1",
        "accounts": [{"id": "acc-1", "name": "N", "tier": "A", "partnership": "partner",
                      "industry": "telecom", "region": "EU"}],
        "orgUnits": [{"id": "ou-1", "account": "acc-1", "name": "T", "parent": None},
                     {"id": "ou-2", "account": "acc-1", "name": "U", "parent": "ou-1"}],
        "contacts": [{"id": "c-1", "account": "acc-1", "orgUnit": "ou-2", "name": "Ana",
                      "title": "CTO", "rank": "A", "function": "technology", "key": True,
                      "closeness": 2, "socialStyle": "analytical", "risingStar": True,
                      "active": False, "email": "ana@example.com"}],
        "staff": [{"id": "s-1", "name": "Li", "title": "AD", "rank": "B",
                   "role": "account_manager", "active": True}],
        "reportingLines": [{"person": "c-1", "manager": "s-1", "since": "2024-01-01",
                            "until": "2025-01-01", "strength": 0.25}],
        "influences": [{"from": "c-1", "to": "s-1", "strength": 0.8, "kind": "mentor"}],
        "knows": [{"staff": "s-1", "contact": "c-1", "strength": None}],
        "owners": [{"staff": "s-1", "contact": "c-1", "role": "C"}],
        "sponsors": [{"staff": "s-1", "contact": "c-1", "account": None},
                     {"staff": "s-1", "contact": None, "account": "acc-1"}],
        "teams": [{"staff": "s-1", "account": "acc-1", "role": "FR"}],
        "interactions": [{"id": "i-1", "type": "workshop", "date": "2026-10-01",
                          "layer": "key", "account": "acc-1", "opportunity": "o-1",
                          "staff": ["s-1"], "contacts": ["c-1"], "summary": "Design"},
                         {"id": "i-2", "type": "banquet", "date": "2026-10-02", "layer": None,
                          "account": None, "opportunity": None, "staff": [], "contacts": [],
                          "summary": None}],
        "assessments": [{"contact": "c-1", "date": "2026-06-30", "assessedBy": "s-1",
                         "acceptance": -1, "participation": 0, "projectSupport": 1,
                         "informationSharing": 2, "guidance": 3, "competitiveStance": 1,
                         "attitude": None}],
        "competitors": [{"id": "k-1", "name": "Rival"}],
        "supplies": [{"competitor": "k-1", "account": "acc-1", "position": "primary"}],
        "favors": [{"contact": "c-1", "competitor": "k-1", "strength": 0.7}],
        "opportunities": [{"id": "o-1", "account": "acc-1", "name": "Core", "stage": "won",
                           "value": 1200000.5, "closeDate": "2027-03-31"}],
        "decisionChain": [{"opportunity": "o-1", "contact": "c-1", "role": "gatekeeper"}],
        "opportunityTeam": [{"opportunity": "o-1", "staff": "s-1", "role": "member"}],
        "plans": [{"id": "p-1", "contact": "c-1", "owner": "s-1", "sponsor": "s-1",
                   "opportunity": "o-1", "start": "2026-07-01", "end": "2026-07-01",
                   "targetAttitude": -1, "goal": "Keep Ana neutral", "principle": "rank parity",
                   "reviewEveryDays": 30},
                  {"id": "p-2", "contact": "c-1", "owner": "s-1", "sponsor": "s-1",
                   "opportunity": None, "start": "2026-01-01", "end": "2026-12-31",
                   "targetAttitude": 3, "goal": "Coach", "principle": None,
                   "reviewEveryDays": 61}],
        "commitments": [{"id": "cm-1", "plan": "p-1", "text": "lab; visit, \"soon\"",
                         "due": "2026-09-30", "doneOn": "2026-10-02"},
                        {"id": "cm-2", "plan": "p-2", "text": "=1+1", "due": "2026-09-30",
                         "doneOn": None}],
        "planReviews": [{"id": "pr-1", "plan": "p-1", "date": "2026-09-01", "reviewedBy": "s-1",
                         "onTrack": False, "gap": "no access", "remedy": "sponsor call"},
                        {"id": "pr-2", "plan": "p-1", "date": "2026-11-01", "reviewedBy": None,
                         "onTrack": True, "gap": None, "remedy": None}],
        "orgActions": [{"id": "oa-1", "account": "acc-1", "action": "brand_recognition",
                        "date": "2026-05-10", "note": "keynote"},
                       {"id": "oa-2", "account": "acc-1", "action": "personal_relationship",
                        "date": "2026-05-11", "note": None}],
        "departmentAssessments": [{"id": "da-1", "orgUnit": "ou-2", "date": "2026-06-30",
                                   "assessedBy": "s-1", "keyEventSupport": 0,
                                   "informationChannel": 2, "issueSpread": True},
                                  {"id": "da-2", "orgUnit": "ou-1", "date": "2026-06-30",
                                   "assessedBy": None, "keyEventSupport": 1,
                                   "informationChannel": 0, "issueSpread": False}],
        "tierReviews": [{"id": "tr-1", "account": "acc-1", "date": "2026-01-15", "tier": "C",
                         "reviewedBy": "s-1", "note": "shrinking"},
                        {"id": "tr-2", "account": "acc-1", "date": "2026-02-15", "tier": "A",
                         "reviewedBy": None, "note": None}],
    }
    import_document(store, doc)
    expected = json.loads(json.dumps(doc))
    expected["interactions"][1]["layer"] = "key"  # a banquet's layer, derived from its type
    assert export_document(store) == expected


@pytest.mark.parametrize("target", ["folder", "out.zip", "out.xlsx"])
def test_tabular_round_trip(store: GraphStore, compact: dict[str, Any], tmp_path: Path,
                            target: str) -> None:
    import_document(store, compact)
    exported = export_document(store)
    path = tmp_path / target
    if target == "folder":
        tabular.write_csv_folder(exported, path)
    elif target.endswith(".zip"):
        tabular.write_csv_zip(exported, path)
    else:
        tabular.write_xlsx(exported, path)
    store.run(CLEAR)
    summary = import_path(store, path)
    assert summary.records == sum(len(exported[a]) for a in DOCUMENT_ORDER)
    assert export_document(store) == exported


@pytest.mark.parametrize("target", ["out.json", "folder", "out.zip", "out.xlsx"])
def test_cycle_round_trip_in_every_format(store: GraphStore, tmp_path: Path,
                                          target: str) -> None:
    import_document(store, cycle_document())
    exported = export_document(store)
    assert [len(exported[a]) for a in DOCUMENT_ORDER[-6:]] == [2, 2, 2, 2, 2, 2]
    path = tmp_path / target
    if target.endswith(".json"):
        with path.open("w", encoding="utf-8") as out:
            write_json(store, out)
    elif target == "folder":
        tabular.write_csv_folder(stream_document(store), path)
    elif target.endswith(".zip"):
        tabular.write_csv_zip(exported, path)
    else:
        tabular.write_xlsx(stream_document(store), path)
    counts = store.run(COUNTS)
    store.run(CLEAR)
    first = import_path(store, path)
    assert all(c.created == c.total for c in first.arrays.values())
    assert store.run(COUNTS) == counts
    assert export_document(store) == exported
    again = import_path(store, path)
    assert not again.changed and again.records == first.records


def test_export_leaves_the_cycle_collector_as_it_was(store: GraphStore,
                                                      compact: dict[str, Any]) -> None:
    """The export pauses the collector while the document grows, and only while it does."""
    import_document(store, compact)
    assert gc.isenabled()
    export_document(store, page_size=7)
    assert gc.isenabled()
    gc.disable()
    try:
        export_document(store, page_size=7)
        assert not gc.isenabled()
    finally:
        gc.enable()
