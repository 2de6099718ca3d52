"""The power map's files: the map as SVG (the cards with the contacts' names) and as PNG, and the
gap list as CSV holding exactly the API's gaps of the account."""

from __future__ import annotations

import csv
import io
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from e2e_support import ARTIFACTS, BROWSER_TESTS, Browser, Portfolio, Server, open_map

pytestmark = BROWSER_TESTS

ACCOUNT = "acc-0001"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

NAMES = """
query ($id: ID!) { powerMap(accountId: $id) { accountName contacts { id name } } }"""

GAPS = """
query ($id: ID!) { powerMap(accountId: $id) { gaps { kind severity subjectId subjectName accountId
  message suggestion candidates { name strength } } } }"""


def download(page: Any, selector: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        page.click(selector)
    got = info.value
    path = got.path()
    assert path is not None, got.failure()
    return got.suggested_filename, Path(path).read_bytes()


def test_the_map_downloads_as_svg_with_every_drawn_card_and_as_png(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    pm = server.gql(NAMES, {"id": ACCOUNT}, key="reader")["powerMap"]
    names = {c["id"]: c["name"] for c in pm["contacts"]}
    page = open_map(browser, server, ACCOUNT, "reader")
    drawn = set(page.eval_on_selector_all(".card.contact", "cs => cs.map(c => c.dataset.id)"))
    assert drawn

    name, body = download(page, "#export-svg")
    assert name == f"{ACCOUNT}-power-map.svg"
    (ARTIFACTS / "power-map-export.svg").write_bytes(body)
    root = ET.fromstring(body)
    assert root.tag == f"{SVG}svg"
    assert pm["accountName"] in (root.findtext(f"{SVG}title") or "")
    cards = {g.get("data-id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "card"}
    assert set(cards) == drawn
    for cid in drawn:
        g = cards[cid]
        assert g.findtext(f"{SVG}title") == names[cid]
        shown = "".join(g.findall(f"{SVG}text")[0].itertext())
        # the name as drawn (after the rank letter), cut with an ellipsis only when too long
        assert names[cid].startswith(shown.split(" ", 1)[1].rstrip("…")), (cid, shown)
    units = [g for g in root.iter(f"{SVG}g") if g.get("class") == "unit"]
    assert len(units) == page.evaluate("window.relgraphMap.cy.nodes('.unit').length")

    name, body = download(page, "#export-png")
    assert name == f"{ACCOUNT}-power-map.png"
    assert body.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", body[16:24])  # the IHDR chunk comes first
    svg_width, svg_height = float(root.get("width") or 0), float(root.get("height") or 0)
    scale = min(2, 12000 / max(svg_width, svg_height))
    assert (width, height) == (pytest.approx(svg_width * scale, abs=2),
                               pytest.approx(svg_height * scale, abs=2))
    (ARTIFACTS / "power-map-export.png").write_bytes(body)
    assert page.errors == [], page.errors
    assert browser.outside_requests == []


def test_the_gap_list_downloads_as_csv_equal_to_the_apis_gaps(
        large_server: tuple[Server, Portfolio], browser: Browser) -> None:
    server, _ = large_server
    page = open_map(browser, server, ACCOUNT, "reader")
    api = server.gql(GAPS, {"id": ACCOUNT}, key="reader")["powerMap"]["gaps"]
    name, body = download(page, "#gaps-csv")
    assert name.startswith(f"{ACCOUNT}-gaps-") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))

    def key(g: dict[str, Any]) -> tuple[str, ...]:
        return tuple(str(g[k] or "") for k in (
            "severity", "kind", "subjectId", "subjectName", "accountId", "message", "suggestion"))

    assert sorted(key(r) for r in rows) == sorted(key(g) for g in api)
    candidates = {key(g): "; ".join(f"{k['name']} ({k['strength']:.2f})"
                                    if k["strength"] is not None else f"{k['name']} (—)"
                                    for k in g["candidates"]) for g in api}
    assert {key(r): r["candidates"] for r in rows} == candidates
    # in the order of the list on the page
    listed = page.eval_on_selector_all(
        "#gap-list .gap-item", "items => items.map(i => [i.dataset.kind, i.dataset.subject])")
    assert [[r["kind"], r["subjectId"]] for r in rows] == listed
    assert page.errors == [], page.errors
