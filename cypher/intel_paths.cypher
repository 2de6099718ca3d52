// Influence paths (relgraph.intel.paths): the bounded neighbourhood of a target is fetched one
// hop level per statement (frontier expansion), ranked in Python. Dates are ISO strings.
// `MATCH (v {id}) WITH v MATCH (v)-...` anchors each expansion on the people given: without the
// WITH, FalkorDB 4.16 may plan it as a scan of every Interaction (by date) or every Staff node.

// name: paths_people
// The people with these ids: name, side, whether active, attitude at $asOf (latest assessment).
// params: ids, asOf
UNWIND $ids AS pid
MATCH (x:Person {id: pid})
RETURN x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       x:Staff AS staff,
       reduce(best = [null, null], pair IN [(x)<-[:OF]-(asm:Assessment) WHERE asm.date <= $asOf |
                                            [asm.date, asm.effectiveAttitude]] |
              CASE WHEN best[0] IS NULL OR pair[0] > best[0] THEN pair ELSE best END)[1]
         AS attitude
ORDER BY id

// name: paths_links_into
// One level of the backward expansion: every link by which someone reaches one of $ids on a
// path — KNOWS and current REPORTS_TO in either direction, INFLUENCES into them, and the
// interactions a staff member and a contact both attended in [$since, $asOf] (derived KNOWS:
// how many, the last, and the derived strength 1 - prod(1 - w(layer) * 2^(-age / halfLife)),
// age in days from the proleptic day numbers of Python's date.toordinal()). One row per link
// type and other end x: x's details (id ... attitude, what decides whether x may be a hop)
// once, and its links of that type as lists of scalars (nested maps cost far more to
// transfer): KNOWS and REPORTS_TO [src, dst, strength], INFLUENCES [src, dst, strength, kind],
// SHARED [src, dst, shared, lastShared, derived].
// params: ids, asOf, since, asOfDay, keyWeight, organizationalWeight, generalWeight, halfLife
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:KNOWS]-(x:Person)
WITH x, collect([startNode(r).id, endNode(r).id, r.strength]) AS found
RETURN 'KNOWS' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       x:Staff AS staff,
       reduce(best = [null, null], pair IN [(x)<-[:OF]-(asm:Assessment) WHERE asm.date <= $asOf |
                                            [asm.date, asm.effectiveAttitude]] |
              CASE WHEN best[0] IS NULL OR pair[0] > best[0] THEN pair ELSE best END)[1]
         AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:REPORTS_TO]-(x:Person)
WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
WITH x, collect([startNode(r).id, endNode(r).id, r.strength]) AS found
RETURN 'REPORTS_TO' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       x:Staff AS staff,
       reduce(best = [null, null], pair IN [(x)<-[:OF]-(asm:Assessment) WHERE asm.date <= $asOf |
                                            [asm.date, asm.effectiveAttitude]] |
              CASE WHEN best[0] IS NULL OR pair[0] > best[0] THEN pair ELSE best END)[1]
         AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (x:Person)-[r:INFLUENCES]->(v)
WITH x, collect([x.id, vid, r.strength, r.kind]) AS found
RETURN 'INFLUENCES' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       x:Staff AS staff,
       reduce(best = [null, null], pair IN [(x)<-[:OF]-(asm:Assessment) WHERE asm.date <= $asOf |
                                            [asm.date, asm.effectiveAttitude]] |
              CASE WHEN best[0] IS NULL OR pair[0] > best[0] THEN pair ELSE best END)[1]
         AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(x:Person)
WHERE i.date >= $since AND i.date <= $asOf
  AND ((v:Staff AND x:Contact) OR (v:Contact AND x:Staff))
WITH vid, x, i, date(i.date) AS d
WITH vid, x, i.date AS day,
     CASE i.layer WHEN 'key' THEN $keyWeight WHEN 'organizational' THEN $organizationalWeight
                  ELSE $generalWeight END
       * 2.0 ^ (-toFloat($asOfDay - (365 * (d.year - 1) + toInteger(floor((d.year - 1) / 4.0))
                   - toInteger(floor((d.year - 1) / 100.0))
                   + toInteger(floor((d.year - 1) / 400.0)) + d.ordinalDay)) / $halfLife) AS gain
WITH vid, x, count(*) AS shared, max(day) AS lastShared, collect(1.0 - gain) AS misses
WITH x, collect([CASE WHEN x:Staff THEN x.id ELSE vid END, CASE WHEN x:Staff THEN vid ELSE x.id END,
                 shared, lastShared, 1.0 - reduce(rest = 1.0, m IN misses | rest * m)]) AS found
RETURN 'SHARED' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       x:Staff AS staff,
       reduce(best = [null, null], pair IN [(x)<-[:OF]-(asm:Assessment) WHERE asm.date <= $asOf |
                                            [asm.date, asm.effectiveAttitude]] |
              CASE WHEN best[0] IS NULL OR pair[0] > best[0] THEN pair ELSE best END)[1]
         AS attitude

// name: paths_links_from_start
// The last level of the backward expansion: only links from a start of the path — an active
// staff member ($from empty) or one of $from — into $ids, as in paths_links_into.
// params: ids, asOf, since, from, asOfDay, keyWeight, organizationalWeight, generalWeight, halfLife
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:KNOWS]-(x:Staff)
WHERE coalesce(x.active, true) = true AND (size($from) = 0 OR x.id IN $from)
WITH x, collect([startNode(r).id, endNode(r).id, r.strength]) AS found
RETURN 'KNOWS' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       true AS staff, null AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:REPORTS_TO]-(x:Staff)
WHERE coalesce(x.active, true) = true AND (size($from) = 0 OR x.id IN $from)
  AND (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
WITH x, collect([startNode(r).id, endNode(r).id, r.strength]) AS found
RETURN 'REPORTS_TO' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       true AS staff, null AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (x:Staff)-[r:INFLUENCES]->(v)
WHERE coalesce(x.active, true) = true AND (size($from) = 0 OR x.id IN $from)
WITH x, collect([x.id, vid, r.strength, r.kind]) AS found
RETURN 'INFLUENCES' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       true AS staff, null AS attitude
UNION ALL
UNWIND $ids AS vid
MATCH (v:Contact {id: vid})
WITH vid, v
MATCH (v)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(x:Staff)
WHERE i.date >= $since AND i.date <= $asOf
  AND coalesce(x.active, true) = true AND (size($from) = 0 OR x.id IN $from)
WITH vid, x, i, date(i.date) AS d
WITH vid, x, i.date AS day,
     CASE i.layer WHEN 'key' THEN $keyWeight WHEN 'organizational' THEN $organizationalWeight
                  ELSE $generalWeight END
       * 2.0 ^ (-toFloat($asOfDay - (365 * (d.year - 1) + toInteger(floor((d.year - 1) / 4.0))
                   - toInteger(floor((d.year - 1) / 100.0))
                   + toInteger(floor((d.year - 1) / 400.0)) + d.ordinalDay)) / $halfLife) AS gain
WITH vid, x, count(*) AS shared, max(day) AS lastShared, collect(1.0 - gain) AS misses
WITH x, collect([x.id, vid, shared, lastShared, 1.0 - reduce(rest = 1.0, m IN misses | rest * m)])
       AS found
RETURN 'SHARED' AS type, found AS links,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active,
       true AS staff, null AS attitude

// name: influence_links_out
// One level of the forward expansion of whom a contact influences: INFLUENCES out of $ids and
// current REPORTS_TO in either direction, with the other end's name and whether it is active.
// params: ids, asOf
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:INFLUENCES]->(x:Contact)
RETURN vid AS head, 'INFLUENCES' AS type, vid AS src, x.id AS dst, r.strength AS strength,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active
UNION ALL
UNWIND $ids AS vid
MATCH (v:Person {id: vid})
WITH vid, v
MATCH (v)-[r:REPORTS_TO]-(x:Contact)
WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until > $asOf)
RETURN vid AS head, 'REPORTS_TO' AS type, startNode(r).id AS src, endNode(r).id AS dst,
       r.strength AS strength,
       x.id AS id, x.name AS name, x.title AS title, x.account AS account, x.active AS active
