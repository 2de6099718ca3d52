"""A key limited to some accounts cannot tell an id stored under another account from one that
does not exist: every mutation and query that names an id answers the same for both (the id
aside). Before, a write naming a foreign contact was FORBIDDEN ("outside the accounts this API
key may write") where a missing one was BAD_USER_INPUT ("no contact ..."), and a foreign org unit
was named with its account.

Not covered, and cannot be: creating a record under an id that another account's record
already has fails (ids are unique across the graph), where a free id is created.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.api.conftest import Api, counts

FOREIGN_OF = {"contact": "c-bcio", "opportunity": "o-bank", "orgUnit": "ou-b-it",
              "contact2": "c-bmgr"}
MISSING_OF = {"contact": "c-nowhere", "opportunity": "o-nowhere", "orgUnit": "ou-nowhere",
              "contact2": "c-void"}

# (operation, variables) naming ids by kind as {contact}, {opportunity}, {orgUnit}.
CASES: list[tuple[str, dict[str, Any]]] = [
    ('mutation { assignOwner(staffId: "s-am", contactId: "{contact}", role: B) { id } }', {}),
    ('mutation { removeOwner(staffId: "s-am", contactId: "{contact}", role: A) { id } }', {}),
    ('mutation { pairSponsor(staffId: "s-exec", contactId: "{contact}") { records } }', {}),
    ('mutation { unpairSponsor(staffId: "s-exec", contactId: "{contact}") }', {}),
    ('mutation { eraseSensitive(contactIds: ["c-cto", "{contact}"]) }', {}),
    ("mutation($x: AssessmentInput!) { recordAssessment(input: $x) { id } }",
     {"x": {"contact": "{contact}", "date": "2026-10-01", "attitude": 2}}),
    ("mutation($x: KnowsInput!) { upsertKnows(input: $x) { records } }",
     {"x": {"staff": "s-am", "contact": "{contact}", "strength": 0.5}}),
    ("mutation($x: InfluenceInput!) { upsertInfluence(input: $x) { records } }",
     {"x": {"from": "{contact}", "to": "c-dir", "strength": 0.5}}),
    ("mutation($x: ReportingLineInput!) { upsertReportingLine(input: $x) { records } }",
     {"x": {"person": "c-eng", "manager": "{contact}"}}),
    ("mutation($x: FavorsInput!) { upsertFavors(input: $x) { records } }",
     {"x": {"contact": "{contact}", "competitor": "k-1"}}),
    ("mutation($x: DecisionChainMemberInput!) { upsertDecisionChainMember(input: $x) { "
     "records } }", {"x": {"opportunity": "{opportunity}", "contact": "c-dir",
                           "role": "INFLUENCER"}}),
    ("mutation($x: DecisionChainMemberInput!) { upsertDecisionChainMember(input: $x) { "
     "records } }", {"x": {"opportunity": "o-core", "contact": "{contact}",
                           "role": "INFLUENCER"}}),
    ("mutation($x: OpportunityTeamMemberInput!) { upsertOpportunityTeamMember(input: $x) { "
     "records } }", {"x": {"opportunity": "{opportunity}", "staff": "s-am", "role": "AR"}}),
    ("mutation($x: InteractionInput!) { recordInteraction(input: $x) { id } }",
     {"x": {"id": "i-new", "type": "CALL", "date": "2026-10-01", "account": "acc-n",
            "staff": ["s-am"], "contacts": ["c-dir", "{contact}"], "opportunity": "o-core"}}),
    ("mutation($x: InteractionInput!) { recordInteraction(input: $x) { id } }",
     {"x": {"id": "i-new", "type": "CALL", "date": "2026-10-01", "account": "acc-n",
            "opportunity": "{opportunity}"}}),
    ("mutation($x: ContactInput!) { upsertContact(input: $x) { id } }",
     {"x": {"id": "c-new", "account": "acc-n", "name": "New", "orgUnit": "{orgUnit}"}}),
    ("mutation($x: OrgUnitInput!) { upsertOrgUnit(input: $x) { id } }",
     {"x": {"id": "ou-new", "account": "acc-n", "name": "New", "parent": "{orgUnit}"}}),
    ("mutation($d: JSON!) { importDocument(document: $d) { records } }",
     {"d": {"format": "relgraph/1",
            "contacts": [{"id": "c-new", "account": "acc-n", "name": "X", "rank": "Z"}],
            "owners": [{"staff": "s-am", "contact": "{contact}", "role": "C"},
                       {"staff": "s-am", "contact": "{contact2}", "role": "C"}],
            "influences": [{"from": "{contact}", "to": "c-new", "strength": 3}]}}),
    ('{ contact(id: "{contact}") { id } }', {}),
    ('{ influencePaths(target: "{contact}") { strength } }', {}),
    ('{ influencedBy(contactId: "{contact}") { hops } }', {}),
    ('{ coaches(accountId: "acc-n", opportunityId: "{opportunity}") { contact { id } } }', {}),
    ('{ opportunity(id: "{opportunity}") { id } }', {}),
    ('{ contacts(orgUnitId: "{orgUnit}") { totalCount } }', {}),
    ('{ interactions(personId: "{contact}") { totalCount } }', {}),
    ('{ assessments(contactId: "{contact}") { totalCount } }', {}),
    ('{ interactions(opportunityId: "{opportunity}") { totalCount } }', {}),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    text = json.dumps(value)
    for kind, ident in ids.items():
        text = text.replace("{" + kind + "}", ident)
    return json.loads(text)


def _masked(body: dict[str, Any], ids: dict[str, str]) -> str:
    text = json.dumps(body, sort_keys=True)
    for kind, ident in ids.items():
        text = text.replace(ident, "{" + kind + "}")
    return text


@pytest.mark.parametrize("operation,variables", CASES)
def test_a_foreign_id_answers_like_a_missing_one(
    api: Api, operation: str, variables: dict[str, Any],
) -> None:
    before = counts(api.store)
    foreign = api.post(_fill(operation, FOREIGN_OF), _fill(variables, FOREIGN_OF),
                       key="north-editor")
    missing = api.post(_fill(operation, MISSING_OF), _fill(variables, MISSING_OF),
                       key="north-editor")
    assert _masked(foreign, FOREIGN_OF) == _masked(missing, MISSING_OF)
    assert counts(api.store) == before
    assert "acc-b" not in json.dumps(foreign)
