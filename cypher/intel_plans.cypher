// Key-relationship plans (relgraph.intel.plans): the cards with their owner, sponsor,
// opportunity, commitments and reviews, and the contact each is for with its assessments, for
// any number of accounts in one statement per batch. Dates are ISO strings; `end` is a Cypher
// keyword and is read as p.`end`. Every pattern comprehension reads node properties of one
// relationship type and has variable names of its own (the FalkorDB pitfalls of
// intel_facts.cypher).

// name: intel_plans
// The plans of the contacts of these accounts ($accounts; every account when null), narrowed
// to one contact ($contact) and to some plan ids ($plans) when those are not null, and to the
// plans that overlap [$since, $until] (start <= $until and end >= $since; null: no bound).
// Each with its contact and the contact's assessments up to $asOf, the staff who own and
// sponsor it, its opportunity, commitments, reviews and the staff who made the reviews.
// params: accounts, contact, plans, since, until, asOf
MATCH (p:Plan)-[:TARGETS]->(c:Contact)
WHERE ($accounts IS NULL OR c.account IN $accounts)
  AND ($contact IS NULL OR c.id = $contact)
  AND ($plans IS NULL OR p.id IN $plans)
  AND ($until IS NULL OR p.start <= $until)
  AND ($since IS NULL OR p.`end` >= $since)
{{plan_row}}

// name: intel_account_plans
// The plans of the contacts of these accounts that overlap [$since, $until] (null: no bound),
// as intel_plans: the gaps and figures of some accounts. From the contacts' account index, so
// that it costs the same whatever the size of the rest of the graph (intel_plans, which can be
// asked about every account, starts from every plan).
// params: accounts, since, until, asOf
MATCH (c:Contact)
WHERE c.account IN $accounts
WITH c
MATCH (p:Plan)-[:TARGETS]->(c)
WHERE ($until IS NULL OR p.start <= $until)
  AND ($since IS NULL OR p.`end` >= $since)
{{plan_row}}

// fragment: plan_row
// A plan `p` of the contact `c` as intel_plans returns it, in plan id order.
// params: asOf
RETURN p {.id, .owner, .sponsor, .opportunity, .start, .`end`, .targetAttitude, .goal,
          .principle, .reviewEveryDays} AS plan,
       c {.id, .name, .account, .orgUnit, .title, .rank, .active} AS contact,
       [(c)<-[:OF]-(pa:Assessment) WHERE pa.date <= $asOf | pa {.date, .effectiveAttitude,
                                                                .score}] AS assessments,
       [(po:Staff)-[:OWNS_PLAN]->(p) | po {.id, .name, .title, .rank, .role, .active}] AS owners,
       [(ps:Staff)-[:SPONSORS_PLAN]->(p) | ps {.id, .name, .title, .rank, .role,
                                              .active}] AS sponsors,
       [(p)-[:FOR_OPPORTUNITY]->(pf:Opportunity) | pf {.id, .name, .account}] AS opportunities,
       [(pm:Commitment)-[:OF_PLAN]->(p) | pm {.id, .text, .due, .doneOn}] AS commitments,
       [(pr:PlanReview)-[:REVIEWS]->(p) | pr {.id, .date, .reviewedBy, .onTrack, .gap,
                                             .remedy}] AS reviews,
       [(rv:Staff)-[:REVIEWED]->(rr:PlanReview)-[:REVIEWS]->(p) |
        {review: rr.id, staff: rv {.id, .name, .title, .rank, .role, .active}}] AS reviewers
ORDER BY plan.id

// name: intel_tier_reviews
// The tier reviews of one account dated up to $until, oldest first, each with the staff member
// who made it (the annual review's tier changes).
// params: account, until
MATCH (t:TierReview)
WHERE t.account = $account AND t.date <= $until
RETURN t {.id, .date, .tier, .note} AS review,
       [(tv:Staff)-[:REVIEWED]->(t) | tv {.id, .name, .title, .rank, .role, .active}] AS reviewers
ORDER BY review.date, review.id
