// name: schema_version
// The version of the schema last applied to this database (none on an empty database).
// params:
OPTIONAL MATCH (m:RelgraphMeta {id: 'schema'})
RETURN m.version AS version

// name: set_schema_version
// Record that the schema of this version has been applied.
// params: version
MERGE (m:RelgraphMeta {id: 'schema'})
SET m.version = $version

// name: graph_counts
// How many nodes and relationships the graph holds (status, tests and import summaries).
// params:
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships

// name: clear_graph
// Delete every node of the relationship graph (keeps schema metadata and API keys); tests only.
// params:
MATCH (n)
WHERE NOT n:RelgraphMeta AND NOT n:ApiKey
DETACH DELETE n

// name: account_names
// Names of all accounts, alphabetically (lifecycle checks and quick looks).
// params:
MATCH (a:Account)
RETURN a.name AS name
ORDER BY name
