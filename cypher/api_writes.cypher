// Writes of the GraphQL API that an import cannot express: removals, erasure, and
// the look-ups the API does before a write (scope and sensitive-attribute checks). Upserts go
// through the import (ingest), never through here.

// name: api_remove_owner
// Remove an owner role; `removed` is 0 when there was none; no row when the staff member or the
// contact does not exist.
// params: staff, contact, role
MATCH (s:Staff {id: $staff})
MATCH (c:Contact {id: $contact})
OPTIONAL MATCH (s)-[o:OWNS]->(c)
WHERE o.role = $role
WITH s, c, collect(o) AS gone
FOREACH (x IN gone | DELETE x)
WITH c, gone, ['a:' + c.account, CASE WHEN $role = 'A' THEN 's:' + s.id END] AS tokens
{{logged_bump}}
RETURN c.id AS contact, size(gone) AS removed

// name: api_unpair_contact_sponsor
// Remove a personal sponsorship (`removed`: how many); no row when the staff member or the contact does not exist.
// params: staff, contact
MATCH (s:Staff {id: $staff})
MATCH (c:Contact {id: $contact})
OPTIONAL MATCH (s)-[p:SPONSORS]->(c)
WITH c, collect(p) AS gone
FOREACH (x IN gone | DELETE x)
WITH c, gone, ['a:' + c.account] AS tokens
{{logged_bump}}
RETURN c.id AS contact, size(gone) AS removed

// name: api_unpair_account_sponsor
// Remove an account sponsorship (`removed`: how many); no row when the staff member or the account does not exist.
// params: staff, account
MATCH (s:Staff {id: $staff})
MATCH (a:Account {id: $account})
OPTIONAL MATCH (s)-[p:SPONSORS]->(a)
WITH a, collect(p) AS gone
FOREACH (x IN gone | DELETE x)
WITH a, gone, ['a:' + a.id] AS tokens
{{logged_bump}}
RETURN a.id AS account, size(gone) AS removed

// name: api_erase_sensitive
// Erase the sensitive personal attributes of contacts (on request: docs/DOMAIN.md).
// params: ids
MATCH (c:Contact)
WHERE c.id IN $ids
SET c.socialStyle = null
WITH collect(c.id) AS erased
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.value = generation.value + 1
WITH erased
UNWIND erased AS id
RETURN id
ORDER BY id

// name: api_social_styles
// The stored social style of contacts, so that an upsert by a key without the sensitive
// permission keeps it (never returned to that key).
// params: ids
MATCH (c:Contact)
WHERE c.id IN $ids AND c.socialStyle IS NOT NULL
RETURN c.id AS id, c.socialStyle AS socialStyle

// name: api_record_accounts
// The stored account of existing records (org units, contacts, opportunities, interactions,
// organizational actions, tier reviews; a plan's is its contact's, a department assessment's its
// org unit's, a commitment's and a plan review's that of their plan) by id, for the write-scope
// check of a key limited to some accounts.
// params: orgUnits, contacts, opportunities, interactions, orgActions, tierReviews, plans, departmentAssessments, commitments, planReviews
MATCH (n:OrgUnit)
WHERE n.id IN $orgUnits
RETURN 'orgUnits' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:Contact)
WHERE n.id IN $contacts
RETURN 'contacts' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:Opportunity)
WHERE n.id IN $opportunities
RETURN 'opportunities' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:Interaction)
WHERE n.id IN $interactions
RETURN 'interactions' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:OrgAction)
WHERE n.id IN $orgActions
RETURN 'orgActions' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:TierReview)
WHERE n.id IN $tierReviews
RETURN 'tierReviews' AS kind, n.id AS id, n.account AS account
UNION ALL
MATCH (n:Plan)-[:TARGETS]->(c:Contact)
WHERE n.id IN $plans
RETURN 'plans' AS kind, n.id AS id, c.account AS account
UNION ALL
MATCH (n:DepartmentAssessment)-[:ASSESSES]->(u:OrgUnit)
WHERE n.id IN $departmentAssessments
RETURN 'departmentAssessments' AS kind, n.id AS id, u.account AS account
UNION ALL
MATCH (n:Commitment)-[:OF_PLAN]->(:Plan)-[:TARGETS]->(c:Contact)
WHERE n.id IN $commitments
RETURN 'commitments' AS kind, n.id AS id, c.account AS account
UNION ALL
MATCH (n:PlanReview)-[:REVIEWS]->(:Plan)-[:TARGETS]->(c:Contact)
WHERE n.id IN $planReviews
RETURN 'planReviews' AS kind, n.id AS id, c.account AS account
