"""`make bench` works from a fresh clone: `bench/run.py --quick` writes every figure, for both
engines (the embedded FalkorDB and a Neo4j of scripts/neo4j-local).

Benchmarks are not tests: this checks that the command runs end to end (engines, raw baseline,
import, export, paths and the link projection, gaps, `relgraph serve` over HTTP) and reports every
measured figure as a positive number, not how fast anything is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from relgraph.cypher import parse_file
from relgraph.paths import repo_root

BENCH = repo_root() / "bench"

# Every measured figure of a run, by its path in latest.json.
FIGURES = [
    ("import", "rows_per_s"), ("import", "records_per_s"), ("import", "write_statements_s"),
    ("raw_import", "rows_per_s"), ("raw_import", "nodes_per_s"),
    ("raw_import", "relationships_per_s"), ("import_ratio",), ("import_ratio_cpu",),
    ("export", "rows_per_s"), ("export", "records_per_s"),
    ("influence_paths", "p50_ms"), ("influence_paths", "p95_ms"),
    ("native_shortest_path", "p50_ms"), ("native_shortest_path", "p95_ms"),
    ("paths_ratio_p95",), ("projection", "load_s"), ("projection", "links"),
    ("projection", "bytes_per_link"),
    ("gaps_account", "p50_ms"), ("gaps_account", "p95_ms"), ("gaps_account", "contacts"),
    ("gaps_interleaved", "p50_ms"), ("gaps_interleaved", "p95_ms"),
    ("portfolio_gaps", "accounts_per_s"), ("portfolio_gaps", "gaps"),
    ("page_10", "graphql", "p50_ms"), ("page_10", "library", "p50_ms"),
    ("page_10", "statements_per_request"), ("page_10", "ratio_p50"),
    ("page_100", "graphql", "p50_ms"), ("page_100", "library", "p50_ms"),
    ("page_100", "statements_per_request"), ("page_100", "ratio_p50"),
    ("graphql_ratio",), ("api_peak_rss_mb",),
]
ENGINES = ["falkordb", "neo4j"]


def _at(run: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = run
    for key in path:
        assert isinstance(value, dict) and key in value, f"{'.'.join(path)} missing"
        value = value[key]
    return value


@pytest.mark.slow  # ~4 min: two tiny portfolios through every phase, on both engines
@pytest.mark.timeout(900)
def test_quick_bench_reports_every_figure(tmp_path: Path) -> None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the benchmark's Neo4j leg needs {' and '.join(missing)}")
    out = tmp_path / "results"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
        cwd=repo_root(), capture_output=True, text=True, timeout=900, check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("RELGRAPH_")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    result = json.loads((out / "latest.json").read_text())
    assert result["machine"]["cores"] and result["date"]
    assert [(r["engine"], r["size"]) for r in result["runs"]] == [
        (engine, size) for engine in ENGINES for size in (100, 200)]
    for run in result["runs"]:
        assert not run.get("errors"), run["errors"]
        for path in FIGURES:
            value = _at(run, path)
            assert isinstance(value, int | float) and value > 0, \
                f"{run['engine']} {'.'.join(path)} = {value!r}"
        for page in ("page_10", "page_100"):
            assert run[page]["answers_match"] is True
    for engine in ENGINES:
        summary = result["summary"][engine]
        assert set(summary["met"]) == set(result["targets"])
        assert summary["statements_same_for_10_and_100"] == 1.0
        # Every raw baseline statement of bench/raw.cypher ran against the engine.
        assert result["raw_statements_run"][engine] == sorted(
            s.name for s in parse_file(BENCH / "raw.cypher"))

    table = (out / "latest.md").read_text()
    assert "| engine | contacts |" in table and "| target | over | falkordb | neo4j |" in table
    assert "n/a" not in table
