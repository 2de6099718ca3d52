"""The DDL of both engines: a unique id for every node label the import writes, same indexes."""

from __future__ import annotations

import re

from relgraph.paths import resource_dir

INGEST = (resource_dir("cypher") / "ingest.cypher").read_text(encoding="utf-8")
FALKORDB = (resource_dir("schema") / "falkordb.cypher").read_text(encoding="utf-8")
NEO4J = (resource_dir("schema") / "neo4j.cypher").read_text(encoding="utf-8")


def written_labels() -> set[str]:
    """Every label of a node the import upserts by id (`MERGE (x:Staff:Person {id: ...})`)."""
    found: set[str] = set()
    for labels in re.findall(r"MERGE \(\w+((?::\w+)+) \{id:", INGEST):
        found.update(labels.strip(":").split(":"))
    return found


def test_every_written_label_has_a_unique_id_on_both_engines() -> None:
    labels = written_labels()
    assert {"Plan", "Commitment", "PlanReview", "OrgAction", "DepartmentAssessment",
            "TierReview"} <= labels
    falkordb_unique = set(re.findall(r"GRAPH\.CONSTRAINT CREATE UNIQUE NODE (\w+) PROPERTIES 1 id",
                                     FALKORDB))
    falkordb_id_index = set(re.findall(r"CREATE INDEX FOR \(n:(\w+)\) ON \(n\.id\)", FALKORDB))
    neo4j_unique = set(re.findall(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", NEO4J))
    assert labels - falkordb_unique == set()
    assert labels - falkordb_id_index == set()
    assert labels - neo4j_unique == set()


def test_both_engines_index_the_same_properties() -> None:
    falkordb = set(re.findall(r"CREATE INDEX FOR \(n:(\w+)\) ON \(n\.(\w+)\)", FALKORDB))
    neo4j = set(re.findall(r"CREATE INDEX \w+ IF NOT EXISTS FOR \(n:(\w+)\) ON \(n\.(\w+)\)",
                           NEO4J))
    assert {p for p in falkordb if p[1] != "id"} == neo4j
    assert {("Plan", "contact"), ("Commitment", "plan"), ("PlanReview", "plan"),
            ("OrgAction", "account"), ("DepartmentAssessment", "orgUnit"),
            ("TierReview", "account")} <= neo4j
