"""The GraphQL types, by kind: `enums` (the contract's vocabularies), `relay` (connections),
`findings` (coverage gaps and account figures), `records` (the graph's records and their
nested fields), `answers` (what the MCR questions answer), `inputs` (records to write),
`results` (what writes and key management answer)."""

# The model's enums are registered as GraphQL enums before any type refers to them.
from relgraph.api.types import enums as enums
