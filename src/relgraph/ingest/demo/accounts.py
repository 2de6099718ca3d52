"""The accounts of a portfolio: how many of each tier, their names, partnership and size, which
carry which deliberate imperfections; and the portfolio-wide people (our executives, the
competitors)."""

from __future__ import annotations

import math
import unicodedata

from relgraph.ingest.demo.records import Account
from relgraph.ingest.demo.state import Portfolio
from relgraph.ingest.demo.tables import (
    COMPANY_PREFIXES,
    COMPANY_SUFFIXES,
    COMPETITORS,
    CONTACTS_PER_TIER,
    EXEC_A_TITLES,
    EXEC_FOCUS,
    EXEC_S_TITLES,
    INDUSTRIES,
    REGIONS,
    TIER_SHARE,
)


class Accounts(Portfolio):
    """Plans the portfolio: its accounts and their imperfections, competitors, executives."""

    def tier_list(self) -> list[str]:
        counts = {"S": max(1, math.ceil(self.n * 0.10))}
        rest = self.n - counts["S"]
        shares = [(tier, share / 0.90 * rest) for tier, share in TIER_SHARE[1:]]
        for tier, value in shares:
            counts[tier] = int(value)
        left = rest - sum(counts[t] for t, _ in shares)
        by_remainder = sorted(shares, key=lambda p: p[1] - int(p[1]), reverse=True)
        for tier, _ in by_remainder[:left]:
            counts[tier] += 1
        tiers = [t for t in ("S", "A", "B", "C") for _ in range(counts.get(t, 0))]
        tiers = tiers[: self.n]
        self.rng.shuffle(tiers)
        first_s = tiers.index("S")
        tiers[0], tiers[first_s] = tiers[first_s], tiers[0]
        return tiers

    def plan_accounts(self) -> list[Account]:
        rng = self.rng
        tiers = self.tier_list()
        industries = list(INDUSTRIES)
        rng.shuffle(industries)
        used: set[str] = set()
        plans: list[Account] = []
        partnership_weights = {
            "S": (0.8, 0.2, 0.0), "A": (0.2, 0.6, 0.2), "B": (0.0, 0.3, 0.7), "C": (0.0, 0.1, 0.9),
        }
        for index, tier in enumerate(tiers):
            industry = industries[index % len(industries)]
            region = rng.choice(REGIONS)
            name = ""
            for _ in range(30):
                candidate = (f"{rng.choice(COMPANY_PREFIXES)} "
                             f"{rng.choice(COMPANY_SUFFIXES[industry])}")
                if candidate not in used:
                    name = candidate
                    break
            if not name:
                name = f"{rng.choice(COMPANY_PREFIXES)} {industry.title()} {index + 1}"
            used.add(name)
            if index == 0:
                partnership = "strategic_partner"  # the showcase account runs every action
            else:
                partnership = rng.choices(("strategic_partner", "partner", "ordinary"),
                                          weights=partnership_weights[tier])[0]
            size = max(20, round(CONTACTS_PER_TIER[tier] * rng.uniform(0.85, 1.15)))
            plans.append(Account(index, f"acc-{index + 1:04d}", name, tier, partnership,
                                  industry, region, size, slug(name) + ".example"))
        self.plan_imperfections(plans)
        for plan in plans:
            self.doc["accounts"].append({
                "id": plan.id, "name": plan.name, "tier": plan.tier,
                "partnership": plan.partnership, "industry": plan.industry,
                "region": plan.region,
            })
        return plans

    def plan_imperfections(self, plans: list[Account]) -> None:
        """Choose which accounts carry the account-level imperfections (deterministically)."""
        rng = self.rng
        flags: dict[int, set[str]] = {p.index: set() for p in plans}
        flags[0] |= {"showcase", "overloaded", "duplicate", "dark", "opposed_dm",
                     "unknown_member", "captured", "sponsor_mismatch"}
        key_tiers = [p for p in plans if p.tier in ("S", "A")]
        s_accounts = [p for p in key_tiers if p.tier == "S"]
        rest_key = [p for p in key_tiers if p.index != 0]

        def pick(pool: list[Account], rate: float, minimum: int) -> list[Account]:
            count = min(len(pool), max(minimum, round(rate * len(pool))))
            return rng.sample(pool, count)

        # single-threaded: prefer tier A accounts, never the showcase
        a_only = [p for p in rest_key if p.tier == "A"] or rest_key
        single = pick(a_only, 0.08, 1)
        for p in single:
            flags[p.index].add("single_threaded")
        others = [p for p in rest_key if "single_threaded" not in flags[p.index]]
        for i, p in enumerate(pick(others, 0.15, 2)):
            flags[p.index].add("triangle_missing" if i % 2 == 0 else "triangle_inactive")
        for i, p in enumerate(pick(rest_key, 0.12, 1)):
            flags[p.index].add("no_account_sponsor" if i % 2 == 0 else "inactive_sponsor")
        second_s = [p for p in s_accounts if p.index != 0]
        for p in pick(second_s, 0.3, 1):
            flags[p.index].add("missing_c")
        for p in pick(second_s, 0.2, 1):
            flags[p.index].add("no_personal_sponsor")
        if second_s and self.n >= 12:
            flags[second_s[0].index].add("overloaded")
        for p in plans[1:]:
            if rng.random() < 0.25:
                flags[p.index].add("duplicate")
            if rng.random() < 0.4:
                flags[p.index].add("dark")
            if rng.random() < 0.10:
                flags[p.index].add("opposed_dm")
            if "dark" in flags[p.index] and rng.random() < 0.5:
                flags[p.index].add("unknown_member")
            if rng.random() < 0.15:
                flags[p.index].add("sponsor_mismatch")
        for p in plans:
            p.flags = frozenset(flags[p.index])

    def make_competitors(self) -> None:
        count = 5 + self.rng.randint(0, 3)
        for i, name in enumerate(self.rng.sample(COMPETITORS, count)):
            kid = f"k-{i + 1:02d}"
            self.competitors.append(kid)
            self.doc["competitors"].append({"id": kid, "name": name})

    def make_executives(self, total_contacts: int) -> None:
        rng = self.rng
        n_exec = max(6, round(total_contacts / 8 * 0.04))
        n_s = max(2, n_exec // 8)
        for i in range(n_exec):
            focus = EXEC_FOCUS[i % len(EXEC_FOCUS)]
            if i < n_s:
                base = EXEC_S_TITLES[i % len(EXEC_S_TITLES)]
                title = base if i < len(EXEC_S_TITLES) else f"President, {REGIONS[i % 5]} Region"
                rank = "S"
            else:
                template = rng.choice(EXEC_A_TITLES[focus])
                title = template.format(region=rng.choice(REGIONS),
                                        industry=rng.choice(INDUSTRIES).title())
                rank = "A"
            sid = self.new_staff(self.person_name("GLOBAL")[0], title, rank, "executive")
            self.exec_pools.setdefault((rank, focus), []).append(sid)
            (self.exec_s if rank == "S" else self.exec_a).append(sid)
        self.inactive_exec = self.new_staff(self.person_name("GLOBAL")[0],
                                            "Former Vice President, Enterprise", "A",
                                            "executive", active=False)


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return "-".join(words)
