"""The browser libraries relgraph ships in its own package (`static/vendor/`, listed with their
npm package, version and sha384 in `static/vendor/manifest.json`, refreshed by
`scripts/vendor-web-assets`), served at `/static/vendor/NAME`.

The power map (cytoscape.js, cytoscape-dagre) and GraphiQL (React, GraphiQL) load them from here,
so both work offline on a plain `pip install`: no npm, no CDN.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["GRAPHIQL_DIR", "VENDOR_DIR", "VendorFile", "mount_assets", "vendor_files",
           "vendor_path"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
GRAPHIQL_DIR = STATIC_DIR / "graphiql"
_MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}


@dataclass(frozen=True)
class VendorFile:
    """One library file as published on npm: `name` in `static/vendor/`."""

    name: str
    package: str
    version: str
    sha384: str
    license: str


@functools.cache
def vendor_files() -> dict[str, VendorFile]:
    """The manifest's library files by name (its licence-only entries left out)."""
    manifest = json.loads((VENDOR_DIR / "manifest.json").read_text(encoding="utf-8"))
    return {e["name"]: VendorFile(e["name"], e["package"], e["version"], e["sha384"],
                                  e["license"])
            for e in manifest["files"] if "name" in e}


def vendor_path(name: str) -> Path | None:
    """The packaged file for `/static/vendor/NAME`, or None when NAME is not a listed library
    or its file is absent (a broken install)."""
    if name not in vendor_files():
        return None
    path = VENDOR_DIR / name
    return path if path.is_file() else None


_MISSING = ("/* relgraph: the library file {name} is missing from the installed package "
            "(relgraph/api/static/vendor/); reinstall relgraph. */\n")


def mount_assets(app: FastAPI) -> None:
    """Serve the library files at `/static/vendor/` and GraphiQL's own script at
    `/static/graphiql/`."""

    @app.get("/static/vendor/{name}", include_in_schema=False, response_model=None)
    def vendor_file(name: str) -> FileResponse | PlainTextResponse:
        media_type = _MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")
        found = vendor_path(name)
        if found is None:
            if name not in vendor_files():
                raise HTTPException(status_code=404)
            return PlainTextResponse(_MISSING.format(name=name), status_code=503,
                                     media_type=media_type,
                                     headers={"Cache-Control": "no-store"})
        # The files change only with a new relgraph version: an hour of caching is safe.
        return FileResponse(found, media_type=media_type,
                            headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static/graphiql", StaticFiles(directory=GRAPHIQL_DIR), name="graphiql-static")
