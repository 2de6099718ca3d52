// Every statement that writes the relationship graph (here, in ingest.cypher and api_writes.cypher)
// ends with the generation bump, in the same statement as its write:
//   WITH count(*) AS written
//   MERGE (generation:RelgraphMeta {id: 'generation'})
//   ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
//   SET generation.value = generation.value + 1
// (a statement that returns rows puts it before its RETURN, after a WITH of what RETURN needs).
// In-process caches of the graph (relgraph.intel.projection) compare graph_generation with the
// one they were built at. Schema-version and API-key writes do not bump it.

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
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: api_keys_kept
// Every API key with all its properties, to be written back after the graph is dropped
// (`relgraph demo --replace`: relgraph.store.schema.empty_graph).
// params:
MATCH (k:ApiKey)
RETURN properties(k) AS key
ORDER BY k.id

// name: api_keys_restore
// Write back API keys kept by `api_keys_kept` into an emptied graph (each with its properties).
// params: rows
UNWIND $rows AS r
CREATE (k:ApiKey)
SET k = r

// name: graph_generation
// The graph's generation: every write statement of the relationship graph ends by adding 1 to
// `value` in the same statement (atomic with the write), so an unchanged (epoch, value) means an
// unchanged graph. `epoch` is drawn when the marker is created, so that a database rebuilt from
// nothing never repeats an earlier (epoch, value). Null before the first write.
// (`properties`: naming the keys would make Neo4j warn on every call until the first write.)
// params:
OPTIONAL MATCH (g:RelgraphMeta {id: 'generation'})
WITH properties(g) AS marker
RETURN {epoch: marker.epoch, value: marker.value} AS generation

// name: graph_marker
// The generation marker with its write log (relgraph.intel.generation.Marker): graph_generation
// without the log, which every question reads and which can hold a few thousand entries.
// params:
OPTIONAL MATCH (g:RelgraphMeta {id: 'generation'})
RETURN properties(g) AS generation

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
