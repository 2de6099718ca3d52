"""The power map page in a real browser, checked against the GraphQL API it draws from.

A real relgraph server (uvicorn, 127.0.0.1, free port) serves a 3-account demo portfolio; headless
Debian Chromium opens `/map/{accountId}`. Every check compares what the page shows (the contact
cards of the HTML overlay, the cytoscape graph behind it, the side panel) with what the test gets
from `/graphql` for the same account and key.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from typing import Any

import pytest
from e2e_support import ARTIFACTS, CHROMIUM, Browser, Portfolio, Server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        f"{CHROMIUM} is missing (Debian's chromium package; the test command installs it with "
        "scripts/ensure-browser where it can): no browser to drive")),
]

POWER_MAP = """
query ($id: ID!, $asOf: Date) {
  powerMap(accountId: $id, asOf: $asOf) {
    accountId accountName tier
    units { id name parent }
    contacts { id name title rank orgUnit attitude key coach active lastInteraction gaps
               owners { staffId name role } sponsors { staffId name } }
    gaps { kind severity subjectId subjectName }
  }
}"""

PATHS = """
query ($target: ID!) {
  influencePaths(target: $target, maxHops: 4, limit: 5) {
    strength hops nodes { id name side account } links { type from to strength }
  }
}"""

LATEST = """
query ($id: ID!) { contact(id: $id) { id latestAssessment { date effectiveAttitude } } }"""

ATTITUDE_CLASS = {None: "unknown", -1: "opposed", 0: "neutral", 1: "supporter",
                  2: "exclusive", 3: "coach"}

READY = "body[data-state=ready]"

# What the page shows, read from the DOM and from the cytoscape instance behind the cards.
SHOWN = """() => {
  const map = document.getElementById('map').getBoundingClientRect();
  const cards = [...document.querySelectorAll('.card.contact')].map((c) => {
    const r = c.getBoundingClientRect();
    const badge = c.querySelector('.gap-badge');
    const style = getComputedStyle(c);
    return {
      id: c.dataset.id, attitude: c.dataset.attitude, classes: [...c.classList],
      gaps: c.dataset.gaps ? c.dataset.gaps.split(',') : [],
      badge: badge ? Number(badge.dataset.count) : 0,
      badgeText: badge ? badge.textContent : null,
      name: c.querySelector('.name').textContent, title: c.querySelector('.title').textContent,
      rank: c.dataset.rank, background: style.backgroundImage !== 'none'
        ? style.backgroundImage : style.backgroundColor,
      borderStyle: style.borderTopStyle,
      inside: r.width > 0 && r.left >= map.left - 1 && r.right <= map.right + 1
        && r.top >= map.top - 1 && r.bottom <= map.bottom + 1,
    };
  });
  const cy = window.relgraphMap.cy;
  return {
    cards,
    cyContacts: cy.nodes('.contact').map((n) => n.id()),
    cyPeople: cy.nodes('.person').map((n) => n.id()),
    units: [...document.querySelectorAll('.unit-badge')].map((u) => ({
      id: u.dataset.id, count: Number(u.querySelector('.gap-badge').dataset.count) })),
    accountBadges: [...document.querySelectorAll('#account-badges .account-gap')].map(
      (b) => ({ subject: b.dataset.subject, kind: b.dataset.kinds })),
    gapItems: [...document.querySelectorAll('#gap-list .gap-item')].map((g) => ({
      kind: g.dataset.kind, subject: g.dataset.subject, severity: g.dataset.severity })),
    html: document.documentElement.outerHTML,
  };
}"""


def power_map(server: Server, account: str, key: str = "all",
              as_of: str | None = None) -> dict[str, Any]:
    pm: dict[str, Any] = server.gql(POWER_MAP, {"id": account, "asOf": as_of}, key=key)["powerMap"]
    return pm


def open_map(page: Any, server: Server, account: str) -> None:
    page.goto(f"{server.url}/map/{account}")
    page.wait_for_selector(READY, timeout=60_000)


def check_page_matches_api(page: Any, pm: dict[str, Any]) -> None:
    if page.evaluate("document.body.dataset.focus") == "key-people":
        # a large account opens on its key people (tests/e2e/test_power_map_scale.py): expand
        # every unit to compare the whole map
        page.evaluate("window.relgraphMap.showEveryone()")
    shown = page.evaluate(SHOWN)
    api = {c["id"]: c for c in pm["contacts"]}
    cards = {c["id"]: c for c in shown["cards"]}
    assert set(cards) == set(api), "the cards are not the API's contacts"
    assert sorted(shown["cyContacts"]) == sorted(api), "the graph nodes are not the API's contacts"

    gaps_on: dict[str, list[str]] = {}
    for g in pm["gaps"]:
        gaps_on.setdefault(g["subjectId"], []).append(g["kind"])
    colour_of: dict[str, str] = {}
    for cid, contact in api.items():
        card = cards[cid]
        expected = "unknown" if contact["attitude"] is None else str(contact["attitude"])
        assert card["attitude"] == expected, (cid, card["attitude"], contact["attitude"])
        assert f"att-{ATTITUDE_CLASS[contact['attitude']]}" in card["classes"], cid
        assert card["name"] == contact["name"]
        assert card["rank"] == (contact["rank"] or "")
        assert ("key" in card["classes"]) == contact["key"], cid
        assert ("coach" in card["classes"]) == (contact["attitude"] == 3), cid
        assert Counter(card["gaps"]) == Counter(gaps_on.get(cid, [])), cid
        assert card["badge"] == len(gaps_on.get(cid, [])), cid
        if card["badge"]:
            assert card["badgeText"] == str(card["badge"])
        assert card["inside"], f"{cid} is drawn outside the map area"
        # one colour per attitude, and unknown is not drawn like neutral
        seen = colour_of.setdefault(expected, card["background"])
        assert seen == card["background"], f"two colours for attitude {expected}"
        assert (card["borderStyle"] == "dashed") == (expected == "unknown"), cid
    assert len(set(colour_of.values())) == len(colour_of), colour_of

    units = {u["id"] for u in pm["units"]}
    unit_badges = {u["id"]: u["count"] for u in shown["units"]}
    assert unit_badges == {s: len(k) for s, k in gaps_on.items() if s in units}
    elsewhere = sorted((g["subjectId"], g["kind"]) for g in pm["gaps"]
                       if g["subjectId"] not in api and g["subjectId"] not in units)
    assert sorted((b["subject"], b["kind"]) for b in shown["accountBadges"]) == elsewhere

    items = shown["gapItems"]
    assert sorted((i["kind"], i["subject"]) for i in items) == sorted(
        (g["kind"], g["subjectId"]) for g in pm["gaps"])
    order = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}
    assert [order[i["severity"]] for i in items] == sorted(order[i["severity"]] for i in items)


def test_page_shows_the_api_power_map_of_every_account(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page()
    first = portfolio.account_ids[0]
    # Keys required: the page asks for one, keeps it for the tab and sends it as Bearer.
    page.goto(f"{server.url}/map/{first}")
    page.wait_for_selector("body[data-state=auth]")
    page.wait_for_selector("#key-dialog[open]")
    page.fill("#key-input", server.keys["all"])
    page.click("#key-dialog button[value=save]")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.evaluate("sessionStorage.getItem('relgraph.apiKey')") == server.keys["all"]

    timings = {}
    for account in portfolio.account_ids:
        started = time.monotonic()
        open_map(page, server, account)
        timings[account] = round(time.monotonic() - started, 2)
        pm = power_map(server, account)
        assert page.text_content("#account-name") == pm["accountName"]
        check_page_matches_api(page, pm)
    assert page.errors == [], page.errors
    assert browser.outside_requests == []
    print("page ready in", timings)


def test_contact_details_and_screenshot(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    account = portfolio.account_ids[1]
    open_map(page, server, account)
    pm = power_map(server, account)
    gaps_on: dict[str, list[str]] = {}
    for g in pm["gaps"]:
        gaps_on.setdefault(g["subjectId"], []).append(g["kind"])
    # a key contact with owners, gaps and a recorded meeting: the richest details panel
    contact = max(pm["contacts"], key=lambda c: (
        c["key"], bool(c["owners"]), len(gaps_on.get(c["id"], [])), c["lastInteraction"] or ""))
    page.click(f".card[data-id='{contact['id']}']")
    details = page.wait_for_selector(f"#details .contact-details[data-id='{contact['id']}']")
    assert details.is_visible()
    assert page.text_content("#details h2") == contact["name"]
    for role in ("A", "B", "C"):
        names = [o["name"] for o in contact["owners"] if o["role"] == role]
        text = page.text_content(f"#details dd[data-role={role}]") or ""
        assert all(n in text for n in names) and (names or "none" in text), (role, text)
    last = page.text_content("#details .last-interaction") or ""
    if contact["lastInteraction"]:
        assert last.startswith(contact["lastInteraction"])
    attitude = "unknown" if contact["attitude"] is None else str(contact["attitude"])
    assert page.get_attribute("#details .att-pill", "data-attitude") == attitude
    latest = server.gql(LATEST, {"id": contact["id"]})["contact"]["latestAssessment"]
    if latest:
        shown = page.wait_for_selector("#details .assessment-data")
        assert shown.get_attribute("data-date") == latest["date"]
    kinds = page.eval_on_selector_all("#details .contact-gaps li",
                                      "els => els.map(e => e.dataset.kind)")
    assert Counter(kinds) == Counter(gaps_on.get(contact["id"], []))
    page.wait_for_timeout(150)
    page.screenshot(path=str(ARTIFACTS / "power-map.png"))
    assert page.errors == [], page.errors


def _best_target(server: Server, pm: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A key contact whose strongest path has the most hops (a path worth drawing)."""
    best: tuple[int, str, dict[str, Any]] | None = None
    for c in sorted(pm["contacts"], key=lambda c: (not c["key"], c["id"]))[:12]:
        if not c["active"]:
            continue
        paths = server.gql(PATHS, {"target": c["id"]})["influencePaths"]
        if paths and (best is None or paths[0]["hops"] > best[0]):
            best = (paths[0]["hops"], c["id"], paths[0])
        if best and best[0] >= 3:
            break
    assert best is not None, "no contact of the account is reachable from our side"
    return best[1], best[2]


def test_path_search_draws_the_apis_best_path(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    account = portfolio.account_ids[1]
    open_map(page, server, account)
    pm = power_map(server, account)
    target, path = _best_target(server, pm)

    page.click(".tabs button[data-tab=paths]")
    page.select_option("#path-target", target)
    page.click("#path-go")
    page.wait_for_selector("body[data-path-state=shown]", timeout=60_000)

    ids = [n["id"] for n in path["nodes"]]
    drawn = page.evaluate("""() => {
      const cy = window.relgraphMap.cy;
      return {
        nodes: cy.nodes('.on-path').map((n) => n.id()),
        edges: cy.edges('.path-edge').map((e) => [e.source().id(), e.target().id(),
                                                  e.data('strength'), e.data('type')]),
        cards: [...document.querySelectorAll('.card.on-path')].map((c) => c.dataset.id),
        tags: [...document.querySelectorAll('.path-tag')].map(
          (t) => [t.dataset.id, t.dataset.step]),
        order: document.body.dataset.pathNodes,
        first: document.querySelector('.path-item.active .strength').textContent,
      };
    }""")
    assert sorted(drawn["nodes"]) == sorted(ids)
    assert sorted(drawn["cards"]) == sorted(ids)
    assert drawn["order"] == ",".join(ids)
    assert drawn["tags"] == [[i, str(k + 1)] for k, i in enumerate(ids)]
    expected_edges = [[ids[k], ids[k + 1], link["strength"], link["type"]]
                      for k, link in enumerate(path["links"])]
    assert drawn["edges"] == expected_edges
    for link in path["links"]:  # each drawn hop is one of the API's links
        assert {link["from"], link["to"]} in [{a, b} for a, b, *_ in drawn["edges"]]
    assert drawn["first"] == f"{path['strength']:.2f}"
    page.screenshot(path=str(ARTIFACTS / "power-map-path.png"))
    assert page.errors == [], page.errors


def test_scoped_key_sees_nothing_of_other_accounts(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    mine, *others = portfolio.account_ids
    page = browser.new_page(key=server.keys["first"])
    foreign = set().union(*(portfolio.contact_ids(a) for a in others))
    id_pattern = re.compile(r"c-\d{6}")

    for other in others:
        page.goto(f"{server.url}/map/{other}")
        page.wait_for_selector("body[data-state=denied]", timeout=60_000)
        assert "not allowed" in (page.text_content("#status") or "").lower()
        assert page.query_selector_all(".card") == []
        assert page.evaluate("relgraphMap.cy ? relgraphMap.cy.nodes().length : 0") == 0
        html = page.content()
        assert not set(id_pattern.findall(html)) & foreign

    open_map(page, server, mine)
    page.evaluate("window.relgraphMap.showEveryone()")  # it is large: every unit expanded
    shown = page.evaluate(SHOWN)
    assert {c["id"] for c in shown["cards"]} == portfolio.contact_ids(mine)
    people = set(shown["cyPeople"])
    assert not people & foreign
    assert not set(id_pattern.findall(shown["html"])) & foreign
    check_page_matches_api(page, power_map(server, mine, key="first"))

    page.goto(f"{server.url}/map/")
    page.wait_for_selector(READY, timeout=60_000)
    links = page.eval_on_selector_all("#rows a", "els => els.map(e => e.getAttribute('href'))")
    assert links == [f"/map/{mine}"]
    assert not [o for o in others if o in page.content()], "another account on the portfolio"
    assert page.errors == [], page.errors


def test_development_flag_needs_no_key(
        dev_server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page()
    account = portfolio.account_ids[2]
    open_map(page, dev_server, account)
    assert "dev" in (page.get_attribute("#key-button", "class") or "")
    assert not page.is_visible("#key-dialog")
    assert page.query_selector_all(".card.contact")
    assert page.errors == [], page.errors


def test_as_of_date_requeries_the_api(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    account = portfolio.account_ids[1]
    open_map(page, server, account)
    as_of = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    before = power_map(server, account)
    then = power_map(server, account, as_of=as_of)
    page.fill("#as-of", as_of)
    page.dispatch_event("#as-of", "change")
    page.wait_for_selector(f"body[data-state=ready][data-as-of='{as_of}']", timeout=60_000)
    check_page_matches_api(page, then)
    assert {c["id"]: c["attitude"] for c in then["contacts"]} != {
        c["id"]: c["attitude"] for c in before["contacts"]}, "the demo should change over 400 days"
    assert f"asOf={as_of}" in page.url
    assert page.errors == [], page.errors


def test_print_layout_fits_one_page(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    account = portfolio.account_ids[0]  # the largest account, with the most gaps
    open_map(page, server, account)
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert not page.is_visible("#controls")
    assert not page.is_visible(".tabs")
    assert page.is_visible("#gap-list")
    pdf = page.pdf(path=str(ARTIFACTS / "power-map.pdf"), format="A4", landscape=True,
                   print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    check_page_matches_api(page, power_map(server, account))
    assert page.errors == [], page.errors


def test_missing_graph_library_is_explained(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    page.route("**/static/vendor/**", lambda route: route.fulfill(
        status=503, content_type="text/javascript", body="// not installed"))
    page.goto(f"{server.url}/map/{portfolio.account_ids[0]}")
    page.wait_for_selector("body[data-state=error]")
    assert "Reinstall relgraph" in (page.text_content("#status") or "")
