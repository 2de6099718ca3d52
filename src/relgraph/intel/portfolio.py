"""The portfolio by tier and partnership level, an account's tier history, and the company
figures of accounts for BI.

- Per tier: the accounts, the target share of effort (RELGRAPH_TIER_RESOURCES, 7:3:0:0) and the
  measured effort share over the 365 days up to the day: our staff's attendances (one per staff
  member per interaction) at interactions of the tier's accounts, divided by the attendances at
  interactions of all the accounts counted.
- Per partnership level: the organizational coverage of its accounts (required actions done /
  required actions).

Statements per call: `portfolio` 3 (the accounts, their company records, the attendances);
`tier_history` 2; `company_figures` 1 beside the coverage it is given; `account_analyses` 1
when asked again about an unchanged graph.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound
from relgraph.intel.common import resolve_as_of, rounded, settings_or_default
from relgraph.intel.company import CompanyRecords, TierReviewInfo, attendances, unit_activities
from relgraph.intel.departments import departments_of, mean_score
from relgraph.intel.facts import account_ids_of
from relgraph.intel.gaps import Coverage, coverage, depends_on
from relgraph.intel.memo import AccountRound, memo_of, settings_key
from relgraph.intel.org import partnership_of, relationship_of
from relgraph.intel.scores import health_of
from relgraph.intel.types import (
    AccountHealth,
    CompanyFigures,
    CoverageGap,
    PartnershipCoverage,
    PortfolioSummary,
    TierChange,
    TierEffort,
)
from relgraph.model import Partnership, Tier
from relgraph.store.base import GraphStore

PORTFOLIO_ACCOUNTS = statement("intel_portfolio_accounts")


def portfolio(
    store: GraphStore, account_ids: Sequence[str] | None = None, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> PortfolioSummary:
    """The portfolio of these accounts (every account when None) on `as_of` (today by
    default): only those accounts are counted, in the effort shares too."""
    day, cfg = resolve_as_of(as_of), settings_or_default(settings)
    ids = None if account_ids is None else sorted(set(account_ids))
    accounts = store.run(PORTFOLIO_ACCOUNTS, {"ids": ids})
    records = CompanyRecords.fetch(store, [a["id"] for a in accounts], day)
    effort = attendances(store, ids, day) if accounts else {}
    tier_of = {a["id"]: a.get("tier") or Tier.C.value for a in accounts}
    total = sum(n for a, n in effort.items() if a in tier_of)
    tiers: list[TierEffort] = []
    for tier in Tier:
        mine = [a for a, t in tier_of.items() if t == tier.value]
        spent = sum(effort.get(a, 0) for a in mine)
        target = rounded(cfg.tier_resources.target_share(tier))
        share = rounded(spent / total) if total else None
        tiers.append(TierEffort(tier=tier.value, accounts=len(mine), target_share=target,
                                effort_share=share, attendances=spent,
                                deviation=None if share is None else rounded(share - target)))
    required: Counter[Partnership] = Counter()
    done: Counter[Partnership] = Counter()
    counted: Counter[Partnership] = Counter()
    for a in accounts:
        found = relationship_of(a["id"], a.get("name") or a["id"], a.get("partnership"),
                                records.of(a["id"]), day)
        level = partnership_of(a.get("partnership"))
        counted[level] += 1
        required[level] += found.required
        done[level] += found.done
    partnerships = [PartnershipCoverage(
        partnership=p.value, accounts=counted[p], required=required[p], done=done[p],
        coverage=rounded(done[p] / required[p]) if required[p] else None) for p in Partnership]
    return PortfolioSummary(as_of=day, tier_resources=str(cfg.tier_resources),
                            attendances=total, tiers=tiers, partnerships=partnerships)


def tier_history(store: GraphStore, account_id: str,
                 as_of: dt.date | None = None) -> list[TierChange]:
    """The tier reviews of one account dated on or before `as_of` (today by default), oldest
    first, each with the tier decided before it. An unknown account raises NotFound."""
    day = resolve_as_of(as_of)
    if not store.run(PORTFOLIO_ACCOUNTS, {"ids": [account_id]}):
        raise NotFound("account", account_id)
    return tier_changes(CompanyRecords.fetch(store, [account_id], day).of(account_id)
                        .tier_reviews)


def tier_changes(reviews: Sequence[TierReviewInfo]) -> list[TierChange]:
    """Tier reviews in date order (then id), each with the tier of the review before it."""
    out: list[TierChange] = []
    previous: str | None = None
    for r in sorted(reviews, key=lambda r: (r.date, r.id)):
        out.append(TierChange(id=r.id, date=r.date, tier=r.tier, previous_tier=previous,
                              changed=previous is not None and previous != r.tier,
                              reviewed_by_id=r.reviewed_by, note=r.note))
        previous = r.tier
    return out


@dataclass(frozen=True)
class AccountAnalysis:
    """Health, gaps and company figures of one account at one day, from one load of its facts:
    what the flat figures of an account (BI) are made of."""

    health: AccountHealth
    gaps: list[CoverageGap]
    company: CompanyFigures


def account_analyses(
    store: GraphStore, account_ids: Sequence[str], day: dt.date,
    portfolio_ids: Sequence[str] | None, settings: Settings,
) -> dict[str, AccountAnalysis]:
    """The analyses of these accounts at `day`, effort shares of the attendances of the
    portfolio (`portfolio_ids`, or every account when None). Kept per graph generation
    (relgraph.intel.memo): a BI tool's page asked again about an unchanged graph costs one
    statement; after a write, each account's analysis is kept unless the write touched it
    (`AccountAnswers`), and the attendances of the portfolio are read again (one statement).
    An unknown account id raises NotFound."""
    ids = tuple(sorted(set(account_ids)))
    scope = None if portfolio_ids is None else sorted(set(portfolio_ids))

    def compute(reads: GraphStore) -> dict[str, AccountAnalysis]:
        kept = AccountRound(reads)
        question = ("analysis", day, settings_key(settings))
        found, stale = kept.split(ids, question)
        if stale:
            covered = coverage(reads, stale, day, settings, kept=kept)
            company = company_figures(reads, covered, settings)
            for aid, facts in covered.portfolio.accounts.items():
                found[aid] = AccountAnalysis(health_of(facts, settings),
                                             covered.of_account(aid), company[aid])
                kept.add(aid, question, depends_on(facts), found[aid])
        effort = portfolio_attendances(reads, kept, scope, day)
        kept.finish()
        total = sum(effort.values())
        return {aid: with_effort(found[aid], effort.get(aid, 0), total) for aid in ids}

    key = ("analyses", ids, day, None if scope is None else tuple(scope), settings_key(settings))
    return memo_of(store).answer(store, key, compute)


def portfolio_attendances(store: GraphStore, kept: AccountRound, account_ids: Sequence[str] | None,
                          day: dt.date) -> dict[str, int]:
    """Our staff's attendances per account of the portfolio (these accounts, or every account
    when None) at `day`, each account's kept until a write touches it: after a write about one
    account, only its interactions are counted again."""
    accounts = account_ids_of(store) if account_ids is None else account_ids
    question = ("attendances", day)
    found, stale = kept.split(accounts, question)
    if stale:
        counted = attendances(store, stale, day)
        for aid in stale:
            found[aid] = counted.get(aid, 0)
            kept.add(aid, question, frozenset({f"a:{aid}"}), found[aid])
    return found


def company_figures(
    store: GraphStore, found: Coverage, settings: Settings,
) -> dict[str, CompanyFigures]:
    """The company figures of the accounts of a coverage of every kind (which read the company
    records): organizational coverage, departments and their mean general-relationship score;
    the staff attendances and effort share are the portfolio's (`with_effort`)."""
    day = found.portfolio.as_of
    ids = list(found.portfolio.accounts)
    records = found.company
    assert records is not None, "company_figures needs a coverage of every kind"
    activities = unit_activities(store, ids, day)
    out: dict[str, CompanyFigures] = {}
    for aid, facts in found.portfolio.accounts.items():
        company = records.of(aid)
        units = departments_of(facts.units, company, activities, day, settings)
        out[aid] = CompanyFigures(
            organizational_coverage=relationship_of(aid, facts.name, facts.partnership,
                                                    company, day).coverage,
            departments=len(units),
            departments_assessed=sum(1 for u in units if u.score is not None),
            mean_department_score=mean_score(units),
            staff_attendances=0,
            effort_share=None,
        )
    return out


def with_effort(analysis: AccountAnalysis, spent: int, total: int) -> AccountAnalysis:
    """The analysis with the account's staff attendances (`spent`) and its share of the
    attendances of the portfolio (`total`)."""
    company = replace(analysis.company, staff_attendances=spent,
                      effort_share=rounded(spent / total) if total else None)
    return replace(analysis, company=company)
