"""Where relgraph's own files are: `cypher/` and `schema/` in a checkout, or inside the wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]


def resource_dir(name: str) -> Path:
    """`cypher` or `schema`: the checkout's folder (editable install) or the wheel's copy."""
    in_checkout = _CHECKOUT / name
    if in_checkout.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return in_checkout
    return _PACKAGE / f"_{name}"


def repo_root() -> Path:
    """The checkout's root (tools/, node_modules/ and package.json live there)."""
    return _CHECKOUT
