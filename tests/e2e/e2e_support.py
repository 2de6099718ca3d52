"""What the end-to-end tests share: Debian's Chromium and the flags that keep it off the network,
a uvicorn runner for the real app, and the records the fixtures hand to the tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from relgraph.config import Settings
from relgraph.store import GraphStore

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_ACCOUNTS = 3
DEMO_SEED = 7
LARGE_DEMO_ACCOUNTS = 12  # the README's demo: acc-0001 has 238 contacts in 76 units
LARGE_DEMO_AS_OF = dt.date(2026, 11, 23)

# The marks of a module of browser tests: skipped, saying why, where there is no Chromium.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        f"{CHROMIUM} is missing (Debian's chromium package; the test command installs it with "
        "scripts/ensure-browser where it can): no browser to drive")),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    """A running relgraph server: its base URL and a GraphQL client for the test's own checks."""

    url: str
    store: GraphStore
    keys: dict[str, str] = field(default_factory=dict)  # name -> secret

    def gql(self, query: str, variables: dict[str, Any] | None = None,
            key: str | None = "all") -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.keys[key]}"} if key else {}
        response = httpx.post(f"{self.url}/graphql", json={"query": query,
                              "variables": variables or {}}, headers=headers, timeout=60)
        body: dict[str, Any] = response.json()
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run `app` under uvicorn on 127.0.0.1 in a thread; stop it on exit, also on failure."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"relgraph-e2e-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the relgraph test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def make_app(settings: Settings, store: GraphStore) -> Any:
    """The real app factory's app (it mounts the map page itself)."""
    from relgraph.api.app import create_app

    return create_app(settings, store=store)


@dataclass
class Portfolio:
    settings: Settings
    store: GraphStore
    doc: dict[str, Any]

    @property
    def account_ids(self) -> list[str]:
        return sorted(a["id"] for a in self.doc["accounts"])

    def contact_ids(self, account_id: str) -> set[str]:
        return {c["id"] for c in self.doc["contacts"] if c["account"] == account_id}


@dataclass
class Browser:
    new_page: Callable[..., Any]
    outside_requests: list[str]


def open_map(browser: Browser, server: Server, account: str, key: str) -> Any:
    """A new page on the power map of `account` with the server's key `key`, once drawn."""
    page = browser.new_page(key=server.keys[key])
    page.goto(f"{server.url}/map/{account}")
    page.wait_for_selector("body[data-state=ready]", timeout=90_000)
    return page
