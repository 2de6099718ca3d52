"""The GraphQL SDL, printed from the code: `python -m relgraph.api.sdl [--check]` (or
`relgraph schema graphql`) writes `schema/schema.graphql`; `--check` fails when it drifted."""

from __future__ import annotations

import sys
from pathlib import Path

from relgraph.api.app import build_schema
from relgraph.paths import resource_dir


def sdl() -> str:
    return str(build_schema()).rstrip("\n") + "\n"


def sdl_path() -> Path:
    return resource_dir("schema") / "schema.graphql"


HEADER = ("# relgraph GraphQL schema, printed from the code by `relgraph schema graphql`.\n"
          "# Do not edit: change src/relgraph/api and print it again (a test checks it).\n\n")


def document() -> str:
    return HEADER + sdl()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = sdl_path()
    text = document()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} is out of date: run `relgraph schema graphql`", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
