// Fragments: the contract's rules that several statements need, written once. A statement uses
// one as {{name}}; relgraph.cypher expands it, and the statement's `// params:` line lists the
// fragment's params with its own. A fragment's variables have names of their own (FalkorDB can
// empty a pattern comprehension whose variable name another one reuses).

// fragment: key_contact
// Whether the contact `c` is a key contact: active, and flagged key, ranked S or A, or on the
// decision chain of an open opportunity (a stage in $openStages). The same rule in Python:
// relgraph.intel.common.is_key_contact.
// params: openStages
(c.active = true AND (c.key = true OR c.rank IN ['S', 'A']
  OR size([(c)-[:IN_DECISION_CHAIN]->(key_o:Opportunity) WHERE key_o.stage IN $openStages
           | key_o.id]) > 0))

// fragment: logged_bump
// The generation bump of a write that names what it touched, for the answers kept per account
// (relgraph.intel.generation.Changes): `tokens` ('a:<account id>' per account whose facts the
// write may change, 's:<staff id>' per staff member whose A roles it changes; nulls skipped),
// bound by the statement's last WITH, or null when the statement cannot tell. Besides adding 1
// to `value` (as the plain bump), it appends to `log` one entry '<value>:<token>' per token and
// a closing '<value>:', and keeps the entries of the last 32 generations. A null `tokens` or
// more than 100 log nothing: a reader takes a generation without its closing entry as a write
// that touched everything, as is every write that bumps without logging. One SET: both engines
// then read the value before the bump on the right-hand side (FalkorDB would in a second SET).
// params:
MERGE (generation:RelgraphMeta {id: 'generation'})
ON CREATE SET generation.epoch = randomUUID(), generation.value = 0
SET generation.log = [e IN coalesce(generation.log, [])
                      WHERE toInteger(split(e, ':')[0]) > generation.value + 1 - 32]
      + CASE WHEN tokens IS NULL OR size(tokens) > 100 THEN []
        ELSE [t IN tokens WHERE t IS NOT NULL | toString(generation.value + 1) + ':' + t]
             + [toString(generation.value + 1) + ':'] END,
    generation.value = generation.value + 1
