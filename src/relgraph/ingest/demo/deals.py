"""One account's deals and competitors: which competitors supply it, its opportunities with
their decision chains and our opportunity teams, and whom competitors have won over."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from relgraph.ingest.demo.records import Account, Chains, Contact, Team, Unit
from relgraph.ingest.demo.state import Portfolio
from relgraph.ingest.demo.tables import INDUSTRY_THEMES, THEMES
from relgraph.model import OPEN_STAGES, Stage


class Deals(Portfolio):
    """Builds the deals of one account: suppliers, opportunities, decision chains, favours."""

    def supplies(self, acc: Account) -> list[str]:
        rng = self.rng
        count = rng.choice((2, 3, 3))
        chosen = rng.sample(self.competitors, count)
        positions = ["primary" if rng.random() < 0.5 else "secondary", "secondary", "niche"]
        for kid, position in zip(chosen, positions, strict=False):
            self.doc["supplies"].append({"competitor": kid, "account": acc.id,
                                         "position": position})
        return chosen

    def opportunities(self, acc: Account, people: list[Contact], units: list[Unit],
                      team: Team, attitude: dict[int, int], untouchable: set[int],
                      supplies: list[str]) -> Chains:
        """The account's opportunities, each with its decision chain and our team; the open
        ones carry the account's planned imperfections (an opposed decision maker, no coach, a
        member nobody knows, one captured by a competitor), each once."""
        rng = self.rng
        chains = Chains()
        low, high = {"S": (6, 9), "A": (3, 6), "B": (2, 4), "C": (1, 2)}[acc.tier]
        count = rng.randint(low, high)
        stages = [s.value for s in Stage]
        stage_weights = (20, 25, 12, 8, 20, 15)
        picked = rng.choices(stages, weights=stage_weights, k=count)
        if "showcase" in acc.flags:
            picked[:6] = ["opportunity", "lead", "contract_execution", "payment_collection",
                          "won", "lost"]
        value_range = {"S": (1_500, 25_000), "A": (500, 8_000), "B": (150, 2_000),
                       "C": (40, 500)}[acc.tier]
        themes = THEMES + INDUSTRY_THEMES[acc.industry]
        buyers = Buyers.of(people, units, attitude, untouchable)
        done = Placed(opposed="opposed_dm" not in acc.flags,
                      unknown="unknown_member" not in acc.flags,
                      captured="captured" not in acc.flags,
                      no_coach="showcase" not in acc.flags)
        for stage in picked:
            oid = self.new_id("o", 5)
            name, function = rng.choice(themes)
            close = {"lead": (-420, -60), "opportunity": (-300, -20),
                     "contract_execution": (10, 200), "payment_collection": (100, 400),
                     "won": (30, 700), "lost": (30, 700)}[stage]
            close_ago = rng.randint(*close)
            year = (self.as_of - datetime.timedelta(days=close_ago)).year
            self.doc["opportunities"].append({
                "id": oid, "account": acc.id, "name": f"{name} {year}", "stage": stage,
                "value": rng.randint(*value_range) * 1000, "closeDate": self.day(close_ago),
            })
            is_open = stage in OPEN_STAGES
            seats = Seats()
            dm = self.decision_chain(acc, people, buyers, function, is_open, done, seats)
            if is_open:
                self.place_imperfections(people, attitude, buyers, dm, done, seats, supplies)
                chains.open_members.update(i for i, _ in seats.members)
            for i, role in seats.members:
                chains.by_contact.setdefault(i, []).append(oid)
                self.doc["decisionChain"].append({"opportunity": oid, "contact": people[i].id,
                                                  "role": role})
            self.opportunity_team(oid, stage, team)
        return chains

    def decision_chain(self, acc: Account, people: list[Contact], buyers: Buyers,
                       function: str, is_open: bool, done: Placed, seats: Seats) -> int:
        """Seat the chain of one opportunity: its decision maker (returned), an approver,
        evaluators, users, a gatekeeper and perhaps an influencer."""
        rng = self.rng
        heads, by_function, active = buyers.heads, buyers.by_function, buyers.active
        dm = heads.get(function, heads.get("technology", 0))
        if acc.tier == "S" and rng.random() < 0.25:
            dm = 0
        seats.put(dm, "decision_maker")
        seats.put(heads.get("finance", 0) if rng.random() < 0.6 else 0, "approver")
        pool = by_function.get(function, []) or by_function.get("technology", []) or active
        keyed = [i for i in pool if people[i].key and people[i].rank in ("B", "C")]
        for i in rng.sample(keyed or pool, min(len(keyed or pool), rng.randint(1, 3))):
            seats.put(i, "evaluator")
        ops = by_function.get("operations", []) or pool
        for i in rng.sample(ops, min(len(ops), rng.randint(0, 2))):
            seats.put(i, "user")
        gate = [i for i in by_function.get("procurement", []) if people[i].rank in ("B", "C")]
        if gate:
            seats.put(rng.choice(gate), "gatekeeper")
        if buyers.coaches and rng.random() < 0.55 and not (is_open and not done.no_coach):
            seats.put(rng.choice(buyers.coaches), "influencer")
        elif rng.random() < 0.4:
            risers = [i for i in active if people[i].rising]
            if risers:
                seats.put(rng.choice(risers), "influencer")
        return dm

    def place_imperfections(self, people: list[Contact], attitude: dict[int, int],
                            buyers: Buyers, dm: int, done: Placed, seats: Seats,
                            supplies: list[str]) -> None:
        """On an open opportunity, the account's planned imperfections not placed yet."""
        rng = self.rng
        if not done.opposed and people[dm].rank != "S":
            attitude[dm] = -1
            done.opposed = True
        if not done.no_coach and attitude.get(dm) != 3:
            seats.members[:] = [(i, r) for i, r in seats.members if attitude.get(i) != 3]
            done.no_coach = True
        if not done.unknown and buyers.dark_pool:
            seats.put(rng.choice(buyers.dark_pool), rng.choice(("evaluator", "user")))
            done.unknown = True
        if not done.captured:
            evaluators = [i for i, r in seats.members if r == "evaluator"]
            if evaluators:
                self.favor(people[evaluators[0]].id, supplies[0], 0.6, 0.9)
                done.captured = True

    def opportunity_team(self, oid: str, stage: str, team: Team) -> None:
        """Our opportunity team: the triangle (fulfilment once the deal is contracted) and a
        few members of the account team."""
        ours: list[tuple[str, str]] = []
        if team.ar and self.staff_active[team.ar]:
            ours.append((team.ar, "AR"))
        if team.sr and self.staff_active[team.sr]:
            ours.append((team.sr, "SR"))
        if team.fr and self.staff_active[team.fr] and stage not in ("lead", "opportunity"):
            ours.append((team.fr, "FR"))
        for sid in self.rng.sample(team.members, min(len(team.members),
                                                     self.rng.randint(0, 2))):
            ours.append((sid, "member"))
        for sid, role in ours:
            self.doc["opportunityTeam"].append({"opportunity": oid, "staff": sid,
                                                "role": role})

    def favors(self, people: list[Contact], supplies: list[str]) -> None:
        """Some client people lean towards a competitor that already supplies them."""
        for c in people:
            if c.end == 0 and self.rng.random() < 0.03:
                self.favor(c.id, self.rng.choice(supplies), 0.3, 0.9)


@dataclass(frozen=True)
class Buyers:
    """Who of an account's people may sit on its decision chains."""

    active: list[int]  # active, and not in a dark unit
    by_function: dict[str, list[int]]
    heads: dict[str, int]  # the head of the first division of each function
    coaches: list[int]
    dark_pool: list[int]  # active people of the dark units (known to nobody on our side)

    @staticmethod
    def of(people: list[Contact], units: list[Unit], attitude: dict[int, int],
           untouchable: set[int]) -> Buyers:
        active = [i for i, c in enumerate(people) if c.end == 0 and i not in untouchable]
        by_function: dict[str, list[int]] = {}
        for i in active:
            by_function.setdefault(people[i].function, []).append(i)
        heads: dict[str, int] = {}
        for unit in units:
            if unit.level == 2:
                heads.setdefault(unit.function, unit.head)
        return Buyers(active, by_function, heads, [i for i in active if attitude.get(i) == 3],
                      [i for i in sorted(untouchable) if people[i].end == 0])


@dataclass
class Placed:
    """Which of an account's planned imperfections its open deals already carry."""

    opposed: bool
    unknown: bool
    captured: bool
    no_coach: bool


@dataclass
class Seats:
    """The members of one decision chain, each once, in the order seated."""

    members: list[tuple[int, str]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def put(self, i: int, role: str) -> None:
        if i >= 0 and i not in self.taken:
            self.taken.add(i)
            self.members.append((i, role))
