"""The pages work offline: in a real browser, the portfolio (`/map/`), a power map
(`/map/{accountId}`) and GraphiQL (`/graphql`) load everything from the relgraph server on
127.0.0.1 and work fully (the map draws the API's contacts, GraphiQL runs a query and shows its
answer); not one request goes anywhere else and the pages' policy refuses nothing."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import quote

from e2e_support import ARTIFACTS, BROWSER_TESTS, Browser, Portfolio, Server

pytestmark = BROWSER_TESTS

QUERY = "query Tiers { accounts(first: 50) { edges { node { id tier } } } }"


def watched(browser: Browser, server: Server) -> tuple[Any, list[str], list[str]]:
    """A page with the `all` key, the URLs it requests and its console errors (a refused load
    or a policy violation is one)."""
    page = browser.new_page(key=server.keys["all"])
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    return page, requests, problems


def assert_stayed_home(server: Server, requests: list[str], problems: list[str]) -> None:
    assert requests, "the page made no request at all"
    away = [u for u in requests if not u.startswith((f"{server.url}/", "data:", "blob:"))]
    assert away == [], f"requests beyond the relgraph server: {away}"
    assert problems == [], problems


def test_the_power_map_and_the_portfolio_load_nothing_from_elsewhere(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    account = portfolio.account_ids[1]
    page, requests, problems = watched(browser, server)
    page.goto(f"{server.url}/map/{account}")
    page.wait_for_selector("body[data-state=ready]", timeout=60_000)
    contacts = server.gql("query ($id: ID!) { powerMap(accountId: $id) { contacts { id } } }",
                          {"id": account})["powerMap"]["contacts"]
    shown = page.eval_on_selector_all(".card.contact", "els => els.map(e => e.dataset.id)")
    assert contacts and sorted(shown) == sorted(c["id"] for c in contacts)
    assert any("/static/vendor/cytoscape.min.js" in u for u in requests)
    assert_stayed_home(server, requests, problems)

    page, requests, problems = watched(browser, server)
    page.goto(f"{server.url}/map/")
    page.wait_for_selector("body[data-state=ready]", timeout=60_000)
    rows = page.eval_on_selector_all("#rows tr[data-id]", "els => els.map(e => e.dataset.id)")
    assert sorted(rows) == portfolio.account_ids
    assert_stayed_home(server, requests, problems)
    assert page.errors == [], page.errors


def test_graphiql_runs_a_query_offline(server: Server, browser: Browser) -> None:
    page, requests, problems = watched(browser, server)
    # The query comes in the address (`?q=`, as a shared link would carry it), so it is in the
    # editor from the first render and no later tab-state restore can replace it.
    page.goto(f"{server.url}/graphql?q={quote(QUERY)}")
    # GraphiQL 3 creates its CodeMirror 5 editors one after the other, and its run button does
    # nothing until both the query and the response editor exist (its `run` returns early):
    # wait for both before acting, as a user waits for the page to finish drawing.
    page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror",
                           timeout=60_000)
    page.wait_for_selector(".graphiql-container .graphiql-response .CodeMirror", timeout=60_000)
    # Run it with the page's own button (the tab's API key goes with it). React re-binds the
    # button's handler once the editors are registered; on a loaded machine that can lag their
    # appearance, so a click that sent no request within 3 s is repeated, as a user would (not
    # blindly: a click while the query runs would stop it).
    page.wait_for_function("q => document.querySelector('.graphiql-query-editor .CodeMirror')"
                           ".CodeMirror.getValue() === q", arg=QUERY, timeout=30_000)
    runs: list[str] = []
    page.on("request", lambda r: runs.append(r.url) if r.method == "POST"
            and "query Tiers" in (r.post_data or "") else None)
    for _ in range(20):
        page.click(".graphiql-execute-button")
        deadline = time.monotonic() + 3
        while not runs and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        if runs:
            break
    assert runs, "GraphiQL's run button never sent the query"
    page.wait_for_function("() => { const r = document.querySelector("
                           "'.graphiql-response .CodeMirror'); return r && "
                           "r.CodeMirror.getValue().includes('\"data\"'); }", timeout=60_000)
    shown = json.loads(page.evaluate("document.querySelector('.graphiql-response .CodeMirror')"
                                     ".CodeMirror.getValue()"))
    assert shown == {"data": server.gql(QUERY)}
    page.screenshot(path=str(ARTIFACTS / "graphiql.png"))
    assert any(u.endswith("/static/vendor/graphiql.min.js") for u in requests)
    assert_stayed_home(server, requests, problems)
    assert page.errors == [], page.errors
