"""The power map of an account: its org chart with attitudes, owners, sponsors, favoured
competitors, influence lines, our people on the map and the account's coverage gaps, each org
unit's general-relationship score and the four fronts of the organizational relationship, as
data (`power_map`) and as a picture (`power_map_dot`, Graphviz DOT).

Statements per call: 9 (the five account-fact statements, the three extras of the gaps, the
units' activities).
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from relgraph.config import Settings
from relgraph.intel.common import reporting_strength, resolve_as_of, rounded, settings_or_default
from relgraph.intel.company import CompanyFacts, unit_activities
from relgraph.intel.departments import departments_of
from relgraph.intel.facts import AccountFacts
from relgraph.intel.gaps import coverage
from relgraph.intel.memo import memo_of, settings_key
from relgraph.intel.org import relationship_of
from relgraph.intel.plans import PlanInfo
from relgraph.intel.types import (
    CoverageGap,
    PowerMap,
    PowerMapContact,
    PowerMapLink,
    PowerMapPlan,
    PowerMapUnit,
)
from relgraph.store.base import GraphStore


def power_map(
    store: GraphStore, account_id: str, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> PowerMap:
    """The power map of one account as of `as_of` (today by default)."""
    day, cfg = resolve_as_of(as_of), settings_or_default(settings)

    def compute(reads: GraphStore) -> PowerMap:
        found = coverage(reads, [account_id], day, cfg)
        assert found.company is not None  # a coverage of every kind reads the company records
        return build_power_map(found.portfolio.accounts[account_id], found.gaps,
                               Company(found.company.of(account_id),
                                       unit_activities(reads, [account_id], day), cfg),
                               found.plans.get(account_id, ()))

    # Kept per graph generation (relgraph.intel.memo): a map reopened on an unchanged graph
    # costs one statement.
    return memo_of(store).answer(store, ("power_map", account_id, day, settings_key(cfg)),
                                 compute)


@dataclass(frozen=True)
class Company:
    """What the power map shows of the client as a company: its records, the activities of its
    units, and the settings that score them."""

    records: CompanyFacts
    activities: Mapping[str, int]
    settings: Settings


def build_power_map(facts: AccountFacts, gaps: list[CoverageGap], company: Company,
                    plans: Sequence[PlanInfo] = ()) -> PowerMap:
    """Pure core of `power_map`. A finding about a plan or one of its commitments is shown on
    the plan's contact too."""
    f = facts
    contact_of = {p.id: p.contact.id for p in plans}
    contact_of |= {m.id: p.contact.id for p in plans for m in p.commitments}
    on_contact: dict[str, list[str]] = defaultdict(list)
    for gap in gaps:
        subject = gap.subject_id if gap.subject_id in f.contacts else contact_of.get(
            gap.subject_id)
        if subject is not None and gap.kind not in on_contact[subject]:
            on_contact[subject].append(gap.kind)
    active_plan: dict[str, PlanInfo] = {}
    for p in sorted(plans, key=lambda x: (x.start, x.id)):
        if p.active_on(f.as_of):
            active_plan[p.contact.id] = p
    contacts: list[PowerMapContact] = []
    staff_ids: set[str] = set(s for s, _ in f.team) | set(f.account_sponsors)
    links: list[PowerMapLink] = []
    for c in sorted(f.contacts.values(), key=lambda x: x.id):
        attitude = f.attitude(c.id)
        staff_ids |= {s for s, _ in c.owners} | set(c.sponsors)
        knows = f.knows(c.id) if c.active else {}
        staff_ids |= set(knows)
        for sid, strength in sorted(knows.items()):
            links.append(PowerMapLink("KNOWS", sid, c.id, rounded(strength)))
        for k in c.favors:
            favour = k.get("strength")
            links.append(PowerMapLink("FAVORS", c.id, str(k["id"]),
                                      None if favour is None else float(favour)))
        contacts.append(PowerMapContact(
            id=c.id, name=c.name, title=c.title, rank=c.rank, org_unit=c.org_unit,
            attitude=attitude, key=c.is_key, active=c.active, coach=attitude == 3,
            rising_star=c.rising_star,
            owners=[{"staffId": s, "name": f.staff_name(s), "role": r} for s, r in c.owners],
            sponsors=[{"staffId": s, "name": f.staff_name(s)} for s in c.sponsors],
            favors=[{"competitorId": k["id"], "name": k.get("name"), "strength": k.get("strength")}
                    for k in c.favors],
            last_interaction=c.last_interaction,
            gaps=sorted(on_contact.get(c.id, [])),
            plan=_plan_of(active_plan[c.id], f) if c.id in active_plan else None,
        ))
    on_map = set(f.contacts) | staff_ids
    for line in f.current_lines():
        if line.manager in on_map:
            links.append(PowerMapLink("REPORTS_TO", line.person, line.manager,
                                      reporting_strength(line.strength)))
    for link in f.influence_links():
        if link.dst in on_map:
            links.append(PowerMapLink("INFLUENCES", link.src, link.dst, link.strength))
    links.sort(key=lambda x: (x.type, x.from_, x.to))
    team_roles: dict[str, list[str]] = defaultdict(list)
    for sid, role in f.team:
        team_roles[sid].append(role)
    staff: list[dict[str, Any]] = []
    for sid in sorted(staff_ids):
        member = f.staff.get(sid)
        staff.append({
            "id": sid, "name": member.name if member else sid,
            "title": member.title if member else None, "rank": member.rank if member else None,
            "role": member.role if member else None,
            "active": member.active if member else False,
            "teamRoles": sorted(team_roles.get(sid, [])),
            "accountSponsor": sid in f.account_sponsors,
        })
    favoured = {str(k["id"]): k.get("name") for c in f.contacts.values() for k in c.favors}
    competitors = [dict(k) for k in f.suppliers]
    known = {str(k.get("id")) for k in competitors}
    competitors += [{"id": k, "name": name, "position": None}
                    for k, name in sorted(favoured.items()) if k not in known]
    scored = departments_of(f.units, company.records, company.activities, f.as_of,
                            company.settings)
    relationship = relationship_of(f.id, f.name, f.partnership, company.records, f.as_of)
    return PowerMap(
        account_id=f.id, account_name=f.name, tier=f.tier,
        units=[PowerMapUnit(d.org_unit.id, d.org_unit.name, d.org_unit.parent_id, d.score,
                            d.obstructs) for d in scored],
        contacts=contacts, staff=staff, links=links,
        gaps=[g for g in gaps if g.account_id == f.id], competitors=competitors, as_of=f.as_of,
        partnership=relationship.partnership, organizational_coverage=relationship.coverage,
        fronts=relationship.fronts,
    )


def _plan_of(plan: PlanInfo, f: AccountFacts) -> PowerMapPlan:
    contact = f.contacts[plan.contact.id]
    return PowerMapPlan(
        id=plan.id, goal=plan.goal, target_attitude=plan.target_attitude,
        current_attitude=f.attitude(contact.id),
        reached_target=plan.reached_on(f.as_of, contact.assessments),
        next_review_due=plan.next_review_due(f.as_of),
        owner={"staffId": plan.owner.id, "name": plan.owner.name},
        sponsor={"staffId": plan.sponsor.id, "name": plan.sponsor.name})


_ATTITUDE_COLOUR = {-1: "#e57373", 0: "#e0e0e0", 1: "#c5e1a5", 2: "#81c784", 3: "#2e7d32"}
_LINK_STYLE = {"REPORTS_TO": "solid", "INFLUENCES": "dashed", "FAVORS": "bold"}
_ROW = 6  # unit boxes side by side at one level of the chart; more go on rows below
_TEXT_WIDTH = 38  # characters of a line in a contact's box
_LEVEL = {"S": 4, "A": 3, "B": 2, "C": 1}


def _q(text: object) -> str:
    """A DOT string; a line break in it is DOT's line break."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def _html(text: object) -> str:
    """Text in an HTML-like label, wrapped to lines of _TEXT_WIDTH characters."""
    lines = textwrap.wrap(str(text), _TEXT_WIDTH, break_on_hyphens=False) or [""]
    return "<BR/>".join(html.escape(line) for line in lines)


def _contact_cell(c: PowerMapContact, port: str, manager: str | None) -> str:
    attitude = "attitude unknown" if c.attitude is None else f"attitude {c.attitude}"
    marks = [m for m, on in (("key", c.key), ("coach", c.coach), ("rising star", c.rising_star),
                             ("departed", not c.active)) if on]
    lines = [f"<B>{_html(c.name)}</B>",
             _html(" · ".join(x for x in (c.title, c.rank and f"rank {c.rank}", attitude,
                                          ", ".join(marks)) if x))]
    if c.owners:
        lines.append(_html("owners: " + ", ".join(f"{o['role']} {o['name']}" for o in c.owners)))
    if c.sponsors:
        lines.append(_html("sponsor: " + ", ".join(s["name"] for s in c.sponsors)))
    if manager:
        lines.append(_html(f"reports to {manager}"))
    if c.gaps:
        lines.append(_html(f"gaps: {', '.join(c.gaps)}"))
    colour = "#ffffff" if c.attitude is None else _ATTITUDE_COLOUR.get(c.attitude, "#ffffff")
    body = "<BR/>".join(lines)
    if not c.active:
        body = f'<FONT COLOR="#757575">{body}</FONT>'
    return (f'<TR><TD PORT="{port}" BGCOLOR="{colour}" ALIGN="LEFT" BALIGN="LEFT">{body}'
            "</TD></TR>")


def _box(title: str, rows: list[str], colour: str = "#eceff1") -> str:
    head = f'<TR><TD BGCOLOR="{colour}"><B>{_html(title)}</B></TD></TR>'
    return ('<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">'
            + head + "".join(rows) + "</TABLE>>")


def power_map_dot(pm: PowerMap) -> str:
    """The power map as a Graphviz DOT picture, a layered org chart: one box per org unit under
    its parent unit (at most _ROW boxes side by side, more on rows below), listing its contacts
    by rank, each coloured by attitude (red -1 .. dark green 3 coach, white unknown) with its
    title, marks, owners, sponsors, manager in the unit and gaps; reporting lines between units
    solid, influence dashed, favour for a competitor (diamonds) bold; our people in a box of
    their own. KNOWS links are left out (hundreds on a large account: they are in the JSON)."""
    units = {u.id: u for u in pm.units}
    members: dict[str, list[PowerMapContact]] = defaultdict(list)
    for c in pm.contacts:
        members[c.org_unit if c.org_unit is not None else ""].append(c)
    names = {c.id: c.name for c in pm.contacts}
    box_of: dict[str, str] = {}  # contact -> the node of its unit
    port_of: dict[str, str] = {}
    for number, c in enumerate(sorted(pm.contacts, key=lambda x: x.id)):
        box_of[c.id] = c.org_unit or ""
        port_of[c.id] = f"p{number}"
    managers = {x.from_: x.to for x in pm.links if x.type == "REPORTS_TO"}
    out = [f"digraph {_q(pm.account_id)} {{",
           "  rankdir=TB; newrank=true; nodesep=0.25; ranksep=0.45; labelloc=t;",
           f"  label={_q(f'{pm.account_name} (tier {pm.tier}) power map as of {pm.as_of}')};",
           '  fontname="Helvetica"; node [shape=plain, fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=8, color="#546e7a"];']
    shown = sorted(set(units) | set(members))
    for unit_id in shown:
        def row(c: PowerMapContact) -> str:
            manager = managers.get(c.id)
            same = manager is not None and box_of.get(manager) == box_of[c.id]
            return _contact_cell(c, port_of[c.id], names[manager] if same and manager else None)

        people = sorted(members.get(unit_id, []), key=lambda x: (-_LEVEL.get(x.rank or "", 0),
                                                                 x.name, x.id))
        title = units[unit_id].name if unit_id in units else (unit_id or "no org unit")
        out.append(f"  {_q(unit_id)} [label={_box(title, [row(c) for c in people])}];")
    ours = [f'<TR><TD ALIGN="LEFT">{_html(s["name"])}'
            + (f" ({html.escape('/'.join(s['teamRoles']))})" if s["teamRoles"] else "")
            + (" · account sponsor" if s["accountSponsor"] else "") + "</TD></TR>"
            for s in pm.staff if s["active"]]
    if ours:
        out.append(f'  "our people" [label={_box("our people", ours, "#bbdefb")}];')
    for k in pm.competitors:
        out.append(f"  {_q(k['id'])} [shape=diamond, style=filled, fillcolor=\"#ffe082\", "
                   f"label={_q(k.get('name') or k['id'])}];")
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit_id in shown:
        parent = units[unit_id].parent if unit_id in units else None
        children[parent if parent in units and parent != unit_id else None].append(unit_id)
    levels: list[list[str]] = []
    todo = [(u, 0) for u in reversed(children[None])]
    seen: set[str] = set()
    while todo:  # depth first, so that the boxes of a level are in the order of their parents
        unit_id, depth = todo.pop()
        if unit_id in seen:
            continue  # a cycle in the stored parents: drawn once
        seen.add(unit_id)
        if depth == len(levels):
            levels.append([])
        levels[depth].append(unit_id)
        todo += [(kid, depth + 1) for kid in reversed(children.get(unit_id, []))]
    for parent, kids in sorted(children.items(), key=lambda kv: str(kv[0])):
        for kid in kids if parent is not None else []:
            out.append(f'  {_q(parent)} -> {_q(kid)} [arrowhead=none, color="#b0bec5"];')
    for level in levels:
        for upper, lower in zip(level, level[_ROW:], strict=False):  # rows of _ROW boxes
            out.append(f"  {_q(upper)} -> {_q(lower)} [style=invis];")
    for link in pm.links:
        style = _LINK_STYLE.get(link.type)
        if style is None or link.from_ not in port_of:
            continue
        source = f"{_q(box_of[link.from_])}:{port_of[link.from_]}"
        if link.to in port_of:
            if link.type == "REPORTS_TO" and box_of[link.to] == box_of[link.from_]:
                continue  # said in the contact's box
            target = f"{_q(box_of[link.to])}:{port_of[link.to]}"
        elif link.type == "FAVORS":
            target = _q(link.to)
        else:
            continue  # a link to someone off the map
        label = "" if link.strength is None else f", label={_q(f'{link.strength:.2f}')}"
        out.append(f"  {source} -> {target} [style={style}, constraint=false{label}];")
    out.append("}")
    return "\n".join(out) + "\n"
