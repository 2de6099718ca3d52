"""Checks Cypher with Neo4j 5's own front end (npm `@neo4j-cypher/language-support`), no server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field

from relgraph.paths import repo_root

ROOT = repo_root()
SCRIPT = ROOT / "tools" / "cypher-lint.mjs"
# Where `npm ci` puts the package; its absence means the Node half was never installed.
PACKAGE_DIR = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"

ERROR = 1
WARNING = 2

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class LintUnavailable(RuntimeError):
    """The Node linter cannot run here (Node.js or node_modules missing, or it crashed)."""


@dataclass(frozen=True)
class LintItem:
    """One statement to lint; `parameters` declares every `$name` it uses."""

    id: str
    query: str
    parameters: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Diagnostic:
    """One finding; severity 1 = error, 2 = warning; line and column 1-based in the query."""

    severity: int
    message: str
    line: int
    column: int


@dataclass(frozen=True)
class LintResult:
    """The findings for one `LintItem`, matched by id."""

    id: str
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        """The severity-1 diagnostics only."""
        return [d for d in self.diagnostics if d.severity == ERROR]


def declare_parameters(names: Iterable[str]) -> dict[str, object]:
    """Placeholder values for parameter `names`: a list of maps for plural names, else a string."""
    # The linter only checks that each parameter name is declared; it never types the values,
    # so any placeholder works. Lists of maps for batch-like names keep them plausible.
    return {name: [{}] if name == "rows" or name.endswith("s") else "sample" for name in names}


def sample_parameters(query: str) -> dict[str, object]:
    """Declare every `$name` that occurs in `query` (backticked names are not recognised)."""
    return declare_parameters(_PARAMETER.findall(query))


def _require_installed() -> str:
    """Return the node executable, or explain how to install what is missing."""
    node = shutil.which("node")
    if node is None:
        raise LintUnavailable(
            f"Node.js (`node`) is not on PATH; install Node.js 20+, then run `npm ci` in {ROOT}"
        )
    if not PACKAGE_DIR.is_dir():
        raise LintUnavailable(f"{PACKAGE_DIR} is missing; run `npm ci` in {ROOT}")
    return node


def _parse_output(stdout: str, items: list[LintItem]) -> list[LintResult]:
    """Turn the script's JSON into results, in the order of `items`."""
    try:
        raw = json.loads(stdout)
        by_id = {
            entry["id"]: [
                Diagnostic(int(d["severity"]), str(d["message"]), int(d["line"]), int(d["column"]))
                for d in entry["diagnostics"]
            ]
            for entry in raw
        }
        return [LintResult(item.id, by_id[item.id]) for item in items]
    except (ValueError, KeyError, TypeError) as exc:
        raise LintUnavailable(f"{SCRIPT.name} printed unexpected output: {exc!r}") from exc


def lint_statements(items: list[LintItem], timeout: float = 600.0) -> list[LintResult]:
    """Lint all `items` in one Node process (its start-up and warm-up dominate small batches)."""
    if len({item.id for item in items}) != len(items):
        raise ValueError("LintItem ids must be unique")
    if not items:
        return []
    node = _require_installed()
    payload = json.dumps(
        [{"id": i.id, "query": i.query, "parameters": i.parameters} for i in items],
        default=str,  # dates and the like: only the parameter names matter to the linter
    )
    proc = subprocess.run(
        [node, str(SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise LintUnavailable(
            f"{SCRIPT.name} exited {proc.returncode}: {proc.stderr.strip() or '(no message)'}"
        )
    return _parse_output(proc.stdout, items)
