"""The organizational relationship: for an account on a day, every action of the four fronts
(communication, alignment, joint action, recognition) with whether its partnership level
requires it, whether it is done, when it was last done and the evidence; coverage = required
actions done / required actions.

An action is done for day D when an `orgActions` record of the account, or an interaction of a
type that counts as the action (`model.ACTION_OF_INTERACTION`), is dated in the 365 days up to D.

Statements per call: 2 (the account, its company records).
"""

from __future__ import annotations

import datetime as dt

from relgraph.config import Settings
from relgraph.cypher import statement
from relgraph.errors import NotFound
from relgraph.intel.common import resolve_as_of, rounded
from relgraph.intel.company import CompanyFacts, CompanyRecords, in_window
from relgraph.intel.types import ActionEvidence, ActionStatus, FrontStatus, OrgRelationship
from relgraph.model import Front, OrgAction, Partnership
from relgraph.store.base import GraphStore

PORTFOLIO_ACCOUNTS = statement("intel_portfolio_accounts")

# How each action is done, as the method describes it (for the suggestions of findings).
HOW: dict[OrgAction, str] = {
    OrgAction.REGULAR_SUMMIT: "hold a regular top-level summit with the client's leadership",
    OrgAction.EXECUTIVE_VISITS: "arrange exchange visits of our executives and theirs",
    OrgAction.PERSONAL_RELATIONSHIP: "build personal ties between our executives and theirs",
    OrgAction.STRATEGY_ALIGNMENT: "align our strategy with theirs (scale, network evolution, "
                                  "business)",
    OrgAction.ORGANIZATION_ALIGNMENT: "mirror their organization: our people matched to their "
                                      "counterparts, priority on resources",
    OrgAction.PROCESS_ALIGNMENT: "connect our processes to theirs (their procurement to our "
                                 "lead-to-cash)",
    OrgAction.JOINT_INNOVATION: "start a joint innovation (a joint lab, product or business "
                                "model)",
    OrgAction.JOINT_BRAND_CSR: "run a joint brand or CSR activity",
    OrgAction.JOINT_BUSINESS_PLANNING: "plan their network and business together",
    OrgAction.CULTURE_RECOGNITION: "exchange on corporate culture",
    OrgAction.MANAGEMENT_PRACTICE: "exchange management practice (management, HR)",
    OrgAction.BRAND_RECOGNITION: "build recognition of our brand (publications, public "
                                 "speeches)",
}


def label(value: str) -> str:
    """`strategic_partner` -> `strategic partner`."""
    return value.replace("_", " ")


def partnership_of(value: str | None) -> Partnership:
    """The stored partnership level; an account without one is ordinary (the model's default)."""
    try:
        return Partnership(value) if value else Partnership.ORDINARY
    except ValueError:
        return Partnership.ORDINARY


def organizational_relationship(
    store: GraphStore, account_id: str, as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> OrgRelationship:
    """The organizational relationship of one account on `as_of` (today by default). An unknown
    account raises NotFound. (`settings` is taken like every question takes it; no setting
    changes this answer.)"""
    day = resolve_as_of(as_of)
    rows = store.run(PORTFOLIO_ACCOUNTS, {"ids": [account_id]})
    if not rows:
        raise NotFound("account", account_id)
    account = rows[0]
    records = CompanyRecords.fetch(store, [account_id], day)
    return relationship_of(account_id, account.get("name") or account_id,
                           account.get("partnership"), records.of(account_id), day)


def relationship_of(account_id: str, account_name: str, partnership: str | None,
                    facts: CompanyFacts, as_of: dt.date) -> OrgRelationship:
    """Pure core of `organizational_relationship`."""
    level = partnership_of(partnership)
    fronts: list[FrontStatus] = []
    for front in Front:
        actions = [action_status(a, level, facts, as_of) for a in front.actions]
        required = sum(1 for s in actions if s.required)
        done = sum(1 for s in actions if s.required and s.done)
        fronts.append(FrontStatus(front.value, required, done,
                                  rounded(done / required) if required else None, actions))
    required = sum(f.required for f in fronts)
    done = sum(f.done for f in fronts)
    return OrgRelationship(account_id=account_id, account_name=account_name,
                           partnership=level.value, as_of=as_of, required=required, done=done,
                           coverage=rounded(done / required), fronts=fronts)


def action_status(action: OrgAction, level: Partnership, facts: CompanyFacts,
                  as_of: dt.date) -> ActionStatus:
    """One action of an account on `as_of`: required, done, last date and the evidence."""
    mine = [e for e in facts.evidence if e.action is action and e.date <= as_of]
    dates = [e.date for e in mine] + ([facts.earlier[action]] if action in facts.earlier else [])
    evidence = [ActionEvidence(e.source, e.id, e.date, e.type, e.note)
                for e in mine if in_window(e.date, as_of)]
    return ActionStatus(action=action.value, required=action.required_for(level),
                        done=bool(evidence), last_date=max(dates, default=None),
                        evidence=evidence)


def missing(relationship: OrgRelationship) -> list[tuple[FrontStatus, ActionStatus]]:
    """The required actions not done, in front order."""
    return [(f, a) for f in relationship.fronts for a in f.actions if a.required and not a.done]
