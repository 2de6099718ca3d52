"""`relgraph paths|gaps|coaches|influence|powermap|health|scores|review|analytics` on each engine:
json is exactly the library's `to_dict()` list (the GraphQL field's value), csv parses back to
the same values, tables fit the terminal (100 columns off a terminal) by wrapping, bad input is
a one-line error with a non-zero exit."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.support import load

from relgraph.cli import cli
from relgraph.config import Settings
from relgraph.ingest.demo import generate_portfolio
from relgraph.ingest.importer import import_document
from relgraph.intel import coaches, coverage_gaps, influence_paths, power_map
from relgraph.store import GraphStore

AS_OF = "2026-11-01"
DAY = dt.date(2026, 11, 1)


@pytest.fixture()
def graph(store: GraphStore) -> GraphStore:
    doc: dict[str, list[dict[str, Any]]] = {
        "accounts": [{"id": "acc-1", "name": "Northwind Telecom", "tier": "S"}],
        "orgUnits": [{"id": "u1", "account": "acc-1", "name": "Technology"}],
        "staff": [{"id": "s1", "name": "Li Wei", "rank": "B", "role": "account_manager"},
                  {"id": "s2", "name": "Bo Chen", "rank": "A", "role": "executive"}],
        "contacts": [
            {"id": "cto", "account": "acc-1", "orgUnit": "u1", "name": "Ana Ruiz",
             "title": "Chief Technology Officer of the Northwind group, networks and IT",
             "rank": "A"},
            {"id": "arch", "account": "acc-1", "orgUnit": "u1", "name": "Wu Fang", "rank": "C"}],
        "knows": [{"staff": "s1", "contact": "arch", "strength": 0.8}],
        "influences": [{"from": "arch", "to": "cto", "strength": 0.5, "kind": "mentor"}],
        "owners": [{"staff": "s1", "contact": "cto", "role": "A"}],
        "opportunities": [{"id": "o1", "account": "acc-1", "name": "Core 2027",
                           "stage": "opportunity"}],
        "decisionChain": [{"opportunity": "o1", "contact": "cto", "role": "decision_maker"}],
        "assessments": [{"contact": "arch", "date": "2026-06-01", "attitude": 3,
                         "informationSharing": 3, "guidance": 3},
                        {"contact": "cto", "date": "2025-06-01", "attitude": 0},
                        {"contact": "cto", "date": "2026-06-01", "attitude": 2,
                         "informationSharing": 2, "guidance": 2}],
    }
    load(store, doc)
    return store


@pytest.fixture()
def run(graph: GraphStore, engine_settings: Settings) -> Any:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=engine_settings.engine_environment())
    return invoke


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(result: Result, *words: str) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def fits(text: str) -> None:
    assert text.strip()
    assert max(len(line) for line in text.splitlines()) <= 100


def test_gaps_json_is_the_graphql_value_and_table_fits(run: Any, graph: GraphStore) -> None:
    out = ok(run("gaps", "--account", "acc-1", "--as-of", AS_OF, "--format", "json"))
    expected = [g.to_dict() for g in coverage_gaps(graph, "acc-1", as_of=DAY)]
    assert json.loads(out) == expected
    assert {"kind", "severity", "subjectId", "subjectName", "accountId", "message",
            "suggestion"} <= set(expected[0])
    table = ok(run("gaps", "--account", "acc-1", "--as-of", AS_OF))
    fits(table)
    assert table.splitlines()[0].split() == ["SEVERITY", "KIND", "ACCOUNT", "SUBJECT"]
    assert "Ana Ruiz (cto)" in table and table.splitlines()[-1].startswith(f"{len(expected)} gap")
    only = json.loads(ok(run("gaps", "--kind", "OWNER_MISSING_B", "--kind", "no_coach",
                             "--as-of", AS_OF, "--format", "json")))
    # the coach (arch) is not on o1's decision chain: o1 has no coach
    assert [(g["kind"], g["subjectId"]) for g in only] == [("NO_COACH", "o1"),
                                                           ("OWNER_MISSING_B", "cto")]


def test_gaps_bad_input_is_one_line(run: Any) -> None:
    fails(run("gaps", "--kind", "OWNER_MISSING_X"), "unknown gap kind 'OWNER_MISSING_X'",
          "valid kinds: OWNER_MISSING_A", "SINGLE_THREADED")
    fails(run("gaps", "--as-of", "2026-02-30"), "--as-of must be a date")
    fails(run("gaps", "--format", "xml"), "--format must be table or json")
    fails(run("gaps", "--account", "acc-404"), "account 'acc-404' not found")


def test_paths(run: Any, graph: GraphStore) -> None:
    out = ok(run("paths", "--to", "cto", "--as-of", AS_OF, "--format", "json"))
    expected = [p.to_dict() for p in influence_paths(graph, "cto", as_of=DAY)]
    assert json.loads(out) == expected
    assert [[n["id"] for n in p["nodes"]] for p in expected] == [["s1", "arch", "cto"]]
    assert expected[0]["strength"] == 0.4
    assert expected[0]["links"][1] == {
        "type": "INFLUENCES", "from": "arch", "to": "cto", "strength": 0.5,
        "source": "influence", "interactions": None, "lastInteraction": None,
        "explanation": "Wu Fang influences Ana Ruiz (mentor, 0.50)"}
    table = ok(run("paths", "--to", "cto", "--from", "s1", "--max-hops", "2", "--as-of", AS_OF))
    fits(table)
    assert table.splitlines()[0] == "#1  0.400  2 hops  Li Wei → Wu Fang → Ana Ruiz"
    none = ok(run("paths", "--to", "cto", "--from", "s2", "--as-of", AS_OF))
    assert none.strip() == "no path from s2 to cto within 4 hops"
    fails(run("paths", "--to", "nobody"), "contact 'nobody' not found")
    fails(run("paths", "--to", "cto", "--from", "ghost"), "staff member 'ghost' not found")
    fails(run("paths", "--to", "cto", "--max-hops", "9"), "--max-hops must be from 1 to 6")


def test_coaches(run: Any, graph: GraphStore) -> None:
    out = ok(run("coaches", "--account", "acc-1", "--as-of", AS_OF, "--format", "json"))
    assert json.loads(out) == [c.to_dict() for c in coaches(graph, "acc-1", as_of=DAY)]
    assert [(c["contact"]["id"], c["reachesDecisionMaker"]) for c in json.loads(out)] == [
        ("arch", True)]
    fits(ok(run("coaches", "--account", "acc-1", "--as-of", AS_OF)))
    on_o1 = json.loads(ok(run("coaches", "--account", "acc-1", "--opportunity", "o1",
                              "--as-of", AS_OF, "--format", "json")))
    assert on_o1 == []  # arch is not on o1's decision chain
    none = ok(run("coaches", "--account", "acc-1", "--opportunity", "o1", "--as-of", AS_OF))
    assert none.startswith("no coaches on o1")
    pool = json.loads(ok(run("coaches", "--account", "acc-1", "--candidates", "--as-of", AS_OF,
                             "--format", "json")))
    assert [(c["contact"]["id"], c["informationSharing"], c["guidance"]) for c in pool] == [
        ("cto", 2, 2)]
    fails(run("coaches", "--account", "acc-1", "--opportunity", "o9"), "opportunity")


def test_powermap(run: Any, graph: GraphStore) -> None:
    out = ok(run("powermap", "--account", "acc-1", "--as-of", AS_OF, "--format", "json"))
    assert json.loads(out) == power_map(graph, "acc-1", as_of=DAY).to_dict()
    table = ok(run("powermap", "--account", "acc-1", "--as-of", AS_OF))
    fits(table)
    assert table.splitlines()[0] == (
        "Northwind Telecom (acc-1, tier S) — power map as of 2026-11-01")
    assert "  Technology (u1)" in table
    dot = ok(run("powermap", "--account", "acc-1", "--as-of", AS_OF, "--format", "dot"))
    assert dot.startswith('digraph "acc-1"') and dot.rstrip().endswith("}")
    assert "\\n" not in dot  # line breaks are the labels' own (<BR/>), never a literal \n
    assert '<B>Ana Ruiz</B><BR/>Chief Technology Officer of the<BR/>' in dot
    fails(run("powermap", "--account", "acc-1", "--format", "svg"),
          "--format must be table or json or dot")


def test_influence_health_scores_review_analytics(run: Any) -> None:
    influence = json.loads(ok(run("influence", "--from", "arch", "--as-of", AS_OF,
                                  "--format", "json")))
    assert [(i["contact"]["id"], i["strength"], i["hops"]) for i in influence] == [
        ("cto", 0.5, 1)]
    fits(ok(run("influence", "--from", "arch", "--as-of", AS_OF)))
    health = json.loads(ok(run("health", "--as-of", AS_OF, "--format", "json")))
    assert [(h["accountId"], h["keyContacts"], h["coachPresent"]) for h in health] == [
        ("acc-1", 1, True)]
    fits(ok(run("health", "--account", "acc-1", "--as-of", AS_OF)))
    scores = json.loads(ok(run("scores", "--account", "acc-1", "--as-of", AS_OF,
                               "--format", "json")))
    assert [(s["contact"]["id"], s["score"], s["attitude"]) for s in scores] == [
        ("arch", 3.0, 3), ("cto", 2.0, 2)]
    fits(ok(run("scores", "--account", "acc-1", "--as-of", AS_OF)))
    review = json.loads(ok(run("review", "--account", "acc-1", "--since", "2025-12-31",
                               "--until", "2026-12-31", "--as-of", "2026-12-31",
                               "--format", "json")))
    assert [(c["contact"]["id"], c["before"], c["after"], c["direction"])
            for c in review["strengthened"]] == [("cto", 0, 2, "strengthened")]
    assert review["counts"]["strengthened"] == 1 and review["weakened"] == []
    fits(ok(run("review", "--account", "acc-1", "--since", "2025-12-31", "--until",
                "2026-12-31")))
    fails(run("review", "--account", "acc-1", "--since", "2027-01-01", "--until",
              "2026-01-01"), "since")
    analytics = json.loads(ok(run("analytics", "--account", "acc-1", "--as-of", AS_OF,
                                  "--format", "json")))
    assert [h["contact"]["id"] for h in analytics["hiddenInfluencers"]] == ["arch", "cto"]
    assert analytics["singlePointsOfFailure"] == [
        {"staffId": "s1", "name": "Li Wei", "strandedContacts": ["cto"]}]
    fits(ok(run("analytics", "--account", "acc-1", "--as-of", AS_OF)))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def cell(value: Any) -> str:
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(cell(v) for v in value)
    return str(value)


def test_csv_parses_back_to_the_json_values(run: Any) -> None:
    common = ("--as-of", AS_OF)
    gaps = json.loads(ok(run("gaps", *common, "--format", "json")))
    parsed = rows(ok(run("gaps", *common, "--format", "csv")))
    assert [(r["severity"], r["kind"], r["accountId"], r["subjectId"], r["subjectName"],
             r["message"], r["suggestion"]) for r in parsed] == [
        (g["severity"], g["kind"], g["accountId"], g["subjectId"], g["subjectName"],
         g["message"], g["suggestion"]) for g in gaps]
    assert [r["candidates"] for r in parsed] == [
        ";".join(f"{c['name']} ({c['staffId']})" for c in g["candidates"]) for g in gaps]
    health = json.loads(ok(run("health", *common, "--format", "json")))
    assert rows(ok(run("health", *common, "--format", "csv"))) == [
        {k: cell(h[k]) for k in ("accountId", "accountName", "tier", "keyContacts",
                                 "supportiveShare", "ownerCoverage", "cadenceAdherence",
                                 "coachPresent", "health")} for h in health]
    assert float(rows(ok(run("health", *common, "--format", "csv")))[0]["health"]) == \
        health[0]["health"]
    scores = json.loads(ok(run("scores", "--account", "acc-1", *common, "--format", "json")))
    assert rows(ok(run("scores", "--account", "acc-1", *common, "--format", "csv"))) == [
        {"contactId": s["contact"]["id"], "name": s["contact"]["name"],
         "title": cell(s["contact"]["title"]), "rank": s["contact"]["rank"],
         "score": cell(s["score"]), "attitude": cell(s["attitude"]),
         "assessedOn": cell(s["assessedOn"])} for s in scores]
    coach = rows(ok(run("coaches", "--account", "acc-1", *common, "--format", "csv")))
    assert coach == [{"contactId": "arch", "name": "Wu Fang", "title": "", "rank": "C",
                      "attitude": "3", "reachesDecisionMaker": "true",
                      "decisionMakersReached": "cto", "opportunities": ""}]
    pool = rows(ok(run("coaches", "--account", "acc-1", "--candidates", *common,
                       "--format", "csv")))
    assert [(r["contactId"], r["informationSharing"], r["guidance"], r["assessedOn"])
            for r in pool] == [("cto", "2", "2", "2026-06-01")]
    # the annual review as CSV: its attitude changes (the other sections are in the JSON)
    review = rows(ok(run("review", "--account", "acc-1", "--since", "2025-12-31", "--until",
                         "2026-12-31", "--as-of", "2026-12-31", "--format", "csv")))
    assert [(r["contactId"], r["before"], r["after"], r["change"], r["direction"])
            for r in review] == [("cto", "0", "2", "2", "strengthened")]
    fails(run("paths", "--to", "cto", "--format", "csv"), "--format must be table or json")


def words(text: str) -> list[str]:
    return text.replace("→", " ").split()


@pytest.mark.parametrize("columns", [60, 100, 200])
def test_tables_wrap_to_the_terminal_and_lose_nothing(graph: GraphStore,
                                                      engine_settings: Settings,
                                                      columns: int) -> None:
    """Before: cut at 100 columns even with COLUMNS=200, the candidate owners lost."""
    env = {**engine_settings.engine_environment(), "COLUMNS": str(columns)}
    out = ok(CliRunner().invoke(cli, ["gaps", "--as-of", AS_OF], env=env))
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "…" not in out
    flowing = " ".join(out.split())
    for gap in coverage_gaps(graph, None, as_of=DAY):
        assert " ".join(words(gap.message)) in " ".join(words(flowing))
        assert " ".join(words(gap.suggestion)) in " ".join(words(flowing))
    scores = ok(CliRunner().invoke(cli, ["scores", "--account", "acc-1", "--as-of", AS_OF],
                                   env=env))
    assert max(len(line) for line in scores.splitlines()) <= columns
    title = "Chief Technology Officer of the Northwind group, networks and IT"
    assert all(word in scores for word in title.split())
    if columns >= 120:
        assert title in scores  # room for it on one line


def test_coaches_name_the_decision_makers_beside_their_ids(run: Any) -> None:
    out = ok(run("coaches", "--account", "acc-1", "--as-of", AS_OF))
    assert out.splitlines()[0].split() == ["COACH", "ID", "TITLE", "RANK", "REACHES", "DM",
                                           "DECISION", "MAKERS", "REACHED", "OPPORTUNITIES"]
    assert out.splitlines()[1].split() == ["Wu", "Fang", "arch", "-", "C", "yes", "Ana",
                                           "Ruiz", "(cto)", "-"]


def test_gap_kinds_complete_in_the_shell() -> None:
    result = CliRunner().invoke(cli, [], prog_name="relgraph", env={
        "_RELGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "relgraph gaps --kind owner_m",
        "COMP_CWORD": "3"})
    assert result.exit_code == 0
    assert result.stdout.split() == ["plain,OWNER_MISSING_A", "plain,OWNER_MISSING_B",
                                     "plain,OWNER_MISSING_C"]


def test_powermap_dot_renders_as_a_layered_org_chart(store: GraphStore,
                                                     engine_settings: Settings) -> None:
    """A tier-S demo account (199 contacts in 60 units): before, every contact in one row of a
    graph 76,000 pt wide, a literal `\\n` in every label, and Graphviz errors. Now one box per
    unit under its parent, at most six side by side, rendered without a warning."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed: scripts/ensure-graphviz (run by `make "
                    "setup-dev`) installs it as root with apt-get, which is not possible here")
    doc = generate_portfolio(accounts=1, seed=7, as_of=DAY)
    import_document(store, doc)
    account = doc["accounts"][0]["id"]
    dot = CliRunner().invoke(cli, ["powermap", "--account", account, "--as-of", AS_OF,
                                   "--format", "dot"], env=engine_settings.engine_environment())
    assert dot.exit_code == 0, dot.stderr
    drawn = subprocess.run(["dot", "-Tsvg"], input=dot.stdout, capture_output=True, text=True,
                           check=False, timeout=120)
    assert (drawn.returncode, drawn.stderr) == (0, "")
    size = re.search(r'<svg width="(\d+)pt" height="(\d+)pt"', drawn.stdout)
    assert size is not None
    width, height = int(size[1]), int(size[2])
    assert width < 8_000 and height < 12_000, (width, height)
    lines = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn.stdout)]
    units = {u["id"]: u["name"] for u in doc["orgUnits"]}
    for contact in doc["contacts"]:
        assert contact["name"] in lines  # its name alone on the first line of its box
    assert set(units.values()) <= set(lines)
    assert not [line for line in lines if "\\n" in line]
