"""`relgraph import`, `relgraph export`, `relgraph demo` and `relgraph schema dataset`."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from relgraph.cli.app import cli, fails_cleanly, store
from relgraph.cli.db import schema
from relgraph.ingest import tabular
from relgraph.ingest.export import dump_json, stream_document
from relgraph.ingest.importer import BATCH_SIZE, ImportSummary, import_document, import_path
from relgraph.store.schema import empty_graph

LARGE_IMPORT = 50_000  # records: from here on a progress line is worth showing off a terminal


class ProgressLine:
    """Progress on stderr: overwritten in place on a terminal, every few seconds off it; nothing
    in the first `quiet_s` seconds (a quick run stays silent)."""

    def __init__(self, stream: TextIO, *, every_s: float = 5.0, verb: str = "importing",
                 quiet_s: float = 0.0) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._every = 0.2 if self._tty else every_s
        self._verb = verb
        self._quiet_until = time.perf_counter() + quiet_s
        self._started: tuple[float, int] | None = None  # first report: (time, records by then)
        self._last = 0.0
        self._before: dict[str, int] = {}  # records of arrays already finished
        self.shown = False

    def __call__(self, array: str, done: int, total: int | None) -> None:
        """`done` records of `array` so far, of `total` (None: not known; `done` then counts
        the array's records until `total` is given, at its end)."""
        now = time.perf_counter()
        if done == total:
            self._before[array] = total
        if now < self._quiet_until or (now - self._last < self._every and done != total):
            return
        self._last = now
        records = sum(self._before.values()) + (0 if done == total else done)
        # The rate counts from the first written batch: validation before it is not writing.
        if self._started is None:
            self._started = (now, records)
        since, base = self._started
        rate = f" ({(records - base) / (now - since):,.0f} rows/s)" if now - since > 0.5 else ""
        text = f"{self._verb} {array}: {done:,}{'' if total is None else f'/{total:,}'}{rate}"
        if self._tty:
            self._stream.write("\r\033[K" + text)
        else:
            self._stream.write(text + "\n")
        self._stream.flush()
        self.shown = True

    def close(self) -> None:
        if self._tty and self.shown:
            self._stream.write("\r\033[K")
            self._stream.flush()


def _counted(array: str, records: Iterable[dict[str, Any]],
             progress: ProgressLine) -> Iterator[dict[str, Any]]:
    """The records of `array`, reporting how many went by."""
    done = 0
    for done, record in enumerate(records, start=1):
        if done % 1_000 == 0:
            progress(array, done, None)
        yield record
    if done:
        progress(array, done, done)


def _progress_for(records: int) -> ProgressLine | None:
    """A progress line when someone watches (a terminal) or the import is large."""
    if sys.stderr.isatty() or records >= LARGE_IMPORT:
        return ProgressLine(sys.stderr)
    return None


def _report(summary: ImportSummary) -> None:
    for table in summary.skipped:
        click.echo(f"relgraph: warning: {table}", err=True)
    click.echo(summary.table())
    click.echo(f"imported {summary.records} records in {summary.seconds:.1f} s "
               f"({summary.rate:,.0f} rows/s)" + ("" if summary.changed else "; nothing changed"))


def _size_hint(path: Path) -> int:
    """A cheap guess of how many records a file or folder holds (~150 bytes each), for progress."""
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files) // 150


@cli.command("import")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True,
              help="Records per write statement.")
@fails_cleanly
def import_command(source: Path, batch_size: int) -> None:
    """Import a relgraph/1 document: .json, a folder or .zip of CSV files (or one .csv), .xlsx.

    The whole document is validated first; a bad one is rejected with every problem listed
    and nothing written. Records are upserted by id, so importing twice changes nothing.
    """
    graph = store()
    progress = _progress_for(_size_hint(source))
    # A workbook or CSV tables take long to read too: their rows are counted as they come.
    reading = ProgressLine(sys.stderr, verb="reading", quiet_s=2.0) \
        if source.is_dir() or source.suffix.lower() in (".xlsx", ".zip", ".csv") else None
    try:
        summary = import_path(graph, source, progress=progress, batch_size=batch_size,
                              reading=reading)
    finally:
        for line in (reading, progress):
            if line:
                line.close()
    _report(summary)


@cli.command("export")
@click.argument("target", type=click.Path(path_type=Path, allow_dash=True))
@fails_cleanly
def export_command(target: Path) -> None:
    """Export the whole graph as a relgraph/1 document.

    TARGET is a .json file (`-` for standard output), an .xlsx workbook, a .zip of CSV files,
    or a folder (CSV files, one per array). Records come in canonical order, so exports of the
    same graph are identical.
    """
    graph = store()
    started = time.perf_counter()
    stdout = str(target) == "-"
    suffix = target.suffix.lower()
    folder = not stdout and (suffix == "" or target.is_dir())
    if not stdout and not folder and suffix not in (".json", ".xlsx", ".zip"):
        raise click.UsageError(f"{target}: export to .json, .xlsx, .zip or a folder")
    progress = ProgressLine(sys.stderr, verb="exporting", quiet_s=2.0)
    doc = {array: _counted(array, records, progress) if isinstance(records, Iterator)
           else records for array, records in stream_document(graph).items()}
    try:
        if stdout:
            counts = dump_json(doc, sys.stdout)
        elif folder:
            counts = tabular.write_csv_folder(doc, target)
        elif suffix == ".json":
            partial = target.with_name(target.name + ".partial")  # no half-written export
            with partial.open("w", encoding="utf-8") as out:
                counts = dump_json(doc, out)
            partial.replace(target)
        elif suffix == ".xlsx":
            counts = tabular.write_xlsx(doc, target)
        else:
            counts = tabular.write_csv_zip(doc, target)
    finally:
        progress.close()
    click.echo(f"relgraph: exported {sum(counts.values())} records to {target} "
               f"in {time.perf_counter() - started:.1f} s", err=True)


@cli.command("demo")
@click.option("--accounts", type=click.IntRange(min=1), default=12, show_default=True,
              help="How many client accounts the portfolio has.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date the portfolio is current at (default: today).")
@click.option("--replace", is_flag=True, help="Empty the graph first (API keys are kept).")
@fails_cleanly
def demo_command(accounts: int, seed: int, as_of: dt.datetime | None, replace: bool) -> None:
    """Generate a realistic demo portfolio and import it."""
    from relgraph.ingest.demo import generate_portfolio

    started = time.perf_counter()
    doc = generate_portfolio(accounts=accounts, seed=seed,
                             as_of=as_of.date() if as_of else None)
    generated = time.perf_counter() - started
    graph = store()
    if replace:
        empty_graph(graph)
    records = sum(len(v) for v in doc.values() if isinstance(v, list))
    progress = _progress_for(records)
    try:
        summary = import_document(graph, doc, progress=progress)
    finally:
        if progress:
            progress.close()
    _report(summary)
    click.echo(f"generated {accounts} accounts (seed {seed}) in {generated:.1f} s")


@schema.command("dataset")
def schema_dataset() -> None:
    """Print the JSON Schema of a relgraph/1 document (schema/relgraph-1.schema.json)."""
    from relgraph.ingest.jsonschema import render

    click.echo(render(), nl=False)
