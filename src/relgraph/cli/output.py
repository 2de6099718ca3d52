"""How the commands print their answers, one way for all of them: a table that fits the
terminal by wrapping long text onto more lines (nothing is ever cut), CSV for spreadsheets (one
row per answer, a header of camelCase names, lists `;`-separated), or JSON (exactly the value of
the matching GraphQL field).

    @cli.command("coaches")
    @format_option("table", "json", "csv")
    @fails_cleanly
    def coaches_cmd(..., fmt: str) -> None:
        check_format(fmt, "table", "json", "csv")
        found = coaches(...)
        emit(fmt, found, coaches_table, columns=COACH_COLUMNS, empty="no coaches")

The table is as wide as the terminal (`COLUMNS`, else the terminal's width; 100 when the output
is not a terminal).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import click

from relgraph.errors import RelgraphError
from relgraph.intel.types import Answer

F = TypeVar("F", bound=Callable[..., Any])
A = TypeVar("A", bound=Answer)

DEFAULT_WIDTH = 100
GAP = "  "  # between columns


def terminal_width() -> int:
    """The width to print in: `COLUMNS`, else the terminal's; 100 when not a terminal."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def format_option(*choices: str) -> Callable[[F], F]:
    """`--format` with these choices (table first: the default)."""
    return click.option("--format", "fmt", default=choices[0], metavar="|".join(choices),
                        show_default=True,
                        help=f"Output: {' or '.join(choices)} (json = the GraphQL field's value"
                             + (", csv = one row per answer" if "csv" in choices else "") + ").")


def check_format(fmt: str, *choices: str) -> str:
    if fmt not in choices:
        raise RelgraphError(f"--format must be {' or '.join(choices)}, got {fmt!r}")
    return fmt


# --- text --------------------------------------------------------------------------------------

def wrap(text: object, width: int, indent: str = "", more: str | None = None) -> list[str]:
    """`text` in lines of at most `width` characters, the first after `indent`, the others
    after `more` (default: `indent`); long words are broken, never dropped."""
    value = "" if text is None else str(text)
    lines: list[str] = []
    for part in value.split("\n") or [""]:
        lines += textwrap.wrap(part, width=max(width, len(indent) + 1, len(more or "") + 1),
                               initial_indent=indent if not lines else (more or indent),
                               subsequent_indent=more if more is not None else indent,
                               break_on_hyphens=False, drop_whitespace=True) or [indent.rstrip()]
    return lines


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          limits: Sequence[int] | None = None, width: int | None = None) -> list[str]:
    """Aligned columns within `width` (the terminal's): each column as wide as its content;
    when that is too wide, the columns above their `limits` and then the widest ones narrow,
    and their cells go on over more lines."""
    head, lines = table_rows(headers, rows, limits, width)
    return [*head, *(line for row in lines for line in row)]


def table_rows(headers: Sequence[str], rows: Sequence[Sequence[object]],
               limits: Sequence[int] | None = None, width: int | None = None,
               ) -> tuple[list[str], list[list[str]]]:
    """`table`'s lines: those of the header, and those of each row (for text between rows)."""
    total = width or terminal_width()
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    count = len(headers)
    widths = [max([len(headers[i])] + [len(line) for r in cells for line in r[i].split("\n")])
              for i in range(count)]
    # a column narrows to its header's longest word at the least: headers wrap like cells
    floor = [max(max((len(w) for w in h.split()), default=0), 6) for h in headers]
    caps = list(limits) if limits else widths

    def over() -> int:
        return sum(widths) + len(GAP) * (count - 1) - total

    while over() > 0:
        above = [i for i in range(count) if widths[i] > max(caps[i], floor[i])]
        shrinkable = above or [i for i in range(count) if widths[i] > floor[i]]
        if not shrinkable:
            break  # a very narrow terminal: lines run past it rather than lose text
        widest = max(shrinkable, key=lambda i: (widths[i], i))
        widths[widest] -= 1

    def lines(row: Sequence[str]) -> list[str]:
        parts = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        return [GAP.join((p[n] if n < len(p) else "").ljust(w)
                         for p, w in zip(parts, widths, strict=True)).rstrip()
                for n in range(max(len(p) for p in parts))]

    return lines(headers), [lines(row) for row in cells]


# --- printing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column(Generic[A]):
    """One CSV column: its camelCase header and the value of an answer in it."""

    header: str
    value: Callable[[A], object]


def csv_cell(value: object) -> str:
    """A value as CSV text: empty for none, true/false, lists `;`-separated, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(csv_cell(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def echo_lines(lines: Sequence[str]) -> None:
    for line in lines:
        click.echo(line)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def echo_csv(columns: Sequence[Column[A]], found: Sequence[A]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    for answer in found:
        writer.writerow([csv_cell(c.value(answer)) for c in columns])


def emit(fmt: str, found: Sequence[A], lines: Callable[[Sequence[A]], list[str]], *,
         columns: Sequence[Column[A]] = (), empty: str | None = None) -> None:
    """Print the answers in `fmt`: JSON (the GraphQL field's value), CSV (`columns`) or the
    table `lines` makes (`empty` instead of an empty table, when given)."""
    if fmt == "json":
        echo_json([a.to_dict() for a in found])
    elif fmt == "csv":
        echo_csv(columns, found)
    elif not found and empty is not None:
        click.echo(empty)
    else:
        echo_lines(lines(found))
