// Reads of an import's validation: which of the ids a document refers to (but does not define)
// are already stored. One statement per referenced kind, each for a batch of ids (`UNWIND $ids`),
// never one query per record.

// name: known_accounts
// The ids among $ids that are stored accounts.
// params: ids
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN a.id AS id

// name: known_org_units
// The ids among $ids that are stored org units, with the account each belongs to.
// params: ids
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id})
RETURN u.id AS id, u.account AS account

// name: known_people
// The ids among $ids that are stored people, with their labels (Contact or Staff).
// params: ids
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, labels(p) AS labels

// name: known_competitors
// The ids among $ids that are stored competitors.
// params: ids
UNWIND $ids AS id
MATCH (k:Competitor {id: id})
RETURN k.id AS id

// name: known_opportunities
// The ids among $ids that are stored opportunities.
// params: ids
UNWIND $ids AS id
MATCH (o:Opportunity {id: id})
RETURN o.id AS id

// name: known_plans
// The ids among $ids that are stored plans.
// params: ids
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN p.id AS id

// name: any_person
// Whether the graph holds any person at all: a document that refers to no stored person needs
// its own people looked up (a stored person of the other kind is a conflict) only if it does.
// params:
MATCH (p:Person)
RETURN p.id AS id
LIMIT 1

// Reads of an import's summary: whether the graph holds anything that could be a record of an
// array. When it holds nothing, every record of the array is created and the per-batch fetch
// of stored records (export_*) is skipped. Each read finds at least what export_* reads (it may
// find more: a type an engine still lists with no relationship left only costs the fetch).
// Relationship arrays ask the engine's list of relationship types: a `MATCH ()-[:T]->()` that
// finds nothing scans every node first (0.7 s at 10k contacts on FalkorDB).

// name: any_stored_accounts
// Whether any accounts record may be stored (at most one row).
// params:
MATCH (n:Account)
RETURN 1 AS found
LIMIT 1

// name: any_stored_org_units
// Whether any orgUnits record may be stored (at most one row).
// params:
MATCH (n:OrgUnit)
RETURN 1 AS found
LIMIT 1

// name: any_stored_contacts
// Whether any contacts record may be stored (at most one row).
// params:
MATCH (n:Contact)
RETURN 1 AS found
LIMIT 1

// name: any_stored_staff
// Whether any staff record may be stored (at most one row).
// params:
MATCH (n:Staff)
RETURN 1 AS found
LIMIT 1

// name: any_stored_reporting_lines
// Whether any reportingLines record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'REPORTS_TO'
RETURN 1 AS found

// name: any_stored_influences
// Whether any influences record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'INFLUENCES'
RETURN 1 AS found

// name: any_stored_knows
// Whether any knows record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'KNOWS'
RETURN 1 AS found

// name: any_stored_owners
// Whether any owners record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'OWNS'
RETURN 1 AS found

// name: any_stored_sponsors
// Whether any sponsors record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'SPONSORS'
RETURN 1 AS found

// name: any_stored_teams
// Whether any teams record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'ON_TEAM'
RETURN 1 AS found

// name: any_stored_interactions
// Whether any interactions record may be stored (at most one row).
// params:
MATCH (n:Interaction)
RETURN 1 AS found
LIMIT 1

// name: any_stored_assessments
// Whether any assessments record may be stored (at most one row).
// params:
MATCH (n:Assessment)
RETURN 1 AS found
LIMIT 1

// name: any_stored_competitors
// Whether any competitors record may be stored (at most one row).
// params:
MATCH (n:Competitor)
RETURN 1 AS found
LIMIT 1

// name: any_stored_supplies
// Whether any supplies record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'SUPPLIES'
RETURN 1 AS found

// name: any_stored_favors
// Whether any favors record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'FAVORS'
RETURN 1 AS found

// name: any_stored_opportunities
// Whether any opportunities record may be stored (at most one row).
// params:
MATCH (n:Opportunity)
RETURN 1 AS found
LIMIT 1

// name: any_stored_decision_chain
// Whether any decisionChain record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'IN_DECISION_CHAIN'
RETURN 1 AS found

// name: any_stored_opportunity_team
// Whether any opportunityTeam record may be stored (at most one row).
// params:
CALL db.relationshipTypes() YIELD relationshipType
WITH relationshipType WHERE relationshipType = 'ON_OPPORTUNITY_TEAM'
RETURN 1 AS found

// name: any_stored_plans
// Whether any plans record may be stored (at most one row).
// params:
MATCH (n:Plan)
RETURN 1 AS found
LIMIT 1

// name: any_stored_commitments
// Whether any commitments record may be stored (at most one row).
// params:
MATCH (n:Commitment)
RETURN 1 AS found
LIMIT 1

// name: any_stored_plan_reviews
// Whether any planReviews record may be stored (at most one row).
// params:
MATCH (n:PlanReview)
RETURN 1 AS found
LIMIT 1

// name: any_stored_org_actions
// Whether any orgActions record may be stored (at most one row).
// params:
MATCH (n:OrgAction)
RETURN 1 AS found
LIMIT 1

// name: any_stored_department_assessments
// Whether any departmentAssessments record may be stored (at most one row).
// params:
MATCH (n:DepartmentAssessment)
RETURN 1 AS found
LIMIT 1

// name: any_stored_tier_reviews
// Whether any tierReviews record may be stored (at most one row).
// params:
MATCH (n:TierReview)
RETURN 1 AS found
LIMIT 1
