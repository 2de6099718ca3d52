"""The import graph of `src/relgraph` has no cycle: every import counts, at module level or in a
function, under `if TYPE_CHECKING:` or not (a function-local import that holds a circle
together is still a circle)."""

from __future__ import annotations

import ast
from pathlib import Path

import relgraph

PACKAGE = Path(relgraph.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The relgraph modules `name` imports anywhere in its text (`from X import y` names the
    module X.y when there is one, else X)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in found if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_every_kind_of_import() -> None:
    known = set(modules())
    # A function-local import (the CLI defers the API) and a relative-free `from pkg import mod`.
    assert "relgraph.api.app" in imports("relgraph.cli.serve", modules()["relgraph.cli.serve"],
                                         known)
    questions = modules()["relgraph.api.schema.questions"]
    assert "relgraph.intel" in imports("relgraph.api.schema.questions", questions, known)
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_of_relgraph_has_no_cycle() -> None:
    found = modules()
    known = set(found)
    graph = {name: imports(name, path, known) for name, path in found.items()}
    assert cycles(graph) == []


def test_the_api_is_one_straight_line() -> None:
    """context <- loaders <- types <- schema: no layer imports one after it."""
    found = modules()
    known = set(found)
    layers = ["relgraph.api.context", "relgraph.api.loaders", "relgraph.api.types",
              "relgraph.api.schema"]

    def layer(module: str) -> int | None:
        return next((i for i, prefix in enumerate(layers)
                     if module == prefix or module.startswith(prefix + ".")), None)

    backwards = sorted(
        (name, target) for name, path in found.items() if (mine := layer(name)) is not None
        for target in imports(name, path, known)
        if (theirs := layer(target)) is not None and theirs > mine)
    assert backwards == []
