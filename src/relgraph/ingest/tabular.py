"""relgraph/1 as tables: a folder or zip of CSV files, or an XLSX workbook, one table per array.

Tables are named after the arrays (`contacts.csv`, sheet `contacts`) and have the records'
camelCase field names as columns. A cell becomes the field's type: list columns are
`;`-separated, booleans are `true`/`false`, numbers are parsed; an empty cell is a field not
given (null, or the field's default). Cells that do not parse are passed on as text, so that
validation reports them with the file (or sheet) and line they came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin
from xml.etree.ElementTree import ParseError

from relgraph.errors import ValidationFailed
from relgraph.ingest import gate
from relgraph.ingest.validation import did_you_mean
from relgraph.model import ARRAYS, DOCUMENT_ORDER, FORMAT

COLUMNS: dict[str, tuple[str, ...]] = {
    array: tuple(f.alias or name for name, f in model.model_fields.items())
    for array, model in ARRAYS.items()
}
REQUIRED: dict[str, tuple[str, ...]] = {
    array: tuple(f.alias or name for name, f in model.model_fields.items() if f.is_required())
    for array, model in ARRAYS.items()
}
_INTEGER = re.compile(r"[+-]?\d+")
_SKIP = object()  # an empty cell: the field is not given


READ_STEP = 5_000  # rows between two progress reports of a table being read


def _near_an_array(name: str) -> bool:
    """A table name one slip away from an array's (`contact`, `Contacts`, `org_units`), not one
    merely alike (`Notes` and `teams`)."""
    return bool(did_you_mean(name, DOCUMENT_ORDER, cutoff=0.8))


def _kind(hint: Any) -> str:
    """The cell type of a field: bool, int, float, list or text (str, enums, dates)."""
    while True:
        origin = get_origin(hint)
        if origin is list:
            return "list"
        if origin in (Union, UnionType):
            hint = next(a for a in get_args(hint) if a is not NoneType)
        elif hasattr(hint, "__metadata__"):
            hint = get_args(hint)[0]
        else:
            break
    if hint is bool:
        return "bool"
    if hint is int:
        return "int"
    return "float" if hint is float else "text"


KINDS: dict[str, dict[str, str]] = {
    array: {f.alias or name: _kind(f.annotation) for name, f in model.model_fields.items()}
    for array, model in ARRAYS.items()
}


@dataclass
class Tabular:
    """A document read from tables, where each record came from, and problems of the tables."""

    doc: dict[str, Any] = field(default_factory=lambda: {"format": FORMAT})
    sources: dict[str, str] = field(default_factory=dict)  # array -> file or sheet name
    lines: dict[str, list[int]] = field(default_factory=dict)  # array -> line of each record
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # tables that are no array: left out
    # (table, rows read so far, None), every READ_STEP rows, and (table, rows, rows) at its end:
    # reading a large workbook takes as long as importing it, and should not be silent.
    progress: Callable[[str, int, int | None], None] | None = None

    def locate(self, array: str, index: int, path: str) -> str:
        """`contacts.csv:5 rank`: the file (or sheet) and line, then the field."""
        where = f"{self.sources[array]}:{self.lines[array][index]}"
        return f"{where} {path}" if path else where

    def add_table(self, name: str, source: str, rows: Iterable[tuple[int, list[Any]]]) -> None:
        """Read one table (`name` is the file or sheet name without extension)."""
        if gate.name_problem(source):
            source = repr(source)  # a file or sheet name is shown in every problem of its table
        if name not in ARRAYS:
            # A near miss of an array name is a mistake (its records would be lost); anything
            # else is a table of the user's own beside the arrays (a "Notes" sheet): left out.
            if _near_an_array(name):
                self.problems.append(f"{source}: not a relgraph/1 array"
                                     f"{did_you_mean(name, DOCUMENT_ORDER)}")
            else:
                self.skipped.append(f"{source}: not a relgraph/1 array; left out")
            return
        if name in self.sources:
            self.problems.append(f"{source}: a second table for {name} "
                                 f"(first: {self.sources[name]})")
            return
        lines = iter(rows)
        header = next(lines, None)
        if header is None:
            return  # an empty table gives no records
        line, names = header[0], [_header(h) for h in header[1]]
        columns = self._columns(name, source, line, names)
        if columns is None:
            return
        records, numbers = [], []
        progress, read = self.progress, 0
        for number, cells in lines:
            read += 1
            if progress is not None and read % READ_STEP == 0:
                progress(source, read, None)
            record = {}
            for position, column in columns:
                raw = cells[position] if position < len(cells) else None
                value = cell_value(raw, KINDS[name][column])
                if value is not _SKIP:
                    record[column] = value
            if any(not _blank(c) for c in cells):
                records.append(record)
                numbers.append(number)
        self.doc[name], self.sources[name], self.lines[name] = records, source, numbers
        if progress is not None:
            progress(source, read, read)

    def _columns(self, name: str, source: str, line: int,
                 names: list[str]) -> list[tuple[int, str]] | None:
        """Known columns with their positions; problems for unknown, repeated or missing ones."""
        columns, seen, ok = [], set(), True
        for position, column in enumerate(names):
            if not column:
                continue
            if (why := gate.name_problem(column)) is not None:
                self.problems.append(f"{source}:{line}: the column name {column!r} {why}")
                ok = False
            elif column not in KINDS[name]:
                self.problems.append(f"{source}:{line} {column}: unknown column"
                                     f"{did_you_mean(column, COLUMNS[name])}")
                ok = False
            elif column in seen:
                self.problems.append(f"{source}:{line} {column}: repeated column")
                ok = False
            else:
                seen.add(column)
                columns.append((position, column))
        missing = [c for c in REQUIRED[name] if c not in seen]
        if missing:
            self.problems.append(f"{source}:{line}: missing required column(s) "
                                 f"{', '.join(missing)}")
            ok = False
        return columns if ok else None


def cell_value(raw: Any, kind: str) -> Any:
    """A cell as the field's JSON value; what does not parse stays text for validation."""
    if _blank(raw):
        return _SKIP
    if isinstance(raw, dt.datetime):
        raw = raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    elif isinstance(raw, dt.date):
        raw = raw.isoformat()
    if kind == "list":
        return [p.strip() for p in _text(raw).split(";") if p.strip()]
    if isinstance(raw, str):
        return _parse(raw.strip(), kind) if kind != "text" else raw
    if isinstance(raw, bool):
        return raw
    if kind == "text":
        return _text(raw)
    if kind == "int" and isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw


def _parse(text: str, kind: str) -> Any:
    if kind == "bool":
        return {"true": True, "false": False}.get(text.lower(), text)
    if kind == "int":
        return int(text) if _INTEGER.fullmatch(text) else text
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _text(raw: Any) -> str:
    # Spreadsheets turn ids such as 1001 into numbers; an id column wants the text back.
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _header(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


# --- readers ----------------------------------------------------------------------------------

def read(path: Path, progress: Callable[[str, int, int | None], None] | None = None) -> Tabular:
    """Read a CSV folder, a zip of CSV files, one CSV file, or an XLSX workbook (`progress`:
    see `Tabular.progress`)."""
    table = Tabular(progress=progress)
    try:
        if path.is_dir():
            return read_csv_folder(path, table)
        suffix = path.suffix.lower()
        if suffix == ".zip":
            return read_csv_zip(path, table)
        if suffix == ".csv":
            return _read_csv_files([path], table)
        return read_xlsx(path, table)
    except zipfile.BadZipFile as exc:  # an .xlsx is a zip too
        raise ValidationFailed([f"{path.name}: not a valid {path.suffix} file ({exc})"]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationFailed([f"{path.name}: a CSV file is not UTF-8 text ({exc.reason})"]) \
            from exc
    except ParseError as exc:  # openpyxl parses the workbook's XML with the standard library
        raise ValidationFailed([f"{path.name}: not a readable workbook: its XML is not "
                                f"well-formed ({exc}); a cell may hold a character XML forbids, "
                                "such as U+FFFF"]) from exc


def _bounded(name: str, sizes: Iterable[int]) -> None:
    """Refuse tables whose bytes (uncompressed) exceed what one document may hold."""
    total = sum(sizes)
    if total > gate.DOCUMENT_MAX_BYTES:
        raise ValidationFailed([f"{name}: {total:,} bytes of tables; a document may have at "
                                f"most {gate.DOCUMENT_MAX_BYTES:,}"])


def _csv_rows(handle: io.TextIOBase, source: str,
              problems: list[str]) -> Iterator[tuple[int, list[Any]]]:
    """(line, cells) of each row; a row the csv module cannot read ends the table, a problem."""
    reader = csv.reader(handle)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1  # a quoted cell may span lines: report where a row starts
    except csv.Error as exc:
        reason = f"a cell is longer than {gate.CSV_CELL_MAX_CHARS} characters (text may have " \
                 f"at most {gate.TEXT_MAX_CHARS})" if "field limit" in str(exc) \
            else f"not valid CSV ({exc})"
        problems.append(f"{source}:{start}: {reason}")


def read_csv_folder(folder: Path, table: Tabular | None = None) -> Tabular:
    """Every `*.csv` file directly in the folder is one array."""
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise ValidationFailed([f"{folder}: no .csv files (expected e.g. accounts.csv)"])
    return _read_csv_files(files, table)


def _read_csv_files(files: list[Path], table: Tabular | None = None) -> Tabular:
    _bounded(files[0].name if len(files) == 1 else files[0].parent.name,
             (f.stat().st_size for f in files))
    table = table or Tabular()
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table.add_table(path.stem, path.name, _csv_rows(handle, path.name, table.problems))
    return table


def read_csv_zip(path: Path, table: Tabular | None = None) -> Tabular:
    """Every `*.csv` member of the zip (at any depth) is one array."""
    table = table or Tabular()
    with zipfile.ZipFile(path) as archive:
        members = sorted(n for n in archive.namelist()
                         if n.lower().endswith(".csv") and not n.startswith("__MACOSX/"))
        if not members:
            raise ValidationFailed([f"{path.name}: no .csv files (expected e.g. accounts.csv)"])
        _bounded(path.name, (archive.getinfo(m).file_size for m in members))
        for member in members:
            with archive.open(member) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                source = f"{path.name}:{member}"
                table.add_table(Path(member).stem, source, _csv_rows(text, source, table.problems))
    return table


def read_xlsx(path: Path, table: Tabular | None = None) -> Tabular:
    """Every sheet of the workbook is one array (empty sheets are ignored)."""
    import openpyxl  # imported here: only XLSX import and export need it

    with zipfile.ZipFile(path) as archive:
        _bounded(path.name, (info.file_size for info in archive.infolist()))
    table = table or Tabular()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            source = f"{path.name}[{sheet.title}]"
            rows = _sheet_rows(sheet.iter_rows(values_only=True), source, table.problems)
            first = next(rows, None)
            if first is None or all(_blank(c) for c in first[1]):
                continue
            table.add_table(sheet.title, source, _chain(first, rows))
    finally:
        book.close()
    return table


def _sheet_rows(rows: Iterable[tuple[Any, ...]], source: str,
                problems: list[str]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of a sheet, at most SHEET_MAX_ROWS; more ends the sheet, a problem."""
    for number, cells in enumerate(rows, start=1):
        if number > gate.SHEET_MAX_ROWS:
            problems.append(f"{source}: more than {gate.SHEET_MAX_ROWS:,} rows")
            return
        yield number, list(cells)


def _chain(first: tuple[int, list[Any]],
           rest: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    yield first
    yield from rest


# --- writers ----------------------------------------------------------------------------------

def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def write_csv_folder(doc: Mapping[str, Any], folder: Path) -> dict[str, int]:
    """One `<array>.csv` per array (header only when empty); returns records per array.

    `doc` maps arrays to records: lists, or iterators (export.stream_document) to stream.
    """
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for array in DOCUMENT_ORDER:
        with (folder / f"{array}.csv").open("w", encoding="utf-8", newline="") as handle:
            counts[array] = _write_csv(array, doc.get(array) or [], handle)
    return counts


def write_csv_zip(doc: Mapping[str, Any], path: Path) -> dict[str, int]:
    """The CSV files of write_csv_folder, in one zip."""
    counts = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for array in DOCUMENT_ORDER:
            buffer = io.StringIO(newline="")
            counts[array] = _write_csv(array, doc.get(array) or [], buffer)
            archive.writestr(f"{array}.csv", buffer.getvalue())
    return counts


def _write_csv(array: str, records: Iterable[dict[str, Any]], handle: Any) -> int:
    writer = csv.writer(handle)
    writer.writerow(COLUMNS[array])
    count = 0
    for count, record in enumerate(records, start=1):  # noqa: B007  (the count is the result)
        writer.writerow([_cell_text(record.get(c)) for c in COLUMNS[array]])
    return count


def write_xlsx(doc: Mapping[str, Any], path: Path) -> dict[str, int]:
    """One sheet per array (written as it streams); returns records per array."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    counts = {}
    for array in DOCUMENT_ORDER:
        sheet = book.create_sheet(array)
        sheet.append(list(COLUMNS[array]))
        count = 0
        for count, record in enumerate(doc.get(array) or [], start=1):  # noqa: B007
            row = []
            for column in COLUMNS[array]:
                value = record.get(column)
                cell = WriteOnlyCell(sheet, value=";".join(value)
                                     if isinstance(value, list) else value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, not a formula
                row.append(cell)
            sheet.append(row)
        counts[array] = count
    book.save(path)
    return counts
