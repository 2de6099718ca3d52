"""Acting from the power map: an editor key records an assessment and assigns and removes an
owner from the contact panel (through the API's mutations), and sees the result after a reload;
a reader key gets no edit controls, is told why, and a write forged from its page is refused."""

from __future__ import annotations

from typing import Any

from e2e_support import ARTIFACTS, BROWSER_TESTS, Browser, Portfolio, Server

pytestmark = BROWSER_TESTS

ACCOUNT = "acc-0001"
DATE = "2026-11-30"

LATEST = """
query ($id: ID!) { contact(id: $id) { id latestAssessment { date attitude acceptance
  participation projectSupport informationSharing guidance competitiveStance } } }"""

OWNERS = """
query ($id: ID!) { contact(id: $id) { id owners { staff { id } role } } }"""

STAFF = """
query ($id: ID!) { powerMap(accountId: $id) { staff { id name active }
  contacts { id owners { staffId role } } } }"""


def open_contact(page: Any, server: Server) -> str:
    """Open the large map and click the first key contact drawn; returns its id."""
    page.goto(f"{server.url}/map/{ACCOUNT}")
    page.wait_for_selector("body[data-state=ready]", timeout=90_000)
    cid: str = page.evaluate("document.querySelector('.card.contact.key').dataset.id")
    page.click(f".card[data-id='{cid}']")
    page.wait_for_selector(f"#details .contact-details[data-id='{cid}']")
    return cid


def test_editor_records_an_assessment_from_the_map(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    page = browser.new_page(key=server.keys["editor"])
    cid = open_contact(page, server)
    form = "#details .assessment-form"

    # nothing chosen: told beside the attitude field, nothing sent
    page.click(f"{form} button[type=submit]")
    assert "at least one dimension" in (page.text_content(
        f"{form} [data-field=attitude] .field-error") or "")

    # a value the server rejects (the form offers only -1..3, so one is slipped into the select):
    # the server's problem is shown beside its field, and nothing is written
    before = server.gql(LATEST, {"id": cid}, key="reader")["contact"]["latestAssessment"]
    page.eval_on_selector(f"{form} select[name=acceptance]",
                          "s => s.append(new Option('9', '9'))")
    page.fill(f"{form} input[name=date]", DATE)
    page.select_option(f"{form} select[name=acceptance]", "9")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form}[data-state=error]")
    assert "9 is not in [-1, 3]" in (page.text_content(
        f"{form} [data-field=acceptance] .field-error") or "")
    assert server.gql(LATEST, {"id": cid}, key="reader")["contact"]["latestAssessment"] == before

    values = {"acceptance": 2, "participation": 1, "projectSupport": 2,
              "informationSharing": 1, "guidance": 0, "competitiveStance": 2, "attitude": 2}
    page.fill(f"{form} input[name=date]", DATE)
    for name, value in values.items():
        page.select_option(f"{form} select[name={name}]", str(value))
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"#details .assessment-data[data-date='{DATE}']", timeout=60_000)

    latest = server.gql(LATEST, {"id": cid}, key="reader")["contact"]["latestAssessment"]
    assert latest["date"] == DATE
    assert {k: latest[k] for k in values} == values

    page.reload()
    page.wait_for_selector("body[data-state=ready]", timeout=90_000)
    page.click(f".card[data-id='{cid}']")
    shown = page.wait_for_selector(f"#details .assessment-data[data-date='{DATE}']")
    assert "Exclusive supporter" in (shown.text_content() or "")
    assert page.get_attribute(f".card[data-id='{cid}']", "data-attitude") == "2"
    page.screenshot(path=str(ARTIFACTS / "power-map-edit.png"))
    assert page.errors == [], page.errors


def test_editor_assigns_and_removes_an_owner(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    page = browser.new_page(key=server.keys["editor"])
    cid = open_contact(page, server)
    pm = server.gql(STAFF, {"id": ACCOUNT}, key="reader")["powerMap"]
    held = {o["staffId"] for c in pm["contacts"] if c["id"] == cid for o in c["owners"]}
    staff = next(s for s in sorted(pm["staff"], key=lambda s: s["id"])
                 if s["active"] and s["id"] not in held)
    form = "#details .owner-form"

    page.select_option(f"{form} select[name=staffId]", staff["id"])
    page.select_option(f"{form} select[name=role]", "C")
    page.click(f"{form} button[type=submit]")
    chip = f".card[data-id='{cid}'] .chip-owner[data-role=C][data-staff='{staff['id']}']"
    page.wait_for_selector(chip, timeout=60_000)
    owners = server.gql(OWNERS, {"id": cid}, key="reader")["contact"]["owners"]
    assert {"staff": {"id": staff["id"]}, "role": "C"} in owners

    page.click(f"{form} li[data-staff='{staff['id']}'][data-role=C] .remove-owner")
    page.wait_for_selector(chip, state="detached", timeout=60_000)
    owners = server.gql(OWNERS, {"id": cid}, key="reader")["contact"]["owners"]
    assert {"staff": {"id": staff["id"]}, "role": "C"} not in owners
    assert page.errors == [], page.errors


def test_reader_sees_no_edit_controls_and_a_forged_edit_is_refused(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    page = browser.new_page(key=server.keys["reader"])
    cid = open_contact(page, server)
    assert page.query_selector_all("#details .edit-form, #details .remove-owner") == []
    note = page.text_content("#details .read-only") or ""
    assert "reader key" in note and "editor key" in note
    before = server.gql(LATEST, {"id": cid}, key="reader")["contact"]["latestAssessment"]

    answer = page.evaluate("""async (cid) => {
      const r = await fetch('/graphql', { method: 'POST', headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer ' + sessionStorage.getItem('relgraph.apiKey') },
        body: JSON.stringify({
          query: 'mutation ($i: AssessmentInput!) { recordAssessment(input: $i) { date } }',
          variables: { i: { contact: cid, date: '2026-11-29', attitude: -1 } } }) });
      return r.json();
    }""", cid)
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["FORBIDDEN"], answer
    assert server.gql(LATEST, {"id": cid}, key="reader")["contact"]["latestAssessment"] == before
    assert page.errors == [], page.errors
