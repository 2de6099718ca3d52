"""The client as a company, as GraphQL types: the organizational relationship (fronts, actions,
evidence), the general relationship per department, the portfolio by tier and partnership, and
the inputs of the records behind them. Field names follow `to_dict()` of the library's answers
(relgraph.intel.types), which is also what the CLI prints; actions, fronts, partnership levels
and interaction types are the document's values (`strategic_partner`, `regular_summit`)."""

from __future__ import annotations

import datetime as dt

import strawberry

from relgraph import model
from relgraph.api.loaders import Info
from relgraph.api.types.records import Account, OrgUnit, load_account
from relgraph.intel import types as answers


@strawberry.type(description=(
    "What shows an organizational action done: an `orgActions` record (`type` is the action) "
    "or an interaction of a type that counts as the action (`type` is the interaction type, "
    "`note` its summary)."))
class ActionEvidence:
    source: str = strawberry.field(description="orgAction or interaction.")
    id: strawberry.ID
    date: dt.date
    type: str
    note: str | None


@strawberry.type(description="One organizational action of an account on a day.")
class ActionStatus:
    action: str = strawberry.field(description=(
        "One of the twelve actions: regular_summit, executive_visits, personal_relationship, "
        "strategy_alignment, organization_alignment, process_alignment, joint_innovation, "
        "joint_brand_csr, joint_business_planning, culture_recognition, management_practice, "
        "brand_recognition."))
    required: bool = strawberry.field(description="Required by the account's partnership level.")
    done: bool = strawberry.field(description="Evidenced in the 365 days up to the day.")
    last_date: dt.date | None = strawberry.field(description=(
        "The latest evidence on or before the day, in the 365 days or before them."))
    evidence: list[ActionEvidence] = strawberry.field(
        description="The evidence in the 365 days up to the day, latest first.")

    @staticmethod
    def of(status: answers.ActionStatus) -> ActionStatus:
        return ActionStatus(
            action=status.action, required=status.required, done=status.done,
            last_date=status.last_date,
            evidence=[ActionEvidence(source=e.source, id=strawberry.ID(e.id), date=e.date,
                                     type=e.type, note=e.note) for e in status.evidence])


@strawberry.type(description="One front of the organizational relationship and its actions.")
class FrontStatus:
    front: str = strawberry.field(description="communication, alignment, joint or recognition.")
    required: int
    done: int = strawberry.field(description="Required actions done.")
    coverage: float | None = strawberry.field(
        description="done / required (null when the front requires nothing).")
    actions: list[ActionStatus]

    @staticmethod
    def of(front: answers.FrontStatus) -> FrontStatus:
        return FrontStatus(front=front.front, required=front.required, done=front.done,
                           coverage=front.coverage,
                           actions=[ActionStatus.of(a) for a in front.actions])


@strawberry.type(description=(
    "The organizational relationship of an account on a day: the four fronts' actions, which "
    "its partnership level requires, which are done (evidenced in the 365 days up to the day), "
    "and the coverage = required actions done / required actions."))
class OrganizationalRelationship:
    account_id: strawberry.ID
    account_name: str
    partnership: str = strawberry.field(
        description="strategic_partner, partner or ordinary (the document's value).")
    as_of: dt.date
    required: int
    done: int
    coverage: float
    fronts: list[FrontStatus]

    @strawberry.field
    async def account(self, info: Info) -> Account | None:
        return await load_account(info, self.account_id)

    @staticmethod
    def of(found: answers.OrgRelationship) -> OrganizationalRelationship:
        return OrganizationalRelationship(
            account_id=strawberry.ID(found.account_id), account_name=found.account_name,
            partnership=found.partnership, as_of=found.as_of, required=found.required,
            done=found.done, coverage=found.coverage,
            fronts=[FrontStatus.of(f) for f in found.fronts])


@strawberry.type(description=(
    "The general relationship of a client department (org unit) on a day: process = min(1, "
    "activities / RELGRAPH_GENERAL_ACTIVITY_TARGET); result = mean of keyEventSupport/2, "
    "informationChannel/2 and (0 if issueSpread else 1) of its latest assessment in the 365 "
    "days up to the day (none: result and score null); score = (1 - w) * process + w * result, "
    "w = RELGRAPH_GENERAL_RESULT_WEIGHT."))
class DepartmentRelationship:
    org_unit: OrgUnit
    activities: int = strawberry.field(description=(
        "Interactions in the 365 days up to the day attended by at least one active contact who "
        "is a member of the unit itself (not of a unit below it)."))
    process: float
    result: float | None
    score: float | None
    key_event_support: int | None = strawberry.field(description=(
        "Of the latest assessment in the window: 0 obstructs, 1 cooperates without supporting, "
        "2 supports key decisions."))
    information_channel: int | None = strawberry.field(
        description="Of the latest assessment in the window: 0 closed, 1 partly open, 2 open.")
    issue_spread: bool | None = strawberry.field(description=(
        "Of the latest assessment in the window: a serious issue spread through the unit."))
    last_assessed: dt.date | None = strawberry.field(description=(
        "The latest assessment on or before the day, in the 365 days or before them."))
    obstructs: bool = strawberry.field(description=(
        "keyEventSupport 0 or issueSpread in the latest assessment in the window "
        "(DEPARTMENT_OBSTRUCTS)."))

    @staticmethod
    def of(found: answers.DepartmentRelationship) -> DepartmentRelationship:
        unit = found.org_unit
        return DepartmentRelationship(
            org_unit=OrgUnit(id=strawberry.ID(unit.id), name=unit.name,
                             account_id=strawberry.ID(unit.account_id),
                             parent_id=strawberry.ID(unit.parent_id) if unit.parent_id else None),
            activities=found.activities, process=found.process, result=found.result,
            score=found.score, key_event_support=found.key_event_support,
            information_channel=found.information_channel, issue_spread=found.issue_spread,
            last_assessed=found.last_assessed, obstructs=found.obstructs)


@strawberry.type(description="One tier of the portfolio: its accounts and its share of effort.")
class TierEffort:
    tier: model.Tier
    accounts: int
    target_share: float = strawberry.field(
        description="The tier's share of RELGRAPH_TIER_RESOURCES (0.7 of 7:3:0:0 for S).")
    effort_share: float | None = strawberry.field(description=(
        "Our staff's attendances (one per staff member per interaction) at interactions of the "
        "tier's accounts in the 365 days up to the day, over all of them (null: none)."))
    attendances: int
    deviation: float | None = strawberry.field(description="effortShare - targetShare.")


@strawberry.type(description="The organizational coverage of one partnership level.")
class PartnershipCoverage:
    partnership: str = strawberry.field(description="strategic_partner, partner or ordinary.")
    accounts: int
    required: int
    done: int
    coverage: float | None = strawberry.field(
        description="Required actions done / required actions over its accounts (null: none).")


@strawberry.type(description=(
    "The portfolio on a day: accounts, target and measured effort share per tier, and "
    "organizational coverage per partnership level."))
class Portfolio:
    as_of: dt.date
    tier_resources: str = strawberry.field(description="RELGRAPH_TIER_RESOURCES, e.g. 7:3:0:0.")
    attendances: int = strawberry.field(
        description="Our staff's attendances at the counted accounts' interactions.")
    tiers: list[TierEffort]
    partnerships: list[PartnershipCoverage]

    @staticmethod
    def of(found: answers.PortfolioSummary) -> Portfolio:
        return Portfolio(
            as_of=found.as_of, tier_resources=found.tier_resources,
            attendances=found.attendances,
            tiers=[TierEffort(tier=model.Tier(t.tier), accounts=t.accounts,
                              target_share=t.target_share, effort_share=t.effort_share,
                              attendances=t.attendances, deviation=t.deviation)
                   for t in found.tiers],
            partnerships=[PartnershipCoverage(partnership=p.partnership, accounts=p.accounts,
                                              required=p.required, done=p.done,
                                              coverage=p.coverage) for p in found.partnerships])


# --- inputs -----------------------------------------------------------------------------------

@strawberry.input(description=(
    "An organizational action done with an account on a day (`orgActions`); `action` is one of "
    "the twelve (regular_summit, ..., brand_recognition)."))
class OrgActionInput:
    id: strawberry.ID
    account: strawberry.ID
    action: str
    date: dt.date
    note: str | None = None


@strawberry.input(description=(
    "How a client department behaved when it mattered (`departmentAssessments`): "
    "keyEventSupport and informationChannel 0..2, issueSpread."))
class DepartmentAssessmentInput:
    id: strawberry.ID
    org_unit: strawberry.ID
    date: dt.date
    key_event_support: int
    information_channel: int
    issue_spread: bool
    assessed_by: strawberry.ID | None = None


@strawberry.input(description="A dated tier decision for an account (`tierReviews`).")
class TierReviewInput:
    id: strawberry.ID
    account: strawberry.ID
    date: dt.date
    tier: model.Tier
    reviewed_by: strawberry.ID | None = None
    note: str | None = None
