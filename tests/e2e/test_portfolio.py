"""The portfolio page (`/map/`) in a real browser, checked against the GraphQL API it reads.

On the 3-account demo: every figure shown equals the API's for the same key, a click on a header
sorts by that column (both ways), the search and the tier filter keep exactly the matching
accounts, the CSV holds the API's values of the rows shown, and a row opens its map. On a
hand-built portfolio of 1,000 accounts: every account arrives (ten pages of the API), one page of
50 rows is in the DOM, and paging, sorting and search run over all of them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from e2e_support import (
    ARTIFACTS,
    CHROMIUM,
    Browser,
    Portfolio,
    Server,
    make_app,
    serve,
)

from relgraph.config import Settings
from relgraph.store import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        f"{CHROMIUM} is missing (Debian's chromium package; the test command installs it with "
        "scripts/ensure-browser where it can): no browser to drive")),
]

FIGURES = ("health", "gapsHigh", "gapsMedium", "gapsLow", "keyContacts", "coachPresent",
           "ownerCoverage")
ACCOUNTS = ("query ($after: String) { accounts(first: 100, after: $after) {"
            " pageInfo { hasNextPage endCursor }"
            " nodes { id name tier partnership figures { " + " ".join(FIGURES) + " } } } }")
TIER_ORDER = {"S": 0, "A": 1, "B": 2, "C": 3}
READY = "body[data-state=ready]"

# The rows on the page: each cell's column and the API value it carries (data-value).
ROWS = """() => [...document.querySelectorAll('#rows tr[data-id]')].map((tr) => ({
  id: tr.dataset.id,
  cells: Object.fromEntries([...tr.cells].map((td) => [td.dataset.key, td.dataset.value])),
  text: Object.fromEntries([...tr.cells].map((td) => [td.dataset.key, td.textContent])),
}))"""


def api_accounts(server: Server, key: str | None = "all") -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    after = None
    while True:
        page = server.gql(ACCOUNTS, {"after": after}, key=key)["accounts"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def shown(page: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.evaluate(ROWS)
    return rows


def ids(page: Any) -> list[str]:
    return [r["id"] for r in shown(page)]


def by_name(a: dict[str, Any]) -> tuple[str, str]:
    return (a["name"].lower(), a["id"])


def sorted_ids(accounts: list[dict[str, Any]], figure: str, descending: bool) -> list[str]:
    """The page's order: by the figure, ties by name then id (both ascending)."""
    def value(a: dict[str, Any]) -> float:
        return float(a["figures"][figure])
    asc = sorted(accounts, key=lambda a: (value(a), *by_name(a)))
    if not descending:
        return [a["id"] for a in asc]
    return [a["id"] for a in sorted(accounts, key=lambda a: (-value(a), *by_name(a)))]


def click_header(page: Any, key: str) -> None:
    page.click(f"#columns th[data-key={key}] button")


def open_portfolio(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/map/")
    page.wait_for_selector(READY, timeout=120_000)


def test_portfolio_shows_the_apis_figures_and_sorts_searches_filters(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page(key=server.keys["all"])
    open_portfolio(page, server)
    api = {a["id"]: a for a in api_accounts(server)}
    assert len(api) == 3
    rows = shown(page)
    assert [r["id"] for r in rows] == [a["id"] for a in sorted(api.values(), key=by_name)]
    for row in rows:
        account = api[row["id"]]
        assert row["text"]["name"] == account["name"]
        assert row["cells"]["tier"] == account["tier"]
        assert row["cells"]["partnership"] == account["partnership"]
        for figure in FIGURES:
            expected = account["figures"][figure]
            if isinstance(expected, bool):
                assert row["cells"][figure] == str(expected).lower(), (row["id"], figure)
                assert row["text"][figure] == ("Yes" if expected else "No")
            else:
                assert float(row["cells"][figure]) == pytest.approx(expected), (row["id"], figure)
        for figure in ("gapsHigh", "gapsMedium", "gapsLow", "keyContacts"):
            assert row["text"][figure] == str(account["figures"][figure])
        assert row["text"]["health"] == f"{round(account['figures']['health'] * 100)}%"
    assert sum(api[r]["figures"]["gapsHigh"] for r in ids(page)) > 0, "the demo has HIGH gaps"
    page.screenshot(path=str(ARTIFACTS / "portfolio.png"))

    # sort: a count starts with the largest, a second click turns it round
    accounts = list(api.values())
    for figure in ("gapsHigh", "health", "ownerCoverage", "keyContacts"):
        click_header(page, figure)
        first = page.get_attribute(f"#columns th[data-key={figure}]", "aria-sort")
        assert ids(page) == sorted_ids(accounts, figure, first == "descending"), figure
        click_header(page, figure)
        assert ids(page) == sorted_ids(accounts, figure, first != "descending"), figure
    click_header(page, "tier")
    assert ids(page) == [a["id"] for a in sorted(
        accounts, key=lambda a: (TIER_ORDER[a["tier"]], *by_name(a)))]

    # search by a part of one name, any case; then the tier filter alone
    target = accounts[1]
    part = target["name"].split()[0][1:].upper()
    page.fill("#search", part)
    assert set(ids(page)) == {a["id"] for a in accounts if part.lower() in a["name"].lower()}
    assert target["id"] in ids(page)
    page.fill("#search", "no such account")
    assert ids(page) == []
    assert "No account matches" in (page.text_content("#rows") or "")
    page.fill("#search", "")
    page.select_option("#tier-filter", target["tier"])
    assert set(ids(page)) == {a["id"] for a in accounts if a["tier"] == target["tier"]}
    page.select_option("#tier-filter", "")
    assert len(ids(page)) == 3

    # the CSV is the rows shown, in their order, with the API's values
    click_header(page, "gapsHigh")
    with page.expect_download() as download:
        page.click("#csv")
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in table] == ids(page)
    for record in table:
        account = api[record["id"]]
        assert record["name"] == account["name"] and record["tier"] == account["tier"]
        for figure in FIGURES:
            expected = account["figures"][figure]
            got = record[figure]
            if isinstance(expected, bool):
                assert got == str(expected).lower()
            else:
                assert float(got) == pytest.approx(expected)

    # a row opens its account's map
    page.click(f"#rows tr[data-id='{target['id']}'] td[data-key=tier]")
    page.wait_for_url(f"{server.url}/map/{target['id']}")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.text_content("#account-name") == target["name"]
    page.go_back()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.get_attribute("#columns th[data-key=gapsHigh]", "aria-sort") is not None
    assert page.errors == [], page.errors


def test_portfolio_asks_for_a_key_and_shows_only_what_it_sees(
        server: Server, portfolio: Portfolio, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}/map/")
    page.wait_for_selector("#key-dialog[open]", timeout=60_000)
    assert page.get_attribute("body", "data-state") == "auth"
    assert ids(page) == []
    page.fill("#key-input", server.keys["first"])
    page.click("#key-dialog button[value=save]")
    page.wait_for_selector(READY, timeout=60_000)
    assert ids(page) == [portfolio.account_ids[0]]
    assert ids(page) == [a["id"] for a in api_accounts(server, key="first")]
    assert page.errors == [], page.errors


def test_figures_that_outlast_the_budget_are_waited_for(
        portfolio: Portfolio, browser: Browser) -> None:
    """On a graph slower than the API's time budget the figures are finished on the server
    (REQUEST_TIMEOUT, stillComputing): the page says it waits, asks again, and shows them."""
    from tests.support import Slowed

    from relgraph.api.app import create_app
    from relgraph.api.limits import Limits

    dev = portfolio.settings.model_copy(update={"dev_no_auth": True})
    # about 0.4 s for the page of accounts itself, 2 s for the figures of its three accounts
    slow = create_app(dev, Slowed(portfolio.store, 0.1), Limits(time_budget_s=1.0))
    with serve(slow) as url:
        page = browser.new_page()
        seen: list[str] = []
        page.expose_function("noteStatus", lambda text: seen.append(text))
        page.add_init_script("""new MutationObserver(() => {
            const box = document.getElementById('status');
            if (box && box.textContent) window.noteStatus(box.textContent);
          }).observe(document, {subtree: true, childList: true, characterData: true});""")
        page.goto(f"{url}/map/")
        page.wait_for_selector(READY, timeout=120_000)
        assert any("Still being computed on the server" in s for s in seen), seen
        assert sorted(ids(page)) == portfolio.account_ids
        assert {r["id"]: float(r["cells"]["health"]) for r in shown(page)} == pytest.approx(
            {a["id"]: a["figures"]["health"] for a in api_accounts(Server(url, portfolio.store),
                                                                   key=None)})
        assert page.errors == [], page.errors


THOUSAND = 1000


@pytest.fixture(scope="module")
def large_server(falkordb_settings: Settings) -> Iterator[Server]:
    """A server (development flag) over 1,000 bare accounts of varied tier and partnership."""
    from relgraph.cypher import statement
    from relgraph.ingest.importer import import_document

    settings = falkordb_settings.model_copy(update={"graph_name": "e2e_portfolio_1000",
                                                    "dev_no_auth": True})
    store = open_store(settings)
    store.run(statement("clear_graph"))
    words = ["Amber", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris",
             "Juniper", "Kestrel", "Lumen", "Maple"]
    tiers = ["S", "A", "B", "C", "C", "B", "C"]
    partnerships = ["strategic_partner", "partner", "ordinary"]
    doc = {"format": "relgraph/1", "accounts": [
        {"id": f"acc-{i:04d}", "name": f"{words[i * 7 % 13]} {words[i * 5 % 11]} {i * 37 % 1000}",
         "tier": tiers[i % 7], "partnership": partnerships[i % 3]} for i in range(THOUSAND)]}
    import_document(store, doc)
    try:
        with serve(make_app(settings, store)) as url:
            yield Server(url=url, store=store)
    finally:
        store.run(statement("clear_graph"))
        store.close()


def test_a_thousand_accounts_page_sort_and_search(
        large_server: Server, browser: Browser) -> None:
    page = browser.new_page()
    open_portfolio(page, large_server)
    api = api_accounts(large_server, key=None)
    assert len(api) == THOUSAND
    assert page.text_content("#loaded") == f"{THOUSAND} accounts"
    in_order = [a["id"] for a in sorted(api, key=by_name)]
    assert ids(page) == in_order[:50]
    assert page.text_content("#range") == f"1–50 of {THOUSAND}"
    page.click("#next")
    assert ids(page) == in_order[50:100]
    assert page.is_disabled("#next") is False and page.is_disabled("#prev") is False

    # sort by tier: the last page holds the last C accounts by name
    click_header(page, "tier")
    by_tier = [a["id"] for a in sorted(api, key=lambda a: (TIER_ORDER[a["tier"]], *by_name(a)))]
    assert ids(page) == by_tier[:50]
    for _ in range(THOUSAND // 50 - 1):
        page.click("#next")
    assert ids(page) == by_tier[-50:]
    assert page.is_disabled("#next")
    assert len(page.query_selector_all("#rows tr")) == 50  # one page of rows in the DOM

    # search across all pages, back to the first page of what matches
    page.fill("#search", "kestrel")
    matching = [i for i in by_tier if "kestrel" in next(
        a for a in api if a["id"] == i)["name"].lower()]
    assert 50 < len(matching) < THOUSAND
    assert ids(page) == matching[:50]
    assert page.text_content("#range") == f"1–50 of {len(matching)} ({THOUSAND} accounts)"
    assert page.errors == [], page.errors
