"""The mutations: upserts (each an import of a one-record document, relgraph.api.writes), owner
and sponsor changes, erasure, whole documents, and key management. Who may call each is
declared on it (`permission_classes`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from relgraph import model
from relgraph.api import writes
from relgraph.api.auth import Role, create_key, revoke_key
from relgraph.api.loaders import Info, forget
from relgraph.api.permissions import Admin, Editor, Sensitive
from relgraph.api.types.inputs import (
    AccountInput,
    AssessmentInput,
    CompetitorInput,
    ContactInput,
    DecisionChainMemberInput,
    FavorsInput,
    InfluenceInput,
    InteractionInput,
    KnowsInput,
    OpportunityInput,
    OpportunityTeamMemberInput,
    OrgUnitInput,
    ReportingLineInput,
    StaffMemberInput,
    SuppliesInput,
    TeamMemberInput,
    record,
)
from relgraph.api.types.records import (
    Account,
    Assessment,
    Competitor,
    Contact,
    Interaction,
    Opportunity,
    OrgUnit,
    StaffMember,
)
from relgraph.api.types.results import ApiKey, ImportSummary, NewApiKey
from relgraph.errors import Forbidden, InvalidInput, NotFound

T = TypeVar("T")
R = TypeVar("R")


async def _upsert(info: Info, array: str, value: Any) -> ImportSummary:
    return ImportSummary.of(await writes.write(info.context, {array: [record(value)]}))


async def _written(loader: DataLoader[str, T | None], kind: str, ident: str,
                   show: Callable[[T], R]) -> R:
    """The record just written (fresh, not a cached one), when the key may see it."""
    forget(loader, ident)
    found = await loader.load(ident)
    if found is None:
        raise NotFound(kind, ident)
    return show(found)


async def _contact(info: Info, contact_id: str) -> Contact:
    return await _written(info.context.loaders.contact, "contact", contact_id, Contact.of)


@strawberry.type
class RecordMutations:
    @strawberry.mutation(description="Upsert an account by id.", permission_classes=[Editor])
    async def upsert_account(self, info: Info, input: AccountInput) -> Account:
        await _upsert(info, "accounts", input)
        return await _written(info.context.loaders.account, "account", input.id, Account.of)

    @strawberry.mutation(description="Upsert an org unit by id.", permission_classes=[Editor])
    async def upsert_org_unit(self, info: Info, input: OrgUnitInput) -> OrgUnit:
        await _upsert(info, "orgUnits", input)
        return await _written(info.context.loaders.org_unit, "org unit", input.id, OrgUnit.of)

    @strawberry.mutation(description="Upsert a contact by id.", permission_classes=[Editor])
    async def upsert_contact(self, info: Info, input: ContactInput) -> Contact:
        await _upsert(info, "contacts", input)
        return await _contact(info, input.id)

    @strawberry.mutation(description="Upsert one of our staff members by id (unlimited keys).",
                         permission_classes=[Editor])
    async def upsert_staff_member(self, info: Info, input: StaffMemberInput) -> StaffMember:
        await _upsert(info, "staff", input)
        return await _written(info.context.loaders.staff, "staff member",
                              input.id, StaffMember.of)

    @strawberry.mutation(description="Upsert a competitor by id (unlimited keys).",
                         permission_classes=[Editor])
    async def upsert_competitor(self, info: Info, input: CompetitorInput) -> Competitor:
        await _upsert(info, "competitors", input)
        return await _written(info.context.loaders.competitor, "competitor",
                              input.id, Competitor.of)

    @strawberry.mutation(description="Upsert an opportunity by id.", permission_classes=[Editor])
    async def upsert_opportunity(self, info: Info, input: OpportunityInput) -> Opportunity:
        await _upsert(info, "opportunities", input)
        return await _written(info.context.loaders.opportunity, "opportunity",
                              input.id, Opportunity.of)

    @strawberry.mutation(description="Upsert a reporting line (by person, manager, since).",
                         permission_classes=[Editor])
    async def upsert_reporting_line(self, info: Info, input: ReportingLineInput) -> ImportSummary:
        return await _upsert(info, "reportingLines", input)

    @strawberry.mutation(description="Upsert an influence (by from, to).",
                         permission_classes=[Editor])
    async def upsert_influence(self, info: Info, input: InfluenceInput) -> ImportSummary:
        return await _upsert(info, "influences", input)

    @strawberry.mutation(description="Upsert a KNOWS (by staff, contact).",
                         permission_classes=[Editor])
    async def upsert_knows(self, info: Info, input: KnowsInput) -> ImportSummary:
        return await _upsert(info, "knows", input)

    @strawberry.mutation(description="Upsert an account-team membership.",
                         permission_classes=[Editor])
    async def upsert_team_member(self, info: Info, input: TeamMemberInput) -> ImportSummary:
        return await _upsert(info, "teams", input)

    @strawberry.mutation(description="Upsert which competitor supplies an account.",
                         permission_classes=[Editor])
    async def upsert_supplies(self, info: Info, input: SuppliesInput) -> ImportSummary:
        return await _upsert(info, "supplies", input)

    @strawberry.mutation(description="Upsert a contact's favour for a competitor.",
                         permission_classes=[Editor])
    async def upsert_favors(self, info: Info, input: FavorsInput) -> ImportSummary:
        return await _upsert(info, "favors", input)

    @strawberry.mutation(description="Upsert a decision-chain member.",
                         permission_classes=[Editor])
    async def upsert_decision_chain_member(
        self, info: Info, input: DecisionChainMemberInput,
    ) -> ImportSummary:
        return await _upsert(info, "decisionChain", input)

    @strawberry.mutation(description="Upsert an opportunity-team membership.",
                         permission_classes=[Editor])
    async def upsert_opportunity_team_member(
        self, info: Info, input: OpportunityTeamMemberInput,
    ) -> ImportSummary:
        return await _upsert(info, "opportunityTeam", input)

    @strawberry.mutation(description="Record (upsert) an interaction by id.",
                         permission_classes=[Editor])
    async def record_interaction(self, info: Info, input: InteractionInput) -> Interaction:
        await _upsert(info, "interactions", input)
        return await _written(info.context.loaders.interaction, "interaction",
                              input.id, Interaction.of)

    @strawberry.mutation(description="Record (upsert) a dated assessment of a contact.",
                         permission_classes=[Editor])
    async def record_assessment(self, info: Info, input: AssessmentInput) -> Assessment:
        await _upsert(info, "assessments", input)
        ident = f"{input.contact}@{input.date.isoformat()}"
        return await _written(info.context.loaders.assessment, "assessment",
                              ident, Assessment.of)

    @strawberry.mutation(description="Make a staff member an owner (A, B or C) of a contact.",
                         permission_classes=[Editor])
    async def assign_owner(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID,
        role: model.OwnerRole,
    ) -> Contact:
        await writes.write(info.context, {"owners": [
            {"staff": staff_id, "contact": contact_id, "role": model.OwnerRole(role).value}]})
        forget(info.context.loaders.owners_of_contact, contact_id)
        return await _contact(info, contact_id)

    @strawberry.mutation(description="Remove an owner role (no error when it was not held).",
                         permission_classes=[Editor])
    async def remove_owner(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID,
        role: model.OwnerRole,
    ) -> Contact:
        await writes.remove_owner(info.context, staff_id, contact_id,
                                  model.OwnerRole(role).value)
        forget(info.context.loaders.owners_of_contact, contact_id)
        return await _contact(info, contact_id)

    @strawberry.mutation(description=(
        "Pair an executive sponsor with a contact (`contactId`) or an account (`accountId`)."),
        permission_classes=[Editor])
    async def pair_sponsor(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
    ) -> ImportSummary:
        writes.one_sponsored(contact_id, account_id)
        sponsored = {"contact": contact_id} if contact_id else {"account": account_id}
        return ImportSummary.of(await writes.write(info.context, {"sponsors": [
            {"staff": staff_id, **sponsored}]}))

    @strawberry.mutation(description="Remove a sponsorship; returns how many were removed (0/1).",
                         permission_classes=[Editor])
    async def unpair_sponsor(
        self, info: Info, staff_id: strawberry.ID, contact_id: strawberry.ID | None = None,
        account_id: strawberry.ID | None = None,
    ) -> int:
        return await writes.unpair_sponsor(info.context, staff_id, contact_id, account_id)

    @strawberry.mutation(description=(
        "Erase the sensitive personal attributes of contacts (on request); needs the "
        "`sensitive` permission. Returns the ids erased."),
        permission_classes=[Editor, Sensitive])
    async def erase_sensitive(
        self, info: Info, contact_ids: list[strawberry.ID],
    ) -> list[strawberry.ID]:
        erased = await writes.erase_sensitive(info.context, [str(c) for c in contact_ids])
        return [strawberry.ID(x) for x in erased]

    @strawberry.mutation(description=(
        "Import a whole relgraph/1 document: the summary, or BAD_USER_INPUT with every problem "
        "in `extensions.problems` (nothing written)."), permission_classes=[Editor])
    async def import_document(self, info: Info, document: JSON) -> ImportSummary:
        return ImportSummary.of(await writes.import_whole(info.context, document))

    @strawberry.mutation(description=(
        "Create an API key (admin); the secret is in the answer and nowhere else."),
        permission_classes=[Admin])
    async def create_api_key(
        self, info: Info, role: str, accounts: list[strawberry.ID] | None = None,
        sensitive: bool = False,
    ) -> NewApiKey:
        ctx = info.context
        try:
            chosen = Role(role)
        except ValueError:
            raise InvalidInput("role must be reader, editor or admin") from None
        if sensitive and not ctx.principal.sensitive:
            raise Forbidden("only a key with the `sensitive` permission can grant it")
        key, secret = await ctx.write(create_key, chosen, list(accounts or []), sensitive)
        return NewApiKey(key=ApiKey.of(key), secret=secret)

    @strawberry.mutation(description="Revoke an API key (admin); revoking twice is harmless.",
                         permission_classes=[Admin])
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> ApiKey:
        ctx = info.context
        key = await ctx.write(revoke_key, id)
        if key is None:
            raise NotFound("API key", id)
        return ApiKey.of(key)
