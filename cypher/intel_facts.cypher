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
// The org units of these accounts.
// params: accounts
MATCH (u:OrgUnit)
WHERE u.account IN $accounts
RETURN u.id AS id, u.account AS account, u.name AS name, u.parent AS parent
ORDER BY id

// name: intel_contacts
// The contacts of these accounts with everything the rules read, one flat row per contact
// (`link` 'contact', item: its properties) and per link, tagged by `link`: our staff's OWNS
// (value: role), KNOWS (value: strength) and SPONSORS; decision-chain roles (value: role);
// favoured competitors (value: strength); reporting lines, history included (value: strength);
// the influence they exert (value: strength); their assessments up to $asOf (item); their last
// interaction up to $asOf (value: its date). `other` is the id at the far end. Flat rows, not
// a chain of OPTIONAL MATCH + collect per contact: on FalkorDB the chain cost about seven times
// the engine time for the same answer. `WITH` pins each branch to the account's contacts (else
// FalkorDB may start from every assessment).
// params: accounts, asOf
MATCH (c0:Contact)
WHERE c0.account IN $accounts
RETURN 'contact' AS link, c0.id AS contact, null AS other, null AS value,
       c0 {.id, .name, .account, .orgUnit, .title, .rank, .key, .active, .risingStar} AS item
UNION ALL
MATCH (c1:Contact)
WHERE c1.account IN $accounts
WITH c1
MATCH (s1:Staff)-[own:OWNS]->(c1)
RETURN 'owns' AS link, c1.id AS contact, s1.id AS other, own.role AS value, null AS item
UNION ALL
MATCH (c2:Contact)
WHERE c2.account IN $accounts
WITH c2
MATCH (s2:Staff)-[kn:KNOWS]->(c2)
RETURN 'knows' AS link, c2.id AS contact, s2.id AS other, kn.strength AS value, null AS item
UNION ALL
MATCH (c3:Contact)
WHERE c3.account IN $accounts
WITH c3
MATCH (s3:Staff)-[:SPONSORS]->(c3)
RETURN 'sponsors' AS link, c3.id AS contact, s3.id AS other, null AS value, null AS item
UNION ALL
MATCH (c4:Contact)
WHERE c4.account IN $accounts
WITH c4
MATCH (c4)-[dc:IN_DECISION_CHAIN]->(o4:Opportunity)
RETURN 'chain' AS link, c4.id AS contact, o4.id AS other, dc.role AS value,
       {stage: o4.stage, account: o4.account} AS item
UNION ALL
MATCH (c5:Contact)
WHERE c5.account IN $accounts
WITH c5
MATCH (c5)-[fav:FAVORS]->(k5:Competitor)
RETURN 'favors' AS link, c5.id AS contact, k5.id AS other, fav.strength AS value,
       {name: k5.name} AS item
UNION ALL
MATCH (c6:Contact)
WHERE c6.account IN $accounts
WITH c6
MATCH (c6)-[line:REPORTS_TO]->(boss:Person)
RETURN 'reportsTo' AS link, c6.id AS contact, boss.id AS other, line.strength AS value,
       {since: line.since, until: line.until} AS item
UNION ALL
MATCH (c7:Contact)
WHERE c7.account IN $accounts
WITH c7
MATCH (c7)-[infl:INFLUENCES]->(p7:Person)
RETURN 'influences' AS link, c7.id AS contact, p7.id AS other, infl.strength AS value,
       {kind: infl.kind} AS item
UNION ALL
MATCH (c8:Contact)
WHERE c8.account IN $accounts
WITH c8
MATCH (c8)<-[:OF]-(x:Assessment)
WHERE x.date <= $asOf
RETURN 'assessment' AS link, c8.id AS contact, x.id AS other, null AS value,
       x {.date, .score, .effectiveAttitude, .informationSharing, .guidance} AS item
UNION ALL
MATCH (c9:Contact)
WHERE c9.account IN $accounts
WITH c9
MATCH (c9)-[:ATTENDED]->(met:Interaction)
WHERE met.date <= $asOf
RETURN 'lastInteraction' AS link, c9.id AS contact, null AS other, max(met.date) AS value,
       null AS item

// name: intel_shared_interactions
// Derived KNOWS: per contact of these accounts, the interactions with a date in [$since, $asOf]
// that a staff member attended too, packed 'date|layer|staff id' once per (interaction, staff
// member) (relgraph.intel.facts splits them by staff member; relgraph.intel.common.shared_summary
// counts them and computes the derived strength). One row per contact, not per (staff member,
// contact), unordered: on FalkorDB grouping by both nodes and sorting cost the engine about
// 1.4 times this; the strength in Cypher cost twice the engine time of the match itself.
// params: accounts, since, asOf
MATCH (c:Contact)
WHERE c.account IN $accounts
WITH c
MATCH (c)-[:ATTENDED]->(i:Interaction)<-[:ATTENDED]-(s:Staff)
WHERE i.date >= $since AND i.date <= $asOf
RETURN c.id AS contact, collect(i.date + '|' + coalesce(i.layer, '') + '|' + s.id) AS shared

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

// name: intel_roster
// Every active staff member: the candidates for sponsorships and iron-triangle roles (the same
// pool whichever accounts are asked, so an account's suggestions do not depend on the others).
// params:
MATCH (s:Staff)
WHERE coalesce(s.active, true) = true
RETURN s {.id, .name, .title, .rank, .role, .active} AS member
ORDER BY member.id
