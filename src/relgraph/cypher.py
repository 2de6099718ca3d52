"""The named Cypher statements of `cypher/*.cypher`, loaded once (aiosql style).

A file holds statements, each under a header:

    // name: coaches_of_account
    // Coaches of an account: contacts whose current attitude is 3.
    // params: accountId, asOf
    MATCH ...

and fragments: a piece of Cypher that several statements share (a rule of the contract written
once), under `// fragment: NAME`, used in a statement as `{{NAME}}`:

    // fragment: key_contact
    // params: openStages
    (c.active = true AND ...)

A statement's text is the expanded one (what the engines and the linter see), and its
`// params:` line must list exactly the `$params` of that expanded text. Modules bind the
statements they use at import time with `statement("name")`, so a name that does not exist
fails when relgraph starts, not when a user first asks the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from relgraph.errors import UnknownStatement
from relgraph.paths import resource_dir

_HEADER = re.compile(r"^//\s*(name|fragment):\s*([a-z][a-z0-9_]*)\s*$")
_INCLUDE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
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


@dataclass(frozen=True)
class _Block:
    """A named piece of a file as written: a statement or a fragment, before expansion."""

    kind: str  # "name" (a statement) or "fragment"
    name: str
    text: str
    doc: str
    path: Path
    line: int
    declared: tuple[str, ...] | None  # the `// params:` line, when there is one

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"


def _blocks(path: Path) -> list[_Block]:
    """Split one .cypher file into its statements and fragments, in file order."""
    blocks: list[_Block] = []
    kind: str | None = None
    name = ""
    start = 0
    doc: list[str] = []
    declared: list[str] | None = None
    body: list[str] = []

    def flush() -> None:
        if kind is None:
            return
        text = "\n".join(body).strip()
        if not text:
            raise UnknownStatement(f"{path.name}:{start}: {kind} {name!r} has no text")
        blocks.append(_Block(kind, name, text, " ".join(doc), path, start,
                             None if declared is None else tuple(declared)))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        header = _HEADER.match(line)
        if header:
            flush()
            kind, name = header.group(1), header.group(2)
            start, doc, declared, body = number, [], None, []
            continue
        params = _PARAMS.match(line)
        if params and kind is not None and not body:
            declared = [p.strip().lstrip("$") for p in params.group(1).split(",") if p.strip()]
        elif line.lstrip().startswith("//"):
            if kind is not None and not body:
                doc.append(line.lstrip()[2:].strip())
        elif line.strip():
            if kind is None:
                raise UnknownStatement(f"{path.name}:{number}: text before the first '// name:'")
            body.append(line)
    flush()
    return blocks


def _expanded(block: _Block, fragments: Mapping[str, _Block]) -> str:
    """The block's text with each `{{fragment}}` replaced by the fragment's text."""

    def fragment(match: re.Match[str]) -> str:
        found = fragments.get(match.group(1))
        if found is None:
            raise UnknownStatement(f"{block.where}: {block.name!r} uses an unknown fragment "
                                   f"{{{{{match.group(1)}}}}}")
        if _INCLUDE.search(found.text):
            raise UnknownStatement(f"{found.where}: fragment {found.name!r} uses another "
                                   "fragment; fragments are one level deep")
        return found.text

    return _INCLUDE.sub(fragment, block.text)


def _checked(block: _Block, text: str) -> tuple[str, ...]:
    """The `$params` of `text`, which must be exactly those the block's header declares."""
    used = tuple(dict.fromkeys(_PARAM_USE.findall(text)))
    if block.declared is not None and sorted(block.declared) != sorted(used):
        raise UnknownStatement(
            f"{block.where}: {block.name!r} declares params {sorted(block.declared)} "
            f"but uses {sorted(used)}"
        )
    return used


def _fragments(blocks: list[_Block]) -> dict[str, _Block]:
    found: dict[str, _Block] = {}
    for block in blocks:
        if block.kind != "fragment":
            continue
        if block.name in found:
            raise UnknownStatement(f"fragment {block.name!r} defined twice: "
                                   f"{found[block.name].where}, {block.where}")
        _checked(block, block.text)
        found[block.name] = block
    return found


def _statements(blocks: list[_Block], fragments: Mapping[str, _Block]) -> list[Statement]:
    statements: list[Statement] = []
    for block in blocks:
        if block.kind == "name":
            text = _expanded(block, fragments)
            statements.append(Statement(block.name, text, block.doc, block.path, block.line,
                                        _checked(block, text)))
    return statements


def parse_file(path: Path) -> list[Statement]:
    """The named statements of one .cypher file (fragments: those of the same file); each
    header's params line is checked against the expanded text."""
    blocks = _blocks(path)
    return _statements(blocks, _fragments(blocks))


@cache
def load_catalog(folder: Path | None = None) -> Catalog:
    """Every statement in the folder (default: relgraph's `cypher/`); names are unique."""
    root = folder or resource_dir("cypher")
    blocks = [block for path in sorted(root.glob("*.cypher")) for block in _blocks(path)]
    found: dict[str, Statement] = {}
    for stmt in _statements(blocks, _fragments(blocks)):
        if stmt.name in found:
            raise UnknownStatement(
                f"statement {stmt.name!r} defined twice: {found[stmt.name].where}, {stmt.where}"
            )
        found[stmt.name] = stmt
    return Catalog(found)


def statement(name: str) -> Statement:
    """The statement called `name`; call at import time so that a typo fails at start-up."""
    return load_catalog()[name]
