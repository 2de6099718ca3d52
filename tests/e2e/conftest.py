"""End-to-end fixtures: a real relgraph server (uvicorn on 127.0.0.1, a free port) over the
embedded engine with a demo portfolio, and headless Debian Chromium driven by Playwright.

Nothing here leaves loopback: Chromium runs with the background-networking flags off
(CHROMIUM_ARGS), and every page request that is not for the test server is aborted and recorded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_ACCOUNTS,
    DEMO_SEED,
    LARGE_DEMO_ACCOUNTS,
    LARGE_DEMO_AS_OF,
    Browser,
    Portfolio,
    Server,
    make_app,
    serve,
)

from relgraph.config import Settings
from relgraph.store import open_store


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (Debian's chromium package; the test command installs "
                    "it with scripts/ensure-browser where it can): no browser to drive")
    return CHROMIUM


@pytest.fixture(scope="session")
def portfolio(falkordb_settings: Settings) -> Iterator[Portfolio]:
    """A graph of its own on the session's embedded engine, holding a small demo portfolio."""
    from relgraph.cypher import statement
    from relgraph.ingest.demo import generate_portfolio
    from relgraph.ingest.importer import import_document

    settings = falkordb_settings.model_copy(update={"graph_name": "e2e_power_map"})
    store = open_store(settings)
    store.run(statement("clear_graph"))
    doc = generate_portfolio(accounts=DEMO_ACCOUNTS, seed=DEMO_SEED)
    import_document(store, doc)
    try:
        yield Portfolio(settings, store, doc)
    finally:
        store.run(statement("clear_graph"))
        store.close()


@pytest.fixture(scope="session")
def large_server(falkordb_settings: Settings) -> Iterator[tuple[Server, Portfolio]]:
    """The 12-account demo (its largest account has about 240 contacts) on a graph of its own,
    served with keys required: `reader` and `editor`, both for every account."""
    from relgraph.api.auth import create_key
    from relgraph.cypher import statement
    from relgraph.ingest.demo import generate_portfolio
    from relgraph.ingest.importer import import_document

    settings = falkordb_settings.model_copy(update={"graph_name": "e2e_power_map_large",
                                                    "dev_no_auth": False})
    store = open_store(settings)
    store.run(statement("clear_graph"))
    doc = generate_portfolio(accounts=LARGE_DEMO_ACCOUNTS, seed=DEMO_SEED, as_of=LARGE_DEMO_AS_OF)
    import_document(store, doc)
    keys = {"reader": create_key(store, "reader")[1], "editor": create_key(store, "editor")[1]}
    try:
        with serve(make_app(settings, store)) as url:
            yield Server(url=url, store=store, keys=keys), Portfolio(settings, store, doc)
    finally:
        store.run(statement("clear_graph"))
        store.close()


@pytest.fixture(scope="session")
def server(portfolio: Portfolio) -> Iterator[Server]:
    """relgraph with API keys required (no development flag); keys `all` and `first` (scoped
    to the first account)."""
    from relgraph.api.auth import create_key

    store = portfolio.store
    keys = {"all": create_key(store, "reader")[1],
            "first": create_key(store, "reader", accounts=[portfolio.account_ids[0]])[1]}
    strict = portfolio.settings.model_copy(update={"dev_no_auth": False})
    with serve(make_app(strict, store)) as url:
        yield Server(url=url, store=store, keys=keys)


@pytest.fixture(scope="session")
def dev_server(portfolio: Portfolio) -> Iterator[Server]:
    """relgraph under the explicit development flag: no key needed on loopback."""
    dev = portfolio.settings.model_copy(update={"dev_no_auth": True})
    with serve(make_app(dev, portfolio.store)) as url:
        yield Server(url=url, store=portfolio.store)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    """Headless Chromium; every page it opens may only talk to 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS,
                                     headless=os.environ.get("RELGRAPH_E2E_HEADED") != "1")
        contexts: list[Any] = []

        def new_page(key: str | None = None) -> Any:
            context = chromium.new_context(viewport={"width": 1366, "height": 768},
                                           device_scale_factor=1)
            contexts.append(context)

            def guard(route: Any) -> None:
                url = route.request.url
                if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            context.route("**/*", guard)
            if key:
                context.add_init_script(
                    f"window.sessionStorage.setItem('relgraph.apiKey', {key!r});")
            page = context.new_page()
            page.errors = []  # type: ignore[attr-defined]
            page.on("pageerror", lambda exc: page.errors.append(str(exc)))
            return page

        try:
            yield Browser(new_page=new_page, outside_requests=outside)
        finally:
            for context in contexts:
                with contextlib.suppress(Exception):
                    context.close()
            chromium.close()
