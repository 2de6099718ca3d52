// The client as a company (relgraph.intel.company): the organizational actions of accounts and
// the interactions that count as one, department assessments, tier reviews, the activities of
// each department and our staff's attendances — fetched for many accounts at once; the
// organizational relationship, the general relationship and the portfolio are computed in
// Python. Dates are ISO strings; [$since, $asOf] is the window "the 365 days up to asOf".

// name: intel_portfolio_accounts
// Accounts ($ids, or every account when $ids is null) with their tier and partnership.
// params: ids
MATCH (a:Account)
WHERE $ids IS NULL OR a.id IN $ids
RETURN a.id AS id, a.name AS name, a.tier AS tier, a.partnership AS partnership
ORDER BY id

// name: intel_company_records
// The management-cycle records about these accounts up to $asOf, one row per source with
// the list of its records, each [account, record] (the row cost of Neo4j's driver:
// intel_contacts): organizational actions; the interactions whose type counts as an action ($types), in
// the window one by one and before it only the latest date per type; department assessments;
// tier reviews. (`WITH u` pins the assessments to the accounts' units: else FalkorDB starts
// from every department assessment.)
// params: accounts, since, asOf, types
MATCH (n:OrgAction)
WHERE n.account IN $accounts AND n.date <= $asOf
RETURN 'orgAction' AS source, collect([n.account, n {.id, .action, .date, .note}]) AS found
UNION ALL
MATCH (i:Interaction)
WHERE i.account IN $accounts AND i.type IN $types AND i.date >= $since AND i.date <= $asOf
RETURN 'interaction' AS source,
       collect([i.account, i {.id, .type, .date, .summary}]) AS found
UNION ALL
MATCH (j:Interaction)
WHERE j.account IN $accounts AND j.type IN $types AND j.date < $since
WITH j.account AS account, j.type AS type, max(j.date) AS latest
RETURN 'interactionBefore' AS source, collect([account, {type: type, date: latest}]) AS found
UNION ALL
MATCH (u:OrgUnit)
WHERE u.account IN $accounts
WITH u
MATCH (d:DepartmentAssessment)-[:ASSESSES]->(u)
WHERE d.date <= $asOf
RETURN 'departmentAssessment' AS source,
       collect([u.account, d {.id, .orgUnit, .date, .keyEventSupport, .informationChannel,
                              .issueSpread}]) AS found
UNION ALL
MATCH (t:TierReview)
WHERE t.account IN $accounts AND t.date <= $asOf
RETURN 'tierReview' AS source,
       collect([t.account, t {.id, .date, .tier, .reviewedBy, .note}]) AS found

// name: intel_unit_activities
// Per org unit of these accounts: the interactions in [$since, $asOf] attended by at least one
// active contact who is a member of the unit itself (not of a unit below it): one list of
// [unit, activities] in one row.
// params: accounts, since, asOf
MATCH (c:Contact)
WHERE c.account IN $accounts AND coalesce(c.active, true) = true AND c.orgUnit IS NOT NULL
MATCH (c)-[:ATTENDED]->(i:Interaction)
WHERE i.date >= $since AND i.date <= $asOf
WITH c.orgUnit AS unit, i.id AS interaction
WITH unit, count(DISTINCT interaction) AS activities
RETURN collect([unit, activities]) AS found

// name: intel_attendances
// Our staff's attendances (one per staff member per interaction) at the interactions in
// [$since, $asOf] of these accounts, per account: from the interactions' account index, so
// that a few accounts cost the same whatever the size of the rest of the graph.
// params: accounts, since, asOf
MATCH (i:Interaction)
WHERE i.account IN $accounts AND i.date >= $since AND i.date <= $asOf
{{attendances_per_account}}

// name: intel_all_attendances
// intel_attendances of every account (from every interaction).
// params: since, asOf
MATCH (i:Interaction)
WHERE i.account IS NOT NULL AND i.date >= $since AND i.date <= $asOf
{{attendances_per_account}}

// fragment: attendances_per_account
// Per account of the interactions `i`: the staff members who attended each, summed.
// params:
MATCH (s:Staff)-[:ATTENDED]->(i)
WITH i.account AS account, i.id AS interaction, count(DISTINCT s.id) AS staff
RETURN account, sum(staff) AS attendances
ORDER BY account
