"""Acting on the gaps from the power map: a gap's suggestion is a button that opens the right form
filled in (assign an owner, pair a contact's or the account's sponsor, record a meeting), and the
contact panel pairs and unpairs sponsors and records interactions; each change is checked in the
API afterwards."""

from __future__ import annotations

from typing import Any

from e2e_support import ARTIFACTS, BROWSER_TESTS, Browser, Portfolio, Server, open_map

pytestmark = BROWSER_TESTS

ACCOUNT = "acc-0001"

GAPS = """
query ($id: ID!, $kinds: [GapKind!]) { account(id: $id) { coverageGaps(kinds: $kinds) {
  kind subjectId subjectName candidates { staffId name strength } } } }"""

CONTACT = """
query ($id: ID!) { contact(id: $id) { id owners { staff { id } role } sponsors { id } } }"""

LAST_MET = """
query ($id: ID!) { powerMap(accountId: $id) { contacts { id lastInteraction } } }"""

SPONSORS = """
query ($id: ID!) { powerMap(accountId: $id) { staff { id name role active }
  contacts { id key active sponsors { staffId } } } }"""

INTERACTIONS = """
query ($person: ID!) { interactions(personId: $person, first: 100) { nodes {
  id type date accountId summary staff { id } contacts { id } } } }"""


def gaps(server: Server, kinds: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = server.gql(GAPS, {"id": ACCOUNT, "kinds": kinds},
                                             key="reader")["account"]["coverageGaps"]
    return found


def interactions_of(server: Server, person: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = server.gql(INTERACTIONS, {"person": person},
                                             key="reader")["interactions"]["nodes"]
    return found


def with_candidates(server: Server, kind: str) -> dict[str, Any]:
    """The first gap of `kind` (by subject id) that names candidates."""
    found = sorted((g for g in gaps(server, [kind]) if g["candidates"]),
                   key=lambda g: str(g["subjectId"]))
    assert found, f"the demo account has no {kind} gap with candidates"
    return found[0]


def label(verb: str, candidate: dict[str, Any]) -> str:
    strength = candidate["strength"]
    return f"{verb} — {candidate['name']}" + (f" ({strength:.2f})" if strength is not None else "")


def gap_item(kind: str, subject: str) -> str:
    return f"#gap-list .gap-item[data-kind={kind}][data-subject='{subject}']"


def test_an_owner_gap_suggestion_opens_the_assign_form_filled_in(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    gap = with_candidates(server, "OWNER_MISSING_B")
    cid, best = gap["subjectId"], gap["candidates"][0]
    page = open_map(browser, server, ACCOUNT, "editor")

    button = page.locator(f"{gap_item('OWNER_MISSING_B', cid)} .gap-action",
                          has_text=label("Assign B owner", best))
    assert button.count() == 1, page.text_content(gap_item("OWNER_MISSING_B", cid))
    button.click()
    form = "#details .owner-form[data-prefilled]"
    page.wait_for_selector(form)
    assert page.get_attribute("#details .contact-details", "data-id") == cid
    assert page.eval_on_selector(f"{form} select[name=staffId]", "s => s.value") == best["staffId"]
    assert page.eval_on_selector(f"{form} select[name=role]", "s => s.value") == "B"
    page.screenshot(path=str(ARTIFACTS / "power-map-gap-action.png"))

    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(gap_item("OWNER_MISSING_B", cid), state="detached", timeout=60_000)
    page.wait_for_selector(f".card[data-id='{cid}'] .chip-owner[data-role=B]"
                           f"[data-staff='{best['staffId']}']", timeout=60_000)
    assert cid not in {g["subjectId"] for g in gaps(server, ["OWNER_MISSING_B"])}
    owners = server.gql(CONTACT, {"id": cid}, key="reader")["contact"]["owners"]
    assert {"staff": {"id": best["staffId"]}, "role": "B"} in owners
    assert page.errors == [], page.errors


def test_editor_pairs_and_unpairs_a_sponsor(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    pm = server.gql(SPONSORS, {"id": ACCOUNT}, key="reader")["powerMap"]
    cid = next(c["id"] for c in sorted(pm["contacts"], key=lambda c: str(c["id"]))
               if c["key"] and c["active"] and not c["sponsors"])
    executive = next(s for s in sorted(pm["staff"], key=lambda s: str(s["id"]))
                     if s["active"] and s["role"] == "executive")
    page = open_map(browser, server, ACCOUNT, "editor")
    page.evaluate("id => window.relgraphMap.showDetails(id)", cid)
    form = "#details .sponsor-form"
    page.wait_for_selector(f"#details .contact-details[data-id='{cid}'] .sponsor-form")
    # executives are offered first
    first = page.eval_on_selector(f"{form} select[name=staff]", "s => s.options[1].value")
    assert next(s for s in pm["staff"] if s["id"] == first)["role"] == "executive"

    # a staff member the server does not know (slipped into the select): its problem is shown
    # beside the field, and nothing is written
    page.eval_on_selector(f"{form} select[name=staff]",
                          "s => s.append(new Option('Nobody', 'stf-nobody'))")
    page.select_option(f"{form} select[name=staff]", "stf-nobody")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form}[data-state=error]")
    problem = page.text_content(f"{form} [data-field=staff] .field-error") or ""
    assert "stf-nobody" in problem, page.text_content(form)
    assert server.gql(CONTACT, {"id": cid}, key="reader")["contact"]["sponsors"] == []

    page.select_option(f"{form} select[name=staff]", executive["id"])
    page.click(f"{form} button[type=submit]")
    listed = f"#details .sponsor-form li[data-staff='{executive['id']}']"
    page.wait_for_selector(listed, timeout=60_000)
    page.wait_for_selector(f".card[data-id='{cid}'] .chip-sponsor", timeout=60_000)
    assert executive["name"] in (page.text_content("#details .contact-details dl") or "")
    assert server.gql(CONTACT, {"id": cid}, key="reader")["contact"]["sponsors"] == [
        {"id": executive["id"]}]

    page.click(f"{listed} .unpair-sponsor")
    page.wait_for_selector(listed, state="detached", timeout=60_000)
    page.wait_for_selector(f".card[data-id='{cid}'] .chip-sponsor", state="detached")
    assert server.gql(CONTACT, {"id": cid}, key="reader")["contact"]["sponsors"] == []
    assert page.errors == [], page.errors


def test_editor_records_an_interaction_from_a_stale_contact_gap(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    gap = with_candidates(server, "STALE_CONTACT")
    cid, best = gap["subjectId"], gap["candidates"][0]
    before = {i["id"] for i in interactions_of(server, cid)}
    page = open_map(browser, server, ACCOUNT, "editor")
    page.click(f"{gap_item('STALE_CONTACT', cid)} .gap-action"
               f" >> text={label('Record a meeting', best)}")
    form = "#details .interaction-form[data-prefilled]"
    page.wait_for_selector(form)
    assert page.eval_on_selector(f"{form} select[name=staff]", "s => s.value") == best["staffId"]
    today: str = page.eval_on_selector(f"{form} input[name=date]", "i => i.value")

    page.fill(f"{form} input[name=date]", "")
    page.click(f"{form} button[type=submit]")
    assert "a date is needed" in (page.text_content(f"{form} [data-field=date] .field-error") or "")

    page.eval_on_selector(f"{form} select[name=staff]",
                          "s => s.append(new Option('Nobody', 'stf-nobody'))")
    page.select_option(f"{form} select[name=staff]", "stf-nobody")
    page.fill(f"{form} input[name=date]", today)
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form}[data-state=error]")
    assert "stf-nobody" in (page.text_content(f"{form} [data-field=staff] .field-error") or "")
    assert {i["id"] for i in interactions_of(server, cid)} == before

    page.select_option(f"{form} select[name=staff]", best["staffId"])
    page.select_option(f"{form} select[name=type]", "BUSINESS_EXCHANGE")
    page.fill(f"{form} input[name=summary]", "Coffee after the steering committee")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(gap_item("STALE_CONTACT", cid), state="detached", timeout=60_000)
    assert today in (page.text_content("#details .last-interaction") or "")

    new = [i for i in interactions_of(server, cid) if i["id"] not in before]
    assert [(i["type"], i["date"], i["accountId"], i["summary"], i["staff"], i["contacts"])
            for i in new] == [("BUSINESS_EXCHANGE", today, ACCOUNT,
                               "Coffee after the steering committee",
                               [{"id": best["staffId"]}], [{"id": cid}])]
    last_met = server.gql(LAST_MET, {"id": ACCOUNT}, key="reader")["powerMap"]["contacts"]
    assert next(c["lastInteraction"] for c in last_met if c["id"] == cid) == today
    assert cid not in {g["subjectId"] for g in gaps(server, ["STALE_CONTACT"])}
    page.screenshot(path=str(ARTIFACTS / "power-map-interaction.png"))
    assert page.errors == [], page.errors


def test_an_outdated_assessment_gap_opens_the_assessment_form_with_its_assessor(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    gap = with_candidates(server, "ASSESSMENT_OUTDATED")
    cid, best = gap["subjectId"], gap["candidates"][0]
    page = open_map(browser, server, ACCOUNT, "editor")
    page.click(f"{gap_item('ASSESSMENT_OUTDATED', cid)} .gap-action"
               f" >> text={label('Record an assessment', best)}")
    form = "#details .assessment-form[data-prefilled]"
    page.wait_for_selector(form)
    assert page.get_attribute("#details .contact-details", "data-id") == cid
    by = page.eval_on_selector(f"{form} select[name=assessedBy]", "s => s.value")
    assert by == best["staffId"]
    # only the form the suggestion opened is filled in
    assert page.eval_on_selector_all("#details .edit-form[data-prefilled]",
                                     "fs => fs.map(f => f.classList[1])") == ["assessment-form"]
    assert page.errors == [], page.errors


def test_reader_gets_no_gap_buttons_nor_sponsor_or_interaction_forms(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    gap = with_candidates(server, "STALE_CONTACT")
    page = open_map(browser, server, ACCOUNT, "reader")
    item = gap_item("STALE_CONTACT", gap["subjectId"])
    assert page.query_selector(item) is not None
    assert page.query_selector_all("#gap-list .gap-action") == []
    page.click(item)
    page.click(".tabs button[data-tab=contact]")
    page.wait_for_selector(f"#details .contact-details[data-id='{gap['subjectId']}']")
    assert page.query_selector_all(
        "#details .sponsor-form, #details .interaction-form, #details .gap-action, "
        "#details .unpair-sponsor") == []
    assert "editor key" in (page.text_content("#details .read-only") or "")
    assert page.errors == [], page.errors


ACCOUNT_SPONSORS = "query ($id: ID!) { account(id: $id) { sponsors { id } } }"
PAIR = "mutation ($s: ID!, $a: ID!) { pairSponsor(staffId: $s, accountId: $a) { __typename } }"
UNPAIR = "mutation ($s: ID!, $a: ID!) { unpairSponsor(staffId: $s, accountId: $a) }"


def account_sponsors(server: Server) -> list[str]:
    found = server.gql(ACCOUNT_SPONSORS, {"id": ACCOUNT}, key="reader")["account"]["sponsors"]
    return sorted(s["id"] for s in found)


def test_a_missing_account_sponsor_is_paired_from_the_gap(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    held = account_sponsors(server)
    # the account without its sponsors (put back at the end): the gap appears, with candidates
    for sid in held:
        server.gql(UNPAIR, {"s": sid, "a": ACCOUNT}, key="editor")
    try:
        gap = next(g for g in gaps(server, ["SPONSOR_MISSING"]) if g["subjectId"] == ACCOUNT)
        assert gap["candidates"], gap
        best = gap["candidates"][0]
        page = open_map(browser, server, ACCOUNT, "editor")
        item = gap_item("SPONSOR_MISSING", ACCOUNT)
        page.click(f"{item} .gap-action >> text={label('Pair account sponsor', best)}")
        form = f"{item} .account-sponsor-form"
        chosen = page.eval_on_selector(f"{form} select[name=staff]", "s => s.value")
        assert chosen == best["staffId"]
        page.click(f"{form} button[type=submit]")
        page.wait_for_selector(item, state="detached", timeout=60_000)
        assert account_sponsors(server) == [best["staffId"]]
        assert ACCOUNT not in {g["subjectId"] for g in gaps(server, ["SPONSOR_MISSING"])}
        assert page.errors == [], page.errors
    finally:
        for sid in account_sponsors(server):
            server.gql(UNPAIR, {"s": sid, "a": ACCOUNT}, key="editor")
        for sid in held:
            server.gql(PAIR, {"s": sid, "a": ACCOUNT}, key="editor")
    assert account_sponsors(server) == held
