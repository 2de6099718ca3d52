"""Our side of one account: the team (iron triangle), owners of the key contacts, sponsors, and
who on our side knows whom."""

from __future__ import annotations

from relgraph.ingest.demo.records import Account, Contact, Team
from relgraph.ingest.demo.state import A_OWNER_CAP, Portfolio
from relgraph.ingest.demo.tables import FACING_ROLE
from relgraph.model import Rank


class OurSide(Portfolio):
    """Builds our side of one account: team, owners, sponsors, who knows whom."""

    def team(self, acc: Account) -> Team:
        rng = self.rng
        team = Team()
        teams = self.doc["teams"]
        single = "single_threaded" in acc.flags
        senior = acc.tier in ("S", "A")
        if acc.tier == "C" and self.shared_c_ar and self.shared_c_ar[1] < 3 and \
                rng.random() < 0.5:
            team.ar = self.shared_c_ar[0]
            self.shared_c_ar = (team.ar, self.shared_c_ar[1] + 1)
        else:
            team.ar = self.new_role_staff("account_manager", "B" if senior else
                                          rng.choice(("B", "C")))
            if acc.tier == "C":
                self.shared_c_ar = (team.ar, 1)
        wants_sr = senior or rng.random() < (0.8 if acc.tier == "B" else 0.4)
        wants_fr = senior or rng.random() < (0.6 if acc.tier == "B" else 0.2)
        if single:
            wants_sr = wants_fr = False
        if senior or acc.tier == "B" or rng.random() < 0.3:
            team.former = self.new_role_staff(rng.choice(("account_manager", "solution_manager",
                                                          "other")), "C", active=False)
        if wants_sr:
            team.sr = self.new_role_staff("solution_manager", "B" if senior else "C")
        if wants_fr:
            team.fr = self.new_role_staff("fulfillment_manager", "B" if senior else "C")
        broken = "triangle_missing" in acc.flags or "triangle_inactive" in acc.flags
        if broken:
            role = rng.choice(("SR", "FR"))
            if "triangle_missing" in acc.flags:
                if role == "SR":
                    team.sr = None
                else:
                    team.fr = None
            else:
                held = self.new_role_staff("solution_manager" if role == "SR" else
                                           "fulfillment_manager", "C", active=False)
                if role == "SR":
                    team.sr = held
                else:
                    team.fr = held
        if single and team.former:
            teams.append({"staff": team.former, "account": acc.id, "role": "SR"})
        size = 0 if single else max(0, round(acc.size / 8) - 3)
        if acc.tier == "C":
            size = min(size, 2)
        for _ in range(size):
            role = rng.choices(("account_manager", "solution_manager", "fulfillment_manager",
                                "other"), weights=(2, 2, 2, 4))[0]
            team.members.append(self.new_role_staff(role, "B" if rng.random() < 0.2 else "C"))
        for role, sid in (("AR", team.ar), ("SR", team.sr), ("FR", team.fr)):
            if sid:
                teams.append({"staff": sid, "account": acc.id, "role": role})
        for sid in team.members:
            teams.append({"staff": sid, "account": acc.id, "role": "member"})
        team.active = [s for s in (team.ar, team.sr, team.fr, *team.members)
                       if s and self.staff_active[s]]
        return team

    def owners(self, acc: Account, people: list[Contact], keys: list[int], team: Team,
               untouchable: set[int]) -> dict[int, dict[str, str]]:
        """A/B(/C) owners of key contacts, most senior first, with the planned imperfections."""
        out = self.doc["owners"]
        owners: dict[int, dict[str, str]] = {}
        ordered = sorted((i for i in keys if i not in untouchable),
                         key=lambda i: (-Rank(people[i].rank).level, i))
        forced_a = self.forced_a_owners(acc, people, ordered, team)
        duplicate_left = "duplicate" in acc.flags
        for n, i in enumerate(ordered):
            c = people[i]
            if "single_threaded" in acc.flags:
                roles = self.single_thread_roles(n, team)
            else:
                roles = self.owner_roles(acc, c, team, forced_a.get(i))
                if duplicate_left and c.rank in ("A", "B") and "A" in roles and n > 0:
                    roles["B"] = roles["A"]  # one person holding two roles: OWNER_DUPLICATE
                    duplicate_left = False
            for role in ("A", "B", "C"):
                sid = roles.get(role)
                if sid:
                    out.append({"staff": sid, "contact": c.id, "role": role})
                    if role == "A":
                        self.a_load[sid] = self.a_load.get(sid, 0) + 1
            owners[i] = roles
        # showcase: make sure the imperfections exist even if the dice said no
        if "showcase" in acc.flags:
            self.ensure_showcase_owner_gaps(people, ordered, owners, team)
        return owners

    def forced_a_owners(self, acc: Account, people: list[Contact], ordered: list[int],
                        team: Team) -> dict[int, str]:
        """An overloaded account manager: A owner of more key contacts than the threshold."""
        if "overloaded" not in acc.flags or not team.ar or len(ordered) <= A_OWNER_CAP:
            return {}
        commercial = [i for i in ordered if FACING_ROLE.get(people[i].function) is None]
        technical = [i for i in ordered if i not in commercial]
        chosen = (commercial + technical)[: min(len(ordered), self.rng.randint(13, 16))]
        return {i: team.ar for i in chosen}

    def single_thread_roles(self, n: int, team: Team) -> dict[str, str]:
        """A single-threaded account: the account manager owns the first ten, and a former
        member still holds some B roles."""
        roles: dict[str, str] = {}
        if team.ar and n < 10:
            roles["A"] = team.ar
        if team.former and self.rng.random() < 0.4:
            roles["B"] = team.former
        return roles

    def owner_roles(self, acc: Account, c: Contact, team: Team,
                    forced: str | None) -> dict[str, str]:
        """The A, B (and for the top people of S accounts C) owners of one key contact: the team
        member who faces the contact's function first, nobody above the A-role threshold;
        then, by chance, a role missing or held by someone who has left."""
        rng = self.rng
        role_holder = {"AR": team.ar, "SR": team.sr, "FR": team.fr}
        roles: dict[str, str] = {}
        preferred = role_holder.get(FACING_ROLE.get(c.function, "AR")) or team.ar
        candidates = [s for s in team.active if s != preferred]
        rng.shuffle(candidates)
        if preferred and self.staff_active.get(preferred, False):
            candidates.insert(0, preferred)
        a_owner = forced
        if a_owner is None:
            under_cap = [s for s in candidates if self.a_load.get(s, 0) < A_OWNER_CAP]
            a_owner = under_cap[0] if under_cap else None
        if a_owner:
            roles["A"] = a_owner
        rest = [s for s in candidates if s != a_owner]
        if c.rank in ("S", "A"):
            rest.sort(key=lambda s: -Rank(self.staff_rank[s]).level)
        if rest:
            roles["B"] = rest[0]
        if c.rank == "S" and acc.tier == "S" and len(rest) > 1:
            roles["C"] = rest[1]
        if not ("showcase" in acc.flags and c.rank == "S"):
            roll = rng.random()
            if roll < 0.08:
                roles.pop("B", None)  # OWNER_MISSING_B
            elif roll < 0.11 and forced is None:
                roles.pop("A", None)  # OWNER_MISSING_A
            elif roll < 0.14 and team.former:
                # OWNER_INACTIVE (a forced overload keeps its A role)
                role = "B" if forced is not None else rng.choice(("A", "B"))
                roles[role] = team.former
        if c.rank == "S" and "missing_c" in acc.flags:
            roles.pop("C", None)
        return roles

    def ensure_showcase_owner_gaps(self, people: list[Contact], ordered: list[int],
                                   owners: dict[int, dict[str, str]], team: Team) -> None:
        out = self.doc["owners"]
        b_level = [i for i in ordered if people[i].rank in ("B", "C")]
        if not any("B" not in owners[i] for i in ordered) and b_level:
            victim = b_level[-1]
            sid = owners[victim].pop("B", None)
            if sid:
                out.remove({"staff": sid, "contact": people[victim].id, "role": "B"})
        if team.former and not any(team.former in owners[i].values() for i in ordered) and \
                len(b_level) > 1:
            victim = b_level[-2]
            if "C" not in owners[victim]:
                owners[victim]["C"] = team.former
                out.append({"staff": team.former, "contact": people[victim].id, "role": "C"})

    def sponsors(self, acc: Account, people: list[Contact],
                 team: Team) -> tuple[str | None, dict[int, str]]:
        """Account sponsor and personal sponsors (contact -> staff)."""
        rng = self.rng
        out = self.doc["sponsors"]
        flags = acc.flags
        personal: dict[int, str] = {}
        sponsor: str | None = None
        wanted = acc.tier in ("S", "A") or rng.random() < 0.3
        if wanted and "no_account_sponsor" not in flags:
            if "inactive_sponsor" in flags and self.inactive_exec:
                sponsor = self.inactive_exec
            else:
                sponsor = self.rng.choice(self.exec_s if acc.tier == "S" else self.exec_a)
            out.append({"staff": sponsor, "account": acc.id})
        if "single_threaded" in flags:
            return None, personal  # a sponsor on paper only: never meets anyone
        mismatch_left = 1 if "sponsor_mismatch" in flags else 0
        for i, c in enumerate(people):
            if c.end:
                continue
            if c.rank == "S":
                if acc.tier in ("C",) or ("no_personal_sponsor" in flags):
                    continue
                if acc.tier == "B" and rng.random() < 0.5:
                    continue
                rank = "S"
                if acc.tier != "S" and rng.random() < 0.3:
                    rank = "A"  # an S client executive paired with one of our VPs
                personal[i] = self.pick_exec(rank, c.function)
            elif c.rank == "A":
                if mismatch_left and team.ar:
                    personal[i] = team.ar  # a B-ranked account director sponsoring a CXO
                    mismatch_left = 0
                elif rng.random() < (0.6 if acc.tier in ("S", "A") else 0.2):
                    personal[i] = self.pick_exec("A", c.function)
        for i, sid in personal.items():
            out.append({"staff": sid, "contact": people[i].id})
        if sponsor and not self.staff_active[sponsor]:
            sponsor = None
        return sponsor, personal

    def knows(self, acc: Account, people: list[Contact], team: Team,
              owners: dict[int, dict[str, str]], sponsors: dict[int, str],
              untouchable: set[int]) -> dict[int, list[str]]:
        """Asserted working relationships; returns contact -> active staff who relate to it."""
        rng = self.rng
        out = self.doc["knows"]
        seen: set[tuple[str, int]] = set()
        relations: dict[int, list[str]] = {}
        ranges = {"A": (0.6, 0.9), "B": (0.4, 0.75), "C": (0.3, 0.6)}

        def know(sid: str, i: int, low: float, high: float) -> None:
            if (sid, i) in seen:
                return
            seen.add((sid, i))
            out.append({"staff": sid, "contact": people[i].id,
                        "strength": self.strength(low, high)})
            if self.staff_active[sid]:
                relations.setdefault(i, []).append(sid)

        for i, roles in owners.items():
            for role in ("A", "B", "C"):
                sid = roles.get(role)
                if sid:
                    know(sid, i, *ranges[role])
        for i, sid in sponsors.items():
            know(sid, i, 0.5, 0.85)
        eligible = [i for i, c in enumerate(people) if c.end == 0 and i not in untouchable]
        if "single_threaded" in acc.flags:
            if team.ar:
                for i in rng.sample(eligible, min(len(eligible), 8)):
                    know(team.ar, i, 0.3, 0.7)
            return relations
        by_role: dict[str, list[int]] = {"AR": [], "SR": [], "FR": []}
        for i in eligible:
            by_role[FACING_ROLE.get(people[i].function, "AR")].append(i)
        for sid in team.active:
            role = "SR" if sid == team.sr else "FR" if sid == team.fr else "AR" \
                if sid == team.ar else rng.choice(("AR", "SR", "FR"))
            pool = by_role[role] or eligible
            for i in rng.sample(pool, min(len(pool), rng.randint(2, 8))):
                know(sid, i, 0.2, 0.6)
        return relations
