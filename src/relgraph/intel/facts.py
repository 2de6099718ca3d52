"""The facts of accounts, fetched in bulk: what coverage gaps, coaches, scores, health, the power
map and network analytics compute over.

`load_facts` costs one statement for the accounts, two or three per batch of `BATCH_ACCOUNTS`
accounts (units, contacts with every link the rules read, shared interactions) and one for the
directory of the staff they name, whatever the number of contacts. The rest of this module is
pure: `AccountFacts` answers the questions the rules ask ("is this a key contact?", "which
active staff know them?") as of the day the facts were fetched for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.batching import chunks
from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound
from relgraph.intel.common import (
    AssessmentInfo,
    SharedInteractions,
    is_key_contact,
    is_open_stage,
    iso,
    knows_strength,
    latest_assessment,
    line_is_current,
    rank_level,
    shared_summary,
    to_date,
    window_start,
)
from relgraph.intel.types import ContactRef
from relgraph.store.base import GraphStore, read_ahead

INTEL_ACCOUNTS = statement("intel_accounts")
INTEL_UNITS = statement("intel_units")
INTEL_CONTACTS = statement("intel_contacts")
INTEL_SHARED = statement("intel_shared_interactions")
INTEL_STAFF = statement("intel_staff")
INTEL_ACCOUNT_IDS = statement("intel_account_ids")

BATCH_ACCOUNTS = 100


@dataclass(frozen=True)
class StaffInfo:
    id: str
    name: str
    title: str | None = None
    rank: str = "C"
    role: str | None = None
    active: bool = True

    @property
    def level(self) -> int:
        return rank_level(self.rank)

    @staticmethod
    def from_row(row: dict[str, Any]) -> StaffInfo:
        return StaffInfo(id=row["id"], name=row.get("name") or row["id"], title=row.get("title"),
                         rank=row.get("rank") or "C", role=row.get("role"),
                         active=row.get("active") is not False)


@dataclass(frozen=True)
class ReportLine:
    person: str
    manager: str
    since: dt.date | None
    until: dt.date | None
    strength: float | None


@dataclass(frozen=True)
class ChainEntry:
    opportunity: str
    role: str
    stage: str | None
    account: str | None

    @property
    def is_open(self) -> bool:
        return is_open_stage(self.stage)


@dataclass(frozen=True)
class Influence:
    src: str
    dst: str
    strength: float
    kind: str | None


@dataclass
class ContactInfo:
    id: str
    name: str
    account: str
    org_unit: str | None = None
    title: str | None = None
    rank: str = "C"
    flagged_key: bool = False
    active: bool = True
    rising_star: bool = False
    assessments: list[AssessmentInfo] = field(default_factory=list)
    owners: list[tuple[str, str]] = field(default_factory=list)  # (staff, role)
    asserted: dict[str, float | None] = field(default_factory=dict)  # staff -> strength
    sponsors: list[str] = field(default_factory=list)
    chain: list[ChainEntry] = field(default_factory=list)
    favors: list[dict[str, Any]] = field(default_factory=list)  # {id, name, strength}
    last_interaction: dt.date | None = None
    reports_to: list[ReportLine] = field(default_factory=list)
    influences: list[Influence] = field(default_factory=list)

    @property
    def level(self) -> int:
        return rank_level(self.rank)

    @property
    def open_chain(self) -> list[ChainEntry]:
        return [e for e in self.chain if e.is_open]

    @property
    def is_key(self) -> bool:
        """Whether this is a key contact (the contract's rule: `is_key_contact`)."""
        return is_key_contact(self.active, self.flagged_key, self.rank, bool(self.open_chain))

    def label(self) -> str:
        """'Ana Ruiz (CTO, rank A)' for messages."""
        title = f"{self.title}, " if self.title else ""
        return f"{self.name} ({title}rank {self.rank})"


@dataclass(frozen=True)
class OpportunityInfo:
    id: str
    name: str
    account: str
    stage: str | None
    value: float | None = None
    close_date: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return is_open_stage(self.stage)


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    account: str
    parent: str | None


@dataclass
class AccountFacts:
    """One account as of a day, with the shared directory of the staff linked to it."""

    id: str
    name: str
    tier: str
    partnership: str | None
    as_of: dt.date
    staff: dict[str, StaffInfo]
    units: list[UnitInfo] = field(default_factory=list)
    contacts: dict[str, ContactInfo] = field(default_factory=dict)
    opportunities: dict[str, OpportunityInfo] = field(default_factory=dict)
    team: list[tuple[str, str]] = field(default_factory=list)  # (staff, role)
    account_sponsors: list[str] = field(default_factory=list)
    suppliers: list[dict[str, Any]] = field(default_factory=list)
    # derived KNOWS: contact -> staff -> the interactions both attended inside the window
    derived: dict[str, dict[str, SharedInteractions]] = field(default_factory=dict)
    _knows: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    # --- people -------------------------------------------------------------------------------

    def is_active_staff(self, sid: str) -> bool:
        member = self.staff.get(sid)
        return member is not None and member.active

    def staff_name(self, sid: str) -> str:
        member = self.staff.get(sid)
        return member.name if member else sid

    def active_contacts(self) -> list[ContactInfo]:
        return [c for c in self.contacts.values() if c.active]

    def key_contacts(self) -> list[ContactInfo]:
        return [c for c in self.contacts.values() if c.is_key]

    def assessment(self, cid: str) -> AssessmentInfo | None:
        contact = self.contacts.get(cid)
        return None if contact is None else latest_assessment(contact.assessments, self.as_of)

    def attitude(self, cid: str) -> int | None:
        """Current attitude at `as_of`; None means unknown."""
        latest = self.assessment(cid)
        return None if latest is None else latest.attitude

    # --- our side -----------------------------------------------------------------------------

    def knows(self, cid: str) -> dict[str, float]:
        """Active staff who know the contact (asserted, or derived from shared interactions)
        and the strength of each KNOWS."""
        cached = self._knows.get(cid)
        if cached is not None:
            return cached
        contact = self.contacts[cid]
        found: dict[str, float] = {}
        derived_by = self.derived.get(cid, {})
        for sid in sorted(set(contact.asserted) | set(derived_by)):
            if not self.is_active_staff(sid):
                continue
            shared = derived_by.get(sid)
            strength = knows_strength(sid in contact.asserted, contact.asserted.get(sid),
                                      shared.strength if shared and shared.count else None)
            if strength > 0:
                found[sid] = strength
        self._knows[cid] = found
        return found

    def active_owners(self, cid: str) -> list[tuple[str, str]]:
        return [(s, r) for s, r in self.contacts[cid].owners if self.is_active_staff(s)]

    def active_sponsors(self, cid: str) -> list[str]:
        return [s for s in self.contacts[cid].sponsors if self.is_active_staff(s)]

    def engaged(self, cid: str) -> set[str]:
        """Active staff who know or own the contact."""
        return set(self.knows(cid)) | {s for s, _ in self.active_owners(cid)}

    def active_team(self) -> list[tuple[str, str]]:
        return [(s, r) for s, r in self.team if self.is_active_staff(s)]

    # --- the client's structure ---------------------------------------------------------------

    def current_lines(self) -> list[ReportLine]:
        """Reporting lines current at `as_of` that start at a contact of this account."""
        return [line for c in self.contacts.values() for line in c.reports_to
                if line_is_current(line.since, line.until, self.as_of)]

    def influence_links(self) -> list[Influence]:
        return [i for c in self.contacts.values() for i in c.influences]

    def open_opportunities(self) -> list[OpportunityInfo]:
        return [o for o in self.opportunities.values() if o.is_open]

    def chain_of(self, opportunity: str) -> list[tuple[ContactInfo, str]]:
        """The decision chain of one opportunity: (contact, role), contacts of this account."""
        return [(c, e.role) for c in self.contacts.values() for e in c.chain
                if e.opportunity == opportunity]

    def contact_ref(self, cid: str) -> ContactRef:
        c = self.contacts[cid]
        return ContactRef(id=c.id, name=c.name, account_id=c.account, title=c.title,
                          rank=c.rank, org_unit_id=c.org_unit, attitude=self.attitude(cid))


@dataclass
class Portfolio:
    """Facts of several accounts fetched together, and the staff directory they share."""

    as_of: dt.date
    accounts: dict[str, AccountFacts]
    staff: dict[str, StaffInfo]


def account_ids_of(store: GraphStore) -> list[str]:
    """The id of every account, in id order (one statement)."""
    return [row["id"] for row in store.run(INTEL_ACCOUNT_IDS)]


def units_of(store: GraphStore, account_ids: Sequence[str]) -> list[UnitInfo]:
    """The org units of these accounts, in id order (one statement)."""
    units = [UnitInfo(id=u["id"], name=u.get("name") or u["id"], account=u["account"],
                      parent=u.get("parent"))
             for row in store.run(INTEL_UNITS, {"accounts": list(account_ids)})
             for u in row["units"]]
    return sorted(units, key=lambda u: u.id)


def load_facts(
    store: GraphStore, account_ids: Sequence[str] | None, as_of: dt.date, settings: Settings,
    *, units: bool = True, derived: bool = True,
    known: Callable[[list[str]], object] | None = None,
) -> Portfolio:
    """Fetch the facts of `account_ids` (all accounts when None) as of `as_of`.

    An unknown account id raises NotFound. Costs 1 + (1 to 3) statements per batch of
    `BATCH_ACCOUNTS` accounts (`units` and `derived` KNOWS are optional) + 1 for the staff
    directory (when a contact has any link from our side). `known` is called with the
    accounts' ids once they are known to exist, before their facts are read.
    """
    ids = None if account_ids is None else list(dict.fromkeys(account_ids))
    staff: dict[str, StaffInfo] = {}
    accounts: dict[str, AccountFacts] = {}
    for row in store.run(INTEL_ACCOUNTS, {"ids": ids}):
        accounts[row["account"]["id"]] = _account(row, as_of, staff)
    if ids is not None:
        for aid in ids:
            if aid not in accounts:
                raise NotFound("account", aid)
    order = sorted(accounts)
    if known is not None:
        known(order)  # e.g. Extras.begin: reads that need the ids alone, begun beside these
    named: set[str] = set()  # staff ids the contacts' links and shared interactions name
    owning: dict[str, list[AccountFacts]] = {}  # contact id -> the accounts that list it
    misses: dict[str, float] = {}  # a shared interaction's factor in the derived KNOWS
    for batch in chunks(order, BATCH_ACCOUNTS):
        # The shared interactions (as costly to the engine as the contacts' links, and
        # independent of them) are read beside the statements below, not after them.
        shared = read_ahead(store, store.run, INTEL_SHARED, {
            "accounts": batch, "since": iso(window_start(as_of, settings)),
            "asOf": iso(as_of)}) if derived else None
        if units:
            for unit in units_of(store, batch):
                accounts[unit.account].units.append(unit)
        links = _links_by_contact(store.run(INTEL_CONTACTS,
                                            {"accounts": batch, "asOf": iso(as_of)}))
        for cid in sorted(links):
            contact = _contact(links[cid])
            facts = accounts[contact.account]
            facts.contacts[contact.id] = contact
            owning.setdefault(contact.id, []).append(facts)
            named |= {s for s, _ in contact.owners} | set(contact.asserted) | set(contact.sponsors)
        if shared is not None:
            for row in shared.result():
                for cid, packed in row["found"]:
                    by_staff = _by_staff(packed)
                    named.update(by_staff)
                    for sid in sorted(by_staff):
                        summary = shared_summary(by_staff[sid], as_of, misses)
                        for facts in owning.get(cid, ()):
                            facts.derived.setdefault(cid, {})[sid] = summary
    unknown = sorted(named - set(staff))
    for batch in chunks(unknown, 5_000):
        for row in store.run(INTEL_STAFF, {"ids": batch}):
            staff[row["id"]] = StaffInfo.from_row(row)
    return Portfolio(as_of=as_of, accounts={a: accounts[a] for a in order}, staff=staff)


def _account(row: dict[str, Any], as_of: dt.date, staff: dict[str, StaffInfo]) -> AccountFacts:
    acc = row["account"]
    facts = AccountFacts(id=acc["id"], name=acc.get("name") or acc["id"],
                         tier=acc.get("tier") or "C", partnership=acc.get("partnership"),
                         as_of=as_of, staff=staff)
    for o in row.get("opportunities") or []:
        facts.opportunities[o["id"]] = OpportunityInfo(
            id=o["id"], name=o.get("name") or o["id"], account=facts.id, stage=o.get("stage"),
            value=o.get("value"), close_date=to_date(o.get("closeDate")))
    for t in row.get("team") or []:
        member = StaffInfo.from_row(t["staff"])
        staff.setdefault(member.id, member)
        facts.team.append((member.id, t["role"]))
    for s in row.get("sponsors") or []:
        member = StaffInfo.from_row(s)
        staff.setdefault(member.id, member)
        facts.account_sponsors.append(member.id)
    facts.suppliers = sorted(row.get("suppliers") or [], key=lambda k: str(k.get("id")))
    facts.team.sort()
    facts.account_sponsors.sort()
    return facts


# A contact's facts of intel_contacts by `link`: kind -> [fact], each fact a list of values by
# position, the contact's id first (cypher/intel_facts.cypher says which value is where).
Links = dict[str, list[list[Any]]]


def _by_staff(packed: Sequence[str]) -> dict[str, list[str]]:
    """intel_shared_interactions' 'date|layer|staff id' of one contact, as 'date|layer' by
    staff member (an id may hold '|'; a date and a layer do not)."""
    found: dict[str, list[str]] = {}
    for item in packed:
        cut = item.index("|", item.index("|") + 1)
        found.setdefault(item[cut + 1:], []).append(item[:cut])
    return found


def _links_by_contact(rows: list[dict[str, Any]]) -> dict[str, Links]:
    """intel_contacts' facts (one row per kind) by contact and kind."""
    found: dict[str, Links] = {}
    for row in rows:
        link = row["link"]
        for fact in row["found"]:
            found.setdefault(fact[0], {}).setdefault(link, []).append(fact)
    return found


def _contact(links: Links) -> ContactInfo:
    cid, name, account, unit, title, rank, key, active, rising = links["contact"][0]
    contact = ContactInfo(
        id=cid, name=name or cid, account=account, org_unit=unit, title=title,
        rank=rank or "C", flagged_key=key is True, active=active is not False,
        rising_star=rising is True,
    )
    contact.owners = sorted(((str(sid), str(role or "?")) for _, sid, role in
                             links.get("owns", ())), key=lambda o: (o[1], o[0]))
    for _, sid, strength in links.get("knows", ()):
        contact.asserted[str(sid)] = None if strength is None else float(strength)
    contact.sponsors = sorted(str(sid) for _, sid in links.get("sponsors", ()))
    contact.assessments = sorted(
        (AssessmentInfo.of(*values) for _, *values in links.get("assessment", ())),
        key=lambda a: a.date)
    contact.chain = sorted(
        (ChainEntry(opportunity, role or "user", stage, owner)
         for _, opportunity, role, stage, owner in links.get("chain", ())),
        key=lambda e: e.opportunity)
    contact.favors = sorted(({"id": kid, "name": kname, "strength": strength}
                             for _, kid, strength, kname in links.get("favors", ())),
                            key=lambda f: str(f.get("id")))
    last = links.get("lastInteraction")
    contact.last_interaction = to_date(last[0][1]) if last else None
    contact.reports_to = sorted(
        (ReportLine(cid, manager, to_date(since), to_date(until), strength)
         for _, manager, strength, since, until in links.get("reportsTo", ())),
        key=lambda r: (r.manager, r.since or dt.date.min))
    contact.influences = sorted(
        (Influence(cid, dst, float(strength), kind)
         for _, dst, strength, kind in links.get("influences", ()) if strength is not None),
        key=lambda i: i.dst)
    return contact
