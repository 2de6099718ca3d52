"""The key-relationship cycle on the command line: `relgraph plans` (the plan cards) and
`relgraph review` (the annual review of an account). `--format json` prints exactly the value
of the GraphQL field (`plans`, `annualReview`); `table` fits the terminal, wrapping long text;
`review --format csv` gives the attitude changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from relgraph.cli.app import cli, fails_cleanly, settings, store
from relgraph.cli.intel import _as_of, _attitude, _date, _required_date
from relgraph.cli.output import (
    Column,
    check_format,
    echo_csv,
    echo_json,
    echo_lines,
    emit,
    format_option,
    table_rows,
    terminal_width,
    wrap,
)
from relgraph.intel.plans import PlanCard, plans
from relgraph.intel.review import AnnualReview, annual_review
from relgraph.intel.types import AttitudeChange, ContactRef

INDENT = " " * 10


@cli.command("plans")
@click.option("--account", "account_id", metavar="ID",
              help="Only this account (default: every account).")
@click.option("--contact", "contact_id", metavar="ID", help="Only the plans for this contact.")
@click.option("--active-on", "active_on", metavar="YYYY-MM-DD",
              help="Only the plans active on this day.")
@_as_of()
@format_option("table", "json")
@fails_cleanly
def plans_cmd(account_id: str | None, contact_id: str | None, active_on: str | None,
              as_of: str | None, fmt: str) -> None:
    """Key-relationship plans: goal, target and current attitude, reviews and commitments."""
    check_format(fmt, "table", "json")
    found = plans(store(), [account_id] if account_id else None, contact_id,
                  _date(active_on, "--active-on"), _date(as_of, "--as-of"))
    emit(fmt, found, plans_table, empty="no plans")


def _state(card: PlanCard) -> str:
    if not card.active:
        return "ended, " + ("reached" if card.reached_target else "missed")
    marks = [m for m, on in (
        ("review overdue", card.review_overdue),
        ("off track", card.last_review is not None and not card.last_review.on_track),
        ("reached", card.reached_target)) if on]
    return ", ".join(marks) or "on track"


def plans_table(found: Sequence[PlanCard]) -> list[str]:
    """One row per plan (contact, target and now, next review, state), then its owner, sponsor
    and period, its goal, its latest review and its late commitments."""
    width = terminal_width()
    head, rows = table_rows(("PLAN", "CONTACT", "TARGET", "NOW", "NEXT REVIEW", "STATE"),
                            [(c.id, f"{c.contact.name} ({c.contact.id})", c.target_attitude,
                              _attitude(c.current_attitude),
                              c.next_review_due.isoformat() if c.next_review_due else "-",
                              _state(c)) for c in found], (8, 34, 6, 3, 11, 30), width)
    out = list(head)
    for card, row in zip(found, rows, strict=True):
        out.extend(row)
        out.extend(wrap(f"{INDENT}owner {card.owner.name}, sponsor {card.sponsor.name}; "
                       f"{card.start} .. {card.end}", width, more=INDENT))
        out.extend(wrap(f"{INDENT}goal: {card.goal}", width, more=INDENT))
        last = card.last_review
        if last is not None:
            verdict = "on track" if last.on_track else "off track"
            detail = "".join(f"; {k}: {v}" for k, v in (("gap", last.gap), ("remedy", last.remedy))
                             if v)
            out.extend(wrap(f"{INDENT}reviewed {last.date}: {verdict}{detail}", width,
                            more=INDENT))
        late = [m for m in card.commitments if m.overdue]
        if late:
            out.extend(wrap(f"{INDENT}late: " + ", ".join(f"{m.text} (due {m.due})"
                                                           for m in late), width, more=INDENT))
    return out


# `review --format csv`: the attitude changes of the year (strengthened, then weakened), one row
# each; the other sections are in the JSON.
REVIEW_COLUMNS: tuple[Column[AttitudeChange], ...] = (
    Column("contactId", lambda c: c.contact.id), Column("name", lambda c: c.contact.name),
    Column("title", lambda c: c.contact.title), Column("before", lambda c: c.before),
    Column("after", lambda c: c.after), Column("change", lambda c: c.change),
    Column("direction", lambda c: c.direction),
)


@cli.command("review")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@click.option("--since", required=True, metavar="YYYY-MM-DD", help="Start of the period.")
@click.option("--until", required=True, metavar="YYYY-MM-DD", help="End of the period.")
@_as_of()
@format_option("table", "json", "csv")
@fails_cleanly
def review_cmd(account_id: str, since: str, until: str, as_of: str | None, fmt: str) -> None:
    """The annual review: whose attitude strengthened or weakened, new key people, rising
    stars, departed people, plans reached and missed, tier changes, organizational coverage."""
    check_format(fmt, "table", "json", "csv")
    found = annual_review(store(), account_id, _required_date(since, "--since"),
                          _required_date(until, "--until"), _date(as_of, "--as-of"),
                          settings())
    if fmt == "json":
        echo_json(found.to_dict())
    elif fmt == "csv":
        echo_csv(REVIEW_COLUMNS, [*found.strengthened, *found.weakened])
    else:
        echo_lines(review_lines(found))


def review_lines(r: AnnualReview) -> list[str]:
    """The year on one page: a heading, then each section with its count and its entries."""
    known = f", as known on {r.as_of}" if r.as_of != r.until else ""
    width = terminal_width()
    lines = wrap(f"{r.account_name} ({r.account_id}, tier {r.tier}) — the year {r.since} .. "
                 f"{r.until}{known}", width)

    def section(title: str, entries: list[str]) -> None:
        lines.append(f"{title} ({len(entries)})" + ("" if entries else ": none"))
        for e in entries:
            lines.extend(wrap(f"  {e}", width, more="    "))

    def who(contact: ContactRef) -> str:
        return f"{contact.name} ({contact.id})"

    section("strengthened", [f"{who(c.contact)}: {_attitude(c.before)} → {_attitude(c.after)}"
                             for c in r.strengthened])
    section("weakened", [f"{who(c.contact)}: {_attitude(c.before)} → {_attitude(c.after)}"
                         for c in r.weakened])
    section("new key people", [f"{who(p.contact)}, rank {p.contact.rank}: {p.reason} {p.since}"
                               for p in r.new_key_people])
    section("rising stars", [f"{who(s.contact)}, rank {s.contact.rank}: " + ", ".join(
        m for m, on in (("flagged", s.flagged),
                        (f"#{s.hidden_rank} hidden influencer", s.hidden_rank is not None)) if on)
        for s in r.rising_stars])
    section("departed", [f"{who(d.contact)}, rank {d.contact.rank}: "
                         + (f"left {d.left_on}" if d.left_on else f"last met {d.last_met}")
                         + f", last attitude {_attitude(d.last_attitude)}" for d in r.departed])
    for title, outcomes in (("plans reached", r.plans_reached), ("plans missed", r.plans_missed)):
        section(title, [f"{p.plan_id} {who(p.contact)}: ended {p.end}, attitude "
                        f"{_attitude(p.attitude)} for target {p.target_attitude} — {p.goal}"
                        for p in outcomes])
    section("tier changes", [f"{t.date}: {t.before} → {t.after}"
                             + (f" ({t.note})" if t.note else "") for t in r.tier_changes])

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f}%"

    lines.append(f"organizational coverage: {share(r.organizational_coverage_then)} then, "
                 f"{share(r.organizational_coverage_now)} now")
    return lines
