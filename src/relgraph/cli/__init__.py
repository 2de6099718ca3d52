"""The `relgraph` command line (docs/CONTRACT.md §3): a thin shell over the library."""

from relgraph.cli import data, db, intel, keys, org, serve  # noqa: F401  (they register commands)
from relgraph.cli.app import cli


def main() -> None:
    cli(prog_name="relgraph")


__all__ = ["cli", "main"]
