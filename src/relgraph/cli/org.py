"""The commands of the client as a company: `org-relationship`, `departments`, `portfolio`.

`--format json` prints exactly the value of the matching GraphQL field
(`organizationalRelationship`, `generalRelationship`, `portfolio`); `table` (the default) fits
a 100-column terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import click

from relgraph.cli.app import cli, fails_cleanly, settings, store
from relgraph.cli.intel import _as_of, _date
from relgraph.cli.output import check_format, echo_json, echo_lines, emit, format_option
from relgraph.cli.output import table as columns
from relgraph.intel import general_relationship, organizational_relationship, portfolio
from relgraph.intel.types import (
    Answer,
    DepartmentRelationship,
    OrgRelationship,
    PortfolioSummary,
)

A = TypeVar("A", bound=Answer)


def _show(fmt: str, found: A, lines: Callable[[A], list[str]]) -> None:
    """Print one answer: as JSON (exactly the GraphQL field's value) or as `lines`."""
    if fmt == "json":
        echo_json(found.to_dict())
    else:
        echo_lines(lines(found))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _label(value: str) -> str:
    return value.replace("_", " ")


@cli.command("org-relationship")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@format_option("table", "json")
@fails_cleanly
def org_relationship_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """The organizational relationship of an account: the four fronts' actions, required by
    its partnership level, done in the 365 days up to the day, and the coverage."""
    check_format(fmt, "table", "json")
    _show(fmt, organizational_relationship(store(), account_id, _date(as_of, "--as-of"),
                                           settings()), org_lines)


def org_lines(found: OrgRelationship) -> list[str]:
    lines = [f"{found.account_name} ({found.account_id}), {_label(found.partnership)} — "
             f"organizational relationship as of {found.as_of}",
             f"coverage {found.done} of {found.required} required actions "
             f"({_pct(found.coverage)}): "
             + ", ".join(f"{f.front} {_pct(f.coverage)}" for f in found.fronts)]
    rows = []
    for front in found.fronts:
        for a in front.actions:
            latest = a.evidence[0] if a.evidence else None
            shown = "-" if latest is None else (
                latest.id + (f" ({latest.type})" if latest.source == "interaction" else "")
                + (f": {latest.note}" if latest.note else ""))
            more = f" (+{len(a.evidence) - 1})" if len(a.evidence) > 1 else ""
            rows.append((front.front, _label(a.action), "yes" if a.required else "-",
                         "yes" if a.done else ("NO" if a.required else "no"),
                         a.last_date.isoformat() if a.last_date else "never", shown + more))
    lines += columns(("FRONT", "ACTION", "REQUIRED", "DONE", "LAST", "LATEST EVIDENCE"), rows,
                     (13, 23, 8, 4, 10, 100))
    return lines


@cli.command("departments")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@format_option("table", "json")
@fails_cleanly
def departments_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """The general relationship of each department (org unit) of an account: activities,
    process, result and score (null score: not assessed in the 365 days up to the day)."""
    check_format(fmt, "table", "json")
    emit(fmt, general_relationship(store(), account_id, _date(as_of, "--as-of"), settings()),
            departments_lines)


def departments_lines(found: Sequence[DepartmentRelationship]) -> list[str]:
    def flag(value: bool | None) -> str:
        return "-" if value is None else ("yes" if value else "no")

    lines = columns(
        ("DEPARTMENT", "ID", "ACTS", "PROCESS", "RESULT", "SCORE", "SUPPORT", "CHANNEL",
         "SPREAD", "ASSESSED"),
        [(d.org_unit.name, d.org_unit.id, d.activities, _num(d.process), _num(d.result),
          _num(d.score) + (" !" if d.obstructs else ""),
          "-" if d.key_event_support is None else d.key_event_support,
          "-" if d.information_channel is None else d.information_channel,
          flag(d.issue_spread), d.last_assessed.isoformat() if d.last_assessed else "never")
         for d in found], (19, 12, 4, 7, 6, 7, 7, 7, 6, 10))
    scored = [d.score for d in found if d.score is not None]
    mean = f"; mean score {sum(scored) / len(scored):.2f}" if scored else ""
    obstructing = sum(1 for d in found if d.obstructs)
    lines.append(f"{len(scored)} of {len(found)} department(s) assessed in the 365 days{mean}"
                 + (f"; {obstructing} obstruct(s) (!)" if obstructing else ""))
    return lines


@cli.command("portfolio")
@_as_of()
@format_option("table", "json")
@fails_cleanly
def portfolio_cmd(as_of: str | None, fmt: str) -> None:
    """The portfolio by tier (accounts, target and measured share of effort) and by
    partnership level (organizational coverage)."""
    check_format(fmt, "table", "json")
    _show(fmt, portfolio(store(), None, _date(as_of, "--as-of"), settings()), portfolio_lines)


def portfolio_lines(found: PortfolioSummary) -> list[str]:
    lines = [f"portfolio as of {found.as_of}: effort = our staff's attendances in the 365 days "
             f"({found.attendances}); target split {found.tier_resources}"]
    lines += columns(("TIER", "ACCOUNTS", "TARGET", "EFFORT", "DEVIATION", "ATTENDANCES"),
                     [(t.tier, t.accounts, _pct(t.target_share), _pct(t.effort_share),
                       "-" if t.deviation is None else f"{t.deviation * 100:+.0f} pts",
                       t.attendances) for t in found.tiers], (4, 8, 6, 6, 9, 11))
    lines.append("")
    lines += columns(("PARTNERSHIP", "ACCOUNTS", "REQUIRED", "DONE", "COVERAGE"),
                     [(_label(p.partnership), p.accounts, p.required, p.done, _pct(p.coverage))
                      for p in found.partnerships], (17, 8, 8, 6, 8))
    return lines
