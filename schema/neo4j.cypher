// Schema of Neo4j 5: a unique `id` for every node label of the model (the constraint also
// gives the index MERGE uses), and the indexes the queries use. Statements end with ';'.
// `relgraph schema apply` runs them; IF NOT EXISTS makes re-running harmless.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_unit_id IF NOT EXISTS FOR (n:OrgUnit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT staff_id IF NOT EXISTS FOR (n:Staff) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (n:Interaction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT assessment_id IF NOT EXISTS FOR (n:Assessment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT competitor_id IF NOT EXISTS FOR (n:Competitor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relgraph_meta_id IF NOT EXISTS FOR (n:RelgraphMeta) REQUIRE n.id IS UNIQUE;
CREATE INDEX contact_account IF NOT EXISTS FOR (n:Contact) ON (n.account);
CREATE INDEX org_unit_account IF NOT EXISTS FOR (n:OrgUnit) ON (n.account);
CREATE INDEX opportunity_account IF NOT EXISTS FOR (n:Opportunity) ON (n.account);
CREATE INDEX interaction_account IF NOT EXISTS FOR (n:Interaction) ON (n.account);
CREATE INDEX interaction_date IF NOT EXISTS FOR (n:Interaction) ON (n.date);
CREATE INDEX assessment_contact IF NOT EXISTS FOR (n:Assessment) ON (n.contact);
CREATE INDEX api_key_hash IF NOT EXISTS FOR (n:ApiKey) ON (n.hash);
