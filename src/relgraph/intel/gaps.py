"""Coverage gaps: the typed findings of the contract's coverage-rules table, for one account,
several or the whole portfolio, computed one way for every caller (the GraphQL `coverageGaps`
and `Account.coverageGaps`, the account figures, the power map, `relgraph gaps`).

Imperative shell: `coverage` loads the facts of the accounts in bulk (`load_facts`) and the few
portfolio-wide facts some rules need (`Extras`: the A roles of the owners involved for
OWNER_OVERLOADED, the active staff as candidates for sponsorships and roles, the plans of the
accounts' contacts), each only when a kind that needs it is asked for. Functional core:
`find_gaps` runs every rule family over those plain facts.

The rules come in families (`FAMILIES`): each names the kinds it raises and is one function
over one account's facts. A new family of findings is one more entry there (and, when it needs
facts the account facts do not hold yet, one more field of `Extras` or `AccountFacts`); the
callers do not change.

Statements per call: 1 (accounts) + 4 per batch of 100 accounts (units, contacts, shared
interactions; plans, when a plan kind is asked) + 1 (the staff directory) + 1 (A roles, when
OWNER_OVERLOADED is asked) + 1 (the roster of active staff, when a kind that suggests
candidates from it is asked: sponsors, plan sponsors, iron-triangle roles) + 1 per 1,000
accounts (their company records, when a kind of the client as a company is asked): 9 for one
account, and 9 for a whole portfolio of up to 100 accounts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from relgraph.batching import chunks
from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import InvalidInput
from relgraph.intel.common import (
    cadence_days,
    latest_assessment,
    resolve_as_of,
    settings_or_default,
)
from relgraph.intel.company import WINDOW_DAYS, CompanyFacts, CompanyRecords, in_window, latest
from relgraph.intel.facts import (
    AccountFacts,
    ContactInfo,
    Portfolio,
    StaffInfo,
    account_ids_of,
    load_facts,
)
from relgraph.intel.memo import AccountRound, memo_of, settings_key
from relgraph.intel.org import HOW, label, missing, relationship_of
from relgraph.intel.plans import ENDED_WINDOW_DAYS, PlanInfo, load_plans
from relgraph.intel.types import Candidate, CoverageGap
from relgraph.model import OPEN_STAGES, GapKind, OrgAction, Severity
from relgraph.store.base import GraphStore, read_ahead

INTEL_A_OWNED = statement("intel_a_owned")
INTEL_ROSTER = statement("intel_roster")

SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
# A finding's place in the contract's order: severity, account, kind, subject, tie-break.
GapKey = tuple[int, str, int, str, str]
KIND_ORDER = {kind: i for i, kind in enumerate(GapKind)}
TRIANGLE = (("AR", "account_manager"), ("SR", "solution_manager"), ("FR", "fulfillment_manager"))
DECIDING_ROLES = ("decision_maker", "approver")
SPONSOR_KINDS = {GapKind.SPONSOR_MISSING, GapKind.SPONSOR_RANK_MISMATCH}
# The kinds that read the company records (organizational actions, department assessments,
# tier reviews).
COMPANY_KINDS = {GapKind.ORG_ACTION_MISSING, GapKind.DEPARTMENT_OBSTRUCTS,
                 GapKind.RETIER_OVERDUE}
PLAN_KINDS = {GapKind.PLAN_MISSING, GapKind.PLAN_REVIEW_OVERDUE, GapKind.PLAN_OFF_TRACK,
              GapKind.PLAN_SPONSOR_MISSING, GapKind.COMMITMENT_OVERDUE}
# Kinds that suggest staff members from the whole roster (sponsors, iron-triangle roles).
ROSTER_KINDS = SPONSOR_KINDS | {GapKind.PLAN_SPONSOR_MISSING, GapKind.TRIANGLE_ROLE_MISSING}
# A key contact must have been assessed within this many days up to the day asked.
ASSESSMENT_WINDOW_DAYS = 365
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
    plans: Mapping[str, Sequence[PlanInfo]] = field(default_factory=dict)  # by account

    def of_account(self, account_id: str) -> list[CoverageGap]:
        """The gaps of one of the accounts, in the same order."""
        return [g for g in self.gaps if g.account_id == account_id]


def coverage(
    store: GraphStore, account_ids: Sequence[str] | None, as_of: dt.date, settings: Settings,
    kinds: set[GapKind] | None = None, kept: AccountRound | None = None,
) -> Coverage:
    """The gaps of these accounts (every account when None) at `as_of`, of the kinds asked
    (all when None), from one load of their facts. An unknown account id raises NotFound.
    With `kept`, the roster is read only if a write without a log landed since it was."""
    portfolio, extras = facts_and_extras(store, account_ids, as_of, settings, kinds, kept)
    return Coverage(portfolio, extras.gaps(portfolio, settings, kinds), extras.company,
                    extras.plans)


def facts_and_extras(
    store: GraphStore, account_ids: Sequence[str] | None, as_of: dt.date, settings: Settings,
    kinds: set[GapKind] | None, kept: AccountRound | None,
) -> tuple[Portfolio, Extras]:
    """The facts of the accounts and the extras their rules need; the extras that need only
    the accounts' ids are read beside the facts (once the accounts are known to exist)."""
    begun: list[ExtrasAhead] = []
    portfolio = load_facts(store, account_ids, as_of, settings, known=lambda ids: begun.append(
        Extras.begin(store, ids, as_of, kinds)))
    return portfolio, Extras.fetch(store, portfolio, kinds, kept, begun[0])


def coverage_gaps(
    store: GraphStore, account_id: str | Sequence[str] | None = None,
    kinds: Iterable[str | GapKind] | None = None, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[CoverageGap]:
    """Every coverage gap of one account (an id), of several (a list of ids) or of the whole
    portfolio (None), ordered by severity, account, kind (the contract's table order), subject."""
    wanted = parse_kinds(kinds)
    ids = [account_id] if isinstance(account_id, str) else account_id
    day, cfg = resolve_as_of(as_of), settings_or_default(settings)

    def compute(reads: GraphStore) -> tuple[CoverageGap, ...]:
        return tuple(account_gaps(reads, ids, day, cfg, wanted))

    # Kept per graph generation (relgraph.intel.memo): asked again about an unchanged graph,
    # the answer costs one statement. The findings alone are kept, not the facts behind them;
    # after a write, each account's findings are kept unless the write touched them.
    key = ("gaps", None if ids is None else tuple(sorted(set(ids))), day,
           None if wanted is None else frozenset(wanted), settings_key(cfg))
    return list(memo_of(store).answer(store, key, compute))


def account_gaps(
    store: GraphStore, account_ids: Sequence[str] | None, as_of: dt.date, settings: Settings,
    kinds: set[GapKind] | None = None,
) -> list[CoverageGap]:
    """`coverage(...).gaps`, computed only for the accounts whose findings are not kept: an
    account's findings are kept until a write touches what they depend on (its own facts, and
    the A roles elsewhere of its A owners: OWNER_OVERLOADED), so that after a write about one
    account the others cost nothing. Two statements (the generation marker, before and after)
    plus one for the account ids when every account is asked, plus `coverage`'s for the
    accounts computed. An unknown account id raises NotFound."""
    kept = AccountRound(store)
    accounts = sorted(set(account_ids)) if account_ids is not None else account_ids_of(store)
    question = ("gaps", as_of, None if kinds is None else frozenset(kinds),
                settings_key(settings))
    found, stale = kept.split(accounts, question)
    if stale:
        portfolio, extras = facts_and_extras(store, stale, as_of, settings, kinds, kept)
        by_account: dict[str, list[tuple[GapKey, CoverageGap]]] = defaultdict(list)
        for item in extras.keyed_gaps(portfolio, settings, kinds):
            by_account[item[1].account_id or ""].append(item)
        for aid in stale:
            found[aid] = by_account.get(aid, [])
            kept.add(aid, question, depends_on(portfolio.accounts[aid]), found[aid])
    kept.finish()
    merged = sorted((item for items in found.values() for item in items),
                    key=lambda item: item[0])
    return [gap for _, gap in merged]


def depends_on(facts: AccountFacts) -> frozenset[str]:
    """The write-log tokens an account's findings depend on: its own account, and each of its A
    owners (whose A roles anywhere OWNER_OVERLOADED counts). Writes that change anything else
    an account reads (staff, competitors, opportunities, units, plans, company records, ...)
    log nothing, which makes every kept answer stale."""
    owners = {sid for c in facts.contacts.values() for sid, role in c.owners if role == "A"}
    return frozenset({f"a:{facts.id}", *(f"s:{sid}" for sid in owners)})


def gaps_of(
    store: GraphStore, portfolio: Portfolio, settings: Settings,
    wanted: set[GapKind] | None = None,
) -> list[CoverageGap]:
    """The gaps of already-loaded facts (fetches only the extras the kinds asked need)."""
    return Extras.fetch(store, portfolio, wanted).gaps(portfolio, settings, wanted)


def _wants(wanted: set[GapKind] | None, kinds: set[GapKind]) -> bool:
    """Whether any of `kinds` is asked (all are when `wanted` is None)."""
    return wanted is None or bool(wanted & kinds)


@dataclass(frozen=True)
class ExtrasAhead:
    """The extras begun before the facts were loaded (Extras.begin)."""

    plans: Future[dict[str, list[PlanInfo]]] | None
    company: Future[CompanyRecords] | None


@dataclass(frozen=True)
class Extras:
    """The portfolio-wide facts some rules need beside the facts of the accounts in scope."""

    overload: Mapping[str, Sequence[OwnedContact]] = field(default_factory=dict)
    # Every active staff member: the candidates for a sponsorship or an iron-triangle role.
    roster: Sequence[StaffInfo] | Roster = ()
    company: CompanyRecords | None = None
    # The plans of the accounts' contacts that are active or ended recently, by account.
    plans: Mapping[str, Sequence[PlanInfo]] = field(default_factory=dict)

    @staticmethod
    def begin(store: GraphStore, account_ids: Sequence[str], as_of: dt.date,
              wanted: set[GapKind] | None) -> ExtrasAhead:
        """Begin reading the extras that need only the accounts' ids (their plans and company
        records) beside the load of their facts: `fetch(..., ahead=)` collects them."""
        ids = sorted(set(account_ids))
        plans = read_ahead(store, load_plans, store, ids, as_of,
                           as_of - dt.timedelta(days=ENDED_WINDOW_DAYS)) \
            if _wants(wanted, PLAN_KINDS) and ids else None
        company = read_ahead(store, CompanyRecords.fetch, store, ids, as_of) \
            if _wants(wanted, COMPANY_KINDS) else None
        return ExtrasAhead(plans, company)

    @staticmethod
    def fetch(store: GraphStore, portfolio: Portfolio, wanted: set[GapKind] | None,
              kept: AccountRound | None = None, ahead: ExtrasAhead | None = None) -> Extras:
        if ahead is None:
            ahead = Extras.begin(store, list(portfolio.accounts), portfolio.as_of, wanted)
        overload: dict[str, list[OwnedContact]] = {}
        if _wants(wanted, {GapKind.OWNER_OVERLOADED}):
            overload = fetch_a_owned(store, portfolio)
        # The whole roster, not the staff the accounts asked about name: an account's
        # candidates are the same whether it is asked alone or with the portfolio.
        roster: Sequence[StaffInfo] | Roster = ()
        if _wants(wanted, ROSTER_KINDS) and portfolio.accounts:
            def read() -> Roster:
                members = (m for row in store.run(INTEL_ROSTER) for m in row["members"])
                return Roster(sorted((StaffInfo.from_row(m) for m in members),
                                     key=lambda m: m.id))
            # Only staff writes change it, and they log nothing: it is kept across the
            # writes that log (about accounts), which would otherwise read it again each time
            # (and rank it again: a few ms of each question about one account).
            roster = kept.shared(("roster",), read) if kept is not None else read()
        plans = ahead.plans.result() if ahead.plans is not None else {}
        company = ahead.company.result() if ahead.company is not None else None
        return Extras(overload, roster, company, plans)

    def gaps(self, portfolio: Portfolio, settings: Settings,
             wanted: set[GapKind] | None) -> list[CoverageGap]:
        """The gaps of the portfolio's facts with these extras."""
        return [gap for _, gap in self.keyed_gaps(portfolio, settings, wanted)]

    def keyed_gaps(self, portfolio: Portfolio, settings: Settings,
                   wanted: set[GapKind] | None) -> list[tuple[GapKey, CoverageGap]]:
        """The gaps with their sort keys (relgraph.intel.gaps.find_keyed_gaps)."""
        return find_keyed_gaps(portfolio, self.overload, self.roster, settings, wanted,
                               self.company, self.plans)


def fetch_a_owned(store: GraphStore, portfolio: Portfolio) -> dict[str, list[OwnedContact]]:
    """For each active staff member who is A owner of a contact in scope: all their A roles."""
    owners = sorted({
        sid for f in portfolio.accounts.values() for c in f.contacts.values()
        for sid, role in c.owners if role == "A" and f.is_active_staff(sid)
    })
    found: dict[str, list[OwnedContact]] = defaultdict(list)
    for batch in chunks(owners, 1_000):
        for row in store.run(INTEL_A_OWNED, {"staff": batch, "openStages": list(OPEN_STAGES)}):
            for sid, cid, account, key in row["owned"]:
                found[sid].append(OwnedContact(sid, cid, account, key is True))
    for owned in found.values():
        owned.sort(key=lambda o: o.contact)
    return dict(found)


# --- the functional core ----------------------------------------------------------------------

class Findings:
    """Gathers findings with their sort key (severity, account, kind, subject, tie-break)."""

    def __init__(self, wanted: set[GapKind] | None) -> None:
        self.wanted = wanted
        self.items: list[tuple[GapKey, CoverageGap]] = []

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

    def keyed(self) -> list[tuple[GapKey, CoverageGap]]:
        """The findings with their sort keys, in order."""
        return sorted(self.items, key=lambda item: item[0])

    def result(self) -> list[CoverageGap]:
        return [gap for _, gap in self.keyed()]


@dataclass(frozen=True)
class Family:
    """A family of coverage rules: the kinds it raises and its rule over one account."""

    name: str
    kinds: frozenset[GapKind]
    rule: Callable[[AccountRules], None]


def find_gaps(
    portfolio: Portfolio, overload: Mapping[str, Sequence[OwnedContact]],
    roster: Sequence[StaffInfo] | Roster, settings: Settings,
    wanted: set[GapKind] | None = None,
    company: CompanyRecords | None = None,
    plans: Mapping[str, Sequence[PlanInfo]] | None = None,
) -> list[CoverageGap]:
    """Apply the coverage rules to the facts (and the plans of the accounts' contacts, by
    account); findings in the contract's order."""
    return [gap for _, gap in find_keyed_gaps(portfolio, overload, roster, settings, wanted,
                                              company, plans)]


def find_keyed_gaps(
    portfolio: Portfolio, overload: Mapping[str, Sequence[OwnedContact]],
    roster: Sequence[StaffInfo] | Roster, settings: Settings,
    wanted: set[GapKind] | None = None,
    company: CompanyRecords | None = None,
    plans: Mapping[str, Sequence[PlanInfo]] | None = None,
) -> list[tuple[GapKey, CoverageGap]]:
    """`find_gaps` with each finding's sort key (the findings of several computations merge
    into the contract's order by it)."""
    out = Findings(wanted)
    families = [f for f in FAMILIES if wanted is None or f.kinds & wanted]
    pools = Pools(roster, overload)
    for facts in portfolio.accounts.values():
        rules = AccountRules(facts, pools, settings, out,
                             company.of(facts.id) if company else CompanyFacts(facts.id),
                             (plans or {}).get(facts.id, ()))
        for family in families:
            family.rule(rules)
    return out.keyed()


def _names(candidates: Sequence[Candidate]) -> str:
    shown = []
    for c in candidates[:NAMED_IN_SUGGESTION]:
        shown.append(f"{c.name} ({c.strength:.2f})" if c.strength is not None else c.name)
    return ", ".join(shown)


def _standing(member: StaffInfo) -> tuple[int, str, str]:
    """The order of staff members of equal strength among candidates: higher rank first."""
    return (-member.level, member.name, member.id)


@dataclass(frozen=True)
class Ranked:
    """A pool of staff members in `_standing` order, and their ids."""

    members: tuple[StaffInfo, ...]
    ids: frozenset[str]

    @staticmethod
    def of(members: Iterable[StaffInfo]) -> Ranked:
        ordered = tuple(sorted(members, key=_standing))
        return Ranked(ordered, frozenset(m.id for m in ordered))


class Roster:
    """The active members of the roster, by id and ranked (whole, and by role): the candidates
    for sponsorships and iron-triangle roles. Kept per store with the roster (Extras.fetch) and
    shared by the questions of several threads: each ranking is made at its first use, and a
    race only makes it twice."""

    def __init__(self, roster: Sequence[StaffInfo]) -> None:
        self.directory = {m.id: m for m in roster if m.active}
        self._sponsors: Ranked | None = None
        self._by_role: dict[str, Ranked] = {}

    def sponsors(self) -> Ranked:
        if self._sponsors is None:
            self._sponsors = Ranked.of(self.directory.values())
        return self._sponsors

    def with_role(self, role: str) -> Ranked:
        found = self._by_role.get(role)
        if found is None:
            found = self._by_role[role] = Ranked.of(
                m for m in self.directory.values() if m.role == role)
        return found

    @staticmethod
    def of(roster: Sequence[StaffInfo] | Roster) -> Roster:
        """The roster ranked: as it is when it was already (the one kept per store)."""
        return roster if isinstance(roster, Roster) else Roster(roster)


class Pools:
    """What the accounts of one scan share: the candidates for sponsorships and iron-triangle
    roles (the active members of the roster: every active staff member, so that an account's
    candidates do not depend on the other accounts asked with it), the candidates by role, and
    each overloaded owner's key contacts; each computed once per scan (the roster's once per
    roster kept), not once per account."""

    def __init__(self, roster: Sequence[StaffInfo] | Roster,
                 overload: Mapping[str, Sequence[OwnedContact]]) -> None:
        self.roster = Roster.of(roster)
        self.directory = self.roster.directory
        self.overload = overload
        self.key_owned = {sid: [o for o in owned if o.key] for sid, owned in overload.items()}

    def sponsors(self) -> Ranked:
        """The active members of the roster, ranked."""
        return self.roster.sponsors()

    def with_role(self, role: str) -> Ranked:
        """The active members of the roster with this role, ranked."""
        return self.roster.with_role(role)


class AccountRules:
    """The rules of one account: the facts, the candidate finders the rules share, the rules."""

    def __init__(self, facts: AccountFacts, pools: Pools, settings: Settings, out: Findings,
                 company: CompanyFacts, plans: Sequence[PlanInfo] = ()) -> None:
        self.f = facts
        self.company = company
        self.pools = pools
        self.settings = settings
        self.out = out
        self.plans = plans
        self.tier_sa = facts.tier in ("S", "A")
        # The rules that demand relationship investment apply only to resourced tiers.
        self.resourced = settings.tier_resources.resourced(facts.tier)
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

    def _rank_ranked(self, strengths: Mapping[str, float | None], ranked: Ranked,
                     directory: Mapping[str, StaffInfo], exclude: Iterable[str] = (),
                     min_level: int = 0) -> list[Candidate]:
        """`_rank` of the pool {every member of `ranked`: its strength in `strengths`} without
        building it: the members with a strength first, then `ranked` in order, which is the
        order `_rank` gives the members without one."""
        if any(v is not None and v < 0 for v in strengths.values()):
            pool = {m.id: strengths.get(m.id) for m in ranked.members}
            return self._rank(pool, exclude, min_level, directory)
        excluded = set(exclude)
        rows: list[tuple[str, float | None]] = [
            (sid, strength) for sid, strength in strengths.items()
            if strength and sid in ranked.ids and sid not in excluded
            and directory[sid].active and directory[sid].level >= min_level]
        rows.sort(key=lambda r: (-(r[1] or 0.0), *_standing(directory[r[0]])))
        for member in ranked.members:
            if len(rows) >= MAX_CANDIDATES or member.level < min_level:
                break
            strength = strengths.get(member.id)
            if not strength and member.id not in excluded and member.active:
                rows.append((member.id, strength))
        return [Candidate(staff_id=sid, name=directory[sid].name, rank=directory[sid].rank,
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

    def executive_candidates(self, strengths: Mapping[str, float], exclude: Iterable[str],
                             min_level: int) -> list[Candidate]:
        """Sponsor candidates: the active staff of rank level `min_level` or above, strongest
        link first, then by rank."""
        return self._rank_ranked(strengths, self.pools.sponsors(), self.pools.directory,
                                 exclude, min_level)

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
        if self.resourced:
            for c in self.active:
                if c.is_key:
                    self.stale_rule(c)

    def plan_cards(self) -> None:
        day = self.f.as_of
        for plan in self.plans:
            c = self.f.contacts.get(plan.contact.id)
            if c is None or not c.active:
                continue
            if plan.active_on(day):
                self.active_plan_rules(plan, c)
            elif plan.ended_within(day):
                self.ended_plan_rule(plan, c)
        if self.resourced:
            planned = {p.contact.id for p in self.plans if p.active_on(day)}
            for c in self.active:
                if c.is_key and c.rank in ("S", "A") and c.open_chain and c.id not in planned:
                    self.plan_missing_rule(c)

    def assessment_cadence(self) -> None:
        if self.resourced:
            for c in self.active:
                if c.is_key:
                    self.assessment_rule(c)

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
        if c.is_key and self.resourced:
            needed += [("A", GapKind.OWNER_MISSING_A, Severity.HIGH),
                       ("B", GapKind.OWNER_MISSING_B, Severity.MEDIUM)]
        if c.rank == "S" and f.tier == "S" and self.resourced:
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
            candidates = self.executive_candidates(knows, (), c.level)
            out.add(GapKind.SPONSOR_MISSING, Severity.MEDIUM, c.id, c.name, f.id,
                    f"{c.label()} at {f.name} (a tier-S account) has no active executive sponsor",
                    self.pair(candidates),
                    candidates)
        for sid in sponsors:
            member = f.staff[sid]
            if member.level >= c.level or not out.wants(GapKind.SPONSOR_RANK_MISMATCH):
                continue
            candidates = self.executive_candidates(knows, (sid,), c.level)
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

    def on_chains(self, c: ContactInfo) -> tuple[str, str]:
        """('decision maker/user', 'Core 2027, Edge 2028'): the contact's roles on open
        decision chains and those opportunities, for messages."""
        entries = c.open_chain
        opps = ", ".join(sorted({self.f.opportunities[e.opportunity].name
                                 if e.opportunity in self.f.opportunities else e.opportunity
                                 for e in entries}))
        return "/".join(r.replace("_", " ") for r in sorted({e.role for e in entries})), opps

    def chain_rules(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        entries = c.open_chain
        if not entries:
            return
        role_text, opps = self.on_chains(c)
        deciding = any(e.role in DECIDING_ROLES for e in entries)
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

    def closest(self, c: ContactInfo) -> list[Candidate]:
        """The contact's active owners, strongest KNOWS first; else the staff who know it."""
        knows = self.f.knows(c.id)
        pool: dict[str, float | None] = {}
        for sid, _ in sorted(self.f.active_owners(c.id), key=lambda o: (o[1], o[0])):
            pool.setdefault(sid, knows.get(sid))
        return self._rank(pool) or self._rank(dict(knows))

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
        candidates = self.closest(c)
        who = (" — " + _names(candidates)) if candidates else " — nobody on our side knows them"
        out.add(GapKind.STALE_CONTACT, Severity.MEDIUM, c.id, c.name, f.id,
                f"{c.label()} at {f.name}: {when} (cadence {cadence} days for rank {c.rank})",
                f"schedule a meeting within {cadence} days{who}", candidates)

    def assessment_rule(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.ASSESSMENT_OUTDATED):
            return
        last = max((a.date for a in c.assessments if a.date <= f.as_of), default=None)
        if last is not None and (f.as_of - last).days <= ASSESSMENT_WINDOW_DAYS:
            return
        when = ("never assessed" if last is None
                else f"last assessed {last.isoformat()}, {(f.as_of - last).days} days ago")
        candidates = self.closest(c)
        who = (" — " + _names(candidates)) if candidates else (
            f" — nobody on our side knows them yet (`relgraph paths --to {c.id}`)")
        out.add(GapKind.ASSESSMENT_OUTDATED, Severity.LOW, c.id, c.name, f.id,
                f"{c.label()} at {f.name}: {when} (a key contact is assessed at least every "
                f"{ASSESSMENT_WINDOW_DAYS} days)",
                f"assess their attitude on the six dimensions{who}", candidates)

    # --- plans ----------------------------------------------------------------------------------

    def plan_missing_rule(self, c: ContactInfo) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.PLAN_MISSING):
            return
        role_text, opps = self.on_chains(c)
        a_owners = sorted(s for s, r in f.active_owners(c.id) if r == "A")
        owner = (f"owner {', '.join(f.staff_name(s) for s in a_owners)} (A owner)" if a_owners
                 else "no active A owner to own it yet: assign one first")
        candidates = self._rank(dict(f.knows(c.id)), a_owners, c.level)
        sponsor = (f"sponsor candidates of rank {c.rank} or above who know them: "
                   + _names(candidates)) if candidates else (
            f"no one of rank {c.rank} or above on our side knows {c.name} yet; find an "
            f"introduction with `relgraph paths --to {c.id}`")
        out.add(GapKind.PLAN_MISSING, Severity.MEDIUM, c.id, c.name, f.id,
                f"{c.label()}, {role_text} on {opps}, has no active key-relationship plan",
                f"write a plan card (goal, target attitude, commitments) — {owner}; {sponsor}",
                candidates)

    def active_plan_rules(self, plan: PlanInfo, c: ContactInfo) -> None:
        f, out = self.f, self.out
        day, subject = f.as_of, f"{c.name}: {plan.goal}"
        owner, sponsor = plan.owner, plan.sponsor
        attitude = f.attitude(c.id)
        now = f"attitude now {'unknown' if attitude is None else attitude}, " \
              f"target {plan.target_attitude}"
        last = plan.last_review(day)
        if plan.review_overdue(day) and out.wants(GapKind.PLAN_REVIEW_OVERDUE):
            base = (f"last reviewed {last.date.isoformat()}" if last
                    else f"not reviewed since it started {plan.start.isoformat()}")
            since = (day - (last.date if last else plan.start)).days
            out.add(GapKind.PLAN_REVIEW_OVERDUE, Severity.LOW, plan.id, subject, f.id,
                    f"the plan for {c.label()} was {base}, {since} days ago; it is reviewed "
                    f"every {plan.review_every_days} days",
                    f"{owner.name} (plan owner) to review it with {sponsor.name} (sponsor): did "
                    f"the attitude move as planned ({now})?")
        if last is not None and not last.on_track and out.wants(GapKind.PLAN_OFF_TRACK):
            by = f" by {last.reviewed_by.name}" if last.reviewed_by else ""
            gap = f": {last.gap}" if last.gap else ""
            remedy = (f"carry out the remedy agreed ({last.remedy})" if last.remedy
                      else "agree a remedy")
            out.add(GapKind.PLAN_OFF_TRACK, Severity.MEDIUM, plan.id, subject, f.id,
                    f"the latest review of {plan.label()} ({last.date.isoformat()}{by}) found "
                    f"it off track{gap} ({now})",
                    f"{owner.name} (plan owner) to {remedy} with {sponsor.name} (sponsor)")
        self.plan_sponsor_rule(plan, c, subject)
        if out.wants(GapKind.COMMITMENT_OVERDUE):
            for m in plan.overdue_commitments(day):
                out.add(GapKind.COMMITMENT_OVERDUE, Severity.LOW, m.id, m.text, f.id,
                        f"{m.text!r} of {plan.label()} was due {m.due.isoformat()}, "
                        f"{(day - m.due).days} day(s) ago, and is not done",
                        f"{owner.name} (plan owner) to do it, or agree a new date at the next "
                        "review")

    def plan_sponsor_rule(self, plan: PlanInfo, c: ContactInfo, subject: str) -> None:
        f, out, sponsor = self.f, self.out, plan.sponsor
        if not out.wants(GapKind.PLAN_SPONSOR_MISSING):
            return
        if sponsor.active and sponsor.level >= c.level:
            return
        why = ("has left" if not sponsor.active
               else f"is ranked {sponsor.rank}, below {c.name} (rank {c.rank})")
        candidates = self.executive_candidates(f.knows(c.id), (sponsor.id, plan.owner.id),
                                               c.level)
        out.add(GapKind.PLAN_SPONSOR_MISSING, Severity.MEDIUM, plan.id, subject, f.id,
                f"{sponsor.name}, the sponsor of the plan for {c.label()}, {why}",
                (f"name a sponsor of rank {c.rank} or above — candidates: " + _names(candidates))
                if candidates else f"name a sponsor of rank {c.rank} or above", candidates)

    def ended_plan_rule(self, plan: PlanInfo, c: ContactInfo) -> None:
        f, out = self.f, self.out
        if not out.wants(GapKind.PLAN_OFF_TRACK) or plan.reached_on(plan.end, c.assessments):
            return
        attitude = latest_assessment(c.assessments, plan.end)
        then = "unknown" if attitude is None else str(attitude.attitude)
        out.add(GapKind.PLAN_OFF_TRACK, Severity.MEDIUM, plan.id, f"{c.name}: {plan.goal}", f.id,
                f"the plan for {c.label()} ended {plan.end.isoformat()} without reaching "
                f"its target (attitude {then} on its end day, target {plan.target_attitude})",
                f"{plan.owner.name} (plan owner) and {plan.sponsor.name} (sponsor) to review why,"
                f" and write a new plan card for {c.name}")

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
        candidates = self.executive_candidates(self.reach(), (), 3)
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
            ranked = self.pools.with_role(staff_role)
            candidates = self._rank_ranked(reach, ranked, self.pools.directory, in_triangle)
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
        by_unit: dict[str | None, list[ContactInfo]] = defaultdict(list)
        for c in f.active_contacts():
            by_unit[c.org_unit].append(c)
        for unit in sorted(f.units, key=lambda u: u.id):
            members = by_unit.get(unit.id, [])
            if not members or any(f.engaged(c.id) for c in members):
                continue
            parent = by_unit.get(unit.parent, []) if unit.parent is not None else []
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
        pools = self.pools
        # Only an A owner of one of the account's contacts can be overloaded here.
        a_owners = {sid for c in f.contacts.values() for sid, role in c.owners if role == "A"}
        for sid in sorted(a_owners & pools.overload.keys()):
            keys = pools.key_owned[sid]
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
    Family("plans", frozenset(PLAN_KINDS), AccountRules.plan_cards),
    Family("assessments", frozenset({GapKind.ASSESSMENT_OUTDATED}),
           AccountRules.assessment_cadence),
)
