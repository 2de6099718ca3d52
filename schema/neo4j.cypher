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
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT commitment_id IF NOT EXISTS FOR (n:Commitment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_review_id IF NOT EXISTS FOR (n:PlanReview) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_action_id IF NOT EXISTS FOR (n:OrgAction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT department_assessment_id IF NOT EXISTS FOR (n:DepartmentAssessment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tier_review_id IF NOT EXISTS FOR (n:TierReview) REQUIRE n.id IS UNIQUE;
CREATE INDEX contact_account IF NOT EXISTS FOR (n:Contact) ON (n.account);
CREATE INDEX org_unit_account IF NOT EXISTS FOR (n:OrgUnit) ON (n.account);
CREATE INDEX opportunity_account IF NOT EXISTS FOR (n:Opportunity) ON (n.account);
CREATE INDEX interaction_account IF NOT EXISTS FOR (n:Interaction) ON (n.account);
CREATE INDEX interaction_date IF NOT EXISTS FOR (n:Interaction) ON (n.date);
CREATE INDEX assessment_contact IF NOT EXISTS FOR (n:Assessment) ON (n.contact);
CREATE INDEX api_key_hash IF NOT EXISTS FOR (n:ApiKey) ON (n.hash);
CREATE INDEX plan_contact IF NOT EXISTS FOR (n:Plan) ON (n.contact);
CREATE INDEX commitment_plan IF NOT EXISTS FOR (n:Commitment) ON (n.plan);
CREATE INDEX plan_review_plan IF NOT EXISTS FOR (n:PlanReview) ON (n.plan);
CREATE INDEX org_action_account IF NOT EXISTS FOR (n:OrgAction) ON (n.account);
CREATE INDEX department_assessment_org_unit IF NOT EXISTS FOR (n:DepartmentAssessment) ON (n.orgUnit);
CREATE INDEX tier_review_account IF NOT EXISTS FOR (n:TierReview) ON (n.account);
