"""Every statement that writes the relationship graph bumps the graph's generation in the same
statement, so that an in-process projection of the graph can never go stale unnoticed."""

from __future__ import annotations

from relgraph.cypher import _blocks, load_catalog, resource_dir

BUMP = """WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1"""
# Writes that are not the relationship graph: schema marker and API keys.
NOT_THE_GRAPH = {"set_schema_version", "api_key_create", "api_key_revoke", "api_keys_delete",
                 "api_keys_restore"}
# The bump as it stands before a RETURN: the same three lines after a WITH of the rows needed.
BUMP_BEFORE_RETURN = BUMP.split("\n", 1)[1]
# The bump that also logs what the write touched (cypher/fragments.cypher: logged_bump), after
# a WITH that binds `tokens`.
LOGGED = next(b.text for b in _blocks(resource_dir("cypher") / "fragments.cypher")
              if b.name == "logged_bump").strip()


def _ends_with_a_bump(text: str) -> bool:
    """The statement's last clauses are a bump: plain, or logged after a WITH of its tokens."""
    if text.endswith(BUMP):
        return True
    head, found, tail = text.rpartition(LOGGED)
    return bool(found) and not tail.strip() and " AS tokens" in head.rpartition("WITH ")[2]


def _bump_before_return(text: str) -> bool:
    """The bump comes after every write clause, and only the answer follows it."""
    for bump in (BUMP_BEFORE_RETURN, LOGGED):
        head, found, tail = text.rpartition(bump)
        if found:
            return "RETURN" not in head and not any(
                clause in tail for clause in ("MERGE", "CREATE", "SET ", "DELETE", "REMOVE"))
    return False


def test_every_graph_write_ends_with_the_generation_bump() -> None:
    writes = {name: s for name, s in load_catalog().items() if s.writes}
    assert set(writes) >= NOT_THE_GRAPH
    missing = []
    for name, stmt in sorted(writes.items()):
        if name in NOT_THE_GRAPH:
            continue
        text = stmt.text.strip()
        fine = _bump_before_return(text) if "RETURN" in text else _ends_with_a_bump(text)
        if not fine:
            missing.append(f"{name} ({stmt.where})")
    assert not missing, "write statements without the generation bump: " + ", ".join(missing)
    # the ones this suite knows of, so that a rename cannot slip through unnoticed
    assert {"upsert_contacts", "upsert_interactions", "clear_graph", "api_remove_owner",
            "api_erase_sensitive"} <= set(writes)
