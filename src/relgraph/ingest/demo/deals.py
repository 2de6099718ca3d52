"""One account's deals and competitors: which competitors supply it, its opportunities with
their decision chains and our opportunity teams, and whom competitors have won over."""

from __future__ import annotations

import datetime

from relgraph.ingest.demo.records import Account, Chains, Contact, Team, Unit
from relgraph.ingest.demo.state import Portfolio
from relgraph.ingest.demo.tables import INDUSTRY_THEMES, THEMES
from relgraph.model import OPEN_STAGES


class Deals(Portfolio):
    """The builders of deals."""

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
        rng = self.rng
        chains = Chains()
        low, high = {"S": (6, 9), "A": (3, 6), "B": (2, 4), "C": (1, 2)}[acc.tier]
        count = rng.randint(low, high)
        stages = ["lead", "opportunity", "contract_execution", "payment_collection", "won",
                  "lost"]
        stage_weights = (20, 25, 12, 8, 20, 15)
        picked = rng.choices(stages, weights=stage_weights, k=count)
        if "showcase" in acc.flags:
            picked[:6] = ["opportunity", "lead", "contract_execution", "payment_collection",
                          "won", "lost"]
        value_range = {"S": (1_500, 25_000), "A": (500, 8_000), "B": (150, 2_000),
                       "C": (40, 500)}[acc.tier]
        themes = THEMES + INDUSTRY_THEMES[acc.industry]
        active = [i for i, c in enumerate(people) if c.end == 0 and i not in untouchable]
        by_function: dict[str, list[int]] = {}
        for i in active:
            by_function.setdefault(people[i].function, []).append(i)
        heads: dict[str, int] = {}
        for unit in units:
            if unit.level == 2:
                heads.setdefault(unit.function, unit.head)
        coaches = [i for i in active if attitude.get(i) == 3]
        opposed_done = "opposed_dm" not in acc.flags
        unknown_done = "unknown_member" not in acc.flags
        captured_done = "captured" not in acc.flags
        no_coach_done = "showcase" not in acc.flags
        dark_pool = [i for i in sorted(untouchable) if people[i].end == 0]
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
            members: list[tuple[int, str]] = []
            taken: set[int] = set()

            def put(i: int, role: str, members: list[tuple[int, str]] = members,
                    taken: set[int] = taken) -> None:
                if i >= 0 and i not in taken:
                    taken.add(i)
                    members.append((i, role))

            dm = heads.get(function, heads.get("technology", 0))
            if acc.tier == "S" and rng.random() < 0.25:
                dm = 0
            put(dm, "decision_maker")
            put(heads.get("finance", 0) if rng.random() < 0.6 else 0, "approver")
            pool = by_function.get(function, []) or by_function.get("technology", []) or active
            keyed = [i for i in pool if people[i].key and people[i].rank in ("B", "C")]
            for i in rng.sample(keyed or pool, min(len(keyed or pool), rng.randint(1, 3))):
                put(i, "evaluator")
            ops = by_function.get("operations", []) or pool
            for i in rng.sample(ops, min(len(ops), rng.randint(0, 2))):
                put(i, "user")
            gate = [i for i in by_function.get("procurement", []) if people[i].rank in ("B", "C")]
            if gate:
                put(rng.choice(gate), "gatekeeper")
            if coaches and rng.random() < 0.55 and not (is_open and not no_coach_done):
                put(rng.choice(coaches), "influencer")
            elif rng.random() < 0.4:
                risers = [i for i in active if people[i].rising]
                if risers:
                    put(rng.choice(risers), "influencer")
            if is_open:
                if not opposed_done and people[dm].rank != "S":
                    attitude[dm] = -1
                    opposed_done = True
                if not no_coach_done and attitude.get(dm) != 3:
                    members[:] = [(i, r) for i, r in members if attitude.get(i) != 3]
                    no_coach_done = True
                if not unknown_done and dark_pool:
                    put(rng.choice(dark_pool), rng.choice(("evaluator", "user")))
                    unknown_done = True
                if not captured_done:
                    evaluators = [i for i, r in members if r == "evaluator"]
                    if evaluators:
                        self.favor(people[evaluators[0]].id, supplies[0], 0.6, 0.9)
                        captured_done = True
                for i, _ in members:
                    chains.open_members.add(i)
            for i, role in members:
                chains.by_contact.setdefault(i, []).append(oid)
                self.doc["decisionChain"].append({"opportunity": oid, "contact": people[i].id,
                                                  "role": role})
            # our opportunity team
            ours: list[tuple[str, str]] = []
            if team.ar and self.staff_active[team.ar]:
                ours.append((team.ar, "AR"))
            if team.sr and self.staff_active[team.sr]:
                ours.append((team.sr, "SR"))
            if team.fr and self.staff_active[team.fr] and stage not in ("lead", "opportunity"):
                ours.append((team.fr, "FR"))
            for sid in rng.sample(team.members, min(len(team.members), rng.randint(0, 2))):
                ours.append((sid, "member"))
            for sid, role in ours:
                self.doc["opportunityTeam"].append({"opportunity": oid, "staff": sid,
                                                    "role": role})
        return chains

    def favors(self, people: list[Contact], supplies: list[str]) -> None:
        """Some client people lean towards a competitor that already supplies them."""
        for c in people:
            if c.end == 0 and self.rng.random() < 0.03:
                self.favor(c.id, self.rng.choice(supplies), 0.3, 0.9)
