"""The demo portfolio: deterministic, valid against the relgraph/1 contract, and rich in gaps.

The richness checks recompute each finding from the document itself (contract rules), not from
anything the generator says about itself.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from typing import Any

import pytest

from relgraph.ingest.demo import ARRAYS, generate_portfolio, summary_counts

AS_OF = datetime.date(2026, 11, 20)
STALE_DAYS = {"S": 365, "A": 183, "B": 31, "C": 31}
RANK_VALUE = {"S": 3, "A": 2, "B": 1, "C": 0}
OPEN = {"lead", "opportunity", "contract_execution", "payment_collection"}
INTERACTION_TYPES = {
    "summit", "executive_visit", "strategy_workshop", "workshop", "joint_innovation",
    "service_annual_meeting", "roadmap_exchange", "csr", "formal_visit", "business_exchange",
    "banquet", "company_tour", "entertainment", "care", "expert_advisory",
    "reference_site_visit", "special_inspection", "management_training", "delivery_milestone",
    "department_social", "routine_care", "call", "email",
}
_LAYERS = (
    ({"organizational"}, ("summit", "executive_visit", "strategy_workshop", "workshop",
                          "joint_innovation", "service_annual_meeting", "roadmap_exchange",
                          "csr")),
    ({"key"}, ("formal_visit", "banquet", "entertainment", "care", "expert_advisory")),
    ({"general"}, ("reference_site_visit", "special_inspection", "management_training",
                   "delivery_milestone", "department_social", "routine_care")),
    ({"key", "general"}, ("business_exchange", "company_tour", "call", "email")),
)
LAYER_OF = {kind: layers for layers, kinds in _LAYERS for kind in kinds}
DIMENSIONS = ("acceptance", "participation", "projectSupport", "informationSharing", "guidance",
              "competitiveStance")


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return generate_portfolio(accounts=12, seed=7, as_of=AS_OF)


# --- independent views of the document (contract meanings) -----------------------------------

def by_id(doc: dict[str, Any], array: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in doc[array]}


def current_attitude(doc: dict[str, Any]) -> dict[str, int]:
    latest: dict[str, tuple[str, int]] = {}
    for a in doc["assessments"]:
        if a["contact"] not in latest or a["date"] >= latest[a["contact"]][0]:
            latest[a["contact"]] = (a["date"], a["attitude"])
    return {c: att for c, (_, att) in latest.items()}


def open_opportunities(doc: dict[str, Any]) -> set[str]:
    return {o["id"] for o in doc["opportunities"] if o["stage"] in OPEN}


def key_contacts(doc: dict[str, Any]) -> set[str]:
    open_ids = open_opportunities(doc)
    on_chain = {d["contact"] for d in doc["decisionChain"] if d["opportunity"] in open_ids}
    return {c["id"] for c in doc["contacts"]
            if c["active"] and (c["key"] or c["rank"] in ("S", "A") or c["id"] in on_chain)}


def resourced_key_contacts(doc: dict[str, Any]) -> set[str]:
    """Key contacts of accounts whose tier gets relationship effort (S and A under 7:3:0:0):
    the only ones the investment rules (owners, cadence, plans, assessments) apply to."""
    tiers = {a["id"]: a["tier"] for a in doc["accounts"]}
    contacts = by_id(doc, "contacts")
    return {c for c in key_contacts(doc) if tiers[contacts[c]["account"]] in ("S", "A")}


def active_staff(doc: dict[str, Any]) -> set[str]:
    return {s["id"] for s in doc["staff"] if s["active"]}


def related_staff(doc: dict[str, Any], as_of: datetime.date) -> dict[str, set[str]]:
    """contact -> active staff who know (asserted or via a shared interaction) or own it."""
    active = active_staff(doc)
    since = (as_of - datetime.timedelta(days=730)).isoformat()
    out: dict[str, set[str]] = defaultdict(set)
    for k in doc["knows"]:
        if k["staff"] in active:
            out[k["contact"]].add(k["staff"])
    for o in doc["owners"]:
        if o["staff"] in active:
            out[o["contact"]].add(o["staff"])
    for i in doc["interactions"]:
        if i["date"] >= since:
            for s in i["staff"]:
                if s in active:
                    for c in i["contacts"]:
                        out[c].add(s)
    return out


# --- determinism -----------------------------------------------------------------------------

def test_same_arguments_give_the_identical_document(doc: dict[str, Any]) -> None:
    again = generate_portfolio(accounts=12, seed=7, as_of=AS_OF)
    assert json.dumps(again) == json.dumps(doc)


# sha256 of json.dumps(sort_keys=True) of generate_portfolio(accounts, seed, as_of), restricted
# to the arrays it had before the management cycle, as the generator made them before it was
# split into data tables and builders: the split, any later tidying and the cycle's records
# (drawn from random streams of their own) must not change a single one of those records.
BEFORE_THE_CYCLE = ("format", "accounts", "orgUnits", "contacts", "staff", "reportingLines",
                    "influences", "knows", "owners", "sponsors", "teams", "interactions",
                    "assessments", "competitors", "supplies", "favors", "opportunities",
                    "decisionChain", "opportunityTeam")
DIGESTS = {
    (30, 7, datetime.date(2026, 11, 23)):
        "6a9cc4389767da65d61a2ff159e2f5049d5a9cbfa6ffa6341efcb350b4a376c7",
    (1, 1, datetime.date(2025, 1, 1)):
        "014989c1e5a2451d625c16cb3a1bcb5678df18e93fe8ec0b0daf76a65efec6c0",
    (12, 42, datetime.date(2026, 2, 28)):
        "b3d1c79e6c3b12d5aa263208c54986b70fa2979856ef3fbc91d380d95e6aaba3",
}


@pytest.mark.parametrize(("accounts", "seed", "as_of"), sorted(DIGESTS))
def test_the_document_is_unchanged_record_for_record(
    accounts: int, seed: int, as_of: datetime.date,
) -> None:
    everything = generate_portfolio(accounts=accounts, seed=seed, as_of=as_of)
    made = {array: everything[array] for array in BEFORE_THE_CYCLE}
    digest = hashlib.sha256(json.dumps(made, sort_keys=True).encode()).hexdigest()
    assert digest == DIGESTS[(accounts, seed, as_of)]


def test_identical_across_processes_and_hash_seeds() -> None:
    """No output may depend on set or hash order, which changes with PYTHONHASHSEED."""
    code = ("import datetime, hashlib, json; from relgraph.ingest.demo import generate_portfolio;"
            "d = generate_portfolio(accounts=6, seed=5, as_of=datetime.date(2026, 11, 20));"
            "print(hashlib.sha256(json.dumps(d).encode()).hexdigest())")
    digests = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed,
               "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True, timeout=120)
        digests.add(done.stdout.strip())
    local = generate_portfolio(accounts=6, seed=5, as_of=AS_OF)
    assert digests == {hashlib.sha256(json.dumps(local).encode()).hexdigest()}


def test_another_seed_gives_another_document(doc: dict[str, Any]) -> None:
    other = generate_portfolio(accounts=12, seed=8, as_of=AS_OF)
    assert json.dumps(other) != json.dumps(doc)


def test_dates_follow_as_of(doc: dict[str, Any]) -> None:
    later = generate_portfolio(accounts=12, seed=7, as_of=AS_OF + datetime.timedelta(days=100))
    assert max(i["date"] for i in doc["interactions"]) <= AS_OF.isoformat()
    assert min(i["date"] for i in doc["interactions"]) >= (
        AS_OF - datetime.timedelta(days=730)).isoformat()
    shift = {i["id"]: i["date"] for i in doc["interactions"]}
    moved = [datetime.date.fromisoformat(i["date"]) - datetime.date.fromisoformat(shift[i["id"]])
             for i in later["interactions"][:50]]
    assert set(moved) == {datetime.timedelta(days=100)}


def test_default_as_of_is_today() -> None:
    today = datetime.date.today().isoformat()
    small = generate_portfolio(accounts=1, seed=1)
    assert max(i["date"] for i in small["interactions"]) <= today
    assert small["accounts"][0]["tier"] == "S"


# --- contract validity -----------------------------------------------------------------------

def test_shape_and_counts(doc: dict[str, Any]) -> None:
    assert doc["format"] == "relgraph/1"
    assert set(doc) == {"format", *ARRAYS}
    counts = summary_counts(doc)
    assert counts["accounts"] == 12
    assert all(counts[name] > 0 for name in ARRAYS)


def test_accepted_by_the_document_validator(doc: dict[str, Any]) -> None:
    validation = pytest.importorskip("relgraph.ingest.validation")
    records = validation.validate_document(doc)
    assert {name: len(rows) for name, rows in records.items()} == summary_counts(doc)


def test_no_duplicate_ids_or_pairs(doc: dict[str, Any]) -> None:
    for array in ("accounts", "orgUnits", "contacts", "staff", "interactions", "competitors",
                  "opportunities"):
        ids = [r["id"] for r in doc[array]]
        assert len(ids) == len(set(ids)), array
    pairs = {
        "knows": ("staff", "contact"), "owners": ("staff", "contact", "role"),
        "influences": ("from", "to"), "supplies": ("competitor", "account"),
        "favors": ("contact", "competitor"), "decisionChain": ("opportunity", "contact"),
        "opportunityTeam": ("opportunity", "staff"), "teams": ("staff", "account", "role"),
        "assessments": ("contact", "date"),
    }
    for array, keys in pairs.items():
        tuples = [tuple(r[k] for k in keys) for r in doc[array]]
        assert len(tuples) == len(set(tuples)), array


def test_every_reference_resolves(doc: dict[str, Any]) -> None:
    accounts = set(by_id(doc, "accounts"))
    units = by_id(doc, "orgUnits")
    contacts = by_id(doc, "contacts")
    staff = set(by_id(doc, "staff"))
    people = set(contacts) | staff
    competitors = set(by_id(doc, "competitors"))
    opportunities = by_id(doc, "opportunities")
    for u in units.values():
        assert u["account"] in accounts
        assert u["parent"] is None or units[u["parent"]]["account"] == u["account"]
    for c in contacts.values():
        assert c["account"] in accounts
        assert units[c["orgUnit"]]["account"] == c["account"]
    for r in doc["reportingLines"]:
        assert r["person"] in people and r["manager"] in people
    for r in doc["influences"]:
        assert r["from"] in people and r["to"] in people and r["from"] != r["to"]
    for array in ("knows", "owners", "favors"):
        for r in doc[array]:
            assert r["contact"] in contacts, array
            assert array == "favors" or r["staff"] in staff
    for r in doc["sponsors"]:
        assert r["staff"] in staff
        assert ("contact" in r) != ("account" in r)
        assert r.get("contact", "c") == "c" or r["contact"] in contacts
        assert r.get("account", "a") == "a" or r["account"] in accounts
    for r in doc["teams"]:
        assert r["staff"] in staff and r["account"] in accounts
    for r in doc["supplies"]:
        assert r["competitor"] in competitors and r["account"] in accounts
    for r in doc["favors"]:
        assert r["competitor"] in competitors
    for o in opportunities.values():
        assert o["account"] in accounts
    for r in doc["decisionChain"]:
        assert contacts[r["contact"]]["account"] == opportunities[r["opportunity"]]["account"]
    for r in doc["opportunityTeam"]:
        assert r["opportunity"] in opportunities and r["staff"] in staff
    for a in doc["assessments"]:
        assert a["contact"] in contacts and a["assessedBy"] in staff
    for i in doc["interactions"]:
        assert i["account"] in accounts
        assert i["opportunity"] is None or opportunities[i["opportunity"]]["account"] == \
            i["account"]
        assert i["staff"] and set(i["staff"]) <= staff
        assert i["contacts"] and all(contacts[c]["account"] == i["account"]
                                     for c in i["contacts"])


def test_org_tree_and_reporting_lines(doc: dict[str, Any]) -> None:
    units = by_id(doc, "orgUnits")
    roots = Counter(u["account"] for u in units.values() if u["parent"] is None)
    assert set(roots.values()) == {1}

    def depth(uid: str) -> int:
        parent = units[uid]["parent"]
        return 1 if parent is None else 1 + depth(parent)

    deepest: dict[str, int] = defaultdict(int)
    for uid, u in units.items():
        deepest[u["account"]] = max(deepest[u["account"]], depth(uid))
    assert set(deepest.values()) <= {3, 4, 5} and 5 in deepest.values()
    current = defaultdict(list)
    for r in doc["reportingLines"]:
        assert r["until"] is None or r["since"] < r["until"]
        if r["until"] is None:
            current[r["person"]].append(r["manager"])
    contacts = by_id(doc, "contacts")
    for c in contacts.values():
        if c["rank"] == "S":
            assert c["id"] not in current  # the CEO reports to nobody
        elif c["active"]:
            assert len(current[c["id"]]) == 1, c["id"]
    assert any(r["until"] for r in doc["reportingLines"])


def test_enumerations_and_ranges(doc: dict[str, Any]) -> None:
    tiers = Counter(a["tier"] for a in doc["accounts"])
    assert set(tiers) == {"S", "A", "B", "C"}
    for a in doc["accounts"]:
        assert a["partnership"] in {"strategic_partner", "partner", "ordinary"}
    for c in doc["contacts"]:
        assert c["rank"] in RANK_VALUE and 1 <= c["closeness"] <= 5
        assert c["socialStyle"] in {"controlling", "expressive", "analytical", "amiable"}
        assert isinstance(c["key"], bool) and isinstance(c["active"], bool)
        assert "@" in c["email"] and c["email"].isascii()
    for s in doc["staff"]:
        assert s["rank"] in RANK_VALUE
        assert s["role"] in {"executive", "account_manager", "solution_manager",
                             "fulfillment_manager", "other"}
    assert {t["role"] for t in doc["teams"]} <= {"AR", "SR", "FR", "member"}
    assert {t["role"] for t in doc["opportunityTeam"]} <= {"AR", "SR", "FR", "member"}
    assert {o["role"] for o in doc["owners"]} == {"A", "B", "C"}
    assert {i["kind"] for i in doc["influences"]} == {"mentor", "former_colleague", "friend",
                                                      "advisor", "assistant"}
    for array in ("influences", "knows", "favors"):
        for r in doc[array]:
            assert 0 < r["strength"] <= 1, array
    for a in doc["assessments"]:
        for dim in (*DIMENSIONS, "attitude"):
            assert type(a[dim]) is int and -1 <= a[dim] <= 3
    assert {s["position"] for s in doc["supplies"]} == {"primary", "secondary", "niche"}
    assert {o["stage"] for o in doc["opportunities"]} == {
        "lead", "opportunity", "contract_execution", "payment_collection", "won", "lost"}
    assert {d["role"] for d in doc["decisionChain"]} == {
        "decision_maker", "approver", "evaluator", "influencer", "user", "gatekeeper"}
    assert {i["type"] for i in doc["interactions"]} == INTERACTION_TYPES
    for i in doc["interactions"]:
        assert i["layer"] in LAYER_OF[i["type"]], i
    iso = [i["date"] for i in doc["interactions"][:100]] + [
        o["closeDate"] for o in doc["opportunities"]]
    for text in iso:
        datetime.date.fromisoformat(text)


# --- richness: every coverage rule has something to find ---------------------------------------

def test_ranks_and_tiers(doc: dict[str, Any]) -> None:
    assert {c["rank"] for c in doc["contacts"]} == {"S", "A", "B", "C"}
    assert any(a["tier"] == "S" for a in doc["accounts"])
    assert any(not c["active"] for c in doc["contacts"])
    assert any(c["risingStar"] for c in doc["contacts"])


def test_owner_gaps(doc: dict[str, Any]) -> None:
    active = active_staff(doc)
    keys = resourced_key_contacts(doc)
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for o in doc["owners"]:
        roles[o["contact"]][o["role"]].append(o["staff"])
    assert any(o["staff"] not in active for o in doc["owners"])  # OWNER_INACTIVE
    assert any(not any(s in active for s in roles[c]["B"]) for c in keys)  # OWNER_MISSING_B
    assert any(not any(s in active for s in roles[c]["A"]) for c in keys)  # OWNER_MISSING_A
    per_staff = Counter((o["staff"], o["contact"]) for o in doc["owners"])
    assert any(n > 1 for n in per_staff.values())  # OWNER_DUPLICATE
    a_load = Counter(o["staff"] for o in doc["owners"]
                     if o["role"] == "A" and o["contact"] in key_contacts(doc))
    assert 1 <= sum(1 for n in a_load.values() if n > 12) <= 2  # OWNER_OVERLOADED
    contacts = by_id(doc, "contacts")
    tiers = {a["id"]: a["tier"] for a in doc["accounts"]}
    s_of_s = [c for c in keys
              if contacts[c]["rank"] == "S" and tiers[contacts[c]["account"]] == "S"]
    assert any(not any(s in active for s in roles[c]["C"]) for c in s_of_s)  # OWNER_MISSING_C
    assert any(any(s in active for s in roles[c]["C"]) for c in s_of_s)


def test_sponsor_gaps(doc: dict[str, Any]) -> None:
    staff = by_id(doc, "staff")
    contacts = by_id(doc, "contacts")
    personal = [s for s in doc["sponsors"] if "contact" in s]
    assert any(RANK_VALUE[staff[s["staff"]]["rank"]] < RANK_VALUE[contacts[s["contact"]]["rank"]]
               for s in personal)  # SPONSOR_RANK_MISMATCH
    sponsored = {s["account"] for s in doc["sponsors"]
                 if "account" in s and staff[s["staff"]]["active"]}
    key_accounts = [a["id"] for a in doc["accounts"] if a["tier"] in ("S", "A")]
    assert any(a not in sponsored for a in key_accounts)  # SPONSOR_MISSING
    assert any(a in sponsored for a in key_accounts)


def test_triangle_gap(doc: dict[str, Any]) -> None:
    active = active_staff(doc)
    held = defaultdict(set)
    for t in doc["teams"]:
        if t["staff"] in active:
            held[t["account"]].add(t["role"])
    key_accounts = [a["id"] for a in doc["accounts"] if a["tier"] in ("S", "A")]
    missing = [a for a in key_accounts if not {"AR", "SR", "FR"} <= held[a]]
    assert missing and len(missing) < len(key_accounts)


def test_opportunity_gaps(doc: dict[str, Any]) -> None:
    attitude = current_attitude(doc)
    open_ids = open_opportunities(doc)
    chains = defaultdict(list)
    for d in doc["decisionChain"]:
        if d["opportunity"] in open_ids:
            chains[d["opportunity"]].append(d)
    assert any(all(attitude.get(d["contact"]) != 3 for d in chain)
               for chain in chains.values())  # NO_COACH
    assert any(any(attitude.get(d["contact"]) == 3 for d in chain) for chain in chains.values())
    assert any(d["role"] in ("decision_maker", "approver") and attitude.get(d["contact"]) == -1
               for chain in chains.values() for d in chain)  # OPPOSED_DECISION_MAKER
    favoring = {f["contact"] for f in doc["favors"]}
    assert any(d["contact"] in favoring for chain in chains.values()
               for d in chain)  # COMPETITOR_CAPTURED
    related = related_staff(doc, AS_OF)
    assert any(not related.get(d["contact"]) for chain in chains.values()
               for d in chain)  # DECISION_CHAIN_UNKNOWN


def test_coaches_and_candidates(doc: dict[str, Any]) -> None:
    latest: dict[str, dict[str, Any]] = {}
    for a in doc["assessments"]:
        if a["contact"] not in latest or a["date"] >= latest[a["contact"]]["date"]:
            latest[a["contact"]] = a
    values = list(latest.values())
    assert any(a["attitude"] == 3 for a in values)
    assert any(a["attitude"] == 2 and a["informationSharing"] >= 2 and a["guidance"] >= 2
               for a in values)
    assert any(a["attitude"] == -1 for a in values)
    keys = key_contacts(doc)
    assert keys - set(latest)  # some key contacts were never assessed
    history = defaultdict(list)
    for a in sorted(doc["assessments"], key=lambda a: a["date"]):
        history[a["contact"]].append(a["attitude"])
    assert any(h[-1] > h[0] for h in history.values())  # strengthened
    assert any(h[-1] < h[0] for h in history.values())  # weakened


def test_stale_key_contact(doc: dict[str, Any]) -> None:
    contacts = by_id(doc, "contacts")
    last: dict[str, str] = {}
    for i in doc["interactions"]:
        for c in i["contacts"]:
            last[c] = max(last.get(c, ""), i["date"])
    keys = key_contacts(doc)

    def stale(c: str) -> bool:
        limit = (AS_OF - datetime.timedelta(days=STALE_DAYS[contacts[c]["rank"]])).isoformat()
        return last.get(c, "") < limit

    stale_keys = [c for c in resourced_key_contacts(doc) if stale(c)]
    assert stale_keys
    assert len(stale_keys) < len(keys) / 5  # the cadence is mostly kept


def test_single_threaded_and_dark_units(doc: dict[str, Any]) -> None:
    related = related_staff(doc, AS_OF)
    by_account: dict[str, set[str]] = defaultdict(set)
    by_unit: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[str]] = defaultdict(list)
    for c in doc["contacts"]:
        by_account[c["account"]] |= related.get(c["id"], set())
        by_unit[c["orgUnit"]] |= related.get(c["id"], set())
        members[c["orgUnit"]].append(c["id"])
    key_accounts = {a["id"] for a in doc["accounts"] if a["tier"] in ("S", "A")}
    single = [a for a in key_accounts if len(by_account[a]) == 1]
    assert single  # SINGLE_THREADED
    assert all(len(by_account[a]) > 3 for a in key_accounts if a not in single)
    units = by_id(doc, "orgUnits")
    dark = [u for u in members if units[u]["account"] in key_accounts and not by_unit[u]]
    assert dark  # DARK_ORG_UNIT
    assert len(dark) < len(units) / 10


def test_cadence_by_rank(doc: dict[str, Any]) -> None:
    contacts = by_id(doc, "contacts")
    met = Counter(c for i in doc["interactions"] for c in i["contacts"][:1])
    per_rank: dict[str, list[int]] = defaultdict(list)
    for cid in key_contacts(doc):
        per_rank[contacts[cid]["rank"]].append(met[cid])
    avg = {rank: sum(v) / len(v) for rank, v in per_rank.items()}
    assert avg["S"] <= 6 and 3 <= avg["A"] <= 10 and avg["B"] >= 12 and avg["C"] >= 10


# --- richness: the key-relationship cycle ------------------------------------------------------

def attitude_on(doc: dict[str, Any], contact: str, day: str) -> int | None:
    dated = sorted((a["date"], a["attitude"]) for a in doc["assessments"]
                   if a["contact"] == contact and a["date"] <= day)
    return dated[-1][1] if dated else None


def test_plan_gaps(doc: dict[str, Any]) -> None:
    today = AS_OF.isoformat()
    contacts, staff = by_id(doc, "contacts"), by_id(doc, "staff")
    active = [p for p in doc["plans"] if p["start"] <= today <= p["end"]]
    reviews: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in sorted(doc["planReviews"], key=lambda r: r["date"]):
        if r["date"] <= today:
            reviews[r["plan"]].append(r)
    assert all(contacts[p["contact"]]["active"] for p in doc["plans"])
    # PLAN_MISSING: a resourced rank-S/A contact on an open decision chain without a plan
    on_chain = {d["contact"] for d in doc["decisionChain"]
                if d["opportunity"] in open_opportunities(doc)}
    planned = {p["contact"] for p in active}
    eligible = {c for c in resourced_key_contacts(doc)
                if contacts[c]["rank"] in ("S", "A") and c in on_chain}
    assert eligible - planned and len(planned & eligible) > len(eligible) / 2

    def last_review(p: dict[str, Any]) -> str:
        return reviews[p["id"]][-1]["date"] if reviews[p["id"]] else p["start"]

    def days(since: str) -> int:
        return (AS_OF - datetime.date.fromisoformat(since)).days

    assert any(days(last_review(p)) > p["reviewEveryDays"] for p in active)  # REVIEW_OVERDUE
    assert any(days(last_review(p)) <= p["reviewEveryDays"] for p in active)
    assert any(reviews[p["id"]] and not reviews[p["id"]][-1]["onTrack"]
               for p in active)  # PLAN_OFF_TRACK
    ended = [p for p in doc["plans"] if p["end"] < today]
    missed = [p for p in ended if (attitude_on(doc, p["contact"], p["end"]) or -2)
              < p["targetAttitude"]]
    assert missed and len(missed) < len(ended)  # PLAN_OFF_TRACK (ended); some plans reached
    assert any(days(p["end"]) <= 183 for p in missed)
    assert any(not staff[p["sponsor"]]["active"]
               or RANK_VALUE[staff[p["sponsor"]]["rank"]]
               < RANK_VALUE[contacts[p["contact"]]["rank"]]
               for p in active)  # PLAN_SPONSOR_MISSING
    running = {p["id"] for p in active}
    due = [m for m in doc["commitments"] if m["plan"] in running and m["due"] < today]
    assert any(m["doneOn"] is None or m["doneOn"] > today for m in due)  # COMMITMENT_OVERDUE
    assert any(m["doneOn"] is not None and m["doneOn"] <= today for m in due)


def test_reviews_come_every_two_months_or_quarter(doc: dict[str, Any]) -> None:
    dates: dict[str, list[datetime.date]] = defaultdict(list)
    for r in doc["planReviews"]:
        dates[r["plan"]].append(datetime.date.fromisoformat(r["date"]))
    gaps = [(b - a).days for days in dates.values() for a, b in zip(sorted(days), sorted(days)[1:],
                                                                    strict=False)]
    assert gaps and all(49 <= g <= 92 for g in gaps)
    assert {p["reviewEveryDays"] for p in doc["plans"]} == {61, 92}


def test_assessment_outdated(doc: dict[str, Any]) -> None:
    since = (AS_OF - datetime.timedelta(days=365)).isoformat()
    recent = {a["contact"] for a in doc["assessments"] if since <= a["date"] <= AS_OF.isoformat()}
    outdated = resourced_key_contacts(doc) - recent
    assert outdated and len(outdated) < len(resourced_key_contacts(doc)) / 3


# --- scale -----------------------------------------------------------------------------------

def test_scale_hundred_accounts() -> None:
    started = time.perf_counter()
    big = generate_portfolio(accounts=100, seed=3, as_of=AS_OF)
    elapsed = time.perf_counter() - started
    counts = summary_counts(big)
    assert 7_000 <= counts["contacts"] <= 13_000
    assert 70_000 <= counts["interactions"] <= 130_000
    assert 6 <= counts["contacts"] / counts["staff"] <= 10
    assert elapsed < 20
