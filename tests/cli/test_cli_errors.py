"""A setting relgraph cannot use, a data folder it cannot create, a URI of the wrong kind or an
engine that does not answer: one line on stderr naming what is wrong, a non-zero exit, nothing
on stdout and no traceback (before: 10 to 50 lines of traceback for the first three)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from relgraph.cli import cli

CASES = [
    ({"RELGRAPH_TIER_RESOURCES": "7:3"}, ["health"],
     "relgraph: RELGRAPH_TIER_RESOURCES: '7:3' is not four shares S:A:B:C such as 7:3:0:0 "
     "(non-negative integers with a positive sum)"),
    ({"RELGRAPH_CADENCE_DAYS_S": "yearly"}, ["gaps"],
     "relgraph: RELGRAPH_CADENCE_DAYS_S: 'yearly': Input should be a valid integer, unable to "
     "parse string as an integer"),
    ({"RELGRAPH_PORT": "http"}, ["serve"],
     "relgraph: RELGRAPH_PORT: 'http': Input should be a valid integer, unable to parse string "
     "as an integer"),
    ({"RELGRAPH_API_MAX_COST": "lots"}, ["serve", "--port", "8765"],
     "relgraph: RELGRAPH_API_MAX_COST: 'lots': Input should be a valid integer, unable to parse "
     "string as an integer"),
    ({"RELGRAPH_DATA_DIR": "/proc/nope"}, ["health"], "relgraph: "),
    ({"RELGRAPH_NEO4J_URI": "http://x"}, ["health"],
     "relgraph: RELGRAPH_NEO4J_URI: 'http://x' is not the address of a Neo4j server, such as "
     "bolt://localhost:7687 (schemes: bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc)"),
    ({"RELGRAPH_NEO4J_URI": "bolt://"}, ["keys", "list"],
     "relgraph: RELGRAPH_NEO4J_URI: 'bolt://' is not the address of a Neo4j server"),
    ({"RELGRAPH_NEO4J_URI": "bolt://127.0.0.1:1"}, ["health"],
     "relgraph: cannot reach Neo4j at bolt://127.0.0.1:1: "),
]


@pytest.mark.parametrize("env,args,starts", CASES)
def test_an_unusable_setting_is_one_line(env: dict[str, str], args: list[str],
                                         starts: str) -> None:
    result = CliRunner().invoke(cli, args, env=env)
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(starts), result.stderr
    assert "Traceback" not in result.output


def test_an_unusable_data_folder_is_named() -> None:
    result = CliRunner().invoke(cli, ["health"], env={"RELGRAPH_DATA_DIR": "/proc/nope"})
    assert "/proc/nope" in result.stderr


def test_commands_that_need_no_settings_run_with_a_bad_one() -> None:
    result = CliRunner().invoke(cli, ["schema", "dataset"], env={"RELGRAPH_PORT": "http"})
    assert result.exit_code == 0 and result.stdout.startswith("{")
