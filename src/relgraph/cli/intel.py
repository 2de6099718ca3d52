"""The intelligence commands: `paths`, `gaps`, `coaches` (docs/CONTRACT.md §3) and `influence`,
`powermap`, `health`, `scores`, `analytics` (`plans` and `review`: relgraph.cli.plans).

`--format json` prints exactly the value of the matching GraphQL field (the `to_dict()` of the
library's answers, camelCase); `table` (the default) fits the terminal, wrapping long text;
`csv` (gaps, coaches, health, scores, review) one row per answer (relgraph.cli.output).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

from relgraph.cli.app import cli, fails_cleanly, settings, store
from relgraph.cli.output import (
    Column,
    check_format,
    echo_json,
    echo_lines,
    emit,
    format_option,
    table,
    table_rows,
    terminal_width,
    wrap,
)
from relgraph.cypher import statement
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
from relgraph.model import GapKind

ARROW = " → "
F = TypeVar("F", bound=Callable[..., Any])
CONTACTS_BY_IDS = statement("api_contacts_by_ids")

# --- shared options -----------------------------------------------------------------------------


def _as_of() -> Callable[[F], F]:
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                        help="Answer as of this day (default: today).")


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
@format_option("table", "json")
@fails_cleanly
def paths_cmd(target: str, from_ids: tuple[str, ...], max_hops: int, limit: int,
              as_of: str | None, fmt: str) -> None:
    """The strongest paths from our side to a contact, each hop explained."""
    check_format(fmt, "table", "json")
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise RelgraphError(f"--max-hops must be from 1 to {MAX_HOPS_LIMIT}, got {max_hops}")
    if not 1 <= limit <= MAX_PATHS:
        raise RelgraphError(f"--limit must be from 1 to {MAX_PATHS}, got {limit}")
    found = influence_paths(store(), target, from_ids, max_hops=max_hops, limit=limit,
                            as_of=_date(as_of, "--as-of"), settings=settings())
    start = ", ".join(from_ids) if from_ids else "our active staff"
    emit(fmt, found, paths_table, empty=f"no path from {start} to {target} within {max_hops} hops")


def paths_table(found: Sequence[InfluencePath]) -> list[str]:
    width = terminal_width()
    lines: list[str] = []
    for number, path in enumerate(found, start=1):
        names = ARROW.join(n.name for n in path.nodes)
        hops = f"{path.hops} hop{'s' if path.hops != 1 else ''}"
        lines += wrap(f"#{number}  {path.strength:.3f}  {hops}  {names}", width, more=" " * 5)
        for link in path.links:
            lines += wrap(f"{link.type.value:<10}  {link.strength:.2f}  {link.explanation}",
                          width, indent=" " * 5, more=" " * 23)
    return lines


@cli.command("influence")
@click.option("--from", "contact", required=True, metavar="ID", help="The influencing contact.")
@click.option("--max-hops", default=3, show_default=True, type=int, help="At most this many links.")
@_as_of()
@format_option("table", "json")
@fails_cleanly
def influence_cmd(contact: str, max_hops: int, as_of: str | None, fmt: str) -> None:
    """Whom a contact influences (INFLUENCES, and reporting lines both ways), strongest first."""
    check_format(fmt, "table", "json")
    found = influenced_by(store(), contact, max_hops=max_hops, as_of=_date(as_of, "--as-of"))
    emit(fmt, found, influence_table, empty=f"{contact} influences no one within {max_hops} hops")


def influence_table(found: Sequence[Influenced]) -> list[str]:
    return table(("CONTACT", "ID", "STRENGTH", "HOPS", "VIA"),
                 [(i.contact.name, i.contact.id, f"{i.strength:.3f}", i.hops,
                   ARROW.join(i.via) or "-") for i in found], (28, 16, 8, 4, 100))


# --- gaps -------------------------------------------------------------------------------------

def _complete_kinds(ctx: click.Context, param: click.Parameter,
                    incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(k.value) for k in GapKind
            if k.value.startswith(incomplete.upper())]


GAP_COLUMNS: tuple[Column[CoverageGap], ...] = (
    Column("severity", lambda g: g.severity), Column("kind", lambda g: g.kind),
    Column("accountId", lambda g: g.account_id), Column("subjectId", lambda g: g.subject_id),
    Column("subjectName", lambda g: g.subject_name), Column("message", lambda g: g.message),
    Column("suggestion", lambda g: g.suggestion),
    Column("candidates", lambda g: [f"{c.name} ({c.staff_id})" for c in g.candidates]),
)


@cli.command("gaps")
@click.option("--account", "account_id", metavar="ID",
              help="Only this account (default: the whole portfolio).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", shell_complete=_complete_kinds,
              help="Only findings of this kind (repeatable), e.g. OWNER_MISSING_A.")
@_as_of()
@format_option("table", "json", "csv")
@fails_cleanly
def gaps_cmd(account_id: str | None, kinds: tuple[str, ...], as_of: str | None,
             fmt: str) -> None:
    """Coverage gaps: typed findings with severity, subject and the fix each suggests."""
    check_format(fmt, "table", "json", "csv")
    wanted = parse_kinds(kinds) if kinds else None
    day = _date(as_of, "--as-of")
    found = coverage_gaps(store(), account_id, wanted, as_of=day, settings=settings())
    emit(fmt, found, gaps_table, columns=GAP_COLUMNS, empty="no coverage gaps")


def gaps_table(found: Sequence[CoverageGap]) -> list[str]:
    """One row per finding (severity, kind, account, subject), then its message and the fix,
    wrapped to the terminal's width."""
    width = terminal_width()
    out, rows = table_rows(("SEVERITY", "KIND", "ACCOUNT", "SUBJECT"),
                           [(g.severity, g.kind, g.account_id or "-",
                             f"{g.subject_name} ({g.subject_id})") for g in found], width=width)
    for gap, row in zip(found, rows, strict=True):
        out += row
        out += wrap(gap.message, width, indent=" " * 10)
        out += wrap(f"→ {gap.suggestion}", width, indent=" " * 10, more=" " * 12)
    counts = {s: sum(1 for g in found if g.severity == s) for s in ("HIGH", "MEDIUM", "LOW")}
    out.append(f"{len(found)} gap(s): " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return out


# --- coaches ----------------------------------------------------------------------------------

def _names(ids: Sequence[str]) -> dict[str, str]:
    """The names of these contacts (one statement), to print beside their ids."""
    if not ids:
        return {}
    rows = store().run(CONTACTS_BY_IDS, {"ids": sorted(set(ids))})
    return {str(r["item"]["id"]): str(r["item"].get("name") or "") for r in rows}


def _named(ident: str, names: dict[str, str]) -> str:
    name = names.get(ident)
    return f"{name} ({ident})" if name else ident


COACH_COLUMNS: tuple[Column[Coach], ...] = (
    Column("contactId", lambda c: c.contact.id), Column("name", lambda c: c.contact.name),
    Column("title", lambda c: c.contact.title), Column("rank", lambda c: c.contact.rank),
    Column("attitude", lambda c: c.contact.attitude),
    Column("reachesDecisionMaker", lambda c: c.reaches_decision_maker),
    Column("decisionMakersReached", lambda c: c.decision_makers_reached),
    Column("opportunities", lambda c: c.opportunities),
)
CANDIDATE_COLUMNS: tuple[Column[CoachCandidate], ...] = (
    Column("contactId", lambda c: c.contact.id), Column("name", lambda c: c.contact.name),
    Column("title", lambda c: c.contact.title), Column("rank", lambda c: c.contact.rank),
    Column("informationSharing", lambda c: c.information_sharing),
    Column("guidance", lambda c: c.guidance), Column("assessedOn", lambda c: c.assessed_on),
)


@cli.command("coaches")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@click.option("--opportunity", "opportunity_id", metavar="ID",
              help="Only coaches on this opportunity's decision chain.")
@click.option("--candidates", is_flag=True,
              help="List coach candidates instead: strong supporters who share and guide.")
@_as_of()
@format_option("table", "json", "csv")
@fails_cleanly
def coaches_cmd(account_id: str, opportunity_id: str | None, candidates: bool,
                as_of: str | None, fmt: str) -> None:
    """Coaches (attitude 3) of an account and whether each reaches a decision maker."""
    check_format(fmt, "table", "json", "csv")
    day = _date(as_of, "--as-of")
    if candidates:
        pool = coach_candidates(store(), account_id, as_of=day, settings=settings())
        emit(fmt, pool, candidates_table, columns=CANDIDATE_COLUMNS,
             empty=f"no coach candidates at {account_id}")
        return
    found = coaches(store(), account_id, opportunity_id, as_of=day, settings=settings())
    where = f"on {opportunity_id}" if opportunity_id else f"at {account_id}"
    emit(fmt, found, coaches_table, columns=COACH_COLUMNS,
         empty=f"no coaches {where} (try `relgraph coaches --account {account_id} --candidates`)")


def coaches_table(found: Sequence[Coach]) -> list[str]:
    names = _names([d for c in found for d in c.decision_makers_reached])
    return table(("COACH", "ID", "TITLE", "RANK", "REACHES DM", "DECISION MAKERS REACHED",
                  "OPPORTUNITIES"),
                 [(c.contact.name, c.contact.id, c.contact.title or "-", c.contact.rank or "-",
                   "yes" if c.reaches_decision_maker else "no",
                   ", ".join(_named(d, names) for d in c.decision_makers_reached) or "-",
                   ", ".join(c.opportunities) or "-")
                  for c in found], (22, 12, 16, 4, 10, 30, 100))


def candidates_table(found: Sequence[CoachCandidate]) -> list[str]:
    return table(("CANDIDATE", "ID", "TITLE", "RANK", "INFO SHARING", "GUIDANCE", "ASSESSED"),
                 [(c.contact.name, c.contact.id, c.contact.title or "-", c.contact.rank or "-",
                   c.information_sharing, c.guidance, c.assessed_on.isoformat())
                  for c in found], (22, 12, 16, 4, 12, 8, 10))


# --- power map --------------------------------------------------------------------------------

@cli.command("powermap")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@format_option("table", "json", "dot")
@fails_cleanly
def powermap_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """The power map of an account: org chart, attitudes, owners, sponsors, influence, gaps
    (dot = a Graphviz picture: `relgraph powermap --account ID --format dot | dot -Tsvg`)."""
    check_format(fmt, "table", "json", "dot")
    pm = power_map(store(), account_id, as_of=_date(as_of, "--as-of"), settings=settings())
    if fmt == "json":
        echo_json(pm.to_dict())
    elif fmt == "dot":
        click.echo(power_map_dot(pm), nl=False)
    else:
        echo_lines(powermap_lines(pm))


def powermap_lines(pm: PowerMap) -> list[str]:
    width = terminal_width()
    lines = wrap(f"{pm.account_name} ({pm.account_id}, tier {pm.tier}) — power map as of "
                 f"{pm.as_of}", width)
    units = {u.id: u for u in pm.units}
    children: dict[str | None, list[str]] = {}
    for u in pm.units:
        parent = u.parent if u.parent in units else None
        children.setdefault(parent, []).append(u.id)
    by_unit: dict[str | None, list[Any]] = {}
    for c in pm.contacts:
        by_unit.setdefault(c.org_unit if c.org_unit in units else None, []).append(c)

    def contact_lines(c: Any, indent: str) -> list[str]:
        marks = [m for m, on in (("key", c.key), ("coach", c.coach), ("rising", c.rising_star),
                                 ("departed", not c.active)) if on]
        owners = ",".join(f"{o['name']}({o['role']})" for o in c.owners) or "no owner"
        gaps = f"  gaps: {','.join(c.gaps)}" if c.gaps else ""
        title = f", {c.title}" if c.title else ""
        return wrap(f"- {c.name}{title} [{c.rank}] attitude {_attitude(c.attitude)}"
                    f"{' ' + '/'.join(marks) if marks else ''}; {owners}{gaps}", width,
                    indent=indent, more=indent + "  ")

    def walk(unit: str | None, depth: int) -> None:
        indent = "  " * depth
        for c in sorted(by_unit.get(unit, []), key=lambda x: (-_level(x.rank), x.name)):
            lines.extend(contact_lines(c, indent + "  "))
        for child in sorted(children.get(unit, []), key=lambda u: units[u].name):
            lines.extend(wrap(f"{units[child].name} ({child})", width, indent=indent + "  "))
            walk(child, depth + 1)

    walk(None, 0)
    ours = ", ".join(f"{s['name']}" + (f" ({'/'.join(s['teamRoles'])})" if s["teamRoles"] else "")
                     for s in pm.staff if s["active"])
    lines.extend(wrap(f"our people: {ours or 'none'}", width, more="  "))
    if pm.competitors:
        lines.extend(wrap("competitors: " + ", ".join(
            f"{k.get('name')}" + (f" ({k['position']})" if k.get("position") else "")
            for k in pm.competitors), width, more="  "))
    lines.append(f"links: {len(pm.links)}; gaps: {len(pm.gaps)} "
                 f"(`relgraph gaps --account {pm.account_id}`)")
    return lines


def _level(rank: str | None) -> int:
    return {"S": 4, "A": 3, "B": 2, "C": 1}.get(rank or "C", 1)


# --- scores, health ---------------------------------------------------------------------------

SCORE_COLUMNS: tuple[Column[ContactScore], ...] = (
    Column("contactId", lambda s: s.contact.id), Column("name", lambda s: s.contact.name),
    Column("title", lambda s: s.contact.title), Column("rank", lambda s: s.contact.rank),
    Column("score", lambda s: s.score), Column("attitude", lambda s: s.attitude),
    Column("assessedOn", lambda s: s.assessed_on),
)


@cli.command("scores")
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@_as_of()
@format_option("table", "json", "csv")
@fails_cleanly
def scores_cmd(account_id: str, as_of: str | None, fmt: str) -> None:
    """Each contact's relationship score (mean of the six dimensions) and attitude."""
    check_format(fmt, "table", "json", "csv")
    found = contact_scores(store(), account_id, as_of=_date(as_of, "--as-of"),
                           settings=settings())
    emit(fmt, found, scores_table, columns=SCORE_COLUMNS)


def scores_table(found: Sequence[ContactScore]) -> list[str]:
    return table(("CONTACT", "ID", "TITLE", "RANK", "SCORE", "ATTITUDE", "ASSESSED"),
                 [(s.contact.name, s.contact.id, s.contact.title or "-", s.contact.rank or "-",
                   "-" if s.score is None else f"{s.score:.2f}", _attitude(s.attitude),
                   s.assessed_on.isoformat() if s.assessed_on else "never") for s in found],
                 (26, 14, 20, 4, 5, 8, 10))


HEALTH_COLUMNS: tuple[Column[AccountHealth], ...] = (
    Column("accountId", lambda h: h.account_id), Column("accountName", lambda h: h.account_name),
    Column("tier", lambda h: h.tier), Column("keyContacts", lambda h: h.key_contacts),
    Column("supportiveShare", lambda h: h.supportive_share),
    Column("ownerCoverage", lambda h: h.owner_coverage),
    Column("cadenceAdherence", lambda h: h.cadence_adherence),
    Column("coachPresent", lambda h: h.coach_present), Column("health", lambda h: h.health),
)


@cli.command("health")
@click.option("--account", "account_ids", multiple=True, metavar="ID",
              help="Only this account (repeatable); default: every account.")
@_as_of()
@format_option("table", "json", "csv")
@fails_cleanly
def health_cmd(account_ids: tuple[str, ...], as_of: str | None, fmt: str) -> None:
    """Account health: supportive share, owner coverage, cadence adherence, coach."""
    check_format(fmt, "table", "json", "csv")
    found = account_health(store(), list(account_ids) or None, as_of=_date(as_of, "--as-of"),
                           settings=settings())
    emit(fmt, found, health_table, columns=HEALTH_COLUMNS)


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
@format_option("table", "json")
@fails_cleanly
def analytics_cmd(account_id: str, limit: int, as_of: str | None, fmt: str) -> None:
    """Hidden influencers (centrality beyond rank) and our single points of failure."""
    check_format(fmt, "table", "json")
    day = _date(as_of, "--as-of")
    hidden = hidden_influencers(store(), account_id, limit=limit, as_of=day, settings=settings())
    spofs = single_points_of_failure(store(), account_id, as_of=day, settings=settings())
    if fmt == "json":
        echo_json({"hiddenInfluencers": [h.to_dict() for h in hidden],
                    "singlePointsOfFailure": [s.to_dict() for s in spofs]})
        return
    echo_lines(analytics_lines(hidden, spofs))


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
