"""Import a relgraph/1 document (JSON, CSV folder or zip, XLSX): validate whole, then upsert.

Nothing is written until the whole document is valid. Writes go kind by kind in dependency
order, one statement per batch (ingest/writer.py), and every statement is an upsert towards the
document's state: re-importing after an interrupted import completes it, and importing the
same document twice changes nothing.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from relgraph.batching import chunks
from relgraph.collector import collector_paused
from relgraph.cypher import statement
from relgraph.errors import ValidationFailed
from relgraph.ingest import gate, tabular
from relgraph.ingest.export import ANCHORS, canonical_doc, fetch_records
from relgraph.ingest.validation import Locate, json_location, natural_key, validate
from relgraph.ingest.writer import WRITES
from relgraph.model import ARRAYS, DOCUMENT_ORDER, Record
from relgraph.store.base import GraphStore, run_each

BATCH_SIZE = 5_000
# (array, records done, records in the array), after each written batch.
Progress = Callable[[str, int, int | None], None]
# Per array: whether the graph holds anything that could be one of its records (one cheap read).
_ANY_STORED = {
    array: statement("any_stored_" + "".join(f"_{c.lower()}" if c.isupper() else c for c in array))
    for array in ARRAYS
}


@dataclass
class Counts:
    """What an import did to the records of one array, compared with what was stored."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """Per array (contract order): created / updated / unchanged; and how long it took."""

    arrays: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0
    # Tables of a workbook, folder or zip that are no relgraph/1 array (a "Notes" sheet): left
    # out, each named with why, for the caller to show as a warning.
    skipped: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(c.total for c in self.arrays.values())

    @property
    def rate(self) -> float:
        """Records per second over the whole import (validation included)."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.arrays.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "arrays": {a: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
                       for a, c in self.arrays.items()},
            "records": self.records, "seconds": round(self.seconds, 3),
        }

    def table(self) -> str:
        """A plain-text table for the terminal, one line per array and a total."""
        width = max([len("total"), *(len(a) for a in self.arrays)])
        lines = [f"{'array':<{width}}  {'created':>9} {'updated':>9} {'unchanged':>9}"]
        for array, c in self.arrays.items():
            lines.append(f"{array:<{width}}  {c.created:>9} {c.updated:>9} {c.unchanged:>9}")
        t = Counts(*(sum(getattr(c, k) for c in self.arrays.values())
                     for k in ("created", "updated", "unchanged")))
        lines.append(f"{'total':<{width}}  {t.created:>9} {t.updated:>9} {t.unchanged:>9}")
        return "\n".join(lines)


def import_document(
    store: GraphStore, doc: Any, *, progress: Progress | None = None,
    batch_size: int = BATCH_SIZE, locate: Locate = json_location, early: Sequence[str] = (),
) -> ImportSummary:
    """Validate the whole document, then upsert it; ValidationFailed writes nothing."""
    started = time.perf_counter()
    counts: dict[str, Counts] = {}
    with collector_paused():  # millions of small acyclic objects: relgraph.collector
        valid = validate(doc, store, locate=locate, early=early)
        for array, records in valid.records.items():
            if records:
                counts[array] = _compare(store, array, valid.docs[array], batch_size)
                _write(store, array, records, valid.docs[array], batch_size, progress)
    ordered = {a: counts[a] for a in DOCUMENT_ORDER if a in counts}
    return ImportSummary(ordered, time.perf_counter() - started)


def write_unchecked(
    store: GraphStore, records: Mapping[str, Sequence[Record]], *, batch_size: int = BATCH_SIZE,
) -> None:
    """Write records with the import's own write steps, array by array, skipping the document's
    checks (identity, references, rules); each record must have passed its own shape check.
    For a graph that `import_document` would refuse, to show what a rule makes of it (tests)."""
    for array in ARRAYS:
        given = list(records.get(array) or ())
        if given:
            _write(store, array, given, [r.to_doc() for r in given], batch_size, None)


def import_path(
    store: GraphStore, path: Path, *, progress: Progress | None = None,
    batch_size: int = BATCH_SIZE, reading: Progress | None = None,
) -> ImportSummary:
    """Import a .json document, a folder or .zip of CSV files (or one), or an .xlsx workbook.

    `reading` reports the tables' rows as they are read (`tabular.Tabular.progress`); the
    summary's seconds include the reading."""
    started = time.perf_counter()
    doc, locate, early, skipped = _load(path, reading)
    read_s = time.perf_counter() - started
    summary = import_document(store, doc, progress=progress, batch_size=batch_size,
                              locate=locate, early=early)
    summary.skipped = skipped
    summary.seconds += read_s
    return summary


def load_path(path: Path) -> tuple[Any, Locate, list[str]]:
    """The document in a file or folder, how to name a record's place in it, reader problems."""
    doc, locate, early, _ = _load(path, None)
    return doc, locate, early


def _load(path: Path, reading: Progress | None) -> tuple[Any, Locate, list[str], list[str]]:
    """`load_path`, and the tables left out as no relgraph/1 array."""
    if path.is_dir() or path.suffix.lower() in (".zip", ".xlsx", ".csv"):
        table = tabular.read(path, reading)
        return table.doc, table.locate, table.problems, table.skipped
    return _read_json(path), json_location, [], []


def _read_json(path: Path) -> Any:
    """A JSON document; every way it can fail to parse is a problem, never a traceback."""
    size = path.stat().st_size
    if size > gate.DOCUMENT_MAX_BYTES:
        raise ValidationFailed([f"{path.name}: {size:,} bytes; a document may have at most "
                                f"{gate.DOCUMENT_MAX_BYTES:,}"])
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise ValidationFailed([f"{path.name}:{exc.lineno}:{exc.colno}: not valid JSON "
                                f"({exc.msg})"]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationFailed([f"{path.name}: not UTF-8 text ({exc.reason})"]) from exc
    except RecursionError as exc:  # the parser's own limit, far above NESTING_MAX
        raise ValidationFailed([f"{path.name}: {gate.nesting_problem()}"]) from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise ValidationFailed([f"{path.name}: not a usable JSON document ({exc})"]) from exc


def _compare(store: GraphStore, array: str, given: list[dict[str, Any]],
             batch_size: int) -> Counts:
    """Created / updated / unchanged, from one read of the stored records per batch.

    When the graph holds nothing of the array at all (one cheap read), every record is created
    and no batch is fetched: the common first import compares nothing.
    """
    counts = Counts()
    if not store.run(_ANY_STORED[array]):
        counts.created = len(given)
        return counts
    anchor = ANCHORS[array][1]
    for batch in chunks(given, batch_size):
        ids = sorted({d[anchor] for d in batch})
        stored = {natural_key(array, d): d for d in fetch_records(store, array, ids)}
        if not stored:
            counts.created += len(batch)  # the common first import: nothing to compare
            continue
        for doc in batch:
            old = stored.get(natural_key(array, doc))
            if old is None:
                counts.created += 1
            elif _same(old, canonical_doc(array, doc)):
                counts.unchanged += 1
            else:
                counts.updated += 1
    return counts


def _write(store: GraphStore, array: str, records: list[Record], docs: list[dict[str, Any]],
           batch_size: int, progress: Progress | None) -> None:
    """Run the array's write steps over all its records, one statement per batch.

    Every row is written, unchanged ones too: the upserts are idempotent, and writing them all
    is what repairs a graph left half-written by an interrupted import.
    """
    # The validated docs spare the writer a pydantic dump per record and step.
    steps = [(w, list(w.rows(records, docs))) for w in WRITES if w.array == array]
    units = sum(len(rows) for _, rows in steps) or 1
    done = 0
    for write, rows in steps:
        batches = list(chunks(rows, batch_size))
        # consecutive batches of the same statement (big ones in bulk, a small last one logged)
        for stmt, group in groupby(batches, key=lambda b: write.statement_for(len(b))):
            same = list(group)
            for batch, _ in zip(same, run_each(store, stmt, ({"rows": b} for b in same)),
                                strict=True):
                done += len(batch)
                if progress:
                    # Arrays written in two steps (nodes, then links) report one combined count.
                    progress(array, len(records) * done // units, len(records))


def _same(old: Any, new: Any) -> bool:
    """Equal as stored: engines may hand floats back rounded to 15 significant digits."""
    if _number(old) and _number(new) and (isinstance(old, float) or isinstance(new, float)):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=0.0)
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
