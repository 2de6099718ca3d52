"""The power map page: `/map/{accountId}` and its static files under `/map/static/`.

The page is plain HTML, CSS and JS (`static/map/`) that asks `/graphql` for everything it shows,
so it shows exactly what the caller's API key may see. It draws with cytoscape.js and the
cytoscape-dagre layered layout (both MIT), installed from npm at build time and served by relgraph
itself: nothing is fetched from the internet when the page runs.

Where the graph library comes from, first hit wins:
1. `<checkout>/node_modules/<package>/dist/` (after `npm ci` in a checkout: always current);
2. `relgraph/api/static/vendor/` inside the package (filled by `python -m relgraph.api.map_page
   vendor`, the build step before building a wheel or image; what an installed wheel serves).
When neither has it the page says so, with the command that fixes it.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from relgraph.paths import repo_root

__all__ = ["MAP_DIR", "VENDOR_DIR", "VendorFile", "mount_map", "vendor", "vendor_path"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAP_DIR = STATIC_DIR / "map"
VENDOR_DIR = STATIC_DIR / "vendor"


@dataclass(frozen=True)
class VendorFile:
    """One browser file of an npm package that the page loads from `/map/static/vendor/NAME`."""

    name: str
    package: str
    path: str  # inside the package folder

    def in_node_modules(self, root: Path) -> Path:
        return root / "node_modules" / self.package / self.path


VENDOR_FILES: tuple[VendorFile, ...] = (
    VendorFile("cytoscape.min.js", "cytoscape", "dist/cytoscape.min.js"),
    VendorFile("cytoscape-dagre.min.js", "cytoscape-dagre", "dist/cytoscape-dagre.min.js"),
)
_BY_NAME = {f.name: f for f in VENDOR_FILES}

# The page talks to its own origin only; the library files are served from here too.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}

_MISSING = (
    "// relgraph: the graph-drawing library {name} is not installed.\n"
    "// In a checkout run `npm ci` (or `make setup-dev`); for a package build run\n"
    "// `python -m relgraph.api.map_page vendor` before building the wheel.\n"
)


def vendor_path(name: str) -> Path | None:
    """The file to serve for `/map/static/vendor/NAME`, or None when it is not installed."""
    spec = _BY_NAME.get(name)
    if spec is None:
        return None
    for candidate in (spec.in_node_modules(repo_root()), VENDOR_DIR / name):
        if candidate.is_file():
            return candidate
    return None


def vendor(root: Path | None = None, target: Path = VENDOR_DIR) -> list[Path]:
    """Copy the library files from `<root>/node_modules` into the package (the build step)."""
    source_root = root or repo_root()
    target.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for spec in VENDOR_FILES:
        source = spec.in_node_modules(source_root)
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` in {source_root} first")
        destination = target / spec.name
        shutil.copyfile(source, destination)
        license_file = source.parents[len(Path(spec.path).parts) - 1] / "LICENSE"
        if license_file.is_file():
            shutil.copyfile(license_file, target / f"{spec.package}.LICENSE")
        copied.append(destination)
    return copied


def _page() -> HTMLResponse:
    html = (MAP_DIR / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers=_SECURITY_HEADERS)


def mount_map(app: FastAPI) -> None:
    """Serve the power map page at `/map/{accountId}` (and an account picker at `/map/`)."""

    @app.get("/map/static/vendor/{name}", include_in_schema=False, response_model=None)
    def map_vendor(name: str) -> FileResponse | PlainTextResponse:
        found = vendor_path(name)
        if found is None:
            if name not in _BY_NAME:
                raise HTTPException(status_code=404)
            return PlainTextResponse(
                _MISSING.format(name=name), status_code=503,
                media_type="text/javascript", headers={"Cache-Control": "no-store"},
            )
        return FileResponse(found, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/map/static", StaticFiles(directory=MAP_DIR), name="map-static")

    @app.get("/map", include_in_schema=False)
    def map_root() -> RedirectResponse:
        return RedirectResponse("/map/", status_code=307)

    @app.get("/map/", include_in_schema=False)
    def map_picker() -> HTMLResponse:
        return _page()

    @app.get("/map/{account_id}", include_in_schema=False)
    def map_account(account_id: str) -> HTMLResponse:
        # The page reads the id from its own address and asks the API, with the caller's key.
        return _page()


def _main(argv: list[str]) -> int:
    if argv[:1] != ["vendor"]:
        print("usage: python -m relgraph.api.map_page vendor [CHECKOUT]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else None
    try:
        copied = vendor(root)
    except FileNotFoundError as exc:
        print(f"relgraph: {exc}", file=sys.stderr)
        return 1
    for path in copied:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
