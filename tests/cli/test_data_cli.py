"""`relgraph import`, `export`, `demo` and `schema dataset` as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.ingest.export import export_document
from relgraph.ingest.jsonschema import render
from relgraph.store import GraphStore

COUNTS = statement("graph_counts")
SMALL = {
    "format": "relgraph/1",
    "accounts": [{"id": "acc-1", "name": "Northwind", "tier": "S"}],
    "contacts": [{"id": "c-1", "account": "acc-1", "name": "Ana", "rank": "A"}],
    "staff": [{"id": "s-1", "name": "Li"}],
    "knows": [{"staff": "s-1", "contact": "c-1", "strength": 0.5}],
}


@pytest.fixture()
def run(store: GraphStore, engine_settings: Settings) -> Any:
    """Run `relgraph ARGS...` against the (emptied) graph of the engine under test."""
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=engine_settings.engine_environment())
    return invoke


def write(tmp_path: Path, doc: dict[str, Any]) -> str:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_import_prints_the_summary(run: Any, store: GraphStore, tmp_path: Path) -> None:
    result = run("import", write(tmp_path, SMALL))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["array", "created", "updated", "unchanged"]
    assert lines[1].split() == ["accounts", "1", "0", "0"]
    assert lines[-2].split() == ["total", "4", "0", "0"]
    assert lines[-1].startswith("imported 4 records in ")
    again = run("import", write(tmp_path, SMALL))
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-1].endswith("; nothing changed")


def test_rejected_import_lists_every_problem(run: Any, store: GraphStore,
                                             tmp_path: Path) -> None:
    before = store.run(COUNTS)
    bad = {**SMALL, "contacts": [{"id": "c-1", "account": "acc-9", "name": "Ana", "rank": "X"}]}
    result = run("import", write(tmp_path, bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "contacts[0].rank: 'X' is not one of S, A, B, C",
        "contacts[0].account: no account 'acc-9' in the document or the graph",
        "relgraph: rejected, 2 problem(s); nothing was written",
    ]
    assert store.run(COUNTS) == before


def test_export_to_stdout(run: Any, store: GraphStore, tmp_path: Path) -> None:
    assert run("import", write(tmp_path, SMALL)).exit_code == 0
    result = run("export", "-")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc == export_document(store)
    assert doc["contacts"][0]["rank"] == "A"
    assert "exported 4 records" in result.stderr


def test_export_to_files_imports_back(run: Any, store: GraphStore, tmp_path: Path) -> None:
    assert run("import", write(tmp_path, SMALL)).exit_code == 0
    exported = export_document(store)
    for target in ("out.json", "out.xlsx", "out.zip", "csv"):
        assert run("export", str(tmp_path / target)).exit_code == 0
        result = run("import", str(tmp_path / target))
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[-1].endswith("; nothing changed"), target
    assert export_document(store) == exported


def test_demo_imports_a_portfolio(run: Any, store: GraphStore) -> None:
    result = run("demo", "--accounts", "1", "--as-of", "2026-11-01", "--replace")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("generated 1 accounts (seed 7) in ")
    assert store.run(COUNTS)[0]["nodes"] > 100


def test_schema_dataset_prints_the_json_schema() -> None:
    result = CliRunner().invoke(cli, ["schema", "dataset"])
    assert result.exit_code == 0
    assert result.stdout == render()


def test_export_progress_counts_the_records_of_each_array() -> None:
    """`relgraph export` of 155k records used to run 30-106 s without a word: now a line every
    few seconds (in place on a terminal) with the array, the records so far and the rate."""
    from relgraph.cli.data import ProgressLine, _counted

    out = io.StringIO()
    progress = ProgressLine(out, verb="exporting", every_s=0)
    records = list(_counted("contacts", ({"id": f"c-{n}"} for n in range(2_500)), progress))
    assert len(records) == 2_500
    assert list(_counted("plans", iter([]), progress)) == []
    lines = [line.split(" (")[0] for line in out.getvalue().splitlines()]
    assert lines == ["exporting contacts: 1,000", "exporting contacts: 2,000",
                     "exporting contacts: 2,500/2,500"]  # an empty array says nothing
    quiet = io.StringIO()
    later = ProgressLine(quiet, verb="exporting", every_s=0, quiet_s=60)
    assert len(list(_counted("contacts", ({"id": str(n)} for n in range(3_000)), later))) == 3_000
    assert quiet.getvalue() == ""  # a quick export stays silent


def test_a_workbook_with_a_sheet_of_its_own_imports_with_a_warning(
        run: Any, store: GraphStore, tmp_path: Path) -> None:
    """A sheet that is no relgraph/1 array (a planner's "Notes") is left out with a warning; one
    whose name is a near miss of an array is still a mistake that rejects the workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    accounts = book.active
    accounts.title = "accounts"
    accounts.append(["id", "name", "tier"])
    accounts.append(["acc-1", "Northwind", "S"])
    notes = book.create_sheet("Notes")
    notes.append(["call Ana before the summit"])
    book.save(tmp_path / "plan.xlsx")
    result = run("import", str(tmp_path / "plan.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("relgraph: warning: plan.xlsx[Notes]: not a relgraph/1 array; "
                             "left out\n")
    assert result.stdout.splitlines()[1].split() == ["accounts", "1", "0", "0"]
    assert [r["name"] for r in store.run(statement("account_names"))] == ["Northwind"]

    book.create_sheet("contact").append(["id"])
    book.save(tmp_path / "typo.xlsx")
    rejected = run("import", str(tmp_path / "typo.xlsx"))
    assert rejected.exit_code == 1
    assert "typo.xlsx[contact]: not a relgraph/1 array (did you mean contacts?)" in \
        rejected.stderr
