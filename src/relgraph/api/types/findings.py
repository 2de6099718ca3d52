"""Coverage gaps and the flat figures of an account: what an account's own fields answer, and
what `coverageGaps` and the power map list. Field names follow `to_dict()` of the library's
answers (relgraph.intel.types), which is also what the CLI prints."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import strawberry

from relgraph import model
from relgraph.api.stored import AccountCounts
from relgraph.intel import types as answers
from relgraph.intel.portfolio import AccountAnalysis


@strawberry.type(description="A staff member suggested to close a gap.")
class GapCandidate:
    staff_id: strawberry.ID
    name: str
    rank: str | None
    strength: float | None


@strawberry.type(description="A coverage gap: a typed finding with severity, subject and fix.")
class CoverageGap:
    kind: model.GapKind
    severity: model.Severity
    subject_id: strawberry.ID
    subject_name: str
    account_id: strawberry.ID | None
    message: str
    suggestion: str
    candidates: list[GapCandidate]

    @staticmethod
    def of(gap: answers.CoverageGap) -> CoverageGap:
        return CoverageGap(
            kind=model.GapKind(gap.kind), severity=model.Severity(gap.severity),
            subject_id=strawberry.ID(gap.subject_id), subject_name=gap.subject_name,
            account_id=strawberry.ID(gap.account_id) if gap.account_id else None,
            message=gap.message, suggestion=gap.suggestion,
            candidates=[GapCandidate(staff_id=strawberry.ID(c.staff_id), name=c.name,
                                     rank=c.rank, strength=c.strength) for c in gap.candidates],
        )


@strawberry.type(description="How many gaps of one kind.")
class GapCount:
    kind: model.GapKind
    count: int


@strawberry.type(description="Flat per-account figures: what a BI tool charts without computing.")
class AccountFigures:
    as_of: dt.date
    key_contacts: int = strawberry.field(description="Key contacts (the contract's rule).")
    key_contacts_supportive: int = strawberry.field(
        description="Key contacts whose current attitude is 1 or more.")
    supportive_share: float = strawberry.field(description="keyContactsSupportive / keyContacts.")
    owner_coverage: float = strawberry.field(
        description="Share of key contacts with an active A and an active B owner.")
    cadence_adherence: float = strawberry.field(
        description="Share of key contacts met within the cadence of their rank.")
    coach_present: bool = strawberry.field(description="Whether the account has a coach.")
    health: float = strawberry.field(description="0..1, the mean of the four measures above.")
    contacts: int
    active_contacts: int
    open_opportunities: int
    open_pipeline_value: float
    team_size: int = strawberry.field(description="Distinct staff members on the account team.")
    stale_contacts: int = strawberry.field(description="STALE_CONTACT gaps.")
    gaps_high: int
    gaps_medium: int
    gaps_low: int
    gaps_total: int
    gaps_by_kind: list[GapCount] = strawberry.field(
        description="Gap counts per kind (kinds without gaps omitted), in kind order.")
    organizational_coverage: float = strawberry.field(description=(
        "Required organizational actions (by partnership) done in the 365 days up to asOf, "
        "over the required ones."))
    departments: int = strawberry.field(description="Org units of the account.")
    departments_assessed: int = strawberry.field(description=(
        "Org units with a department assessment in the 365 days up to asOf (the others have "
        "no general-relationship score)."))
    mean_department_score: float | None = strawberry.field(description=(
        "Mean general-relationship score of the assessed org units (null: none assessed)."))
    staff_attendances: int = strawberry.field(description=(
        "Our staff's attendances (one per staff member per interaction) at the account's "
        "interactions in the 365 days up to asOf."))
    effort_share: float | None = strawberry.field(description=(
        "staffAttendances over those of all the accounts the API key sees (null: none)."))

    @staticmethod
    def of(day: dt.date, analysis: AccountAnalysis, counts: AccountCounts) -> AccountFigures:
        health, gaps, company = analysis.health, analysis.gaps, analysis.company
        severities = Counter(g.severity for g in gaps)
        kinds = Counter(g.kind for g in gaps)
        return AccountFigures(
            as_of=day,
            key_contacts=health.key_contacts,
            key_contacts_supportive=round(health.supportive_share * health.key_contacts),
            supportive_share=health.supportive_share,
            owner_coverage=health.owner_coverage,
            cadence_adherence=health.cadence_adherence,
            coach_present=health.coach_present,
            health=health.health,
            contacts=counts.contacts,
            active_contacts=counts.active_contacts,
            open_opportunities=counts.open_opportunities,
            open_pipeline_value=counts.open_pipeline_value,
            team_size=counts.team_size,
            stale_contacts=kinds.get(model.GapKind.STALE_CONTACT.value, 0),
            gaps_high=severities.get(model.Severity.HIGH.value, 0),
            gaps_medium=severities.get(model.Severity.MEDIUM.value, 0),
            gaps_low=severities.get(model.Severity.LOW.value, 0),
            gaps_total=len(gaps),
            gaps_by_kind=[GapCount(kind=k, count=kinds[k.value])
                          for k in model.GapKind if kinds[k.value]],
            organizational_coverage=company.organizational_coverage,
            departments=company.departments,
            departments_assessed=company.departments_assessed,
            mean_department_score=company.mean_department_score,
            staff_attendances=company.staff_attendances,
            effort_share=company.effort_share,
        )
