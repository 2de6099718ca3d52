"""The pages' routes without a browser: the portfolio and map pages, their static files, the
browser libraries served from the package (exactly the files the manifest records) and the clear
answer when an installation lacks one."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from relgraph.api import assets, map_page
from relgraph.api.edge import PAGE_POLICY

SCRIPT_OR_STYLE = re.compile(r'(?:src|href)="([^"]+)"')


@pytest.fixture()
def client() -> TestClient:
    app = FastAPI()
    assets.mount_assets(app)
    map_page.mount_map(app)
    return TestClient(app)


def sha384(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def test_pages_are_served_with_a_policy_of_this_server_only(client: TestClient) -> None:
    for path in ("/map/acc-0001", "/map/some%20id", "/map/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert policy == PAGE_POLICY
        assert "http" not in policy and "script-src 'self';" in policy
    assert '<div id="map"' in client.get("/map/acc-0001").text
    assert client.get("/map", follow_redirects=False).status_code == 307


def test_static_files_are_served(client: TestClient) -> None:
    assert "relgraphMap" in client.get("/map/static/map.js").text
    assert "@media print" in client.get("/map/static/map.css").text
    assert "createFetcher" in client.get("/static/graphiql/graphiql.js").text


def test_every_library_is_served_from_the_package_as_published(client: TestClient) -> None:
    files = assets.vendor_files()
    assert {"cytoscape.min.js", "cytoscape-dagre.min.js", "react.production.min.js",
            "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css"} == set(files)
    for spec in files.values():
        response = client.get(f"/static/vendor/{spec.name}")
        assert response.status_code == 200, spec.name
        expected = "text/css" if spec.name.endswith(".css") else "text/javascript"
        assert response.headers["content-type"].startswith(expected), spec.name
        assert sha384(response.content) == spec.sha384, f"{spec.name} is not {spec.package}'s"
        # all are MIT: the licence's grant travels with the file
        assert "Permission is hereby granted" in (assets.VENDOR_DIR / spec.license).read_text()
    assert client.get("/static/vendor/manifest.json").status_code == 404
    assert client.get("/static/vendor/other.js").status_code == 404


def test_the_pages_load_only_files_this_server_has(client: TestClient) -> None:
    pages = [map_page.MAP_DIR / "index.html", assets.GRAPHIQL_DIR / "index.html"]
    for page in pages:
        for url in SCRIPT_OR_STYLE.findall(page.read_text()):
            if url.startswith("data:"):
                continue
            assert url.startswith("/"), f"{page.name} loads {url} from elsewhere"
            assert client.get(url).status_code == 200, f"{page.name}: {url}"


def test_missing_library_is_explained(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path / "vendor")
    response = client.get("/static/vendor/cytoscape.min.js")
    assert response.status_code == 503
    assert "cytoscape.min.js is missing" in response.text and "reinstall relgraph" in response.text
