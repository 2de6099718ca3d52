// Reads of the GraphQL API: Relay pages with their counts, and the batched lookups of
// the per-request DataLoaders (`$ids` in, one row per (key, item) out).
// Scope: `$scoped` is true for an API key limited to the accounts in `$accounts`; such a key sees
// only records of those accounts (pages and counts filter here; the API filters the rest).
// Pages are keyset-paginated by id: `$after` is the last id of the previous page (or null) and
// `$limit` is the page size plus one (to tell whether a next page exists). Null filters match all.
// Dates are ISO strings and compare as strings.

// name: api_accounts_page
// One page of accounts, by id, filtered by tier, partnership, industry and region.
// params: scoped, accounts, tier, partnership, industry, region, after, limit
MATCH (a:Account)
WHERE (NOT $scoped OR a.id IN $accounts)
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($partnership IS NULL OR a.partnership = $partnership)
  AND ($industry IS NULL OR a.industry = $industry)
  AND ($region IS NULL OR a.region = $region)
  AND ($after IS NULL OR a.id > $after)
RETURN a {.id, .name, .tier, .partnership, .industry, .region} AS item
ORDER BY item.id
LIMIT $limit

// name: api_accounts_count
// How many accounts match the filters of api_accounts_page.
// params: scoped, accounts, tier, partnership, industry, region
MATCH (a:Account)
WHERE (NOT $scoped OR a.id IN $accounts)
  AND ($tier IS NULL OR a.tier = $tier)
  AND ($partnership IS NULL OR a.partnership = $partnership)
  AND ($industry IS NULL OR a.industry = $industry)
  AND ($region IS NULL OR a.region = $region)
RETURN count(a) AS total

// name: api_contacts_page
// One page of contacts, by id, filtered by account, org unit, rank, active, key contact (the
// contract's rule: fragments.cypher) and a range of current attitude at `asOf` (unknown never matches a range).
// params: scoped, accounts, account, orgUnit, rank, active, keyContact, openStages, asOf, attitudeMin, attitudeMax, after, limit
MATCH (c:Contact)
WHERE (NOT $scoped OR c.account IN $accounts)
  AND ($account IS NULL OR c.account = $account)
  AND ($orgUnit IS NULL OR c.orgUnit = $orgUnit)
  AND ($rank IS NULL OR c.rank = $rank)
  AND ($active IS NULL OR c.active = $active)
  AND ($after IS NULL OR c.id > $after)
WITH c, {{key_contact}} AS keyContact
WHERE $keyContact IS NULL OR keyContact = $keyContact
OPTIONAL MATCH (x:Assessment)-[:OF]->(c)
WHERE x.date <= $asOf
WITH c, max(x.date) AS latest
OPTIONAL MATCH (y:Assessment {id: c.id + '@' + latest})
WITH c, y.effectiveAttitude AS attitude
WHERE ($attitudeMin IS NULL OR attitude >= $attitudeMin)
  AND ($attitudeMax IS NULL OR attitude <= $attitudeMax)
RETURN c {.id, .account, .orgUnit, .name, .title, .rank, .function, .key, .closeness,
          .socialStyle, .risingStar, .active, .email} AS item
ORDER BY item.id
LIMIT $limit

// name: api_contacts_count
// How many contacts match the filters of api_contacts_page.
// params: scoped, accounts, account, orgUnit, rank, active, keyContact, openStages, asOf, attitudeMin, attitudeMax
MATCH (c:Contact)
WHERE (NOT $scoped OR c.account IN $accounts)
  AND ($account IS NULL OR c.account = $account)
  AND ($orgUnit IS NULL OR c.orgUnit = $orgUnit)
  AND ($rank IS NULL OR c.rank = $rank)
  AND ($active IS NULL OR c.active = $active)
WITH c, {{key_contact}} AS keyContact
WHERE $keyContact IS NULL OR keyContact = $keyContact
OPTIONAL MATCH (x:Assessment)-[:OF]->(c)
WHERE x.date <= $asOf
WITH c, max(x.date) AS latest
OPTIONAL MATCH (y:Assessment {id: c.id + '@' + latest})
WITH c, y.effectiveAttitude AS attitude
WHERE ($attitudeMin IS NULL OR attitude >= $attitudeMin)
  AND ($attitudeMax IS NULL OR attitude <= $attitudeMax)
RETURN count(c) AS total

// name: api_staff_page
// One page of our staff, by id, filtered by role, rank, active and account team; a scoped key
// passes the staff it may see in `visible`.
// params: scoped, visible, role, rank, active, account, after, limit
MATCH (s:Staff)
WHERE (NOT $scoped OR s.id IN $visible)
  AND ($role IS NULL OR s.role = $role)
  AND ($rank IS NULL OR s.rank = $rank)
  AND ($active IS NULL OR s.active = $active)
  AND ($account IS NULL OR (s)-[:ON_TEAM]->(:Account {id: $account}))
  AND ($after IS NULL OR s.id > $after)
RETURN s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY item.id
LIMIT $limit

// name: api_staff_count
// How many staff members match the filters of api_staff_page.
// params: scoped, visible, role, rank, active, account
MATCH (s:Staff)
WHERE (NOT $scoped OR s.id IN $visible)
  AND ($role IS NULL OR s.role = $role)
  AND ($rank IS NULL OR s.rank = $rank)
  AND ($active IS NULL OR s.active = $active)
  AND ($account IS NULL OR (s)-[:ON_TEAM]->(:Account {id: $account}))
RETURN count(s) AS total

// name: api_interactions_page
// One page of interactions, by id, filtered by account, opportunity, type, layer, a date range
// (inclusive) and an attendee (staff or contact).
// params: scoped, accounts, account, opportunity, type, layer, dateFrom, dateTo, person, after, limit
MATCH (i:Interaction)
WHERE (NOT $scoped OR i.account IN $accounts)
  AND ($account IS NULL OR i.account = $account)
  AND ($opportunity IS NULL OR i.opportunity = $opportunity)
  AND ($type IS NULL OR i.type = $type)
  AND ($layer IS NULL OR i.layer = $layer)
  AND ($dateFrom IS NULL OR i.date >= $dateFrom)
  AND ($dateTo IS NULL OR i.date <= $dateTo)
  AND ($person IS NULL OR (:Person {id: $person})-[:ATTENDED]->(i))
  AND ($after IS NULL OR i.id > $after)
RETURN i {.id, .type, .layer, .date, .account, .opportunity, .summary} AS item
ORDER BY item.id
LIMIT $limit

// name: api_interactions_count
// How many interactions match the filters of api_interactions_page.
// params: scoped, accounts, account, opportunity, type, layer, dateFrom, dateTo, person
MATCH (i:Interaction)
WHERE (NOT $scoped OR i.account IN $accounts)
  AND ($account IS NULL OR i.account = $account)
  AND ($opportunity IS NULL OR i.opportunity = $opportunity)
  AND ($type IS NULL OR i.type = $type)
  AND ($layer IS NULL OR i.layer = $layer)
  AND ($dateFrom IS NULL OR i.date >= $dateFrom)
  AND ($dateTo IS NULL OR i.date <= $dateTo)
  AND ($person IS NULL OR (:Person {id: $person})-[:ATTENDED]->(i))
RETURN count(i) AS total

// name: api_opportunities_page
// One page of opportunities, by id, filtered by account, stage and open (not won or lost).
// params: scoped, accounts, account, stage, open, openStages, after, limit
MATCH (o:Opportunity)
WHERE (NOT $scoped OR o.account IN $accounts)
  AND ($account IS NULL OR o.account = $account)
  AND ($stage IS NULL OR o.stage = $stage)
  AND ($open IS NULL OR (o.stage IN $openStages) = $open)
  AND ($after IS NULL OR o.id > $after)
RETURN o {.id, .account, .name, .stage, .value, .closeDate} AS item
ORDER BY item.id
LIMIT $limit

// name: api_opportunities_count
// How many opportunities match the filters of api_opportunities_page.
// params: scoped, accounts, account, stage, open, openStages
MATCH (o:Opportunity)
WHERE (NOT $scoped OR o.account IN $accounts)
  AND ($account IS NULL OR o.account = $account)
  AND ($stage IS NULL OR o.stage = $stage)
  AND ($open IS NULL OR (o.stage IN $openStages) = $open)
RETURN count(o) AS total

// name: api_assessments_page
// One page of assessments, by id (contact@date), filtered by contact, account and a date range.
// params: scoped, accounts, contact, account, dateFrom, dateTo, after, limit
MATCH (x:Assessment)-[:OF]->(c:Contact)
WHERE (NOT $scoped OR c.account IN $accounts)
  AND ($contact IS NULL OR c.id = $contact)
  AND ($account IS NULL OR c.account = $account)
  AND ($dateFrom IS NULL OR x.date >= $dateFrom)
  AND ($dateTo IS NULL OR x.date <= $dateTo)
  AND ($after IS NULL OR x.id > $after)
RETURN x {.id, .contact, .date, .assessedBy, .acceptance, .participation, .projectSupport,
          .informationSharing, .guidance, .competitiveStance, .attitude, .score,
          .effectiveAttitude} AS item
ORDER BY item.id
LIMIT $limit

// name: api_assessments_count
// How many assessments match the filters of api_assessments_page.
// params: scoped, accounts, contact, account, dateFrom, dateTo
MATCH (x:Assessment)-[:OF]->(c:Contact)
WHERE (NOT $scoped OR c.account IN $accounts)
  AND ($contact IS NULL OR c.id = $contact)
  AND ($account IS NULL OR c.account = $account)
  AND ($dateFrom IS NULL OR x.date >= $dateFrom)
  AND ($dateTo IS NULL OR x.date <= $dateTo)
RETURN count(x) AS total

// name: api_visible_staff
// The staff members a key limited to `accounts` may see: those engaged on those accounts (team,
// account or personal sponsor, owner, asserted KNOWS, opportunity team, attendee of an
// interaction about the account or together with one of its contacts, owner, sponsor or
// reviewer of a plan for one of its contacts).
// params: accounts
MATCH (s:Staff)-[:ON_TEAM|SPONSORS]->(a:Account)
WHERE a.id IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:OWNS|KNOWS|SPONSORS]->(c:Contact)
WHERE c.account IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:ON_OPPORTUNITY_TEAM]->(o:Opportunity)
WHERE o.account IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:ATTENDED]->(i:Interaction)
WHERE i.account IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:ATTENDED]->(:Interaction)<-[:ATTENDED]-(c:Contact)
WHERE c.account IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:OWNS_PLAN|SPONSORS_PLAN]->(:Plan)-[:TARGETS]->(c:Contact)
WHERE c.account IN $accounts
RETURN s.id AS id
UNION
MATCH (s:Staff)-[:REVIEWED]->(:PlanReview)-[:REVIEWS]->(:Plan)-[:TARGETS]->(c:Contact)
WHERE c.account IN $accounts
RETURN s.id AS id

// name: api_accounts_by_ids
// Accounts by id.
// params: ids
MATCH (a:Account)
WHERE a.id IN $ids
RETURN a {.id, .name, .tier, .partnership, .industry, .region} AS item

// name: api_contacts_by_ids
// Contacts by id.
// params: ids
MATCH (c:Contact)
WHERE c.id IN $ids
RETURN c {.id, .account, .orgUnit, .name, .title, .rank, .function, .key, .closeness,
          .socialStyle, .risingStar, .active, .email} AS item

// name: api_staff_by_ids
// Staff members by id.
// params: ids
MATCH (s:Staff)
WHERE s.id IN $ids
RETURN s {.id, .name, .title, .rank, .role, .active} AS item

// name: api_org_units_by_ids
// Org units by id.
// params: ids
MATCH (u:OrgUnit)
WHERE u.id IN $ids
RETURN u {.id, .account, .name, .parent} AS item

// name: api_opportunities_by_ids
// Opportunities by id.
// params: ids
MATCH (o:Opportunity)
WHERE o.id IN $ids
RETURN o {.id, .account, .name, .stage, .value, .closeDate} AS item

// name: api_interactions_by_ids
// Interactions by id.
// params: ids
MATCH (i:Interaction)
WHERE i.id IN $ids
RETURN i {.id, .type, .layer, .date, .account, .opportunity, .summary} AS item

// name: api_assessments_by_ids
// Assessments by id (contact@date).
// params: ids
MATCH (x:Assessment)
WHERE x.id IN $ids
RETURN x {.id, .contact, .date, .assessedBy, .acceptance, .participation, .projectSupport,
          .informationSharing, .guidance, .competitiveStance, .attitude, .score,
          .effectiveAttitude} AS item

// name: api_competitors_by_ids
// Competitors by id.
// params: ids
MATCH (k:Competitor)
WHERE k.id IN $ids
RETURN k {.id, .name} AS item

// name: api_org_units_of_accounts
// The org units of each account.
// params: ids
MATCH (u:OrgUnit)
WHERE u.account IN $ids
RETURN u.account AS key, u {.id, .account, .name, .parent} AS item
ORDER BY key, item.id

// name: api_contacts_of_accounts
// The contacts of each account.
// params: ids
MATCH (c:Contact)
WHERE c.account IN $ids
RETURN c.account AS key, c {.id, .account, .orgUnit, .name, .title, .rank, .function, .key,
       .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_members_of_units
// The contacts of each org unit.
// params: ids
MATCH (c:Contact)-[:MEMBER_OF]->(u:OrgUnit)
WHERE u.id IN $ids
RETURN u.id AS key, c {.id, .account, .orgUnit, .name, .title, .rank, .function, .key,
       .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_team_of_accounts
// The account team (iron triangle and members) of each account, with each member's role.
// params: ids
MATCH (s:Staff)-[t:ON_TEAM]->(a:Account)
WHERE a.id IN $ids
RETURN a.id AS key, t.role AS role, s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY key, role, item.id

// name: api_sponsors_of_accounts
// The account sponsors of each account.
// params: ids
MATCH (s:Staff)-[:SPONSORS]->(a:Account)
WHERE a.id IN $ids
RETURN a.id AS key, s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY key, item.id

// name: api_opportunities_of_accounts
// The opportunities of each account.
// params: ids
MATCH (o:Opportunity)
WHERE o.account IN $ids
RETURN o.account AS key, o {.id, .account, .name, .stage, .value, .closeDate} AS item
ORDER BY key, item.id

// name: api_suppliers_of_accounts
// The competitors supplying each account, with their position.
// params: ids
MATCH (k:Competitor)-[s:SUPPLIES]->(a:Account)
WHERE a.id IN $ids
RETURN a.id AS key, s.position AS position, k {.id, .name} AS item
ORDER BY key, item.id

// name: api_owners_of_contacts
// The relationship owners (A, B, C) of each contact.
// params: ids
MATCH (s:Staff)-[o:OWNS]->(c:Contact)
WHERE c.id IN $ids
RETURN c.id AS key, o.role AS role, s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY key, role, item.id

// name: api_sponsors_of_contacts
// The personal executive sponsors of each contact.
// params: ids
MATCH (s:Staff)-[:SPONSORS]->(c:Contact)
WHERE c.id IN $ids
RETURN c.id AS key, s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY key, item.id

// name: api_latest_assessments
// The latest assessment dated on or before `asOf` of each contact (contacts without none are absent).
// params: ids, asOf
MATCH (x:Assessment)-[:OF]->(c:Contact)
WHERE c.id IN $ids AND x.date <= $asOf
WITH c, max(x.date) AS latest
MATCH (y:Assessment {id: c.id + '@' + latest})
RETURN c.id AS key, y {.id, .contact, .date, .assessedBy, .acceptance, .participation,
       .projectSupport, .informationSharing, .guidance, .competitiveStance, .attitude, .score,
       .effectiveAttitude} AS item

// name: api_assessments_of_contacts
// Every assessment of each contact, oldest first.
// params: ids
MATCH (x:Assessment)-[:OF]->(c:Contact)
WHERE c.id IN $ids
RETURN c.id AS key, x {.id, .contact, .date, .assessedBy, .acceptance, .participation,
       .projectSupport, .informationSharing, .guidance, .competitiveStance, .attitude, .score,
       .effectiveAttitude} AS item
ORDER BY key, item.date

// name: api_key_contact_flags
// Whether each contact is a key contact (the contract's rule: fragments.cypher).
// params: ids, openStages
MATCH (c:Contact)
WHERE c.id IN $ids
RETURN c.id AS key, {{key_contact}} AS item

// name: api_decision_roles_of_contacts
// The decision-chain roles of each contact, with the opportunity.
// params: ids
MATCH (c:Contact)-[d:IN_DECISION_CHAIN]->(o:Opportunity)
WHERE c.id IN $ids
RETURN c.id AS key, d.role AS role, o {.id, .account, .name, .stage, .value, .closeDate} AS item
ORDER BY key, item.id

// name: api_decision_chain_of_opportunities
// The decision chain of each opportunity: contacts and their roles.
// params: ids
MATCH (c:Contact)-[d:IN_DECISION_CHAIN]->(o:Opportunity)
WHERE o.id IN $ids
RETURN o.id AS key, d.role AS role, c {.id, .account, .orgUnit, .name, .title, .rank, .function,
       .key, .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, role, item.id

// name: api_team_of_opportunities
// The opportunity team of each opportunity, with each member's role.
// params: ids
MATCH (s:Staff)-[t:ON_OPPORTUNITY_TEAM]->(o:Opportunity)
WHERE o.id IN $ids
RETURN o.id AS key, t.role AS role, s {.id, .name, .title, .rank, .role, .active} AS item
ORDER BY key, role, item.id

// name: api_managers_of_contacts
// The current managers (reporting lines current at `asOf`) of each contact, among contacts.
// params: ids, asOf
MATCH (c:Contact)-[l:REPORTS_TO]->(m:Contact)
WHERE c.id IN $ids
  AND (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
RETURN DISTINCT c.id AS key, m {.id, .account, .orgUnit, .name, .title, .rank, .function, .key,
       .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_reports_of_contacts
// The current direct reports (lines current at `asOf`) of each contact, among contacts.
// params: ids, asOf
MATCH (r:Contact)-[l:REPORTS_TO]->(c:Contact)
WHERE c.id IN $ids
  AND (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
RETURN DISTINCT c.id AS key, r {.id, .account, .orgUnit, .name, .title, .rank, .function, .key,
       .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_favors_of_contacts
// The competitors each contact favours, with the strength of the favour.
// params: ids
MATCH (c:Contact)-[f:FAVORS]->(k:Competitor)
WHERE c.id IN $ids
RETURN c.id AS key, f.strength AS strength, k {.id, .name} AS item
ORDER BY key, item.id

// name: api_owned_by_staff
// The contacts each staff member owns, with the owner role.
// params: ids
MATCH (s:Staff)-[o:OWNS]->(c:Contact)
WHERE s.id IN $ids
RETURN s.id AS key, o.role AS role, c {.id, .account, .orgUnit, .name, .title, .rank, .function,
       .key, .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id, role

// name: api_teams_of_staff
// The account teams each staff member is on, with the team role.
// params: ids
MATCH (s:Staff)-[t:ON_TEAM]->(a:Account)
WHERE s.id IN $ids
RETURN s.id AS key, t.role AS role, a {.id, .name, .tier, .partnership, .industry, .region} AS item
ORDER BY key, item.id, role

// name: api_sponsored_contacts_of_staff
// The contacts each staff member sponsors personally.
// params: ids
MATCH (s:Staff)-[:SPONSORS]->(c:Contact)
WHERE s.id IN $ids
RETURN s.id AS key, c {.id, .account, .orgUnit, .name, .title, .rank, .function, .key,
       .closeness, .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_sponsored_accounts_of_staff
// The accounts each staff member sponsors.
// params: ids
MATCH (s:Staff)-[:SPONSORS]->(a:Account)
WHERE s.id IN $ids
RETURN s.id AS key, a {.id, .name, .tier, .partnership, .industry, .region} AS item
ORDER BY key, item.id

// name: api_attendees_of_interactions
// The people who attended each interaction, each with their record: `staff` true for our staff,
// false for contacts.
// params: ids
MATCH (p:Person)-[:ATTENDED]->(i:Interaction)
WHERE i.id IN $ids
RETURN i.id AS key, p:Staff AS staff,
       p {.id, .account, .orgUnit, .name, .title, .rank, .role, .function, .key, .closeness,
          .socialStyle, .risingStar, .active, .email} AS item
ORDER BY key, item.id

// name: api_account_counts
// Plain counts per account for BI figures: contacts, active contacts, open
// opportunities and their summed value, and the ids of the team members. (Each pattern
// comprehension has its own variable names: FalkorDB confuses reused ones.)
// params: ids, openStages
MATCH (a:Account)
WHERE a.id IN $ids
RETURN a.id AS key,
       size([(c1:Contact)-[:WORKS_AT]->(a) | c1.id]) AS contacts,
       size([(c2:Contact)-[:WORKS_AT]->(a) WHERE c2.active = true | c2.id]) AS activeContacts,
       size([(o1:Opportunity)-[:FOR]->(a) WHERE o1.stage IN $openStages | o1.id])
         AS openOpportunities,
       reduce(total = 0.0, v IN [(o2:Opportunity)-[:FOR]->(a) WHERE o2.stage IN $openStages
              | coalesce(o2.value, 0)] | total + v) AS openPipelineValue,
       [(s:Staff)-[:ON_TEAM]->(a) | s.id] AS team
