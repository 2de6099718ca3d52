"""Writes through the API: the same validation and writes as an import, for every record kind."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import DOC, Api, codes, counts


def test_upsert_every_record_kind(api: Api) -> None:
    steps: list[tuple[str, dict[str, Any]]] = [
        ("mutation($x: AccountInput!) { upsertAccount(input: $x) { id name tier partnership } }",
         {"id": "acc-z", "name": "Zeta Power", "tier": "B", "partnership": "PARTNER",
          "region": "EU"}),
        ("mutation($x: OrgUnitInput!) { upsertOrgUnit(input: $x) { id name accountId } }",
         {"id": "ou-z", "account": "acc-z", "name": "Grid"}),
        ("mutation($x: StaffMemberInput!) { upsertStaffMember(input: $x) { id role } }",
         {"id": "s-z", "name": "Zed", "rank": "A", "role": "EXECUTIVE"}),
        ("mutation($x: ContactInput!) { upsertContact(input: $x) { id orgUnitId rank } }",
         {"id": "c-z", "account": "acc-z", "orgUnit": "ou-z", "name": "Zoe", "rank": "S"}),
        ("mutation($x: ContactInput!) { upsertContact(input: $x) { id } }",
         {"id": "c-z2", "account": "acc-z", "orgUnit": "ou-z", "name": "Zane", "rank": "B"}),
        ("mutation($x: CompetitorInput!) { upsertCompetitor(input: $x) { id name } }",
         {"id": "k-z", "name": "Zap Inc"}),
        ("mutation($x: OpportunityInput!) { upsertOpportunity(input: $x) { id stage closeDate } }",
         {"id": "o-z", "account": "acc-z", "name": "Grid 2028", "stage": "LEAD",
          "closeDate": "2028-01-31"}),
        ("mutation($x: ReportingLineInput!) { upsertReportingLine(input: $x) { records } }",
         {"person": "c-z2", "manager": "c-z", "since": "2025-01-01"}),
        ("mutation($x: InfluenceInput!) { upsertInfluence(input: $x) { records } }",
         {"from": "c-z2", "to": "c-z", "strength": 0.4, "kind": "friend"}),
        ("mutation($x: KnowsInput!) { upsertKnows(input: $x) { records } }",
         {"staff": "s-z", "contact": "c-z", "strength": 0.8}),
        ("mutation($x: TeamMemberInput!) { upsertTeamMember(input: $x) { records } }",
         {"staff": "s-z", "account": "acc-z", "role": "AR"}),
        ("mutation($x: SuppliesInput!) { upsertSupplies(input: $x) { records } }",
         {"competitor": "k-z", "account": "acc-z", "position": "primary"}),
        ("mutation($x: FavorsInput!) { upsertFavors(input: $x) { records } }",
         {"contact": "c-z2", "competitor": "k-z", "strength": 0.3}),
        ("mutation($x: DecisionChainMemberInput!) { upsertDecisionChainMember(input: $x) { "
         "records } }", {"opportunity": "o-z", "contact": "c-z", "role": "DECISION_MAKER"}),
        ("mutation($x: OpportunityTeamMemberInput!) { upsertOpportunityTeamMember(input: $x) { "
         "records } }", {"opportunity": "o-z", "staff": "s-z", "role": "SR"}),
        ("mutation($x: InteractionInput!) { recordInteraction(input: $x) { id layer "
         "staff { id } contacts { id } } }",
         {"id": "i-z", "type": "BANQUET", "date": "2026-10-20", "account": "acc-z",
          "staff": ["s-z"], "contacts": ["c-z"]}),
        ("mutation($x: AssessmentInput!) { recordAssessment(input: $x) { id score "
         "effectiveAttitude } }",
         {"contact": "c-z", "date": "2026-10-21", "acceptance": 2, "guidance": 3}),
    ]
    answers = [api.data(query, {"x": variables}, key="editor") for query, variables in steps]
    assert answers[0]["upsertAccount"] == {"id": "acc-z", "name": "Zeta Power", "tier": "B",
                                           "partnership": "PARTNER"}
    assert answers[3]["upsertContact"] == {"id": "c-z", "orgUnitId": "ou-z", "rank": "S"}
    assert answers[6]["upsertOpportunity"] == {"id": "o-z", "stage": "LEAD",
                                               "closeDate": "2028-01-31"}
    assert answers[15]["recordInteraction"] == {"id": "i-z", "layer": "KEY",
                                                "staff": [{"id": "s-z"}],
                                                "contacts": [{"id": "c-z"}]}
    assert answers[16]["recordAssessment"] == {"id": "c-z@2026-10-21", "score": 2.5,
                                               "effectiveAttitude": 2}
    data = api.data("""{ account(id: "acc-z") {
      team { role staff { id } } suppliers { competitor { id } }
      opportunities { decisionChain { role contact { id } } team { role staff { id } } }
      contacts { id managers { id } favors { competitor { id } } attitude } } }""")["account"]
    assert data["team"] == [{"role": "AR", "staff": {"id": "s-z"}}]
    assert data["suppliers"] == [{"competitor": {"id": "k-z"}}]
    assert data["opportunities"] == [{
        "decisionChain": [{"role": "DECISION_MAKER", "contact": {"id": "c-z"}}],
        "team": [{"role": "SR", "staff": {"id": "s-z"}}]}]
    assert data["contacts"] == [
        {"id": "c-z", "managers": [], "favors": [], "attitude": 2},
        {"id": "c-z2", "managers": [{"id": "c-z"}], "favors": [{"competitor": {"id": "k-z"}}],
         "attitude": None}]


def test_owner_and_sponsor_changes(api: Api) -> None:
    query = '{ contact(id: "c-dir") { owners { role staff { id } } sponsors { id } } }'
    changed = api.data('mutation { assignOwner(staffId: "s-sm", contactId: "c-dir", role: B) '
                       "{ owners { role staff { id } } } }", key="editor")
    assert changed["assignOwner"]["owners"] == [{"role": "A", "staff": {"id": "s-am"}},
                                                {"role": "B", "staff": {"id": "s-sm"}}]
    removed = api.data('mutation { removeOwner(staffId: "s-sm", contactId: "c-dir", role: B) '
                       "{ owners { role } } }", key="editor")
    assert removed["removeOwner"]["owners"] == [{"role": "A"}]
    paired = api.data('mutation { pairSponsor(staffId: "s-exec", contactId: "c-dir") '
                      "{ records arrays { array created } } }", key="editor")
    assert paired["pairSponsor"] == {"records": 1,
                                     "arrays": [{"array": "sponsors", "created": 1}]}
    assert api.data(query)["contact"]["sponsors"] == [{"id": "s-exec"}]
    gone = api.data('mutation { a: unpairSponsor(staffId: "s-exec", contactId: "c-dir") '
                    'b: unpairSponsor(staffId: "s-exec", contactId: "c-dir") }', key="editor")
    assert gone == {"a": 1, "b": 0}
    assert api.data('mutation { unpairSponsor(staffId: "s-exec", accountId: "acc-n") }',
                    key="editor") == {"unpairSponsor": 1}
    assert api.data('{ account(id: "acc-n") { sponsors { id } } }')["account"]["sponsors"] == []
    body = api.post('mutation { removeOwner(staffId: "s-ghost", contactId: "c-dir", role: A) '
                    "{ id } }", key="editor")
    assert codes(body) == ["NOT_FOUND"]


def test_import_document_summary_and_idempotence(api: Api) -> None:
    document = {"format": "relgraph/1",
                "accounts": [{"id": "acc-q", "name": "Quartz", "tier": "A"}],
                "contacts": [{"id": "c-q", "account": "acc-q", "name": "Quinn", "rank": "A"}],
                "owners": [{"staff": "s-am", "contact": "c-q", "role": "A"}]}
    mutation = """mutation($d: JSON!) { importDocument(document: $d) {
      records arrays { array created updated unchanged } } }"""
    first = api.data(mutation, {"d": document}, key="editor")["importDocument"]
    assert first["records"] == 3
    assert {a["array"]: (a["created"], a["updated"], a["unchanged"]) for a in first["arrays"]} == {
        "accounts": (1, 0, 0), "contacts": (1, 0, 0), "owners": (1, 0, 0)}
    before = counts(api.store)
    again = api.data(mutation, {"d": document}, key="editor")["importDocument"]
    assert {a["array"]: a["unchanged"] for a in again["arrays"]} == {
        "accounts": 1, "contacts": 1, "owners": 1}
    assert counts(api.store) == before
    # The fixture document itself re-imports unchanged (writer and import agree).
    whole = api.data(mutation, {"d": {"format": "relgraph/1", **DOC}},
                     key="sensitive-editor")["importDocument"]
    assert all(a["created"] == 0 and a["updated"] == 0 for a in whole["arrays"]), whole


def test_mutations_in_one_request_see_each_other(api: Api) -> None:
    data = api.data("""mutation {
      a: upsertAccount(input: {id: "acc-r", name: "First", tier: C}) { name }
      b: upsertAccount(input: {id: "acc-r", name: "Second", tier: C}) { name }
    }""", key="editor")
    assert data == {"a": {"name": "First"}, "b": {"name": "Second"}}
