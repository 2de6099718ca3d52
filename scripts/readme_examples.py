"""The README's example outputs, from the pinned demo: checked by the tests, rewritten on request.

Every `$ relgraph ...` line of a README code block is run (in-process, 100 columns) against the
demo portfolio of `relgraph demo --seed 7 --as-of 2026-11-23`, and the lines after it are its
output. A block that ends with `...` shows the first lines only.

    .venv/bin/python scripts/readme_examples.py          # check: exit 1 and a diff when stale
    .venv/bin/python scripts/readme_examples.py --write  # rewrite README.md's outputs
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
AS_OF = dt.date(2026, 11, 23)
COLUMNS = "100"
MORE = "..."
# The commands whose output the README shows (others, e.g. `import broken.json`, need files).
SHOWN = {"paths", "influence", "coaches", "gaps", "health", "analytics", "plans", "review",
         "org-relationship", "departments", "portfolio", "scores", "powermap"}


@dataclass
class Example:
    """One `$ relgraph ...` line of the README and the output lines after it."""

    line: int  # index of the command line in the README's lines
    args: list[str]
    shown: list[str]  # the output as the README has it (without a final `...`)
    cut: bool  # the README shows only the first lines

    @property
    def end(self) -> int:
        return self.line + 1 + len(self.shown) + (1 if self.cut else 0)


def examples(lines: list[str]) -> list[Example]:
    found: list[Example] = []
    inside = False
    for i, text in enumerate(lines):
        if text.startswith("```"):
            inside = not inside
            continue
        if not (inside and text.startswith("$ relgraph ")):
            continue
        args = shlex.split(text[len("$ relgraph "):])
        if args[0] not in SHOWN:
            continue
        shown: list[str] = []
        for after in lines[i + 1:]:
            if after.startswith("```") or after.startswith("$ "):
                break
            shown.append(after)
        while shown and not shown[-1].strip():
            shown.pop()  # the blank line before the next command of the block
        cut = bool(shown) and shown[-1] == MORE
        found.append(Example(i, args, shown[:-1] if cut else shown, cut))
    return found


def run_against_demo(work: Callable[[Callable[[list[str]], str]], None]) -> None:
    """Load the pinned demo into a private embedded engine and give `work` a runner of
    `relgraph ARGS` that returns its output (the engine is stopped after)."""
    from click.testing import CliRunner

    from relgraph.cli import cli
    from relgraph.config import Settings
    from relgraph.ingest.demo import generate_portfolio
    from relgraph.ingest.importer import import_document
    from relgraph.store import EmbeddedEngine, open_store

    folder = Path(tempfile.mkdtemp(prefix="rg-readme-"))  # short: a unix socket lives here
    settings = Settings(data_dir=folder)
    try:
        store = open_store(settings)
        import_document(store, generate_portfolio(accounts=12, seed=7, as_of=AS_OF))
        env = {**settings.engine_environment(), "COLUMNS": COLUMNS}

        def relgraph(args: list[str]) -> str:
            result = CliRunner().invoke(cli, args, env=env)
            if result.exit_code != 0:
                raise RuntimeError(f"relgraph {shlex.join(args)} failed: {result.output}")
            return result.stdout

        work(relgraph)
    finally:
        EmbeddedEngine(settings).stop()


def outputs(lines: list[str], relgraph: Callable[[list[str]], str]) -> list[list[str]]:
    """What each example prints now, cut like the README cuts it."""
    fresh = []
    for example in examples(lines):
        printed = relgraph(example.args).rstrip("\n").split("\n")
        fresh.append(printed[:len(example.shown)] if example.cut else printed)
    return fresh


def rewritten(lines: list[str], fresh: list[list[str]]) -> list[str]:
    out = list(lines)
    for example, printed in reversed(list(zip(examples(lines), fresh, strict=True))):
        out[example.line + 1:example.end] = printed + ([MORE] if example.cut else [])
    return out


def main(argv: list[str]) -> int:
    lines = README.read_text(encoding="utf-8").split("\n")
    result: list[list[str]] = []
    run_against_demo(lambda relgraph: result.extend(outputs(lines, relgraph)))
    new = rewritten(lines, result)
    if "--write" in argv:
        README.write_text("\n".join(new), encoding="utf-8")
        print(f"{README}: {len(result)} example outputs written")
        return 0
    if new == lines:
        print(f"{README}: {len(result)} example outputs are current")
        return 0
    sys.stdout.writelines(difflib.unified_diff([f"{x}\n" for x in lines],
                                               [f"{x}\n" for x in new],
                                               "README.md", "README.md (the demo now)"))
    return 1


if __name__ == "__main__":
    os.environ.pop("RELGRAPH_NEO4J_URI", None)  # always the embedded engine
    raise SystemExit(main(sys.argv[1:]))
