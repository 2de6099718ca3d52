"""The power map pages: the portfolio at `/map/` and one account's map at `/map/{accountId}`,
with their static files under `/map/static/`.

The pages are plain HTML, CSS and JS (`static/map/`) that ask `/graphql` for everything they
show, so they show exactly what the caller's API key may see. The map draws with cytoscape.js and
the cytoscape-dagre layered layout (both MIT), shipped in the package and served by relgraph
itself (relgraph.api.assets): nothing is fetched from the internet when the pages run.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from relgraph.api.edge import PAGE_HEADERS

__all__ = ["MAP_DIR", "mount_map"]

MAP_DIR = Path(__file__).resolve().parent / "static" / "map"


def _page(name: str) -> HTMLResponse:
    html = (MAP_DIR / name).read_text(encoding="utf-8")
    return HTMLResponse(html, headers=PAGE_HEADERS)


def mount_map(app: FastAPI) -> None:
    """Serve the portfolio at `/map/` and the power map at `/map/{accountId}`."""
    app.mount("/map/static", StaticFiles(directory=MAP_DIR), name="map-static")

    @app.get("/map", include_in_schema=False)
    def map_root() -> RedirectResponse:
        return RedirectResponse("/map/", status_code=307)

    @app.get("/map/", include_in_schema=False)
    def portfolio_page() -> HTMLResponse:
        return _page("portfolio.html")

    @app.get("/map/{account_id}", include_in_schema=False)
    def map_account(account_id: str) -> HTMLResponse:
        # The page reads the id from its own address and asks the API, with the caller's key.
        return _page("index.html")
