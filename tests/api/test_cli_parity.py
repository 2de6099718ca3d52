"""docs/CONTRACT.md §3: `relgraph paths|gaps|coaches --format json` prints exactly the value of the
matching GraphQL field. Both are asked the same question on the same graph and compared whole;
the GraphQL selections name every field the CLI prints, so a key the API lacks fails the query."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from tests.api.conftest import AS_OF, Api

from relgraph.cli import cli
from relgraph.config import Settings

CONTACT = "id name accountId title rank orgUnitId attitude(asOf: $asOf)"
QUERIES = {
    "influencePaths": (
        ["paths", "--to", "c-cto", "--limit", "3"],
        """query($asOf: Date) { influencePaths(target: "c-cto", limit: 3, asOf: $asOf) {
             strength hops nodes { id name side title account }
             links { type from to strength source interactions lastInteraction explanation } } }""",
    ),
    "coverageGaps": (
        ["gaps", "--account", "acc-n"],
        """query($asOf: Date) { coverageGaps(accountId: "acc-n", asOf: $asOf) {
             kind severity subjectId subjectName accountId message suggestion
             candidates { staffId name rank strength } } }""",
    ),
    "coaches": (
        ["coaches", "--account", "acc-n"],
        f"""query($asOf: Date) {{ coaches(accountId: "acc-n", asOf: $asOf) {{
             contact {{ {CONTACT} }}
             reachesDecisionMaker decisionMakersReached opportunities }} }}""",
    ),
}


def cli_json(settings: Settings, args: list[str]) -> Any:
    result = CliRunner().invoke(
        cli, [*args, "--as-of", AS_OF.isoformat(), "--format", "json"],
        env=settings.engine_environment(),
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_json_is_the_graphql_value(api: Api, engine_settings: Settings) -> None:
    for field, (args, query) in QUERIES.items():
        from_api = api.data(query, {"asOf": AS_OF.isoformat()})[field]
        assert from_api, f"{field}: the fixture graph should give a non-empty answer"
        assert cli_json(engine_settings, args) == from_api, field
