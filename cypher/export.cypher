// Reads of an export (and of an import's created/updated/unchanged summary). Exports page through
// the graph by anchor ids: a `page_*_ids` statement lists the next page of anchor ids in id order
// (keyset paging on the id index, cheap at any depth, unlike SKIP), then an `export_*` statement
// returns the records of those anchors. An array's anchor is its node, or the node its natural key
// starts with (knows by contact, teams by account, ...), so a page holds whole groups of records.
// Record statements need no ORDER BY: the caller sorts each page by the record's natural key.
// Each statement returns ONE row: `collect([...])` of lists, the values in the order of the
// array's fields in the document (relgraph.ingest.export.FIELDS). One row of lists, not a row per
// record: the Neo4j driver pays two socket reads per row (100k ids: 1.3 s as rows, 23 ms as one
// list), FalkorDB encodes a row per record too, and lists beat `properties(n)` and map projections
// on both engines. Derived properties (score, effectiveAttitude, key, source) are not data.

// name: page_account_ids
// The next page of Account ids after $after, in id order.
// params: after, limit
MATCH (n:Account)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_org_unit_ids
// The next page of OrgUnit ids after $after, in id order.
// params: after, limit
MATCH (n:OrgUnit)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_contact_ids
// The next page of Contact ids after $after, in id order.
// params: after, limit
MATCH (n:Contact)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_staff_ids
// The next page of Staff ids after $after, in id order.
// params: after, limit
MATCH (n:Staff)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_person_ids
// The next page of Person ids after $after, in id order.
// params: after, limit
MATCH (n:Person)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_competitor_ids
// The next page of Competitor ids after $after, in id order.
// params: after, limit
MATCH (n:Competitor)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_opportunity_ids
// The next page of Opportunity ids after $after, in id order.
// params: after, limit
MATCH (n:Opportunity)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_interaction_ids
// The next page of Interaction ids after $after, in id order.
// params: after, limit
MATCH (n:Interaction)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_plan_ids
// The next page of Plan ids after $after, in id order.
// params: after, limit
MATCH (n:Plan)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_commitment_ids
// The next page of Commitment ids after $after, in id order.
// params: after, limit
MATCH (n:Commitment)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_plan_review_ids
// The next page of PlanReview ids after $after, in id order.
// params: after, limit
MATCH (n:PlanReview)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_org_action_ids
// The next page of OrgAction ids after $after, in id order.
// params: after, limit
MATCH (n:OrgAction)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_department_assessment_ids
// The next page of DepartmentAssessment ids after $after, in id order.
// params: after, limit
MATCH (n:DepartmentAssessment)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: page_tier_review_ids
// The next page of TierReview ids after $after, in id order.
// params: after, limit
MATCH (n:TierReview)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN collect(id) AS ids

// name: export_accounts
// Accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN collect([a.id, a.name, a.tier, a.partnership, a.industry, a.region]) AS records

// name: export_org_units
// Org units of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id})
RETURN collect([u.id, u.account, u.name, u.parent]) AS records

// name: export_contacts
// Contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact {id: id})
RETURN collect([c.id, c.account, c.orgUnit, c.name, c.title, c.rank, c.function, c.key,
                c.closeness, c.socialStyle, c.risingStar, c.active, c.email]) AS records

// name: export_staff
// Staff members of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff {id: id})
RETURN collect([s.id, s.name, s.title, s.rank, s.role, s.active]) AS records

// name: export_competitors
// Competitors of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (k:Competitor {id: id})
RETURN collect([k.id, k.name]) AS records

// name: export_opportunities
// Opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (o:Opportunity {id: id})
RETURN collect([o.id, o.account, o.name, o.stage, o.value, o.closeDate]) AS records

// name: export_interactions
// Interactions of the given ids with their attendees (staff and contacts), one list each: one
// statement instead of one per kind of attendee, each looking the interactions up again (a
// separate statement for the attendees of the page measured slower on both engines).
// params: ids
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
OPTIONAL MATCH (s:Staff)-[:ATTENDED]->(i)
WITH i, collect(s.id) AS staff
OPTIONAL MATCH (c:Contact)-[:ATTENDED]->(i)
WITH i, staff, collect(c.id) AS contacts
RETURN collect([i.id, i.type, i.date, i.layer, i.account, i.opportunity, staff, contacts,
                i.summary]) AS records

// name: export_reporting_lines
// Reporting lines (current and past) of the people with the given ids.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})-[l:REPORTS_TO]->(m:Person)
RETURN collect([p.id, m.id, l.since, l.until, l.strength]) AS records

// name: export_influences
// Informal influence exerted by the people with the given ids (`from` influences `to`).
// params: ids
UNWIND $ids AS id
MATCH (a:Person {id: id})-[i:INFLUENCES]->(b:Person)
RETURN collect([a.id, b.id, i.strength, i.kind]) AS records

// name: export_knows
// Asserted working relationships with the contacts of the given ids (derived ones are not data).
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[k:KNOWS]->(c:Contact {id: id})
WHERE k.source IS NULL OR k.source = 'asserted'
RETURN collect([s.id, c.id, k.strength]) AS records

// name: export_owners
// Relationship-owner roles held for the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[o:OWNS]->(c:Contact {id: id})
RETURN collect([s.id, c.id, o.role]) AS records

// name: export_sponsors
// What the staff members of the given ids sponsor: a contact (personal) or an account.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff {id: id})-[:SPONSORS]->(t)
WHERE t:Contact OR t:Account
RETURN collect([s.id, CASE WHEN t:Contact THEN t.id END, CASE WHEN t:Account THEN t.id END])
       AS records

// name: export_teams
// Account-team memberships on the accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[t:ON_TEAM]->(a:Account {id: id})
RETURN collect([s.id, a.id, t.role]) AS records

// name: export_assessments
// Assessments of the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (x:Assessment)-[:OF]->(c:Contact {id: id})
RETURN collect([c.id, x.date, x.assessedBy, x.acceptance, x.participation, x.projectSupport,
                x.informationSharing, x.guidance, x.competitiveStance, x.attitude]) AS records

// name: export_supplies
// Which competitors supply the accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (k:Competitor)-[s:SUPPLIES]->(a:Account {id: id})
RETURN collect([k.id, a.id, s.position]) AS records

// name: export_favors
// The competitors favoured by the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact {id: id})-[f:FAVORS]->(k:Competitor)
RETURN collect([c.id, k.id, f.strength]) AS records

// name: export_decision_chain
// Decision-chain members of the opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact)-[d:IN_DECISION_CHAIN]->(o:Opportunity {id: id})
RETURN collect([o.id, c.id, d.role]) AS records

// name: export_opportunity_team
// Opportunity-team memberships on the opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[t:ON_OPPORTUNITY_TEAM]->(o:Opportunity {id: id})
RETURN collect([o.id, s.id, t.role]) AS records

// name: export_plans
// Plans of the given ids. `end` is quoted: it is a Cypher keyword.
// params: ids
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN collect([p.id, p.contact, p.owner, p.sponsor, p.opportunity, p.start, p.`end`,
                p.targetAttitude, p.goal, p.principle, p.reviewEveryDays]) AS records

// name: export_commitments
// Plan commitments of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (m:Commitment {id: id})
RETURN collect([m.id, m.plan, m.text, m.due, m.doneOn]) AS records

// name: export_plan_reviews
// Plan reviews of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (v:PlanReview {id: id})
RETURN collect([v.id, v.plan, v.date, v.reviewedBy, v.onTrack, v.gap, v.remedy]) AS records

// name: export_org_actions
// Organizational actions of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (n:OrgAction {id: id})
RETURN collect([n.id, n.account, n.action, n.date, n.note]) AS records

// name: export_department_assessments
// Department assessments of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (d:DepartmentAssessment {id: id})
RETURN collect([d.id, d.orgUnit, d.date, d.assessedBy, d.keyEventSupport, d.informationChannel,
                d.issueSpread]) AS records

// name: export_tier_reviews
// Tier reviews of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (t:TierReview {id: id})
RETURN collect([t.id, t.account, t.date, t.tier, t.reviewedBy, t.note]) AS records