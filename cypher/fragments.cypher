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
