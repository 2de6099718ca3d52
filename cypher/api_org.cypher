// Reads of the GraphQL API about the client as a company, for the per-request DataLoaders
// (`$ids` in, one row per (key, item) out).

// name: api_tier_reviews_of_accounts
// The tier reviews of these accounts (their tier history), by date.
// params: ids
MATCH (t:TierReview)
WHERE t.account IN $ids
RETURN t.account AS key, t.date AS date, t.id AS id,
       t {.id, .date, .tier, .reviewedBy, .note} AS item
ORDER BY key, date, id
