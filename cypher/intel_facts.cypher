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

// name: intel_account_ids
// The id of every account, in id order (the accounts of a whole-portfolio question).
// params:
MATCH (a:Account)
RETURN a.id AS id
ORDER BY id

// name: intel_units
// The org units of these accounts, in one row (the row cost of Neo4j's driver:
// intel_contacts).
// params: accounts
MATCH (u:OrgUnit)
WHERE u.account IN $accounts
RETURN collect(u {.id, .account, .name, .parent}) AS units

// name: intel_contacts
// The contacts of these accounts with everything the rules read, one row per kind of fact
// (`link`), each with the list of its facts `found`, each fact a flat list of values starting
// with the contact's id (relgraph.intel.facts reads them by position):
//   contact          [id, name, account, orgUnit, title, rank, key, active, risingStar]
//   owns             [contact, staff, role]        our staff's OWNS
//   knows            [contact, staff, strength]    asserted KNOWS
//   sponsors         [contact, staff]
//   chain            [contact, opportunity, role, stage, opportunity's account]
//   favors           [contact, competitor, strength, competitor's name]
//   reportsTo        [contact, manager, strength, since, until]   history included
//   influences       [contact, person, strength, kind]            the influence they exert
//   assessment       [contact, date, score, effectiveAttitude, informationSharing, guidance]
//                    up to $asOf
//   lastInteraction  [contact, date]               their last interaction up to $asOf
// Why this shape: flat facts, not a chain of OPTIONAL MATCH + collect per contact (on
// FalkorDB the chain cost about seven times the engine time for the same answer); one row
// per kind, not per fact, because Neo4j's Python driver spends some 80 us on each row it
// receives: for one account of 249 contacts 42 ms instead of 119 ms (100 accounts: 1.0 s
// instead of 3.5 s), where FalkorDB pays 4-25% more for the collect; and lists by position,
// not maps, because each value of FalkorDB's reply is an object for its client to parse and
// then to decode (maps and placeholders were a third of them: 1.47M values for 10k contacts).
// `WITH` pins each branch to the account's contacts (else FalkorDB may start from every
// assessment).
// params: accounts, asOf
MATCH (c0:Contact)
WHERE c0.account IN $accounts
RETURN 'contact' AS link,
       collect([c0.id, c0.name, c0.account, c0.orgUnit, c0.title, c0.rank, c0.key, c0.active,
                c0.risingStar]) AS found
UNION ALL
MATCH (c1:Contact)
WHERE c1.account IN $accounts
WITH c1
MATCH (s1:Staff)-[own:OWNS]->(c1)
RETURN 'owns' AS link, collect([c1.id, s1.id, own.role]) AS found
UNION ALL
MATCH (c2:Contact)
WHERE c2.account IN $accounts
WITH c2
MATCH (s2:Staff)-[kn:KNOWS]->(c2)
RETURN 'knows' AS link, collect([c2.id, s2.id, kn.strength]) AS found
UNION ALL
MATCH (c3:Contact)
WHERE c3.account IN $accounts
WITH c3
MATCH (s3:Staff)-[:SPONSORS]->(c3)
RETURN 'sponsors' AS link, collect([c3.id, s3.id]) AS found
UNION ALL
MATCH (c4:Contact)
WHERE c4.account IN $accounts
WITH c4
MATCH (c4)-[dc:IN_DECISION_CHAIN]->(o4:Opportunity)
RETURN 'chain' AS link, collect([c4.id, o4.id, dc.role, o4.stage, o4.account]) AS found
UNION ALL
MATCH (c5:Contact)
WHERE c5.account IN $accounts
WITH c5
MATCH (c5)-[fav:FAVORS]->(k5:Competitor)
RETURN 'favors' AS link, collect([c5.id, k5.id, fav.strength, k5.name]) AS found
UNION ALL
MATCH (c6:Contact)
WHERE c6.account IN $accounts
WITH c6
MATCH (c6)-[line:REPORTS_TO]->(boss:Person)
RETURN 'reportsTo' AS link,
       collect([c6.id, boss.id, line.strength, line.since, line.until]) AS found
UNION ALL
MATCH (c7:Contact)
WHERE c7.account IN $accounts
WITH c7
MATCH (c7)-[infl:INFLUENCES]->(p7:Person)
RETURN 'influences' AS link, collect([c7.id, p7.id, infl.strength, infl.kind]) AS found
UNION ALL
MATCH (c8:Contact)
WHERE c8.account IN $accounts
WITH c8
MATCH (c8)<-[:OF]-(x:Assessment)
WHERE x.date <= $asOf
RETURN 'assessment' AS link,
       collect([c8.id, x.date, x.score, x.effectiveAttitude, x.informationSharing,
                x.guidance]) AS found
UNION ALL
MATCH (c9:Contact)
WHERE c9.account IN $accounts
WITH c9
MATCH (c9)-[:ATTENDED]->(met:Interaction)
WHERE met.date <= $asOf
WITH c9, max(met.date) AS latest
RETURN 'lastInteraction' AS link, collect([c9.id, latest]) AS found

// name: intel_shared_interactions
// Derived KNOWS: per contact of these accounts, the interactions with a date in [$since, $asOf]
// that a staff member attended too, packed 'date|layer|staff id' once per (interaction, staff
// member) (relgraph.intel.facts splits them by staff member; relgraph.intel.common.shared_summary
// counts them and computes the derived strength), as one list of [contact id, packed]: per
// contact, not per (staff member, contact), unordered (on FalkorDB grouping by both nodes and
// sorting cost the engine about 1.4 times this; the strength in Cypher twice the engine time
// of the match itself), and in one row (the row cost of Neo4j's driver: intel_contacts; 25 ms
// instead of 36 for one account of 249 contacts, FalkorDB the same within noise).
// params: accounts, since, asOf
MATCH (c:Contact)
WHERE c.account IN $accounts
WITH c
MATCH (c)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(s:Staff)
WHERE i.date >= $since AND i.date <= $asOf
WITH c.id AS contact, collect(i.date + '|' + coalesce(i.layer, '') + '|' + s.id) AS shared
RETURN collect([contact, shared]) AS found

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
// key contact (OWNER_OVERLOADED counts key contacts across the portfolio): one list of
// [staff id, contact id, account, key] in one row (the row cost of Neo4j's driver).
// params: staff, openStages
UNWIND $staff AS sid
MATCH (s:Staff {id: sid})-[:OWNS {role: 'A'}]->(c:Contact)
RETURN collect([sid, c.id, c.account, {{key_contact}}]) AS owned

// name: intel_roster
// Every active staff member: the candidates for sponsorships and iron-triangle roles (the same
// pool whichever accounts are asked, so an account's suggestions do not depend on the others),
// in one row (the row cost of Neo4j's driver: intel_contacts).
// params:
MATCH (s:Staff)
WHERE coalesce(s.active, true) = true
RETURN collect(s {.id, .name, .title, .rank, .role, .active}) AS members
