// Writes of a relgraph/1 import: one statement per kind and batch, so that each batch is atomic
// on both engines. Every statement upserts by the record's id or natural key; `props` holds the
// record's own properties under the document's camelCase names (null removes a property).

// name: upsert_accounts
// Upsert accounts by id.
// params: rows
UNWIND $rows AS r
MERGE (a:Account {id: r.id})
SET a += r.props
WITH collect(DISTINCT 'a:' + a.id) AS tokens
{{logged_bump}}

// name: upsert_org_units
// Upsert org units by id (their PART_OF links are written by link_org_units).
// params: rows
UNWIND $rows AS r
MERGE (u:OrgUnit {id: r.id})
SET u += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_org_units
// (Re)link each org unit to its parent unit, or to its account when it has no parent.
// params: rows
UNWIND $rows AS r
MATCH (u:OrgUnit {id: r.id})
MATCH (a:Account {id: r.account})
OPTIONAL MATCH (p:OrgUnit {id: r.parent})
WITH u, coalesce(p, a) AS target
OPTIONAL MATCH (u)-[old:PART_OF]->(x)
WHERE x.id <> target.id
DELETE old
WITH DISTINCT u, target
MERGE (u)-[:PART_OF]->(target)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_staff
// Upsert our staff members (:Person:Staff) by id. Both labels in the MERGE: adding a label to a
// node just created (`SET s:Person`) made FalkorDB write 5x slower (bench/run.py, issue 8).
// params: rows
UNWIND $rows AS r
MERGE (s:Staff:Person {id: r.id})
SET s += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_contacts
// Upsert client contacts (:Person:Contact) by id, with WORKS_AT their account. Both labels in
// the MERGE, as for staff (a label added after creation is slow on FalkorDB). Logs the
// contact's account before and after, and its owners (an A owner's count of key contacts
// elsewhere changes with its rank and key flag; every owner, as the role is a relationship
// property, which a pattern comprehension must not read on FalkorDB); a batch of more than 100,
// or one whose rows do not all reach the end, logs nothing.
// params: rows
UNWIND $rows AS r
MERGE (c:Contact:Person {id: r.id})
WITH c, r, c.account AS before
SET c += r.props
WITH c, r, before
MATCH (a:Account {id: r.account})
OPTIONAL MATCH (c)-[old:WORKS_AT]->(x)
WHERE x.id <> a.id
DELETE old
WITH DISTINCT c, a, before
MERGE (c)-[:WORKS_AT]->(a)
WITH c, CASE WHEN size($rows) > 100 THEN [] ELSE
          ['a:' + before, 'a:' + a.id] + [(ao:Staff)-[:OWNS]->(c) | 's:' + ao.id] END AS mine
UNWIND mine AS t
WITH collect(DISTINCT t) AS touched, count(DISTINCT c) AS reached
WITH CASE WHEN reached < size($rows) THEN null ELSE touched END AS tokens
{{logged_bump}}

// name: link_contact_units
// (Re)link contacts to their org unit (MEMBER_OF); a contact without a unit keeps none. Logs
// the contacts' accounts (no row is dropped after a write: the unit is an OPTIONAL MATCH).
// params: rows
UNWIND $rows AS r
MATCH (c:Contact {id: r.id})
OPTIONAL MATCH (c)-[old:MEMBER_OF]->(x)
WHERE r.orgUnit IS NULL OR x.id <> r.orgUnit
DELETE old
WITH DISTINCT c, r
OPTIONAL MATCH (u:OrgUnit {id: r.orgUnit})
FOREACH (unit IN CASE WHEN u IS NULL THEN [] ELSE [u] END | MERGE (c)-[:MEMBER_OF]->(unit))
WITH collect(DISTINCT 'a:' + c.account) AS tokens
{{logged_bump}}

// name: upsert_competitors
// Upsert competitors by id.
// params: rows
UNWIND $rows AS r
MERGE (k:Competitor {id: r.id})
SET k += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_opportunities
// Upsert opportunities by id, with FOR their account.
// params: rows
UNWIND $rows AS r
MERGE (o:Opportunity {id: r.id})
SET o += r.props
WITH o, r
MATCH (a:Account {id: r.account})
OPTIONAL MATCH (o)-[old:FOR]->(x)
WHERE x.id <> a.id
DELETE old
WITH DISTINCT o, a
MERGE (o)-[:FOR]->(a)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_reporting_lines
// Upsert formal reporting lines, keyed by (person, manager, since) so that history is kept.
// params: rows
UNWIND $rows AS r
MATCH (p:Person {id: r.person})
MATCH (m:Person {id: r.manager})
MERGE (p)-[l:REPORTS_TO {key: r.key}]->(m)
SET l += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_influences
// Upsert informal influence, one link per (from, to).
// params: rows
UNWIND $rows AS r
MATCH (a:Person {id: r.from})
MATCH (b:Person {id: r.to})
MERGE (a)-[i:INFLUENCES]->(b)
SET i += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_knows
// Upsert asserted working relationships of our staff with contacts.
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (c:Contact {id: r.contact})
MERGE (s)-[k:KNOWS]->(c)
SET k += r.props
WITH collect(DISTINCT 'a:' + c.account) AS tokens
{{logged_bump}}

// name: upsert_owners
// Upsert relationship-owner roles, keyed by (staff, contact, role).
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (c:Contact {id: r.contact})
MERGE (s)-[:OWNS {role: r.role}]->(c)
WITH collect(DISTINCT 'a:' + c.account)
     + collect(DISTINCT CASE WHEN r.role = 'A' THEN 's:' + s.id END) AS tokens
{{logged_bump}}

// name: upsert_contact_sponsors
// Upsert personal executive sponsors of contacts.
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (c:Contact {id: r.contact})
MERGE (s)-[:SPONSORS]->(c)
WITH collect(DISTINCT 'a:' + c.account) AS tokens
{{logged_bump}}

// name: upsert_account_sponsors
// Upsert account sponsors.
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (a:Account {id: r.account})
MERGE (s)-[:SPONSORS]->(a)
WITH collect(DISTINCT 'a:' + a.id) AS tokens
{{logged_bump}}

// name: upsert_teams
// Upsert account-team (iron triangle) memberships, keyed by (staff, account, role).
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (a:Account {id: r.account})
MERGE (s)-[:ON_TEAM {role: r.role}]->(a)
WITH collect(DISTINCT 'a:' + a.id) AS tokens
{{logged_bump}}

// name: upsert_interactions
// Upsert interactions by id; attendees (staff and contacts) ATTENDED it, stale attendees removed.
// The account and opportunity it is about are the indexed properties `account`/`opportunity`.
// Logs the accounts it touches: the interaction's account before and after, and the accounts of
// its contacts before and after (a batch with an interaction without attendees, whose row the
// attendee step drops, logs nothing: everything is then stale). For batches of up to 100:
// bigger ones are written by upsert_interactions_bulk.
// params: rows
UNWIND $rows AS r
MERGE (i:Interaction {id: r.id})
WITH i, r, [i.account] + [(q0:Contact)-[:ATTENDED]->(i) | q0.account] AS was
SET i += r.props
WITH i, r, was
OPTIONAL MATCH (p:Person)-[old:ATTENDED]->(i)
WHERE NOT p.id IN r.people
DELETE old
WITH DISTINCT i, r, was
UNWIND r.people AS pid
MATCH (p:Person {id: pid})
MERGE (p)-[:ATTENDED]->(i)
WITH was + [p.account, i.account] AS mine
UNWIND mine AS t
WITH collect(DISTINCT 'a:' + toString(t)) AS touched
WITH CASE WHEN any(x IN $rows WHERE size(x.people) = 0) THEN null ELSE touched END AS tokens
{{logged_bump}}

// name: upsert_interactions_bulk
// Upsert interactions by id; attendees (staff and contacts) ATTENDED it, stale attendees removed.
// The account and opportunity it is about are the indexed properties `account`/`opportunity`.
// The writer's statement for batches of more than 100 (relgraph.ingest.writer.LOGGED_ROWS):
// upsert_interactions without the log, which cost a big import 40% more time in this statement
// and would log nothing anyway (more than 100 accounts, or too many to be worth keeping).
// params: rows
UNWIND $rows AS r
MERGE (i:Interaction {id: r.id})
SET i += r.props
WITH i, r
OPTIONAL MATCH (p:Person)-[old:ATTENDED]->(i)
WHERE NOT p.id IN r.people
DELETE old
WITH DISTINCT i, r
UNWIND r.people AS pid
MATCH (p:Person {id: pid})
MERGE (p)-[:ATTENDED]->(i)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_assessments
// Upsert dated assessments (id = contact@date) with OF their contact.
// params: rows
UNWIND $rows AS r
MERGE (x:Assessment {id: r.id})
SET x += r.props
WITH x, r
MATCH (c:Contact {id: r.contact})
MERGE (x)-[:OF]->(c)
WITH collect(DISTINCT 'a:' + c.account) AS tokens
{{logged_bump}}

// name: upsert_supplies
// Upsert which competitor supplies which account, and in what position.
// params: rows
UNWIND $rows AS r
MATCH (k:Competitor {id: r.competitor})
MATCH (a:Account {id: r.account})
MERGE (k)-[s:SUPPLIES]->(a)
SET s += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_favors
// Upsert a contact's favour for a competitor.
// params: rows
UNWIND $rows AS r
MATCH (c:Contact {id: r.contact})
MATCH (k:Competitor {id: r.competitor})
MERGE (c)-[f:FAVORS]->(k)
SET f += r.props
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_decision_chain
// Upsert decision-chain membership, one role per (opportunity, contact).
// params: rows
UNWIND $rows AS r
MATCH (c:Contact {id: r.contact})
MATCH (o:Opportunity {id: r.opportunity})
MERGE (c)-[d:IN_DECISION_CHAIN]->(o)
SET d.role = r.role
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_opportunity_team
// Upsert opportunity-team memberships, keyed by (opportunity, staff, role).
// params: rows
UNWIND $rows AS r
MATCH (s:Staff {id: r.staff})
MATCH (o:Opportunity {id: r.opportunity})
MERGE (s)-[:ON_OPPORTUNITY_TEAM {role: r.role}]->(o)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// --- The management cycle: plans with their commitments and reviews, organizational actions,
// department assessments, tier reviews. Each record is a node upserted by id; its references
// stay properties (indexed where reads filter: contact, plan, account, orgUnit) and each one is
// also a link to the node it names. A link whose target changed is replaced, not added to.

// name: upsert_plans
// Upsert key-relationship plans by id, each TARGETS its contact.
// params: rows
UNWIND $rows AS r
MERGE (p:Plan {id: r.id})
SET p += r.props
WITH p, r
MATCH (c:Contact {id: r.contact})
OPTIONAL MATCH (p)-[old:TARGETS]->(x)
WHERE x.id <> c.id
DELETE old
WITH DISTINCT p, c
MERGE (p)-[:TARGETS]->(c)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_plan_owners
// (Re)link each plan to its owner: the staff member OWNS_PLAN it (one owner per plan).
// params: rows
UNWIND $rows AS r
MATCH (p:Plan {id: r.id})
MATCH (s:Staff {id: r.staff})
OPTIONAL MATCH (x)-[old:OWNS_PLAN]->(p)
WHERE x.id <> s.id
DELETE old
WITH DISTINCT p, s
MERGE (s)-[:OWNS_PLAN]->(p)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_plan_sponsors
// (Re)link each plan to its senior sponsor: the staff member SPONSORS_PLAN it (one per plan).
// params: rows
UNWIND $rows AS r
MATCH (p:Plan {id: r.id})
MATCH (s:Staff {id: r.staff})
OPTIONAL MATCH (x)-[old:SPONSORS_PLAN]->(p)
WHERE x.id <> s.id
DELETE old
WITH DISTINCT p, s
MERGE (s)-[:SPONSORS_PLAN]->(p)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_plan_opportunities
// (Re)link each plan to the opportunity it serves (FOR_OPPORTUNITY); a plan without one keeps none.
// params: rows
UNWIND $rows AS r
MATCH (p:Plan {id: r.id})
OPTIONAL MATCH (p)-[old:FOR_OPPORTUNITY]->(x)
WHERE r.opportunity IS NULL OR x.id <> r.opportunity
DELETE old
WITH DISTINCT p, r
MATCH (o:Opportunity {id: r.opportunity})
MERGE (p)-[:FOR_OPPORTUNITY]->(o)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_commitments
// Upsert plan commitments by id, each OF_PLAN its plan.
// params: rows
UNWIND $rows AS r
MERGE (m:Commitment {id: r.id})
SET m += r.props
WITH m, r
MATCH (p:Plan {id: r.plan})
OPTIONAL MATCH (m)-[old:OF_PLAN]->(x)
WHERE x.id <> p.id
DELETE old
WITH DISTINCT m, p
MERGE (m)-[:OF_PLAN]->(p)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_plan_reviews
// Upsert plan reviews by id, each REVIEWS its plan.
// params: rows
UNWIND $rows AS r
MERGE (v:PlanReview {id: r.id})
SET v += r.props
WITH v, r
MATCH (p:Plan {id: r.plan})
OPTIONAL MATCH (v)-[old:REVIEWS]->(x)
WHERE x.id <> p.id
DELETE old
WITH DISTINCT v, p
MERGE (v)-[:REVIEWS]->(p)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_plan_reviewers
// (Re)link each plan review to the staff member who REVIEWED it; a review without one keeps none.
// params: rows
UNWIND $rows AS r
MATCH (v:PlanReview {id: r.id})
OPTIONAL MATCH (x)-[old:REVIEWED]->(v)
WHERE r.staff IS NULL OR x.id <> r.staff
DELETE old
WITH DISTINCT v, r
MATCH (s:Staff {id: r.staff})
MERGE (s)-[:REVIEWED]->(v)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_org_actions
// Upsert organizational actions by id, each ENGAGES its account.
// params: rows
UNWIND $rows AS r
MERGE (n:OrgAction {id: r.id})
SET n += r.props
WITH n, r
MATCH (a:Account {id: r.account})
OPTIONAL MATCH (n)-[old:ENGAGES]->(x)
WHERE x.id <> a.id
DELETE old
WITH DISTINCT n, a
MERGE (n)-[:ENGAGES]->(a)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_department_assessments
// Upsert department (org unit) assessments by id, each ASSESSES its org unit.
// params: rows
UNWIND $rows AS r
MERGE (d:DepartmentAssessment {id: r.id})
SET d += r.props
WITH d, r
MATCH (u:OrgUnit {id: r.orgUnit})
OPTIONAL MATCH (d)-[old:ASSESSES]->(x)
WHERE x.id <> u.id
DELETE old
WITH DISTINCT d, u
MERGE (d)-[:ASSESSES]->(u)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_department_assessors
// (Re)link each department assessment to the staff member who ASSESSED it, if any.
// params: rows
UNWIND $rows AS r
MATCH (d:DepartmentAssessment {id: r.id})
OPTIONAL MATCH (x)-[old:ASSESSED]->(d)
WHERE r.staff IS NULL OR x.id <> r.staff
DELETE old
WITH DISTINCT d, r
MATCH (s:Staff {id: r.staff})
MERGE (s)-[:ASSESSED]->(d)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: upsert_tier_reviews
// Upsert tier reviews (dated tier decisions) by id, each RATES its account.
// params: rows
UNWIND $rows AS r
MERGE (t:TierReview {id: r.id})
SET t += r.props
WITH t, r
MATCH (a:Account {id: r.account})
OPTIONAL MATCH (t)-[old:RATES]->(x)
WHERE x.id <> a.id
DELETE old
WITH DISTINCT t, a
MERGE (t)-[:RATES]->(a)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1

// name: link_tier_reviewers
// (Re)link each tier review to the staff member who REVIEWED it, if any.
// params: rows
UNWIND $rows AS r
MATCH (t:TierReview {id: r.id})
OPTIONAL MATCH (x)-[old:REVIEWED]->(t)
WHERE r.staff IS NULL OR x.id <> r.staff
DELETE old
WITH DISTINCT t, r
MATCH (s:Staff {id: r.staff})
MERGE (s)-[:REVIEWED]->(t)
WITH count(*) AS written
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1
