// Schema of the embedded FalkorDB engine: an exact-match index on `id` for every node label
// (required before a unique constraint), the unique constraints, and the indexes the queries use.
// One statement per line-group, separated by ';'. `relgraph schema apply` runs them; re-running is
// harmless (an existing index or constraint is skipped).
CREATE INDEX FOR (n:Account) ON (n.id);
CREATE INDEX FOR (n:OrgUnit) ON (n.id);
CREATE INDEX FOR (n:Person) ON (n.id);
CREATE INDEX FOR (n:Contact) ON (n.id);
CREATE INDEX FOR (n:Staff) ON (n.id);
CREATE INDEX FOR (n:Interaction) ON (n.id);
CREATE INDEX FOR (n:Assessment) ON (n.id);
CREATE INDEX FOR (n:Competitor) ON (n.id);
CREATE INDEX FOR (n:Opportunity) ON (n.id);
CREATE INDEX FOR (n:ApiKey) ON (n.id);
CREATE INDEX FOR (n:RelgraphMeta) ON (n.id);
CREATE INDEX FOR (n:Contact) ON (n.account);
CREATE INDEX FOR (n:OrgUnit) ON (n.account);
CREATE INDEX FOR (n:Opportunity) ON (n.account);
CREATE INDEX FOR (n:Interaction) ON (n.account);
CREATE INDEX FOR (n:Interaction) ON (n.date);
CREATE INDEX FOR (n:Assessment) ON (n.contact);
CREATE INDEX FOR (n:ApiKey) ON (n.hash);
GRAPH.CONSTRAINT CREATE UNIQUE NODE Account PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE OrgUnit PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Person PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Contact PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Staff PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Interaction PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Assessment PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Competitor PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE Opportunity PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE ApiKey PROPERTIES 1 id;
GRAPH.CONSTRAINT CREATE UNIQUE NODE RelgraphMeta PROPERTIES 1 id;
