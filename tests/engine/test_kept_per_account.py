"""Answers kept per account survive a write about another account, and only that: after every
write of a random sequence (through the import and the API's removals, on each engine), every
account's gaps and the whole portfolio's equal the ones computed from nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.ingest.importer import import_document
from relgraph.intel import coverage_gaps
from relgraph.intel.gaps import coverage
from relgraph.intel.generation import graph_marker
from relgraph.intel.memo import memo_of
from relgraph.intel.portfolio import account_analyses
from relgraph.store import GraphStore

AS_OF = dt.date(2026, 11, 1)
# A low overload threshold, so that OWNER_OVERLOADED (A roles counted across accounts) fires.
SETTINGS = Settings(_env_file=None, overloaded_owner_threshold=1)  # type: ignore[call-arg]
ACCOUNTS = ["acc-1", "acc-2", "acc-3"]
STAFF = ["s-1", "s-2", "s-3", "s-4"]
CONTACTS = {aid: [f"{aid}-c{i}" for i in range(4)] for aid in ACCOUNTS}
EVERY_CONTACT = [c for cs in CONTACTS.values() for c in cs]
RANKS = ["S", "A", "B", "C"]
ROLES = ["account_manager", "solution_manager", "fulfillment_manager", "executive"]


def doc(**arrays: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "relgraph/1", **arrays}


def account(aid: str, tier: str) -> dict[str, Any]:
    return {"id": aid, "name": f"Account {aid}", "tier": tier}


def contact(cid: str, aid: str, rank: str, key: bool = False,
            unit: str | None = None) -> dict[str, Any]:
    return {"id": cid, "account": aid, "name": f"Contact {cid}", "rank": rank, "key": key,
            "orgUnit": unit}


def member(sid: str, rank: str, role: str, active: bool = True) -> dict[str, Any]:
    return {"id": sid, "name": f"Staff {sid}", "rank": rank, "role": role, "active": active}


def interaction(iid: str, staff: list[str], contacts: list[str], aid: str | None,
                day: int) -> dict[str, Any]:
    return {"id": iid, "type": "workshop", "date": (AS_OF - dt.timedelta(days=day)).isoformat(),
            "account": aid, "staff": staff, "contacts": contacts}


def base() -> dict[str, Any]:
    return doc(
        accounts=[account("acc-1", "S"), account("acc-2", "A"), account("acc-3", "B")],
        orgUnits=[{"id": f"{aid}-u", "account": aid, "name": f"Unit of {aid}"}
                  for aid in ACCOUNTS],
        staff=[member(s, RANKS[i], ROLES[i]) for i, s in enumerate(STAFF)],
        contacts=[contact(c, aid, RANKS[i], key=i == 3, unit=f"{aid}-u" if i < 2 else None)
                  for aid, cs in CONTACTS.items() for i, c in enumerate(cs)],
        owners=[{"staff": "s-1", "contact": "acc-1-c0", "role": "A"},
                {"staff": "s-1", "contact": "acc-2-c0", "role": "A"},
                {"staff": "s-2", "contact": "acc-2-c1", "role": "A"},
                {"staff": "s-3", "contact": "acc-3-c0", "role": "B"}],
        teams=[{"staff": "s-1", "account": "acc-1", "role": "AR"},
               {"staff": "s-2", "account": "acc-2", "role": "SR"}],
        interactions=[interaction("i-1", ["s-1"], ["acc-1-c1", "acc-2-c2"], "acc-1", 30),
                      interaction("i-2", ["s-2"], ["acc-3-c1"], "acc-3", 400)])


def write_at_random(store: GraphStore, rng: random.Random) -> str:
    """One write of a random kind (import or API removal); what it was, for the failure."""
    aid = rng.choice(ACCOUNTS)
    c = rng.choice(CONTACTS[aid])
    other = rng.choice(EVERY_CONTACT)
    s = rng.choice(STAFF)
    kind = rng.randrange(13)
    if kind == 0:
        given = doc(accounts=[account(aid, rng.choice(RANKS))])
    elif kind == 1:
        given = doc(owners=[{"staff": s, "contact": c, "role": rng.choice("AAB")}])
    elif kind == 2:
        store.run(statement("api_remove_owner"), {"staff": s, "contact": c,
                                                  "role": rng.choice("AB")})
        return f"remove owner {s} of {c}"
    elif kind == 3:
        given = doc(knows=[{"staff": s, "contact": c, "strength": rng.choice([0.2, 0.9])}])
    elif kind == 4:  # attendees in two accounts, an existing interaction rewritten or a new one
        attendees = rng.sample([c, other], rng.choice([1, 2]))
        given = doc(interactions=[interaction(rng.choice(["i-1", "i-2", "i-3"]), [s],
                                              attendees, rng.choice([aid, None]),
                                              rng.choice([5, 200]))])
    elif kind == 5:  # no attendees any more
        given = doc(interactions=[interaction(rng.choice(["i-1", "i-2"]), [], [], aid, 10)])
    elif kind == 6:
        given = doc(assessments=[{"contact": c, "date": "2026-10-01",
                                  "attitude": rng.choice([-1, 1, 3])}])
    elif kind == 7:
        given = doc(sponsors=[rng.choice([{"staff": s, "contact": c},
                                          {"staff": s, "account": aid}])])
    elif kind == 8:
        store.run(statement("api_unpair_contact_sponsor"), {"staff": s, "contact": c})
        return f"unpair {s} from {c}"
    elif kind == 9:
        given = doc(teams=[{"staff": s, "account": aid, "role": rng.choice(["AR", "SR", "FR"])}])
    elif kind == 10:  # a contact moves to another account (and changes rank and unit)
        moved = rng.choice(EVERY_CONTACT)
        given = doc(contacts=[contact(moved, aid, rng.choice(RANKS), rng.random() < 0.5,
                                      rng.choice([f"{aid}-u", None]))])
    elif kind == 11:
        given = doc(staff=[member(s, rng.choice(RANKS), rng.choice(ROLES), rng.random() < 0.8)])
    else:
        store.run(statement("api_unpair_account_sponsor"), {"staff": s, "account": aid})
        return f"unpair {s} from {aid}"
    import_document(store, given)
    return repr(given)


def fresh(store: GraphStore, ids: list[str] | None) -> list[Any]:
    """The gaps computed from nothing (no kept answer of any kind)."""
    return coverage(store, ids, AS_OF, SETTINGS).gaps


class Unkept:
    """The store seen through a view of its own: answers are kept per store object, so this
    view has none kept (a new one computes everything from nothing)."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "underlying":  # not a view that shares the store's kept answers
            raise AttributeError(name)
        return getattr(self._store, name)


def analyses_agree(store: GraphStore, ids: list[str]) -> bool:
    """The BI figures of these accounts (effort shares of the whole portfolio), kept and from
    nothing, are the same."""
    kept = account_analyses(store, ids, AS_OF, None, SETTINGS)
    unkept = account_analyses(Unkept(store), ids, AS_OF, None, SETTINGS)  # type: ignore[arg-type]
    return kept == unkept


def test_kept_answers_equal_answers_from_nothing_after_every_write(store: GraphStore) -> None:
    import_document(store, base())
    rng = random.Random(20261202)
    kept = memo_of(store).accounts
    hits_before = kept.hits
    for step in range(40):
        # ask in a random order: one account, the whole portfolio, two accounts
        asked = rng.choice([[a] for a in ACCOUNTS] + [None, ["acc-3", "acc-1"]])
        answer = coverage_gaps(store, asked, as_of=AS_OF, settings=SETTINGS)
        assert answer == fresh(store, asked), f"step {step}, asked {asked}"
        for aid in ACCOUNTS:
            assert coverage_gaps(store, aid, as_of=AS_OF, settings=SETTINGS) == fresh(
                store, [aid]), f"step {step}: {aid}"
        page = rng.choice([ACCOUNTS, ["acc-2"], ["acc-1", "acc-3"]])
        assert analyses_agree(store, page), f"step {step}: figures of {page}"
        done = write_at_random(store, rng)
        assert coverage_gaps(store, as_of=AS_OF, settings=SETTINGS) == fresh(
            store, None), f"step {step}, after {done}"
        assert analyses_agree(store, ACCOUNTS), f"step {step}: figures after {done}"
    assert kept.hits > hits_before  # answers about untouched accounts were used


def test_a_write_about_one_account_leaves_the_others_kept(store: GraphStore) -> None:
    import_document(store, base())
    every = coverage_gaps(store, as_of=AS_OF, settings=SETTINGS)
    import_document(store, doc(owners=[{"staff": "s-4", "contact": "acc-3-c2", "role": "B"}]))
    marker = graph_marker(store)
    assert marker.touched_since((marker.epoch, marker.value - 1)) == {"a:acc-3"}
    before = store.statements_run
    again = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    # the generation (changed), the marker, and the generation again (unchanged: the answer
    # is kept): no fact of any account read
    assert store.statements_run - before == 3
    assert again == [g for g in every if g.account_id == "acc-1"]
    # the account written is computed again, and sees the new B owner
    touched = coverage_gaps(store, "acc-3", as_of=AS_OF, settings=SETTINGS)
    assert touched == fresh(store, ["acc-3"])
    assert store.statements_run - before > 8


def test_a_write_that_does_not_log_makes_every_kept_answer_stale(store: GraphStore) -> None:
    import_document(store, base())
    coverage_gaps(store, as_of=AS_OF, settings=SETTINGS)
    import_document(store, doc(staff=[member("s-1", "C", "account_manager", active=False)]))
    marker = graph_marker(store)
    assert marker.touched_since((marker.epoch, marker.value - 1)) is None
    before = store.statements_run
    answer = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert answer == fresh(store, ["acc-1"])
    assert store.statements_run - before > 8  # its facts were read again
    assert ("OWNER_INACTIVE", "acc-1-c0") in {(g.kind, g.subject_id) for g in answer}


def test_a_contact_that_moves_is_gone_from_the_account_it_left(store: GraphStore) -> None:
    import_document(store, base())
    before = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert ("OWNER_MISSING_A", "acc-1-c3") in {(g.kind, g.subject_id) for g in before}
    # a key contact without owners (nothing but its account names it) moves to acc-2
    import_document(store, doc(contacts=[contact("acc-1-c3", "acc-2", "C", key=True)]))
    after = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert "acc-1-c3" not in {g.subject_id for g in after}
    assert after == fresh(store, ["acc-1"])
    assert ("OWNER_MISSING_A", "acc-1-c3") in {
        (g.kind, g.subject_id) for g in coverage_gaps(store, "acc-2", as_of=AS_OF,
                                                     settings=SETTINGS)}


def test_a_key_contact_elsewhere_counts_for_its_a_owner_here(store: GraphStore) -> None:
    """s-1 is A owner of a rank-S contact in acc-1 and one in acc-2: two key contacts, above
    the threshold of 1. When the one in acc-2 stops being a key contact, s-1 is no longer
    overloaded in acc-1 either, though nothing of acc-1 was written."""
    import_document(store, base())
    overloaded = {(g.account_id, g.subject_id) for g in coverage_gaps(
        store, as_of=AS_OF, settings=SETTINGS) if g.kind == "OWNER_OVERLOADED"}
    assert ("acc-1", "s-1") in overloaded
    import_document(store, doc(contacts=[contact("acc-2-c0", "acc-2", "C")]))
    after = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert "OWNER_OVERLOADED" not in {g.kind for g in after}
    assert after == fresh(store, ["acc-1"])


def test_a_big_batch_of_interactions_is_written_without_the_log(store: GraphStore) -> None:
    """More than 100 rows go to the bulk statement: the write counts as one to every account
    (and costs a big import nothing); one row logs its account."""
    import_document(store, base())
    many = [interaction(f"i-b{n}", ["s-1"], ["acc-1-c1"], "acc-1", 3) for n in range(101)]
    import_document(store, doc(interactions=many))
    marker = graph_marker(store)
    assert marker.touched_since((marker.epoch, marker.value - 1)) is None
    import_document(store, doc(interactions=many[:1]))
    marker = graph_marker(store)
    assert marker.touched_since((marker.epoch, marker.value - 1)) == {"a:acc-1"}


def test_the_roster_is_read_again_only_after_a_write_that_does_not_log(
        store: GraphStore, monkeypatch: Any) -> None:
    """The candidates for sponsorships and team roles (every active staff member) change only
    with staff writes, which log nothing: a write about an account does not read them again,
    and a new executive is a candidate at the very next question."""
    import_document(store, base())
    names: list[str] = []
    run = store.run

    def counted(read: Any, params: Any = None) -> Any:
        names.append(read.name)
        return run(read, params)

    monkeypatch.setattr(store, "run", counted)
    coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert names.count("intel_roster") == 1
    import_document(store, doc(knows=[{"staff": "s-2", "contact": "acc-1-c1", "strength": 0.9}]))
    names.clear()
    after = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert "intel_contacts" in names and "intel_roster" not in names
    assert after == fresh(store, ["acc-1"])
    suggested = " ".join(g.suggestion or "" for g in after)
    assert "Staff s-9" not in suggested
    import_document(store, doc(staff=[member("s-9", "S", "executive")]))
    names.clear()
    newest = coverage_gaps(store, "acc-1", as_of=AS_OF, settings=SETTINGS)
    assert "intel_roster" in names
    assert newest == fresh(store, ["acc-1"])
    assert "Staff s-9" in " ".join(g.suggestion or "" for g in newest)
