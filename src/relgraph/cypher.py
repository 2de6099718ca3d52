"""The named Cypher statements of `cypher/*.cypher`, loaded once (aiosql style).

A file holds statements, each under a header:

    // name: coaches_of_account
    // Coaches of an account: contacts whose current attitude is 3.
    // params: accountId, asOf
    MATCH ...

Modules bind the statements they use at import time with `statement("name")`, so a name that
does not exist fails when relgraph starts, not when a user first asks the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from relgraph.errors import UnknownStatement
from relgraph.paths import resource_dir

_HEADER = re.compile(r"^//\s*name:\s*([a-z][a-z0-9_]*)\s*$")
_PARAMS = re.compile(r"^//\s*params:\s*(.*)$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_WRITE = re.compile(r"\b(MERGE|CREATE|SET|DELETE|REMOVE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """One named statement: its text, where it is defined, and the parameters it takes."""

    name: str
    text: str
    doc: str
    path: Path
    line: int
    params: tuple[str, ...]

    @property
    def writes(self) -> bool:
        """Whether the statement changes the graph (Neo4j runs it in a write transaction)."""
        return bool(_WRITE.search(self.text))

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"


class Catalog(Mapping[str, Statement]):
    """All statements by name."""

    def __init__(self, statements: dict[str, Statement]) -> None:
        self._by_name = statements

    def __getitem__(self, name: str) -> Statement:
        try:
            return self._by_name[name]
        except KeyError:
            raise UnknownStatement(
                f"no Cypher statement named {name!r} in {resource_dir('cypher')}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)


def parse_file(path: Path) -> list[Statement]:
    """Split one .cypher file into its named statements; check each header's params line."""
    statements: list[Statement] = []
    name: str | None = None
    start = 0
    doc: list[str] = []
    declared: list[str] | None = None
    body: list[str] = []

    def flush() -> None:
        if name is None:
            return
        text = "\n".join(body).strip()
        if not text:
            raise UnknownStatement(f"{path.name}:{start}: statement {name!r} has no text")
        used = tuple(dict.fromkeys(_PARAM_USE.findall(text)))
        if declared is not None and sorted(declared) != sorted(used):
            raise UnknownStatement(
                f"{path.name}:{start}: {name!r} declares params {sorted(declared)} "
                f"but uses {sorted(used)}"
            )
        statements.append(Statement(name, text, " ".join(doc), path, start, used))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        header = _HEADER.match(line)
        if header:
            flush()
            name, start, doc, declared, body = header.group(1), number, [], None, []
            continue
        params = _PARAMS.match(line)
        if params and name is not None and not body:
            declared = [p.strip().lstrip("$") for p in params.group(1).split(",") if p.strip()]
        elif line.lstrip().startswith("//"):
            if name is not None and not body:
                doc.append(line.lstrip()[2:].strip())
        elif line.strip():
            if name is None:
                raise UnknownStatement(f"{path.name}:{number}: text before the first '// name:'")
            body.append(line)
    flush()
    return statements


@cache
def load_catalog(folder: Path | None = None) -> Catalog:
    """Every statement in the folder (default: relgraph's `cypher/`); names are unique."""
    root = folder or resource_dir("cypher")
    found: dict[str, Statement] = {}
    for path in sorted(root.glob("*.cypher")):
        for stmt in parse_file(path):
            if stmt.name in found:
                raise UnknownStatement(
                    f"statement {stmt.name!r} defined twice: {found[stmt.name].where}, {stmt.where}"
                )
            found[stmt.name] = stmt
    return Catalog(found)


def statement(name: str) -> Statement:
    """The statement called `name`; call at import time so that a typo fails at start-up."""
    return load_catalog()[name]
