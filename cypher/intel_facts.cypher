// The facts of accounts in bulk (relgraph.intel.facts), for coverage gaps, coaches, scores,
// health, power map and network analytics: a few statements per batch of accounts, the rules
// themselves run in Python. Dates are ISO strings; $asOf is the day the question is asked for.
// FalkorDB 4.16 pitfalls these statements avoid (its cached plans go stale when the graph gets
// a relationship type it did not have when the statement first ran):
// (1) a pattern comprehension over a relationship type created later returns that
//     relationship's properties as null, and one over several types (`[:A|B]`) misses the new
//     type — so relationship properties are read with OPTIONAL MATCH + collect, and pattern
//     comprehensions (one type each) read node properties only;
// (2) every variable of one statement has its own name (a name reused in a second pattern
//     comprehension can silently empty it).

// name: intel_accounts
// Accounts ($ids, or every account when $ids is null) with their opportunities, iron-triangle
// team, account sponsors and the competitors that supply them.
// params: ids
MATCH (a:Account)
WHERE $ids IS NULL OR a.id IN $ids
OPTIONAL MATCH (tm:Staff)-[t:ON_TEAM]->(a)
WITH a, collect(CASE WHEN tm IS NULL THEN null ELSE
                {role: t.role, staff: tm {.id, .name, .title, .rank, .role, .active}} END) AS team
OPTIONAL MATCH (k:Competitor)-[sup:SUPPLIES]->(a)
WITH a, team, collect(CASE WHEN k IS NULL THEN null ELSE
                      {id: k.id, name: k.name, position: sup.position} END) AS suppliers
RETURN a {.id, .name, .tier, .partnership} AS account,
       [(o:Opportunity)-[:FOR]->(a) | o {.id, .name, .stage, .value, .closeDate}] AS opportunities,
       team,
       [(sp:Staff)-[:SPONSORS]->(a) | sp {.id, .name, .title, .rank, .role, .active}] AS sponsors,
       suppliers
ORDER BY account.id

// name: intel_units
// The org units of these accounts.
// params: accounts
MATCH (u:OrgUnit)
WHERE u.account IN $accounts
RETURN u.id AS id, u.account AS account, u.name AS name, u.parent AS parent
ORDER BY id

// name: intel_contacts
// The contacts of these accounts with everything the rules read: our staff's OWNS ([staff,
// role]), KNOWS ([staff, strength]) and SPONSORS (staff) links to them, their assessments up to $asOf, decision-chain roles, favoured
// competitors, last interaction up to $asOf, reporting lines (all, history included) and the
// influence they exert.
// params: accounts, asOf
MATCH (c:Contact)
WHERE c.account IN $accounts
OPTIONAL MATCH (so:Staff)-[own:OWNS]->(c)
WITH c, collect(CASE WHEN so IS NULL THEN null ELSE [so.id, own.role] END) AS owns
OPTIONAL MATCH (sk:Staff)-[kn:KNOWS]->(c)
WITH c, owns, collect(CASE WHEN sk IS NULL THEN null ELSE [sk.id, kn.strength] END) AS knows
OPTIONAL MATCH (c)-[dc:IN_DECISION_CHAIN]->(o:Opportunity)
WITH c, owns, knows,
     collect(CASE WHEN o IS NULL THEN null ELSE
             {opportunity: o.id, role: dc.role, stage: o.stage, account: o.account} END) AS chain
OPTIONAL MATCH (c)-[fav:FAVORS]->(k:Competitor)
WITH c, owns, knows, chain,
     collect(CASE WHEN k IS NULL THEN null ELSE
             {id: k.id, name: k.name, strength: fav.strength} END) AS favors
OPTIONAL MATCH (c)-[line:REPORTS_TO]->(boss:Person)
WITH c, owns, knows, chain, favors,
     collect(CASE WHEN boss IS NULL THEN null ELSE
             {manager: boss.id, since: line.since, until: line.until,
              strength: line.strength} END) AS reportsTo
OPTIONAL MATCH (c)-[infl:INFLUENCES]->(p:Person)
WITH c, owns, knows, chain, favors, reportsTo,
     collect(CASE WHEN p IS NULL THEN null ELSE
             {to: p.id, strength: infl.strength, kind: infl.kind} END) AS influences
RETURN c {.id, .name, .account, .orgUnit, .title, .rank, .key, .active, .risingStar} AS contact,
       owns, knows, [(ss:Staff)-[:SPONSORS]->(c) | ss.id] AS sponsors,
       [(c)<-[:OF]-(x:Assessment) WHERE x.date <= $asOf |
        x {.date, .score, .effectiveAttitude, .informationSharing, .guidance}] AS assessments,
       chain, favors,
       reduce(latest = null, day IN [(c)-[:ATTENDED]->(met:Interaction) WHERE met.date <= $asOf |
                                     met.date] |
              CASE WHEN latest IS NULL OR day > latest THEN day ELSE latest END) AS lastInteraction,
       reportsTo, influences
ORDER BY contact.id

// name: intel_shared_interactions
// Derived KNOWS: per (staff member, contact of these accounts), the interactions both attended
// with a date in [$since, $asOf]: how many, the last, and the derived strength
// 1 - prod(1 - w(layer) * 2^(-age / halfLife)) (age in days; see relgraph.intel.common).
// params: accounts, since, asOf, asOfDay, keyWeight, organizationalWeight, generalWeight, halfLife
MATCH (c:Contact)
WHERE c.account IN $accounts
WITH c
MATCH (c)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(s:Staff)
WHERE i.date >= $since AND i.date <= $asOf
WITH s, c, i, date(i.date) AS d
WITH s, c, i.date AS day,
     CASE i.layer WHEN 'key' THEN $keyWeight WHEN 'organizational' THEN $organizationalWeight
                  ELSE $generalWeight END
       * 2.0 ^ (-toFloat($asOfDay - (365 * (d.year - 1) + toInteger(floor((d.year - 1) / 4.0))
                   - toInteger(floor((d.year - 1) / 100.0))
                   + toInteger(floor((d.year - 1) / 400.0)) + d.ordinalDay)) / $halfLife) AS gain
WITH s, c, count(*) AS shared, max(day) AS lastShared, collect(1.0 - gain) AS misses
RETURN s.id AS staff, c.id AS contact, shared, lastShared,
       1.0 - reduce(rest = 1.0, m IN misses | rest * m) AS derived
ORDER BY staff, contact

// name: intel_staff
// Our staff members with these ids (the directory of the people the other statements name).
// params: ids
UNWIND $ids AS sid
MATCH (s:Staff {id: sid})
RETURN s.id AS id, s.name AS name, s.title AS title, s.rank AS rank, s.role AS role,
       s.active AS active
ORDER BY id

// name: intel_a_owned
// Every contact, in any account, of which these staff members are A owner, and whether it is a
// key contact (OWNER_OVERLOADED counts key contacts across the portfolio).
// params: staff, openStages
UNWIND $staff AS sid
MATCH (s:Staff {id: sid})-[:OWNS {role: 'A'}]->(c:Contact)
RETURN sid AS staff, c.id AS contact, c.account AS account, {{key_contact}} AS key
ORDER BY staff, contact

// name: intel_executives
// Active staff members of these ranks (sponsor candidates).
// params: ranks
MATCH (s:Staff)
WHERE s.rank IN $ranks AND coalesce(s.active, true) = true
RETURN s {.id, .name, .title, .rank, .role, .active} AS member
ORDER BY member.id
