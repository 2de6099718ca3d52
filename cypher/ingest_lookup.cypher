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
