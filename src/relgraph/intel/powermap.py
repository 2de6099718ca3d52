"""The power map of an account: its org chart with attitudes, owners, sponsors, favoured
competitors, influence lines, our people on the map and the account's coverage gaps, each org
unit's general-relationship score and the four fronts of the organizational relationship, as
data (`power_map`) and as a picture (`power_map_dot`, Graphviz DOT).

Statements per call: 9 (the five account-fact statements, the three extras of the gaps, the
units' activities).
"""

from __future__ import annotations

import datetime as dt
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
    found = coverage(store, [account_id], day, cfg)
    assert found.company is not None  # a coverage of every kind reads the company records
    return build_power_map(found.portfolio.accounts[account_id], found.gaps,
                           Company(found.company.of(account_id),
                                   unit_activities(store, [account_id], day), cfg),
                           found.plans.get(account_id, ()))


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
_LINK_STYLE = {"REPORTS_TO": "solid", "INFLUENCES": "dashed", "KNOWS": "dotted",
               "FAVORS": "bold"}


def _q(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def power_map_dot(pm: PowerMap) -> str:
    """The power map as a Graphviz DOT picture: one cluster per org unit, contacts coloured by
    attitude (red -1 .. dark green 3 coach, white unknown), our staff as boxes, competitors as
    diamonds; reporting lines solid, influence dashed, KNOWS dotted, FAVORS bold."""
    out = [f"digraph {_q(pm.account_id)} {{", "  rankdir=BT;",
           f"  label={_q(f'{pm.account_name} (tier {pm.tier}) power map')};",
           '  node [style=filled, fontname="Helvetica"];']
    by_unit: dict[str | None, list[PowerMapContact]] = defaultdict(list)
    for c in pm.contacts:
        by_unit[c.org_unit].append(c)
    units = {u.id: u for u in pm.units}
    for unit_id, members in sorted(by_unit.items(), key=lambda kv: str(kv[0])):
        indent = "  "
        if unit_id is not None:
            name = units[unit_id].name if unit_id in units else unit_id
            out.append(f"  subgraph {_q('cluster_' + unit_id)} {{ label={_q(name)};")
            indent = "    "
        for c in members:
            colour = _ATTITUDE_COLOUR.get(c.attitude, "#ffffff") if c.attitude is not None \
                else "#ffffff"
            mark = "*" if c.key else ""
            gaps = f"\\n{len(c.gaps)} gap(s)" if c.gaps else ""
            label = f"{c.name}{mark}\\n{c.title or ''} [{c.rank}]{gaps}"
            style = "filled" if c.active else "filled,dashed"
            out.append(f"{indent}{_q(c.id)} [label={_q(label)}, fillcolor={_q(colour)}, "
                       f"style={_q(style)}];")
        if unit_id is not None:
            out.append("  }")
    for s in pm.staff:
        out.append(f"  {_q(s['id'])} [label={_q(s['name'])}, shape=box, "
                   f"fillcolor={_q('#bbdefb' if s['active'] else '#eeeeee')}];")
    for k in pm.competitors:
        out.append(f"  {_q(k['id'])} [label={_q(k.get('name') or k['id'])}, shape=diamond, "
                   f"fillcolor={_q('#ffe082')}];")
    for link in pm.links:
        label = "" if link.strength is None else f", label={_q(f'{link.strength:.2f}')}"
        out.append(f"  {_q(link.from_)} -> {_q(link.to)} "
                   f"[style={_LINK_STYLE.get(link.type, 'solid')}{label}];")
    out.append("}")
    return "\n".join(out) + "\n"
