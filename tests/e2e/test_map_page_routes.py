"""The map page's routes without a browser: the page, its static files, the graph library files
(from node_modules or the vendored copy) and the clear answer when the library is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from relgraph.api import map_page


@pytest.fixture()
def client() -> TestClient:
    app = FastAPI()
    map_page.mount_map(app)
    return TestClient(app)


def test_page_is_served_for_any_account_with_a_strict_policy(client: TestClient) -> None:
    for path in ("/map/acc-0001", "/map/some%20id", "/map/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert '<div id="map"' in response.text
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert client.get("/map", follow_redirects=False).status_code == 307


def test_static_files_are_served(client: TestClient) -> None:
    assert "relgraphMap" in client.get("/map/static/map.js").text
    assert "@media print" in client.get("/map/static/map.css").text


def test_library_files_come_from_node_modules(client: TestClient) -> None:
    if map_page.vendor_path("cytoscape.min.js") is None:
        pytest.skip("node_modules is not installed here (npm ci)")
    for spec in map_page.VENDOR_FILES:
        response = client.get(f"/map/static/vendor/{spec.name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/javascript")
        assert len(response.content) > 10_000
    assert client.get("/map/static/vendor/other.js").status_code == 404


def test_missing_library_is_explained(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    monkeypatch.setattr(map_page, "repo_root", lambda: tmp_path)
    monkeypatch.setattr(map_page, "VENDOR_DIR", tmp_path / "vendor")
    response = client.get("/map/static/vendor/cytoscape.min.js")
    assert response.status_code == 503
    assert "npm ci" in response.text and "map_page vendor" in response.text


def test_vendor_copies_the_library_files_and_licences(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    for spec in map_page.VENDOR_FILES:
        source = spec.in_node_modules(root)
        source.parent.mkdir(parents=True)
        source.write_text(f"/* {spec.name} */")
        (root / "node_modules" / spec.package / "LICENSE").write_text("MIT")
    target = tmp_path / "vendor"
    copied = map_page.vendor(root, target)
    assert sorted(p.name for p in copied) == sorted(s.name for s in map_page.VENDOR_FILES)
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [s.name for s in map_page.VENDOR_FILES] + [f"{s.package}.LICENSE"
                                                   for s in map_page.VENDOR_FILES])
    with pytest.raises(FileNotFoundError, match="npm ci"):
        map_page.vendor(tmp_path / "empty", target)
