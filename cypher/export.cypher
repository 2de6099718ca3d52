// Reads of an export (and of an import's created/updated/unchanged summary). Exports page through
// the graph by anchor ids: a `page_*_ids` statement lists the next page of anchor ids in id order
// (keyset paging on the id index, cheap at any depth, unlike SKIP), then an `export_*` statement
// returns the records of those anchors. An array's anchor is its node, or the node its natural key
// starts with (knows by contact, teams by account, ...), so a page holds whole groups of records.
// Record statements need no ORDER BY: the caller sorts each page by the record's natural key.
// Columns are the document's field names (explicit columns: FalkorDB returns them faster than
// `properties(n)` maps); derived properties (score, effectiveAttitude, key, source) are not data.

// name: page_account_ids
// The next page of Account ids after $after, in id order.
// params: after, limit
MATCH (n:Account)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_org_unit_ids
// The next page of OrgUnit ids after $after, in id order.
// params: after, limit
MATCH (n:OrgUnit)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_contact_ids
// The next page of Contact ids after $after, in id order.
// params: after, limit
MATCH (n:Contact)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_staff_ids
// The next page of Staff ids after $after, in id order.
// params: after, limit
MATCH (n:Staff)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_person_ids
// The next page of Person ids after $after, in id order.
// params: after, limit
MATCH (n:Person)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_competitor_ids
// The next page of Competitor ids after $after, in id order.
// params: after, limit
MATCH (n:Competitor)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_opportunity_ids
// The next page of Opportunity ids after $after, in id order.
// params: after, limit
MATCH (n:Opportunity)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_interaction_ids
// The next page of Interaction ids after $after, in id order.
// params: after, limit
MATCH (n:Interaction)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_plan_ids
// The next page of Plan ids after $after, in id order.
// params: after, limit
MATCH (n:Plan)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_commitment_ids
// The next page of Commitment ids after $after, in id order.
// params: after, limit
MATCH (n:Commitment)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_plan_review_ids
// The next page of PlanReview ids after $after, in id order.
// params: after, limit
MATCH (n:PlanReview)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_org_action_ids
// The next page of OrgAction ids after $after, in id order.
// params: after, limit
MATCH (n:OrgAction)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_department_assessment_ids
// The next page of DepartmentAssessment ids after $after, in id order.
// params: after, limit
MATCH (n:DepartmentAssessment)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: page_tier_review_ids
// The next page of TierReview ids after $after, in id order.
// params: after, limit
MATCH (n:TierReview)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit

// name: export_accounts
// Accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN a.id AS id, a.name AS name, a.tier AS tier, a.partnership AS partnership,
       a.industry AS industry, a.region AS region

// name: export_org_units
// Org units of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id})
RETURN u.id AS id, u.account AS account, u.name AS name, u.parent AS parent

// name: export_contacts
// Contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact {id: id})
RETURN c.id AS id, c.account AS account, c.orgUnit AS orgUnit, c.name AS name,
       c.title AS title, c.rank AS rank, c.function AS function, c.key AS key,
       c.closeness AS closeness, c.socialStyle AS socialStyle, c.risingStar AS risingStar,
       c.active AS active, c.email AS email

// name: export_staff
// Staff members of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff {id: id})
RETURN s.id AS id, s.name AS name, s.title AS title, s.rank AS rank, s.role AS role,
       s.active AS active

// name: export_competitors
// Competitors of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (k:Competitor {id: id})
RETURN k.id AS id, k.name AS name

// name: export_opportunities
// Opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (o:Opportunity {id: id})
RETURN o.id AS id, o.account AS account, o.name AS name, o.stage AS stage, o.value AS value,
       o.closeDate AS closeDate

// name: export_interactions
// Interactions of the given ids with their attendees (staff and contacts), one row each: one
// statement instead of one per kind of attendee, each looking the interactions up again.
// params: ids
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
OPTIONAL MATCH (s:Staff)-[:ATTENDED]->(i)
WITH i, collect(s.id) AS staff
OPTIONAL MATCH (c:Contact)-[:ATTENDED]->(i)
WITH i, staff, collect(c.id) AS contacts
RETURN i.id AS id, i.type AS type, i.date AS date, i.layer AS layer, i.account AS account,
       i.opportunity AS opportunity, i.summary AS summary, staff, contacts

// name: export_reporting_lines
// Reporting lines (current and past) of the people with the given ids.
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})-[l:REPORTS_TO]->(m:Person)
RETURN p.id AS person, m.id AS manager, l.since AS since, l.until AS until,
       l.strength AS strength

// name: export_influences
// Informal influence exerted by the people with the given ids (`source` influences `target`).
// params: ids
UNWIND $ids AS id
MATCH (a:Person {id: id})-[i:INFLUENCES]->(b:Person)
RETURN a.id AS source, b.id AS target, i.strength AS strength, i.kind AS kind

// name: export_knows
// Asserted working relationships with the contacts of the given ids (derived ones are not data).
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[k:KNOWS]->(c:Contact {id: id})
WHERE k.source IS NULL OR k.source = 'asserted'
RETURN s.id AS staff, c.id AS contact, k.strength AS strength

// name: export_owners
// Relationship-owner roles held for the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[o:OWNS]->(c:Contact {id: id})
RETURN s.id AS staff, c.id AS contact, o.role AS role

// name: export_sponsors
// What the staff members of the given ids sponsor: a contact (personal) or an account.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff {id: id})-[:SPONSORS]->(t)
WHERE t:Contact OR t:Account
RETURN s.id AS staff, t.id AS target, t:Account AS toAccount

// name: export_teams
// Account-team memberships on the accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[t:ON_TEAM]->(a:Account {id: id})
RETURN s.id AS staff, a.id AS account, t.role AS role

// name: export_assessments
// Assessments of the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (x:Assessment)-[:OF]->(c:Contact {id: id})
RETURN c.id AS contact, x.date AS date, x.assessedBy AS assessedBy,
       x.acceptance AS acceptance, x.participation AS participation,
       x.projectSupport AS projectSupport, x.informationSharing AS informationSharing,
       x.guidance AS guidance, x.competitiveStance AS competitiveStance, x.attitude AS attitude

// name: export_supplies
// Which competitors supply the accounts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (k:Competitor)-[s:SUPPLIES]->(a:Account {id: id})
RETURN k.id AS competitor, a.id AS account, s.position AS position

// name: export_favors
// The competitors favoured by the contacts of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact {id: id})-[f:FAVORS]->(k:Competitor)
RETURN c.id AS contact, k.id AS competitor, f.strength AS strength

// name: export_decision_chain
// Decision-chain members of the opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (c:Contact)-[d:IN_DECISION_CHAIN]->(o:Opportunity {id: id})
RETURN o.id AS opportunity, c.id AS contact, d.role AS role

// name: export_opportunity_team
// Opportunity-team memberships on the opportunities of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (s:Staff)-[t:ON_OPPORTUNITY_TEAM]->(o:Opportunity {id: id})
RETURN o.id AS opportunity, s.id AS staff, t.role AS role

// name: export_plans
// Plans of the given ids. `end` is quoted: it is a Cypher keyword.
// params: ids
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN p.id AS id, p.contact AS contact, p.owner AS owner, p.sponsor AS sponsor,
       p.opportunity AS opportunity, p.start AS start, p.`end` AS `end`,
       p.targetAttitude AS targetAttitude, p.goal AS goal, p.principle AS principle,
       p.reviewEveryDays AS reviewEveryDays

// name: export_commitments
// Plan commitments of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (m:Commitment {id: id})
RETURN m.id AS id, m.plan AS plan, m.text AS text, m.due AS due, m.doneOn AS doneOn

// name: export_plan_reviews
// Plan reviews of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (v:PlanReview {id: id})
RETURN v.id AS id, v.plan AS plan, v.date AS date, v.reviewedBy AS reviewedBy,
       v.onTrack AS onTrack, v.gap AS gap, v.remedy AS remedy

// name: export_org_actions
// Organizational actions of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (n:OrgAction {id: id})
RETURN n.id AS id, n.account AS account, n.action AS action, n.date AS date, n.note AS note

// name: export_department_assessments
// Department assessments of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (d:DepartmentAssessment {id: id})
RETURN d.id AS id, d.orgUnit AS orgUnit, d.date AS date, d.assessedBy AS assessedBy,
       d.keyEventSupport AS keyEventSupport, d.informationChannel AS informationChannel,
       d.issueSpread AS issueSpread

// name: export_tier_reviews
// Tier reviews of the given ids.
// params: ids
UNWIND $ids AS id
MATCH (t:TierReview {id: id})
RETURN t.id AS id, t.account AS account, t.date AS date, t.tier AS tier,
       t.reviewedBy AS reviewedBy, t.note AS note
