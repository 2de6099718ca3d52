"""The contract's vocabularies as GraphQL enums, registered in place: the types use
`model.Tier` (and the others) directly. The GraphQL value is the member's name
(STRATEGIC_PARTNER for the document's `strategic_partner`, DECISION_MAKER, FORMAL_VISIT, ...)."""

from __future__ import annotations

import strawberry

from relgraph import model
from relgraph.intel import types as answers

strawberry.enum(model.Tier, description="Account tier: S strategic, A partner, B, C.")
strawberry.enum(model.Partnership, description="Partnership level of an account.")
strawberry.enum(
    model.Rank, description="Position rank: S chairman/CEO/board, A CXO/VP, B director, C manager.")
strawberry.enum(model.StaffRole, description="What one of our staff members does.")
strawberry.enum(model.TeamRole, description="Iron-triangle role on a team.")
strawberry.enum(model.OwnerRole, description="Relationship-owner role (A, B, C).")
strawberry.enum(model.Stage, description="Opportunity stage (LTC); open = not WON/LOST.")
strawberry.enum(model.ChainRole, description="Role on an opportunity's decision chain.")
strawberry.enum(model.Layer, description="Relationship layer of an interaction.")
strawberry.enum(model.InteractionType, description="Kind of interaction.")
strawberry.enum(model.GapKind, description="Kind of coverage gap (the coverage rules).")
strawberry.enum(model.Severity, description="Severity of a coverage gap.")
strawberry.enum(answers.Side, description="OURS: our staff; THEIRS: a client contact.")
strawberry.enum(answers.LinkType, description="Kind of link on an influence path.")
