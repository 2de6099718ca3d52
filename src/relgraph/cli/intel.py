"""The intelligence commands: `paths`, `gaps`, `coaches` (docs/CONTRACT.md §3) and `influence`,
`powermap`, `health`, `scores`, `analytics` (`plans` and `review`: relgraph.cli.plans).

`--format json` prints exactly the value of the matching GraphQL field (the `to_dict()` of the
library's answers, camelCase); `table` (the default) fits a 100-column terminal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from relgraph.cli.app import cli, fails_cleanly, settings, store
from relgraph.errors import RelgraphError
from relgraph.intel import (
    account_health,
    coach_candidates,
    coaches,
    contact_scores,
    coverage_gaps,
    hidden_influencers,
    influence_paths,
    influenced_by,
    power_map,
    power_map_dot,
    single_points_of_failure,
)
from relgraph.intel.gaps import parse_kinds
from relgraph.intel.paths import MAX_HOPS_LIMIT, MAX_PATHS
from relgraph.intel.types import (
    AccountHealth,
    Answer,
    Coach,
    CoachCandidate,
    ContactScore,
    CoverageGap,
    HiddenInfluencer,
    Influenced,
    InfluencePath,
    PowerMap,
    SinglePointOfFailure,
)

WIDTH = 100
ARROW = " → "
F = TypeVar("F", bound=Callable[..., Any])
A = TypeVar("A", bound=Answer)

# --- shared options and output ----------------------------------------------------------------


def _format_option(*choices: str) -> Callable[[F], F]:
    return click.option("--format", "fmt", default="table", metavar="|".join(choices),
                        show_default=True,
                        help=f"Output: {' or '.join(choices)} (json = the GraphQL field's value).")


def _as_of() -> Callable[[F], F]:
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                        help="Answer as of this day (default: today).")


def _check_format(fmt: str, *choices: str) -> str:
    if fmt not in choices:
        raise RelgraphError(f"--format must be {' or '.join(choices)}, got {fmt!r}")
    return fmt


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RelgraphError(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def _required_date(value: str, option: str) -> dt.date:
    day = _date(value, option)
    assert day is not None
    return day


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def cut(text: object, width: int) -> str:
    """`text` in at most `width` characters (an ellipsis marks a cut)."""
    value = "" if text is None else str(text)
    if len(value) <= width:
        return value
    return value[:max(width - 1, 0)] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          limits: Sequence[int] | None = None, width: int = WIDTH) -> list[str]:
    """Aligned columns within `width`: each column as wide as its content, at most its limit;
    the last column takes what is left."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    n = len(headers)
    natural = [max([len(headers[i])] + [len(r[i]) for r in cells]) for i in range(n)]
    caps = list(limits) if limits else [width] * n
    widths = [min(natural[i], caps[i]) for i in range(n)]
    used = sum(widths[:-1]) + 2 * (n - 1)
    widths[-1] = max(min(natural[-1], width - used), len(headers[-1]))
    out = []
    for row in [list(headers), *cells]:
        line = "  ".join(cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True))
        out.append(cut(line.rstrip(), width))
    return out


def _echo_lines(lines: Sequence[str]) -> None:
    for line in lines:
        click.echo(line)


def _answer(fmt: str, found: Sequence[A], lines: Callable[[Sequence[A]], list[str]],
            empty: str | None = None) -> None:
    """Print the answers: as JSON (exactly the GraphQL field's value) or as `lines`; `empty`
    instead of an empty table, when given."""
    if fmt == "json":
        _echo_json([a.to_dict() for a in found])
    elif not found and empty is not None:
        click.echo(empty)
    else:
        _echo_lines(lines(found))


def _attitude(value: int | None) -> str:
    return "?" if value is None else str(value)


# --- paths and influence ----------------------------------------------------------------------

@cli.command("paths")
@click.option("--to", "target", required=True, metavar="ID", help="The contact to reach.")
@click.option("--from", "from_ids", multiple=True, metavar="ID",
              help="Start from this staff member (repeatable); default: every active staff member.")
@click.option("--max-hops", default=4, show_default=True, type=int, help="At most this many links.")
@click.option("--limit", default=5, show_default=True, type=int, help="At most this many paths.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def paths_cmd(target: str, from_ids: tuple[str, ...], max_hops: int, limit: int,
              as_of: str | None, fmt: str) -> None:
    """The strongest paths from our side to a contact, each hop explained."""
    _check_format(fmt, "table", "json")
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise RelgraphError(f"--max-hops must be from 1 to {MAX_HOPS_LIMIT}, got {max_hops}")
    if not 1 <= limit <= MAX_PATHS:
        raise RelgraphError(f"--limit must be from 1 to {MAX_PATHS}, got {limit}")
    found = influence_paths(store(), target, from_ids, max_hops=max_hops, limit=limit,
                            as_of=_date(as_of, "--as-of"), settings=settings())
    start = ", ".join(from_ids) if from_ids else "our active staff"
    _answer(fmt, found, paths_table, f"no path from {start} to {target} within {max_hops} hops")


def paths_table(found: Sequence[InfluencePath]) -> list[str]:
    lines: list[str] = []
    for number, path in enumerate(found, start=1):
        names = ARROW.join(n.name for n in path.nodes)
        hops = f"{path.hops} hop{'s' if path.hops != 1 else ''}"
        lines.append(cut(f"#{number}  {path.strength:.3f}  {hops}  {names}", WIDTH))
        for link in path.links:
            lines.append(cut(f"     {link.type.value:<10}  {link.strength:.2f}  {link.explanation}",
                             WIDTH))
    return lines


@cli.command("influence")
@click.option("--from", "contact", required=True, metavar="ID", help="The influencing contact.")
@click.option("--max-hops", default=3, show_default=True, type=int, help="At most this many links.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def influence_cmd(contact: str, max_hops: int, as_of: str | None, fmt: str) -> None:
    """Whom a contact influences (INFLUENCES, and reporting lines both ways), strongest first."""
    _check_format(fmt, "table", "json")
    found = influenced_by(store(), contact, max_hops=max_hops, as_of=_date(as_of, "--as-of"))
    _answer(fmt, found, influence_table, f"{contact} influences no one within {max_hops} hops")


def influence_table(found: Sequence[Influenced]) -> list[str]:
    return table(("CONTACT", "ID", "STRENGTH", "HOPS", "VIA"),
                 [(i.contact.name, i.contact.id, f"{i.strength:.3f}", i.hops,
                   ARROW.join(i.via) or "-") for i in found], (28, 16, 8, 4, 100))


# --- gaps -------------------------------------------------------------------------------------

@cli.command("gaps")
@click.option("--account", "account_id", metavar="ID",
              help="Only this account (default: the whole portfolio).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only findings of this kind (repeatable), e.g. OWNER_MISSING_A.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def gaps_cmd(account_id: str | None, kinds: tuple[str, ...], as_of: str | None,
             fmt: str) -> None:
    """Coverage gaps: typed findings with severity, subject and the fix each suggests."""
    _check_format(fmt, "table", "json")
    wanted = parse_kinds(kinds) if kinds else None
    day = _date(as_of, "--as-of")
    found = coverage_gaps(store(), account_id, wanted, as_of=day, settings=settings())
    _answer(fmt, found, gaps_table, "no coverage gaps")


def gaps_table(found: Sequence[CoverageGap]) -> list[str]:
    """One row per finding (severity, kind, account, subject), then its message and the fix."""
    lines = table(("SEVERITY", "KIND", "ACCOUNT", "SUBJECT"),
                  [(g.severity, g.kind, g.account_id or "-", f"{g.subject_name} ({g.subject_id})")
                   for g in found], (8, 22, 12, 100))
    out = [lines[0]]
    for gap, line in zip(found, lines[1:], strict=True):
        out.append(line)
        out.append(cut(f"{'':10}{gap.message}", WIDTH))
        out.append(cut(f"{'':10}→ {gap.suggestion}", WIDTH))
    counts = {s: sum(1 for g in found if g.severity == s) for s in ("HIGH", "MEDIUM", "LOW")}
    out.append(f"{len(found)} gap(s): " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return out


# --- coaches ----------------------------------------------------------------------------------

@cli.command("coaches")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@click.option("--opportunity", "opportunity_id", metavar="ID",
              help="Only coaches on this opportunity's decision chain.")
@click.option("--candidates", is_flag=True,
              help="List coach candidates instead: strong supporters who share and guide.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def coaches_cmd(account_id: str, opportunity_id: str | None, candidates: bool,
                as_of: str | None, fmt: str) -> None:
    """Coaches (attitude 3) of an account and whether each reaches a decision maker."""
    _check_format(fmt, "table", "json")
    day = _date(as_of, "--as-of")
    if candidates:
        pool = coach_candidates(store(), account_id, as_of=day, settings=settings())
        _answer(fmt, pool, candidates_table, f"no coach candidates at {account_id}")
        return
    found = coaches(store(), account_id, opportunity_id, as_of=day, settings=settings())
    where = f"on {opportunity_id}" if opportunity_id else f"at {account_id}"
    _answer(fmt, found, coaches_table,
            f"no coaches {where} (try `relgraph coaches --account {account_id} --candidates`)")


def coaches_table(found: Sequence[Coach]) -> list[str]:
    return table(("COACH", "ID", "TITLE", "RANK", "REACHES DM", "DMS REACHED", "OPPORTUNITIES"),
                 [(c.contact.name, c.contact.id, c.contact.title or "-", c.contact.rank or "-",
                   "yes" if c.reaches_decision_maker else "no",
                   ",".join(c.decision_makers_reached) or "-", ",".join(c.opportunities) or "-")
                  for c in found], (22, 12, 16, 4, 10, 14, 100))


def candidates_table(found: Sequence[CoachCandidate]) -> list[str]:
    return table(("CANDIDATE", "ID", "TITLE", "RANK", "INFO SHARING", "GUIDANCE", "ASSESSED"),
                 [(c.contact.name, c.contact.id, c.contact.title or "-", c.contact.rank or "-",
                   c.information_sharing, c.guidance, c.assessed_on.isoformat())
                  for c in found], (22, 12, 16, 4, 12, 8, 10))


# --- power map --------------------------------------------------------------------------------

@cli.command("powermap")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@_format_option("table", "json", "dot")
@fails_cleanly
def powermap_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """The power map of an account: org chart, attitudes, owners, sponsors, influence, gaps
    (dot = a Graphviz picture: `relgraph powermap --account ID --format dot | dot -Tsvg`)."""
    _check_format(fmt, "table", "json", "dot")
    pm = power_map(store(), account_id, as_of=_date(as_of, "--as-of"), settings=settings())
    if fmt == "json":
        _echo_json(pm.to_dict())
    elif fmt == "dot":
        click.echo(power_map_dot(pm), nl=False)
    else:
        _echo_lines(powermap_lines(pm))


def powermap_lines(pm: PowerMap) -> list[str]:
    lines = [f"{pm.account_name} ({pm.account_id}, tier {pm.tier}) — power map as of {pm.as_of}"]
    units = {u.id: u for u in pm.units}
    children: dict[str | None, list[str]] = {}
    for u in pm.units:
        parent = u.parent if u.parent in units else None
        children.setdefault(parent, []).append(u.id)
    by_unit: dict[str | None, list[Any]] = {}
    for c in pm.contacts:
        by_unit.setdefault(c.org_unit if c.org_unit in units else None, []).append(c)

    def contact_line(c: Any, indent: str) -> str:
        marks = [m for m, on in (("key", c.key), ("coach", c.coach), ("rising", c.rising_star),
                                 ("departed", not c.active)) if on]
        owners = ",".join(f"{o['name']}({o['role']})" for o in c.owners) or "no owner"
        gaps = f"  gaps: {','.join(c.gaps)}" if c.gaps else ""
        title = f", {c.title}" if c.title else ""
        return cut(f"{indent}- {c.name}{title} [{c.rank}] attitude {_attitude(c.attitude)}"
                   f"{' ' + '/'.join(marks) if marks else ''}; {owners}{gaps}", WIDTH)

    def walk(unit: str | None, depth: int) -> None:
        indent = "  " * depth
        for c in sorted(by_unit.get(unit, []), key=lambda x: (-_level(x.rank), x.name)):
            lines.append(contact_line(c, indent + "  "))
        for child in sorted(children.get(unit, []), key=lambda u: units[u].name):
            lines.append(cut(f"{indent}  {units[child].name} ({child})", WIDTH))
            walk(child, depth + 1)

    walk(None, 0)
    ours = ", ".join(f"{s['name']}" + (f" ({'/'.join(s['teamRoles'])})" if s["teamRoles"] else "")
                     for s in pm.staff if s["active"])
    lines.append(cut(f"our people: {ours or 'none'}", WIDTH))
    if pm.competitors:
        lines.append(cut("competitors: " + ", ".join(
            f"{k.get('name')}" + (f" ({k['position']})" if k.get("position") else "")
            for k in pm.competitors), WIDTH))
    lines.append(f"links: {len(pm.links)}; gaps: {len(pm.gaps)} "
                 f"(`relgraph gaps --account {pm.account_id}`)")
    return lines


def _level(rank: str | None) -> int:
    return {"S": 4, "A": 3, "B": 2, "C": 1}.get(rank or "C", 1)


# --- scores, health ---------------------------------------------------------------------------

@cli.command("scores")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def scores_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """Each contact's relationship score (mean of the six dimensions) and attitude."""
    _check_format(fmt, "table", "json")
    found = contact_scores(store(), account_id, as_of=_date(as_of, "--as-of"),
                           settings=settings())
    _answer(fmt, found, scores_table)


def scores_table(found: Sequence[ContactScore]) -> list[str]:
    return table(("CONTACT", "ID", "TITLE", "RANK", "SCORE", "ATTITUDE", "ASSESSED"),
                 [(s.contact.name, s.contact.id, s.contact.title or "-", s.contact.rank or "-",
                   "-" if s.score is None else f"{s.score:.2f}", _attitude(s.attitude),
                   s.assessed_on.isoformat() if s.assessed_on else "never") for s in found],
                 (26, 14, 20, 4, 5, 8, 10))


@cli.command("health")
@click.option("--account", "account_ids", multiple=True, metavar="ID",
              help="Only this account (repeatable); default: every account.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def health_cmd(account_ids: tuple[str, ...], as_of: str | None, fmt: str) -> None:
    """Account health: supportive share, owner coverage, cadence adherence, coach."""
    _check_format(fmt, "table", "json")
    found = account_health(store(), list(account_ids) or None, as_of=_date(as_of, "--as-of"),
                           settings=settings())
    _answer(fmt, found, health_table)


def health_table(found: Sequence[AccountHealth]) -> list[str]:
    def pct(x: float) -> str:
        return f"{x * 100:.0f}%"

    return table(("ACCOUNT", "NAME", "TIER", "KEY", "SUPPORT", "OWNERS", "CADENCE", "COACH",
                  "HEALTH"),
                 [(h.account_id, h.account_name, h.tier, h.key_contacts, pct(h.supportive_share),
                   pct(h.owner_coverage), pct(h.cadence_adherence),
                   "yes" if h.coach_present else "no", pct(h.health)) for h in found],
                 (12, 28, 4, 4, 7, 6, 7, 5, 6))


# --- analytics --------------------------------------------------------------------------------

@cli.command("analytics")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@click.option("--limit", default=10, show_default=True, type=int,
              help="At most this many hidden influencers.")
@_as_of()
@_format_option("table", "json")
@fails_cleanly
def analytics_cmd(account_id: str, limit: int, as_of: str | None, fmt: str) -> None:
    """Hidden influencers (centrality beyond rank) and our single points of failure."""
    _check_format(fmt, "table", "json")
    day = _date(as_of, "--as-of")
    hidden = hidden_influencers(store(), account_id, limit=limit, as_of=day, settings=settings())
    spofs = single_points_of_failure(store(), account_id, as_of=day, settings=settings())
    if fmt == "json":
        _echo_json({"hiddenInfluencers": [h.to_dict() for h in hidden],
                    "singlePointsOfFailure": [s.to_dict() for s in spofs]})
        return
    _echo_lines(analytics_lines(hidden, spofs))


def analytics_lines(hidden: Sequence[HiddenInfluencer],
                    spofs: Sequence[SinglePointOfFailure]) -> list[str]:
    lines = ["hidden influencers (influence beyond rank):"]
    if hidden:
        lines += table(("CONTACT", "ID", "RANK", "INDEX", "BETWEENNESS", "PAGERANK", "RISING"),
                       [(h.contact.name, h.contact.id, h.contact.rank or "-",
                         f"{h.influence_index:.3f}", f"{h.betweenness:.3f}",
                         f"{h.pagerank:.3f}", "yes" if h.rising_star else "")
                        for h in hidden], (26, 14, 4, 6, 11, 8, 6))
    else:
        lines.append("  none (no influence or reporting lines among the contacts)")
    lines.append("single points of failure on our side:")
    if spofs:
        lines += table(("STAFF", "ID", "STRANDED KEY CONTACTS"),
                       [(s.name, s.staff_id, f"{len(s.stranded_contacts)}: "
                         + ", ".join(s.stranded_contacts)) for s in spofs], (26, 14, 100))
    else:
        lines.append("  none: every key contact we reach has another way in")
    return lines
