"""What happened over the two years: assessments of the key contacts, and the interactions
(the organizational programme, and contact by contact by the cadence of their rank)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relgraph.ingest.demo.records import Account, Chains, Contact, Row, Team
from relgraph.ingest.demo.state import DIMENSION_KEYS, STALE_DAYS, WINDOW_DAYS, Portfolio
from relgraph.ingest.demo.tables import (
    GENERAL_TYPES,
    KEY_TYPES,
    MIX_CUM,
    ORG_TYPES,
    ORG_TYPES_BY_PARTNERSHIP,
    REMOTE_TYPES,
    SUMMARIES,
)


class Activity(Portfolio):
    """Writes two years of assessments and interactions of one account."""

    def assessments(self, acc: Account, people: list[Contact], keys: list[int],
                    attitude: dict[int, int], owners: dict[int, dict[str, str]],
                    team: Team) -> None:
        """Semi-annual assessments over two years; some relationships strengthen, some weaken."""
        rng = self.rng
        out = self.doc["assessments"]
        jitter = rng.randint(0, 20)
        schedule = [700 - jitter, 517 - jitter, 335 - jitter, 152 - jitter]
        key_set = set(keys)
        subjects = [i for i in range(len(people))
                    if i in attitude and (i in key_set or people[i].end)]
        for i in subjects:
            c = people[i]
            current = attitude[i]
            dates = [d for d in schedule if d < c.start - 30 and d > c.end]
            if not dates:
                dates = [max(c.end + 1, c.start // 2)]
            trend = rng.choices((1, -1, 0), weights=(3, 2, 5))[0]
            change_at = rng.randint(1, len(dates)) if len(dates) > 1 else 0
            assessor = owners.get(i, {}).get("A") or team.ar
            if assessor is None:
                continue
            for n, d in enumerate(dates):
                value = current if n >= change_at else clip(current - trend)
                out.append(self.assessment_record(c.id, d, assessor, value))

    def assessment_record(self, contact: str, ago: int, assessor: str, value: int) -> dict[
            str, Any]:
        rng = self.rng
        noise = (-1, 0, 0, 0, 1)
        scores = {dim: clip(value + rng.choice(noise)) for dim in DIMENSION_KEYS}
        if value == 3:
            scores["informationSharing"] = 3
            scores["guidance"] = rng.choice((2, 3))
        elif value == 2:
            candidate = rng.random() < 0.5
            scores["informationSharing"] = rng.choice((2, 3)) if candidate else rng.choice((0, 1))
            scores["guidance"] = rng.choice((2, 3)) if candidate else rng.choice((0, 1))
        elif value == -1:
            scores["competitiveStance"] = -1
            scores["acceptance"] = rng.choice((-1, 0))
        record: dict[str, Any] = {"contact": contact, "date": self.day(ago),
                                  "assessedBy": assessor}
        record.update(scores)
        record["attitude"] = value
        return record

    def organizational_programme(self, acc: Account, people: list[Contact], team: Team,
                                 seniors: list[int], account_sponsor: str | None,
                                 sponsors: dict[int, str]) -> list[Row]:
        """Company-to-company actions each year: the full set for a strategic partner, a reduced
        set for a partner, communication only for an ordinary account."""
        rng = self.rng
        rows: list[Row] = []
        single = "single_threaded" in acc.flags
        ours = [s for s in (account_sponsor, team.ar, sponsors.get(0)) if s]
        if single or not ours:
            ours = [team.ar] if team.ar else []
        if not ours or not self.staff_active[ours[0]]:
            return rows
        staff = list(dict.fromkeys(ours))
        ceo = people[0]
        for year in (0, 1):
            for kind in ORG_TYPES_BY_PARTNERSHIP[acc.partnership]:
                if kind == "executive_visit" and rng.random() < 0.5:
                    continue
                d = 1 + 365 * year + rng.randrange(360)
                theirs = [ceo.id] if kind in ("summit", "executive_visit") and \
                    ceo.start > d else []
                present = [i for i in seniors if people[i].start > d]
                for i in rng.sample(present, min(len(present), rng.randint(1, 3))):
                    theirs.append(people[i].id)
                if theirs:
                    summary = rng.choice(SUMMARIES[kind])
                    rows.append((d, kind, "organizational", None, list(staff), theirs, summary))
        return rows

    def interactions(self, acc: Account, people: list[Contact], keys: list[int], team: Team,
                     relations: dict[int, list[str]], untouchable: set[int], chains: Chains,
                     account_sponsor: str | None, sponsors: dict[int, str]) -> None:
        """About ten interactions per contact over two years, following the cadence by rank."""
        key_set = set(keys)
        stale = self.stale_contacts(people, keys, untouchable)
        eligible_extra = [i for i, c in enumerate(people)
                          if c.end == 0 and i not in untouchable and i not in stale]
        unit_pool: dict[int, list[int]] = {}
        for i in eligible_extra:
            unit_pool.setdefault(people[i].unit, []).append(i)
        seniors = [i for i in eligible_extra if people[i].rank == "A"]
        here = Meetings(acc, people, team, "single_threaded" in acc.flags, account_sponsor,
                        sponsors, seniors, team.active or [s for s in (team.ar,) if s])
        rows = self.organizational_programme(acc, people, team, seniors, account_sponsor,
                                             sponsors)
        for i, c in enumerate(people):
            if i in untouchable:
                rows += self.with_the_former_member(c, team)
                continue
            days, mix = self.meeting_days(c, i in key_set, i in stale)
            if days:
                rows += self.meetings_of(here, i, c, i in key_set, days, mix, relations,
                                         chains.by_contact.get(i), unit_pool.get(c.unit, []))
        rows.sort(key=lambda r: -r[0])
        out = self.doc["interactions"]
        for d, kind, layer, opportunity, staff, contacts, summary in rows:
            out.append({
                "id": self.new_id("i", 7), "type": kind, "layer": layer, "date": self.day(d),
                "account": acc.id, "opportunity": opportunity, "staff": staff,
                "contacts": contacts, "summary": summary,
            })

    def stale_contacts(self, people: list[Contact], keys: list[int],
                       untouchable: set[int]) -> set[int]:
        """A few key contacts nobody met within their cadence (STALE_CONTACT)."""
        candidates = [i for i in keys if i not in untouchable and people[i].rank != "S"]
        n_stale = max(1, round(len(candidates) * 0.05)) if candidates else 0
        return set(self.rng.sample(candidates, min(n_stale, len(candidates))))

    def with_the_former_member(self, c: Contact, team: Team) -> list[Row]:
        """A contact of a dark unit: only someone who has since left met them."""
        rng = self.rng
        hi = min(WINDOW_DAYS, c.start)
        if not (team.former and c.end == 0 and rng.random() < 0.5 and hi > 200):
            return []
        return [(d, "business_exchange", "general", None, [team.former], [c.id],
                 "Technical exchange")
                for d in sorted(rng.randint(200, hi) for _ in range(rng.randint(1, 2)))]

    def meeting_days(self, c: Contact, is_key: bool, stale: bool) -> tuple[list[int], str]:
        """When we met the contact (days ago), and the mix of interaction kinds: as often as
        the cadence of their rank asks for a key contact (but for the stale ones)."""
        rng = self.rng
        rand = rng.random
        hi = min(WINDOW_DAYS, c.start)
        lo = c.end + 1 if c.end else 1
        if c.end:
            count, mix = rng.randint(1, 5), "general"
        elif c.rank == "S":
            count, mix = rng.randint(1, 2), "S"  # besides the organizational programme's summits
        elif c.rank == "A":
            count, mix = rng.randint(4, 8), "A"
        elif is_key:
            count = rng.randint(16, 26) if c.rank == "B" else rng.randint(14, 24)
            mix = "keyB" if c.rank == "B" else "keyC"
        else:
            count = rng.randint(8, 14) if c.rank == "B" else rng.randint(4, 13)
            mix = "general"
        if hi < lo:
            return [], mix
        if not (is_key and c.end == 0):
            return [lo + int(rand() * (hi - lo + 1)) for _ in range(count)], mix
        limit = STALE_DAYS[c.rank]
        if not stale:
            latest = 1 + int(rand() * min(limit - 3, hi))
            return [latest] + [latest + int(rand() * (hi - latest + 1))
                               for _ in range(count - 1)], mix
        first = limit + rng.randint(10, 150)
        if first > hi:
            return [], mix
        count = max(1, count // 3)
        return [first] + [first + int(rand() * (hi - first + 1)) for _ in range(count - 1)], mix

    def meetings_of(self, here: Meetings, i: int, c: Contact, is_key: bool, days: list[int],
                    mix: str, relations: dict[int, list[str]], opps: list[str] | None,
                    same_unit: list[int]) -> list[Row]:
        """The interactions with one contact on those days."""
        names, cum = MIX_CUM[mix]
        types = self.rng.choices(names, cum_weights=cum, k=len(days))
        single_pool = [here.team.ar] if here.team.ar else []
        pool = single_pool if here.single else relations.get(i) or here.general_pool
        if not pool:
            return []
        return [self.meeting(here, i, c, is_key, d, kind, pool, opps, same_unit)
                for d, kind in zip(days, types, strict=True)]

    def meeting(self, here: Meetings, i: int, c: Contact, is_key: bool, d: int, kind: str,
                pool: list[str], opps: list[str] | None, same_unit: list[int]) -> Row:
        """One interaction with the contact: who of ours and of theirs came, on which layer."""
        rng, rand, people = self.rng, self.rng.random, here.people
        team, general_pool = here.team, here.general_pool
        staff = [pool[int(rand() * len(pool))]]
        contacts = [c.id]
        if kind in ORG_TYPES:
            layer = "organizational"
            if not here.single:
                if here.account_sponsor and here.account_sponsor != staff[0]:
                    staff.append(here.account_sponsor)
                if team.ar and team.ar not in staff and self.staff_active[team.ar]:
                    staff.append(team.ar)
                if i in here.sponsors and here.sponsors[i] not in staff:
                    staff.append(here.sponsors[i])
            for _ in range(rng.randint(0, 3)):
                if here.seniors:
                    other = people[here.seniors[int(rand() * len(here.seniors))]].id
                    if other not in contacts:
                        contacts.append(other)
        elif kind in REMOTE_TYPES:
            layer = "key" if is_key else "general"
        else:
            layer = "key" if kind in KEY_TYPES else "general" \
                if kind in GENERAL_TYPES else "key" if is_key else "general"
            if not here.single and rand() < 0.3 and general_pool:
                extra = general_pool[int(rand() * len(general_pool))]
                if extra not in staff:
                    staff.append(extra)
            if rand() < 0.35 and len(same_unit) > 1:
                for _ in range(1 + int(rand() * 2)):
                    other = people[same_unit[int(rand() * len(same_unit))]].id
                    if other not in contacts:
                        contacts.append(other)
        opportunity = opps[int(rand() * len(opps))] if opps and rand() < 0.3 else None
        summaries = SUMMARIES[kind]
        return (d, kind, layer, opportunity, staff, contacts,
                summaries[int(rand() * len(summaries))])


@dataclass(frozen=True)
class Meetings:
    """One account as its interactions see it: our side, its senior people, who comes along."""

    acc: Account
    people: list[Contact]
    team: Team
    single: bool  # single-threaded: only the account manager ever meets anyone
    account_sponsor: str | None
    sponsors: dict[int, str]
    seniors: list[int]  # rank-A contacts who join organizational meetings
    general_pool: list[str]  # our active team, who join other meetings

def clip(value: int) -> int:
    """A score kept within -1..3."""
    return -1 if value < -1 else 3 if value > 3 else value
