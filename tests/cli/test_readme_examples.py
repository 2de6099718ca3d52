"""The README's example outputs are what the commands print on the pinned demo (at 100 columns):
`scripts/readme_examples.py` runs each `$ relgraph ...` line of it; `--write` renews them."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from relgraph.paths import repo_root


def _script() -> ModuleType:
    path = repo_root() / "scripts" / "readme_examples.py"
    spec = importlib.util.spec_from_file_location("readme_examples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_readme_shows_what_the_commands_print() -> None:
    script = _script()
    lines = script.README.read_text(encoding="utf-8").split("\n")
    examples = script.examples(lines)
    assert {e.args[0] for e in examples} >= {"paths", "coaches", "gaps", "health", "plans",
                                             "review", "org-relationship", "departments",
                                             "portfolio"}
    assert all("--as-of" in e.args for e in examples)  # pinned: the same output on any day
    fresh: list[list[str]] = []
    script.run_against_demo(lambda relgraph: fresh.extend(script.outputs(lines, relgraph)))
    stale = [" ".join(e.args) for e, now in zip(examples, fresh, strict=True) if now != e.shown]
    assert not stale, ("README outputs differ from the commands' (run "
                       f"`scripts/readme_examples.py --write`): {stale}")


def test_a_cut_example_is_checked_on_its_first_lines() -> None:
    script = _script()
    lines = ["```", "$ relgraph gaps --as-of 2026-11-23", "one", "two", "...", "```"]
    [example] = script.examples(lines)
    assert (example.shown, example.cut) == (["one", "two"], True)
    assert script.outputs(lines, lambda args: "one\ntwo\nthree\n") == [["one", "two"]]
    assert script.rewritten(lines, [["uno", "dos"]]) == [
        "```", "$ relgraph gaps --as-of 2026-11-23", "uno", "dos", "...", "```"]
