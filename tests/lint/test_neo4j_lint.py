"""Every Cypher statement relgraph sends must pass Neo4j 5's own parser and semantic analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from relgraph.cypher import Statement, load_catalog
from relgraph.lint import (
    Diagnostic,
    LintItem,
    LintResult,
    declare_parameters,
    lint_statements,
    sample_parameters,
)
from relgraph.paths import repo_root

NEO4J_DDL = repo_root() / "schema" / "neo4j.cypher"


def _file_positions(stmt: Statement) -> list[tuple[int, int]]:
    """For each line of `stmt.text`: its (file line, column offset) in `stmt.path`."""
    # The loader drops comment and blank lines inside a statement and strips its ends, so text
    # lines are matched to file lines in order instead of assuming they follow the header 1:1.
    file_lines = stmt.path.read_text(encoding="utf-8").splitlines()
    positions: list[tuple[int, int]] = []
    cursor = stmt.line  # 0-based index of the line after the header
    for text_line in stmt.text.splitlines():
        wanted = text_line.strip()
        found = next(
            (i for i in range(cursor, len(file_lines)) if file_lines[i].strip() == wanted), None
        )
        if found is None:  # cannot place it: point at the header rather than guess
            positions.append((stmt.line, 0))
            continue
        positions.append((found + 1, max(file_lines[found].find(text_line), 0)))
        cursor = found + 1
    return positions


def _where(stmt: Statement, diagnostic: Diagnostic) -> str:
    """`file:line:column` of a diagnostic in the .cypher file that defines `stmt`."""
    positions = _file_positions(stmt)
    line, offset = positions[min(diagnostic.line, len(positions)) - 1]
    return f"{_relative(stmt.path)}:{line}:{diagnostic.column + offset}"


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(repo_root()))
    except ValueError:
        return str(path)


def _errors(result: LintResult) -> list[str]:
    return [d.message for d in result.errors]


def test_catalog_statements_pass_neo4j_lint() -> None:
    """Zero Neo4j errors in `cypher/`, with exactly each statement's params declared."""
    catalog = load_catalog()
    assert catalog, "the Cypher catalog is empty"
    # Declaring only the statement's own params also catches a `$name` the catalog missed.
    items = [
        LintItem(name, stmt.text, declare_parameters(stmt.params)) for name, stmt in catalog.items()
    ]
    problems = [
        f"{_where(catalog[result.id], d)} {result.id}: {d.message}"
        for result in lint_statements(items)
        for d in result.errors
    ]
    assert not problems, "Neo4j 5 rejects catalog statements:\n" + "\n".join(problems)


def test_neo4j_ddl_passes_neo4j_lint() -> None:
    """`schema/neo4j.cypher` (DDL separated by ';') is valid Neo4j 5 Cypher."""
    if not NEO4J_DDL.is_file():
        pytest.skip(f"{_relative(NEO4J_DDL)} is not written yet")
    text = NEO4J_DDL.read_text(encoding="utf-8")
    assert text.strip(), f"{_relative(NEO4J_DDL)} is empty"
    # The linter splits on ';' and skips comments itself, so its lines are the file's lines.
    [result] = lint_statements([LintItem(NEO4J_DDL.name, text, sample_parameters(text))])
    problems = [f"{_relative(NEO4J_DDL)}:{d.line}:{d.column}: {d.message}" for d in result.errors]
    assert not problems, "Neo4j 5 rejects schema statements:\n" + "\n".join(problems)


# Statements Neo4j 5 must reject, each with words its error message must contain: proof that
# the check can fail. (query, expected words in one error message)
KNOWN_BAD = {
    "size_of_pattern": ("MATCH (a) RETURN size((a)-->())", ["size()"]),
    "exists_property": ("MATCH (n) WHERE exists(n.p) RETURN n", ["exists", "IS NOT NULL"]),
    "undefined_variable": ("MATCH (n) RETURN m", ["Variable `m` not defined"]),
    "undeclared_parameter": ("MATCH (n {id: $id}) RETURN n", ["Parameter $id is not defined"]),
    "unknown_function": ("RETURN apoc.coll.sum([1, 2])", ["apoc.coll.sum", "not present"]),
}
KNOWN_GOOD = "UNWIND $rows AS r MERGE (n:Account {id: r.id}) SET n += r.props"


@pytest.fixture(scope="module")
def known_results() -> dict[str, LintResult]:
    """Lint the known statements in one run (the linter's start-up costs about a second)."""
    items = [LintItem("good", KNOWN_GOOD, sample_parameters(KNOWN_GOOD))]
    # No parameters declared for the bad ones: `undeclared_parameter` depends on it.
    items += [LintItem(key, query, {}) for key, (query, _) in KNOWN_BAD.items()]
    return {result.id: result for result in lint_statements(items)}


@pytest.mark.parametrize("key", sorted(KNOWN_BAD))
def test_known_bad_statement_is_rejected(key: str, known_results: dict[str, LintResult]) -> None:
    """Each known-bad statement gets an error that names its problem."""
    query, words = KNOWN_BAD[key]
    errors = _errors(known_results[key])
    assert any(all(w in message for w in words) for message in errors), (
        f"{query!r}: expected an error mentioning {words}, got {errors or 'none'}"
    )


def test_known_good_statement_passes(known_results: dict[str, LintResult]) -> None:
    """A portable batch upsert is accepted, its one parameter declared by sample_parameters."""
    assert _errors(known_results["good"]) == []


def test_positions_are_one_based_within_the_query(known_results: dict[str, LintResult]) -> None:
    """Positions count from 1, so `file line = first text line + line - 1` holds for callers."""
    [error] = known_results["undefined_variable"].errors
    assert (error.line, error.column) == (1, 18)  # the `m` in `MATCH (n) RETURN m`


def test_sample_parameters_declares_every_name() -> None:
    """Every `$name` gets a value; plural names a list of maps."""
    params = sample_parameters("UNWIND $rows AS r MATCH (a {id: $accountId}) WHERE a.x IN $ids")
    assert params == {"rows": [{}], "accountId": "sample", "ids": [{}]}
