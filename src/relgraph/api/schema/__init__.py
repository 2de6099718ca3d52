"""The GraphQL schema: root queries (docs/CONTRACT.md §2 and the BI lists), mutations, key admin.

The root types are put together here from one module per area: `keys` (who asks, the API
keys), `records` (records by id and Relay lists), `questions` (the MCR questions), `org` (the
client as a company: its questions and records) and `mutations`.

Access rules (API keys, relgraph.api.auth):
- Every operation needs a valid key (`Authorization: Bearer SECRET`), except on a server started
  with the development flag (loopback only). Missing, unknown or revoked: UNAUTHENTICATED.
- `reader` reads; `editor` also writes (FORBIDDEN otherwise); `admin` also manages keys.
- A key limited to accounts sees only those accounts and their records (org units, contacts,
  opportunities, interactions whose `account` is one of them, assessments of their contacts):
  in lists and their `totalCount`, in nested fields, in every analysis. A record it may not see
  answers like one that does not exist: null for `account(id)`, `contact(id)`,
  `staffMember(id)`, NOT_FOUND for the id an analysis is about.
- Staff are our own people. A limited key sees the staff members engaged on its accounts: on
  the account team, account or personal sponsor, owner or asserted KNOWS of one of its contacts,
  on an opportunity team, or attendee of an interaction about one of its accounts or with one of
  its contacts; and of them only what concerns its accounts (owns, teams, sponsorships). An
  influence path is withheld when any person on it is not visible to the key. Gap findings of
  a visible account are shown whole: their suggestions may name any of our staff members.
- Sensitive personal attributes (`Contact.socialStyle`) need the key's `sensitive` permission:
  without it the field is null with a FORBIDDEN error, writing it is FORBIDDEN, and an upsert
  keeps the stored value.
"""

from __future__ import annotations

import strawberry

from relgraph.api.schema.keys import KeyQueries, ViewerQuery
from relgraph.api.schema.mutations import RecordMutations
from relgraph.api.schema.org import OrgMutations, OrgQueries
from relgraph.api.schema.questions import QuestionQueries
from relgraph.api.schema.records import RecordQueries

__all__ = ["Mutation", "Query"]


@strawberry.type(description="Read the relationship graph and ask the MCR questions.")
class Query(ViewerQuery, RecordQueries, QuestionQueries, OrgQueries, KeyQueries):
    """The root query: the fields of the areas, in the order viewer, records, questions, the
    client as a company, keys."""


@strawberry.type(description=(
    "Write the graph (editor keys): upserts validated exactly like an import (every problem "
    "listed in `extensions.problems`, nothing written on error), owner and sponsor changes, "
    "whole documents, and key management (admin keys)."))
class Mutation(RecordMutations, OrgMutations):
    """The root mutation: the record mutations, then those of the client as a company."""
