"""The per-opportunity view of the power map: picking an opportunity highlights exactly the
members of its decision chain, each with its role, on the large account's key-people view; and
the layered layout works on that view too."""

from __future__ import annotations

from typing import Any

from e2e_support import ARTIFACTS, BROWSER_TESTS, Browser, Portfolio, Server, open_map

pytestmark = BROWSER_TESTS

ACCOUNT = "acc-0001"

CHAINS = """
query ($id: ID!) { account(id: $id) { opportunities { id name open
  decisionChain { role contact { id } } } } }"""


def highlighted(page: Any) -> dict[str, set[str]]:
    cards = page.eval_on_selector_all(
        ".card.on-chain", "cs => cs.map(c => [c.dataset.id, c.dataset.chainRole])")
    return {cid: set(roles.split(",")) for cid, roles in cards}


def test_an_opportunity_highlights_its_decision_chain_with_roles(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    opportunities = server.gql(CHAINS, {"id": ACCOUNT}, key="reader")["account"]["opportunities"]
    # the largest chains: members beyond the key people, in collapsed units, are shown too
    chosen = sorted((o for o in opportunities if o["decisionChain"]),
                    key=lambda o: (-len(o["decisionChain"]), o["id"]))[:2]
    assert len(chosen) == 2, opportunities
    page = open_map(browser, server, ACCOUNT, "reader")
    assert page.query_selector_all(".card.on-chain") == []
    page.click(".tabs button[data-tab=deals]")
    assert page.eval_on_selector_all("#opportunity option", "os => os.length") == (
        len(opportunities) + 1)

    for opp in chosen:
        expected: dict[str, set[str]] = {}
        for m in opp["decisionChain"]:
            expected.setdefault(m["contact"]["id"], set()).add(m["role"])
        page.select_option("#opportunity", opp["id"])
        page.wait_for_selector(f"body.chain-mode[data-opportunity='{opp['id']}']")
        assert highlighted(page) == expected
        listed = page.eval_on_selector_all(
            "#chain-list li", "ls => ls.map(l => [l.dataset.contact, l.dataset.role])")
        assert sorted(map(tuple, listed)) == sorted(
            (m["contact"]["id"], m["role"]) for m in opp["decisionChain"])
        # every member is in view, with its role written on its card
        in_view = page.evaluate("""ids => ids.every(id => {
          const r = document.querySelector(`.card[data-id="${id}"]`).getBoundingClientRect();
          const m = document.getElementById('map').getBoundingClientRect();
          return r.left >= m.left - 1 && r.right <= m.right + 1 && r.top >= m.top - 1
            && r.bottom <= m.bottom + 1; })""", list(expected))
        assert in_view
        tag = page.text_content(f".card[data-id='{next(iter(expected))}'] .chain-tag") or ""
        assert tag
    page.screenshot(path=str(ARTIFACTS / "power-map-opportunity.png"))

    # the highlight survives a redraw (a filter change) and goes when none is chosen
    page.check("#key-only")
    page.uncheck("#key-only")
    assert highlighted(page) == expected
    page.select_option("#opportunity", "")
    assert page.query_selector_all(".card.on-chain") == []
    assert page.get_attribute("body", "class") is None or "chain-mode" not in (
        page.get_attribute("body", "class") or "")
    assert page.errors == [], page.errors


def test_the_layered_layout_on_the_key_people_view(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    page = open_map(browser, server, ACCOUNT, "reader")
    assert page.get_attribute("body", "data-focus") == "key-people"
    before = sorted(page.eval_on_selector_all(".card.contact", "cs => cs.map(c => c.dataset.id)"))
    page.select_option("#layout", "dagre")
    page.wait_for_function("window.relgraphMap.state.layout === 'dagre'")
    assert page.get_attribute("body", "data-focus") == "key-people"
    after = sorted(page.eval_on_selector_all(".card.contact", "cs => cs.map(c => c.dataset.id)"))
    assert after == before
    shape = page.evaluate("""() => {
      const cy = window.relgraphMap.cy;
      const box = (n) => n.boundingBox({ includeLabels: false });
      const people = cy.nodes('.person').map((n) => ({ id: n.id(), ...box(n) }));
      const units = cy.nodes('.unit').map((n) => ({
        id: n.id(), collapsed: n.hasClass('collapsed'), ...box(n) }));
      const lines = cy.edges('.reports').map((e) => [
        e.source().position('y'), e.target().position('y')]);
      const name = document.querySelector('.card.contact .name');
      return { people, units, lines, zoom: cy.zoom(),
               font: parseFloat(getComputedStyle(name).fontSize) };
    }""")
    boxes = shape["people"] + shape["units"]
    overlap = [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"]
               and b["y1"] < a["y2"]]
    assert overlap == []
    # layers: every manager above their reports; only collapsed unit boxes, below the people
    assert shape["lines"] and all(boss < report for boss, report in shape["lines"])
    assert all(u["collapsed"] for u in shape["units"])
    lowest = max(p["y2"] for p in shape["people"])
    assert all(u["y1"] > lowest for u in shape["units"])
    assert shape["zoom"] * shape["font"] >= 11
    page.screenshot(path=str(ARTIFACTS / "power-map-layered-focus.png"))

    # a collapsed unit opens into the layers
    unit = next(u for u in shape["units"])["id"].removeprefix("unit:")
    page.evaluate("ref => window.relgraphMap.cy.getElementById('unit:' + ref).emit('tap')", unit)
    page.wait_for_function(
        "n => document.querySelectorAll('.card.contact').length > n", arg=len(before))
    assert page.errors == [], page.errors
