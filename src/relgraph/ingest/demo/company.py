"""The client as a company: the organizational actions done with each account (partly, by its
partnership level), department assessments (a few departments obstruct, in a few a serious
issue spread, many were never assessed), and yearly tier reviews (some overdue, some changing
the tier).

Drawn from a generator of its own (`{seed}:company`) after every account is built, from the
document alone: the records of the other arrays stay exactly what they were without these.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from relgraph.ingest.demo.records import Account
from relgraph.ingest.demo.state import Portfolio
from relgraph.model import ACTION_OF_INTERACTION, InteractionType, OrgAction, Partnership, Tier

# How likely each required action is done in the last 365 days, by partnership level; a done
# action that is not required (a partner's process alignment) is rarer.
DONE_RATE = {"strategic_partner": 0.7, "partner": 0.55, "ordinary": 0.5}
OPTIONAL_RATE = 0.15
# What the record of each action says.
NOTES: dict[OrgAction, tuple[str, ...]] = {
    OrgAction.REGULAR_SUMMIT: ("CEO summit: industry outlook and the next joint steps",
                               "annual top-level summit, both boards"),
    OrgAction.EXECUTIVE_VISITS: ("executive delegation visited our headquarters",
                                 "our president visited their leadership team"),
    OrgAction.PERSONAL_RELATIONSHIP: ("private dinner of the two chairmen",
                                      "family visit of their CEO, hosted by our sponsor"),
    OrgAction.STRATEGY_ALIGNMENT: ("joint 5-year network plan signed",
                                   "strategy workshop: their growth plan against our roadmap"),
    OrgAction.ORGANIZATION_ALIGNMENT: ("counterparts mapped: CMO, CTO and COO each matched",
                                       "priority resources committed to their programme"),
    OrgAction.PROCESS_ALIGNMENT: ("their procurement process mapped to our lead-to-cash",
                                  "joint delivery process agreed"),
    OrgAction.JOINT_INNOVATION: ("joint lab opened", "joint innovation project on new services"),
    OrgAction.JOINT_BRAND_CSR: ("joint CSR programme: digital skills for schools",
                                "joint press release and launch event"),
    OrgAction.JOINT_BUSINESS_PLANNING: ("joint network and business planning session",
                                        "three-year business plan drafted together"),
    OrgAction.CULTURE_RECOGNITION: ("corporate culture exchange week",
                                    "their managers at our culture programme"),
    OrgAction.MANAGEMENT_PRACTICE: ("management practice exchange: HR and performance",
                                    "our management system presented to their board"),
    OrgAction.BRAND_RECOGNITION: ("their CEO spoke at our customer congress",
                                  "case study published in their magazine"),
}
TIER_NOTES = ("growth {g}%, strategic match converging", "share of wallet up, key projects won",
              "growth {g}%, wallet stable", "strategic match weaker, fewer projects")
# Grades of a department: keyEventSupport 0 obstructs .. 2 supports; informationChannel.
SUPPORT_WEIGHTS = (1, 4, 5)
CHANNEL_WEIGHTS = (2, 4, 4)
SPREAD_RATE = 0.07


class Company(Portfolio):
    """Writes the organizational actions, department assessments and tier reviews."""

    def company(self, plans: list[Account]) -> None:
        rng = random.Random(f"{self.seed}:company")
        units: dict[str, list[str]] = defaultdict(list)
        for u in self.doc["orgUnits"]:
            units[u["account"]].append(u["id"])
        team: dict[str, list[str]] = defaultdict(list)
        for t in self.doc["teams"]:
            if self.staff_active.get(t["staff"]):
                team[t["account"]].append(t["staff"])
        met: set[tuple[str, OrgAction]] = set()  # actions an interaction shows done
        window = self.day(365)
        for i in self.doc["interactions"]:
            action = ACTION_OF_INTERACTION.get(InteractionType(i["type"]))
            if action is not None and i["date"] >= window:
                met.add((i["account"], action))
        key_accounts = [p for p in plans if p.tier in ("S", "A")]
        # Key accounts whose last tier review is more than a year old (never the showcase).
        overdue = {p.index for p in rng.sample(key_accounts[1:],
                                               max(1, len(key_accounts[1:]) // 4))
                   } if len(key_accounts) > 1 else set()
        for acc in plans:
            self.org_actions(rng, acc, {a for x, a in met if x == acc.id})
            self.department_assessments(rng, acc, units[acc.id], team[acc.id])
            self.tier_reviews(rng, acc, acc.index in overdue)

    def org_actions(self, rng: random.Random, acc: Account, met: set[OrgAction]) -> None:
        """Each required action done in the window with the level's rate (the showcase misses
        process alignment, and did management practice 366 days ago), some earlier; an action
        that an interaction already shows (`met`) mostly has no record of its own."""
        level = Partnership(acc.partnership)
        out = self.doc["orgActions"]
        for action in OrgAction:
            required = action.required_for(level)
            if acc.index == 0:
                done = action not in (OrgAction.PROCESS_ALIGNMENT, OrgAction.MANAGEMENT_PRACTICE)
            else:
                done = rng.random() < (DONE_RATE[level.value] if required else OPTIONAL_RATE)
            if done and action in met and rng.random() < 0.6:
                continue
            days = []
            if done:
                days.append(rng.randint(5, 360))
            if required and rng.random() < 0.4:
                days.append(rng.randint(370, 700))  # done before, so the last date shows
            if acc.index == 0 and action is OrgAction.MANAGEMENT_PRACTICE:
                days = [366]
            for ago in sorted(days):
                out.append({"id": f"oa-{len(out) + 1:05d}", "account": acc.id,
                            "action": action.value, "date": self.day(ago),
                            "note": rng.choice(NOTES[action])})

    def department_assessments(self, rng: random.Random, acc: Account, units: list[str],
                               team: list[str]) -> None:
        """About half the departments of a key account (a third of the others) assessed in the
        window, once or twice; a few only long ago. The showcase has one obstructing department
        and one where an issue spread."""
        out = self.doc["departmentAssessments"]
        rate = 0.5 if acc.tier in ("S", "A") else 0.3
        for n, unit in enumerate(units):
            roll = rng.random()
            showcase = acc.index == 0 and n in (1, 2)
            if showcase:
                dates = [rng.randint(30, 200)]
            elif roll < rate:
                dates = sorted(rng.sample(range(10, 350), rng.choice((1, 1, 2))), reverse=True)
            elif roll < rate + 0.1:
                dates = [rng.randint(380, 700)]
            else:
                continue
            for ago in dates:
                support = rng.choices((0, 1, 2), weights=SUPPORT_WEIGHTS)[0]
                channel = rng.choices((0, 1, 2), weights=CHANNEL_WEIGHTS)[0]
                spread = rng.random() < SPREAD_RATE
                if showcase:
                    support, spread = (0, False) if n == 1 else (2, True)
                record: dict[str, Any] = {
                    "id": f"da-{len(out) + 1:05d}", "orgUnit": unit, "date": self.day(ago),
                    "assessedBy": rng.choice(team) if team else None,
                    "keyEventSupport": support, "informationChannel": channel,
                    "issueSpread": spread}
                out.append(record)

    def tier_reviews(self, rng: random.Random, acc: Account, overdue: bool) -> None:
        """A review every year for two or three years (a key account's last one more than a
        year ago when `overdue`); every other account is reviewed about half the time. An
        earlier review may have decided another tier: the account moved."""
        out = self.doc["tierReviews"]
        if acc.tier not in ("S", "A") and rng.random() < 0.5:
            return
        last = rng.randint(400, 600) if overdue else rng.randint(20, 330)
        count = rng.choice((2, 3))
        tiers = [acc.tier] * count
        if acc.index == 0 or rng.random() < 0.3:
            tiers[0] = moved(acc.tier, rng)
        executives = self.exec_s if acc.tier == "S" else self.exec_a
        for k in range(count - 1, -1, -1):
            tier = tiers[count - 1 - k]
            out.append({"id": f"tr-{len(out) + 1:05d}", "account": acc.id,
                        "date": self.day(last + 365 * k + rng.randint(-10, 10)), "tier": tier,
                        "reviewedBy": rng.choice(executives) if executives else None,
                        "note": rng.choice(TIER_NOTES).format(g=rng.randint(3, 25))})


def moved(tier: str, rng: random.Random) -> str:
    """A neighbouring tier: where the account came from."""
    order = [t.value for t in Tier]
    at = order.index(tier)
    near = [order[i] for i in (at - 1, at + 1) if 0 <= i < len(order)]
    return rng.choice(near)
