"""The scan-wide shortcuts of the gap rules give exactly the answers of the plain computation:
candidates ranked from a pre-sorted pool, and the derived KNOWS summed up from packed rows."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.config import Settings
from relgraph.intel.common import derived_knows_strength, shared_summary
from relgraph.intel.company import CompanyFacts
from relgraph.intel.facts import AccountFacts, StaffInfo
from relgraph.intel.gaps import AccountRules, Findings, Pools, Ranked

DAY = dt.date(2026, 11, 1)
SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]

# Few names and ranks, so that ties (equal strength, rank and name) are common.
members = st.builds(StaffInfo, id=st.sampled_from([f"s{i}" for i in range(12)]),
                    name=st.sampled_from(["Li Wei", "Bo Chen", "Ana"]),
                    rank=st.sampled_from(["S", "A", "B", "C"]), active=st.booleans())
strength = st.one_of(st.none(), st.just(0.0), st.sampled_from([0.3, 0.5, 0.7]),
                     st.floats(min_value=-1.0, max_value=1.0, allow_nan=False))


def rules(staff: dict[str, StaffInfo]) -> AccountRules:
    facts = AccountFacts(id="acc-1", name="Northwind", tier="S", partnership=None, as_of=DAY,
                         staff=staff)
    return AccountRules(facts, Pools([], {}), SETTINGS, Findings(None), CompanyFacts("acc-1"))


@settings(max_examples=400, deadline=None)
@given(st.lists(members, max_size=12, unique_by=lambda m: m.id),
       st.dictionaries(st.sampled_from([f"s{i}" for i in range(14)]), strength, max_size=10),
       st.sets(st.sampled_from([f"s{i}" for i in range(12)]), max_size=4),
       st.integers(min_value=0, max_value=4))
def test_ranked_pool_equals_the_plain_ranking(
        pool_members: list[StaffInfo], strengths: dict[str, float | None], exclude: set[str],
        min_level: int) -> None:
    directory = {m.id: m for m in pool_members}
    rule = rules(directory)
    pool = {m.id: strengths.get(m.id) for m in pool_members}
    assert rule._rank_ranked(strengths, Ranked.of(pool_members), directory, exclude,
                             min_level) == rule._rank(pool, exclude, min_level, directory)


def test_sponsor_pool_is_the_active_roster_ranked() -> None:
    roster = [StaffInfo("s1", "Li Wei", rank="S"),
              StaffInfo("s2", "Bo Chen", rank="A", active=False),
              StaffInfo("x1", "Exec", rank="S"), StaffInfo("s3", "Ana", rank="B",
                                                           role="fulfillment_manager")]
    pools = Pools(roster, {})
    assert sorted(pools.directory) == ["s1", "s3", "x1"]
    assert [m.id for m in pools.sponsors().members] == ["x1", "s1", "s3"]  # rank, then name
    assert [m.id for m in pools.with_role("fulfillment_manager").members] == ["s3"]

events = st.lists(st.tuples(st.integers(min_value=0, max_value=400),
                            st.sampled_from(["key", "general", "organizational", ""])),
                  max_size=8)


@given(events)
def test_shared_summary_equals_the_derived_strength(shared: list[tuple[int, str]]) -> None:
    dated = [(DAY - dt.timedelta(days=age), layer) for age, layer in shared]
    summary = shared_summary([f"{d.isoformat()}|{layer}" for d, layer in dated], DAY, {})
    assert summary.count == len(shared)
    assert summary.last == (max(d for d, _ in dated) if dated else None)
    assert summary.strength == derived_knows_strength(
        [(d, layer or None) for d, layer in dated], DAY)
