// The engine's own raw speed, for bench/run.py only: the baseline that relgraph's import and
// influence paths are measured against. These are NOT part of relgraph's catalog (cypher/): no
// relgraph code may call them, they are not shipped in the wheel, and they write under their own
// label `BenchRaw` (and, on FalkorDB, in their own graph). bench/run.py loads them with the
// catalog's own parser (relgraph.cypher.parse_file), so the header format and the params check
// are the same; tests/bench/test_bench_smoke.py runs every one of them on the embedded engine.

// name: raw_merge_nodes
// The plainest upsert an engine can do: one label, one indexed id, a property map.
// params: rows
UNWIND $rows AS r
MERGE (n:BenchRaw {id: r.id})
SET n += r.props

// name: raw_merge_relationships
// The plainest relationship upsert: both ends by indexed id, one type, a property map.
// params: rows
UNWIND $rows AS r
MATCH (a:BenchRaw {id: r.from})
MATCH (b:BenchRaw {id: r.to})
MERGE (a)-[x:BENCH_RAW]->(b)
SET x += r.props

// name: raw_clear
// Delete a slice of the raw benchmark graph; repeat until it answers 0.
// params: limit
MATCH (n:BenchRaw)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

// name: raw_shortest_path
// The engine's native unweighted shortest path between two people, up to 4 hops over any link.
// Directed: FalkorDB 4.16 refuses undirected shortestPath ("does not currently support
// undirected shortestPath traversals"), and one statement must run on both engines.
// params: a, b
MATCH (a:Person {id: $a}), (b:Person {id: $b})
RETURN length(shortestPath((a)-[*..4]->(b))) AS hops

// name: raw_count_nodes
// How many nodes the graph holds. Alone in its statement: FalkorDB answers a lone count of all
// nodes (or relationships, or one label) from its own counters, but scans when two are combined
// (graph_counts, or a UNION of these, took over 30 s at 100k contacts).
// params:
MATCH (n)
RETURN count(n) AS count

// name: raw_count_relationships
// How many relationships the graph holds (alone in its statement, as raw_count_nodes).
// params:
MATCH ()-[r]->()
RETURN count(r) AS count

// name: raw_count_meta
// How many schema and generation markers the graph holds (not rows of the relationship graph).
// params:
MATCH (n:RelgraphMeta)
RETURN count(n) AS count

// name: raw_count_keys
// How many API keys the graph holds (not rows of the relationship graph).
// params:
MATCH (n:ApiKey)
RETURN count(n) AS count
