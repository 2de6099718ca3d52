// API keys of the GraphQL API. A key is stored as the sha256 of its secret, never the
// secret itself; `accounts` is the list of account ids the key is limited to ([] = every account).

// name: api_key_create
// Store a new API key (its hash, role, account scope and sensitive-data permission).
// params: id, hash, role, accounts, sensitive, createdAt
CREATE (k:ApiKey {id: $id, hash: $hash, role: $role, accounts: $accounts,
                  sensitive: $sensitive, createdAt: $createdAt})
RETURN k.id AS id

// name: api_key_by_hash
// The key whose secret hashes to `hash` (revoked keys too: the caller checks revokedAt).
// params: hash
MATCH (k:ApiKey {hash: $hash})
RETURN k.id AS id, k.role AS role, k.accounts AS accounts, k.sensitive AS sensitive,
       k.createdAt AS createdAt, k.revokedAt AS revokedAt

// name: api_keys_list
// Every API key (without its hash), oldest first.
// params:
MATCH (k:ApiKey)
RETURN k.id AS id, k.role AS role, k.accounts AS accounts, k.sensitive AS sensitive,
       k.createdAt AS createdAt, k.revokedAt AS revokedAt
ORDER BY createdAt, id

// name: api_key_revoke
// Revoke a key (idempotent: a key revoked earlier keeps its first revocation time).
// params: id, revokedAt
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, $revokedAt)
RETURN k.id AS id, k.revokedAt AS revokedAt

// name: api_keys_delete
// Delete API keys by id for good (tests and housekeeping; users revoke instead).
// params: ids
MATCH (k:ApiKey)
WHERE k.id IN $ids
DETACH DELETE k
RETURN count(*) AS deleted
