"""API keys and what each key may see and do: authentication, roles, account scope, sensitive
personal attributes."""

from __future__ import annotations

import json

import pytest
from tests.api.conftest import FOREIGN, Api, codes, counts

from relgraph.api.auth import create_key, list_keys, revoke_key
from relgraph.cypher import statement

# Every field through which a key limited to acc-n could learn anything of acc-b.
LEAK_QUERY = """{
  viewer { role accounts }
  accounts { totalCount nodes { id name figures(asOf: "2026-11-01") { gapsTotal } } }
  bank: account(id: "acc-b") { id }
  cio: contact(id: "c-bcio") { id }
  banker: staffMember(id: "s-bank") { id }
  bankDeal: opportunity(id: "o-bank") { id }
  contacts(first: 100) { totalCount nodes { id name managers { id } directReports { id } } }
  staff { totalCount nodes { id name owns { contact { id } } teams { account { id } }
          sponsoredContacts { id } sponsoredAccounts { id } } }
  interactions { totalCount nodes { id staff { id } contacts { id } } }
  opportunities { totalCount nodes { id decisionChain { contact { id } } } }
  assessments { totalCount nodes { id contact { id } } }
  influencePaths(target: "c-cto") { strength nodes { id name } links { from to } }
  dirPaths: influencePaths(target: "c-dir", maxHops: 4, limit: 10) { nodes { id } }
  coverageGaps(asOf: "2026-11-01") { kind subjectId subjectName accountId message suggestion
                                     candidates { staffId name } }
  coaches(accountId: "acc-n") { contact { id } decisionMakersReached }
  powerMap(accountId: "acc-n", asOf: "2026-11-01") {
    contacts { id owners { staffId } sponsors { staffId } } staff { id } links { from to }
    gaps { subjectId } competitors { id } }
  influencedBy(contactId: "c-dir") { contact { id } via }
  dir: contact(id: "c-dir") { decisionRoles { opportunity { id } } }
  am: staffMember(id: "s-am") { owns { contact { id } } }
  northAccount: account(id: "acc-n") { contacts { id } team { staff { id } } }
  bankTeam: staff(accountId: "acc-b") { totalCount nodes { id } }
  withCio: interactions(personId: "c-bcio") { totalCount nodes { id } }
  bankContacts: contacts(accountId: "acc-b") { totalCount }
  bankUnit: contacts(orgUnitId: "ou-b-it") { totalCount }
  cioAssessments: assessments(contactId: "c-bcio") { totalCount }
  bankDeals: opportunities(accountId: "acc-b") { totalCount }
}"""


def test_a_missing_or_wrong_key_is_unauthenticated(api: Api) -> None:
    for key, lookups in ((None, 0), ("rg_not-a-key", 1), ("garbage", 1)):
        count, body = api.statements("{ accounts { totalCount } }", key=key)
        assert codes(body) == ["UNAUTHENTICATED"], body
        assert body["data"] is None
        assert count == lookups  # nothing but the key lookup ran
    body = api.post("{ accounts { totalCount } }", key=None,
                    headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert codes(body) == ["UNAUTHENTICATED"]
    # Introspection needs a key too.
    assert codes(api.post("{ __schema { queryType { name } } }", key=None)) == ["UNAUTHENTICATED"]


def test_a_revoked_key_stops_working_at_once(api: Api) -> None:
    info, secret = create_key(api.store, "reader")
    assert api.data("{ viewer { keyId role } }", key=secret)["viewer"] == {
        "keyId": info.id, "role": "reader"}
    revoked = revoke_key(api.store, info.id)
    assert revoked is not None and revoked.revoked_at
    body = api.post("{ viewer { keyId } }", key=secret)
    assert codes(body) == ["UNAUTHENTICATED"]
    assert "revoked" in body["errors"][0]["message"]


def test_keys_are_stored_hashed(api: Api) -> None:
    rows = api.store.run(statement("api_keys_list"))
    stored = json.dumps(rows)
    for secret in api.keys.values():
        assert secret not in stored
    assert {k.id for k in list_keys(api.store)} >= {r["id"] for r in rows}


@pytest.mark.parametrize("key", ["reader", "north", "sensitive-reader"])
def test_readers_cannot_write(api: Api, key: str) -> None:
    before = counts(api.store)
    body = api.post('mutation { upsertAccount(input: {id: "acc-x", name: "X", tier: B}) { id } }',
                    key=key)
    assert codes(body) == ["FORBIDDEN"]
    body = api.post('mutation { importDocument(document: {format: "relgraph/1", accounts: '
                    '[{id: "acc-x", name: "X", tier: "B"}]}) { records } }', key=key)
    assert codes(body) == ["FORBIDDEN"]
    assert counts(api.store) == before


def test_only_admins_manage_keys(api: Api) -> None:
    for key in ("reader", "editor"):
        assert codes(api.post("{ apiKeys { id } }", key=key)) == ["FORBIDDEN"]
        body = api.post('mutation { createApiKey(role: "admin") { secret } }', key=key)
        assert codes(body) == ["FORBIDDEN"]
    made = api.data('mutation { createApiKey(role: "reader", accounts: ["acc-n"]) { '
                    'key { id role accounts sensitive revokedAt } secret } }')["createApiKey"]
    assert made["key"]["role"] == "reader" and made["key"]["accounts"] == ["acc-n"]
    assert api.data("{ viewer { accounts } }", key=made["secret"])["viewer"] == {
        "accounts": ["acc-n"]}
    assert made["key"]["id"] in [k["id"] for k in api.data("{ apiKeys { id } }")["apiKeys"]]
    revoked = api.data('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
                       {"id": made["key"]["id"]})
    assert revoked["revokeApiKey"]["revokedAt"]
    assert codes(api.post("{ viewer { role } }", key=made["secret"])) == ["UNAUTHENTICATED"]


def test_a_key_limited_to_one_account_sees_nothing_of_another(api: Api) -> None:
    body = api.post(LEAK_QUERY, key="north")
    text = json.dumps(body)
    leaks = [word for word in FOREIGN if word in text]
    assert leaks == [], f"acc-b leaked through: {leaks}\n{json.dumps(body, indent=1)[:4000]}"
    assert not body.get("errors"), body.get("errors")
    data = body["data"]
    assert data["viewer"] == {"role": "reader", "accounts": ["acc-n"]}
    assert data["accounts"]["totalCount"] == 1
    assert [n["id"] for n in data["accounts"]["nodes"]] == ["acc-n"]
    assert data["bank"] is None and data["cio"] is None and data["banker"] is None
    assert data["bankDeal"] is None
    assert data["contacts"]["totalCount"] == 4
    assert data["interactions"]["totalCount"] == 2
    assert data["opportunities"]["totalCount"] == 2
    assert data["assessments"]["totalCount"] == 4
    assert sorted(n["id"] for n in data["staff"]["nodes"]) == [
        "s-am", "s-exec", "s-fm", "s-gone", "s-sm"]
    assert data["staff"]["totalCount"] == 5
    # Paths through Bluebird's CIO are withheld; the others stay, strongest first.
    assert [p["strength"] for p in data["influencePaths"]] == [0.48, 0.45, 0.36, 0.15]
    assert {g["accountId"] for g in data["coverageGaps"]} == {"acc-n"}
    assert data["am"]["owns"] == [{"contact": {"id": "c-cto"}}, {"contact": {"id": "c-dir"}}]
    for name in ("bankTeam", "withCio", "bankContacts", "bankUnit", "cioAssessments",
                 "bankDeals"):
        assert data[name]["totalCount"] == 0, name


@pytest.mark.parametrize("query", [
    '{ coverageGaps(accountId: "acc-b") { kind } }',
    '{ powerMap(accountId: "acc-b") { accountName } }',
    '{ coaches(accountId: "acc-b") { reachesDecisionMaker } }',
    '{ coachCandidates(accountId: "acc-b") { guidance } }',
    '{ contactScores(accountId: "acc-b") { score } }',
    '{ singlePointsOfFailure(accountId: "acc-b") { staff { id } } }',
    '{ attitudeChanges(accountId: "acc-b", since: "2025-01-01") { direction } }',
    '{ influencePaths(target: "c-bcio") { strength } }',
    '{ influencePaths(target: "c-cto", from: ["s-bank"]) { strength } }',
    '{ influencedBy(contactId: "c-bcio") { strength } }',
])
def test_analyses_of_a_foreign_account_are_not_found(api: Api, query: str) -> None:
    body = api.post(query, key="north")
    assert codes(body) == ["NOT_FOUND"], body
    text = json.dumps(body)
    assert "Bluebird" not in text
    # The same answer as for an id that does not exist at all.
    unknown = api.post(query.replace("acc-b", "acc-zz").replace("c-bcio", "c-zz")
                       .replace("s-bank", "s-zz"), key="north")
    assert codes(unknown) == ["NOT_FOUND"]


def test_a_limited_editor_writes_only_its_accounts(api: Api) -> None:
    before = counts(api.store)
    # Writing another account's records is forbidden; naming one of its contacts is answered
    # as for a contact that does not exist (tests/api/test_no_oracle.py).
    for mutation, code in (
        ('upsertContact(input: {id: "c-new", account: "acc-b", name: "N"}) { id }', "FORBIDDEN"),
        ('upsertContact(input: {id: "c-bcio", account: "acc-n", name: "Moved"}) { id }',
         "FORBIDDEN"),
        ('upsertAccount(input: {id: "acc-b", name: "Renamed", tier: A}) { id }', "FORBIDDEN"),
        ('upsertStaffMember(input: {id: "s-x", name: "X"}) { id }', "FORBIDDEN"),
        ('assignOwner(staffId: "s-am", contactId: "c-bcio", role: B) { id }', "BAD_USER_INPUT"),
        ('upsertInfluence(input: {from: "c-bcio", to: "c-cto", strength: 0.5}) { records }',
         "BAD_USER_INPUT"),
        ('recordInteraction(input: {id: "i-9", type: CALL, date: "2026-10-01", account: "acc-n", '
         'contacts: ["c-bcio"]}) { id }', "BAD_USER_INPUT"),
        ('pairSponsor(staffId: "s-exec", accountId: "acc-b") { records }', "FORBIDDEN"),
        ('removeOwner(staffId: "s-bank", contactId: "c-bcio", role: A) { id }', "NOT_FOUND"),
    ):
        body = api.post(f"mutation {{ {mutation} }}", key="north-editor")
        assert codes(body) == [code], (mutation, body)
        assert "Bianca" not in json.dumps(body) and "acc-b'" not in json.dumps(body)
    assert counts(api.store) == before
    done = api.data('mutation { upsertContact(input: {id: "c-new", account: "acc-n", '
                    'name: "New Person"}) { id accountId } }', key="north-editor")
    assert done["upsertContact"] == {"id": "c-new", "accountId": "acc-n"}


def test_sensitive_attributes_need_the_permission(api: Api) -> None:
    query = '{ contact(id: "c-cto") { name socialStyle } }'
    body = api.post(query, key="reader")
    assert body["data"] == {"contact": {"name": "Ana Ruiz", "socialStyle": None}}
    assert codes(body) == ["FORBIDDEN"]
    assert body["errors"][0]["path"] == ["contact", "socialStyle"]
    assert "analytical" not in json.dumps(body)
    assert api.data(query, key="sensitive-reader") == {
        "contact": {"name": "Ana Ruiz", "socialStyle": "analytical"}}
    # Writing it needs the permission; an upsert without it keeps the stored value.
    before = counts(api.store)
    body = api.post('mutation { upsertContact(input: {id: "c-cto", account: "acc-n", '
                    'name: "Ana Ruiz", socialStyle: "amiable"}) { id } }', key="editor")
    assert codes(body) == ["FORBIDDEN"]
    assert counts(api.store) == before
    api.data('mutation { upsertContact(input: {id: "c-cto", account: "acc-n", name: "Ana R.", '
             'orgUnit: "ou-n-tech", rank: A, key: true}) { id } }', key="editor")
    assert api.data(query, key="sensitive-reader") == {
        "contact": {"name": "Ana R.", "socialStyle": "analytical"}}
    api.data('mutation { upsertContact(input: {id: "c-cto", account: "acc-n", name: "Ana R.", '
             'socialStyle: "amiable"}) { id } }', key="sensitive-editor")
    assert api.data(query, key="sensitive-reader")["contact"]["socialStyle"] == "amiable"
    # Erasure on request.
    assert codes(api.post('mutation { eraseSensitive(contactIds: ["c-cto"]) }',
                          key="editor")) == ["FORBIDDEN"]
    assert api.data('mutation { eraseSensitive(contactIds: ["c-cto"]) }',
                    key="sensitive-editor") == {"eraseSensitive": ["c-cto"]}
    assert api.data(query, key="sensitive-reader")["contact"]["socialStyle"] is None


CYCLE_BANK = {  # management-cycle records of acc-b, which the key limited to acc-n must not write
    "plans": [{"id": "p-bank", "contact": "c-bcio", "owner": "s-bank", "sponsor": "s-exec",
               "start": "2026-07-01", "end": "2026-12-31", "targetAttitude": 2,
               "goal": "CIO backs the bank deal"}],
    "orgActions": [{"id": "oa-bank", "account": "acc-b", "action": "regular_summit",
                    "date": "2026-05-10"}],
    "tierReviews": [{"id": "tr-bank", "account": "acc-b", "date": "2026-01-15", "tier": "A"}],
    "departmentAssessments": [{"id": "da-bank", "orgUnit": "ou-b-it", "date": "2026-06-30",
                               "keyEventSupport": 2, "informationChannel": 1,
                               "issueSpread": False}],
}


def test_a_limited_editor_writes_cycle_records_only_of_its_accounts(api: Api) -> None:
    document = {"format": "relgraph/1", **CYCLE_BANK}
    body = api.post("mutation($d: JSON!) { importDocument(document: $d) { records } }",
                    {"d": document}, key="north-editor")
    assert codes(body) == ["FORBIDDEN"]
    assert sorted(body["errors"][0]["extensions"]["problems"]) == [
        "orgActions[0].account: outside the accounts this API key may write",
        "tierReviews[0].account: outside the accounts this API key may write",
    ]
    # The plan and the department assessment name acc-b's records: as if they did not exist.
    body = api.post("mutation($d: JSON!) { importDocument(document: $d) { records } }",
                    {"d": {"format": "relgraph/1", "plans": CYCLE_BANK["plans"],
                           "departmentAssessments": CYCLE_BANK["departmentAssessments"]}},
                    key="north-editor")
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["problems"] == [
        "plans[0].contact: no contact 'c-bcio' in the document or the graph",
        "departmentAssessments[0].orgUnit: no org unit 'ou-b-it' in the document or the graph",
    ]
    # A plan of acc-b written by an unlimited key: its commitments and reviews are acc-b's too,
    # and moving it to a contact of acc-n is refused as well.
    api.data("mutation($d: JSON!) { importDocument(document: $d) { records } }",
             {"d": {"format": "relgraph/1", "plans": CYCLE_BANK["plans"]}})
    before = counts(api.store)
    for records, code in (
        ({"commitments": [{"id": "cm-x", "plan": "p-bank", "text": "visit",
                           "due": "2026-09-30"}]}, "BAD_USER_INPUT"),
        ({"planReviews": [{"id": "pr-x", "plan": "p-bank", "date": "2026-09-01",
                           "onTrack": True}]}, "BAD_USER_INPUT"),
        ({"plans": [{**CYCLE_BANK["plans"][0], "contact": "c-cto"}]}, "FORBIDDEN"),
    ):
        body = api.post("mutation($d: JSON!) { importDocument(document: $d) { records } }",
                        {"d": {"format": "relgraph/1", **records}}, key="north-editor")
        assert codes(body) == [code], records
    assert counts(api.store) == before
    # Its own account's records go through.
    own = {"format": "relgraph/1",
           "plans": [{"id": "p-north", "contact": "c-cto", "owner": "s-am", "sponsor": "s-exec",
                      "start": "2026-07-01", "end": "2026-12-31", "targetAttitude": 3,
                      "goal": "CTO coaches us"}],
           "commitments": [{"id": "cm-n", "plan": "p-north", "text": "lab", "due": "2026-10-01"}],
           "orgActions": [{"id": "oa-n", "account": "acc-n", "action": "regular_summit",
                           "date": "2026-05-10"}]}
    done = api.data("mutation($d: JSON!) { importDocument(document: $d) { records } }",
                    {"d": own}, key="north-editor")
    assert done["importDocument"]["records"] == 3
