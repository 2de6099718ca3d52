"""Fuzzed imports in every format: a mutated valid document is either rejected with a problem
list and nothing written, or accepted and exported exactly as imported.

Mutations: hostile and ordinary characters put at the start, end or middle of any string (ids
included), values of other types and sizes, deleted fields and records, duplicated records,
unknown or unprintable field names. Bounded: a few hundred fresh cases per run on the
embedded engine; on Neo4j, whose statements cost several times more, a fixed share (the same
cases every run: the gate is the same code, what differs is how the engine writes and reads
back what was accepted).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph.cypher import statement
from relgraph.errors import ValidationFailed
from relgraph.ingest.export import canonical_doc, export_document, sort_key
from relgraph.ingest.importer import import_path, load_path
from relgraph.model import ARRAYS, DOCUMENT_ORDER, FORMAT
from relgraph.store import GraphStore

CLEAR = statement("clear_graph")
COUNTS = statement("graph_counts")
CASES = {"falkordb": 200, "neo4j": 25}

# A small document with a record in every array.
BASE: dict[str, Any] = {
    "format": FORMAT,
    "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S", "industry": "telecom"}],
    "orgUnits": [{"id": "ou-1", "account": "acc-1", "name": "Technology"},
                 {"id": "ou-2", "account": "acc-1", "name": "Network", "parent": "ou-1"}],
    "contacts": [{"id": "c-1", "account": "acc-1", "orgUnit": "ou-1", "name": "Ana", "rank": "A",
                  "key": True, "closeness": 4, "email": "ana@example.com"},
                 {"id": "c-2", "account": "acc-1", "orgUnit": "ou-2", "name": "Bo Li"}],
    "staff": [{"id": "s-1", "name": "Li", "rank": "B", "role": "account_manager"}],
    "reportingLines": [{"person": "c-2", "manager": "c-1", "since": "2024-01-01"}],
    "influences": [{"from": "c-1", "to": "c-2", "strength": 0.5, "kind": "mentor"}],
    "knows": [{"staff": "s-1", "contact": "c-1", "strength": 0.75}],
    "owners": [{"staff": "s-1", "contact": "c-1", "role": "A"}],
    "sponsors": [{"staff": "s-1", "account": "acc-1"}],
    "teams": [{"staff": "s-1", "account": "acc-1", "role": "AR"}],
    "interactions": [{"id": "i-1", "type": "banquet", "date": "2026-05-01", "account": "acc-1",
                      "opportunity": "o-1", "staff": ["s-1"], "contacts": ["c-1", "c-2"],
                      "summary": "Dinner; next steps agreed"}],
    "assessments": [{"contact": "c-1", "date": "2026-06-30", "assessedBy": "s-1",
                     "acceptance": 2, "attitude": 3}],
    "competitors": [{"id": "k-1", "name": "Rival"}],
    "supplies": [{"competitor": "k-1", "account": "acc-1", "position": "incumbent"}],
    "favors": [{"contact": "c-2", "competitor": "k-1", "strength": 0.25}],
    "opportunities": [{"id": "o-1", "account": "acc-1", "name": "Core network", "value": 1.5e6,
                       "closeDate": "2026-12-31"}],
    "decisionChain": [{"opportunity": "o-1", "contact": "c-1", "role": "decision_maker"}],
    "opportunityTeam": [{"opportunity": "o-1", "staff": "s-1", "role": "SR"}],
}

CHARACTERS = ["\x00", "\ud800", "\udfff", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\t", "\n",
              "\r", " ", "\xa0", "\u200b", "\u202e", "\ufeff", "\uffff", "\ufffe", "é", "😀",
              '"', "\\", "'", "$", "`", ";", ",", "中"]
# openpyxl refuses to write these (XML 1.0 forbids them); a spreadsheet cannot hold them.
NOT_IN_XLSX = {c for c in CHARACTERS if c < " " and c not in "\t\n\r"}
VALUES: list[Any] = [0, -1, 5, 2**64, 0.5, 1e308, float("nan"), float("inf"), True, False, None,
                     "", "x" * 201, "y" * 10_001, [], ["c-1"], {"a": 1}, "2026-02-30",
                     "2026-01-01", "zz-404", "c-1", "s-1", "acc-1"]
FIELD_NAMES = ["nmae", "na\x1bme", "id ", "sum\u200bmary"]
# Free-text fields: what lands in them is mostly accepted and must come back unchanged.
TEXT_FIELDS = {"name", "title", "function", "email", "industry", "region", "summary", "kind",
               "position"}
FORMATS = ["json", "csv", "zip", "xlsx"]


def _strings(doc: dict[str, Any], only: set[str] | None = None,
             ) -> list[tuple[str, int, str, int | None]]:
    """(array, record, field, list index) of every string value (of the `only` fields)."""
    found = []
    for array in DOCUMENT_ORDER:
        for i, record in enumerate(doc.get(array) or []):
            for name, value in record.items():
                if only is not None and name not in only:
                    continue
                if isinstance(value, str):
                    found.append((array, i, name, None))
                elif isinstance(value, list):
                    found += [(array, i, name, j) for j, v in enumerate(value)
                              if isinstance(v, str)]
    return found


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A format and a document with one or two mutations of BASE."""
    fmt = draw(st.sampled_from(FORMATS))
    doc = copy.deepcopy(BASE)
    characters = [c for c in CHARACTERS if fmt != "xlsx" or c not in NOT_IN_XLSX]
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["character"] * 3 + ["text"] * 4 + ["rekey"] * 3 + [
            "value", "delete", "drop", "duplicate", "field"]))
        arrays = [a for a in DOCUMENT_ORDER if doc.get(a)]
        array = draw(st.sampled_from(arrays))
        index = draw(st.integers(0, len(doc[array]) - 1))
        record = doc[array][index]
        if kind == "rekey":  # an id changed everywhere it is used: accepted if it is an id
            old = draw(st.sampled_from(sorted(_ids(doc))))
            char = draw(st.sampled_from(characters))
            at = draw(st.sampled_from([0, len(old) // 2, len(old)]))
            _replace(doc, old, old[:at] + char + old[at:])
        elif kind in ("character", "text"):
            where = _strings(doc, TEXT_FIELDS if kind == "text" else None)
            if not where:
                continue
            array, index, name, item = draw(st.sampled_from(where))
            target = doc[array][index]
            text = target[name] if item is None else target[name][item]
            char = draw(st.sampled_from(characters))
            at = draw(st.sampled_from([0, len(text) // 2, len(text)]))
            text = text[:at] + char + text[at:]
            if item is None:
                target[name] = text
            else:
                target[name][item] = text
        elif kind == "value" and record:
            record[draw(st.sampled_from(sorted(record)))] = copy.deepcopy(
                draw(st.sampled_from(VALUES)))
        elif kind == "delete" and record:
            del record[draw(st.sampled_from(sorted(record)))]
        elif kind == "drop":
            del doc[array][index]
        elif kind == "duplicate":
            doc[array].append(copy.deepcopy(record))
        elif kind == "field":
            names = [n for n in FIELD_NAMES if fmt != "xlsx" or not set(n) & NOT_IN_XLSX]
            record[draw(st.sampled_from(names))] = "x"
    return fmt, doc


def _ids(doc: dict[str, Any]) -> set[str]:
    return {r["id"] for a in ARRAYS for r in doc.get(a) or []
            if isinstance(r.get("id"), str) and a != "interactions"}


def _replace(doc: dict[str, Any], old: str, new: str) -> None:
    for array in DOCUMENT_ORDER:
        for record in doc.get(array) or []:
            for name, value in record.items():
                if value == old:
                    record[name] = new
                elif isinstance(value, list):
                    record[name] = [new if v == old else v for v in value]


# --- the document in each format ---------------------------------------------------------

def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return value


def _csv_text(records: list[dict[str, Any]]) -> str:
    columns = list(dict.fromkeys(name for record in records for name in record))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for record in records:
        row = [_cell(record.get(c)) for c in columns]
        writer.writerow(["" if v is None else "true" if v is True else "false" if v is False
                         else v for v in row])
    return buffer.getvalue()


def write(fmt: str, doc: dict[str, Any], folder: Path) -> Path:
    """`doc` as a file (or folder) of format `fmt`; text that is not UTF-8 stays as bytes."""
    tables = {a: doc[a] for a in DOCUMENT_ORDER if doc.get(a)}
    if fmt == "json":
        (folder / "doc.json").write_text(json.dumps(doc), encoding="utf-8")
        return folder / "doc.json"
    if fmt == "csv":
        for array, records in tables.items():
            (folder / f"{array}.csv").write_bytes(
                _csv_text(records).encode("utf-8", "surrogatepass"))
        return folder
    if fmt == "zip":
        with zipfile.ZipFile(folder / "doc.zip", "w") as archive:
            for array, records in tables.items():
                archive.writestr(f"{array}.csv",
                                 _csv_text(records).encode("utf-8", "surrogatepass"))
        return folder / "doc.zip"
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for array, records in tables.items():
        sheet = book.create_sheet(array)
        columns = list(dict.fromkeys(name for record in records for name in record))
        sheet.append(columns)
        for record in records:
            sheet.append([_cell(record.get(c)) for c in columns])
    book.save(folder / "doc.xlsx")
    return folder / "doc.xlsx"


def as_exported(doc: dict[str, Any]) -> dict[str, Any]:
    """What an export of the graph holding exactly `doc` gives: defaults filled, canonical."""
    exported: dict[str, Any] = {"format": FORMAT}
    for array in DOCUMENT_ORDER:
        records = [canonical_doc(array, ARRAYS[array].model_validate(r).to_doc())
                   for r in doc.get(array) or []]
        exported[array] = sorted(records, key=lambda d, a=array: sort_key(a, d))
    return exported


def test_mutated_documents_are_rejected_whole_or_round_trip(store: GraphStore) -> None:
    seen = {"rejected": 0, "accepted": 0}
    started = time.perf_counter()
    empty_counts, empty = store.run(COUNTS), export_document(store)  # the fixture emptied it

    @settings(max_examples=CASES[store.engine], deadline=None, database=None,
              derandomize=store.engine == "neo4j",
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=cases())
    def check(case: tuple[str, dict[str, Any]]) -> None:
        fmt, doc = case
        with tempfile.TemporaryDirectory() as tmp:
            path = write(fmt, doc, Path(tmp))
            try:
                import_path(store, path)
            except ValidationFailed as exc:
                seen["rejected"] += 1
                assert exc.problems
                # Each problem is one printable line: nothing hostile is echoed as it came.
                assert all(p.isprintable() for p in exc.problems), exc.problems
                assert store.run(COUNTS) == empty_counts
                assert export_document(store) == empty
                return
            seen["accepted"] += 1
            imported, _, _ = load_path(path)  # the document as the reader gave it
        try:
            assert export_document(store) == as_exported(imported)
        finally:
            store.run(CLEAR)  # the next case starts from the empty graph again

    check()
    seconds = time.perf_counter() - started
    print(f"\nfuzz on {store.engine}: {sum(seen.values())} cases, {seen['rejected']} rejected, "
          f"{seen['accepted']} accepted, {seconds:.1f} s")
    # Both outcomes must be exercised, or the mutations have stopped testing anything.
    assert seen["rejected"] >= CASES[store.engine] // 5
    assert seen["accepted"] >= CASES[store.engine] // 10
