"""Scores and trends: per-contact relationship scores, account health (batched for BI pages),
and attitude changes over a period (the annual review).

Statements per call: `contact_scores` and `attitude_changes` 3 (account, contacts, staff
directory); `account_health` 2 + 1 per batch of 100 accounts (a BI page of 100 accounts: 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from relgraph.config import Settings
from relgraph.errors import InvalidInput
from relgraph.intel.common import (
    attitude_at,
    cadence_days,
    resolve_as_of,
    settings_or_default,
)
from relgraph.intel.facts import AccountFacts, load_facts
from relgraph.intel.types import AccountHealth, AttitudeChange, ContactScore
from relgraph.store.base import GraphStore

SHARE_DIGITS = 4
DIRECTION_ORDER = {"strengthened": 0, "weakened": 1, "new": 2, "departed": 3, "unchanged": 4}


def contact_scores(
    store: GraphStore, account_id: str, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[ContactScore]:
    """Each active contact's relationship score (mean of the six dimensions of its latest
    assessment up to `as_of`), highest first; unassessed contacts last."""
    portfolio = load_facts(store, [account_id], resolve_as_of(as_of),
                           settings_or_default(settings), units=False, derived=False)
    return scores_of(portfolio.accounts[account_id])


def scores_of(facts: AccountFacts) -> list[ContactScore]:
    """Pure core of `contact_scores`."""
    found: list[ContactScore] = []
    for c in facts.active_contacts():
        latest = facts.assessment(c.id)
        found.append(ContactScore(
            contact=facts.contact_ref(c.id),
            score=None if latest is None or latest.score is None
            else round(latest.score, SHARE_DIGITS),
            attitude=None if latest is None else latest.attitude,
            assessed_on=None if latest is None else latest.date,
        ))
    found.sort(key=lambda s: (s.score is None, -(s.score or 0.0), s.contact.name, s.contact.id))
    return found


def account_health(
    store: GraphStore, account_ids: Sequence[str] | None = None, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> list[AccountHealth]:
    """Health of the given accounts (all when None), by account id; see `health_of`."""
    cfg = settings_or_default(settings)
    portfolio = load_facts(store, account_ids, resolve_as_of(as_of), cfg,
                           units=False, derived=False)
    return [health_of(f, cfg) for f in portfolio.accounts.values()]


def health_of(facts: AccountFacts, settings: Settings) -> AccountHealth:
    """Pure core of `account_health`. Over the key contacts: the share with attitude >= 1, with
    an active A and B owner, met within the cadence of their rank; plus whether the account has
    a coach (an active contact with attitude 3). Health is the mean of the three shares and the
    coach (0 or 1). Without key contacts the three shares are 0."""
    keys = facts.key_contacts()
    supportive = owned = on_cadence = 0
    for c in keys:
        if (facts.attitude(c.id) or 0) >= 1:
            supportive += 1
        roles = {r for _, r in facts.active_owners(c.id)}
        if {"A", "B"} <= roles:
            owned += 1
        last = c.last_interaction
        if last is not None and (facts.as_of - last).days <= cadence_days(c.rank, settings):
            on_cadence += 1
    coach = any(facts.attitude(c.id) == 3 for c in facts.active_contacts())
    total = len(keys)

    shares = [n / total if total else 0.0 for n in (supportive, owned, on_cadence)]
    health = (sum(shares) + (1.0 if coach else 0.0)) / 4
    supportive_share, owner_coverage, cadence_adherence = (round(x, SHARE_DIGITS) for x in shares)
    return AccountHealth(
        account_id=facts.id, account_name=facts.name, tier=facts.tier, key_contacts=total,
        supportive_share=supportive_share, owner_coverage=owner_coverage,
        cadence_adherence=cadence_adherence, coach_present=coach,
        health=round(health, SHARE_DIGITS),
    )


def attitude_changes(
    store: GraphStore, account_id: str, since: dt.date, until: dt.date,
    settings: Settings | None = None,
) -> list[AttitudeChange]:
    """How each contact's attitude moved from `since` to `until` (the annual review)."""
    if since > until:
        raise InvalidInput(f"since ({since}) must not be after until ({until})")
    portfolio = load_facts(store, [account_id], until, settings_or_default(settings),
                           units=False, derived=False)
    return changes_of(portfolio.accounts[account_id], since, until)


def changes_of(facts: AccountFacts, since: dt.date, until: dt.date) -> list[AttitudeChange]:
    """Pure core of `attitude_changes`. Attitudes are those of the latest assessment on or before
    each day. An inactive contact with any known attitude is `departed`; an active one unknown
    at `since` but known at `until` is `new`; otherwise `strengthened`, `weakened` or
    `unchanged`. Contacts never assessed by `until` are left out."""
    found: list[AttitudeChange] = []
    for c in facts.contacts.values():
        before = attitude_at(c.assessments, since)
        after = attitude_at(c.assessments, until)
        if before is None and after is None:
            continue
        ref = facts.contact_ref(c.id)
        if not c.active:
            found.append(AttitudeChange(ref, before, None, None, "departed"))
        elif before is None:
            found.append(AttitudeChange(ref, None, after, None, "new"))
        elif after is not None:
            change = after - before
            direction = ("strengthened" if change > 0 else "weakened" if change < 0
                         else "unchanged")
            found.append(AttitudeChange(ref, before, after, change, direction))
    found.sort(key=lambda x: (DIRECTION_ORDER[x.direction], -abs(x.change or 0),
                              x.contact.name, x.contact.id))
    return found
