// The link projection of influence paths (relgraph.intel.projection): a few bulk reads of every
// person and every link a path may use, held in compact arrays in the process and rebuilt when
// the graph's generation (meta.cypher) changes. What depends on the as-of day (current reporting
// lines, attitudes, derived KNOWS) is resolved in Python, so these statements take no date.
// The FalkorDB client costs microseconds per returned value: large lists come back as one
// packed string per item where the fields allow it (fixed-format fields first, the free-text id
// last, so that `split('|', n)` is exact whatever the id holds).

// name: projection_people
// Every person: name, title, account, whether active, and whether one of our staff.
// params:
MATCH (p:Person)
RETURN p.id AS id, p.name AS name, p.title AS title, p.account AS account, p.active AS active,
       p:Staff AS staff

// name: projection_assessments
// Every assessment of a contact, packed as 'date|effectiveAttitude|contactId'.
// params:
MATCH (a:Assessment)-[:OF]->(c:Contact)
RETURN collect(a.date + '|' + coalesce(toString(a.effectiveAttitude), '') + '|' + c.id)
         AS assessments

// name: projection_knows
// Every asserted KNOWS, in its stored direction, with its strength (null: none given).
// params:
MATCH (a:Person)-[k:KNOWS]->(b:Person)
RETURN a.id AS src, b.id AS dst, k.strength AS strength

// name: projection_reporting_lines
// Every reporting line (history included: the day decides which are current), with its dates.
// params:
MATCH (a:Person)-[l:REPORTS_TO]->(b:Person)
RETURN a.id AS src, b.id AS dst, l.strength AS strength, l.since AS since, l.until AS until

// name: projection_influences
// Every INFLUENCES link with its strength and kind.
// params:
MATCH (a:Person)-[i:INFLUENCES]->(b:Person)
RETURN a.id AS src, b.id AS dst, i.strength AS strength, i.kind AS kind

// name: projection_shared_interactions
// For each of these staff members, every interaction it attended with a contact, once per
// contact, packed as 'date|layer|contactId' (the derived KNOWS of a day are computed from them).
// params: staff
UNWIND $staff AS sid
MATCH (s:Staff {id: sid})
WITH sid, s
MATCH (s)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(c:Contact)
RETURN sid AS staff, collect(i.date + '|' + coalesce(i.layer, '') + '|' + c.id) AS shared
