"""`powerMap`: the library's power map (relgraph.intel.powermap) as GraphQL types; field names
follow `PowerMap.to_dict()`."""

# strawberry.field(description=...) is typed as returning Any: allow it as a decorator.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from relgraph.api.context import Context
from relgraph.api.objects import Account, CoverageGap, load_account
from relgraph.intel import powermap
from relgraph.intel import types as answers


@strawberry.type(description="An org unit on a power map.")
class PowerMapUnit:
    id: strawberry.ID
    name: str
    parent: strawberry.ID | None


@strawberry.type(description="An owner on a power map contact.")
class PowerMapOwner:
    staff_id: strawberry.ID
    name: str
    role: str


@strawberry.type(description="A sponsor on a power map contact.")
class PowerMapSponsor:
    staff_id: strawberry.ID
    name: str


@strawberry.type(description="A competitor a power map contact favours.")
class PowerMapFavor:
    competitor_id: strawberry.ID
    name: str | None
    strength: float | None


@strawberry.type(description="A contact on a power map, with attitude, owners, sponsors, gaps.")
class PowerMapContact:
    id: strawberry.ID
    name: str
    title: str | None
    rank: str | None
    org_unit: strawberry.ID | None
    attitude: int | None
    key: bool = strawberry.field(description="Key contact (the contract's rule).")
    active: bool
    coach: bool
    rising_star: bool
    owners: list[PowerMapOwner]
    sponsors: list[PowerMapSponsor]
    favors: list[PowerMapFavor]
    last_interaction: dt.date | None
    gaps: list[str] = strawberry.field(description="Kinds of the gaps on this contact.")


@strawberry.type(description="One of our people on a power map.")
class PowerMapStaff:
    id: strawberry.ID
    name: str
    title: str | None
    rank: str | None
    role: str | None
    active: bool
    team_roles: list[str]
    account_sponsor: bool


@strawberry.type(description="A link on a power map: REPORTS_TO, INFLUENCES, KNOWS or FAVORS.")
class PowerMapLink:
    type: str
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    strength: float | None


@strawberry.type(description="A competitor on a power map (supplier or favoured).")
class PowerMapCompetitor:
    id: strawberry.ID
    name: str | None
    position: str | None


@strawberry.type(description="An account's power map: org chart, attitudes, owners, influence.")
class PowerMap:
    account_id: strawberry.ID
    account_name: str
    tier: str
    as_of: dt.date | None
    units: list[PowerMapUnit]
    contacts: list[PowerMapContact]
    staff: list[PowerMapStaff]
    links: list[PowerMapLink]
    gaps: list[CoverageGap]
    competitors: list[PowerMapCompetitor]

    @strawberry.field
    async def account(self, info: strawberry.Info[Context, None]) -> Account | None:
        return await load_account(info.context, self.account_id)


def _id(value: Any) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))


def convert(pm: answers.PowerMap) -> PowerMap:
    return PowerMap(
        account_id=strawberry.ID(pm.account_id), account_name=pm.account_name, tier=pm.tier,
        as_of=getattr(pm, "as_of", None),
        units=[PowerMapUnit(id=strawberry.ID(u.id), name=u.name, parent=_id(u.parent))
               for u in pm.units],
        contacts=[PowerMapContact(
            id=strawberry.ID(c.id), name=c.name, title=c.title, rank=c.rank,
            org_unit=_id(c.org_unit), attitude=c.attitude, key=c.key, active=c.active,
            coach=c.coach, rising_star=c.rising_star,
            owners=[PowerMapOwner(staff_id=strawberry.ID(o["staffId"]), name=o["name"],
                                  role=o["role"]) for o in c.owners],
            sponsors=[PowerMapSponsor(staff_id=strawberry.ID(s["staffId"]), name=s["name"])
                      for s in c.sponsors],
            favors=[PowerMapFavor(competitor_id=strawberry.ID(str(f["competitorId"])),
                                  name=f.get("name"), strength=f.get("strength"))
                    for f in c.favors],
            last_interaction=c.last_interaction, gaps=list(c.gaps),
        ) for c in pm.contacts],
        staff=[PowerMapStaff(
            id=strawberry.ID(s["id"]), name=s.get("name") or s["id"], title=s.get("title"),
            rank=s.get("rank"), role=s.get("role"), active=bool(s.get("active")),
            team_roles=list(s.get("teamRoles") or []),
            account_sponsor=bool(s.get("accountSponsor")),
        ) for s in pm.staff],
        links=[PowerMapLink(type=x.type, from_=strawberry.ID(x.from_), to=strawberry.ID(x.to),
                            strength=x.strength) for x in pm.links],
        gaps=[CoverageGap.from_answer(g) for g in pm.gaps],
        competitors=[PowerMapCompetitor(id=strawberry.ID(str(k["id"])), name=k.get("name"),
                                        position=k.get("position"))
                     for k in getattr(pm, "competitors", [])],
    )


async def power_map_of(ctx: Context, account_id: str, as_of: dt.date | None) -> PowerMap:
    """The power map of a visible account; for a limited key, only people it may see and the
    links between them."""
    pm = convert(await ctx.call(powermap.power_map, ctx.store, account_id, as_of, ctx.settings))
    visible = await ctx.visible_staff()
    if visible is None:
        return pm
    pm.staff = [s for s in pm.staff if s.id in visible]
    for c in pm.contacts:
        c.owners = [o for o in c.owners if o.staff_id in visible]
        c.sponsors = [s for s in c.sponsors if s.staff_id in visible]
    on_map = ({c.id for c in pm.contacts} | {s.id for s in pm.staff}
              | {k.id for k in pm.competitors})
    pm.links = [x for x in pm.links if x.from_ in on_map and x.to in on_map]
    pm.gaps = [g for g in pm.gaps if ctx.sees_account(g.account_id)]
    return pm
