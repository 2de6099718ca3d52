"""What the MCR questions answer, as GraphQL types: influence paths, coaches, scores and
trends, network analytics and the power map. Field names follow `to_dict()` of the library's
answers (relgraph.intel.types), which is also what the CLI prints; coverage gaps are in
relgraph.api.types.findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from relgraph.api.loaders import Info
from relgraph.api.types.findings import CoverageGap
from relgraph.api.types.org import FrontStatus
from relgraph.api.types.records import Account, Contact, StaffMember, load_account
from relgraph.intel import types as answers

# --- influence paths --------------------------------------------------------------------------


@strawberry.type(description="Someone on an influence path.")
class PathNode:
    id: strawberry.ID
    name: str
    side: answers.Side
    title: str | None
    account: strawberry.ID | None = strawberry.field(
        description="The contact's account id (null for our staff).")

    @staticmethod
    def of(node: answers.PathNode) -> PathNode:
        return PathNode(id=strawberry.ID(node.id), name=node.name, side=answers.Side(node.side),
                        title=node.title,
                        account=strawberry.ID(node.account) if node.account else None)


@strawberry.type(description="One hop of an influence path, explained.")
class PathLink:
    type: answers.LinkType
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    strength: float
    source: str = strawberry.field(
        description="asserted, derived (shared interactions), reporting or influence.")
    interactions: int | None = strawberry.field(
        description="Derived KNOWS: shared interactions in the window.")
    last_interaction: dt.date | None
    explanation: str

    @staticmethod
    def of(link: answers.PathLink) -> PathLink:
        return PathLink(type=answers.LinkType(link.type), from_=strawberry.ID(link.from_),
                        to=strawberry.ID(link.to), strength=link.strength, source=link.source,
                        interactions=link.interactions, last_interaction=link.last_interaction,
                        explanation=link.explanation)


@strawberry.type(description="A path from our side to a contact; strength = product of links.")
class InfluencePath:
    strength: float
    hops: int
    nodes: list[PathNode]
    links: list[PathLink]

    @staticmethod
    def of(path: answers.InfluencePath) -> InfluencePath:
        return InfluencePath(strength=path.strength, hops=path.hops,
                             nodes=[PathNode.of(n) for n in path.nodes],
                             links=[PathLink.of(x) for x in path.links])


@strawberry.type(description="Someone a contact influences, and how strongly.")
class Influenced:
    contact: PathNode
    strength: float
    hops: int
    via: list[strawberry.ID]

    @staticmethod
    def of(answer: answers.Influenced) -> Influenced:
        return Influenced(contact=PathNode.of(answer.contact), strength=answer.strength,
                          hops=answer.hops, via=[strawberry.ID(v) for v in answer.via])


# --- coaches, scores and trends, network analytics --------------------------------------------
# Each shows a contact (or staff member) of the graph with what the analysis says about them;
# the resolvers give the record, loaded and cut to the key's scope.

@strawberry.type(description="A coach (a contact whose current attitude is 3).")
class Coach:
    contact: Contact
    reaches_decision_maker: bool
    decision_makers_reached: list[strawberry.ID]
    opportunities: list[strawberry.ID] = strawberry.field(
        description="Open opportunities whose decision chain the coach is on.")

    @staticmethod
    def of(coach: answers.Coach, contact: Contact) -> Coach:
        return Coach(contact=contact, reaches_decision_maker=coach.reaches_decision_maker,
                     decision_makers_reached=[strawberry.ID(x)
                                              for x in coach.decision_makers_reached],
                     opportunities=[strawberry.ID(x) for x in coach.opportunities])


@strawberry.type(description="A strong supporter who could become a coach.")
class CoachCandidate:
    contact: Contact
    information_sharing: int
    guidance: int
    assessed_on: dt.date

    @staticmethod
    def of(candidate: answers.CoachCandidate, contact: Contact) -> CoachCandidate:
        return CoachCandidate(contact=contact, information_sharing=candidate.information_sharing,
                              guidance=candidate.guidance, assessed_on=candidate.assessed_on)


@strawberry.type(description="A contact's relationship score from its latest assessment.")
class ContactScore:
    contact: Contact
    score: float | None
    attitude: int | None
    assessed_on: dt.date | None

    @staticmethod
    def of(score: answers.ContactScore, contact: Contact) -> ContactScore:
        return ContactScore(contact=contact, score=score.score, attitude=score.attitude,
                            assessed_on=score.assessed_on)


@strawberry.type(description="How a contact's attitude moved over a period.")
class AttitudeChange:
    contact: Contact
    before: int | None
    after: int | None
    change: int | None
    direction: str = strawberry.field(
        description="strengthened, weakened, unchanged, new or departed.")

    @staticmethod
    def of(change: answers.AttitudeChange, contact: Contact) -> AttitudeChange:
        return AttitudeChange(contact=contact, before=change.before, after=change.after,
                              change=change.change, direction=change.direction)


@strawberry.type(description="A contact whose influence outweighs their rank.")
class HiddenInfluencer:
    contact: Contact
    betweenness: float
    pagerank: float
    rank_level: int
    influence_index: float

    @staticmethod
    def of(found: answers.HiddenInfluencer, contact: Contact) -> HiddenInfluencer:
        return HiddenInfluencer(contact=contact, betweenness=found.betweenness,
                                pagerank=found.pagerank, rank_level=found.rank_level,
                                influence_index=found.influence_index)


@strawberry.type(description="One of our people without whom some key contacts are unreachable.")
class SinglePointOfFailure:
    staff: StaffMember
    stranded_contacts: list[Contact]


# --- the power map ----------------------------------------------------------------------------

@strawberry.type(description="An org unit on a power map.")
class PowerMapUnit:
    id: strawberry.ID
    name: str
    parent: strawberry.ID | None
    general_score: float | None = strawberry.field(description=(
        "The unit's general-relationship score, 0..1 (null: no assessment in the 365 days; see "
        "generalRelationship)."))
    obstructs: bool = strawberry.field(description=(
        "Its latest assessment in the 365 days says it obstructs key events or that a serious "
        "issue spread through it."))


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

    @staticmethod
    def of(c: answers.PowerMapContact) -> PowerMapContact:
        return PowerMapContact(
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
        )


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

    @staticmethod
    def of(s: dict[str, Any]) -> PowerMapStaff:
        return PowerMapStaff(
            id=strawberry.ID(s["id"]), name=s.get("name") or s["id"], title=s.get("title"),
            rank=s.get("rank"), role=s.get("role"), active=bool(s.get("active")),
            team_roles=list(s.get("teamRoles") or []),
            account_sponsor=bool(s.get("accountSponsor")),
        )


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
    partnership: str = strawberry.field(
        description="strategic_partner, partner or ordinary (the document's value).")
    organizational_coverage: float = strawberry.field(description=(
        "Required organizational actions done / required (see organizationalRelationship)."))
    fronts: list[FrontStatus] = strawberry.field(
        description="The four fronts of the organizational relationship, with their coverage.")

    @staticmethod
    def of(pm: answers.PowerMap) -> PowerMap:
        return PowerMap(
            account_id=strawberry.ID(pm.account_id), account_name=pm.account_name, tier=pm.tier,
            as_of=pm.as_of,
            units=[PowerMapUnit(id=strawberry.ID(u.id), name=u.name, parent=_id(u.parent),
                                general_score=u.general_score, obstructs=u.obstructs)
                   for u in pm.units],
            contacts=[PowerMapContact.of(c) for c in pm.contacts],
            staff=[PowerMapStaff.of(s) for s in pm.staff],
            links=[PowerMapLink(type=x.type, from_=strawberry.ID(x.from_),
                                to=strawberry.ID(x.to), strength=x.strength) for x in pm.links],
            gaps=[CoverageGap.of(g) for g in pm.gaps],
            competitors=[PowerMapCompetitor(id=strawberry.ID(str(k["id"])), name=k.get("name"),
                                            position=k.get("position"))
                         for k in pm.competitors],
            partnership=pm.partnership, organizational_coverage=pm.organizational_coverage,
            fronts=[FrontStatus.of(f) for f in pm.fronts],
        )

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)


def _id(value: Any) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))
