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
WITH c, collect(o) AS gone
FOREACH (x IN gone | DELETE x)
RETURN c.id AS contact, size(gone) AS removed

// name: api_unpair_contact_sponsor
// Remove a personal sponsorship (`removed`: how many); no row when the staff member or the contact does not exist.
// params: staff, contact
MATCH (s:Staff {id: $staff})
MATCH (c:Contact {id: $contact})
OPTIONAL MATCH (s)-[p:SPONSORS]->(c)
WITH c, collect(p) AS gone
FOREACH (x IN gone | DELETE x)
RETURN c.id AS contact, size(gone) AS removed

// name: api_unpair_account_sponsor
// Remove an account sponsorship (`removed`: how many); no row when the staff member or the account does not exist.
// params: staff, account
MATCH (s:Staff {id: $staff})
MATCH (a:Account {id: $account})
OPTIONAL MATCH (s)-[p:SPONSORS]->(a)
WITH a, collect(p) AS gone
FOREACH (x IN gone | DELETE x)
RETURN a.id AS account, size(gone) AS removed

// name: api_erase_sensitive
// Erase the sensitive personal attributes of contacts (on request: docs/DOMAIN.md).
// params: ids
MATCH (c:Contact)
WHERE c.id IN $ids
SET c.socialStyle = null
RETURN c.id AS id
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
// org unit's) by id, for the write-scope check of a key limited to some accounts.
// params: orgUnits, contacts, opportunities, interactions, orgActions, tierReviews, plans, departmentAssessments
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
