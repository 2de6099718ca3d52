"""One account's client side: its org chart, its people and their reporting lines (history
kept), informal influence, dark units and planned attitudes."""

from __future__ import annotations

import functools
from collections.abc import Callable

from relgraph.ingest.demo.records import Account, Contact, Unit
from relgraph.ingest.demo.state import Portfolio
from relgraph.ingest.demo.tables import (
    CORE_DIVISIONS,
    DEPARTMENTS,
    INDUSTRY_DIVISIONS,
    LATE_DIVISIONS,
    MORE_DIVISIONS,
    STAFF_TITLES,
    SUBTEAM_NAMES,
    TEAM_SUFFIXES,
)


class ClientSide(Portfolio):
    """Builds the client side of one account: org chart, people, lines, influence, attitudes."""

    def org_units(self, acc: Account) -> list[Unit]:
        rng = self.rng
        n = acc.size
        n_div = min(11, max(4, 3 + n // 25))
        extra = INDUSTRY_DIVISIONS[acc.industry]
        catalog = [*CORE_DIVISIONS, extra[0], *MORE_DIVISIONS, extra[1], *LATE_DIVISIONS]
        divisions = catalog[:n_div]
        root_name = "Office of the Director General" if acc.industry == "government" else (
            "Executive Office")
        units = [Unit(self.new_id("ou", 6), root_name, -1, 1, "executive", -1)]
        target_depts = max(n_div, round(n / 7))
        per_div = target_depts / n_div
        for name, function, head_title in divisions:
            d = len(units)
            units.append(Unit(self.new_id("ou", 6), name, 0, 2, function, d, head_title))
            units[0].children.append(d)
        for d in range(1, len(units)):
            catalog_depts = DEPARTMENTS[units[d].name]
            count = max(1, min(len(catalog_depts), round(per_div + rng.uniform(-0.8, 0.8))))
            for dept in rng.sample(catalog_depts, count):
                u = len(units)
                units.append(Unit(self.new_id("ou", 6), dept, d, 3, units[d].function, d))
                units[d].children.append(u)
        if acc.tier != "C":
            departments = [u for u in range(len(units)) if units[u].level == 3]
            for _ in range(round(n / 12)):
                parent = rng.choice(departments)
                if len(units[parent].children) >= 3:
                    continue
                taken = {units[c].name for c in units[parent].children}
                suffix = rng.choice([s for s in TEAM_SUFFIXES
                                     if f"{units[parent].name} {s}" not in taken])
                u = len(units)
                units.append(Unit(self.new_id("ou", 6), f"{units[parent].name} {suffix}",
                                   parent, 4, units[parent].function, units[parent].division))
                units[parent].children.append(u)
        if acc.tier == "S":
            teams = [u for u in range(len(units)) if units[u].level == 4]
            for team in rng.sample(teams, min(len(teams), 5)):
                for sub in rng.sample(SUBTEAM_NAMES, 2):
                    u = len(units)
                    units.append(Unit(self.new_id("ou", 6), sub, team, 5, units[team].function,
                                       units[team].division))
                    units[team].children.append(u)
        for unit in units:
            self.doc["orgUnits"].append({
                "id": unit.id, "account": acc.id, "name": unit.name,
                "parent": units[unit.parent].id if unit.parent >= 0 else None,
            })
        return units

    def contacts(self, acc: Account, units: list[Unit]) -> list[Contact]:
        """The account's people: its leaders (CEO, division and unit heads) and as many
        working-level people as the account's size asks for; who is flagged key, who is a
        rising star."""
        people: list[Contact] = []
        self.emails = set()
        add = functools.partial(self.add_contact, acc, units, people)
        self.leaders(acc, units, add)
        remaining = acc.size - len(people)
        if remaining > 0:
            self.working_level(units, remaining, add)
        self.key_and_rising(people)
        return people

    def add_contact(self, acc: Account, units: list[Unit], people: list[Contact], unit: int,
                    rank: str, title: str, function: str, manager: int,
                    start: int | None = None) -> int:
        """A new person of the unit (most in their position for years); their index."""
        rng = self.rng
        full, email = self.contact_name(acc)
        if start is None:
            start = rng.randint(800, 4000) if rng.random() < 0.85 else rng.randint(60, 799)
        idx = len(people)
        people.append(Contact(self.new_id("c", 6), full, email, title, rank, function, unit,
                              start, manager=manager))
        units[unit].members.append(idx)
        return idx

    def leaders(self, acc: Account, units: list[Unit], add: Callable[..., int]) -> None:
        """The CEO and their office, the head of each division (rank A for the first ones) and
        of each unit below."""
        rng = self.rng
        ceo_title = {"government": "Director General", "healthcare": "Chief Executive",
                     "banking": "Chairman & CEO"}.get(acc.industry,
                                                      rng.choice(("Chief Executive Officer",
                                                                  "President & CEO")))
        ceo = add(0, "S", ceo_title, "executive", -1, rng.randint(900, 3500))
        units[0].head = ceo
        add(0, "C", "Executive Assistant to the CEO", "executive", ceo)
        if acc.tier in ("S", "A"):
            add(0, "B", "Chief of Staff", "strategy", ceo)
        n_a = {"S": 9, "A": 7, "B": 4, "C": 3}[acc.tier]
        divisions = [u for u in range(len(units)) if units[u].level == 2]
        for rank_pos, d in enumerate(divisions):
            division = units[d]
            if rank_pos < n_a:
                head = add(d, "A", division.head_title, division.function, ceo)
                if acc.tier in ("S", "A") and rng.random() < 0.3:
                    add(d, "C", f"Executive Assistant to the {division.head_title}", "executive",
                        head)
            else:
                head = add(d, "B", f"Head of {division.name}", division.function, ceo)
            units[d].head = head
        for u, unit in enumerate(units):
            if unit.level == 3:
                title = rng.choice((f"Director, {unit.name}", f"Head of {unit.name}"))
                unit.head = add(u, "B", title, unit.function, units[unit.parent].head)
        for u, unit in enumerate(units):
            if unit.level >= 4:
                title = rng.choice((f"{unit.name} Team Lead", f"Manager, {unit.name}"))
                if unit.level == 5:
                    title = f"{units[unit.parent].name} {unit.name} Lead"
                unit.head = add(u, "C", title, unit.function, units[unit.parent].head)

    def working_level(self, units: list[Unit], count: int, add: Callable[..., int]) -> None:
        """`count` more people in the departments and teams (teams twice as likely)."""
        rng = self.rng
        leafish = [u for u in range(len(units)) if units[u].level >= 3]
        weights = [1.0 if units[u].level == 3 else 2.0 for u in leafish]
        for u in rng.choices(leafish, weights=weights, k=count):
            unit = units[u]
            titles = STAFF_TITLES.get(unit.function, STAFF_TITLES["operations"])
            add(u, "C", rng.choice(titles), unit.function, unit.head)

    def key_and_rising(self, people: list[Contact]) -> None:
        """Key flags: S/A always; some directors and a few managers (architects, buyers); and a
        few rising stars among directors and staff."""
        rng = self.rng
        for c in people:
            if c.rank in ("S", "A"):
                c.key = True
            elif c.rank == "B":
                c.key = rng.random() < 0.45
            else:
                boost = 2.0 if c.function in ("technology", "procurement", "it") else 1.0
                c.key = "Assistant" not in c.title and rng.random() < 0.06 * boost
        lows = [i for i, c in enumerate(people) if c.rank in ("B", "C") and
                "Assistant" not in c.title]
        for i in rng.sample(lows, min(len(lows), max(1, len(people) // 50))):
            people[i].rising = True

    def reporting_lines(self, acc: Account, people: list[Contact]) -> None:
        """Current lines from the tree; departed predecessors and a re-org leave history."""
        reports: dict[int, list[int]] = {}
        for i, c in enumerate(people):
            if c.manager >= 0:
                reports.setdefault(c.manager, []).append(i)
        history: dict[int, list[tuple[int, int, int]]] = {}  # person -> (manager, since, until)
        current_since: dict[int, int] = {}
        replaced = self.predecessors(acc, people, reports, history, current_since)
        self.departures(people, reports, history)
        self.reorganization(acc, people, replaced, history, current_since)
        lines = self.doc["reportingLines"]
        for i, c in enumerate(people):
            for manager, since, until in history.get(i, []):
                lines.append({"person": c.id, "manager": people[manager].id,
                              "since": self.day(since), "until": self.day(until)})
            if c.manager >= 0:
                lines.append({"person": c.id, "manager": people[c.manager].id,
                              "since": self.day(current_since.get(i, c.start)),
                              "until": self.day(c.end) if c.end else None})

    def predecessors(self, acc: Account, people: list[Contact], reports: dict[int, list[int]],
                     history: dict[int, list[tuple[int, int, int]]],
                     current_since: dict[int, int]) -> set[int]:
        """A former CXO or director left and a successor took over: the departed predecessor,
        and the lines their reports had to them. Returns the successors."""
        rng = self.rng
        n_pred = {"S": 3, "A": 2, "B": 1, "C": rng.randint(0, 1)}[acc.tier]
        candidates = [i for i, c in enumerate(people)
                      if c.rank in ("A", "B") and c.manager == 0 and i in reports]
        candidates += [i for i, c in enumerate(people)
                       if c.rank == "B" and c.manager > 0 and i in reports]
        rng.shuffle(candidates)
        replaced: set[int] = set()
        for i in candidates[: max(0, n_pred * 3)]:
            if len(replaced) >= n_pred or rng.random() < 0.5:
                continue
            c = people[i]
            if c.manager in replaced:
                continue
            left = rng.randint(60, 600)
            c.start = left
            replaced.add(i)
            full, email = self.contact_name(acc)
            pred = len(people)
            people.append(Contact(self.new_id("c", 6), full, email, c.title, c.rank,
                                  c.function, c.unit, left + rng.randint(400, 2500), end=left,
                                  manager=c.manager, key=True))
            for r in reports.get(i, []):
                report = people[r]
                if report.start > left:
                    history.setdefault(r, []).append((pred, report.start, left))
                    current_since[r] = left
        return replaced

    def departures(self, people: list[Contact], reports: dict[int, list[int]],
                   history: dict[int, list[tuple[int, int, int]]]) -> None:
        """A few staff-level people left: their line ended."""
        rng = self.rng
        for i, c in enumerate(people):
            if c.rank == "C" and c.end == 0 and i not in reports and i not in history and \
                    rng.random() < 0.02:
                c.end = rng.randint(30, 700)
                c.start = max(c.start, c.end + rng.randint(200, 1500))
                c.key = False

    def reorganization(self, acc: Account, people: list[Contact], replaced: set[int],
                       history: dict[int, list[tuple[int, int, int]]],
                       current_since: dict[int, int]) -> None:
        """A re-org moved a department or two to another division: the old line is history."""
        rng = self.rng
        if acc.tier == "C" or rng.random() >= 0.4:
            return
        reorg = rng.randint(200, 600)
        heads = [i for i, c in enumerate(people)
                 if c.rank == "B" and c.end == 0 and c.manager > 0
                 and people[c.manager].manager == 0 and c.start > reorg + 30
                 and c.manager not in replaced]
        division_heads = [i for i, c in enumerate(people) if c.manager == 0 and
                          c.rank in ("A", "B") and c.end == 0]
        for i in rng.sample(heads, min(len(heads), rng.randint(1, 2))):
            old = rng.choice([h for h in division_heads if h != people[i].manager] or [0])
            if old == 0:
                continue
            history.setdefault(i, []).append((old, people[i].start, reorg))
            current_since[i] = reorg

    def influences(self, acc: Account, people: list[Contact], units: list[Unit]) -> None:
        rng = self.rng
        out = self.doc["influences"]
        seen: set[tuple[int, int]] = set()

        def link(a: int, b: int, kind: str, low: float, high: float) -> None:
            if a == b or (a, b) in seen:
                return
            seen.add((a, b))
            out.append({"from": people[a].id, "to": people[b].id,
                        "strength": self.strength(low, high), "kind": kind})

        active = [i for i, c in enumerate(people) if c.end == 0]
        seniors = [i for i in active if people[i].rank in ("S", "A")]
        directors = [i for i in active if people[i].rank == "B"]
        staff_level = [i for i in active if people[i].rank == "C"]
        for i in active:
            c = people[i]
            if "Assistant" in c.title and c.manager >= 0:
                link(i, c.manager, "assistant", 0.8, 0.95)
            elif c.title == "Chief of Staff":
                link(i, 0, "advisor", 0.6, 0.85)
        for _ in range(min(len(seniors), 1 + len(seniors) // 3)):
            a, b = rng.sample(seniors, 2) if len(seniors) > 1 else (0, 0)
            link(a, b, "friend", 0.4, 0.8)
        for _ in range(max(1, len(people) // 25)):
            if directors and seniors:
                b = rng.choice(directors)
                a = rng.choice(seniors)
                if people[a].function != people[b].function:
                    link(b, a, "former_colleague", 0.3, 0.7)  # cross-unit line
                link(people[b].manager, b, "mentor", 0.5, 0.8)
        for _ in range(max(1, len(people) // 30)):
            if directors:
                b = rng.choice(directors)
                head = people[b].manager
                if head >= 0:
                    link(b, head, "advisor", 0.4, 0.7)
        # hidden influencers: rising stars and "small people" who sway senior people
        for i in active:
            c = people[i]
            if c.rising:
                target = rng.choice(seniors)
                link(i, target, rng.choice(("advisor", "former_colleague", "friend")), 0.5,
                     0.85)
        for i in rng.sample(staff_level, min(len(staff_level), max(1, len(people) // 60))):
            division_head = units[units[people[i].unit].division].head \
                if units[people[i].unit].division >= 0 else 0
            link(i, division_head if division_head >= 0 else 0, "advisor", 0.5, 0.8)
        for i in range(len(people)):
            if people[i].end and people[i].rank in ("A", "B") and rng.random() < 0.5:
                link(i, 0, "former_colleague", 0.4, 0.7)  # a departed CXO still talks to the CEO

    def choose_dark_units(self, acc: Account, units: list[Unit],
                          people: list[Contact]) -> list[int]:
        """Org units where we know nobody: leaf units whose people are staff-level."""
        if "dark" not in acc.flags:
            return []
        rng = self.rng
        leaves = [u for u, unit in enumerate(units)
                  if unit.level >= 4 and not unit.children and unit.members]
        if not leaves:
            leaves = [u for u, unit in enumerate(units) if unit.level == 3 and not unit.children
                      and unit.members and all(people[m].rank != "A" for m in unit.members)]
        count = 2 if "showcase" in acc.flags else 1
        dark = rng.sample(leaves, min(len(leaves), count))
        for u in dark:
            units[u].dark = True
            for m in units[u].members:
                people[m].key = False
                people[m].rising = False
        return dark

    def plan_attitudes(self, acc: Account, people: list[Contact],
                       untouchable: set[int]) -> dict[int, int]:
        """Current attitude of each assessed contact; missing = never assessed (unknown)."""
        rng = self.rng
        attitude: dict[int, int] = {}
        for i, c in enumerate(people):
            if not c.key or i in untouchable:
                continue
            if c.end == 0 and rng.random() < 0.10:
                continue  # never assessed
            weights = (3, 18, 37, 28, 14) if c.rank in ("S", "A") else (6, 22, 34, 25, 13)
            attitude[i] = rng.choices((-1, 0, 1, 2, 3), weights=weights)[0]
        if "showcase" in acc.flags:
            coaches = [i for i, a in attitude.items() if a == 3]
            candidates = [i for i, c in enumerate(people)
                          if c.rank == "B" and c.end == 0 and i in attitude]
            for i in candidates[: max(0, 2 - len(coaches))]:
                attitude[i] = 3
        return attitude

    def emit_contacts(self, acc: Account, people: list[Contact], units: list[Unit],
                      attitude: dict[int, int], untouchable: set[int]) -> None:
        rng = self.rng
        styles = ("controlling", "expressive", "analytical", "amiable")
        closeness_by_attitude = {3: (1, 2), 2: (2, 3), 1: (2, 4), 0: (3, 4), -1: (4, 5)}
        out = self.doc["contacts"]
        for i, c in enumerate(people):
            if i in untouchable:
                closeness = 5
            elif i in attitude:
                closeness = rng.randint(*closeness_by_attitude[attitude[i]])
            else:
                closeness = rng.randint(3, 5)
            out.append({
                "id": c.id, "account": acc.id, "orgUnit": units[c.unit].id, "name": c.name,
                "title": c.title, "rank": c.rank, "function": c.function, "key": c.key,
                "closeness": closeness, "socialStyle": rng.choice(styles),
                "risingStar": c.rising, "active": c.end == 0, "email": c.email,
            })
