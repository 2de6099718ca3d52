"""Coverage gaps: the typed findings of the contract's coverage-rules table, for one account,
several or the whole portfolio, computed one way for every caller (the GraphQL `coverageGaps`
and `Account.coverageGaps`, the account figures, the power map, `relgraph gaps`).

Imperative shell: `coverage` loads the facts of the accounts in bulk (`load_facts`) and the few
portfolio-wide facts some rules need (`Extras`: the A roles of the owners involved for
OWNER_OVERLOADED, the active executives as sponsor candidates), each only when a kind that needs
it is asked for. Functional core: `find_gaps` runs every rule family over those plain facts.

The rules come in families (`FAMILIES`): each names the kinds it raises and is one function
over one account's facts. A new family of findings is one more entry there (and, when it needs
facts the account facts do not hold yet, one more field of `Extras` or `AccountFacts`); the
callers do not change.

Statements per call: 1 (accounts) + 3 per batch of 100 accounts (units, contacts, shared
interactions) + 1 (the staff directory) + 1 (A roles, when OWNER_OVERLOADED is asked) + 1
(executives, when a sponsor kind is asked and a tier-S/A account is in scope) + 1 per 1,000
accounts (their company records, when a kind of the client as a company is asked): 8 for one
account, and 8 for a whole portfolio of up to 100 accounts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from relgraph.batching import chunks
from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import InvalidInput
from relgraph.intel.common import cadence_days, resolve_as_of, settings_or_default
from relgraph.intel.company import WINDOW_DAYS, CompanyFacts, CompanyRecords, in_window, latest
from relgraph.intel.facts import AccountFacts, ContactInfo, Portfolio, StaffInfo, load_facts
from relgraph.intel.org import HOW, label, missing, relationship_of
from relgraph.intel.types import Candidate, CoverageGap
from relgraph.model import OPEN_STAGES, GapKind, OrgAction, Severity
from relgraph.store.base import GraphStore

INTEL_A_OWNED = statement("intel_a_owned")
INTEL_EXECUTIVES = statement("intel_executives")

SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
KIND_ORDER = {kind: i for i, kind in enumerate(GapKind)}
TRIANGLE = (("AR", "account_manager"), ("SR", "solution_manager"), ("FR", "fulfillment_manager"))
DECIDING_ROLES = ("decision_maker", "approver")
SPONSOR_KINDS = {GapKind.SPONSOR_MISSING, GapKind.SPONSOR_RANK_MISMATCH}
# The kinds that read the company records (organizational actions, department assessments,
# tier reviews).
COMPANY_KINDS = {GapKind.ORG_ACTION_MISSING, GapKind.DEPARTMENT_OBSTRUCTS,
                 GapKind.RETIER_OVERDUE}
MAX_CANDIDATES = 5
NAMED_IN_SUGGESTION = 3


def parse_kinds(kinds: Iterable[str | GapKind] | None) -> set[GapKind] | None:
    """The gap kinds asked for (None = all); an unknown kind is an error naming the valid ones."""
    if kinds is None:
        return None
    chosen: set[GapKind] = set()
    for kind in kinds:
        try:
            chosen.add(GapKind(str(kind).strip().upper()))
        except ValueError:
            valid = ", ".join(k.value for k in GapKind)
            raise InvalidInput(f"unknown gap kind {str(kind)!r}; valid kinds: {valid}") from None
    return chosen or None


@dataclass(frozen=True)
class OwnedContact:
    """A contact some staff member is A owner of (portfolio-wide, for OWNER_OVERLOADED)."""

    staff: str
    contact: str
    account: str | None
    key: bool


# --- the imperative shell ---------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    """The gaps of some accounts at a day, and the facts they were computed from (the account
    figures compute health from the same facts)."""

    portfolio: Portfolio
    gaps: list[CoverageGap]
    company: CompanyRecords | None = None  # when a kind that reads them was asked

    def of_account(self, account_id: str) -> list[CoverageGap]:
        """The gaps of one of the accounts, in the same order."""
        return [g for g in self.gaps if g.account_id == account_id]


def coverage(
    store: GraphStore, account_ids: Sequence[str] | None, as_of: dt.date, settings: Settings,
    kinds: set[GapKind] | None = None,
) -> Coverage:
    """The gaps of these accounts (every account when None) at `as_of`, of the kinds asked
    (all when None), from one load of their facts. An unknown account id raises NotFound."""
    portfolio = load_facts(store, account_ids, as_of, settings)
    gaps, extras = _gaps(store, portfolio, settings, kinds)
    return Coverage(portfolio, gaps, extras.company)


def coverage_gaps(
    store: GraphStore, account_id: str | Sequence[str] | None = None,
    kinds: Iterable[str | GapKind] | None = None, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[CoverageGap]:
    """Every coverage gap of one account (an id), of several (a list of ids) or of the whole
    portfolio (None), ordered by severity, account, kind (the contract's table order), subject."""
    wanted = parse_kinds(kinds)
    ids = [account_id] if isinstance(account_id, str) else account_id
    return coverage(store, ids, resolve_as_of(as_of), settings_or_default(settings), wanted).gaps


def gaps_of(
    store: GraphStore, portfolio: Portfolio, settings: Settings,
    wanted: set[GapKind] | None = None,
) -> list[CoverageGap]:
    """The gaps of already-loaded facts (fetches only the extras the kinds asked need)."""
    return _gaps(store, portfolio, settings, wanted)[0]


def _gaps(store: GraphStore, portfolio: Portfolio, settings: Settings,
          wanted: set[GapKind] | None) -> tuple[list[CoverageGap], Extras]:
    extras = Extras.fetch(store, portfolio, wanted)
    return find_gaps(portfolio, extras.overload, extras.executives, settings, wanted,
                     extras.company), extras


@dataclass(frozen=True)
class Extras:
    """The portfolio-wide facts some rules need beside the facts of the accounts in scope."""

    overload: Mapping[str, Sequence[OwnedContact]] = field(default_factory=dict)
    executives: Sequence[StaffInfo] = ()
    company: CompanyRecords | None = None

    @staticmethod
    def fetch(store: GraphStore, portfolio: Portfolio, wanted: set[GapKind] | None) -> Extras:
        overload: dict[str, list[OwnedContact]] = {}
        if wanted is None or GapKind.OWNER_OVERLOADED in wanted:
            overload = fetch_a_owned(store, portfolio)
        executives: list[StaffInfo] = []
        needs_sponsors = wanted is None or bool(wanted & SPONSOR_KINDS)
        if needs_sponsors and any(f.tier in ("S", "A") for f in portfolio.accounts.values()):
            executives = [StaffInfo.from_row(r["member"])
                          for r in store.run(INTEL_EXECUTIVES, {"ranks": ["S", "A"]})]
        company = None
        if wanted is None or wanted & COMPANY_KINDS:
            company = CompanyRecords.fetch(store, list(portfolio.accounts), portfolio.as_of)
        return Extras(overload, executives, company)


def fetch_a_owned(store: GraphStore, portfolio: Portfolio) -> dict[str, list[OwnedContact]]:
    """For each active staff member who is A owner of a contact in scope: all their A roles."""
    owners = sorted({
        sid for f in portfolio.accounts.values() for c in f.contacts.values()
        for sid, role in c.owners if role == "A" and f.is_active_staff(sid)
    })
    found: dict[str, list[OwnedContact]] = defaultdict(list)
    for batch in chunks(owners, 1_000):
        for row in store.run(INTEL_A_OWNED, {"staff": batch, "openStages": list(OPEN_STAGES)}):
            found[row["staff"]].append(OwnedContact(row["staff"], row["contact"],
                                                    row.get("account"), row.get("key") is True))
    return dict(found)


# --- the functional core ----------------------------------------------------------------------

class Findings:
    """Gathers findings with their sort key (severity, account, kind, subject, tie-break)."""

    def __init__(self, wanted: set[GapKind] | None) -> None:
        self.wanted = wanted
        self.items: list[tuple[tuple[int, str, int, str, str], CoverageGap]] = []

    def wants(self, kind: GapKind) -> bool:
        return self.wanted is None or kind in self.wanted

    def add(
        self, kind: GapKind, severity: Severity, subject_id: str, subject_name: str,
        account_id: str | None, message: str, suggestion: str,
        candidates: Sequence[Candidate] = (), tie: str = "",
    ) -> None:
        if not self.wants(kind):
            return
        gap = CoverageGap(kind=kind.value, severity=severity.value, subject_id=subject_id,
                          subject_name=subject_name, account_id=account_id, message=message,
                          suggestion=suggestion, candidates=list(candidates))
        key = (SEVERITY_ORDER[severity], account_id or "\uffff", KIND_ORDER[kind], subject_id,
               tie or message)
        self.items.append((key, gap))

    def result(self) -> list[CoverageGap]:
        return [gap for _, gap in sorted(self.items, key=lambda item: item[0])]


@dataclass(frozen=True)
class Family:
    """A family of coverage rules: the kinds it raises and its rule over one account."""

    name: str
    kinds: frozenset[GapKind]
    rule: Callable[[AccountRules], None]


def find_gaps(
    portfolio: Portfolio, overload: Mapping[str, Sequence[OwnedContact]],
    executives: Sequence[StaffInfo], settings: Settings, wanted: set[GapKind] | None = None,
    company: CompanyRecords | None = None,
) -> list[CoverageGap]:
    """Apply the coverage rules to the facts; findings in the contract's order."""
    out = Findings(wanted)
    families = [f for f in FAMILIES if wanted is None or f.kinds & wanted]
    for facts in portfolio.accounts.values():
        rules = AccountRules(facts, overload, executives, settings, out,
                             company.of(facts.id) if company else CompanyFacts(facts.id))
        for family in families:
            family.rule(rules)
    return out.result()


def _names(candidates: Sequence[Candidate]) -> str:
    shown = []
    for c in candidates[:NAMED_IN_SUGGESTION]:
        shown.append(f"{c.name} ({c.strength:.2f})" if c.strength is not None else c.name)
    return ", ".join(shown)


class AccountRules:
    """The rules of one account: the facts, the candidate finders the rules share, the rules."""

    def __init__(self, facts: AccountFacts, overload: Mapping[str, Sequence[OwnedContact]],
                 executives: Sequence[StaffInfo], settings: Settings, out: Findings,
                 company: CompanyFacts) -> None:
        self.f = facts
        self.company = company
        self.overload = overload
        self.executives = executives
        self.settings = settings
        self.out = out
        self.tier_sa = facts.tier in ("S", "A")
        self.active = sorted(facts.active_contacts(), key=lambda x: x.id)

    # --- candidates ---------------------------------------------------------------------------

    def _rank(self, pool: Mapping[str, float | None], exclude: Iterable[str] = (),
              min_level: int = 0, directory: Mapping[str, StaffInfo] | None = None,
              ) -> list[Candidate]:
        staff = directory if directory is not None else self.f.staff
        excluded = set(exclude)
        rows = [(sid, strength) for sid, strength in pool.items()
                if sid not in excluded and sid in staff and staff[sid].active
                and staff[sid].level >= min_level]
        rows.sort(key=lambda r: (-(r[1] or 0.0), -staff[r[0]].level, staff[r[0]].name, r[0]))
        return [Candidate(staff_id=sid, name=staff[sid].name, rank=staff[sid].rank,
                          strength=None if strength is None else round(strength, 2))
                for sid, strength in rows[:MAX_CANDIDATES]]

    def owner_candidates(self, c: ContactInfo) -> list[Candidate]:
        """Staff who know the contact, strongest first, not already an owner, rank at most one
        level below the contact; else the account team."""
        owners = {s for s, _ in self.f.active_owners(c.id)}
        found = self._rank(dict(self.f.knows(c.id)), owners, c.level - 1)
        if found:
            return found
        team: dict[str, float | None] = {s: None for s, _ in self.f.active_team()}
        return self._rank(team, owners, c.level - 1)

    def reach(self) -> dict[str, float]:
        """Each active staff member's strongest KNOWS of an active contact of the account."""
        best: dict[str, float] = {}
        for c in self.f.active_contacts():
            for sid, strength in self.f.knows(c.id).items():
                best[sid] = max(best.get(sid, 0.0), strength)
        return best

    def executive_pool(self, min_level: int, strengths: Mapping[str, float]) -> tuple[
            dict[str, float | None], dict[str, StaffInfo]]:
        directory = {s.id: s for s in self.executives}
        directory.update({s: m for s, m in self.f.staff.items() if m.active})
        pool: dict[str, float | None] = {
            sid: strengths.get(sid) for sid, m in directory.items() if m.level >= min_level}
        return pool, directory

    # --- the families -------------------------------------------------------------------------

    def owners(self) -> None:
        for c in self.active:
            self.owner_rules(c)

    def sponsors(self) -> None:
        for c in self.active:
            self.sponsor_rules(c)
        if self.tier_sa:
            self.account_sponsor_rule()

    def decision_chains(self) -> None:
        for c in self.active:
            self.chain_rules(c)
        self.coach_rule()

    def cadence(self) -> None:
        for c in self.active:
            if c.is_key:
                self.stale_rule(c)

    def iron_triangle(self) -> None:
        if self.tier_sa:
            self.triangle_rule()

    def reach_of_our_side(self) -> None:
        if self.tier_sa:
            self.dark_unit_rule()
            self.single_thread_rule()

    def organizational(self) -> None:
        if self.settings.tier_resources.resourced(self.f.tier):
            self.org_action_rule()

    def departments(self) -> None:
        self.obstructing_unit_rule()

    def tiers(self) -> None:
        if self.tier_sa:
            self.retier_rule()

    # --- the rules ----------------------------------------------------------------------------

    def owner_rules(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        active = f.active_owners(c.id)
        roles = {r for _, r in active}
        gone = [(s, r) for s, r in c.owners if not f.is_active_staff(s)]
        needed: list[tuple[str, GapKind, Severity]] = []
        if c.is_key:
            needed += [("A", GapKind.OWNER_MISSING_A, Severity.HIGH),
                       ("B", GapKind.OWNER_MISSING_B, Severity.MEDIUM)]
        if c.rank == "S" and f.tier == "S":
            needed.append(("C", GapKind.OWNER_MISSING_C, Severity.LOW))
        for role, kind, severity in needed:
            if role in roles or not out.wants(kind):
                continue
            left = [f.staff_name(s) for s, r in gone if r == role]
            why = f" ({', '.join(left)} has left)" if left else ""
            candidates = self.owner_candidates(c)
            out.add(kind, severity, c.id, c.name, f.id,
                    f"{c.label()} at {f.name} has no active {role} owner{why}",
                    self.assign(role, c, candidates), candidates)
        for sid, role in gone:
            if not out.wants(GapKind.OWNER_INACTIVE):
                continue
            candidates = self.owner_candidates(c)
            out.add(GapKind.OWNER_INACTIVE, Severity.HIGH, c.id, c.name, f.id,
                    f"{f.staff_name(sid)} ({sid}) is inactive but still holds the {role} role "
                    f"for {c.label()}",
                    f"hand the {role} role over — " + self._or_nobody(candidates, c),
                    candidates, tie=f"{sid}:{role}")
        held: dict[str, list[str]] = defaultdict(list)
        for sid, role in active:
            held[sid].append(role)
        for sid, own in sorted(held.items()):
            if len(own) < 2 or not out.wants(GapKind.OWNER_DUPLICATE):
                continue
            own = sorted(own)
            candidates = self.owner_candidates(c)
            out.add(GapKind.OWNER_DUPLICATE, Severity.MEDIUM, c.id, c.name, f.id,
                    f"{f.staff_name(sid)} holds the {' and '.join(own)} roles for {c.label()}; "
                    "A, B and C must be different people",
                    f"give the {own[-1]} role to someone else — " + self._or_nobody(candidates, c),
                    candidates, tie=sid)

    def assign(self, role: str, c: ContactInfo, candidates: Sequence[Candidate]) -> str:
        return f"assign {'an' if role == 'A' else 'a'} {role} owner — " + self._or_nobody(
            candidates, c)

    def _or_nobody(self, candidates: Sequence[Candidate], c: ContactInfo) -> str:
        if candidates:
            return "candidates: " + _names(candidates)
        return (f"no one suitable on our side knows {c.name} yet; find an introduction with "
                f"`relgraph paths --to {c.id}`")

    def sponsor_rules(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        sponsors = f.active_sponsors(c.id)
        knows = f.knows(c.id)
        if c.rank == "S" and f.tier == "S" and not sponsors and out.wants(GapKind.SPONSOR_MISSING):
            pool, directory = self.executive_pool(c.level, knows)
            candidates = self._rank(pool, (), c.level, directory)
            out.add(GapKind.SPONSOR_MISSING, Severity.MEDIUM, c.id, c.name, f.id,
                    f"{c.label()} at {f.name} (a tier-S account) has no active executive sponsor",
                    self.pair(candidates),
                    candidates)
        for sid in sponsors:
            member = f.staff[sid]
            if member.level >= c.level or not out.wants(GapKind.SPONSOR_RANK_MISMATCH):
                continue
            pool, directory = self.executive_pool(c.level, knows)
            candidates = self._rank(pool, (sid,), c.level, directory)
            out.add(GapKind.SPONSOR_RANK_MISMATCH, Severity.MEDIUM, c.id, c.name, f.id,
                    f"{member.name} (rank {member.rank}) sponsors {c.label()}: ranked below the "
                    "contact",
                    self.pair(candidates),
                    candidates, tie=sid)

    @staticmethod
    def pair(candidates: Sequence[Candidate]) -> str:
        if not candidates:
            return "no active executive of equal rank is available"
        return "pair them with an executive of equal rank — candidates: " + _names(candidates)

    def chain_rules(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        entries = c.open_chain
        if not entries:
            return
        opps = ", ".join(sorted({f.opportunities[e.opportunity].name
                                 if e.opportunity in f.opportunities else e.opportunity
                                 for e in entries}))
        roles = sorted({e.role for e in entries})
        deciding = any(r in DECIDING_ROLES for r in roles)
        role_text = "/".join(r.replace("_", " ") for r in roles)
        if not f.engaged(c.id) and out.wants(GapKind.DECISION_CHAIN_UNKNOWN):
            candidates = self.introducers(c)
            suggestion = (f"get introduced — they know {c.name}'s colleagues: "
                          + _names(candidates)) if candidates else ""
            suggestion = (suggestion + "; " if suggestion else "") + (
                f"see `relgraph paths --to {c.id}`")
            out.add(GapKind.DECISION_CHAIN_UNKNOWN,
                    Severity.HIGH if deciding else Severity.MEDIUM, c.id, c.name, f.id,
                    f"{c.label()}, {role_text} on {opps}, is known to no one on our side",
                    suggestion, candidates)
        attitude = f.attitude(c.id)
        if deciding and attitude == -1 and out.wants(GapKind.OPPOSED_DECISION_MAKER):
            candidates = self.workers(c)
            who = ("work on them through " + _names(candidates) + ", ") if candidates else ""
            out.add(GapKind.OPPOSED_DECISION_MAKER, Severity.HIGH, c.id, c.name, f.id,
                    f"{c.label()}, {role_text} on {opps}, opposes us (attitude -1)",
                    f"{who}or win over the people who influence them "
                    f"(`relgraph influence --from {c.id}`, `relgraph paths --to {c.id}`)",
                    candidates)
        if c.favors and out.wants(GapKind.COMPETITOR_CAPTURED):
            rivals = ", ".join(str(k.get("name") or k.get("id")) for k in c.favors)
            candidates = self.workers(c)
            who = ("work on them through " + _names(candidates)) if candidates else (
                f"find a way in with `relgraph paths --to {c.id}`")
            out.add(GapKind.COMPETITOR_CAPTURED, Severity.MEDIUM, c.id, c.name, f.id,
                    f"{c.label()}, {role_text} on {opps}, favours {rivals}",
                    f"{who}; counter {rivals} on the criteria they care about", candidates)

    def introducers(self, c: ContactInfo) -> list[Candidate]:
        """Staff who know the contact's colleagues: manager, reports, influencers, unit."""
        colleagues: set[str] = set()
        for line in self.f.current_lines():
            if line.person == c.id:
                colleagues.add(line.manager)
            elif line.manager == c.id:
                colleagues.add(line.person)
        for link in self.f.influence_links():
            if link.dst == c.id:
                colleagues.add(link.src)
            elif link.src == c.id:
                colleagues.add(link.dst)
        if c.org_unit:
            colleagues |= {x.id for x in self.f.active_contacts() if x.org_unit == c.org_unit}
        best: dict[str, float | None] = {}
        for x in sorted(colleagues - {c.id}):
            contact = self.f.contacts.get(x)
            if contact is None or not contact.active:
                continue
            for sid, strength in self.f.knows(x).items():
                best[sid] = max(best.get(sid) or 0.0, strength)
        return self._rank(best)

    def workers(self, c: ContactInfo) -> list[Candidate]:
        """Active staff who own or know the contact, strongest KNOWS first."""
        pool: dict[str, float | None] = {s: None for s, _ in self.f.active_owners(c.id)}
        pool.update(self.f.knows(c.id))
        return self._rank(pool)

    def stale_rule(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.STALE_CONTACT):
            return
        cadence = cadence_days(c.rank, self.settings)
        last = c.last_interaction
        if last is not None and (f.as_of - last).days <= cadence:
            return
        when = ("never met" if last is None
                else f"last met {last.isoformat()}, {(f.as_of - last).days} days ago")
        owners = sorted(f.active_owners(c.id), key=lambda o: (o[1], o[0]))
        pool: dict[str, float | None] = {}
        knows = f.knows(c.id)
        for sid, _ in owners:
            pool.setdefault(sid, knows.get(sid))
        candidates = self._rank(pool) or self._rank(dict(knows))
        who = (" — " + _names(candidates)) if candidates else " — nobody on our side knows them"
        out.add(GapKind.STALE_CONTACT, Severity.MEDIUM, c.id, c.name, f.id,
                f"{c.label()} at {f.name}: {when} (cadence {cadence} days for rank {c.rank})",
                f"schedule a meeting within {cadence} days{who}", candidates)

    def coach_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.NO_COACH):
            return
        for o in sorted(f.open_opportunities(), key=lambda x: x.id):
            members = [(c, role) for c, role in f.chain_of(o.id) if c.active]
            if any(f.attitude(c.id) == 3 for c, _ in members):
                continue
            supporters = sorted(
                ((c, f.attitude(c.id)) for c, _ in members if (f.attitude(c.id) or 0) >= 1),
                key=lambda x: (-(x[1] or 0), x[0].name, x[0].id))
            if supporters:
                named = ", ".join(f"{c.name} (attitude {a})" for c, a in supporters[:3])
                suggestion = f"develop a coach among the supporters on the chain: {named}"
            elif members:
                suggestion = ("no supporter on the decision chain yet; build one "
                              "(`relgraph coaches --account " + f.id + "` lists candidates)")
            else:
                suggestion = "map the decision chain first, then develop a coach on it"
            out.add(GapKind.NO_COACH, Severity.HIGH, o.id, o.name, f.id,
                    f"open opportunity {o.name} ({o.stage}) has no coach on its decision chain "
                    f"({len(members)} member(s))", suggestion)

    def account_sponsor_rule(self) -> None:
        f, out = self.f, self.out
        if [s for s in f.account_sponsors if f.is_active_staff(s)]:
            return
        if not out.wants(GapKind.SPONSOR_MISSING):
            return
        pool, directory = self.executive_pool(3, self.reach())
        candidates = self._rank(pool, (), 3, directory)
        out.add(GapKind.SPONSOR_MISSING, Severity.MEDIUM, f.id, f.name, f.id,
                f"{f.name} (tier {f.tier}) has no active account sponsor",
                ("appoint an executive account sponsor — candidates: " + _names(candidates))
                if candidates else "appoint an executive account sponsor", candidates)

    def triangle_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.TRIANGLE_ROLE_MISSING):
            return
        present = {r for _, r in f.active_team()}
        reach = self.reach()
        in_triangle = {s for s, r in f.active_team() if r in dict(TRIANGLE)}
        for role, staff_role in TRIANGLE:
            if role in present:
                continue
            pool: dict[str, float | None] = {
                sid: reach.get(sid) for sid, m in f.staff.items()
                if m.active and m.role == staff_role}
            candidates = self._rank(pool, in_triangle)
            text = staff_role.replace("_", " ")
            out.add(GapKind.TRIANGLE_ROLE_MISSING, Severity.MEDIUM, f.id, f.name, f.id,
                    f"{f.name} (tier {f.tier}) has no active {role} ({text}) on its team",
                    f"staff the {role} role — candidates: " + _names(candidates) if candidates
                    else f"staff the {role} role with a {text}", candidates, tie=role)

    def dark_unit_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.DARK_ORG_UNIT):
            return
        names = {u.id: u.name for u in f.units}
        for unit in sorted(f.units, key=lambda u: u.id):
            members = [c for c in f.active_contacts() if c.org_unit == unit.id]
            if not members or any(f.engaged(c.id) for c in members):
                continue
            parent = [c for c in f.active_contacts()
                      if unit.parent is not None and c.org_unit == unit.parent]
            pool: dict[str, float | None] = {}
            for c in parent:
                for sid, strength in f.knows(c.id).items():
                    pool[sid] = max(pool.get(sid) or 0.0, strength)
            if not pool:
                pool = {s: None for s, _ in f.active_team()}
            candidates = self._rank(pool)
            where = f" (under {names.get(unit.parent or '', unit.parent)})" if unit.parent else ""
            out.add(GapKind.DARK_ORG_UNIT, Severity.LOW, unit.id, unit.name, f.id,
                    f"{unit.name}{where} at {f.name}: {len(members)} contact(s), none known to "
                    "anyone on our side",
                    ("open a channel into the unit — " + _names(candidates)) if candidates
                    else "open a channel into the unit (business exchange, company tour)",
                    candidates)

    def single_thread_rule(self) -> None:
        f, out = self.f, self.out
        threads: set[str] = set()
        for c in f.active_contacts():
            threads |= f.engaged(c.id)
        if len(threads) != 1 or not out.wants(GapKind.SINGLE_THREADED):
            return
        (only,) = threads
        pool: dict[str, float | None] = {s: None for s, _ in f.active_team()}
        candidates = self._rank(pool, (only,))
        out.add(GapKind.SINGLE_THREADED, Severity.HIGH, f.id, f.name, f.id,
                f"{f.name} (tier {f.tier}) is single-threaded: only {f.staff_name(only)} knows or "
                "owns any of its contacts",
                ("add relationship owners from the team: " + _names(candidates)) if candidates
                else "add B owners and bring more of our people to the account", candidates)

    def org_action_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.ORG_ACTION_MISSING):
            return
        relationship = relationship_of(f.id, f.name, f.partnership, self.company, f.as_of)
        level = label(relationship.partnership)
        for index, (front, status) in enumerate(missing(relationship)):
            action = OrgAction(status.action)
            last = (f"last done {status.last_date.isoformat()}" if status.last_date
                    else "never recorded")
            counts = " or ".join(f"{'an' if t.value[0] in 'aeiou' else 'a'} `{t.value}` "
                                 "interaction" for t in action.interaction_types)
            out.add(GapKind.ORG_ACTION_MISSING, Severity.LOW, f.id, f.name, f.id,
                    f"{f.name} ({level}): no {label(action.value)} ({front.front} front) in the "
                    f"{WINDOW_DAYS} days up to {f.as_of.isoformat()} ({last})",
                    HOW[action] + ", and record it in orgActions"
                    + (f" ({counts} counts too)" if counts else ""), tie=f"{index:02d}")

    def obstructing_unit_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.DEPARTMENT_OBSTRUCTS):
            return
        for unit in sorted(f.units, key=lambda u: u.id):
            current = latest(self.company.assessments_of(unit.id), f.as_of, windowed=True)
            if current is None or not current.obstructs:
                continue
            why = [text for text, on in (("obstructs key events", current.key_event_support == 0),
                                         ("a serious issue spread through it",
                                          current.issue_spread)) if on]
            pool: dict[str, float | None] = {}
            for c in f.active_contacts():
                if c.org_unit == unit.id:
                    for sid, strength in f.knows(c.id).items():
                        pool[sid] = max(pool.get(sid) or 0.0, strength)
            candidates = self._rank(pool)
            out.add(GapKind.DEPARTMENT_OBSTRUCTS, Severity.MEDIUM, unit.id, unit.name, f.id,
                    f"{unit.name} at {f.name}: {' and '.join(why)} (assessed "
                    f"{current.date.isoformat()})",
                    ("repair the working relationship with the department through "
                     + _names(candidates)) if candidates
                    else "open a channel into the department (business exchange, department "
                         "social) and find out what blocks it", candidates)

    def retier_rule(self) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.RETIER_OVERDUE):
            return
        last = latest(self.company.tier_reviews, f.as_of)
        if last is not None and in_window(last.date, f.as_of):
            return
        when = (f"last {last.date.isoformat()}, tier {last.tier}" if last is not None
                else "never reviewed")
        out.add(GapKind.RETIER_OVERDUE, Severity.LOW, f.id, f.name, f.id,
                f"{f.name} (tier {f.tier}): no tier review in the {WINDOW_DAYS} days up to "
                f"{f.as_of.isoformat()} ({when})",
                "review the tier (growth, strategic match, share of wallet) and record the "
                "decision in tierReviews")

    def overload_rule(self) -> None:
        f, out = self.f, self.out
        threshold = self.settings.overloaded_owner_threshold
        if not out.wants(GapKind.OWNER_OVERLOADED):
            return
        for sid, owned in sorted(self.overload.items()):
            keys = [o for o in owned if o.key]
            here = [o for o in keys if o.contact in f.contacts]
            if len(keys) <= threshold or not here or not f.is_active_staff(sid):
                continue
            b_owners: dict[str, float | None] = {}
            for o in here:
                for s, role in f.active_owners(o.contact):
                    if role == "B" and s != sid:
                        b_owners[s] = None
            candidates = self._rank(b_owners)
            out.add(GapKind.OWNER_OVERLOADED, Severity.LOW, sid, f.staff_name(sid), f.id,
                    f"{f.staff_name(sid)} is A owner of {len(keys)} key contacts (more than "
                    f"{threshold}), {len(here)} of them at {f.name}",
                    ("hand some A roles to their B owners: " + _names(candidates)) if candidates
                    else "rebalance the A roles across the account team", candidates)


# Every rule of the contract's coverage table, by family; `find_gaps` runs the families whose
# kinds are asked for, over each account in turn.
FAMILIES: tuple[Family, ...] = (
    Family("owners", frozenset({GapKind.OWNER_MISSING_A, GapKind.OWNER_MISSING_B,
                                GapKind.OWNER_MISSING_C, GapKind.OWNER_DUPLICATE,
                                GapKind.OWNER_INACTIVE}), AccountRules.owners),
    Family("overload", frozenset({GapKind.OWNER_OVERLOADED}), AccountRules.overload_rule),
    Family("sponsors", frozenset(SPONSOR_KINDS), AccountRules.sponsors),
    Family("iron triangle", frozenset({GapKind.TRIANGLE_ROLE_MISSING}),
           AccountRules.iron_triangle),
    Family("decision chains", frozenset({GapKind.DECISION_CHAIN_UNKNOWN, GapKind.NO_COACH,
                                         GapKind.OPPOSED_DECISION_MAKER,
                                         GapKind.COMPETITOR_CAPTURED}),
           AccountRules.decision_chains),
    Family("cadence", frozenset({GapKind.STALE_CONTACT}), AccountRules.cadence),
    Family("reach", frozenset({GapKind.DARK_ORG_UNIT, GapKind.SINGLE_THREADED}),
           AccountRules.reach_of_our_side),
    Family("organizational relationship", frozenset({GapKind.ORG_ACTION_MISSING}),
           AccountRules.organizational),
    Family("general relationship", frozenset({GapKind.DEPARTMENT_OBSTRUCTS}),
           AccountRules.departments),
    Family("tier reviews", frozenset({GapKind.RETIER_OVERDUE}), AccountRules.tiers),
)
