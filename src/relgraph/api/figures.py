"""Per-account figures and gaps for pages of accounts, batched: the facts of every account a
query level asks about are loaded once (relgraph.intel.facts.load_facts), then the library's
pure cores compute health (`scores.health_of`) and gaps (`gaps.gaps_of`) from them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from relgraph.api.context import Context
from relgraph.api.objects import AccountFigures, GapCount
from relgraph.config import Settings
from relgraph.intel.facts import load_facts
from relgraph.intel.gaps import gaps_of
from relgraph.intel.scores import health_of
from relgraph.intel.types import AccountHealth, CoverageGap
from relgraph.model import GapKind, Severity
from relgraph.store.base import GraphStore


@dataclass(frozen=True)
class Analysis:
    health: AccountHealth
    gaps: list[CoverageGap]


def analyse(
    store: GraphStore, account_ids: list[str], day: dt.date, settings: Settings,
) -> dict[str, Analysis]:
    """Health and gaps of these accounts at `day` from one load of their facts (blocking)."""
    portfolio = load_facts(store, account_ids, day, settings)
    gaps: dict[str, list[CoverageGap]] = defaultdict(list)
    for gap in gaps_of(store, portfolio, settings):
        if gap.account_id is not None:
            gaps[gap.account_id].append(gap)
    return {aid: Analysis(health_of(facts, settings), gaps.get(aid, []))
            for aid, facts in portfolio.accounts.items()}


def analysis_loader(ctx: Context) -> DataLoader[tuple[str, str], Analysis | None]:
    async def load(keys: list[tuple[str, str]]) -> list[Analysis | None]:
        per_day: dict[str, set[str]] = defaultdict(set)
        for account_id, day in keys:
            per_day[day].add(account_id)
        found: dict[tuple[str, str], Analysis] = {}
        for day, ids in sorted(per_day.items()):
            rows = await ctx.loaders.account.load_many(sorted(ids))
            existing = sorted(r["id"] for r in rows if r is not None)
            if not existing:
                continue
            result = await ctx.call(analyse, ctx.store, existing, dt.date.fromisoformat(day),
                                    ctx.settings)
            for aid, analysis in result.items():
                found[(aid, day)] = analysis
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


async def gaps_of_account(
    ctx: Context, account_id: str, as_of: dt.date | None,
) -> list[CoverageGap]:
    analysis = await ctx.loaders.analysis.load((account_id, (as_of or ctx.today()).isoformat()))
    return analysis.gaps if analysis else []


async def account_figures(ctx: Context, account_id: str, as_of: dt.date | None) -> AccountFigures:
    day = as_of or ctx.today()
    analysis = await ctx.loaders.analysis.load((account_id, day.isoformat()))
    counts_rows = await ctx.loaders.counts_of_account.load(account_id)
    counts = counts_rows[0] if counts_rows else {}
    health = analysis.health if analysis else None
    gaps = analysis.gaps if analysis else []
    severities = Counter(g.severity for g in gaps)
    kinds = Counter(g.kind for g in gaps)
    key_contacts = health.key_contacts if health else 0
    share = health.supportive_share if health else 0.0
    return AccountFigures(
        as_of=day,
        key_contacts=key_contacts,
        key_contacts_supportive=round(share * key_contacts),
        supportive_share=share,
        owner_coverage=health.owner_coverage if health else 0.0,
        cadence_adherence=health.cadence_adherence if health else 0.0,
        coach_present=health.coach_present if health else False,
        health=health.health if health else 0.0,
        contacts=int(counts.get("contacts") or 0),
        active_contacts=int(counts.get("activeContacts") or 0),
        open_opportunities=int(counts.get("openOpportunities") or 0),
        open_pipeline_value=float(counts.get("openPipelineValue") or 0.0),
        team_size=len(set(counts.get("team") or [])),
        stale_contacts=kinds.get(GapKind.STALE_CONTACT.value, 0),
        gaps_high=severities.get(Severity.HIGH.value, 0),
        gaps_medium=severities.get(Severity.MEDIUM.value, 0),
        gaps_low=severities.get(Severity.LOW.value, 0),
        gaps_total=len(gaps),
        gaps_by_kind=[GapCount(kind=k, count=kinds[k.value]) for k in GapKind if kinds[k.value]],
    )
