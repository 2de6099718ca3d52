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
// Delete every node of the relationship graph, keeping schema metadata and API keys
// (`relgraph demo --replace`, and tests between cases).
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

// name: meta_node_count
// Nodes that are not part of the relationship graph (schema marker, API keys).
// params:
MATCH (n)
WHERE n:RelgraphMeta OR n:ApiKey
RETURN count(n) AS count
